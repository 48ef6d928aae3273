import Foundation

/// Everything the matcher looks up more than once, computed once per snapshot.
///
/// Each distinct text (title, heading, link text, `title` attribute, row text, file name) is
/// turned into a matching key once and scanned once for every term, exclusion and URL hint of
/// the checklist; per item the matcher then only reads the ids found. Links are grouped by
/// (text, title attribute, row text, target), so a menu repeated on every page is one context.
struct SnapshotIndex {
  /// A distinct piece of text with its key length and the pattern ids found in its key.
  struct Piece {
    var text: String
    var key: String
    var keyLength: Int
    var hits: [Int32]
  }

  /// One distinct link as a reader sees it, wherever it appears.
  struct LinkContext {
    var url: String
    var text: Int32
    var title: Int32?
    var row: Int32?
    var file: Int32?
    /// The resolved target (see `resolved`).
    var target: Int32
    /// First page (index) that showed the link; a hub page wins over others.
    var page: Int
    var onHub: Bool
    /// The hub's year agrees with the checklist year or the audited FY.
    var onCurrentHub: Bool
  }

  /// What a link leads to.
  enum Target {
    case page(Int)
    case attachment(Int)
    case failure(Int)
    case skipped(Int)
    case offsite(host: String)
    /// Inside scope but in no record: the crawl never reached it.
    case unknown
  }

  let snapshot: Snapshot
  let automaton: KeywordAutomaton
  private(set) var pieces: [Piece] = []
  private var pieceIDs: [ByteKey: Int32] = [:]
  private(set) var contexts: [LinkContext] = []
  /// Contexts with at least one pattern hit in any of their pieces.
  private(set) var hitContexts: [Int] = []
  /// Per page: title piece and heading pieces (site-wide headings dropped).
  private(set) var pageTitle: [Int32] = []
  private(set) var pageHeadings: [[Int32]] = []
  private(set) var hubPages: Set<Int> = []
  /// Working pages whose title or a heading holds some pattern: the only ones whose title can
  /// name an item.
  private(set) var titleHitPages: [Int] = []
  /// "No data yet" phrases that most pages carry (a search box's empty state): not a page's own.
  private(set) var templateNotices: Set<String> = []
  private var targets: [ByteKey: Target] = [:]
  /// Distinct link targets, resolved once: what they are and whether they may be evidence.
  private(set) var resolved: [ResolvedTarget] = []
  private var resolvedIDs: [ByteKey: Int32] = [:]
  /// The resolved target of each page, by page index.
  private(set) var pageTargets: [Int32] = []
  /// URL keys linked from at least half of the pages: the site's menus.
  private(set) var siteWideURLs: Set<ByteKey> = []
  private(set) var homeKeys: Set<ByteKey> = []
  let siteHost: String
  /// Days on which the crawl ran: a page-text date equal to one is a "today" widget.
  let crawlDays: Set<Day>

  /// Row texts longer than this (UTF-8 bytes, about 240 Thai characters) are layout tables,
  /// not rows of a list.
  static let rowLimit = 720
  static let hubRowLimit = 1800

  init(
    snapshot: Snapshot, patterns: [String], hubKeys: [String], hubExcludes: [String] = [],
    checklistYear: Int, fy: Int
  ) {
    self.snapshot = snapshot
    self.automaton = KeywordAutomaton(keys: patterns)
    self.siteHost = SnapshotIndex.host(of: snapshot.header.startURL)
    var days: Set<Day> = []
    for stamp in [snapshot.header.startedAt, snapshot.header.endedAt] {
      if let d = Day(iso: String(stamp.prefix(10))) {
        days.insert(d)
        days.insert(d.adding(days: 1))  // the site's clock runs at UTC+7
      }
    }
    self.crawlDays = days
    // Sized up front: growing these tables by doubling cost a tenth of a large match.
    let records = snapshot.pages.count + snapshot.attachments.count + snapshot.failures.count
    targets.reserveCapacity(records + snapshot.pages.count + snapshot.offsite.count)
    resolvedIDs.reserveCapacity(records + snapshot.offsite.count)
    pieceIDs.reserveCapacity(2 * snapshot.pages.count + snapshot.attachments.count)
    buildTargets()
    buildPages(hubKeys: hubKeys, hubExcludes: hubExcludes)
    buildContexts(checklistYear: checklistYear, fy: fy)
    pageTargets = snapshot.pages.indices.map { resolve(snapshot.pages[$0].url) }
  }

  // MARK: pieces

  /// The id of a text's piece, scanning it the first time it is seen.
  mutating func piece(_ text: String) -> Int32 {
    let k = ByteKey(text)
    if let id = pieceIDs[k] { return id }
    let key = ThaiText.matchKey(text)
    let id = Int32(pieces.count)
    pieces.append(
      Piece(
        text: text, key: key, keyLength: key.unicodeScalars.count,
        hits: automaton.matches(in: key)))
    pieceIDs[k] = id
    return id
  }

  func hits(_ id: Int32) -> [Int32] { pieces[Int(id)].hits }

  /// The piece of a text already indexed, if any.
  func pieceID(of text: String) -> Int32? { pieceIDs[ByteKey(text)] }

  // MARK: targets

  private mutating func buildTargets() {
    // Weakest first, so a fetched record overwrites a skip or an off-site note for the same URL.
    for o in snapshot.offsite {
      targets[SnapshotIndex.key(o.url)] = .offsite(host: SnapshotIndex.host(of: o.url))
    }
    for (i, s) in snapshot.skipped.enumerated() { targets[SnapshotIndex.key(s.url)] = .skipped(i) }
    for (i, f) in snapshot.failures.enumerated() { targets[SnapshotIndex.key(f.url)] = .failure(i) }
    for (i, a) in snapshot.attachments.enumerated() {
      targets[SnapshotIndex.key(a.url)] = .attachment(i)
    }
    // Indices, not elements: copying a page's facts costs a retain per field.
    for i in snapshot.pages.indices {
      if let r = snapshot.pages[i].requestedURL { targets[SnapshotIndex.key(r)] = .page(i) }
      targets[SnapshotIndex.key(snapshot.pages[i].url)] = .page(i)
    }
    // A link to a URL that redirected leads where the redirect went (chains followed a few
    // hops: each hop is its own record).
    for _ in 0..<3 {
      for r in snapshot.redirects {
        let from = SnapshotIndex.key(r.from)
        if targets[from] == nil, let to = targets[SnapshotIndex.key(r.to)] { targets[from] = to }
      }
    }
    homeKeys.insert(SnapshotIndex.key(snapshot.header.startURL))
    for i in snapshot.pages.indices where snapshot.pages[i].depth == 0 {
      homeKeys.insert(SnapshotIndex.key(snapshot.pages[i].url))
      if let r = snapshot.pages[i].requestedURL { homeKeys.insert(SnapshotIndex.key(r)) }
    }
  }

  /// What a URL leads to, as far as the snapshot knows.
  func target(of url: String) -> Target { target(of: url, key: SnapshotIndex.key(url)) }

  private func target(of url: String, key: ByteKey) -> Target {
    if let t = targets[key] { return t }
    let host = SnapshotIndex.host(of: url)
    return host == siteHost || host.isEmpty ? .unknown : .offsite(host: host)
  }

  /// True when a URL leads to a failure, an error status or an empty file.
  func isBroken(_ url: String) -> Bool {
    switch target(of: url) {
    case .failure: return true
    case .attachment(let i):
      let a = snapshot.attachments[i]
      return a.status >= 400 || a.size == 0
    case .page(let i): return snapshot.pages[i].status >= 400
    case .skipped, .offsite, .unknown: return false
    }
  }

  func isHome(_ url: String) -> Bool { homeKeys.contains(SnapshotIndex.key(url)) }

  /// A target with what the matcher asks of it on every item.
  struct ResolvedTarget {
    var url: String
    var target: Target
    /// False for the home page, an ITA hub page and NACC survey links: never evidence.
    var usable: Bool
  }

  /// The id of a URL's resolved target, resolving it the first time.
  mutating func resolve(_ url: String) -> Int32 {
    let key = SnapshotIndex.key(url)
    if let id = resolvedIDs[key] { return id }
    let t = target(of: url, key: key)
    var usable =
      !homeKeys.contains(key)
      && !SnapshotIndex.host(of: url).hasSuffix("itas.nacc.go.th")
    if case .page(let p) = t, hubPages.contains(p) { usable = false }
    let id = Int32(resolved.count)
    resolved.append(ResolvedTarget(url: url, target: t, usable: usable))
    resolvedIDs[key] = id
    return id
  }

  // MARK: pages

  private mutating func buildPages(hubKeys: [String], hubExcludes: [String]) {
    let pages = snapshot.pages
    var headingCount: [ByteKey: Int] = [:]
    for i in pages.indices where SnapshotIndex.works(pages[i].status) {
      for h in Set(pages[i].headings) { headingCount[ByteKey(h), default: 0] += 1 }
    }
    let common = SnapshotIndex.siteWideThreshold(pages.count)
    var noticeCount: [String: Int] = [:]
    for i in pages.indices { if let n = pages[i].emptyNotice { noticeCount[n, default: 0] += 1 } }
    templateNotices = Set(noticeCount.filter { $0.value >= common }.keys)
    pageTitle.reserveCapacity(pages.count)
    var hubByPiece: [Int32: Bool] = [:]
    for i in pages.indices {
      let title = piece(pages[i].title)
      pageTitle.append(title)
      // Template headings (a sidebar "ITA" box on every page) are dropped, and make no hub.
      var heads: [Int32] = []
      for h in pages[i].headings where (headingCount[ByteKey(h)] ?? 0) < common {
        heads.append(piece(h))
      }
      pageHeadings.append(heads)
      guard SnapshotIndex.works(pages[i].status) else { continue }
      let own = [title] + heads
      if own.contains(where: { !pieces[Int($0)].hits.isEmpty }) { titleHitPages.append(i) }
      let isHub = own.contains { id in
        if let known = hubByPiece[id] { return known }
        let key = pieces[Int(id)].key
        let hub =
          hubKeys.contains { SnapshotIndex.names(key, $0) }
          && !hubExcludes.contains { !$0.isEmpty && SnapshotIndex.bytesContain(key, $0) }
        hubByPiece[id] = hub
        return hub
      }
      if isHub { hubPages.insert(i) }
    }
  }

  /// True when a hub page is for the checklist year or the audited FY (from its title,
  /// headings, or URL), which lets a code printed in its rows rank the row higher.
  func hubIsCurrent(_ i: Int, checklistYear: Int, fy: Int) -> Bool {
    let p = snapshot.pages[i]
    var years: Set<Int> = []
    for text in [p.title] + p.headings {
      for m in ThaiDates.find(in: text) where m.kind != .yearSpan {
        years.insert(m.fiscalYears.lowerBound)
      }
    }
    if years.isEmpty, let y = ThaiDates.yearHint(inFileName: SnapshotIndex.fileName(of: p.url)) {
      years.insert(y)
    }
    return years.contains(checklistYear) || years.contains(fy)
  }

  // MARK: links

  private mutating func buildContexts(checklistYear: Int, fy: Int) {
    var contextIDs: [ContextKey: Int] = [:]
    var urlCount: [ByteKey: Int] = [:]
    var currentHub: [Int: Bool] = [:]
    for i in hubPages { currentHub[i] = hubIsCurrent(i, checklistYear: checklistYear, fy: fy) }
    var setUses: [Int: Int] = [:]
    var setsRead: Set<Int> = []
    for pi in snapshot.pages.indices where SnapshotIndex.works(snapshot.pages[pi].status) {
      let onHub = hubPages.contains(pi)
      let current = currentHub[pi] ?? false
      for link in snapshot.pages[pi].links {
        urlCount[ByteKey(link.url), default: 0] += 1
        add(link, page: pi, onHub: onHub, onCurrentHub: current, into: &contextIDs)
      }
      for id in snapshot.pages[pi].linkSets {
        setUses[id, default: 0] += 1
        // A shared menu is read once; a hub page reads it again so its rows count as hub rows.
        guard setsRead.insert(id).inserted || onHub else { continue }
        for link in snapshot.linkSets[id] ?? [] {
          add(link, page: pi, onHub: onHub, onCurrentHub: current, into: &contextIDs)
        }
      }
    }
    for (id, uses) in setUses {
      for link in snapshot.linkSets[id] ?? [] { urlCount[ByteKey(link.url), default: 0] += uses }
    }
    let pageIndex = Dictionary(
      snapshot.pages.enumerated().map { (SnapshotIndex.key($0.element.url), $0.offset) },
      uniquingKeysWith: { a, _ in a })
    for o in snapshot.offsite {
      let pi = pageIndex[SnapshotIndex.key(o.page)] ?? -1
      let row = o.rowText.flatMap { $0.utf8.count <= SnapshotIndex.hubRowLimit ? $0 : nil }
      add(
        url: o.url, text: o.text, title: nil, row: row, page: pi,
        onHub: hubPages.contains(pi), onCurrentHub: false, into: &contextIDs)
    }
    for a in snapshot.attachments {
      let pi = a.referrers.first.flatMap { pageIndex[SnapshotIndex.key($0)] } ?? -1
      for text in a.linkTexts.isEmpty ? [""] : a.linkTexts {
        add(
          url: a.url, text: text, title: nil, row: nil, page: pi, onHub: false,
          onCurrentHub: false, into: &contextIDs)
      }
    }
    let common = SnapshotIndex.siteWideThreshold(snapshot.pages.count)
    for (k, n) in urlCount where n >= common { siteWideURLs.insert(SnapshotIndex.key(k.text)) }
    for (i, c) in contexts.enumerated() {
      let ids = [c.text, c.title, c.row, c.file].compactMap { $0 }
      if ids.contains(where: { !pieces[Int($0)].hits.isEmpty }) { hitContexts.append(i) }
    }
  }

  private mutating func add(
    _ link: PageLink, page: Int, onHub: Bool, onCurrentHub: Bool,
    into ids: inout [ContextKey: Int]
  ) {
    let limit = onHub ? SnapshotIndex.hubRowLimit : SnapshotIndex.rowLimit
    let row = link.rowText.flatMap { $0.utf8.count <= limit && $0 != link.text ? $0 : nil }
    add(
      url: link.url, text: link.text, title: link.title, row: row, page: page, onHub: onHub,
      onCurrentHub: onCurrentHub, into: &ids)
  }

  private mutating func add(
    url: String, text: String, title: String?, row: String?, page: Int, onHub: Bool,
    onCurrentHub: Bool, into ids: inout [ContextKey: Int]
  ) {
    let t = piece(text)
    let ti = title.flatMap { $0.isEmpty || $0 == text ? nil : piece($0) }
    let r = row.map { piece($0) }
    let key = ContextKey(url: ByteKey(url), text: t, title: ti ?? -1, row: r ?? -1)
    if let existing = ids[key] {
      if onHub && !contexts[existing].onHub {
        contexts[existing].page = page
        contexts[existing].onHub = true
      }
      contexts[existing].onCurrentHub = contexts[existing].onCurrentHub || onCurrentHub
      return
    }
    let name = SnapshotIndex.fileName(of: url)
    let f = name.isEmpty ? nil : piece(name)
    ids[key] = contexts.count
    contexts.append(
      LinkContext(
        url: url, text: t, title: ti, row: r, file: f, target: resolve(url), page: page,
        onHub: onHub, onCurrentHub: onCurrentHub))
  }

  /// The page's own "no data yet" phrase, if it has one that is not the template's.
  func emptyNotice(_ page: Int) -> String? {
    guard let n = snapshot.pages[page].emptyNotice, !templateNotices.contains(n) else { return nil }
    return n
  }

  /// True when a link on a page is part of the site's template rather than its content.
  func isTemplateLink(_ link: PageLink) -> Bool {
    switch link.region {
    case .nav, .header, .footer, .aside: return true
    case .main, .other:
      return !siteWideURLs.isEmpty && siteWideURLs.contains(SnapshotIndex.key(link.url))
    }
  }

  // MARK: helpers

  /// True when `key` contains `word`; a Latin word such as `ita` must stand apart from other
  /// Latin letters, so "digital" or "hospital" do not make a hub.
  static func names(_ key: String, _ word: String) -> Bool {
    guard !word.isEmpty else { return false }
    let w = Array(word.utf8)
    guard w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return bytesContain(key, word) }
    let k = Array(key.utf8)
    func latin(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    var i = 0
    while i + w.count <= k.count {
      if k[i..<(i + w.count)].elementsEqual(w) && (i == 0 || !latin(k[i - 1]))
        && (i + w.count == k.count || !latin(k[i + w.count]))
      {
        return true
      }
      i += 1
    }
    return false
  }

  static func works(_ status: Int) -> Bool { (200..<300).contains(status) }

  /// Seen on at least half of the pages, and on at least three.
  /// Substring test on UTF-8 bytes: keys are already normalized, so no Unicode folding (and
  /// none of Foundation's cost) is wanted.
  static func bytesContain(_ text: String, _ part: String) -> Bool {
    if part.isEmpty { return true }
    var t = text
    var p = part
    return t.withUTF8 { tb in
      p.withUTF8 { pb in
        guard tb.count >= pb.count, let first = pb.first else { return false }
        var i = 0
        while i + pb.count <= tb.count {
          if tb[i] == first && memcmp(tb.baseAddress! + i, pb.baseAddress!, pb.count) == 0 {
            return true
          }
          i += 1
        }
        return false
      }
    }
  }

  static func siteWideThreshold(_ pages: Int) -> Int { max(3, (pages + 1) / 2) }

  /// `urlKey` as a dictionary key.
  static func key(_ url: String) -> ByteKey { ByteKey(urlKey(url)) }

  /// The form under which URLs are compared: no fragment, no trailing slash, lower-case
  /// scheme and host. Works on bytes: it runs for every link of the snapshot.
  static func urlKey(_ url: String) -> String {
    var b = Array(url.utf8)
    if let hash = b.firstIndex(of: UInt8(ascii: "#")) { b.removeSubrange(hash...) }
    while b.last == UInt8(ascii: "/") { b.removeLast() }
    if let (_, hostEnd) = hostRange(b) {
      for i in 0..<hostEnd where b[i] >= 0x41 && b[i] <= 0x5A { b[i] += 0x20 }
    }
    return String(decoding: b, as: UTF8.self)
  }

  /// Where the host part of a URL's bytes starts and ends (after `://`, before `/?#`).
  private static func hostRange(_ b: [UInt8]) -> (Int, Int)? {
    guard b.count > 3 else { return nil }
    var i = 0
    while i + 2 < b.count {
      if b[i] == UInt8(ascii: ":") && b[i + 1] == UInt8(ascii: "/") && b[i + 2] == UInt8(ascii: "/")
      {
        break
      }
      if b[i] == UInt8(ascii: "/") || b[i] == UInt8(ascii: "?") { return nil }
      i += 1
    }
    guard i + 2 < b.count else { return nil }
    let start = i + 3
    var end = start
    while end < b.count && !"/?#".utf8.contains(b[end]) { end += 1 }
    return (start, end)
  }

  /// The host without `www.`, user or port, lower-case; empty for a relative or odd URL.
  static func host(of url: String) -> String {
    let b = Array(url.utf8)
    guard let (start, end) = hostRange(b) else { return "" }
    var h = Array(b[start..<end])
    if let at = h.lastIndex(of: UInt8(ascii: "@")) { h.removeSubrange(...at) }
    if let colon = h.lastIndex(of: UInt8(ascii: ":")) { h.removeSubrange(colon...) }
    for i in h.indices where h[i] >= 0x41 && h[i] <= 0x5A { h[i] += 0x20 }
    if h.starts(with: "www.".utf8) { h.removeFirst(4) }
    return String(decoding: h, as: UTF8.self)
  }

  /// The last path segment, percent-decoded: `แผน68.pdf` carries the period more often than
  /// the link text does.
  static func fileName(of url: String) -> String {
    var b = Array(url.utf8)
    if let cut = b.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
      b.removeSubrange(cut...)
    }
    var pathStart = 0
    if let (_, hostEnd) = hostRange(b) { pathStart = hostEnd }
    while b.count > pathStart && b.last == UInt8(ascii: "/") { b.removeLast() }
    guard b.count > pathStart else { return "" }
    var segStart = b.count
    while segStart > pathStart && b[segStart - 1] != UInt8(ascii: "/") { segStart -= 1 }
    let seg = b[segStart...]
    let raw = String(decoding: seg, as: UTF8.self)
    guard seg.contains(UInt8(ascii: "%")) else { return raw }
    return raw.removingPercentEncoding ?? raw
  }
}

/// A String compared and hashed by its UTF-8 bytes: Swift's own String hashing normalizes
/// Thai text on every call, which is too slow for millions of links.
struct ByteKey: Hashable {
  let text: String
  init(_ text: String) { self.text = text }

  static func == (a: ByteKey, b: ByteKey) -> Bool {
    let fast = a.text.utf8.withContiguousStorageIfAvailable { x in
      b.text.utf8.withContiguousStorageIfAvailable { y in
        guard x.count == y.count, let px = x.baseAddress, let py = y.baseAddress else {
          return x.count == y.count
        }
        return memcmp(px, py, x.count) == 0
      }
    }
    return (fast ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
  }

  func hash(into hasher: inout Hasher) {
    let done = text.utf8.withContiguousStorageIfAvailable {
      hasher.combine(bytes: UnsafeRawBufferPointer($0))
    }
    if done == nil {
      // Same bytes, same hash: make the text contiguous rather than hash it another way.
      var t = text
      t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }
}

private struct ContextKey: Hashable {
  var url: ByteKey
  var text: Int32
  var title: Int32
  var row: Int32
}
