import Foundation
import Extraction

/// The rules of one host's robots.txt that apply to our user agent (RFC 9309).
///
/// Groups naming our product token are merged; if none does, the `*` groups are. The longest
/// matching pattern wins, and `Allow` wins a tie. `*` and `$` work as the RFC describes.
public struct RobotsTxt: Sendable, Equatable {
  struct Rule: Sendable, Equatable {
    var allow: Bool
    var pattern: [UInt8]
  }

  var rules: [Rule]
  /// Seconds between requests asked of us, if the group says so.
  public var crawlDelay: Double?
  /// `Sitemap:` lines, which apply to every agent.
  public var sitemaps: [String]
  /// True when the file could not be fetched for a server-side reason: RFC 9309 §2.3.1.4 says
  /// to assume everything is disallowed.
  public var disallowAll: Bool

  public static let allowAll = RobotsTxt(rules: [], crawlDelay: nil, sitemaps: [], disallowAll: false)
  public static let unreachable = RobotsTxt(rules: [], crawlDelay: nil, sitemaps: [], disallowAll: true)

  /// RFC 9309 asks crawlers to parse at least 500 KiB; more than that is ignored.
  public static let maxBytes = 512 * 1024

  /// Parses the file for `agent` (our product token, e.g. "oitcheck").
  public init(parsing body: [UInt8], agent: String) {
    let text = String(decoding: body.prefix(RobotsTxt.maxBytes), as: UTF8.self)
    let token = agent.lowercased()
    var ourRules: [Rule] = []
    var starRules: [Rule] = []
    var ourDelay: Double?
    var starDelay: Double?
    var sawOurGroup = false
    var sawStarGroup = false
    var sitemaps: [String] = []
    var groupAgents: [String] = []
    var inAgentLines = false

    // "\r\n" is one Character in Swift, equal to neither "\r" nor "\n": CRLF files need it listed.
    let lines = text.split(
      omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    for rawLine in lines {
      var line = Substring(rawLine)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      switch key {
      case "user-agent":
        if !inAgentLines { groupAgents = [] }
        inAgentLines = true
        groupAgents.append(value.lowercased())
      case "allow", "disallow", "crawl-delay":
        inAgentLines = false
        let forUs = groupAgents.contains { !$0.isEmpty && $0 != "*" && token.hasPrefix($0) }
        let forStar = groupAgents.contains("*")
        if forUs { sawOurGroup = true }
        if forStar { sawStarGroup = true }
        guard forUs || forStar else { continue }
        if key == "crawl-delay" {
          if let d = Double(value), d >= 0, d.isFinite {
            if forUs { ourDelay = d }
            if forStar { starDelay = d }
          }
          continue
        }
        if value.isEmpty { continue }  // "Disallow:" with no path disallows nothing
        let rule = Rule(allow: key == "allow", pattern: RobotsTxt.normalizedPattern(value))
        if forUs { ourRules.append(rule) }
        if forStar { starRules.append(rule) }
      case "sitemap":
        sitemaps.append(value)
      default:
        continue
      }
    }
    rules = sawOurGroup ? ourRules : (sawStarGroup ? starRules : [])
    crawlDelay = sawOurGroup ? ourDelay : starDelay
    self.sitemaps = sitemaps
    disallowAll = false
  }

  init(rules: [Rule], crawlDelay: Double?, sitemaps: [String], disallowAll: Bool) {
    self.rules = rules
    self.crawlDelay = crawlDelay
    self.sitemaps = sitemaps
    self.disallowAll = disallowAll
  }

  /// Whether we may fetch the URL's path and query.
  public func allows(_ url: WebURL) -> Bool {
    if disallowAll { return url.path == "/robots.txt" }
    if rules.isEmpty { return true }
    let target = Array((url.path + (url.query.map { "?" + $0 } ?? "")).utf8)
    var best: (length: Int, allow: Bool)? = nil
    for rule in rules where RobotsTxt.matches(rule.pattern, target) {
      let length = rule.pattern.count
      if let b = best {
        if length > b.length || (length == b.length && rule.allow) { best = (length, rule.allow) }
      } else {
        best = (length, rule.allow)
      }
    }
    return best?.allow ?? true
  }

  /// Patterns are compared in the same percent-encoding as our URLs.
  static func normalizedPattern(_ value: String) -> [UInt8] {
    Array(WebURL.canonicalEncode(value, isQuery: false).utf8)
  }

  /// `*` matches any run of bytes, a final `$` anchors the end; otherwise a prefix match.
  static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
    var p = pattern
    var anchored = false
    if p.last == 0x24 {
      anchored = true
      p.removeLast()
    }
    // Iterative wildcard match with backtracking to the last star.
    var pi = 0
    var si = 0
    var star = -1
    var mark = 0
    while si < path.count {
      if pi < p.count && p[pi] == 0x2A {
        star = pi
        mark = si
        pi += 1
      } else if pi < p.count && p[pi] == path[si] {
        pi += 1
        si += 1
      } else if pi == p.count && !anchored {
        return true
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        si = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == 0x2A { pi += 1 }
    return pi == p.count
  }
}
