/// Where a date was read, strongest first (docs/MATCHING.md §3).
enum DateSource: Int, Comparable, Sendable {
  case linkText, rowText, fileName, pageTitle, pageLinks, pageText, fileNameHint, lastModified

  static func < (a: DateSource, b: DateSource) -> Bool { a.rawValue < b.rawValue }
}

/// What one source's dates say about one freshness rule.
enum Judgement: Equatable {
  /// Inside the window; the mention that showed it.
  case fresh(DateMention)
  case stale(StaleReason, DateMention)
  case unsure(UnsureReason, DateMention)
  /// Nothing this rule can use: try the next, weaker source.
  case silent
}

enum StaleReason: Equatable {
  /// Every relevant date lies in fiscal years before the window (the newest one given).
  case olderYear(Int)
  /// A previous-FY item labelled only with FY N: a current-year or six-month report.
  case currentYearReport(Int)
  /// A previous-FY item whose range covers only part of FY N−1.
  case partialYear
  /// A multi-year plan whose span ended before FY N (its last FY given).
  case spanEnded(Int)
}

enum UnsureReason: Equatable {
  /// A current-FY item dated only by a multi-year span that includes N.
  case multiYearSpan
  /// Dated only after the window (FY given).
  case afterWindow(Int)
  /// An activity in FY N but after the as-of day.
  case afterAsOf
  /// A plan labelled with a single year that is not N: the span it covers cannot be read.
  case labelWithoutSpan(Int)
}

/// Applies a freshness rule to the date mentions of one source.
struct FreshnessJudge {
  let fy: FiscalYear
  let asOf: Day

  func judge(_ rule: FreshnessRule, _ mentions: [DateMention]) -> Judgement {
    guard !mentions.isEmpty else { return .silent }
    switch rule {
    case .none, .inForce: return .fresh(mentions[0])
    case .currentFY: return currentFY(mentions, activity: false)
    case .currentFYActivity: return currentFY(mentions, activity: true)
    case .previousFY: return previousFY(mentions)
    case .coversFY: return coversFY(mentions)
    case .monthlyElapsed: return .silent  // months are counted by the matcher, not judged here
    }
  }

  /// The fiscal year a dated mention points at; nil for multi-year spans.
  static func fiscalYear(of m: DateMention) -> Int? {
    switch m.kind {
    case .yearSpan: return nil
    case .year: return m.fiscalYears.lowerBound
    default: return FiscalYear(containing: m.start).be
    }
  }

  private func currentFY(_ mentions: [DateMention], activity: Bool) -> Judgement {
    let n = fy.be
    // A named period beats the day a text was posted or updated: "ประจำปีงบประมาณ 2568 |
    // 01/10/2568" is last year's document. An assessment round ("ITA 2569") names no period.
    let periods = mentions.filter { $0.kind != .day && $0.namesPeriod }
    let mentions = activity || periods.isEmpty ? mentions : periods
    let inYear = mentions.filter { FreshnessJudge.fiscalYear(of: $0) == n }
    if activity {
      // A day or month says when the activity is; a year label beside it does not override.
      let dated = inYear.filter { $0.kind != .fiscalYear && $0.kind != .year }
      if let m = dated.first(where: { $0.start <= asOf }) { return .fresh(m) }
      if let m = dated.first { return .unsure(.afterAsOf, m) }
      if let m = inYear.first(where: { $0.start <= asOf }) { return .fresh(m) }
    } else if let m = inYear.first {
      return .fresh(m)
    }
    if let m = mentions.first(where: { $0.kind == .yearSpan && $0.fiscalYears.contains(n) }) {
      return .unsure(.multiYearSpan, m)
    }
    let years = mentions.map { FreshnessJudge.fiscalYear(of: $0) ?? $0.fiscalYears.upperBound }
    if let newest = years.max(), newest < n,
      let m = mentions.first(where: {
        (FreshnessJudge.fiscalYear(of: $0) ?? $0.fiscalYears.upperBound) == newest
      })
    {
      return .stale(.olderYear(newest), m)
    }
    let later = mentions.first {
      (FreshnessJudge.fiscalYear(of: $0) ?? $0.fiscalYears.lowerBound) > n
    }
    if let m = later {
      return .unsure(.afterWindow(FreshnessJudge.fiscalYear(of: m) ?? m.fiscalYears.lowerBound), m)
    }
    return .silent
  }

  /// A report for FY N−1 is recognised by a label or by a range covering that whole year;
  /// a single day or month says when it was signed, not which year it reports on.
  private func previousFY(_ mentions: [DateMention]) -> Judgement {
    let target = fy.be - 1
    var labels: [(Int, DateMention)] = []
    var partial: [(Int, DateMention)] = []
    // ITA round N reports on FY N−1: the round's number says nothing of the report's year.
    for m in mentions where m.namesPeriod {
      switch m.kind {
      case .fiscalYear, .year:
        labels.append((m.fiscalYears.lowerBound, m))
      case .dayRange, .monthRange:
        let span = FiscalYear(containing: m.start)
        if m.start <= span.start && m.end >= span.end.adding(days: -1) && m.end <= span.end {
          labels.append((span.be, m))
        } else if FiscalYear(containing: m.end) == span {
          partial.append((span.be, m))
        }
      case .day, .month, .yearSpan:
        continue
      }
    }
    // Part of FY N−1 beside the label is the six-month or quarterly report of that year.
    if let p = partial.first(where: { $0.0 == target }) { return .stale(.partialYear, p.1) }
    if let hit = labels.first(where: { $0.0 == target }) { return .fresh(hit.1) }
    if labels.isEmpty {
      // Part of a year only: a six-month or quarterly report, never the annual one.
      if let p = partial.first(where: { $0.0 == target }) { return .stale(.partialYear, p.1) }
      labels = partial
      if labels.isEmpty { return .silent }
    }
    if let current = labels.first(where: { $0.0 == fy.be }) {
      return .stale(.currentYearReport(fy.be), current.1)
    }
    guard let newest = labels.max(by: { $0.0 < $1.0 }) else { return .silent }
    if newest.0 < target { return .stale(.olderYear(newest.0), newest.1) }
    return .unsure(.afterWindow(newest.0), newest.1)
  }

  private func coversFY(_ mentions: [DateMention]) -> Judgement {
    let n = fy.be
    let spans = mentions.filter { $0.kind == .yearSpan }
    if let m = spans.first(where: { $0.fiscalYears.contains(n) }) { return .fresh(m) }
    let labels = mentions.filter {
      ($0.kind == .fiscalYear || $0.kind == .year) && $0.namesPeriod
    }
    if let m = labels.first(where: { $0.fiscalYears.lowerBound == n }) { return .fresh(m) }
    if let ended = spans.max(by: { $0.fiscalYears.upperBound < $1.fiscalYears.upperBound }),
      ended.fiscalYears.upperBound < n
    {
      return .stale(.spanEnded(ended.fiscalYears.upperBound), ended)
    }
    if let m = spans.first { return .unsure(.afterWindow(m.fiscalYears.lowerBound), m) }
    if let m = labels.first { return .unsure(.labelWithoutSpan(m.fiscalYears.lowerBound), m) }
    return .silent
  }
}
