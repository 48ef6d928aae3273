import AuditCore
import Foundation
import Yams

/// A division (กอง, สำนัก) and the checklist items it publishes.
public struct ResponsibleUnit: Sendable, Hashable {
  public var name: String
  /// Who to ask: a person, a phone number, an e-mail; free text from the units file.
  public var contact: String?
  /// Item codes in the order given.
  public var items: [String]

  public init(name: String, contact: String? = nil, items: [String]) {
    self.name = name
    self.contact = contact
    self.items = items
  }
}

/// Who owns which item: from a units file (`--units`), or from the checklist's owner field.
/// An item may have several owners (service guides shared by divisions) or none.
public struct UnitMap: Sendable, Hashable {
  public var units: [ResponsibleUnit]
  /// Where the map came from, for messages: a path, or nil for the checklist's owner field.
  public var source: String?

  public init(units: [ResponsibleUnit], source: String? = nil) {
    self.units = units
    self.source = source
  }

  /// Groups (item, owner) pairs by owner, units in order of first appearance.
  public init(owners: [(code: String, unit: String)]) {
    var units: [ResponsibleUnit] = []
    var index: [String: Int] = [:]
    for (code, unit) in owners {
      let name = unit.isEmpty ? "-" : unit
      if let i = index[name] {
        units[i].items.append(code)
      } else {
        index[name] = units.count
        units.append(ResponsibleUnit(name: name, items: [code]))
      }
    }
    self.init(units: units, source: nil)
  }

  /// The checklist's default: each item's `unit` field.
  public init(checklist: Checklist) {
    self.init(owners: checklist.items.map { ($0.code, $0.unit) })
  }

  /// The units owning `code`.
  public func owners(of code: String) -> [ResponsibleUnit] {
    units.filter { $0.items.contains(code) }
  }

  /// The codes of `all` that no unit owns, in the order of `all`.
  public func unowned(_ all: [String]) -> [String] {
    let owned = Set(units.flatMap(\.items))
    return all.filter { !owned.contains($0) }
  }
}

/// A problem in a units file, with its position as YAML editors show it.
public struct UnitsFileError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int
  public var problem: String

  public var description: String { "\(path):\(line):\(column): \(problem)" }
}

/// Reads a units file:
///
/// ```yaml
/// units:
///   - name: กองคลัง
///     contact: "งานพัสดุ โทร 0 5300 0000 ต่อ 12"
///     items: [O11, O12]
/// ```
///
/// Unknown keys and codes that are not in the checklist are errors: a typo must not silently
/// leave an item without an owner.
public enum UnitsFile {
  public static func load(path: String, checklist: Checklist) throws(UnitsFileError) -> UnitMap {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw UnitsFileError(path: path, line: 1, column: 1, problem: "cannot read the units file")
    }
    return try parse(text, path: path, codes: checklist.items.map(\.code))
  }

  /// Parses the text of a units file; `codes` are the checklist's item codes.
  public static func parse(_ text: String, path: String, codes: [String]) throws(UnitsFileError)
    -> UnitMap
  {
    func fail(_ problem: String, _ node: Node?) -> UnitsFileError {
      UnitsFileError(
        path: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, problem: problem)
    }
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else { throw fail("the file is empty", nil) }
      root = node
    } catch let error as UnitsFileError {
      throw error
    } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _),
      let YamlError.composer(_, problem, mark, _)
    {
      throw UnitsFileError(
        path: path, line: mark.line, column: mark.column, problem: "YAML syntax error: \(problem)")
    } catch {
      throw fail("YAML error: \(error)", nil)
    }
    let top = try mapping(root, allowed: ["units"], what: "the file", fail: fail)
    guard let list = top["units"]?.value else { throw fail("missing key 'units'", root) }
    guard case .sequence(let entries) = list else {
      throw fail("'units' must be a list of units", list)
    }
    let known = Set(codes.map { $0.uppercased() })
    var units: [ResponsibleUnit] = []
    var seenNames: [String: Int] = [:]
    for entry in entries {
      let f = try mapping(entry, allowed: ["name", "contact", "items"], what: "a unit", fail: fail)
      guard let nameNode = f["name"]?.value else { throw fail("a unit needs a 'name'", entry) }
      guard let name = nameNode.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
        case .scalar = nameNode
      else { throw fail("'name' must be text", nameNode) }
      if let line = seenNames[name] {
        throw fail("unit '\(name)' is listed twice (first at line \(line))", nameNode)
      }
      seenNames[name] = nameNode.mark?.line ?? 1
      var contact: String?
      if let c = f["contact"]?.value {
        guard case .scalar = c, let s = c.string else { throw fail("'contact' must be text", c) }
        contact = s.isEmpty ? nil : s
      }
      guard let itemsNode = f["items"]?.value else {
        throw fail("unit '\(name)' needs 'items' (a list of item codes such as [O1, O2])", entry)
      }
      guard case .sequence(let itemNodes) = itemsNode else {
        throw fail("'items' must be a list of item codes such as [O1, O2]", itemsNode)
      }
      var items: [String] = []
      for node in itemNodes {
        guard case .scalar = node, let raw = node.string else {
          throw fail("an item code must be text such as O11", node)
        }
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard known.contains(code) else {
          throw fail(
            "'\(raw)' is not an item of this checklist (\(codes.first ?? "")–\(codes.last ?? ""))",
            node)
        }
        if !items.contains(code) { items.append(code) }
      }
      units.append(ResponsibleUnit(name: name, contact: contact, items: items))
    }
    return UnitMap(units: units, source: path)
  }

  private static func mapping(
    _ node: Node, allowed: [String], what: String, fail: (String, Node?) -> UnitsFileError
  ) throws(UnitsFileError) -> [String: (key: Node, value: Node)] {
    guard case .mapping(let m) = node else { throw fail("\(what) must be a mapping of keys", node) }
    var out: [String: (key: Node, value: Node)] = [:]
    for (key, value) in m {
      guard case .scalar = key, let name = key.string else {
        throw fail("a key must be plain text", key)
      }
      guard allowed.contains(name) else {
        let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
        throw fail("unknown key '\(name)' (allowed: \(list))", key)
      }
      if out[name] != nil { throw fail("duplicate key '\(name)'", key) }
      out[name] = (key, value)
    }
    return out
  }
}
