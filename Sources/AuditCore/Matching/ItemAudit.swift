/// The verdict for one checklist item: candidates, their targets, their dates (MATCHING.md §1–5).
struct ItemAudit {
  let item: ChecklistItem
  /// The item's position in the checklist: its bit in `masks`.
  let position: Int
  let keys: ItemKeys
  let masks: PieceMasks
  let index: SnapshotIndex
  let dates: DateCache
  let options: AuditOptions
  /// For one element of an item of several, the other elements: a text that names them too is
  /// shared and proves nothing about this one (MATCHING.md §5a). Nil for an item of one element.
  var element: ElementContext? = nil

  /// Link and title texts longer than this (as keys) are headlines that merely mention a term,
  /// not the name of a section; they do not count for items needing no date.
  static let titleLikeLimit = 100  // Unicode scalars: Thai vowels and tones count apart
  /// Ranges longer than a quarter are annual or half-year texts, not monthly entries.
  static let monthlyRangeLimit = 3
  /// Evidence entries shown per verdict.
  static let evidenceLimit = 3

  struct Candidate {
    var target: Int32
    var url: String
    var tier: Int  // 0 current hub row with the code, 1 hub row, 2 link or row, 3 title, 4 file
    var title: String
    var found: MatchPhrase
    var own: [(DateSource, String)]
    /// The other elements (by index) whose terms the naming text also hits, when no naming text
    /// names this element alone; empty for an item of one element or a text naming this one alone.
    var sharedWith: Set<Int> = []
  }

  enum Outcome {
    case fresh(DateSource?, DateMention?)
    case stale(StaleReason, DateSource, DateMention)
    /// Open: the why, and the source and mention (or weak value) behind it.
    case unsure(MatchPhrase, DateSource?, DateMention?, weak: String? = nil)
    case undated
    case offsite(host: String)
    case unseen(reason: String)
    case broken(problem: String)
    /// Fresh, but named only together with other elements (by index) and not by its target.
    case shared(with: Set<Int>, DateSource?, DateMention?)

    var isFresh: Bool {
      if case .fresh = self { true } else { false }
    }
  }

  var lang: ReportLanguage { options.language }
  var fy: Int { options.fiscalYear.be }

  /// The verdict; `activity` audits the item's activity terms (`current-fy-activity` only).
  func run(activity: ItemAudit? = nil) -> ItemResult {
    let candidates = gather()
    if case .monthlyElapsed(let grace) = item.freshness {
      return monthly(candidates, grace: grace)
    }
    let judged = judge(candidates)
    guard let activity, !judged.contains(where: { $0.1.isFresh }) else { return decide(judged) }
    return withActivities(judged, activity.judge(activity.gather()))
  }

  /// Candidates come best first; three passing ones are all the report shows.
  func judge(_ candidates: [Candidate]) -> [(Candidate, Outcome)] {
    var judged: [(Candidate, Outcome)] = []
    var fresh = 0
    for c in candidates {
      let o = evaluate(c)
      judged.append((c, o))
      if o.isFresh { fresh += 1 }
      if fresh == ItemAudit.evidenceLimit { break }
    }
    return judged
  }

  /// An undated document dated by an activity of the fiscal year: both must be there. The
  /// document is a working in-scope candidate of the item's own terms, whatever its dates.
  private func withActivities(
    _ own: [(Candidate, Outcome)], _ activities: [(Candidate, Outcome)]
  ) -> ItemResult {
    let document = own.first { _, o in
      switch o {
      case .undated, .unsure, .stale: true
      default: false
      }
    }
    let fresh = activities.compactMap { c, o -> (Candidate, DateSource?, DateMention)? in
      if case .fresh(let src, let m?) = o { return (c, src, m) } else { return nil }
    }
    guard let (c, _, m) = fresh.first else {
      // An old activity makes a found document stale; without the document it says nothing.
      return decide(document == nil ? own : own + activities)
    }
    let activityEvidence = fresh.prefix(ItemAudit.evidenceLimit - 1).map {
      evidence($0.0, $0.1, $0.2)
    }
    guard let (doc, _) = document else {
      return result(.uncertain, .activityWithoutDocument(activity: c.title), activityEvidence)
    }
    return result(
      .pass, .passWithActivity(title: doc.title, activity: c.title, said: m.text),
      [evidence(doc, nil, nil)] + activityEvidence)
  }

  private func result(
    _ status: ItemStatus, _ why: MatchPhrase, _ evidence: [Evidence], found: [String]? = nil,
    missing: [String]? = nil
  ) -> ItemResult {
    ItemResult(
      id: item.code, title: lang == .th ? item.titleTH : item.titleEN, indicator: item.indicator,
      unit: item.unit, status: status, evidence: evidence, why: why.text(lang),
      monthsFound: found, monthsMissing: missing, confidence: item.confidence)
  }

  // MARK: candidates (§1)

  private func hasTerm(_ piece: Int32) -> Bool { masks.names(piece, item: position) }

  private func isExcluded(_ piece: Int32) -> Bool { masks.rulesOut(piece, item: position) }

  /// `organ.html` hints at the structure page; `organic-farming.html` does not.
  private func hasHint(_ piece: Int32) -> Bool {
    guard masks.hints(piece, item: position) else { return false }
    let key = ThaiText.matchKey(index.pieces[Int(piece)].text)
    return keys.hintWords.contains { SnapshotIndex.names(key, $0) }
  }

  // MARK: elements of an item of several (§5a)

  /// Whether `piece` names another element of the item: one of its terms without its
  /// exclusions, or, for a file name, its URL hint as a word.
  private func names(_ piece: Int32, peer: ElementContext.Peer, file: Bool) -> Bool {
    if masks.names(piece, item: peer.position) && !masks.rulesOut(piece, item: peer.position) {
      return true
    }
    guard file, masks.hints(piece, item: peer.position) else { return false }
    let key = ThaiText.matchKey(index.pieces[Int(piece)].text)
    return peer.hintWords.contains { SnapshotIndex.names(key, $0) }
  }

  private func namesPeer(_ piece: Int32, file: Bool = false) -> Bool {
    element?.peers.contains { names(piece, peer: $0, file: file) } ?? false
  }

  /// Whether a link's text, or its file name, names another element.
  private func namesPeer(_ l: ContentLink) -> Bool {
    l.texts.enumerated().contains { i, text in
      index.pieceID(of: text).map { namesPeer($0, file: i > 0) } ?? false
    }
  }

  /// The other elements that the naming texts `pieces` also name, when none of them names this
  /// element alone; empty when one does, and always for an item of one element.
  private func sharedWith(_ pieces: [(Int32, file: Bool)]) -> Set<Int> {
    guard let element, !pieces.isEmpty else { return [] }
    var shared: Set<Int> = []
    for (p, file) in pieces {
      let others = element.peers.filter { names(p, peer: $0, file: file) }.map(\.element)
      if others.isEmpty { return [] }
      shared.formUnion(others)
    }
    return shared
  }

  /// Whether the target of a shared candidate names this element by itself: its file name or
  /// URL hint, or on a target page a title, heading or content link that names this element
  /// and no other one ("อำนาจหน้าที่ (สรุป)" under "โครงสร้าง และอำนาจหน้าที่").
  private func targetNamesAlone(_ c: Candidate) -> Bool {
    let resolved = index.resolved[Int(c.target)]
    let files = [c.url, resolved.url].map(SnapshotIndex.fileName(of:)).filter { !$0.isEmpty }
    if files.compactMap({ index.pieceID(of: $0) }).contains(where: { p in
      ((hasTerm(p) && !isExcluded(p)) || hasHint(p)) && !namesPeer(p, file: true)
    }) {
      return true
    }
    guard case .page(let pi) = resolved.target else { return false }
    let texts = [index.pageTitle[pi]] + index.pageHeadings[pi]
    if texts.contains(where: { hasTerm($0) && !isExcluded($0) && !namesPeer($0) }) { return true }
    // A content link: its text or file name names this element, and neither names another.
    return contentLinks(pi).contains { l in
      !l.pieces.contains(where: isExcluded) && l.pieces.contains(where: hasTerm) && !namesPeer(l)
    }
  }

  /// A shared link or row text that is dated in this element's window and in the other,
  /// different, windows of the elements it names names two periods and so two documents
  /// ("ประกาศเจตนารมณ์ … 2569 และรายงานการรับทรัพย์สินฯ 2568"). A generic name such as the
  /// item's title, or a text for elements of one window or of none, never does.
  private func datesItself(_ c: Candidate) -> Bool {
    guard let element else { return false }
    func dated(_ rule: FreshnessRule) -> Bool {
      switch rule {
      case .none, .inForce, .monthlyElapsed: false
      default: true
      }
    }
    let rules = [item.freshness] + c.sharedWith.map { element.freshness[$0] }
    guard rules.allSatisfy(dated), Set(rules).count == rules.count else { return false }
    let texts = c.own.filter { $0.0 == .linkText || $0.0 == .rowText }.map(\.1)
    let mentions = texts.flatMap(dates.mentions)
    let judge = FreshnessJudge(fy: options.fiscalYear, asOf: options.asOf)
    return rules.allSatisfy { rule in
      if case .fresh = judge.judge(rule, mentions) { true } else { false }
    }
  }

  /// The texts of a page's links that name another element: read for no date of this one.
  private func peerLinkTexts(_ p: PageFacts) -> [String] {
    index.snapshot.links(of: p).compactMap { link in
      let named =
        index.pieceID(of: link.text).map { namesPeer($0) } == true
        || index.pieceID(of: SnapshotIndex.fileName(of: link.url)).map { namesPeer($0, file: true) }
          == true
      return named && !link.text.isEmpty ? link.text : nil
    }
  }

  /// A term hit that also reads as the name of a section when the item needs no date.
  private func titleHit(_ piece: Int32) -> Bool {
    guard hasTerm(piece), !isExcluded(piece) else { return false }
    if case .none = item.freshness {
      return index.pieces[Int(piece)].keyLength <= ItemAudit.titleLikeLimit
    }
    return true
  }

  private func pageURL(_ i: Int) -> String { i >= 0 ? index.snapshot.pages[i].url : "" }

  func gather() -> [Candidate] {
    var out: [Candidate] = []
    var byTarget: [Int32: Int] = [:]
    func add(_ c: Candidate) {
      guard let i = byTarget[c.target] else {
        byTarget[c.target] = out.count
        out.append(c)
        return
      }
      let extra = c.own.filter { n in !out[i].own.contains { $0 == n } }
      // One context naming this element alone is enough.
      out[i].sharedWith =
        out[i].sharedWith.isEmpty || c.sharedWith.isEmpty
        ? [] : out[i].sharedWith.union(c.sharedWith)
      if c.tier < out[i].tier {
        out[i].tier = c.tier
        out[i].title = c.title
        out[i].found = c.found
      }
      out[i].own += extra
    }
    for ci in masks.contextsByItem[position] {
      let c = index.contexts[ci]
      let text = index.pieces[Int(c.text)].text
      if isExcluded(c.text) || c.title.map(isExcluded) == true { continue }
      let onHub = c.onHub
      let textHit = onHub ? (hasTerm(c.text)) : titleHit(c.text)
      let attrHit = c.title.map { onHub ? hasTerm($0) : titleHit($0) } ?? false
      let rowHit = c.row.map { hasTerm($0) && !isExcluded($0) } ?? false
      let fileHit = c.file.map { (hasTerm($0) || hasHint($0)) && !isExcluded($0) } ?? false
      let target = index.resolved[Int(c.target)]
      guard textHit || attrHit || rowHit || fileHit, target.usable else { continue }
      let row = c.row.map { index.pieces[Int($0)].text }
      let attr = c.title.map { index.pieces[Int($0)].text }
      var own: [(DateSource, String)] = [(.linkText, text)]
      if let attr { own.append((.linkText, attr)) }
      if let row { own.append((.rowText, row)) }
      let page = pageURL(c.page)
      let offsite: Bool
      if case .offsite = target.target { offsite = true } else { offsite = false }
      // The text that named the item: a hub row's "คลิก" link is shown by its row.
      let named = textHit ? text : (attrHit ? attr : row)
      let shown = [named, text, attr, row].compactMap { $0 }.first { !$0.isEmpty } ?? c.url
      var naming = [textHit ? c.text : nil, attrHit ? c.title : nil, rowHit ? c.row : nil]
        .compactMap { $0 }.map { ($0, file: false) }
      if fileHit, let f = c.file { naming.append((f, file: true)) }
      let shared = sharedWith(naming)
      if onHub && (textHit || attrHit || rowHit) {
        let codes = ThaiText.itemCodes(in: row ?? text)
        // On this year's hub a row's code is the assessor's: a row coded for another item is
        // that item's evidence, whatever words it shares with this one.
        if c.onCurrentHub && !codes.isEmpty && !codes.contains(item.code) { continue }
        let tier = c.onCurrentHub && codes.contains(item.code) ? 0 : 1
        add(
          Candidate(
            target: c.target, url: c.url, tier: tier, title: shown, found: .foundHubRow(page: page),
            own: own, sharedWith: shared))
      } else if textHit || attrHit || rowHit {
        let found: MatchPhrase =
          offsite
          ? .foundOffsite(page: page)
          : (textHit || attrHit ? .foundLink(page: page) : .foundRow(page: page))
        let title = textHit ? text : (attrHit ? (attr ?? text) : (row ?? text))
        add(
          Candidate(
            target: c.target, url: c.url, tier: 2, title: title, found: found, own: own,
            sharedWith: shared))
      } else {
        let name = c.file.map { index.pieces[Int($0)].text } ?? c.url
        let found: MatchPhrase = offsite ? .foundOffsite(page: page) : .foundFileName(page: page)
        add(
          Candidate(
            target: c.target, url: c.url, tier: 4, title: name, found: found, own: own,
            sharedWith: shared))
      }
    }
    for pi in index.titleHitPages {
      let heads = [index.pageTitle[pi]] + index.pageHeadings[pi]
      let t = index.pageTargets[pi]
      guard let hit = heads.first(where: titleHit), index.resolved[Int(t)].usable else { continue }
      let text = index.pieces[Int(hit)].text
      add(
        Candidate(
          target: t, url: index.snapshot.pages[pi].url, tier: 3, title: text,
          found: .foundPageTitle,
          own: [(.pageTitle, text)],
          sharedWith: sharedWith(heads.filter(titleHit).map { ($0, file: false) })))
    }
    return out.sorted { $0.tier < $1.tier }
  }

  // MARK: following and dating (§2, §3)

  private func targetLinks(_ p: PageFacts) -> [PageLink] {
    index.snapshot.links(of: p).filter { !index.isTemplateLink($0) }
  }

  /// The link texts and file names on a target page, minus menus and look-alikes; with
  /// `working`, also minus links that lead to a broken target (for counting months). With
  /// `preferNamed`, only the links that name the item when there are any: on a template without
  /// regions, a news box beside a plan's files must not date the plan. For an element of an
  /// item of several, only the links that name it and no other element, with no fallback.
  private func contentTexts(_ pi: Int, working: Bool = false, preferNamed: Bool = false)
    -> [String]
  {
    let kept = contentLinks(pi).filter { l in
      !(working && l.broken) && !l.pieces.contains(where: isExcluded)
    }
    if preferNamed && element != nil {
      // An element is dated only by links that name it and no other element: the declarations
      // listed beside a gift report must not date the report, so there is no fallback either.
      return kept.filter { l in
        l.pieces.contains(where: hasTerm) && !namesPeer(l)
      }.flatMap(\.texts)
    }
    if preferNamed {
      let named = kept.filter { $0.pieces.contains(where: hasTerm) }
      if !named.isEmpty { return named.flatMap(\.texts) }
    }
    return kept.flatMap(\.texts)
  }

  /// A page's content links (menus left out), computed once per audit.
  private func contentLinks(_ pi: Int) -> [ContentLink] {
    dates.contentLinks(pi) {
      targetLinks(index.snapshot.pages[pi]).map { link in
        let name = SnapshotIndex.fileName(of: link.url)
        let texts = name.isEmpty ? [link.text] : [link.text, name]
        return ContentLink(
          texts: texts, pieces: texts.compactMap { index.pieceID(of: $0) },
          broken: index.isBroken(link.url))
      }
    }
  }

  /// The date sources of a candidate, strongest first (MATCHING.md §3), evaluated lazily.
  private func sources(_ c: Candidate) -> [(DateSource, () -> [DateMention])] {
    var out: [(DateSource, () -> [DateMention])] = []
    for src in [DateSource.linkText, .rowText, .pageTitle] {
      let texts = c.own.filter { $0.0 == src }.map(\.1)
      if !texts.isEmpty { out.append((src, { texts.flatMap(dates.mentions) })) }
    }
    let name = SnapshotIndex.fileName(of: c.url)
    out.append((.fileName, { dates.mentions(name) }))
    if case .page(let pi) = index.resolved[Int(c.target)].target {
      let p = index.snapshot.pages[pi]
      let heads = [index.pageTitle[pi]] + index.pageHeadings[pi]
      out.append((.pageTitle, { heads.flatMap { dates.mentions(index.pieces[Int($0)].text) } }))
      out.append((.pageLinks, { contentTexts(pi, preferNamed: true).flatMap(dates.mentions) }))
      out.append(
        (
          .pageText,
          {
            var texts = p.dates + [p.text]
            if element != nil {
              // The page text holds the other elements' link texts too ("ประกาศเจตนารมณ์ …
              // 2568" beside a gift report): they date nothing of this element.
              let peers = peerLinkTexts(p)
              if !peers.isEmpty {
                texts = p.dates.filter { d in !peers.contains { $0.contains(d) } }
                texts.append(peers.reduce(p.text) { $0.replacingOccurrences(of: $1, with: " ") })
              }
            }
            let all = texts.flatMap(dates.mentions)
            // A day equal to the crawl day is the site's "today" widget; a day after as-of
            // cannot be a posting date.
            return all.filter { m in
              !(m.kind == .day && (index.crawlDays.contains(m.start) || m.start > options.asOf))
            }
          }
        ))
    }
    return out
  }

  /// Where a link leads: nil with the target's Last-Modified when it works, else the outcome.
  private func reach(_ c: Candidate) -> (outcome: Outcome?, lastModified: String?) {
    switch index.resolved[Int(c.target)].target {
    case .offsite(let host): return (.offsite(host: host), nil)
    case .unknown: return (.unseen(reason: MatchPhrase.notReached.text(lang)), nil)
    case .skipped(let i):
      let reason = MatchPhrase.skipReason(index.snapshot.skipped[i].reason).text(lang)
      return (.unseen(reason: reason), nil)
    case .failure(let i):
      let f = index.snapshot.failures[i]
      if let s = f.status, s >= 400 {
        return (.broken(problem: MatchPhrase.httpStatus(s).text(lang)), nil)
      }
      return (
        .broken(problem: MatchPhrase.failed(error: f.error, message: f.message).text(lang)), nil
      )
    case .attachment(let i):
      let a = index.snapshot.attachments[i]
      if a.status >= 400 {
        return (.broken(problem: MatchPhrase.httpStatus(a.status).text(lang)), nil)
      }
      if a.size == 0 { return (.broken(problem: MatchPhrase.emptyFile.text(lang)), nil) }
      guard SnapshotIndex.works(a.status) else {
        return (.unseen(reason: MatchPhrase.httpStatus(a.status).text(lang)), nil)
      }
      return (nil, a.lastModified)
    case .page(let i):
      let p = index.snapshot.pages[i]
      if p.status >= 400 {
        return (.broken(problem: MatchPhrase.httpStatus(p.status).text(lang)), nil)
      }
      guard SnapshotIndex.works(p.status) else {
        return (.unseen(reason: MatchPhrase.httpStatus(p.status).text(lang)), nil)
      }
      return (nil, p.lastModified)
    }
  }

  func evaluate(_ c: Candidate) -> Outcome {
    let (outcome, lastModified) = reach(c)
    let o = outcome ?? date(c, lastModified: lastModified)
    // A link named for several elements passes this one only when its target names it alone.
    guard !c.sharedWith.isEmpty, case .fresh(let src, let m) = o, !targetNamesAlone(c),
      !datesItself(c)
    else { return o }
    return .shared(with: c.sharedWith, src, m)
  }

  private func date(_ c: Candidate, lastModified: String?) -> Outcome {
    let judge = FreshnessJudge(fy: options.fiscalYear, asOf: options.asOf)
    let noDateNeeded: Bool
    switch item.freshness {
    case .none, .inForce: noDateNeeded = true
    default: noDateNeeded = false
    }
    // An item needing no date passes on a working page: not on one that says it is empty.
    if noDateNeeded, case .page(let pi) = index.resolved[Int(c.target)].target,
      let said = index.emptyNotice(pi)
    {
      return .unsure(.emptyPage(title: c.title, said: said), nil, nil)
    }
    for (src, read) in sources(c) {
      // Items that need no date only show one; reading whole pages for it is wasted work.
      if noDateNeeded && src >= .pageLinks { break }
      switch judge.judge(item.freshness, read()) {
      case .silent: continue
      case .fresh(let m): return .fresh(src, m)
      case .stale(let r, let m): return .stale(r, src, m)
      case .unsure(let r, let m):
        return .unsure(.unsure(title: c.title, reason: r, said: m.text, fy: fy), src, m)
      }
    }
    if noDateNeeded { return .fresh(nil, nil) }
    if let year = ThaiDates.yearHint(inFileName: SnapshotIndex.fileName(of: c.url)) {
      return .unsure(
        .yearHintOnly(title: c.title, year: year), .fileNameHint, nil, weak: String(year))
    }
    if let lm = lastModified {
      return .unsure(.lastModifiedOnly(title: c.title, date: lm), .lastModified, nil, weak: lm)
    }
    return .undated
  }

  private func evidence(
    _ c: Candidate, _ src: DateSource?, _ m: DateMention?, weak: String? = nil
  ) -> Evidence {
    var reason = c.found.text(lang)
    if let src, let said = m?.text ?? weak {
      reason += "; " + MatchPhrase.dateFrom(src, said: said).text(lang)
    } else {
      reason += "; " + MatchPhrase.noDateRead.text(lang)
    }
    return Evidence(url: c.url, title: c.title, date: m?.start.iso, reason: reason)
  }

  // MARK: verdict (§5)

  private func decide(_ judged: [(Candidate, Outcome)]) -> ItemResult {
    let limit = ItemAudit.evidenceLimit
    var fresh: [Evidence] = []
    var firstFresh: (Candidate, DateMention?)?
    for (c, o) in judged {
      if case .fresh(let src, let m) = o {
        if firstFresh == nil { firstFresh = (c, m) }
        fresh.append(evidence(c, src, m))
      }
    }
    if let (c, m) = firstFresh {
      return result(
        .pass, .passFound(title: c.title, url: c.url, said: m?.text),
        Array(fresh.prefix(limit)))
    }
    let offsite = judged.compactMap { c, o -> (Candidate, String)? in
      if case .offsite(let host) = o { return (c, host) } else { return nil }
    }
    if let (c, host) = offsite.first, item.evidence == .channel {
      let ev = offsite.prefix(limit).map { evidence($0.0, nil, nil) }
      return result(.pass, .passChannelOffsite(title: c.title, host: host), ev)
    }
    let shared = judged.compactMap { c, o -> (Candidate, Set<Int>, DateSource?, DateMention?)? in
      if case .shared(let with, let s, let m) = o { return (c, with, s, m) } else { return nil }
    }
    if let (c, with, _, _) = shared.first, let element {
      let ev = shared.prefix(limit).map { evidence($0.0, $0.2, $0.3) }
      let names = with.union([element.index]).sorted().map { element.names[$0] }
      return result(.uncertain, .sharedLink(names: names, url: c.url), ev)
    }
    if let (c, host) = offsite.first {
      let ev = offsite.prefix(limit).map { evidence($0.0, nil, nil) }
      return result(.uncertain, .offsiteUnchecked(title: c.title, host: host), ev)
    }
    let stale = judged.compactMap { c, o -> (Candidate, StaleReason, DateSource, DateMention)? in
      if case .stale(let r, let s, let m) = o { return (c, r, s, m) } else { return nil }
    }
    if let first = stale.first {
      let ev = stale.prefix(limit).map { evidence($0.0, $0.2, $0.3) }
      return result(
        .stale, .stale(title: first.0.title, reason: first.1, said: first.3.text, fy: fy), ev)
    }
    for (c, o) in judged {
      if case .unsure(let why, let src, let m, let weak) = o {
        return result(.uncertain, why, [evidence(c, src, m, weak: weak)])
      }
    }
    for (c, o) in judged {
      if case .undated = o {
        return result(.uncertain, .noDate(title: c.title, fy: fy), [evidence(c, nil, nil)])
      }
    }
    for (c, o) in judged {
      if case .unseen(let reason) = o {
        return result(.uncertain, .unseen(url: c.url, reason: reason), [evidence(c, nil, nil)])
      }
    }
    let broken = judged.compactMap { c, o -> (Candidate, String)? in
      if case .broken(let p) = o { return (c, p) } else { return nil }
    }
    if let (c, problem) = broken.first {
      let ev = broken.prefix(limit).map {
        Evidence(url: $0.0.url, title: $0.0.title, reason: $0.0.found.text(lang) + "; " + $0.1)
      }
      return result(.broken, .broken(url: c.url, problem: problem), ev)
    }
    return nothingFound()
  }

  private func nothingFound() -> ItemResult {
    let cov = index.snapshot.header.coverage
    if cov.complete { return result(.missing, .missing, []) }
    return result(.uncertain, .couldNotSee(facts: Matcher.coverageFacts(cov, lang)), [])
  }

  // MARK: monthly items (§4 monthly-elapsed)

  /// The months a mention names, when it is precise enough to stand for monthly entries.
  private func months(of m: DateMention) -> [YearMonth] {
    switch m.kind {
    case .day, .month, .dayRange, .monthRange:
      var out: [YearMonth] = []
      var ym = YearMonth(m.start)
      let last = YearMonth(m.end)
      while ym <= last && out.count <= ItemAudit.monthlyRangeLimit {
        out.append(ym)
        ym = ym.next
      }
      return out.count <= ItemAudit.monthlyRangeLimit ? out : []
    case .fiscalYear, .year, .yearSpan:
      return []
    }
  }

  private func monthly(_ candidates: [Candidate], grace: Int) -> ItemResult {
    let required = options.fiscalYear.months.filter { $0.last.adding(days: grace) <= options.asOf }
    var seen: Set<YearMonth> = []
    var contributing: [Evidence] = []
    var working: [Candidate] = []
    var offsite: [(Candidate, String)] = []
    var unseen: [(Candidate, String)] = []
    var broken: [(Candidate, String)] = []
    for c in candidates {
      switch reach(c).outcome {
      case .offsite(let host): offsite.append((c, host))
      case .unseen(let r): unseen.append((c, r))
      case .broken(let p): broken.append((c, p))
      default:
        working.append(c)
        var texts = c.own.map { ($0.0, $0.1) } + [(.fileName, SnapshotIndex.fileName(of: c.url))]
        if case .page(let pi) = index.resolved[Int(c.target)].target {
          texts += contentTexts(pi, working: true).map { (.pageLinks, $0) }
        }
        var first: (DateSource, DateMention)?
        for (src, text) in texts {
          let all = dates.mentions(text)
          // A row naming its month also carries the day it was posted ("ประจำเดือน ตุลาคม 2568 |
          // 05/11/2568"): a single day counts as a month only when nothing names a month.
          let named = all.filter { $0.kind != .day }
          for m in named.contains(where: { !months(of: $0).isEmpty }) ? named : all {
            let covered = months(of: m)
            if covered.isEmpty { continue }
            seen.formUnion(covered)
            if first == nil { first = (src, m) }
          }
        }
        if let (src, m) = first { contributing.append(evidence(c, src, m)) }
      }
    }
    if working.isEmpty && offsite.isEmpty && unseen.isEmpty {
      if let (c, p) = broken.first {
        let ev = broken.prefix(3).map {
          Evidence(url: $0.0.url, title: $0.0.title, reason: $0.0.found.text(lang) + "; " + $0.1)
        }
        return result(.broken, .broken(url: c.url, problem: p), ev)
      }
      return nothingFound()
    }
    if required.isEmpty {
      return result(
        .uncertain, .monthsNoneRequired(fy: fy), Array(contributing.prefix(3)), found: [],
        missing: [])
    }
    let found = required.filter { seen.contains($0) }.map(\.description)
    let missing = required.filter { !seen.contains($0) }.map(\.description)
    let ev = Array(contributing.prefix(6))
    if missing.isEmpty, let first = required.first, let last = required.last {
      return result(
        .pass, .monthsAll(count: required.count, first: first.description, last: last.description),
        ev, found: found, missing: missing)
    }
    if let (_, host) = offsite.first {
      let offEv = ev + offsite.prefix(3).map { evidence($0.0, nil, nil) }
      return result(
        .uncertain, .monthsOffsite(missing: missing, host: host), offEv, found: found,
        missing: missing)
    }
    if !seen.isEmpty {
      return result(
        .stale, .monthsMissing(missing: missing, found: found.count, required: required.count),
        ev, found: found, missing: missing)
    }
    if let c = working.first {
      return result(
        .uncertain, .monthsUnreadable(title: c.title), [evidence(c, nil, nil)], found: found,
        missing: missing)
    }
    if let (c, r) = unseen.first {
      return result(
        .uncertain, .unseen(url: c.url, reason: r), [evidence(c, nil, nil)], found: found,
        missing: missing)
    }
    return nothingFound()
  }
}
