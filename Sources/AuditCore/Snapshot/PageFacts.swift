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
  /// whole menu long: one pass, a Thai character at a time, that compares a phrase in full
  /// only where the first two characters of one stand.
  public static func find(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard bytes.count >= 6, let base = bytes.baseAddress else { return nil }
    let n = bytes.count
    let (thai, latin) = probes  // read once: a static read in the loop costs a check each time
    let phrases = encoded
    func match(at i: Int) -> String? {
      for (k, raw) in phrases.enumerated() where i + raw.count <= n {
        var j = 0
        while j < raw.count, lower(base[i + j]) == raw[j] { j += 1 }
        if j == raw.count { return EmptyNotice.phrases[k] }
      }
      return nil
    }
    var i = 0
    while i < n {
      let b = base[i]
      if b == 0xE0 {
        // A Thai character is E0 B8/B9 xx: the last bytes of it and of the next one.
        if i + 5 < n, thai.contains(UInt16(base[i &+ 2]) << 8 | UInt16(base[i &+ 5])),
          let found = match(at: i)
        {
          return found
        }
        i &+= 3
        continue
      }
      if b < 0x80, i + 1 < n, latin.contains(UInt16(b | 0x20) << 8 | UInt16(base[i &+ 1] | 0x20)),
        let found = match(at: i)
      {
        return found
      }
      i &+= 1
    }
    return nil
  }

  private static let encoded: [[UInt8]] = phrases.map { Array($0.utf8) }

  /// The pairs of bytes `find` looks for: the last bytes of a Thai phrase's first two
  /// characters, the first two letters (lower case) of a Latin one.
  private static let probes: (thai: [UInt16], latin: [UInt16]) = {
    var thai: Set<UInt16> = []
    var latin: Set<UInt16> = []
    for raw in encoded {
      if raw[0] == 0xE0 {
        precondition(raw.count >= 6, "a Thai phrase of one character")
        thai.insert(UInt16(raw[2]) << 8 | UInt16(raw[5]))
      } else {
        precondition(raw.count >= 2 && raw[0] < 0x80, "a phrase of one letter")
        latin.insert(UInt16(raw[0]) << 8 | UInt16(raw[1]))
      }
    }
    return (Array(thai), Array(latin))
  }()

  private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
