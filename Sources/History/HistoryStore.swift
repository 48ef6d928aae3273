import AuditCore
import Foundation
internal import GRDB

/// The run history in one SQLite file (WAL mode), shared by every site audited with it.
///
/// Each `record` is one transaction: a run that dies before it commits leaves no trace, and
/// readers (`oitcheck history` during a nightly run) see whole runs only. A value type: copies
/// share one connection pool, which GRDB makes safe from any thread.
public struct HistoryStore: Sendable {
  /// The database file.
  public let path: String
  let pool: DatabasePool

  /// The default file, `$XDG_DATA_HOME/oitcheck/history.sqlite` or
  /// `~/.local/share/oitcheck/history.sqlite`; the caller passes the environment in.
  public static func defaultPath(environment: [String: String]) -> String {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return data + "/oitcheck/history.sqlite"
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.local/share/oitcheck/history.sqlite"
  }

  /// Opens (creating the file and its folder if needed) and brings the schema up to date.
  /// - Throws: `.open` when the file cannot be used, `.newerSchema` for a newer oitcheck's file.
  public init(path: String) throws(HistoryError) {
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw .open(path: path, reason: "cannot create folder \(folder)")
      }
    }
    var configuration = Configuration()
    // A reader (`oitcheck history`) may briefly hold the file while a run commits.
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      // FULL: a committed run survives a power cut, not only a crash of oitcheck.
      try db.execute(sql: "PRAGMA synchronous = FULL")
      try db.execute(sql: "PRAGMA foreign_keys = ON")
    }
    // DatabasePool opens the file in WAL mode. Runs that create one file at once can meet
    // SQLITE_BUSY while one switches the journal mode, which the busy timeout does not cover:
    // try again for a few seconds.
    var opened: DatabasePool?
    for attempt in 1...50 {
      do {
        opened = try DatabasePool(path: path, configuration: configuration)
        break
      } catch {
        if !Self.isBusy(error) || attempt == 50 { throw .open(path: path, reason: Self.reason(error)) }
        usleep(100_000)
      }
    }
    guard let opened else { throw .open(path: path, reason: "database is locked") }
    pool = opened
    let migrator = Self.migrator
    do {
      let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
      let unknown = applied.subtracting(migrator.migrations).sorted()
      if !unknown.isEmpty { throw HistoryError.newerSchema(path: path, migrations: unknown) }
      do {
        // The same race can meet the first migration: wait for the other run's schema.
        for attempt in 1...50 {
          do {
            try migrator.migrate(pool)
            break
          } catch where Self.isBusy(error) && attempt < 50 {
            usleep(100_000)
          }
        }
      } catch {
        // Two runs opening a new file at once (two sites, one history) both see no schema; the
        // second one's CREATE fails after the first commits. Its schema is then complete.
        guard try pool.read({ db in try migrator.hasCompletedMigrations(db) }) else { throw error }
      }
    } catch let error as HistoryError {
      throw error
    } catch {
      throw .open(path: path, reason: Self.reason(error))
    }
  }

  static func isBusy(_ error: any Error) -> Bool {
    guard let code = (error as? DatabaseError)?.resultCode else { return false }
    return code == .SQLITE_BUSY || code == .SQLITE_LOCKED
  }

  /// Records one finished audit in one transaction and returns its summary.
  ///
  /// `snapshot` supplies the run's options, coverage and per-URL fetch facts; `report` the
  /// verdicts and evidence. Every run keeps each page's content hash; the page facts themselves
  /// (for the next conditional re-crawl) are kept only for each site's newest run.
  public func record(report: AuditReport, snapshot: Snapshot) throws(HistoryError) -> RunSummary {
    do {
      return try record(report: report, snapshot: snapshot) { _ in }.0.run
    } catch let error as HistoryError {
      throw error
    } catch {
      throw .database(reason: Self.reason(error))
    }
  }

  /// Runs, newest first; only `site`'s when given. `limit` caps the list.
  public func runs(site: String? = nil, limit: Int = 100) throws(HistoryError) -> [RunSummary] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT * FROM run WHERE (?1 IS NULL OR site = ?1) ORDER BY id DESC LIMIT ?2",
        arguments: [site, limit])
      return rows.map(Self.summary(of:))
    }
  }

  /// One run, or `.noSuchRun`.
  public func run(id: Int64) throws(HistoryError) -> RunSummary {
    guard let found = try read({ db in try Self.runSummary(db, id: id) }) else {
      throw .noSuchRun(id)
    }
    return found
  }

  /// The newest run of `site` before run `id` (or before every run when `id` is nil).
  public func previousRun(site: String, before id: Int64? = nil) throws(HistoryError)
    -> RunSummary?
  {
    try read { db in
      try Row.fetchOne(
        db,
        sql:
          "SELECT * FROM run WHERE site = ? AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT 1",
        arguments: [site, id]
      ).map(Self.summary(of:))
    }
  }

  /// The verdicts of one run, in checklist order.
  public func items(runID: Int64) throws(HistoryError) -> [(id: String, status: ItemStatus)] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT itemID, status FROM item WHERE runID = ? ORDER BY position",
        arguments: [runID]
      ).map { row in
        (row["itemID"], ItemStatus(rawValue: row["status"]) ?? .uncertain)
      }
    }
  }

  /// The fetch facts of the newest run of `site`, keyed by URL: what a conditional re-crawl asks
  /// (`If-None-Match`, `If-Modified-Since`). Empty when the site has no run yet.
  public func latestURLFacts(site: String) throws(HistoryError) -> [String: URLFacts] {
    try read { db in
      guard
        let runID = try Int64.fetchOne(
          db, sql: "SELECT MAX(id) FROM run WHERE site = ?", arguments: [site])
      else { return [:] }
      var out: [String: URLFacts] = [:]
      for facts in try Self.urlFacts(db, runID: runID) { out[facts.url] = facts }
      return out
    }
  }

  /// The pages of the newest run of `site` that carried an ETag or Last-Modified, with their
  /// stored facts: `CrawlOptions.priorPages` for a conditional re-crawl.
  public func priorPages(site: String) throws(HistoryError) -> [String: PriorPage] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT u.url AS url, u.etag AS etag, u.lastModified AS lastModified, p.facts AS facts
          FROM url_fact u JOIN page_content p ON p.hash = u.contentHash
          WHERE u.runID = (SELECT MAX(id) FROM run WHERE site = ?) AND u.kind = 'page'
            AND (u.etag IS NOT NULL OR u.lastModified IS NOT NULL)
          """,
        arguments: [site])
      var out: [String: PriorPage] = [:]
      for row in rows {
        out[row["url"]] = PriorPage(
          etag: row["etag"], lastModified: row["lastModified"], storedFacts: row["facts"] as Data)
      }
      return out
    }
  }

  /// The fetch facts one run recorded, by URL.
  public func urlFacts(runID: Int64) throws(HistoryError) -> [URLFacts] {
    try read { db in try Self.urlFacts(db, runID: runID) }
  }

  /// The stored facts of a page by content hash (pages of each site's newest run only).
  public func pageFacts(contentHash: String) throws(HistoryError) -> PageFacts? {
    try read { db in
      guard
        let data = try Data.fetchOne(
          db, sql: "SELECT facts FROM page_content WHERE hash = ?", arguments: [contentHash])
      else { return nil }
      return try JSONDecoder().decode(PageFacts.self, from: data)
    }
  }

  // MARK: - Transactions

  func write<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
    do {
      return try pool.write(body)
    } catch let error as HistoryError {
      throw error
    } catch {
      throw .database(reason: Self.reason(error))
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
    do {
      return try pool.read(body)
    } catch let error as HistoryError {
      throw error
    } catch {
      throw .database(reason: Self.reason(error))
    }
  }

  /// SQLite's own message without the SQL's bound values (they may hold page text).
  static func reason(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
    return "\(error)"
  }
}
