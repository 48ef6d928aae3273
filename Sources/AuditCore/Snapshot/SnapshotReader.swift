import Foundation

/// Why a snapshot file could not be read; one line for the terminal, with `path:line`.
public enum SnapshotReadError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case empty(path: String)
  case wrongSchema(path: String, found: String)
  case badLine(path: String, line: Int, problem: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read snapshot \(path): \(reason)"
    case .empty(let path): "\(path):1: empty snapshot (expected a header line)"
    case .wrongSchema(let path, let found):
      "\(path):1: snapshot schema is '\(found)', expected '\(snapshotSchema)'"
        + " (written by another oitcheck version?)"
    case .badLine(let path, let line, let problem): "\(path):\(line): \(problem)"
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
  public static func parse(_ data: Data, path: String) throws(SnapshotReadError) -> Snapshot {
    let decoder = JSONDecoder()
    var snapshot: Snapshot?
    var lineNumber = 0
    for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
      if trimmed.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
      guard var current = snapshot else {
        snapshot = try header(Data(trimmed), path: path, line: lineNumber, decoder: decoder)
        continue
      }
      do {
        current.add(try decoder.decode(SnapshotRecord.self, from: Data(trimmed)))
      } catch {
        throw .badLine(path: path, line: lineNumber, problem: describe(error))
      }
      snapshot = current
    }
    guard let snapshot else { throw .empty(path: path) }
    return snapshot
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
