import Foundation
import Testing

@testable import History

@Suite struct ReportFoldersTests {
  typealias F = HistoryFixtures
  let fm = FileManager.default

  @Test func foldersAreNamedByTheLocalMinute() throws {
    let date = Date(timeIntervalSince1970: 1_795_546_800)  // 2026-11-24T19:00:00Z
    let bangkok = try #require(TimeZone(identifier: "Asia/Bangkok"))
    #expect(ReportFolders.folderName(for: date, timeZone: bangkok) == "2026-11-25T0200")
    #expect(ReportFolders.folderName(for: date, timeZone: .gmt) == "2026-11-24T1900")
    #expect(ReportFolders.isDatedName("2026-11-25T0200"))
    #expect(ReportFolders.isDatedName("2026-11-25T0200-2"))
    #expect(!ReportFolders.isDatedName("latest"))
    #expect(!ReportFolders.isDatedName(".partial-2026-11-25T0200-12"))
  }

  @Test func publishesWholeFoldersAndMovesLatest() throws {
    let root = try F.temporaryFolder() + "/out"
    defer { try? fm.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
    let first = try ReportFolders.publish(
      root: root, name: "2026-11-24T0200",
      files: [
        "report.json": Data("{}".utf8), "report.txt": Data("ok".utf8),
        "units/01-กองคลัง.md": Data("- O11".utf8),
      ])
    #expect(first == root + "/2026-11-24T0200")
    #expect(try fm.destinationOfSymbolicLink(atPath: root + "/latest") == "2026-11-24T0200")
    #expect(try String(contentsOfFile: root + "/latest/report.txt", encoding: .utf8) == "ok")
    #expect(fm.fileExists(atPath: root + "/latest/units/01-กองคลัง.md"))
    #expect(throws: ReportFolderError.self) {
      try ReportFolders.publish(root: root, name: "2026-11-24T0300", files: ["../evil": Data()])
    }
    #expect(
      !fm.fileExists(atPath: root + "/evil") && !fm.fileExists(atPath: root + "/2026-11-24T0300"))
    let second = try ReportFolders.publish(
      root: root, name: "2026-11-24T0200", files: ["report.txt": Data("again".utf8)])
    #expect(second == root + "/2026-11-24T0200-2")
    #expect(try String(contentsOfFile: root + "/latest/report.txt", encoding: .utf8) == "again")
    // Nothing temporary is left beside the reports.
    #expect(
      try fm.contentsOfDirectory(atPath: root).sorted() == [
        "2026-11-24T0200", "2026-11-24T0200-2", "latest",
      ])
  }

  @Test func aFailedFillLeavesNoFolderAndKeepsLatest() throws {
    let root = try F.temporaryFolder() + "/out"
    defer { try? fm.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
    _ = try ReportFolders.publish(root: root, name: "2026-11-24T0200", files: ["a": Data()])
    #expect(throws: ReportFolderError.self) {
      try ReportFolders.publish(root: root, name: "2026-11-25T0200") {
        (folder: String) throws(ReportFolderError) in
        try ReportFolders.writeSynced(Data("half".utf8), to: folder + "/a")
        throw .io(path: folder, reason: "disk full")
      }
    }
    #expect(try fm.contentsOfDirectory(atPath: root).sorted() == ["2026-11-24T0200", "latest"])
    #expect(try fm.destinationOfSymbolicLink(atPath: root + "/latest") == "2026-11-24T0200")
  }

  @Test func aDeadRunsPartialFolderIsRemoved() throws {
    let root = try F.temporaryFolder() + "/out"
    defer { try? fm.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
    let dead = root + "/.partial-2026-11-24T0200-\(try unusedPID())"
    let alive = root + "/.partial-2026-11-24T0300-1"  // pid 1 is always running
    try fm.createDirectory(atPath: dead, withIntermediateDirectories: true)
    try fm.createDirectory(atPath: alive, withIntermediateDirectories: true)
    _ = try ReportFolders.publish(root: root, name: "2026-11-25T0200", files: ["a": Data()])
    #expect(!fm.fileExists(atPath: dead))
    #expect(fm.fileExists(atPath: alive))
  }

  /// A pid no process has now, found from the top of the pid range (no child is spawned: see
  /// RunLockTests on why spawning races with locks).
  func unusedPID() throws -> Int32 {
    let maxText = try String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)
    let max = try #require(Int32(maxText.trimmingCharacters(in: .whitespacesAndNewlines)))
    for pid in stride(from: max - 1, to: max - 1000, by: -1)
    where kill(pid, 0) != 0 && errno == ESRCH {
      return pid
    }
    throw CancellationError()
  }

  @Test func pruneKeepsTheNewestN() throws {
    let root = try F.temporaryFolder() + "/out"
    defer { try? fm.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
    for day in 20...24 {
      _ = try ReportFolders.publish(root: root, name: "2026-11-\(day)T0200", files: ["a": Data()])
    }
    try fm.createDirectory(atPath: root + "/notes", withIntermediateDirectories: true)
    let removed = try ReportFolders.prune(root: root, keep: 2)
    #expect(removed == ["2026-11-20T0200", "2026-11-21T0200", "2026-11-22T0200"])
    #expect(
      try fm.contentsOfDirectory(atPath: root).sorted() == [
        "2026-11-23T0200", "2026-11-24T0200", "latest", "notes",
      ])
    // keep 0 still keeps what latest points at.
    #expect(try ReportFolders.prune(root: root, keep: 0) == ["2026-11-23T0200"])
    #expect(fm.fileExists(atPath: root + "/latest/a"))
  }
}
