import ArgumentParser
import Foundation
import History
import Reporting

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "List recorded audit runs, newest first.")

  @Option(help: ArgumentHelp("Only runs of this site (its start URL).", valueName: "url"))
  var site: String?

  @Option(
    help: ArgumentHelp(
      "The history database (default: ~/.local/share/oitcheck/history.sqlite).",
      valueName: "file"))
  var db: String?

  @Option(help: "Most runs to list.")
  var limit = 50

  @Flag(help: "Print the runs as JSON.")
  var json = false

  func run() throws {
    let store = try openHistory(db)
    let runs: [RunSummary]
    do {
      runs = try store.runs(site: site, limit: max(limit, 1))
    } catch {
      throw fail(error.description, .runtimeFailure)
    }
    if json {
      print(try jsonText(runs))
      return
    }
    if runs.isEmpty {
      print("no runs recorded" + (site.map { " for \($0)" } ?? "") + " in \(store.path)")
      return
    }
    print("run\tstarted\tsite\tchecklist\tpass\titems\tscore\tband\tpages\tcoverage")
    for r in runs {
      let items =
        r.summary.pass + r.summary.missing + r.summary.stale + r.summary.broken
        + r.summary.uncertain
      let fields = [
        "\(r.id)", r.startedAt, TerminalText.safe(r.site), r.checklistID, "\(r.summary.pass)",
        "\(items)", String(format: "%.1f", r.score), r.band, "\(r.pagesFetched)",
        r.coverageComplete ? "complete" : "partial",
      ]
      print(fields.joined(separator: "\t"))
    }
  }
}

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "What changed between two runs: verdicts (regressions first) and broken evidence.",
    discussion: """
      With no run ids: the newest run and the one before it (of --site, when given).
      With one: that run and the newest run of its site. Run ids come from `oitcheck history`.
      """)

  @Argument(help: "The earlier run.") var runA: Int64?
  @Argument(help: "The later run.") var runB: Int64?

  @Option(help: ArgumentHelp("Compare the newest two runs of this site.", valueName: "url"))
  var site: String?

  @Option(
    help: ArgumentHelp(
      "The history database (default: ~/.local/share/oitcheck/history.sqlite).",
      valueName: "file"))
  var db: String?

  @Flag(help: "Print the diff as JSON.")
  var json = false

  func run() throws {
    let store = try openHistory(db)
    let diff: RunDiff
    do {
      diff = try store.diff(site: site, from: runA, to: runB)
    } catch {
      switch error {
      case .noSuchRun, .notEnoughRuns: throw fail(error.description, .usage)
      default: throw fail(error.description, .runtimeFailure)
      }
    }
    if json {
      print(try jsonText(diff))
    } else {
      FileHandle.standardOutput.write(Data(DiffText.render(diff).utf8))
    }
  }
}

/// Opens the history for reading commands; a missing file is an error, not a new database.
func openHistory(_ db: String?) throws -> HistoryStore {
  let path =
    db.map { ($0 as NSString).expandingTildeInPath }
    ?? HistoryStore.defaultPath(environment: ProcessInfo.processInfo.environment)
  guard FileManager.default.fileExists(atPath: path) else {
    throw fail("no history at \(path) (run an audit first, or pass --db FILE)", .runtimeFailure)
  }
  do {
    return try HistoryStore(path: path)
  } catch {
    throw fail(error.description, .runtimeFailure)
  }
}

func jsonText<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}
