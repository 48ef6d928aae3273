import AuditCore

/// Why the history could not be used. One line each, for the terminal.
public enum HistoryError: Error, Equatable, CustomStringConvertible {
  /// The database file could not be opened, created or migrated.
  case open(path: String, reason: String)
  /// The file was written by a newer oitcheck whose schema this one does not know.
  case newerSchema(path: String, migrations: [String])
  /// A statement failed; `reason` is SQLite's message (never the bound values).
  case database(reason: String)
  /// A run id given on the command line is not in the database.
  case noSuchRun(Int64)
  /// A diff needs two runs and the database (or site) has fewer.
  case notEnoughRuns(site: String?, found: Int)

  public var description: String {
    switch self {
    case .open(let path, let reason): "cannot open history \(path): \(reason)"
    case .newerSchema(let path, let migrations):
      "history \(path) was written by a newer oitcheck (unknown migrations: "
        + migrations.joined(separator: ", ") + "); upgrade oitcheck or use another --db"
    case .database(let reason): "history database error: \(reason)"
    case .noSuchRun(let id): "no run \(id) in the history (see `oitcheck history`)"
    case .notEnoughRuns(let site, let found):
      "a diff needs two runs" + (site.map { " of \($0)" } ?? "") + "; the history has \(found)"
    }
  }
}

/// One recorded run, as the history list shows it.
public struct RunSummary: Sendable, Hashable, Codable {
  public var id: Int64
  public var site: String
  /// ISO 8601, UTC, from the snapshot header.
  public var startedAt: String
  public var endedAt: String
  public var checklistID: String
  public var fiscalYear: Int
  public var asOf: String
  public var version: String
  public var summary: StatusSummary
  public var pagesFetched: Int
  public var pagesFailed: Int
  public var coverageComplete: Bool
  public var score: Double
  public var band: String

  public init(
    id: Int64, site: String, startedAt: String, endedAt: String, checklistID: String,
    fiscalYear: Int, asOf: String, version: String, summary: StatusSummary, pagesFetched: Int,
    pagesFailed: Int, coverageComplete: Bool, score: Double, band: String
  ) {
    self.id = id
    self.site = site
    self.startedAt = startedAt
    self.endedAt = endedAt
    self.checklistID = checklistID
    self.fiscalYear = fiscalYear
    self.asOf = asOf
    self.version = version
    self.summary = summary
    self.pagesFetched = pagesFetched
    self.pagesFailed = pagesFailed
    self.coverageComplete = coverageComplete
    self.score = score
    self.band = band
  }
}

/// An item whose verdict differs between two runs. `nil` means the item was not in that run's
/// checklist (a new fiscal year's list added or dropped it).
public struct VerdictChange: Sendable, Hashable, Codable {
  public var itemID: String
  public var title: String
  public var unit: String
  public var before: ItemStatus?
  public var after: ItemStatus?
  /// The later run's reason for its verdict (the earlier one's when the item was dropped).
  public var why: String

  public init(
    itemID: String, title: String, unit: String, before: ItemStatus?, after: ItemStatus?,
    why: String
  ) {
    self.itemID = itemID
    self.title = title
    self.unit = unit
    self.before = before
    self.after = after
    self.why = why
  }

  /// An item that passed and now has any other verdict. An item that left the checklist is not a
  /// regression of the site.
  public var isRegression: Bool { before == .pass && after != nil && after != .pass }
  /// An item that did not pass and now passes.
  public var isImprovement: Bool { before != nil && before != .pass && after == .pass }
}

/// An evidence URL that answered in the earlier run and fails in the later one.
public struct BrokenEvidence: Sendable, Hashable, Codable {
  public var url: String
  /// Items that cited the URL as evidence, in either run.
  public var itemIDs: [String]
  /// What the later run saw: `HTTP 404`, or the fetch error (`timeout: ...`).
  public var now: String

  public init(url: String, itemIDs: [String], now: String) {
    self.url = url
    self.itemIDs = itemIDs
    self.now = now
  }
}

/// What changed between two runs: the "since the last run" section and `oitcheck diff`.
public struct RunDiff: Sendable, Hashable, Codable {
  public var from: RunSummary
  public var to: RunSummary
  /// Regressions first, then other changes for the worse, then improvements; by item id within.
  public var changes: [VerdictChange]
  public var brokenEvidence: [BrokenEvidence]

  public init(
    from: RunSummary, to: RunSummary, changes: [VerdictChange], brokenEvidence: [BrokenEvidence]
  ) {
    self.from = from
    self.to = to
    self.changes = changes
    self.brokenEvidence = brokenEvidence
  }

  public var regressions: [VerdictChange] { changes.filter(\.isRegression) }
  public var isEmpty: Bool { changes.isEmpty && brokenEvidence.isEmpty }
}

/// What a run learnt about one URL, kept for the next run's conditional requests.
public struct URLFacts: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    case page, attachment, failure, redirect
  }

  public var url: String
  public var kind: Kind
  public var status: Int?
  public var etag: String?
  public var lastModified: String?
  /// SHA-256 of the page's stored facts (pages only): equal hashes, equal pages.
  public var contentHash: String?
  /// The failure's machine word and message, or a redirect's target.
  public var detail: String?

  public init(
    url: String, kind: Kind, status: Int?, etag: String? = nil, lastModified: String? = nil,
    contentHash: String? = nil, detail: String? = nil
  ) {
    self.url = url
    self.kind = kind
    self.status = status
    self.etag = etag
    self.lastModified = lastModified
    self.contentHash = contentHash
    self.detail = detail
  }

  /// The URL answered with a usable response (a page, a file or a redirect below 400).
  public var isHealthy: Bool { kind != .failure && (status ?? 0) < 400 }
}
