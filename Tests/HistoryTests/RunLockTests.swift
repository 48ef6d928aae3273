import Foundation
import Testing

@testable import History

// Serialized: a child process spawned by one test holds copies of this process's descriptors for
// a moment between fork and exec, which would keep another test's lock alive for that moment.
@Suite(.serialized) struct RunLockTests {
  typealias F = HistoryFixtures

  @Test func aSecondHolderIsRefusedUntilTheFirstLetsGo() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let db = folder + "/history.sqlite"
    var first: RunLock? = try RunLock(databasePath: db, site: F.site, startedAt: "T1")
    #expect(first?.recoveredFromPID == nil)
    do {
      _ = try RunLock(databasePath: db, site: F.site, startedAt: "T2")
      Issue.record("took a lock that is held")
    } catch {
      #expect(
        error
          == .held(
            lockPath: RunLock.lockPath(databasePath: db, site: F.site), site: F.site,
            holderPID: getpid(), since: "T1"))
      #expect(error.description.hasPrefix("another oitcheck run (pid \(getpid()), started T1)"))
    }
    // Another site, or another database, is a different lock.
    _ = try RunLock(databasePath: db, site: "https://other.go.th/", startedAt: "T2")
    _ = try RunLock(databasePath: folder + "/other.sqlite", site: F.site, startedAt: "T2")
    first = nil
    // Other suites spawn processes; one caught between fork and exec briefly shares the closed
    // descriptor, so allow it a bounded moment to exec.
    var second: RunLock? = nil
    for _ in 0..<40 where second == nil {
      second = try? RunLock(databasePath: db, site: F.site, startedAt: "T3")
      if second == nil { try await Task.sleep(for: .milliseconds(50)) }
    }
    let taken = try #require(second)
    #expect(taken.recoveredFromPID == nil)
    #expect(first == nil)
  }

  @Test func concurrentThreadsGetExactlyOneLock() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let db = folder + "/history.sqlite"
    let locks = await withTaskGroup(of: RunLock?.self) { group in
      for _ in 0..<8 {
        group.addTask { try? RunLock(databasePath: db, site: F.site, startedAt: "T") }
      }
      var held: [RunLock] = []
      for await lock in group { if let lock { held.append(lock) } }
      return held
    }
    #expect(locks.count == 1)
  }

  /// A real second process holds the lock, then dies by SIGKILL: its lock must not outlive it.
  @Test func aLockFromAKilledProcessIsRecovered() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let db = folder + "/history.sqlite"
    let path = RunLock.lockPath(databasePath: db, site: F.site)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/bin/sh")
    // The shell records its pid as RunLock does, then becomes flock(1), which holds the lock
    // itself (-o: its child does not inherit it) until it is killed. The child waits for the end
    // of our pipe, so it ends with the test instead of lingering.
    holder.arguments = [
      "-c", "printf '%s\\n2026-11-25T02:00:00Z\\n' $$ > \"$0\"; exec flock -o \"$0\" cat",
      path,
    ]
    let input = Pipe()
    holder.standardInput = input
    holder.standardOutput = FileHandle.nullDevice
    try holder.run()
    defer { try? input.fileHandleForWriting.close() }
    defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
    // Wait (bounded: 10 s) until the holder has the lock, probing without touching the record.
    for _ in 0..<200 where !isLocked(path) { try await Task.sleep(for: .milliseconds(50)) }
    var refusal: RunLockError? = nil
    do {
      _ = try RunLock(databasePath: db, site: F.site, startedAt: "T")
    } catch {
      refusal = error
    }
    #expect(
      refusal
        == .held(
          lockPath: path, site: F.site, holderPID: holder.processIdentifier,
          since: "2026-11-25T02:00:00Z"))
    kill(holder.processIdentifier, SIGKILL)
    try input.fileHandleForWriting.close()
    holder.waitUntilExit()
    let lock = try RunLock(databasePath: db, site: F.site, startedAt: "T")
    #expect(lock.recoveredFromPID == holder.processIdentifier)
  }

  /// True when some open file description holds a lock on `path`.
  func isLocked(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return flock(fd, LOCK_EX | LOCK_NB) != 0
  }
}
