import AuditCore
import Foundation
internal import GRDB

extension HistoryStore {
  /// The schema's history. Never edit a registered migration: add a new one.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-runs") { db in
      try db.create(table: "run") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("site", .text).notNull().indexed()
        t.column("startedAt", .text).notNull()
        t.column("endedAt", .text).notNull()
        t.column("checklistID", .text).notNull()
        t.column("checklistYear", .integer).notNull()
        t.column("fiscalYear", .integer).notNull()
        t.column("asOf", .text).notNull()
        t.column("version", .text).notNull()
        t.column("options", .text).notNull()  // JSON object: the crawl's options
        t.column("pagesFetched", .integer).notNull()
        t.column("pagesFailed", .integer).notNull()
        t.column("attachmentsChecked", .integer).notNull()
        t.column("coverageComplete", .boolean).notNull()
        t.column("limitsHit", .text).notNull()  // JSON arrays of text
        t.column("robotsBlocked", .text).notNull()
        t.column("coverageNotes", .text).notNull()
        t.column("notes", .text).notNull()
        for status in ItemStatus.allCases { t.column(status.rawValue, .integer).notNull() }
        t.column("score", .double).notNull()
        t.column("band", .text).notNull()
      }
      try db.create(table: "item") { t in
        t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
        t.column("itemID", .text).notNull()
        t.column("position", .integer).notNull()
        t.column("title", .text).notNull()
        t.column("indicator", .text).notNull()
        t.column("unit", .text).notNull()
        t.column("status", .text).notNull()
        t.column("why", .text).notNull()
        t.column("confidence", .text).notNull()
        t.primaryKey(["runID", "itemID"])
      }
      try db.create(table: "evidence") { t in
        t.column("runID", .integer).notNull()
        t.column("itemID", .text).notNull()
        t.column("position", .integer).notNull()
        t.column("url", .text).notNull()
        t.column("title", .text).notNull()
        t.column("date", .text)
        t.column("reason", .text).notNull()
        t.primaryKey(["runID", "itemID", "position"])
        t.foreignKey(["runID", "itemID"], references: "item", onDelete: .cascade)
      }
      try db.create(table: "page_content") { t in
        t.primaryKey("hash", .text)
        t.column("facts", .blob).notNull()  // JSON of PageFacts
      }
      try db.create(table: "url_fact") { t in
        t.column("runID", .integer).notNull().references("run", onDelete: .cascade)
        t.column("url", .text).notNull()
        t.column("kind", .text).notNull()
        t.column("status", .integer)
        t.column("etag", .text)
        t.column("lastModified", .text)
        // No foreign key: page_content keeps only the newest run's pages (see pruneContent),
        // while the hash stays in every run as the page's fingerprint.
        t.column("contentHash", .text).indexed()
        t.column("detail", .text)
        t.primaryKey(["runID", "url"])
      }
    }
    return migrator
  }

  // MARK: - Writing one run

  static func insertRun(_ db: Database, report: AuditReport, header: SnapshotHeader) throws
    -> Int64
  {
    let c = header.coverage
    let s = report.summary
    try db.execute(
      sql: """
        INSERT INTO run (site, startedAt, endedAt, checklistID, checklistYear, fiscalYear, asOf,
          version, options, pagesFetched, pagesFailed, attachmentsChecked, coverageComplete,
          limitsHit, robotsBlocked, coverageNotes, notes, pass, missing, stale, broken, uncertain,
          score, band)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        report.site, header.startedAt, header.endedAt, report.checklist.id, report.checklist.year,
        report.fiscalYear, report.asOf, report.version, try json(header.options), c.pagesFetched,
        c.pagesFailed, c.attachmentsChecked, report.coverage.complete, try json(c.limitsHit),
        try json(c.robotsBlocked), try json(c.notes), try json(report.notes), s.pass, s.missing,
        s.stale, s.broken, s.uncertain, report.score.estimate, report.score.band,
      ])
    return db.lastInsertedRowID
  }

  static func insertItems(_ db: Database, runID: Int64, items: [ItemResult]) throws {
    let item = try db.cachedStatement(
      sql: """
        INSERT INTO item (runID, itemID, position, title, indicator, unit, status, why, confidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let evidence = try db.cachedStatement(
      sql: """
        INSERT INTO evidence (runID, itemID, position, url, title, date, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    for (position, result) in items.enumerated() {
      try item.execute(arguments: [
        runID, result.id, position, result.title, result.indicator, result.unit,
        result.status.rawValue, result.why, result.confidence.rawValue,
      ])
      for (index, e) in result.evidence.enumerated() {
        try evidence.execute(arguments: [runID, result.id, index, e.url, e.title, e.date, e.reason])
      }
    }
  }

  static func insertURLFacts(_ db: Database, runID: Int64, snapshot: Snapshot) throws {
    let content = try db.cachedStatement(
      sql: "INSERT INTO page_content (hash, facts) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING")
    // The first record of a URL wins: a page, then a file, a failure, a redirect.
    let fact = try db.cachedStatement(
      sql: """
        INSERT INTO url_fact (runID, url, kind, status, etag, lastModified, contentHash, detail)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (runID, url) DO NOTHING
        """)
    func add(_ f: URLFacts) throws {
      try fact.execute(arguments: [
        runID, f.url, f.kind.rawValue, f.status, f.etag, f.lastModified, f.contentHash, f.detail,
      ])
    }
    for page in snapshot.pages {
      // Link-set ids name sets of this snapshot only: the stored page keeps its menus inline.
      var stored = page
      stored.links = snapshot.links(of: page)
      stored.linkSets = []
      let (hash, data) = try contentHash(of: stored)
      try content.execute(arguments: [hash, data])
      try add(
        URLFacts(
          url: page.url, kind: .page, status: page.status, etag: page.etag,
          lastModified: page.lastModified, contentHash: hash))
    }
    for file in snapshot.attachments {
      try add(
        URLFacts(
          url: file.url, kind: .attachment, status: file.status, etag: file.etag,
          lastModified: file.lastModified))
    }
    for failure in snapshot.failures {
      try add(
        URLFacts(
          url: failure.url, kind: .failure, status: failure.status,
          detail: "\(failure.error): \(failure.message)"))
    }
    for redirect in snapshot.redirects {
      try add(
        URLFacts(url: redirect.from, kind: .redirect, status: redirect.status, detail: redirect.to))
    }
  }

  /// Drops stored page facts that the newest run of no site uses. Facts exist for the next
  /// conditional re-crawl; keeping every version would grow the file by a site's size each night
  /// on sites whose pages all change (a "latest news" box on every page).
  static func pruneContent(_ db: Database) throws {
    try db.execute(
      sql: """
        DELETE FROM page_content WHERE hash NOT IN (
          SELECT contentHash FROM url_fact
          WHERE contentHash IS NOT NULL AND runID IN (SELECT MAX(id) FROM run GROUP BY site))
        """)
  }

  /// The stored form of a page (its snapshot record, whose keys come in a fixed order, so equal
  /// facts hash equally) and its SHA-256.
  static func contentHash(of page: PageFacts) throws -> (String, Data) {
    let data = Data(SnapshotRecord.page(page).jsonLine)
    return (SHA256.hex(data), data)
  }

  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  // MARK: - Reading

  static func runSummary(_ db: Database, id: Int64) throws -> RunSummary? {
    try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(summary(of:))
  }

  static func summary(of row: Row) -> RunSummary {
    var counts = StatusSummary()
    counts.pass = row["pass"]
    counts.missing = row["missing"]
    counts.stale = row["stale"]
    counts.broken = row["broken"]
    counts.uncertain = row["uncertain"]
    return RunSummary(
      id: row["id"], site: row["site"], startedAt: row["startedAt"], endedAt: row["endedAt"],
      checklistID: row["checklistID"], fiscalYear: row["fiscalYear"], asOf: row["asOf"],
      version: row["version"], summary: counts, pagesFetched: row["pagesFetched"],
      pagesFailed: row["pagesFailed"], coverageComplete: row["coverageComplete"],
      score: row["score"], band: row["band"])
  }

  static func urlFacts(_ db: Database, runID: Int64) throws -> [URLFacts] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM url_fact WHERE runID = ? ORDER BY url", arguments: [runID]
    )
    .map { row in
      URLFacts(
        url: row["url"], kind: URLFacts.Kind(rawValue: row["kind"]) ?? .failure,
        status: row["status"], etag: row["etag"], lastModified: row["lastModified"],
        contentHash: row["contentHash"], detail: row["detail"])
    }
  }
}
