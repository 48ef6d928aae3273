import AuditCore
import Foundation

/// Writes a snapshot as it goes: records stream into a temporary file behind room kept for the
/// header (memory stays flat), and `finish` writes the header into that room and renames the
/// file over the target, so a reader never sees a half-written snapshot.
///
/// The header is known only at the end (coverage), yet must be the first line. Copying every
/// record behind it cost a full pass over the snapshot (hundreds of megabytes for a big site),
/// so the header line is written into the kept room and padded with spaces, which JSON allows
/// after a value. A header too long for the room falls back to the copy.
public final class SnapshotWriter {
  public let path: String
  private let tempPath: String
  private let handle: FileHandle
  private var pending: [UInt8] = []

  /// Bytes kept for the header line, newline included.
  static let headerRoom = 16 * 1024

  public init(path: String) throws(CrawlError) {
    self.path = path
    tempPath = path + ".tmp"
    var room = [UInt8](repeating: 0x20, count: SnapshotWriter.headerRoom)
    room[room.count - 1] = 0x0A
    guard FileManager.default.createFile(atPath: tempPath, contents: Data(room)),
      let handle = FileHandle(forWritingAtPath: tempPath)
    else {
      throw .cannotWrite(path: path, reason: SnapshotWriter.reason(forDirectoryOf: path))
    }
    self.handle = handle
    do {
      try handle.seekToEnd()
    } catch {
      failure = .cannotWrite(path: tempPath, reason: "\(error.localizedDescription)")
    }
  }

  /// The first write that failed (a full disk, say). Later appends are dropped; `finish`
  /// throws it, so a snapshot is either whole or not written at all.
  public private(set) var failure: CrawlError?

  /// Appends already-encoded JSON lines.
  public func append(_ line: [UInt8]) {
    guard failure == nil else { return }
    if line.count >= 16 * 1024 {
      // A page record (tens of KB) goes out as it is rather than copied into the buffer.
      flush()
      write(line)
      return
    }
    pending.append(contentsOf: line)
    if pending.count > 256 * 1024 { flush() }
  }

  private func write(_ bytes: [UInt8]) {
    do {
      try handle.write(contentsOf: bytes)
    } catch {
      failure = .cannotWrite(path: tempPath, reason: "\(error.localizedDescription)")
    }
  }

  private func flush() {
    guard !pending.isEmpty, failure == nil else { return }
    write(pending)
    pending.removeAll(keepingCapacity: true)
  }

  /// Writes the header and renames the finished file into place.
  public func finish(header: SnapshotHeader) throws(CrawlError) {
    flush()
    if let failure {
      abandon()
      throw failure
    }
    do {
      let headerLine = try SnapshotWriter.encoder.encode(header)
      if headerLine.count < SnapshotWriter.headerRoom {
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: headerLine)
        try handle.synchronize()
        try handle.close()
      } else {
        try? handle.close()
        try moveBehind(headerLine)
      }
      if rename(tempPath, path) != 0 {
        throw CrawlError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
    } catch let error as CrawlError {
      try? FileManager.default.removeItem(atPath: tempPath)
      throw error
    } catch {
      try? FileManager.default.removeItem(atPath: tempPath)
      throw .cannotWrite(path: path, reason: error.localizedDescription)
    }
  }

  /// The rare long header: a new temporary file with the header line, then the records copied
  /// behind it, replacing the first one.
  private func moveBehind(_ headerLine: Data) throws {
    let second = path + ".tmp2"
    defer { try? FileManager.default.removeItem(atPath: second) }
    guard FileManager.default.createFile(atPath: second, contents: headerLine + [0x0A]),
      let out = FileHandle(forWritingAtPath: second),
      let input = FileHandle(forReadingAtPath: tempPath)
    else { throw CrawlError.cannotWrite(path: second, reason: String(cString: strerror(errno))) }
    try out.seekToEnd()
    try input.seek(toOffset: UInt64(SnapshotWriter.headerRoom))
    while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
      try out.write(contentsOf: chunk)
    }
    try out.synchronize()
    try out.close()
    try input.close()
    if rename(second, tempPath) != 0 {
      throw CrawlError.cannotWrite(path: tempPath, reason: String(cString: strerror(errno)))
    }
  }

  /// Removes the temporary file after a failed crawl; the target is left as it was.
  public func abandon() {
    try? handle.close()
    try? FileManager.default.removeItem(atPath: tempPath)
  }
  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.withoutEscapingSlashes]
    return e
  }()

  /// One record as a JSON line (written directly: `JSONEncoder` cost more than the parse).
  public static func line(_ record: SnapshotRecord) -> [UInt8] { record.jsonLine }

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
