/// The schema name written in every snapshot header.
public let snapshotSchema = "oitcheck.snapshot/1"

/// The first line of a snapshot: what was crawled, how, and how much of it was seen.
public struct SnapshotHeader: Sendable, Codable, Equatable {
  public var schema: String
  public var startURL: String
  public var options: [String: String]
  public var version: String
  public var startedAt: String  // ISO 8601, UTC
  public var endedAt: String
  public var coverage: Coverage

  public init(
    startURL: String, options: [String: String], version: String = oitcheckVersion,
    startedAt: String, endedAt: String, coverage: Coverage
  ) {
    self.schema = snapshotSchema
    self.startURL = startURL
    self.options = options
    self.version = version
    self.startedAt = startedAt
    self.endedAt = endedAt
    self.coverage = coverage
  }
}

/// How much of the site the crawl saw. An item not found on an incomplete crawl is "uncertain".
public struct Coverage: Sendable, Codable, Equatable {
  public var pagesFetched: Int = 0
  public var pagesFailed: Int = 0
  public var attachmentsChecked: Int = 0
  /// Limits that stopped the crawl early: "max-pages", "max-depth", "time-limit", "query-cap".
  public var limitsHit: [String] = []
  /// Paths robots.txt kept us from fetching.
  public var robotsBlocked: [String] = []
  /// Plain sentences for the report (TLS problems, start page redirected off-site...).
  public var notes: [String] = []

  public init() {}

  /// True when no limit, robots rule or failure hid part of the site.
  public var complete: Bool { limitsHit.isEmpty && robotsBlocked.isEmpty && pagesFailed == 0 }
}

/// A checked attachment (PDF, Office file, archive, image): status and headers only.
public struct AttachmentFacts: Sendable, Hashable, Codable {
  public var url: String
  public var status: Int
  public var contentType: String?
  /// Bytes, from Content-Length or Content-Range.
  public var size: Int?
  public var lastModified: String?
  /// The `ETag` header, kept so a later run can ask `If-None-Match`.
  public var etag: String?
  /// Texts of the links that point here (a file name alone often carries the period).
  public var linkTexts: [String]
  /// Pages that link here.
  public var referrers: [String]

  public init(
    url: String, status: Int, contentType: String? = nil, size: Int? = nil,
    lastModified: String? = nil, etag: String? = nil, linkTexts: [String] = [],
    referrers: [String] = []
  ) {
    self.url = url
    self.status = status
    self.contentType = contentType
    self.size = size
    self.lastModified = lastModified
    self.etag = etag
    self.linkTexts = linkTexts
    self.referrers = referrers
  }
}

/// A URL that could not be fetched: the error text is the finding.
public struct FailureFacts: Sendable, Hashable, Codable {
  public var url: String
  /// Short machine word: timeout, dns, connect, tls, http, tooManyRedirects, redirectLoop,
  /// bodyTooLarge, offsiteRedirect, badScheme, reset.
  public var error: String
  public var message: String
  public var status: Int?
  public var referrers: [String]
  /// True when the URL was an attachment (PDF...) rather than a page.
  public var isAttachment: Bool

  public init(
    url: String, error: String, message: String, status: Int? = nil, referrers: [String] = [],
    isAttachment: Bool = false
  ) {
    self.url = url
    self.error = error
    self.message = message
    self.status = status
    self.referrers = referrers
    self.isAttachment = isAttachment
  }
}

/// A link that leaves the site's scope: never fetched, recorded for the matcher.
public struct OffsiteLink: Sendable, Hashable, Codable {
  public var url: String
  public var text: String
  public var page: String
  public var rowText: String?

  public init(url: String, text: String, page: String, rowText: String? = nil) {
    self.url = url
    self.text = text
    self.page = page
    self.rowText = rowText
  }
}

/// A URL inside scope that was deliberately not fetched.
public struct SkippedFacts: Sendable, Hashable, Codable {
  public var url: String
  /// robots, maxPages, maxDepth, queryCap, timeLimit
  public var reason: String

  public init(url: String, reason: String) {
    self.url = url
    self.reason = reason
  }
}

/// A redirect the crawler followed: links to `from` lead to `to`.
public struct RedirectFacts: Sendable, Hashable, Codable {
  public var from: String
  public var to: String
  public var status: Int

  public init(from: String, to: String, status: Int) {
    self.from = from
    self.to = to
    self.status = status
  }
}

/// Links shared by many pages (a site-wide menu), written once and named by id from
/// `PageFacts.linkSets`. A set may come after the first page that names it.
public struct LinkSetFacts: Sendable, Hashable, Codable {
  public var id: Int
  public var links: [PageLink]

  public init(id: Int, links: [PageLink]) {
    self.id = id
    self.links = links
  }
}

/// One line of a snapshot after the header.
public enum SnapshotRecord: Sendable, Hashable, Codable {
  case page(PageFacts)
  case attachment(AttachmentFacts)
  case failure(FailureFacts)
  case offsite(OffsiteLink)
  case skipped(SkippedFacts)
  case redirect(RedirectFacts)
  case linkSet(LinkSetFacts)

  private enum CodingKeys: String, CodingKey { case type }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    switch try c.decode(String.self, forKey: .type) {
    case "page": self = .page(try PageFacts(from: decoder))
    case "attachment": self = .attachment(try AttachmentFacts(from: decoder))
    case "failure": self = .failure(try FailureFacts(from: decoder))
    case "offsite": self = .offsite(try OffsiteLink(from: decoder))
    case "skipped": self = .skipped(try SkippedFacts(from: decoder))
    case "redirect": self = .redirect(try RedirectFacts(from: decoder))
    case "links": self = .linkSet(try LinkSetFacts(from: decoder))
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "unknown record type \(other)")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .page(let v):
      try c.encode("page", forKey: .type)
      try v.encode(to: encoder)
    case .attachment(let v):
      try c.encode("attachment", forKey: .type)
      try v.encode(to: encoder)
    case .failure(let v):
      try c.encode("failure", forKey: .type)
      try v.encode(to: encoder)
    case .offsite(let v):
      try c.encode("offsite", forKey: .type)
      try v.encode(to: encoder)
    case .skipped(let v):
      try c.encode("skipped", forKey: .type)
      try v.encode(to: encoder)
    case .redirect(let v):
      try c.encode("redirect", forKey: .type)
      try v.encode(to: encoder)
    case .linkSet(let v):
      try c.encode("links", forKey: .type)
      try v.encode(to: encoder)
    }
  }
}

/// A whole snapshot in memory: what the matcher reads.
public struct Snapshot: Sendable {
  public var header: SnapshotHeader
  public var pages: [PageFacts] = []
  public var attachments: [AttachmentFacts] = []
  public var failures: [FailureFacts] = []
  public var offsite: [OffsiteLink] = []
  public var skipped: [SkippedFacts] = []
  public var redirects: [RedirectFacts] = []
  /// Shared link sets by id (`PageFacts.linkSets`).
  public var linkSets: [Int: [PageLink]] = [:]

  public init(header: SnapshotHeader) { self.header = header }

  /// All links of a page: its shared sets' links, then its own.
  public func links(of page: PageFacts) -> [PageLink] {
    page.linkSets.isEmpty ? page.links : page.linkSets.flatMap { linkSets[$0] ?? [] } + page.links
  }

  /// The first set id a page names that no record defines, if any.
  public var undefinedLinkSet: Int? {
    for p in pages { for id in p.linkSets where linkSets[id] == nil { return id } }
    return nil
  }

  public mutating func add(_ record: SnapshotRecord) {
    switch record {
    case .page(let p): pages.append(p)
    case .attachment(let a): attachments.append(a)
    case .failure(let f): failures.append(f)
    case .offsite(let o): offsite.append(o)
    case .skipped(let s): skipped.append(s)
    case .redirect(let r): redirects.append(r)
    case .linkSet(let l): linkSets[l.id] = l.links
    }
  }
}
