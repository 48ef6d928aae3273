import ArgumentParser
import AuditCore
import Foundation
import History

/// The unattended part of `oitcheck audit`: lock, history, "since the last run", dated reports
/// and the `--fail-on` exit code.
///
/// How `oitcheck audit` uses it (three calls around the existing crawl and match):
///
/// ```swift
/// // 1. Before crawling: takes the site's lock (exit 75 at once if another run holds it) and
/// //    opens the history (exit 1 if it cannot).
/// let scheduled = try ScheduledRun.begin(site: startURL, flags: historyFlags, config: config)
/// // 2. Crawl and match as today, with `crawlOptions.priorPages = scheduled.priorPages` so that
/// //    unchanged pages come back as 304 and are reused from the history.
/// // 3. Record the run and publish its reports in one step. `render` gets the diff against the
/// //    site's previous run (nil on the first) and returns file name -> contents; they go into
/// //    OUT/2026-11-25T0200/ (OUT/latest moved, --keep pruned) when `outputRoot` is given. The run
/// //    is committed only after the folder is in place, so a crash never leaves one without the
/// //    other. Without `outputRoot`, `render`'s files are not written: print them yourself.
/// let outcome = try scheduled.finish(report: report, snapshot: snapshot, outputRoot: out) {
///   diff in ["report.json": Data(JSONReportRenderer.render(report, sinceLastRun: diff).utf8)]
/// }
/// if outcome.exit != .ok { throw ExitCode(outcome.exit.rawValue) }
/// ```
///
/// The lock is released when the `ScheduledRun` is deallocated or the process ends (even by
/// `kill -9`), so keep it alive until the command returns.
struct ScheduledRun {
  let store: HistoryStore
  let lock: RunLock
  let site: String
  let conditions: Set<FailCondition>
  let keep: Int?
  let startedAt: Date
  let timeZone: TimeZone

  /// The previous run's pages with validators, for `CrawlOptions.priorPages` (conditional
  /// re-crawl: If-None-Match / If-Modified-Since, a 304 reuses the stored page). Empty on a first
  /// run; a history that cannot be read costs a full crawl, not the run.
  var priorPages: [String: PriorPage] { (try? store.priorPages(site: site)) ?? [:] }

  /// What `finish` decided.
  struct Outcome {
    var recorded: RecordedRun
    /// The dated folder written, when an output root was given.
    var folder: String?
    /// `.ok`, or `.itemsNotPassing` when a `--fail-on` condition holds.
    var exit: Exit
    /// The conditions that held, one phrase each (for a log line).
    var reasons: [String]
  }

  /// Takes the lock and opens the history. Throws an ExitCode after printing one line.
  static func begin(
    site: String, flags: HistoryFlags, config: RunConfig?,
    environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date(),
    timeZone: TimeZone = .current
  ) throws -> ScheduledRun {
    let path = flags.databasePath(config: config, environment: environment)
    let conditions = try flags.failConditions(config: config)
    let lock: RunLock
    do {
      lock = try RunLock(databasePath: path, site: site, startedAt: Pipeline.isoNow())
    } catch {
      switch error {
      case .held: throw fail(error.description, .locked)
      case .unusable: throw fail(error.description, .runtimeFailure)
      }
    }
    if flags.verbose, let dead = lock.recoveredFromPID {
      printError("recovered the lock of an earlier run (pid \(dead)) that did not finish")
    }
    let store: HistoryStore
    do {
      store = try HistoryStore(path: path)
    } catch {
      throw fail(error.description, .runtimeFailure)
    }
    return ScheduledRun(
      store: store, lock: lock, site: site, conditions: conditions,
      keep: flags.keepCount(config: config), startedAt: now, timeZone: timeZone)
  }

  /// Records the run, publishes `render`'s files into a dated folder under `outputRoot` (inside
  /// the same transaction), prunes old folders, and applies `--fail-on`.
  func finish(
    report: AuditReport, snapshot: Snapshot, outputRoot: String?,
    render: (RunDiff?) throws -> [String: Data]
  ) throws -> Outcome {
    let recorded: RecordedRun
    let folder: String?
    do {
      (recorded, folder) = try store.record(report: report, snapshot: snapshot) {
        recorded -> String? in
        let files = try render(recorded.sinceLastRun)
        guard let outputRoot else { return nil }
        let name = ReportFolders.folderName(for: startedAt, timeZone: timeZone)
        return try ReportFolders.publish(root: outputRoot, name: name, files: files)
      }
    } catch let error as ReportFolderError {
      throw fail(error.description, .runtimeFailure)
    } catch let error as HistoryError {
      throw fail(error.description, .runtimeFailure)
    } catch let exit as ExitCode {
      throw exit  // `render` already said why
    } catch {
      throw fail("the run was not recorded: \(error)", .runtimeFailure)
    }
    if let outputRoot, let keep {
      do {
        try ReportFolders.prune(root: outputRoot, keep: keep)
      } catch {
        // The run is recorded and its report written: an old folder left behind is no failure.
        printError(error.description)
      }
    }
    let reasons = recorded.failures(of: report, under: conditions)
    return Outcome(
      recorded: recorded, folder: folder, exit: reasons.isEmpty ? .ok : .itemsNotPassing,
      reasons: reasons)
  }
}
