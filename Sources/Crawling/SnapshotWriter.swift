import AuditCore
import Foundation

/// Writes a snapshot as it goes: records stream to a side file (memory stays flat), and `finish`
/// writes header + records to a temporary file renamed over the target, so a reader never sees
/// a half-written snapshot.
public final class SnapshotWriter {
  public let path: String
  private let recordsPath: String
  private let handle: FileHandle
  private var pending: [UInt8] = []

  public init(path: String) throws(CrawlError) {
    self.path = path
    recordsPath = path + ".records.tmp"
    guard FileManager.default.createFile(atPath: recordsPath, contents: nil),
      let handle = FileHandle(forWritingAtPath: recordsPath)
    else {
      throw .cannotWrite(path: path, reason: SnapshotWriter.reason(forDirectoryOf: path))
    }
    self.handle = handle
  }

  /// The first write that failed (a full disk, say). Later appends are dropped; `finish`
  /// throws it, so a snapshot is either whole or not written at all.
  public private(set) var failure: CrawlError?

  /// Appends already-encoded JSON lines.
  public func append(_ line: [UInt8]) {
    guard failure == nil else { return }
    pending.append(contentsOf: line)
    if pending.count > 256 * 1024 { flush() }
  }

  private func flush() {
    guard !pending.isEmpty, failure == nil else { return }
    do {
      try handle.write(contentsOf: pending)
    } catch {
      failure = .cannotWrite(path: recordsPath, reason: "\(error.localizedDescription)")
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Writes the header and renames the finished file into place.
  public func finish(header: SnapshotHeader) throws(CrawlError) {
    flush()
    if let failure {
      abandon()
      throw failure
    }
    try? handle.close()
    let temp = path + ".tmp"
    do {
      var headerLine = try SnapshotWriter.encoder.encode(header)
      headerLine.append(0x0A)
      guard FileManager.default.createFile(atPath: temp, contents: headerLine),
        let out = FileHandle(forWritingAtPath: temp),
        let input = FileHandle(forReadingAtPath: recordsPath)
      else { throw CrawlError.cannotWrite(path: temp, reason: String(cString: strerror(errno))) }
      try out.seekToEnd()
      while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
        try out.write(contentsOf: chunk)
      }
      try out.synchronize()
      try out.close()
      try input.close()
      if rename(temp, path) != 0 {
        throw CrawlError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
      try? FileManager.default.removeItem(atPath: recordsPath)
    } catch let error as CrawlError {
      try? FileManager.default.removeItem(atPath: temp)
      throw error
    } catch {
      try? FileManager.default.removeItem(atPath: temp)
      throw .cannotWrite(path: path, reason: error.localizedDescription)
    }
  }

  /// Removes the side file after a failed crawl; the target is left as it was.
  public func abandon() {
    try? handle.close()
    try? FileManager.default.removeItem(atPath: recordsPath)
  }

  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.withoutEscapingSlashes]
    return e
  }()

  /// One record as a JSON line.
  public static func line(_ record: SnapshotRecord) -> [UInt8] {
    guard var data = try? encoder.encode(record) else { return [] }
    data.append(0x0A)
    return [UInt8](data)
  }

  static func reason(forDirectoryOf path: String) -> String {
    let dir = (path as NSString).deletingLastPathComponent
    let folder = dir.isEmpty ? "." : dir
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      return "folder \(folder) does not exist"
    }
    if !isDirectory.boolValue { return "\(folder) is not a folder" }
    if !FileManager.default.isWritableFile(atPath: folder) { return "folder \(folder) is not writable" }
    return "cannot create the file"
  }
}
