import Foundation

/// Why a run could not take its lock.
public enum RunLockError: Error, Equatable, CustomStringConvertible {
  /// Another live process holds the lock; the new run must stop at once (exit 75).
  case held(lockPath: String, site: String, holderPID: Int32?, since: String?)
  /// The lock file could not be created or locked.
  case unusable(lockPath: String, reason: String)

  public var description: String {
    switch self {
    case .held(let path, let site, let pid, let since):
      "another oitcheck run"
        + (pid.map { " (pid \($0)" + (since.map { ", started \($0)" } ?? "") + ")" } ?? "")
        + " is auditing \(site) with this history; stopping (lock \(path))"
    case .unusable(let path, let reason): "cannot take the run lock \(path): \(reason)"
    }
  }
}

/// An exclusive lock for one site and one history database, held while its object lives.
///
/// It is a `flock(2)` on a small file beside the database. The kernel drops the lock when the
/// holder dies, even by `kill -9`, so a stale lock needs no clean-up: the file only keeps the
/// holder's pid and start time for the message a second run prints. Owns a file descriptor,
/// hence a class; immutable after `init`, hence Sendable.
public final class RunLock: Sendable {
  /// The lock file.
  public let path: String
  /// The pid of a dead holder whose record this lock replaced, for a log line.
  public let recoveredFromPID: Int32?
  private let fd: Int32

  /// The lock file of `site` beside `databasePath`: `history.sqlite.<host>-<hash>.lock`.
  public static func lockPath(databasePath: String, site: String) -> String {
    let host = URL(string: site)?.host ?? "site"
    let safe = String(
      host.unicodeScalars.map { scalar in
        CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "-"
          ? Character(scalar) : "_"
      })
    return "\(databasePath).\(safe)-\(SHA256.hex(Array(site.utf8)).prefix(10)).lock"
  }

  /// Takes the lock or throws `.held` at once; never waits.
  /// - Parameters:
  ///   - startedAt: written into the file for a second run's message (ISO 8601).
  public init(databasePath: String, site: String, startedAt: String) throws(RunLockError) {
    let path = Self.lockPath(databasePath: databasePath, site: site)
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .unusable(lockPath: path, reason: Self.errnoText()) }
    // > "A call to flock() may block if an incompatible lock is held by another process. To make
    // > a nonblocking request, include LOCK_NB" (flock(2)). Locks belong to the open file
    // > description, so a second open in this very process conflicts too.
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      let holder = Self.readRecord(fd)
      close(fd)
      if code == EWOULDBLOCK {
        throw .held(lockPath: path, site: site, holderPID: holder.pid, since: holder.since)
      }
      throw .unusable(lockPath: path, reason: String(cString: strerror(code)))
    }
    let previous = Self.readRecord(fd)
    // We hold the lock, so whoever wrote the old record is gone (or is this process, reopening).
    self.recoveredFromPID = previous.pid.flatMap { $0 == getpid() ? nil : $0 }
    let record = "\(getpid())\n\(startedAt)\n\(site)\n"
    ftruncate(fd, 0)
    _ = record.withCString { pwrite(fd, $0, strlen($0), 0) }
    self.fd = fd
  }

  deinit {
    // Empty the record first, so nobody reads a pid that no longer holds anything.
    ftruncate(fd, 0)
    close(fd)
  }

  private static func readRecord(_ fd: Int32) -> (pid: Int32?, since: String?) {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = pread(fd, &buffer, buffer.count, 0)
    guard count > 0 else { return (nil, nil) }
    let lines = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n")
    let pid = lines.first.flatMap { Int32($0) }
    let since = lines.count > 1 ? String(lines[1]) : nil
    return (pid, since)
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
