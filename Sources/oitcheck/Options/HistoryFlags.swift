import ArgumentParser
import AuditCore
import Foundation
import History

/// Flags of scheduled (cron) runs: history database, exit policy, report folders, config file.
/// `--quiet` is not here: `CrawlFlags` has it, and a group may not repeat a flag.
struct HistoryFlags: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The history database (default: ~/.local/share/oitcheck/history.sqlite).",
      valueName: "file"))
  var db: String?

  @Option(
    name: .customLong("fail-on"),
    help: ArgumentHelp(
      "What ends the audit with exit code 2: any of missing, stale, broken, uncertain, "
        + "regression, or none (comma-separated; default: missing,stale,broken,uncertain).",
      valueName: "list"))
  var failOn: String?

  @Option(
    help: ArgumentHelp(
      "Also write every format into a dated folder under this folder (DIR/2026-11-25T0200/,"
        + " DIR/latest pointing at the newest).", valueName: "dir"))
  var archive: String?

  @Option(help: ArgumentHelp("Dated report folders to keep under --archive.", valueName: "n"))
  var keep: Int?

  @Flag(name: .customLong("no-history"), help: "Do not record this run in the history database.")
  var noHistory = false

  @Option(
    help: ArgumentHelp("Settings file (oitcheck.yaml); flags win over it.", valueName: "file"))
  var config: String?

  @Flag(help: "Log each step to standard error.")
  var verbose = false

  /// The database path: --db, then the config's `db:`, then the XDG default.
  func databasePath(config: RunConfig?, environment: [String: String]) -> String {
    let chosen = db ?? config?.database
    return chosen.map { ($0 as NSString).expandingTildeInPath }
      ?? HistoryStore.defaultPath(environment: environment)
  }

  /// The exit policy: --fail-on, then the config's `fail-on:`, then the defaults.
  func failConditions(config: RunConfig?) throws -> Set<FailCondition> {
    guard let failOn else { return config?.failOn ?? FailCondition.defaults }
    switch FailCondition.parse(failOn) {
    case .success(let set): return set
    case .failure(let error): throw ValidationError(error.description)
    }
  }

  /// Folders to keep: --keep, then the config's `keep:`; nil keeps all.
  func keepCount(config: RunConfig?) -> Int? { keep ?? config?.keep }

  /// The config file, loaded; nil without --config. Exits 3 with file:line:col on a bad file.
  func loadConfig() throws -> RunConfig? {
    guard let config else { return nil }
    do {
      return try RunConfig.load(path: config)
    } catch {
      throw fail(error.description, .badInput)
    }
  }

  func validate() throws {
    if let keep, keep < 1 { throw ValidationError("--keep must be 1 or more") }
    if let failOn, case .failure(let error) = FailCondition.parse(failOn) {
      throw ValidationError(error.description)
    }
  }
}
