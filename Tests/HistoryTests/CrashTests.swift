import AuditCore
import Foundation
import Testing

@testable import History

/// `kill -9` in the middle of recording runs: the history keeps whole runs only, stays intact,
/// and the lock of the killed process does not block the next run.
///
/// The writer is this test binary itself, started again with only `crashWriter` selected and
/// `OITCHECK_CRASH_DB` set; it records large runs until it is killed.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct CrashTests {
  typealias F = HistoryFixtures
  static let itemCount = 60
  static let pageCount = 500

  static func bigRun(_ round: Int) -> (AuditReport, Snapshot) {
    let items = (0..<itemCount).map { i in
      F.item("o\(i)", (i + round) % 3 == 0 ? .pass : .missing, evidence: [F.site + "p\(i)"])
    }
    let pages = (0..<pageCount).map { i in
      PageFacts(
        url: F.site + "p\(i)", status: 200, title: "หน้า \(i)",
        text: String(repeating: "ข่าวประชาสัมพันธ์ รอบ \(round) ", count: 20), etag: "\"\(i)-\(round)\""
      )
    }
    return (F.report(items), F.snapshot(pages: pages))
  }

  /// Not a test on its own: the body of the child process `killedMidWriteKeepsWholeRunsOnly`
  /// starts. Returns at once in a normal test run.
  @Test func crashWriter() throws {
    guard let db = ProcessInfo.processInfo.environment["OITCHECK_CRASH_DB"] else { return }
    let lock = try RunLock(databasePath: db, site: F.site, startedAt: "writer")
    let store = try HistoryStore(path: db)
    for round in 0..<10_000 {  // bounded; the parent kills it long before
      let (report, snapshot) = Self.bigRun(round)
      _ = try store.record(report: report, snapshot: snapshot)
    }
    withExtendedLifetime(lock) {}
  }

  @Test func killedMidWriteKeepsWholeRunsOnly() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let db = folder + "/history.sqlite"
    let lockPath = RunLock.lockPath(databasePath: db, site: F.site)
    let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    var killedPIDs: [Int32] = []
    for round in 0..<4 {
      let writer = Process()
      // At the lowest priority, so the writer does not starve timing tests running beside it.
      writer.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
      writer.arguments = [
        "-n", "19", me, "--testing-library", "swift-testing", "--filter", "crashWriter",
      ]
      writer.environment = ProcessInfo.processInfo.environment.merging([
        "OITCHECK_CRASH_DB": db
      ]) { $1 }
      writer.standardOutput = FileHandle.nullDevice
      writer.standardError = FileHandle.nullDevice
      try writer.run()
      // Bounded waits: the writer takes its lock and commits one more run; it is then killed a
      // moment into the next one (a run takes far longer than that moment to write).
      for _ in 0..<400 where !Self.isLocked(lockPath) {
        try await Task.sleep(for: .milliseconds(50))
      }
      #expect(Self.isLocked(lockPath), "round \(round): the writer never took its lock")
      // Opening checks the schema under the write lock, so it may wait out one transaction.
      let reader = try HistoryStore(path: db)
      let before = try reader.runs(limit: 100_000).count
      for _ in 0..<600 where try reader.runs(limit: 100_000).count == before {
        try await Task.sleep(for: .milliseconds(20))
      }
      try await Task.sleep(for: .milliseconds(20 + round * 60))
      kill(writer.processIdentifier, SIGKILL)
      writer.waitUntilExit()
      #expect(writer.terminationReason == .uncaughtSignal, "round \(round): writer ended early")
      killedPIDs.append(writer.processIdentifier)
    }
    // The next run takes the lock at once and learns whose it was.
    let lock = try RunLock(databasePath: db, site: F.site, startedAt: "after")
    #expect(lock.recoveredFromPID == killedPIDs.last)
    let store = try HistoryStore(path: db)
    let runs = try store.runs(limit: 100_000)
    // Each writer committed at least one run before it was killed part-way into another.
    #expect(runs.count >= 4)
    for run in runs {
      #expect(try store.items(runID: run.id).count == Self.itemCount)
      #expect(try store.urlFacts(runID: run.id).count == Self.pageCount)
    }
    // And the file is sound: SQLite's own check, then one more whole run on top.
    let (report, snapshot) = Self.bigRun(99)
    let next = try store.record(report: report, snapshot: snapshot)
    #expect(try store.items(runID: next.id).count == Self.itemCount)
    #expect(try integrity(db) == "ok")
  }

  func integrity(_ path: String) throws -> String? {
    try HistoryStore(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check")
    }
  }

  static func isLocked(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return flock(fd, LOCK_EX | LOCK_NB) != 0
  }
}
