/// The schema name of the JSON report: other tools rely on it.
public let reportSchema = "oitcheck.report/1"

/// A verdict, in the report's words.
public enum ItemStatus: String, Sendable, Hashable, Codable, CaseIterable {
  case pass, missing, stale, broken, uncertain
}

/// One piece of evidence behind a verdict.
public struct Evidence: Sendable, Hashable, Codable {
  public var url: String
  public var title: String
  /// The date or period the evidence refers to, `YYYY-MM-DD` (the start of a period).
  public var date: String?
  /// Where the evidence was found and how its date was read.
  public var reason: String

  public init(url: String, title: String, date: String? = nil, reason: String) {
    self.url = url
    self.title = title
    self.date = date
    self.reason = reason
  }
}

/// The verdict for one checklist item.
public struct ItemResult: Sendable, Hashable, Codable {
  public var id: String
  public var title: String
  public var indicator: String
  public var unit: String
  public var status: ItemStatus
  public var evidence: [Evidence]
  /// One sentence: why this status. For failures it names the first element that failed.
  public var why: String
  /// For monthly items: `YYYY-MM` months of the window found and not found.
  public var monthsFound: [String]?
  public var monthsMissing: [String]?
  /// The checklist's confidence in the item; low items carry a caveat in reports.
  public var confidence: Confidence

  public init(
    id: String, title: String, indicator: String, unit: String, status: ItemStatus,
    evidence: [Evidence], why: String, monthsFound: [String]? = nil,
    monthsMissing: [String]? = nil, confidence: Confidence = .high
  ) {
    self.id = id
    self.title = title
    self.indicator = indicator
    self.unit = unit
    self.status = status
    self.evidence = evidence
    self.why = why
    self.monthsFound = monthsFound
    self.monthsMissing = monthsMissing
    self.confidence = confidence
  }
}

/// Counts per status.
public struct StatusSummary: Sendable, Hashable, Codable {
  public var pass = 0
  public var missing = 0
  public var stale = 0
  public var broken = 0
  public var uncertain = 0

  public init() {}

  public init(_ items: [ItemResult]) {
    for item in items {
      switch item.status {
      case .pass: pass += 1
      case .missing: missing += 1
      case .stale: stale += 1
      case .broken: broken += 1
      case .uncertain: uncertain += 1
      }
    }
  }
}

/// How much of the site the audit could see.
public struct ReportCoverage: Sendable, Hashable, Codable {
  public var pagesFetched: Int
  public var pagesFailed: Int
  public var complete: Bool
  public var notes: [String]

  public init(pagesFetched: Int, pagesFailed: Int, complete: Bool, notes: [String]) {
    self.pagesFetched = pagesFetched
    self.pagesFailed = pagesFailed
    self.complete = complete
    self.notes = notes
  }
}

/// The score estimate: each item 100 or 0, averaged (the weighting is our assumption).
public struct ScoreEstimate: Sendable, Hashable, Codable {
  public var estimate: Double
  /// Mean per sub-indicator, keyed by its code.
  public var byIndicator: [String: Double]
  public var band: String
  public var weighting: String

  public init(estimate: Double, byIndicator: [String: Double], band: String, weighting: String) {
    self.estimate = estimate
    self.byIndicator = byIndicator
    self.band = band
    self.weighting = weighting
  }
}

/// Which checklist was used.
public struct ChecklistRef: Sendable, Hashable, Codable {
  public var id: String
  public var year: Int

  public init(id: String, year: Int) {
    self.id = id
    self.year = year
  }
}

/// The audit of one site against one checklist on one date: `oitcheck.report/1`.
public struct AuditReport: Sendable, Hashable, Codable {
  public var schema: String = reportSchema
  public var site: String
  public var checklist: ChecklistRef
  public var fiscalYear: Int
  public var asOf: String
  public var items: [ItemResult]
  public var summary: StatusSummary
  public var coverage: ReportCoverage
  public var score: ScoreEstimate
  /// Sentences about the run as a whole (checklist year differs from the fiscal year...).
  public var notes: [String]
  public var version: String
  /// What changed since the site's previous recorded run; nil on a first run or without history.
  public var sinceLastRun: SinceLastRun?

  public init(
    site: String, checklist: ChecklistRef, fiscalYear: Int, asOf: String, items: [ItemResult],
    coverage: ReportCoverage, score: ScoreEstimate, notes: [String], version: String = oitcheckVersion
  ) {
    self.site = site
    self.checklist = checklist
    self.fiscalYear = fiscalYear
    self.asOf = asOf
    self.items = items
    self.summary = StatusSummary(items)
    self.coverage = coverage
    self.score = score
    self.notes = notes
    self.version = version
  }
}

/// The "since the last run" section: verdicts that changed and evidence that newly broke.
public struct SinceLastRun: Sendable, Hashable, Codable {
  public struct Change: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// nil when the item was not in that run's checklist.
    public var before: ItemStatus?
    public var after: ItemStatus?
    /// Passed before, does not now.
    public var regression: Bool

    public init(id: String, title: String, before: ItemStatus?, after: ItemStatus?, regression: Bool) {
      self.id = id
      self.title = title
      self.before = before
      self.after = after
      self.regression = regression
    }
  }

  /// When the previous run started (ISO 8601).
  public var previousRun: String
  /// Regressions first.
  public var changes: [Change]
  /// Evidence URLs that worked in the previous run and fail now, each with its error.
  public var brokenEvidence: [String]

  public init(previousRun: String, changes: [Change], brokenEvidence: [String]) {
    self.previousRun = previousRun
    self.changes = changes
    self.brokenEvidence = brokenEvidence
  }

  /// One line per change, for the text and Markdown reports.
  public func lines(_ lang: ReportLanguage) -> [String] {
    let th = lang == .th
    var out: [String] = []
    if changes.isEmpty && brokenEvidence.isEmpty {
      out.append(th ? "ไม่มีข้อใดเปลี่ยนผล และไม่มีหลักฐานที่เพิ่งเสีย" : "No verdict changed and no evidence broke.")
    }
    for c in changes {
      let before = c.before?.rawValue ?? "-"
      let after = c.after?.rawValue ?? "-"
      let mark = c.regression ? (th ? "ถดถอย: " : "regression: ") : ""
      out.append("\(mark)\(c.id) \(before) → \(after) \(c.title)")
    }
    for b in brokenEvidence { out.append((th ? "หลักฐานเพิ่งเสีย: " : "newly broken evidence: ") + b) }
    return out
  }
}
