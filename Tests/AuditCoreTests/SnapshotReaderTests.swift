import Foundation
import Testing

@testable import AuditCore

@Suite struct SnapshotReaderTests {
  static let header =
    #"{"schema":"oitcheck.snapshot/1","startURL":"https://t.go.th/","options":{},"#
    + #""version":"0.1.0","startedAt":"2026-03-31T02:00:00Z","#
    + #""endedAt":"2026-03-31T02:10:00Z","coverage":{"#
    + #""pagesFetched":1,"pagesFailed":0,"attachmentsChecked":1,"limitsHit":[],"robotsBlocked":[],"#
    + #""notes":[]}}"#

  /// A page, then every other record type, as the crawler writes them.
  static func lines() throws -> [String] {
    let encoder = JSONEncoder()
    let records: [SnapshotRecord] = [
      .page(PageFacts(url: "https://t.go.th/", status: 200, title: "หน้าแรก")),
      .attachment(AttachmentFacts(url: "https://t.go.th/a.pdf", status: 200, size: 10)),
      .failure(FailureFacts(url: "https://t.go.th/x", error: "http", message: "404", status: 404)),
      .offsite(
        OffsiteLink(url: "https://forms.gle/x", text: "E-Service", page: "https://t.go.th/")),
      .skipped(SkippedFacts(url: "https://t.go.th/admin", reason: "robots")),
    ]
    return try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
  }

  func write(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("snapshot-\(UUID().uuidString).jsonl").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func readsEveryRecordType() throws {
    let path = try write(([Self.header] + (try Self.lines())).joined(separator: "\n") + "\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let s = try SnapshotReader.read(path: path)
    #expect(s.header.startURL == "https://t.go.th/")
    #expect(s.pages.map(\.title) == ["หน้าแรก"])
    #expect(s.attachments.count == 1 && s.failures.count == 1)
    #expect(s.offsite.count == 1 && s.skipped.count == 1)
  }

  @Test func blankLinesAndCRLFAreAccepted() throws {
    let body = ([Self.header, ""] + (try Self.lines())).joined(separator: "\r\n")
    let s = try SnapshotReader.parse(Data(body.utf8), path: "x.jsonl")
    #expect(s.pages.count == 1)
  }

  @Test func aBadLineNamesItsNumber() throws {
    let body = [Self.header, try Self.lines()[0], #"{"type":"page","url":"u"}"#]
      .joined(separator: "\n")
    #expect(throws: SnapshotReadError.self) {
      try SnapshotReader.parse(Data(body.utf8), path: "s.jsonl")
    }
    do {
      _ = try SnapshotReader.parse(Data(body.utf8), path: "s.jsonl")
    } catch {
      #expect(error.description.hasPrefix("s.jsonl:3: "))
      #expect(error.description.contains("status"))
      #expect(!error.description.contains("\n"))
    }
  }

  /// Records are decoded in parallel chunks: order is kept, and the first bad line is named.
  @Test func manyRecordsKeepTheirOrderAndTheFirstBadLineIsNamed() throws {
    let page = try Self.lines()[0]
    var body = [Self.header]
    for i in 0..<3000 { body.append(page.replacingOccurrences(of: "หน้าแรก", with: "p\(i)")) }
    let s = try SnapshotReader.parse(Data(body.joined(separator: "\n").utf8), path: "m")
    #expect(s.pages.map(\.title) == (0..<3000).map { "p\($0)" })
    body[2500] = "{"
    body[2900] = "{"
    do {
      _ = try SnapshotReader.parse(Data(body.joined(separator: "\n").utf8), path: "m")
      Issue.record("a bad line was accepted")
    } catch {
      #expect(error.description.hasPrefix("m:2501: "))
    }
  }

  /// A shared link set may come after the page that names it; one never defined is an error.
  @Test func linkSetsAreResolvedAfterTheWholeFile() throws {
    let page = #"{"type":"page","url":"https://t.go.th/","status":200,"title":"t","headings":[],"#
      + #""links":[],"linkSets":[3],"dates":[],"depth":0}"#
    let set = #"{"type":"links","id":3,"links":[{"url":"https://t.go.th/a","text":"A","region":"nav"}]}"#
    let s = try SnapshotReader.parse(Data([Self.header, page, set].joined(separator: "\n").utf8), path: "l")
    #expect(s.links(of: s.pages[0]).map(\.text) == ["A"])
    #expect(throws: SnapshotReadError.undefinedLinkSet(path: "l", id: 3)) {
      try SnapshotReader.parse(Data([Self.header, page].joined(separator: "\n").utf8), path: "l")
    }
  }

  @Test func anUnknownRecordTypeIsABadLine() throws {
    let body = [Self.header, #"{"type":"cookie"}"#].joined(separator: "\n")
    #expect(throws: SnapshotReadError.self) { try SnapshotReader.parse(Data(body.utf8), path: "s") }
  }

  @Test(arguments: [
    (#"{"schema":"oitcheck.snapshot/2"}"#, "oitcheck.snapshot/2"),
    (#"{"startURL":"x"}"#, "none"),
  ])
  func aWrongSchemaIsRejected(_ first: String, _ found: String) {
    #expect(throws: SnapshotReadError.wrongSchema(path: "s", found: found)) {
      try SnapshotReader.parse(Data(first.utf8), path: "s")
    }
  }

  @Test func emptyAndMissingFiles() {
    #expect(throws: SnapshotReadError.empty(path: "s")) {
      try SnapshotReader.parse(Data("\n\n".utf8), path: "s")
    }
    #expect(throws: SnapshotReadError.self) {
      try SnapshotReader.read(path: "/nonexistent/oitcheck-snapshot.jsonl")
    }
  }
}
