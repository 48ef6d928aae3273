// Crawling: the polite crawler that turns a start URL into a snapshot.
//
// Main types: `Crawler` (the scheduling loop: per-host queues and slots, robots.txt, redirects,
// retries, caps), `CrawlOptions`, `RobotsTxt`, `ScopePolicy`, `SnapshotWriter`. Fetching goes
// through Transport's `HTTPFetcher`, parsing through Extraction. Outcomes are records in the
// snapshot: a 404 or a robots.txt block is a finding, not an error. Callers: the executable.
import AuditCore

/// How a crawl behaves. Defaults are the polite ones a small municipal server can take.
public struct CrawlOptions: Sendable {
  public var startURL: String
  public var includeHosts: [String] = []
  public var maxPages = 5000
  public var maxAttachments = 20000
  public var maxDepth = 8
  /// Distinct query strings kept per path (calendars and session ids make endless URLs).
  public var maxQueryVariants = 50
  /// Wall-clock bound for the whole crawl, seconds.
  public var timeLimit: Double?
  public var maxConnections = 8
  public var maxPerHost = 2
  /// Seconds between requests to one host, on top of robots.txt's Crawl-delay (the larger wins).
  public var delay: Double = 0
  public var userAgent = "oitcheck/\(oitcheckVersion) (+https://github.com/oitcheck/oitcheck)"
  public var insecure = false
  /// A PEM file of certificate authorities to trust instead of the system's (tests use it to
  /// tell an expired certificate from an untrusted one).
  public var caFile: String?
  public var requestTimeout = 30
  public var connectTimeout = 10
  public var retries = 2
  public var maxBodyBytes = 5 * 1024 * 1024
  public var maxRedirects = 10
  public var obeyRobots = true
  /// Longest Retry-After we wait for, seconds; a server asking more is recorded as failing.
  public var maxRetryAfter: Double = 120
  /// Pages of the previous run by URL: each is asked for conditionally, and a
  /// `304 Not Modified` reuses its stored facts instead of downloading and parsing it again.
  public var priorPages: [String: PriorPage] = [:]

  public init(startURL: String) { self.startURL = startURL }

  /// The product token matched against robots.txt groups.
  public var robotsToken: String {
    String(userAgent.split(separator: "/").first ?? "oitcheck").lowercased()
  }

  /// For the snapshot header.
  public var summary: [String: String] {
    var s: [String: String] = [
      "maxPages": "\(maxPages)", "maxDepth": "\(maxDepth)", "maxConnections": "\(maxConnections)",
      "maxPerHost": "\(maxPerHost)", "delay": "\(delay)", "userAgent": userAgent,
      "insecure": "\(insecure)", "timeout": "\(requestTimeout)", "obeyRobots": "\(obeyRobots)",
    ]
    if !includeHosts.isEmpty { s["includeHosts"] = includeHosts.joined(separator: ",") }
    if let timeLimit { s["timeLimit"] = "\(timeLimit)" }
    return s
  }
}

/// Why a crawl could not run at all. Anything less is a record in the snapshot.
public enum CrawlError: Error, CustomStringConvertible, Equatable {
  case badStartURL(String)
  case cannotWrite(path: String, reason: String)
  case transport(String)

  public var description: String {
    switch self {
    case .badStartURL(let url):
      "not an http(s) URL: \(url) (write it as https://www.example.go.th/)"
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    case .transport(let message): "cannot start the HTTP client: \(message)"
    }
  }
}

/// Counts for the progress line.
public struct CrawlProgress: Sendable {
  public var done: Int
  public var queued: Int
  public var failed: Int
  public var seconds: Double
}
