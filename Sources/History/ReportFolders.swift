import Foundation

/// Why a report folder could not be published or pruned.
public enum ReportFolderError: Error, Equatable, CustomStringConvertible {
  case io(path: String, reason: String)

  public var description: String {
    switch self {
    case .io(let path, let reason): "cannot write reports to \(path): \(reason)"
    }
  }
}

/// Dated report folders under one output folder: `OUT/2026-11-25T0200/`, `OUT/latest` → newest.
///
/// A folder is filled under a hidden temporary name and renamed whole, and `latest` is replaced by
/// renaming a new symlink over it, so a reader (or a run killed half-way) never sees a partial
/// report: only complete dated folders and leftover `.partial-*` folders, which the next publish
/// removes.
public enum ReportFolders {
  /// The name of `latest`, the symlink to the newest folder.
  public static let latestName = "latest"
  static let partialPrefix = ".partial-"

  /// `2026-11-25T0200`: the minute the run started, in the given time zone (cron's local time).
  public static func folderName(for date: Date, timeZone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
    return String(format: "%04d", c.year ?? 0) + "-\(two(c.month))-\(two(c.day))T"
      + two(c.hour) + two(c.minute)
  }

  /// True for names this type created: `YYYY-MM-DDTHHMM`, or with `-2`, `-3`... when two runs
  /// started in one minute.
  public static func isDatedName(_ name: String) -> Bool {
    name.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{4}(-\d+)?/) != nil
  }

  /// Writes `files` (relative path such as `units/01-x.md` → contents) into `root/name/` atomically, points `latest` at it, and
  /// returns the folder's path. A second run in the same minute gets `name-2`.
  public static func publish(root: String, name: String, files: [String: Data])
    throws(ReportFolderError) -> String
  {
    try publish(root: root, name: name) { (folder: String) throws(ReportFolderError) in
      for (file, data) in files.sorted(by: { $0.key < $1.key }) {
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        // Names come from our renderers, but a unit name is data: never leave the folder.
        guard !file.hasPrefix("/"),
          !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
        else { throw .io(path: folder + "/" + file, reason: "not a plain relative file name") }
        if parts.count > 1 {
          let sub = folder + "/" + parts.dropLast().joined(separator: "/")
          do {
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
          } catch {
            throw .io(path: sub, reason: "cannot create the folder")
          }
        }
        try writeSynced(data, to: folder + "/" + file)
      }
    }
  }

  /// Like `publish(root:name:files:)`, with `fill` writing into the temporary folder it is given.
  public static func publish(
    root: String, name: String, fill: (String) throws(ReportFolderError) -> Void
  ) throws(ReportFolderError) -> String {
    let fm = FileManager.default
    do {
      try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
    } catch {
      throw .io(path: root, reason: "cannot create the folder")
    }
    removeAbandonedPartials(root: root)
    let temp = root + "/" + partialPrefix + name + "-\(getpid())"
    try? fm.removeItem(atPath: temp)
    guard mkdir(temp, 0o755) == 0 else { throw .io(path: temp, reason: errnoText()) }
    do {
      try fill(temp)
    } catch {
      try? fm.removeItem(atPath: temp)
      throw error
    }
    syncPath(temp)
    var finalName = name
    var suffix = 2
    while fm.fileExists(atPath: root + "/" + finalName) {
      finalName = "\(name)-\(suffix)"
      suffix += 1
    }
    let final = root + "/" + finalName
    guard rename(temp, final) == 0 else {
      let reason = errnoText()
      try? fm.removeItem(atPath: temp)
      throw .io(path: final, reason: reason)
    }
    try pointLatest(root: root, at: finalName)
    syncPath(root)
    return final
  }

  /// Removes the oldest dated folders so that `keep` remain; never the one `latest` names.
  /// Returns the names removed.
  @discardableResult
  public static func prune(root: String, keep: Int) throws(ReportFolderError) -> [String] {
    let fm = FileManager.default
    let names: [String]
    do {
      names = try fm.contentsOfDirectory(atPath: root).filter(isDatedName).sorted()
    } catch {
      throw .io(path: root, reason: "cannot list the folder")
    }
    let latest = try? fm.destinationOfSymbolicLink(atPath: root + "/" + latestName)
    let excess = names.dropLast(max(keep, 1)).filter { $0 != latest }
    for name in excess {
      do {
        try fm.removeItem(atPath: root + "/" + name)
      } catch {
        throw .io(path: root + "/" + name, reason: "cannot remove an old report folder")
      }
    }
    return Array(excess)
  }

  /// `latest` → `name`, replaced by rename so it always names a whole folder.
  static func pointLatest(root: String, at name: String) throws(ReportFolderError) {
    let temp = root + "/.latest-\(getpid())"
    unlink(temp)
    // A relative target keeps working when OUT is moved or mounted elsewhere.
    guard symlink(name, temp) == 0 else { throw .io(path: temp, reason: errnoText()) }
    guard rename(temp, root + "/" + latestName) == 0 else {
      let reason = errnoText()
      unlink(temp)
      throw .io(path: root + "/" + latestName, reason: reason)
    }
  }

  /// Deletes `.partial-*` folders and `.latest-*` links whose writer (the pid at the end of the
  /// name) is no longer running.
  static func removeAbandonedPartials(root: String) {
    let fm = FileManager.default
    for name in (try? fm.contentsOfDirectory(atPath: root)) ?? []
    where name.hasPrefix(partialPrefix) || name.hasPrefix(".latest-") {
      guard let pid = name.split(separator: "-").last.flatMap({ Int32($0) }) else { continue }
      if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
        try? fm.removeItem(atPath: root + "/" + name)
      }
    }
  }

  static func writeSynced(_ data: Data, to path: String) throws(ReportFolderError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .io(path: path, reason: errnoText()) }
    defer { close(fd) }
    let failed = data.withUnsafeBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return false }
      var offset = 0
      while offset < raw.count {
        let n = write(fd, base + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return true
        }
        offset += n
      }
      return false
    }
    if failed || fsync(fd) != 0 { throw .io(path: path, reason: errnoText()) }
  }

  /// fsync on a folder makes a rename inside it durable.
  static func syncPath(_ path: String) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }
}
