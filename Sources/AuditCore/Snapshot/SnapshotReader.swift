import Foundation

/// Why a snapshot file could not be read; one line for the terminal, with `path:line`.
public enum SnapshotReadError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case empty(path: String)
  case wrongSchema(path: String, found: String)
  case badLine(path: String, line: Int, problem: String)
  case undefinedLinkSet(path: String, id: Int)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read snapshot \(path): \(reason)"
    case .empty(let path): "\(path):1: empty snapshot (expected a header line)"
    case .wrongSchema(let path, let found):
      "\(path):1: snapshot schema is '\(found)', expected '\(snapshotSchema)'"
        + " (written by another oitcheck version?)"
    case .badLine(let path, let line, let problem): "\(path):\(line): \(problem)"
    case .undefinedLinkSet(let path, let id):
      "\(path): a page names link set \(id), which the snapshot does not define"
    }
  }
}

/// Reads the JSON Lines snapshots that `oitcheck crawl` writes.
public enum SnapshotReader {
  /// Reads a JSON Lines snapshot (header line then one SnapshotRecord per line); throws a
  /// one-line error with path:line for a bad line or a wrong schema. Blank lines are skipped.
  public static func read(path: String) throws(SnapshotReadError) -> Snapshot {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    return try parse(data, path: path)
  }

  /// Parses snapshot bytes; `path` only labels errors.
  ///
  /// Lines are found with `memchr` and records decoded on every core in chunks, then added in
  /// file order, so the result is the same as a line-by-line read; a bad line reports the first
  /// bad line number.
  public static func parse(_ data: Data, path: String) throws(SnapshotReadError) -> Snapshot {
    let lines = lineRanges(data)
    guard let first = lines.first else { throw .empty(path: path) }
    var snapshot = try header(
      data.subdata(in: first.range), path: path, line: first.number, decoder: JSONDecoder())
    let rest = Array(lines.dropFirst())
    let chunkCount = min(max(rest.count / 256, 1), 64)
    let chunkSize = (rest.count + chunkCount - 1) / max(chunkCount, 1)
    let decoded = Chunks(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: rest.isEmpty ? 0 : chunkCount) { c in
      let decoder = JSONDecoder()
      var records: [SnapshotRecord] = []
      let slice = rest[min(c * chunkSize, rest.count)..<min((c + 1) * chunkSize, rest.count)]
      records.reserveCapacity(slice.count)
      for line in slice {
        let page = data.withUnsafeBytes { raw in
          PageRecordReader.page(UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[line.range]))
        }
        if let page {
          records.append(.page(page))
          continue
        }
        do {
          records.append(try decoder.decode(SnapshotRecord.self, from: data.subdata(in: line.range)))
        } catch {
          decoded.set(c, .failure(.badLine(path: path, line: line.number, problem: describe(error))))
          return
        }
      }
      decoded.set(c, .success(records))
    }
    for c in 0..<(rest.isEmpty ? 0 : chunkCount) {
      switch decoded.get(c) {
      case .success(let records): for r in records { snapshot.add(r) }
      case .failure(let e): throw e
      }
    }
    if let id = snapshot.undefinedLinkSet { throw .undefinedLinkSet(path: path, id: id) }
    return snapshot
  }

  /// The non-blank lines of the file with their 1-based numbers, without a trailing CR.
  static func lineRanges(_ data: Data) -> [(range: Range<Int>, number: Int)] {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [(range: Range<Int>, number: Int)] in
      guard let base = raw.baseAddress else { return [] }
      var out: [(range: Range<Int>, number: Int)] = []
      var start = 0
      var number = 0
      while start <= raw.count {
        number += 1
        let rest = raw.count - start
        let nl = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
        var end = nl.map { base.distance(to: UnsafeRawPointer($0)) } ?? raw.count
        let next = end + 1
        if end > start && raw[end - 1] == 0x0D { end -= 1 }
        if !(start..<end).allSatisfy({ raw[$0] == 0x20 || raw[$0] == 0x09 }) {
          out.append((start + data.startIndex..<end + data.startIndex, number))
        }
        if nl == nil { break }
        start = next
      }
      return out
    }
  }

  /// One slot per chunk, filled by the chunk's worker.
  private final class Chunks: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[SnapshotRecord], SnapshotReadError>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<[SnapshotRecord], SnapshotReadError>) {
      lock.lock()
      slots[i] = r
      lock.unlock()
    }
    func get(_ i: Int) -> Result<[SnapshotRecord], SnapshotReadError> {
      lock.lock()
      defer { lock.unlock() }
      return slots[i] ?? .success([])
    }
  }

  private static func header(
    _ data: Data, path: String, line: Int, decoder: JSONDecoder
  ) throws(SnapshotReadError) -> Snapshot {
    struct SchemaOnly: Decodable { var schema: String? }
    let schema: String?
    do {
      schema = try decoder.decode(SchemaOnly.self, from: data).schema
    } catch {
      throw .badLine(path: path, line: line, problem: "header is not JSON: \(describe(error))")
    }
    guard schema == snapshotSchema else { throw .wrongSchema(path: path, found: schema ?? "none") }
    do {
      return Snapshot(header: try decoder.decode(SnapshotHeader.self, from: data))
    } catch {
      throw .badLine(path: path, line: line, problem: "bad header: \(describe(error))")
    }
  }

  /// A decoding error as a short phrase naming the field, not Foundation's paragraph.
  private static func describe(_ error: any Error) -> String {
    guard let e = error as? DecodingError else { return "not valid JSON" }
    func at(_ path: [any CodingKey]) -> String {
      path.isEmpty ? "" : " at '" + path.map(\.stringValue).joined(separator: ".") + "'"
    }
    switch e {
    case .keyNotFound(let key, let ctx):
      return "missing field '\(key.stringValue)'\(at(ctx.codingPath))"
    case .typeMismatch(_, let ctx): return "wrong type\(at(ctx.codingPath))"
    case .valueNotFound(_, let ctx): return "null value\(at(ctx.codingPath))"
    case .dataCorrupted(let ctx):
      return ctx.codingPath.isEmpty ? "not valid JSON" : ctx.debugDescription + at(ctx.codingPath)
    @unknown default: return "not a snapshot record"
    }
  }
}
