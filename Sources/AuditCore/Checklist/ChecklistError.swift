/// One thing wrong in a checklist or families file, at a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml (and so Yams) does, so a Thai line's column matches
/// what an editor that counts code points shows.
public struct ChecklistProblem: Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `Checklists/oit-2569.yaml:41:5: unknown key 'terns' (did you mean 'terms'?)`.
  public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// Why a checklist or families file could not be used.
public enum ChecklistError: Error, Equatable, CustomStringConvertible {
  /// The file (or folder) is missing, unreadable or not UTF-8 text.
  case unreadable(path: String, reason: String)
  /// The file was read but breaks the format; every problem found, in file order.
  case invalid([ChecklistProblem])

  public var description: String {
    switch self {
    // Also the config file's error: the path says which file, the reason what is wrong.
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    case .invalid(let problems): problems.map(\.description).joined(separator: "\n")
    }
  }
}
