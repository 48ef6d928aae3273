import AuditCore
import Crawling
import Foundation
import Testing

/// The header goes into room kept at the top of the file; a header too long for it is copied
/// in front of the records instead. Either way SnapshotReader reads the same snapshot.
struct SnapshotWriterTests {
  func records() -> [SnapshotRecord] {
    (0..<500).map { i in
      .page(
        PageFacts(
          url: "https://t.go.th/p/\(i).html", status: 200, title: "หน้า \(i)",
          text: String(repeating: "ข่าวประชาสัมพันธ์ ", count: 40), depth: 1))
    }
  }

  func write(notes: [String], in dir: String) throws -> (Snapshot, String) {
    let path = dir + "/snap.jsonl"
    let writer = try SnapshotWriter(path: path)
    for record in records() { writer.append(SnapshotWriter.line(record)) }
    var coverage = Coverage()
    coverage.pagesFetched = 500
    coverage.notes = notes
    try writer.finish(
      header: SnapshotHeader(
        startURL: "https://t.go.th/", options: [:], startedAt: "t0", endedAt: "t1",
        coverage: coverage))
    return (try SnapshotReader.read(path: path), path)
  }

  func directory() throws -> String {
    let dir = NSTemporaryDirectory() + "/snapshot-writer-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test(arguments: [0, 40, 2000])
  func headerThenEveryRecord(noteCount: Int) throws {
    let dir = try directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let notes = (0..<noteCount).map { "หมายเหตุ \($0): robots.txt of t.go.th answered HTTP 503" }
    let (snapshot, path) = try write(notes: notes, in: dir)
    #expect(snapshot.header.coverage.notes == notes)
    #expect(snapshot.pages.count == 500)
    #expect(snapshot.pages.last?.url == "https://t.go.th/p/499.html")
    // Only the snapshot is left, and its first line is the whole header.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["snap.jsonl"])
    let firstLine = try #require(
      try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
    let header = try JSONDecoder().decode(SnapshotHeader.self, from: Data(firstLine.utf8))
    #expect(header.coverage.pagesFetched == 500)
  }

  @Test func abandonLeavesTheOldSnapshot() throws {
    let dir = try directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/snap.jsonl"
    try "old".write(toFile: path, atomically: true, encoding: .utf8)
    let writer = try SnapshotWriter(path: path)
    writer.append(SnapshotWriter.line(records()[0]))
    writer.abandon()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["snap.jsonl"])
  }
}
