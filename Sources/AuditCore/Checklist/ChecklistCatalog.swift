import Foundation

/// The folder of checklist files (`families.yaml` plus one `oit-YYYY.yaml` per assessment year)
/// and the choice of a list for an audit.
///
/// Year files are never edited once published (re-audits and history depend on them); a new year
/// is a new file, and until it exists the newest earlier list stands in, with a note saying so.
public struct ChecklistCatalog: Sendable {
  /// The folder the files were read from.
  public var directory: String
  /// The shared keyword families, keyed by id.
  public var families: [String: KeywordFamily]
  /// The BE years that have an `oit-YYYY.yaml` file, ascending.
  public var years: [Int]

  /// Loads `families.yaml` and lists the year files; year files are read only when asked for.
  public init(directory: String) throws(ChecklistError) {
    self.directory = directory
    families = try ChecklistLoader.loadFamilies(path: Self.join(directory, "families.yaml"))
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw .unreadable(path: directory, reason: "cannot list the folder")
    }
    years = names.compactMap(Self.year(inFileName:)).sorted()
  }

  /// Loads the list of one assessment year (BE).
  public func load(year: Int) throws(ChecklistError) -> Checklist {
    let path = Self.join(directory, "oit-\(year).yaml")
    guard years.contains(year) else {
      var reason = "no checklist for ITA \(year) (available: \(available))"
      if (1900...2200).contains(year) { reason += "; years are BE: \(year) + 543 = \(year + 543)" }
      throw .unreadable(path: path, reason: reason)
    }
    return try ChecklistLoader.load(path: path, families: families)
  }

  /// Loads a list from any path, checked against this folder's families.
  public func load(path: String) throws(ChecklistError) -> Checklist {
    try ChecklistLoader.load(path: path, families: families)
  }

  /// The list for `--checklist YEAR|PATH`, or, when `spec` is nil, the newest list not newer than
  /// the fiscal year. The note is set whenever the list's year differs from the fiscal year, since
  /// results are then provisional.
  public func resolve(_ spec: String?, fiscalYear: FiscalYear) throws(ChecklistError) -> (
    Checklist, note: String?
  ) {
    guard let spec = spec?.trimmingCharacters(in: .whitespaces), !spec.isEmpty else {
      guard let year = years.last(where: { $0 <= fiscalYear.be }) else {
        throw .unreadable(
          path: directory,
          reason: "no checklist for \(fiscalYear) or an earlier year (available: \(available));"
            + " pass --checklist YEAR or a file path")
      }
      let checklist = try load(year: year)
      guard year != fiscalYear.be else { return (checklist, nil) }
      return (
        checklist,
        "\(fiscalYear) has no checklist of its own yet; using \(checklist.id) (ITA \(year)),"
          + " so the results are provisional"
      )
    }
    let checklist: Checklist
    if let year = Self.year(inSpec: spec) {
      checklist = try load(year: year)
    } else {
      checklist = try load(path: spec)
    }
    guard checklist.year != fiscalYear else { return (checklist, nil) }
    return (
      checklist,
      "\(checklist.id) is the list for ITA \(checklist.year.be), not \(fiscalYear);"
        + " the results are provisional"
    )
  }

  private var available: String {
    years.isEmpty ? "none" : years.map(String.init).joined(separator: ", ")
  }

  /// The year of a file named `oit-NNNN.yaml`, else nil.
  static func year(inFileName name: String) -> Int? {
    guard name.hasPrefix("oit-"), name.hasSuffix(".yaml") else { return nil }
    return fourDigits(name.dropFirst(4).dropLast(5))
  }

  /// `2569` or `oit-2569` name a year; anything else is a path.
  private static func year(inSpec spec: String) -> Int? {
    fourDigits(spec.hasPrefix("oit-") ? Substring(spec.dropFirst(4)) : Substring(spec))
  }

  private static func fourDigits(_ s: Substring) -> Int? {
    guard s.count == 4, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(s)
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
