/// Turns a crawl snapshot and a checklist into an `AuditReport` (docs/MATCHING.md).
///
/// The snapshot is indexed once (`SnapshotIndex`); each item then collects its candidates,
/// follows them to their targets, reads their dates and applies its freshness rule. A wrong
/// "pass" is the worst outcome, so every doubt ends in `uncertain` with its reason.
public enum Matcher {
  /// Audits one snapshot against one checklist. Pure: the same inputs give the same report.
  public static func audit(
    snapshot: Snapshot, checklist: Checklist, families: [String: KeywordFamily],
    options: AuditOptions
  ) -> AuditReport {
    var patterns = PatternTable()
    // One key set per item, at the item's position. An item of several elements is audited by
    // its elements' key sets only (below); its own set just keeps the positions aligned.
    var keys = checklist.items.map { patterns.keys(for: $0, families: families) }
    // Items dated by activities get a second key set, at its own position after the items.
    var activityPosition: [Int: Int] = [:]
    for (i, item) in checklist.items.enumerated() {
      guard case .currentFYActivity = item.freshness,
        let k = patterns.activityKeys(
          for: item, families: [item.family] + item.alsoFamilies, families)
      else { continue }
      activityPosition[i] = keys.count
      keys.append(k)
    }
    // Items of several elements get one key set per element (and its activities), after these.
    var elementPositions: [Int: [ElementPosition]] = [:]
    for (i, item) in checklist.items.enumerated() where !item.requires.isEmpty {
      let parts = item.elementAudits
      elementPositions[i] = item.elementFamilies.enumerated().map { e, ids in
        keys.append(patterns.elementKeys(for: item, element: e, families: ids, families))
        var position = ElementPosition(keys: keys.count - 1, activity: nil)
        if case .currentFYActivity = parts[e].freshness,
          let k = patterns.activityKeys(for: item, families: ids, families)
        {
          keys.append(k)
          position.activity = keys.count - 1
        }
        return position
      }
    }
    var hubKeys = ["ita", "oit", "การประเมินคุณธรรมและความโปร่งใส"].map(ThaiText.matchKey)
    let hub = families["ita-hub"]
    hubKeys += hub?.terms.map(ThaiText.matchKey) ?? []
    let index = SnapshotIndex(
      snapshot: snapshot, patterns: patterns.keys, hubKeys: hubKeys,
      hubExcludes: hub?.exclude.map(ThaiText.matchKey) ?? [],
      checklistYear: checklist.year.be, fy: options.fiscalYear.be)
    let masks = PieceMasks(index: index, keys: keys, patternCount: patterns.keys.count)
    let dates = DateCache()
    func audit(
      _ item: ChecklistItem, _ position: Int, activity: Int?, element: ElementContext? = nil
    ) -> ItemResult {
      let activity = activity.map {
        ItemAudit(
          item: item, position: $0, keys: keys[$0], masks: masks, index: index, dates: dates,
          options: options, element: element)
      }
      return ItemAudit(
        item: item, position: position, keys: keys[position], masks: masks, index: index,
        dates: dates, options: options, element: element
      ).run(activity: activity)
    }
    let results = checklist.items.enumerated().map { i, item in
      guard let positions = elementPositions[i] else {
        return audit(item, i, activity: activityPosition[i])
      }
      // Each element alone; the item's terms taken together decide nothing (§5a).
      let elements = ItemElements(item: item, families: families, language: options.language)
      let parts = item.elementAudits
      let results = parts.indices.map { e in
        let peers = positions.indices.filter { $0 != e }.map { o in
          let p = positions[o].keys
          return ElementContext.Peer(element: o, position: p, hintWords: keys[p].hintWords)
        }
        let context = ElementContext(
          index: e, peers: peers, names: elements.names, freshness: parts.map(\.freshness))
        return audit(
          parts[e], positions[e].keys, activity: positions[e].activity, element: context)
      }
      return elements.verdict(elements: results)
    }
    return assemble(results, snapshot: snapshot, checklist: checklist, options: options)
  }

  static func assemble(
    _ items: [ItemResult], snapshot: Snapshot, checklist: Checklist, options: AuditOptions
  ) -> AuditReport {
    let lang = options.language
    let cov = snapshot.header.coverage
    var notes = options.notes
    let facts = coverageFacts(cov, lang)
    if !cov.complete { notes.append(MatchPhrase.crawlIncomplete(facts: facts).text(lang)) }
    let low = checklist.items.filter { $0.confidence == .low }.map(\.code)
    if !low.isEmpty { notes.append(MatchPhrase.lowConfidence(codes: low).text(lang)) }
    if !checklist.notRequired.isEmpty {
      notes.append(
        MatchPhrase.notRequired(families: checklist.notRequired, year: checklist.year.be).text(lang)
      )
    }
    return AuditReport(
      site: snapshot.header.startURL,
      checklist: ChecklistRef(id: checklist.id, year: checklist.year.be),
      fiscalYear: options.fiscalYear.be, asOf: options.asOf.iso, items: items,
      coverage: ReportCoverage(
        pagesFetched: cov.pagesFetched, pagesFailed: cov.pagesFailed, complete: cov.complete,
        notes: cov.notes),
      score: score(items, lang), notes: notes)
  }

  /// Each item 100 or 0, averaged overall and per sub-indicator (§6).
  static func score(_ items: [ItemResult], _ lang: ReportLanguage) -> ScoreEstimate {
    func mean(_ xs: [ItemResult]) -> Double {
      xs.isEmpty ? 0 : Double(xs.filter { $0.status == .pass }.count) * 100 / Double(xs.count)
    }
    let byIndicator = Dictionary(grouping: items, by: \.indicator).mapValues(mean)
    let estimate = mean(items)
    return ScoreEstimate(
      estimate: estimate, byIndicator: byIndicator, band: band(estimate),
      weighting: MatchPhrase.weighting.text(lang))
  }

  /// The NACC's ITA grade bands.
  static func band(_ score: Double) -> String {
    switch score {
    case 95...: "AA"
    case 85..<95: "A"
    case 75..<85: "B"
    case 65..<75: "C"
    case 55..<65: "D"
    case 50..<55: "E"
    default: "F"
    }
  }

  /// Why the crawl did not see the whole site, one short fact each.
  static func coverageFacts(_ cov: Coverage, _ lang: ReportLanguage) -> [String] {
    var facts = cov.limitsHit.map { MatchPhrase.limitHit($0).text(lang) }
    if !cov.robotsBlocked.isEmpty {
      facts.append(MatchPhrase.robotsBlocked(cov.robotsBlocked.count).text(lang))
    }
    if cov.pagesFailed > 0 { facts.append(MatchPhrase.pagesFailed(cov.pagesFailed).text(lang)) }
    return facts
  }
}

/// Where one element of an item of several has its key sets.
struct ElementPosition {
  var keys: Int
  var activity: Int?
}

/// The pattern ids of one item: what makes text a candidate, and what rules it out.
struct ItemKeys {
  var terms: Set<Int32>
  var excludes: Set<Int32>
  var hints: Set<Int32>
  /// The URL hints as keys: a hint counts only as a word of its own in a file name.
  var hintWords: [String]
}

/// All keys of the checklist in one list, each with one id, for the automaton.
struct PatternTable {
  private(set) var keys: [String] = []
  private var ids: [String: Int32] = [:]

  mutating func id(_ phrase: String) -> Int32? {
    let key = ThaiText.matchKey(phrase)
    guard !key.isEmpty else { return nil }
    if let id = ids[key] { return id }
    let id = Int32(keys.count)
    keys.append(key)
    ids[key] = id
    return id
  }

  /// The whole item: the terms of all its families (elements included) and its own; the
  /// exclusions of its family and its own.
  mutating func keys(for item: ChecklistItem, families: [String: KeywordFamily]) -> ItemKeys {
    keys(ids: item.allFamilies, terms: item.terms, item.exclude, families)
  }

  /// One element of an item of several: the first is the item's family with its
  /// `also-families` and own terms, each further one a `requires` family alone. Each keeps its
  /// own family's exclusions and the item's.
  mutating func elementKeys(
    for item: ChecklistItem, element: Int, families ids: [String],
    _ families: [String: KeywordFamily]
  ) -> ItemKeys {
    keys(ids: ids, terms: element == 0 ? item.terms : [], item.exclude, families)
  }

  /// Terms and hints of all `ids`, exclusions of the first one plus `exclude`.
  private mutating func keys(
    ids: [String], terms own: [String], _ exclude: [String], _ families: [String: KeywordFamily]
  ) -> ItemKeys {
    let all = ids.compactMap { families[$0] }
    let terms = all.flatMap(\.terms) + own
    let excludes = (ids.first.flatMap { families[$0] }?.exclude ?? []) + exclude
    let hints = all.flatMap(\.urlHints)
    return ItemKeys(
      terms: Set(terms.compactMap { id($0) }), excludes: Set(excludes.compactMap { id($0) }),
      hints: Set(hints.compactMap { id($0) }),
      hintWords: hints.map(ThaiText.matchKey).filter { !$0.isEmpty })
  }

  /// The activity terms of some of an item's families as a key set of their own, with the
  /// first family's and the item's exclusions; nil when those families name no activities.
  mutating func activityKeys(
    for item: ChecklistItem, families ids: [String], _ families: [String: KeywordFamily]
  ) -> ItemKeys? {
    let terms = ids.compactMap { families[$0] }.flatMap(\.activityTerms)
    guard !terms.isEmpty else { return nil }
    let excludes = (ids.first.flatMap { families[$0] }?.exclude ?? []) + item.exclude
    return ItemKeys(
      terms: Set(terms.compactMap { id($0) }), excludes: Set(excludes.compactMap { id($0) }),
      hints: [], hintWords: [])
  }
}

/// Date mentions of texts already read, and the content links of target pages, shared by all
/// items of one audit. Confined to the audit call that made it.
final class DateCache {
  private var cache: [ByteKey: [DateMention]] = [:]
  private var links: [Int: [ContentLink]] = [:]

  /// A page's content links, computed once.
  func contentLinks(_ page: Int, _ make: () -> [ContentLink]) -> [ContentLink] {
    if let l = links[page] { return l }
    let l = make()
    links[page] = l
    return l
  }

  func mentions(_ text: String) -> [DateMention] {
    if text.isEmpty { return [] }
    let k = ByteKey(text)
    if let m = cache[k] { return m }
    let m = ThaiDates.find(in: text)
    cache[k] = m
    return m
  }
}

/// A link in the content of a target page: its text and file name, their pieces, and whether
/// it leads to a broken target.
struct ContentLink {
  var texts: [String]
  var pieces: [Int32]
  var broken: Bool
}
