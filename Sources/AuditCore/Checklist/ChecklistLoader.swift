import Foundation
import Yams

/// Reads `Checklists/families.yaml` and `Checklists/oit-YYYY.yaml` into the checklist model.
///
/// Files are read through Yams' node tree rather than `Codable`, because `Codable` skips unknown
/// keys silently: a misspelt `terns:` would quietly drop an item's terms. Every problem is kept
/// with its line and column, and all of them are reported at once. Callers: `ChecklistCatalog`
/// and the `oitcheck checklist validate` command.
public enum ChecklistLoader {
  /// Loads and validates one year's file against the shared families.
  /// - Throws: `.unreadable` when the file cannot be read, `.invalid` with every problem found.
  public static func load(
    path: String, families: [String: KeywordFamily]
  ) throws(ChecklistError) -> Checklist {
    try load(text: readText(path), path: path, families: families)
  }

  /// Validates a year's file already read into memory; `path` only labels the problems.
  /// - Throws: `.invalid` with every problem found.
  public static func load(
    text: String, path: String, families: [String: KeywordFamily]
  ) throws(ChecklistError) -> Checklist {
    var reader = ChecklistNodeReader(path: path)
    let checklist = reader.checklist(from: text, families: families)
    guard reader.problems.isEmpty, let checklist else { throw .invalid(reader.sortedProblems) }
    return checklist
  }

  /// Loads and validates `families.yaml`, keyed by family id.
  public static func loadFamilies(path: String) throws(ChecklistError) -> [String: KeywordFamily] {
    try loadFamilies(text: readText(path), path: path)
  }

  /// Validates a families file already read into memory; `path` only labels the problems.
  public static func loadFamilies(
    text: String, path: String
  ) throws(ChecklistError) -> [String: KeywordFamily] {
    var reader = ChecklistNodeReader(path: path)
    let families = reader.families(from: text)
    guard reader.problems.isEmpty else { throw .invalid(reader.sortedProblems) }
    return families
  }

  /// All problems in a year's file, in file order; empty when the file is valid.
  public static func validate(path: String, families: [String: KeywordFamily])
    -> [ChecklistProblem]
  {
    do {
      _ = try load(path: path, families: families)
      return []
    } catch {
      return problems(of: error, path: path)
    }
  }

  /// All problems in a families file, in file order; empty when the file is valid.
  public static func validateFamilies(path: String) -> [ChecklistProblem] {
    do {
      _ = try loadFamilies(path: path)
      return []
    } catch {
      return problems(of: error, path: path)
    }
  }

  private static func problems(of error: ChecklistError, path: String) -> [ChecklistProblem] {
    switch error {
    case .invalid(let problems): problems
    case .unreadable(_, let reason):
      [ChecklistProblem(path: path, line: 1, column: 1, message: "cannot read file: \(reason)")]
    }
  }

  static func readText(_ path: String) throws(ChecklistError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a folder") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "permission denied or read error")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(path: path, reason: "not UTF-8 text")
    }
    return text
  }
}

// MARK: - Vocabulary of the format

/// Keys and values the format allows; FORMAT.md documents the same lists.
enum ChecklistFormat {
  static let topKeys = ["id", "year", "title", "sources", "indicators", "not-required", "items"]
  static let topRequired = ["id", "year", "title", "sources", "indicators", "items"]
  static let indicatorKeys = ["code", "th", "en"]
  static let itemKeys = [
    "code", "th", "en", "indicator", "unit", "requirement", "family", "also-families",
    "requires", "terms", "exclude", "evidence", "freshness", "grace-days", "confidence",
    "previous-code",
  ]
  static let itemRequired = [
    "code", "th", "en", "indicator", "unit", "requirement", "family", "evidence", "freshness",
    "confidence",
  ]
  /// Keys of a `requires` entry written as a mapping (an element with its own window).
  static let elementKeys = ["family", "freshness", "grace-days"]
  static let familiesTopKeys = ["families"]
  static let familyKeys = ["id", "th", "en", "terms", "exclude", "url-hints", "activity-terms"]
  static let familyRequired = ["id", "terms"]
  static let freshnessNames = [
    "none", "in-force", "current-fy", "previous-fy", "covers-fy", "monthly-elapsed",
    "current-fy-activity",
  ]
  /// A month's summary posted later than this is late by any reading; more is a typo.
  static let maxGraceDays = 90
  /// Buddhist-era years a checklist can plausibly name; 1900–2200 is a CE year by mistake.
  static let beYears = 2400...2999
}

// MARK: - Node reading

/// Walks a composed YAML tree and collects problems with their positions.
struct ChecklistNodeReader {
  let path: String
  private(set) var problems: [ChecklistProblem] = []

  init(path: String) { self.path = path }

  var sortedProblems: [ChecklistProblem] {
    // Stable on equal positions, so two problems on one key keep the order they were found.
    problems.enumerated().sorted {
      ($0.element.line, $0.element.column, $0.offset)
        < ($1.element.line, $1.element.column, $1.offset)
    }.map(\.element)
  }

  mutating func report(_ message: String, at node: Node?) {
    let mark = node?.mark
    report(message, line: mark?.line ?? 1, column: mark?.column ?? 1)
  }

  mutating func report(_ message: String, line: Int, column: Int) {
    problems.append(ChecklistProblem(path: path, line: line, column: column, message: message))
  }

  // MARK: Composing

  /// The root node, or nil after reporting a syntax error or an empty file.
  mutating func root(of text: String) -> Node? {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        report("the file is empty", line: 1, column: 1)
        return nil
      }
      return node
    } catch let error as YamlError {
      reportSyntax(error, text: text)
    } catch {
      report("YAML error: \(error)", line: 1, column: 1)
    }
    return nil
  }

  private mutating func reportSyntax(_ error: YamlError, text: String) {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let origin = context.map {
        " (\($0.text) at line \($0.mark.line), column \($0.mark.column))"
      }
      report("YAML syntax error: \(problem)\(origin ?? "")", line: mark.line, column: mark.column)
    case .reader(let problem, let offset, _, _):
      let (line, column) = offset.map { position(ofCharacter: $0, in: text) } ?? (1, 1)
      report("YAML syntax error: \(problem)", line: line, column: column)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      report("duplicate key \(keys)", line: context.mark.line, column: context.mark.column)
    default:
      report("YAML error: \(error)", line: 1, column: 1)
    }
  }

  /// 1-based line and column (in Unicode scalars, as libyaml counts) of a Character offset.
  private func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
    var line = 1
    var column = 1
    for character in text.prefix(offset) {
      if character == "\n" || character == "\r\n" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return (line, column)
  }

  // MARK: Mappings and values

  /// The keys of a mapping, after reporting unknown keys; nil (reported) if it is no mapping.
  mutating func fields(of node: Node, what: String, allowed: [String]) -> ChecklistFields? {
    guard case .mapping(let mapping) = node else {
      report("\(what) must be a mapping of keys, not \(kind(of: node))", at: node)
      return nil
    }
    var fields = ChecklistFields(node: node)
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        report("a key must be plain text, not \(kind(of: key))", at: key)
        continue
      }
      let name = scalar.string
      guard allowed.contains(name) else {
        let hint = nearest(to: name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        report("unknown key '\(name)'\(hint)", at: key)
        continue
      }
      fields.entries[name] = (key, value)
    }
    return fields
  }

  mutating func require(_ keys: [String], in fields: ChecklistFields, owner: String) {
    for key in keys where fields.entries[key] == nil {
      report("missing required key '\(key)' in \(owner)", at: fields.node)
    }
  }

  /// A non-empty text value, or nil (reported when present but unusable).
  mutating func text(_ key: String, in fields: ChecklistFields) -> String? {
    guard let node = fields[key] else { return nil }
    return text(node, name: "'\(key)'")
  }

  mutating func text(_ node: Node, name: String) -> String? {
    guard case .scalar(let scalar) = node else {
      report("\(name) must be text, not \(kind(of: node))", at: node)
      return nil
    }
    if isNull(scalar) {
      report("\(name) has no value", at: node)
      return nil
    }
    let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !value.isEmpty else {
      report("\(name) is empty", at: node)
      return nil
    }
    return value
  }

  /// A list of non-empty texts with their nodes; nil (reported) when it is not a list.
  mutating func textList(_ key: String, in fields: ChecklistFields) -> [(String, Node)]? {
    guard let node = fields[key] else { return nil }
    guard case .sequence(let sequence) = node else {
      report("'\(key)' must be a list, not \(kind(of: node))", at: node)
      return nil
    }
    var out: [(String, Node)] = []
    for element in sequence {
      if let value = text(element, name: "an entry of '\(key)'") { out.append((value, element)) }
    }
    return out
  }

  private func isNull(_ scalar: Node.Scalar) -> Bool {
    scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  func kind(of node: Node) -> String {
    switch node {
    case .scalar: "text"
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }
}

/// A mapping's known keys, each with its key node (for positions) and value node.
struct ChecklistFields {
  let node: Node
  var entries: [String: (key: Node, value: Node)] = [:]

  subscript(key: String) -> Node? { entries[key]?.value }
  func keyNode(_ key: String) -> Node? { entries[key]?.key }
}

// MARK: - Families file

extension ChecklistNodeReader {
  mutating func families(from yaml: String) -> [String: KeywordFamily] {
    guard let root = root(of: yaml) else { return [:] }
    guard
      let top = fields(of: root, what: "a families file", allowed: ChecklistFormat.familiesTopKeys)
    else { return [:] }
    require(["families"], in: top, owner: "the file")
    guard let list = top["families"] else { return [:] }
    guard case .sequence(let entries) = list else {
      report("'families' must be a list, not text or a mapping", at: list)
      return [:]
    }
    if entries.isEmpty { report("'families' is empty", at: list) }
    var out: [String: KeywordFamily] = [:]
    var firstLine: [String: Int] = [:]
    for (index, entry) in entries.enumerated() {
      guard let f = fields(of: entry, what: "a family", allowed: ChecklistFormat.familyKeys)
      else { continue }
      let id = f["id"].flatMap { text($0, name: "'id'") }
      let owner = id.map { "family '\($0)'" } ?? "family \(index + 1)"
      require(ChecklistFormat.familyRequired, in: f, owner: owner)
      var usable = id != nil
      if let id, let idNode = f["id"] {
        if !isKebabCase(id) {
          report(
            "family id '\(id)' must be lower-case kebab-case, like 'monthly-procurement'",
            at: idNode)
          usable = false
        }
        if let line = firstLine[id] {
          report("duplicate family id '\(id)' (first defined at line \(line))", at: idNode)
          usable = false
        } else {
          firstLine[id] = idNode.mark?.line ?? 1
        }
      }
      let terms = textList("terms", in: f)
      if let terms, terms.isEmpty, let node = f["terms"] {
        report("family '\(id ?? "?")' has no terms", at: node)
      }
      let exclude = textList("exclude", in: f) ?? []
      let hints = textList("url-hints", in: f) ?? []
      let activity = textList("activity-terms", in: f) ?? []
      let nameTH = text("th", in: f)
      let nameEN = text("en", in: f)
      if usable, let id, let terms, !terms.isEmpty {
        out[id] = KeywordFamily(
          id: id, terms: terms.map(\.0), exclude: exclude.map(\.0), urlHints: hints.map(\.0),
          activityTerms: activity.map(\.0), nameTH: nameTH, nameEN: nameEN)
      }
    }
    return out
  }

  private func isKebabCase(_ id: String) -> Bool {
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    return parts.allSatisfy { part in
      !part.isEmpty
        && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
  }
}

// MARK: - Year file

extension ChecklistNodeReader {
  mutating func checklist(from yaml: String, families: [String: KeywordFamily]) -> Checklist? {
    guard let root = root(of: yaml) else { return nil }
    guard case .mapping = root else {
      report(
        "a checklist file must be a mapping with keys "
          + ChecklistFormat.topRequired.joined(separator: ", ") + "; found \(kind(of: root))",
        at: root)
      return nil
    }
    guard let top = fields(of: root, what: "a checklist file", allowed: ChecklistFormat.topKeys)
    else { return nil }
    require(ChecklistFormat.topRequired, in: top, owner: "the file")

    let id = text("id", in: top)
    let year = yearValue(top)
    checkIdentity(id: id, year: year, top: top)
    let title = text("title", in: top)
    let sources = textList("sources", in: top)
    if let sources, sources.isEmpty, let node = top["sources"] {
      report("'sources' is empty: name the manual or pages the list comes from", at: node)
    }
    let indicators = indicatorList(top)
    let known = Set(indicators?.map(\.code) ?? [])

    let notRequiredEntries = textList("not-required", in: top) ?? []
    var notRequired: [String] = []
    for (family, node) in notRequiredEntries {
      if checkFamily(family, at: node, families: families) { notRequired.append(family) }
    }

    let items = itemList(top, families: families, indicators: indicators == nil ? nil : known)
    if let items {
      for (family, node) in notRequiredEntries
      where items.contains(where: { $0.allFamilies.contains(family) }) {
        report(
          "family '\(family)' is listed as not required but an item of this year uses it",
          at: node)
      }
    }

    guard let id, let year, let title, let sources, let indicators, let items else { return nil }
    return Checklist(
      id: id, year: FiscalYear(be: year), title: title, sources: sources.map(\.0),
      indicators: indicators, items: items, notRequired: notRequired, path: path)
  }

  private mutating func yearValue(_ top: ChecklistFields) -> Int? {
    guard let node = top["year"], let raw = text(node, name: "'year'") else { return nil }
    guard raw.count == 4, raw.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(raw)
    else {
      report("year '\(raw)' is not a 4-digit Buddhist-era year such as 2569", at: node)
      return nil
    }
    if (1900...2200).contains(year) {
      report(
        "year \(year) looks like a CE year; checklists use BE years (\(year) + 543 = "
          + "\(year + 543))", at: node)
      return nil
    }
    guard ChecklistFormat.beYears.contains(year) else {
      report("year '\(raw)' is not a 4-digit Buddhist-era year such as 2569", at: node)
      return nil
    }
    return year
  }

  /// `id` must be `oit-<year>`, and a file named `oit-NNNN.yaml` must be for year NNNN.
  private mutating func checkIdentity(id: String?, year: Int?, top: ChecklistFields) {
    guard let year else { return }
    if let id, id != "oit-\(year)", let node = top["id"] {
      report("id '\(id)' does not match year \(year) (expected 'oit-\(year)')", at: node)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    if let named = ChecklistCatalog.year(inFileName: name), named != year, let node = top["year"] {
      report(
        "file name '\(name)' says year \(named) but the file says year \(year)"
          + " (rename it 'oit-\(year).yaml' or fix the year)", at: node)
    }
  }

  private mutating func indicatorList(_ top: ChecklistFields) -> [Indicator]? {
    guard let node = top["indicators"] else { return nil }
    guard case .sequence(let entries) = node else {
      report("'indicators' must be a list, not \(kind(of: node))", at: node)
      return nil
    }
    if entries.isEmpty { report("'indicators' is empty", at: node) }
    var out: [Indicator] = []
    var firstLine: [String: Int] = [:]
    var complete = true
    for (index, entry) in entries.enumerated() {
      guard let f = fields(of: entry, what: "an indicator", allowed: ChecklistFormat.indicatorKeys)
      else {
        complete = false
        continue
      }
      let code = text("code", in: f)
      require(
        ChecklistFormat.indicatorKeys, in: f,
        owner: code.map { "indicator \($0)" } ?? "indicator \(index + 1)")
      let th = text("th", in: f)
      let en = text("en", in: f)
      if let code, let codeNode = f["code"] {
        if let line = firstLine[code] {
          report("duplicate indicator '\(code)' (first defined at line \(line))", at: codeNode)
        } else {
          firstLine[code] = codeNode.mark?.line ?? 1
        }
      }
      guard let code, let th, let en else {
        complete = false
        continue
      }
      out.append(Indicator(code: code, nameTH: th, nameEN: en))
    }
    return complete ? out : nil
  }

  /// Reports a family id that families.yaml does not define; true when it is known.
  @discardableResult
  private mutating func checkFamily(
    _ id: String, at node: Node, families: [String: KeywordFamily]
  ) -> Bool {
    guard families[id] == nil else { return true }
    let hint = nearest(to: id, in: families.keys.sorted()).map { " (did you mean '\($0)'?)" }
    report("unknown family '\(id)'\(hint ?? "")", at: node)
    return false
  }

  private mutating func itemList(
    _ top: ChecklistFields, families: [String: KeywordFamily], indicators: Set<String>?
  ) -> [ChecklistItem]? {
    guard let node = top["items"] else { return nil }
    guard case .sequence(let entries) = node else {
      report("'items' must be a list, not \(kind(of: node))", at: node)
      return nil
    }
    if entries.isEmpty { report("'items' is empty: a checklist needs at least one item", at: node) }
    var out: [ChecklistItem] = []
    var firstLine: [String: Int] = [:]
    var complete = true
    for (index, entry) in entries.enumerated() {
      let item = self.item(
        entry, index: index, families: families, indicators: indicators, firstLine: &firstLine)
      if let item { out.append(item) } else { complete = false }
    }
    return complete ? out : nil
  }

  private mutating func item(
    _ entry: Node, index: Int, families: [String: KeywordFamily], indicators: Set<String>?,
    firstLine: inout [String: Int]
  ) -> ChecklistItem? {
    guard let f = fields(of: entry, what: "an item", allowed: ChecklistFormat.itemKeys)
    else { return nil }
    let code = text("code", in: f)
    let owner = code.map { "item \($0)" } ?? "item \(index + 1)"
    require(ChecklistFormat.itemRequired, in: f, owner: owner)
    var valid = true

    if let code, let node = f["code"] {
      if !isItemCode(code) {
        report(badCodeMessage(code, name: "item code"), at: node)
        valid = false
      } else if let line = firstLine[code] {
        report("duplicate item code '\(code)' (first defined at line \(line))", at: node)
        valid = false
      } else {
        firstLine[code] = node.mark?.line ?? 1
      }
    }
    let th = text("th", in: f)
    let en = text("en", in: f)
    let unit = text("unit", in: f)
    let requirement = text("requirement", in: f)

    let indicator = text("indicator", in: f)
    if let indicator, let indicators, !indicators.contains(indicator), let node = f["indicator"] {
      let defined = indicators.sorted().joined(separator: ", ")
      report("unknown indicator '\(indicator)' (this file defines \(defined))", at: node)
      valid = false
    }

    let family = text("family", in: f)
    var familiesKnown = true
    if let family, let node = f["family"] {
      familiesKnown = checkFamily(family, at: node, families: families)
    }
    var also: [String] = []
    let alsoEntries = textList("also-families", in: f)
    for (id, node) in alsoEntries ?? [] {
      if id == family {
        report("'\(id)' is already the item's family", at: node)
        valid = false
      } else if checkFamily(id, at: node, families: families) {
        also.append(id)
      } else {
        familiesKnown = false
      }
    }
    let requires = requiredElements(f, family: family, also: also, families: families)
    if requires == nil { valid = false }
    let terms = textList("terms", in: f)
    let exclude = textList("exclude", in: f)
    for key in ["terms", "exclude", "also-families", "requires"] {
      if let node = f[key], case .sequence(let s) = node, s.isEmpty {
        report("'\(key)' is empty: remove the key or give at least one entry", at: node)
        valid = false
      }
    }
    if let family, familiesKnown, let node = f["family"] {
      let inherited = ([family] + also).flatMap { families[$0]?.terms ?? [] }
      if inherited.isEmpty && (terms ?? []).isEmpty {
        report("\(owner) has no terms: its families give none and it adds none", at: node)
        valid = false
      }
    }

    let evidence = enumValue(
      "evidence", in: f, as: EvidenceKind.self, names: ["page", "document", "channel"])
    let confidence = enumValue(
      "confidence", in: f, as: Confidence.self, names: ["high", "medium", "low"])
    let freshness = freshnessValue(f)

    var previousCode: String?
    if let previous = text("previous-code", in: f), let node = f["previous-code"] {
      if isItemCode(previous) {
        previousCode = previous
      } else {
        report(badCodeMessage(previous, name: "previous-code"), at: node)
        valid = false
      }
    }

    guard valid, familiesKnown, let code, let th, let en, let indicator, let unit, let requirement,
      let family, let evidence, let freshness, let confidence,
      f["terms"] == nil || terms != nil, f["exclude"] == nil || exclude != nil,
      f["also-families"] == nil || also.count == (alsoEntries?.count ?? -1), indicators != nil
    else { return nil }
    return ChecklistItem(
      code: code, titleTH: th, titleEN: en, indicator: indicator, unit: unit,
      requirement: requirement, family: family, alsoFamilies: also,
      requires: requires?.ids ?? [], elementFreshness: requires?.windows ?? [:],
      terms: terms?.map(\.0) ?? [], exclude: exclude?.map(\.0) ?? [], evidence: evidence,
      freshness: freshness, confidence: confidence, previousCode: previousCode)
  }

  /// The `requires` families, checked: known, each its own element (not the item's family, not
  /// in `also-families`, not twice), and named in both languages, since the reasons name the
  /// element not found; with the windows of the elements that give their own. An entry is a
  /// family id, or `{family: ID, freshness: RULE}` (plus `grace-days` for monthly-elapsed).
  /// Empty without the key; nil (reported) when an entry is unusable.
  private mutating func requiredElements(
    _ f: ChecklistFields, family: String?, also: [String], families: [String: KeywordFamily]
  ) -> (ids: [String], windows: [String: FreshnessRule])? {
    guard let list = f["requires"] else { return ([], [:]) }
    guard case .sequence(let sequence) = list else {
      report("'requires' must be a list, not \(kind(of: list))", at: list)
      return nil
    }
    var entries: [(String, Node)] = []
    var windows: [String: FreshnessRule] = [:]
    var usable = true
    for element in sequence {
      guard case .mapping = element else {
        if let id = text(element, name: "an entry of 'requires'") {
          entries.append((id, element))
        } else {
          usable = false
        }
        continue
      }
      guard
        let e = fields(
          of: element, what: "a required element", allowed: ChecklistFormat.elementKeys)
      else {
        usable = false
        continue
      }
      require(["family"], in: e, owner: "a required element")
      guard let id = text("family", in: e), let idNode = e["family"] else {
        usable = false
        continue
      }
      if e["freshness"] != nil {
        if let rule = freshnessValue(e) { windows[id] = rule } else { usable = false }
      } else if let key = e.keyNode("grace-days") {
        report("'grace-days' needs 'freshness: monthly-elapsed' in the same element", at: key)
        usable = false
      }
      entries.append((id, idNode))
    }
    var out: [String] = []
    for (id, node) in entries {
      if id == family {
        report("'\(id)' is already the item's family: list only the further elements", at: node)
        usable = false
      } else if also.contains(id) {
        report(
          "'\(id)' is in 'also-families' (any one counts) and in 'requires' (each needed);"
            + " keep it in one", at: node)
        usable = false
      } else if out.contains(id) {
        report("'\(id)' is listed twice in 'requires'", at: node)
        usable = false
      } else if checkFamily(id, at: node, families: families) {
        out.append(id)
      } else {
        usable = false
      }
    }
    guard usable, !out.isEmpty else { return usable ? (out, windows) : nil }
    // The reasons name each element by its family's names: the item's own family too.
    let named = [(family, f["family"])] + out.map { id in (id, entries.first { $0.0 == id }?.1) }
    for (id, node) in named {
      guard let id, let fam = families[id], fam.nameTH == nil || fam.nameEN == nil else { continue }
      report(
        "family '\(id)' has no 'th' and 'en' names in families.yaml; an element of an item"
          + " needs them, since reasons name the element not found", at: node)
      usable = false
    }
    return usable ? (out, windows) : nil
  }

  private mutating func enumValue<T: RawRepresentable>(
    _ key: String, in f: ChecklistFields, as: T.Type, names: [String]
  ) -> T? where T.RawValue == String {
    guard let raw = text(key, in: f), let node = f[key] else { return nil }
    if let value = T(rawValue: raw) { return value }
    let hint =
      nearest(to: raw, in: names).map { "did you mean '\($0)'?" }
      ?? "expected one of: " + names.joined(separator: ", ")
    report("bad \(key) '\(raw)' (\(hint))", at: node)
    return nil
  }

  private mutating func freshnessValue(_ f: ChecklistFields) -> FreshnessRule? {
    let grace = f["grace-days"]
    guard let name = text("freshness", in: f), let node = f["freshness"] else { return nil }
    let rule: FreshnessRule
    switch name {
    case "none": rule = .none
    case "in-force": rule = .inForce
    case "current-fy": rule = .currentFY
    case "previous-fy": rule = .previousFY
    case "covers-fy": rule = .coversFY
    case "current-fy-activity": rule = .currentFYActivity
    case "monthly-elapsed":
      guard let grace else {
        report(
          "freshness 'monthly-elapsed' needs 'grace-days' (days allowed for posting a"
            + " month's summary)", at: node)
        return nil
      }
      guard let days = graceDays(grace) else { return nil }
      return .monthlyElapsed(graceDays: days)
    default:
      let names = ChecklistFormat.freshnessNames
      let hint =
        nearest(to: name, in: names).map { "did you mean '\($0)'?" }
        ?? "expected one of: " + names.joined(separator: ", ")
      report("unknown freshness rule '\(name)' (\(hint))", at: node)
      return nil
    }
    if grace != nil, let keyNode = f.keyNode("grace-days") {
      report(
        "'grace-days' applies only to freshness 'monthly-elapsed', not '\(name)'",
        at: keyNode)
      return nil
    }
    return rule
  }

  private mutating func graceDays(_ node: Node) -> Int? {
    guard let raw = text(node, name: "'grace-days'") else { return nil }
    guard let days = Int(raw), (0...ChecklistFormat.maxGraceDays).contains(days) else {
      report(
        "'grace-days' must be a whole number of days from 0 to"
          + " \(ChecklistFormat.maxGraceDays), not '\(raw)'", at: node)
      return nil
    }
    return days
  }

  /// O followed by a number without zero padding: O1, O26.
  private func isItemCode(_ code: String) -> Bool {
    guard code.hasPrefix("O") else { return false }
    let digits = code.dropFirst()
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber } && digits.first != "0"
  }

  private func badCodeMessage(_ code: String, name: String) -> String {
    let hint = suggestedCode(code).map { " (did you mean '\($0)'?)" } ?? ""
    return "\(name) '\(code)' is not of the form O<number>, upper-case and unpadded\(hint)"
  }

  /// Reads the forms sites use (o1, O01, OIT 3, 014) as the official code, if one is meant.
  private func suggestedCode(_ code: String) -> String? {
    var rest = Substring(code.uppercased().filter { !$0.isWhitespace && $0 != "." })
    if rest.hasPrefix("OIT") {
      rest = rest.dropFirst(3)
    } else if rest.hasPrefix("O") || rest.hasPrefix("0") {
      rest = rest.dropFirst()
    } else {
      return nil
    }
    guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(rest), n > 0
    else { return nil }
    let suggestion = "O\(n)"
    return suggestion == code ? nil : suggestion
  }
}

// MARK: - Near misses

/// The allowed word closest to a misspelt one, when it is close enough to be a typo.
private func nearest(to word: String, in candidates: [String]) -> String? {
  let limit = max(1, min(2, word.count / 3))
  var best: (String, Int)?
  for candidate in candidates {
    let d = editDistance(word.lowercased(), candidate.lowercased())
    if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
  }
  return best?.0
}

/// Levenshtein distance with adjacent transpositions counted as one edit ('titel' → 'title').
private func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  guard !a.isEmpty else { return b.count }
  guard !b.isEmpty else { return a.count }
  var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { d[i][0] = i }
  for j in 0...b.count { d[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
      }
    }
  }
  return d[a.count][b.count]
}
