import AuditCore
internal import GRDB

/// A run as recorded, with what changed since the site's previous run.
public struct RecordedRun: Sendable, Hashable {
  public var run: RunSummary
  /// Nil on a site's first run.
  public var sinceLastRun: RunDiff?

  public init(run: RunSummary, sinceLastRun: RunDiff?) {
    self.run = run
    self.sinceLastRun = sinceLastRun
  }

  /// Why this run should end with exit code 2 under `conditions`, one phrase each; empty when it
  /// should not. Regressions count only against a previous run.
  public func failures(
    of report: AuditReport, under conditions: Set<FailCondition>
  ) -> [String] {
    var out = FailCondition.verdictFailures(of: report, under: conditions)
    if conditions.contains(.regression), let diff = sinceLastRun, !diff.regressions.isEmpty {
      let ids = diff.regressions.map(\.itemID).joined(separator: ", ")
      out.append("regressed since run \(diff.from.id): \(ids)")
    }
    return out
  }
}

extension HistoryStore {
  /// Records one audit and computes its diff against the site's previous run, then calls
  /// `beforeCommit` (to publish the report that shows the diff) inside the same transaction.
  ///
  /// If `beforeCommit` throws, or the process dies before it returns, the run is rolled back:
  /// the history never holds a run whose report was not written.
  public func record<T>(
    report: AuditReport, snapshot: Snapshot, beforeCommit: (RecordedRun) throws -> T
  ) throws -> (RecordedRun, T) {
    do {
      return try pool.write { db in
        let runID = try Self.insertRun(db, report: report, header: snapshot.header)
        try Self.insertItems(db, runID: runID, items: report.items)
        try Self.insertURLFacts(db, runID: runID, snapshot: snapshot)
        try Self.pruneContent(db)
        guard let run = try Self.runSummary(db, id: runID) else {
          throw HistoryError.database(reason: "run \(runID) vanished inside its own transaction")
        }
        var diff: RunDiff? = nil
        if let previous = try Row.fetchOne(
          db, sql: "SELECT * FROM run WHERE site = ? AND id < ? ORDER BY id DESC LIMIT 1",
          arguments: [run.site, runID]
        ).map(Self.summary(of:)) {
          diff = RunDiff(
            from: previous, to: run,
            changes: try Self.verdictChanges(db, from: previous.id, to: runID),
            brokenEvidence: try Self.brokenEvidence(db, from: previous.id, to: runID))
        }
        let recorded = RecordedRun(run: run, sinceLastRun: diff)
        return (recorded, try beforeCommit(recorded))
      }
    } catch let error as DatabaseError {
      throw HistoryError.database(reason: Self.reason(error))
    }
  }
}
