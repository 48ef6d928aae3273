import AuditCore
internal import GRDB

extension HistoryStore {
  /// What changed from run `from` to run `to`: items whose verdict differs, regressions first,
  /// and evidence URLs that answered in `from` and fail in `to`.
  public func diff(from: Int64, to: Int64) throws(HistoryError) -> RunDiff {
    let before = try run(id: from)
    let after = try run(id: to)
    return try read { db in
      RunDiff(
        from: before, to: after, changes: try Self.verdictChanges(db, from: from, to: to),
        brokenEvidence: try Self.brokenEvidence(db, from: from, to: to))
    }
  }

  /// The diff between the newest two runs (of `site` when given), or between `from` and the
  /// newest run after it, or between two given runs: what `oitcheck diff [A] [B]` shows.
  public func diff(site: String?, from: Int64?, to: Int64?) throws(HistoryError) -> RunDiff {
    switch (from, to) {
    case (let a?, let b?):
      return try diff(from: a, to: b)
    case (let a?, nil):
      let start = try run(id: a)
      guard let newest = try runs(site: start.site, limit: 1).first, newest.id != a else {
        throw .notEnoughRuns(site: start.site, found: 1)
      }
      return try diff(from: a, to: newest.id)
    default:
      let recent = try runs(site: site, limit: 1)
      guard let newest = recent.first,
        let previous = try previousRun(site: newest.site, before: newest.id)
      else { throw .notEnoughRuns(site: site ?? recent.first?.site, found: recent.count) }
      return try diff(from: previous.id, to: newest.id)
    }
  }

  static func verdictChanges(_ db: Database, from: Int64, to: Int64) throws -> [VerdictChange] {
    // Both directions of an outer join: items only in one run's checklist show as added/dropped.
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT b.itemID AS itemID, b.title AS title, b.unit AS unit, a.status AS before,
               b.status AS after, b.why AS why
        FROM item b LEFT JOIN item a ON a.runID = ?1 AND a.itemID = b.itemID
        WHERE b.runID = ?2 AND (a.status IS NULL OR a.status <> b.status)
        UNION ALL
        SELECT a.itemID, a.title, a.unit, a.status, NULL, a.why
        FROM item a
        WHERE a.runID = ?1 AND NOT EXISTS (
          SELECT 1 FROM item b WHERE b.runID = ?2 AND b.itemID = a.itemID)
        """,
      arguments: [from, to])
    let changes = rows.map { row in
      VerdictChange(
        itemID: row["itemID"], title: row["title"], unit: row["unit"],
        before: (row["before"] as String?).flatMap(ItemStatus.init(rawValue:)),
        after: (row["after"] as String?).flatMap(ItemStatus.init(rawValue:)), why: row["why"])
    }
    return changes.sorted { (rank($0), $0.itemID) < (rank($1), $1.itemID) }
  }

  /// Regressions, then other changes that are not improvements, then improvements.
  static func rank(_ change: VerdictChange) -> Int {
    if change.isRegression { return 0 }
    if change.isImprovement { return 2 }
    return 1
  }

  static func brokenEvidence(_ db: Database, from: Int64, to: Int64) throws -> [BrokenEvidence] {
    // An evidence URL of either run that was healthy in `from` and is failing in `to`.
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT e.url AS url, group_concat(DISTINCT e.itemID) AS items,
               now.kind AS kind, now.status AS status, now.detail AS detail
        FROM evidence e
        JOIN url_fact was ON was.runID = ?1 AND was.url = e.url
        JOIN url_fact now ON now.runID = ?2 AND now.url = e.url
        WHERE e.runID IN (?1, ?2)
          AND was.kind <> 'failure' AND coalesce(was.status, 0) < 400
          AND (now.kind = 'failure' OR coalesce(now.status, 0) >= 400)
        GROUP BY e.url ORDER BY e.url
        """,
      arguments: [from, to])
    return rows.map { row in
      let status: Int? = row["status"]
      let detail: String? = row["detail"]
      let kind: String = row["kind"]
      let now =
        kind == "failure" ? (detail ?? "failed") : "HTTP \(status.map(String.init) ?? "?")"
      let items = (row["items"] as String? ?? "").split(separator: ",").map(String.init).sorted()
      return BrokenEvidence(url: row["url"], itemIDs: items, now: now)
    }
  }
}
