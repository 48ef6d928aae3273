import Foundation
internal import CStringSearch

/// What the matcher needs from one HTML page, copied out of libxml2 by `Extraction`.
public struct PageFacts: Sendable, Hashable, Codable {
  /// The final URL, after redirects.
  public var url: String
  /// The URL that was asked for, when redirects led elsewhere.
  public var requestedURL: String?
  public var status: Int
  public var contentType: String?
  /// The charset the page was decoded with (`utf-8`, `windows-874`).
  public var charset: String?
  public var title: String
  /// h1–h3 texts in document order.
  public var headings: [String]
  /// Visible text: no script or style, whitespace collapsed, capped. The crawler keeps only its
  /// dates (`dates`) and leaves this empty in snapshots; older snapshots may still carry it.
  public var text: String
  /// The page's own links; menus shared with other pages are in `linkSets`.
  public var links: [PageLink]
  /// Ids of the snapshot's shared link sets (a site-wide menu, written once) that are also on
  /// this page; `Snapshot.links(of:)` gives all of a page's links.
  public var linkSets: [Int] = []
  /// Raw date strings seen in the title and text (parsed by the matcher).
  public var dates: [String]
  public var lastModified: String?
  /// The `ETag` header, kept so a later run can ask `If-None-Match`.
  public var etag: String?
  /// Link distance from the start page.
  public var depth: Int
  /// True when the page's robots meta said `nofollow` (its links were not followed); nil when not.
  /// Kept so that a page reused after `304 Not Modified` is treated the same way.
  public var noFollow: Bool?
  /// A phrase of the page saying it has nothing yet ("ไม่พบข้อมูล", "อยู่ระหว่างปรับปรุง"), when
  /// its text holds one (`EmptyNotice`). The matcher ignores phrases that most pages carry.
  public var emptyNotice: String?

  public init(
    url: String, requestedURL: String? = nil, status: Int, contentType: String? = nil,
    charset: String? = nil, title: String = "", headings: [String] = [], text: String = "",
    links: [PageLink] = [], dates: [String] = [], lastModified: String? = nil, etag: String? = nil,
    depth: Int = 0
  ) {
    self.url = url
    self.requestedURL = requestedURL
    self.status = status
    self.contentType = contentType
    self.charset = charset
    self.title = title
    self.headings = headings
    self.text = text
    self.links = links
    self.dates = dates
    self.lastModified = lastModified
    self.etag = etag
    self.depth = depth
  }

  private enum CodingKeys: String, CodingKey {
    case url, requestedURL, status, contentType, charset, title, headings, text, links, linkSets
    case dates, lastModified, etag, depth, noFollow, emptyNotice
  }

  /// Fields a crawler may leave out (empty text, no shared sets) default to empty.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    url = try c.decode(String.self, forKey: .url)
    requestedURL = try c.decodeIfPresent(String.self, forKey: .requestedURL)
    status = try c.decode(Int.self, forKey: .status)
    contentType = try c.decodeIfPresent(String.self, forKey: .contentType)
    charset = try c.decodeIfPresent(String.self, forKey: .charset)
    title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
    headings = try c.decodeIfPresent([String].self, forKey: .headings) ?? []
    text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
    links = try c.decodeIfPresent([PageLink].self, forKey: .links) ?? []
    linkSets = try c.decodeIfPresent([Int].self, forKey: .linkSets) ?? []
    dates = try c.decodeIfPresent([String].self, forKey: .dates) ?? []
    lastModified = try c.decodeIfPresent(String.self, forKey: .lastModified)
    etag = try c.decodeIfPresent(String.self, forKey: .etag)
    depth = try c.decodeIfPresent(Int.self, forKey: .depth) ?? 0
    noFollow = try c.decodeIfPresent(Bool.self, forKey: .noFollow)
    emptyNotice = try c.decodeIfPresent(String.self, forKey: .emptyNotice)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(url, forKey: .url)
    try c.encodeIfPresent(requestedURL, forKey: .requestedURL)
    try c.encode(status, forKey: .status)
    try c.encodeIfPresent(contentType, forKey: .contentType)
    try c.encodeIfPresent(charset, forKey: .charset)
    try c.encode(title, forKey: .title)
    try c.encode(headings, forKey: .headings)
    if !text.isEmpty { try c.encode(text, forKey: .text) }
    try c.encode(links, forKey: .links)
    if !linkSets.isEmpty { try c.encode(linkSets, forKey: .linkSets) }
    try c.encode(dates, forKey: .dates)
    try c.encodeIfPresent(lastModified, forKey: .lastModified)
    try c.encodeIfPresent(etag, forKey: .etag)
    try c.encode(depth, forKey: .depth)
    try c.encodeIfPresent(noFollow, forKey: .noFollow)
    try c.encodeIfPresent(emptyNotice, forKey: .emptyNotice)
  }
}

/// Where on a page a link sits; menus are strong evidence that a site publishes a section.
public enum LinkRegion: String, Sendable, Hashable, Codable {
  case nav, header, footer, main, aside, other
}

/// One link on a page: absolute URL plus what a reader sees of it.
public struct PageLink: Sendable, Hashable, Codable {
  /// Absolute, normalized URL (fragment dropped).
  public var url: String
  /// Anchor text, including `img` alt/title inside the anchor, whitespace collapsed.
  public var text: String
  public var region: LinkRegion
  /// The text of the enclosing table row, when the link sits in a table (ITA hub rows).
  public var rowText: String?
  /// The `title` attribute, when present.
  public var title: String?

  public init(
    url: String, text: String, region: LinkRegion = .other, rowText: String? = nil,
    title: String? = nil
  ) {
    self.url = url
    self.text = text
    self.region = region
    self.rowText = rowText
    self.title = title
  }
}

/// Phrases with which a page says it has no content yet: a template's menu leaf for an OIT item
/// often opens such a page, and a 200 status alone must not make it evidence.
public enum EmptyNotice {
  public static let phrases = [
    "ไม่พบข้อมูล", "ยังไม่มีข้อมูล", "ไม่มีข้อมูล", "อยู่ระหว่างปรับปรุง", "อยู่ระหว่างการปรับปรุง",
    "อยู่ระหว่างพัฒนา", "อยู่ระหว่างดำเนินการจัดทำ", "ไม่พบหน้า", "no data", "coming soon",
    "under construction", "page not found", "no records found",
  ]

  /// The first phrase the text holds (Latin ones in any case).
  public static func find(in text: String) -> String? {
    var text = text
    return text.withUTF8 { find(in: $0) }
  }

  /// The first phrase UTF-8 `bytes` hold. It runs on every crawled page, whose text may be a
  /// whole menu long, so no loop here steps through the text byte by byte: Thai phrases are
  /// found with the C library's substring search for their first two characters (three
  /// searches for all of them), Latin ones from each place where their first letter, in either
  /// case, occurs.
  public static func find(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard bytes.count >= 6, let base = bytes.baseAddress else { return nil }
    let n = bytes.count
    var best: (at: Int, phrase: Int)? = nil
    func consider(_ at: Int, _ k: Int) {
      if at < best?.at ?? Int.max { best = (at, k) }
    }
    for (prefix, members) in thaiGroups {
      var from = 0
      // Only a hit that starts before the best so far can be the first.
      while from < min(n, best?.at ?? n), let at = exact(prefix, base + from, n - from) {
        let hit = from + at
        guard hit < best?.at ?? n else { break }
        if let k = members.first(where: { holds(encoded[$0], base, n, at: hit) }) {
          consider(hit, k)
          break
        }
        from = hit + 1
      }
    }
    for k in encoded.indices where encoded[k][0] < 0x80 {
      if let at = anyCase(encoded[k], base, n) { consider(at, k) }
    }
    return best.map { phrases[$0.phrase] }
  }

  private static func holds(_ phrase: [UInt8], _ base: UnsafePointer<UInt8>, _ n: Int, at i: Int)
    -> Bool
  {
    guard i + phrase.count <= n else { return false }
    for j in phrase.indices where base[i + j] != phrase[j] { return false }
    return true
  }

  private static func exact(_ needle: [UInt8], _ base: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    needle.withUnsafeBytes { needle in
      oit_memmem(base, n, needle.baseAddress, needle.count).map {
        UnsafeRawPointer($0) - UnsafeRawPointer(base)
      }
    }
  }

  /// The Thai phrases grouped by their first two characters (six bytes), members in list
  /// order, so that at one place the earlier phrase of the list wins.
  private static let thaiGroups: [(prefix: [UInt8], members: [Int])] = {
    var groups: [(prefix: [UInt8], members: [Int])] = []
    for (k, raw) in encoded.enumerated() where raw[0] >= 0x80 {
      let prefix = Array(raw.prefix(6))
      if let g = groups.firstIndex(where: { $0.prefix == prefix }) {
        groups[g].members.append(k)
      } else {
        groups.append((prefix, [k]))
      }
    }
    return groups
  }()

  /// `phrase` is lower case ASCII.
  private static func anyCase(_ phrase: [UInt8], _ base: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    var first: Int? = nil
    for letter in Set([phrase[0], upper(phrase[0])]) {
      var from = 0
      while from + phrase.count <= n, first.map({ from < $0 }) ?? true,
        let p = memchr(base + from, Int32(letter), n - from)
      {
        let at = UnsafeRawPointer(p) - UnsafeRawPointer(base)
        guard at + phrase.count <= n else { break }
        var j = 1
        while j < phrase.count, lower(base[at + j]) == phrase[j] { j += 1 }
        if j == phrase.count {
          first = min(first ?? at, at)
          break
        }
        from = at + 1
      }
    }
    return first
  }

  private static let encoded: [[UInt8]] = phrases.map { Array($0.utf8) }

  private static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
  private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
