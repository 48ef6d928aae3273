import Crawling
import Extraction
import Testing

struct RobotsTxtTests {
  func allows(_ robots: String, _ path: String, agent: String = "oitcheck") -> Bool {
    let rules = RobotsTxt(parsing: Array(robots.utf8), agent: agent)
    return rules.allows(WebURL(string: "https://x.th" + path)!)
  }

  @Test func longestMatchWinsAndAllowWinsTies() {
    let r = "User-agent: *\nDisallow: /docs/\nAllow: /docs/public/\nDisallow: /*.php$\nAllow: /a\nDisallow: /a\n"
    #expect(!allows(r, "/docs/x.pdf"))
    #expect(allows(r, "/docs/public/x.pdf"))
    #expect(!allows(r, "/index.php"))
    #expect(allows(r, "/index.php?x=1"))
    #expect(allows(r, "/a"))
    #expect(allows(r, "/other"))
  }

  @Test func ourGroupReplacesTheStarGroupAndGroupsMerge() {
    let r = """
      User-agent: *
      Disallow: /

      User-agent: googlebot
      User-agent: OITCheck
      Disallow: /admin
      Crawl-delay: 2

      User-agent: oitcheck
      Disallow: /tmp
      """
    #expect(allows(r, "/news"))
    #expect(!allows(r, "/admin/x"))
    #expect(!allows(r, "/tmp/x"))
    #expect(!allows(r, "/news", agent: "otherbot"))
    #expect(RobotsTxt(parsing: Array(r.utf8), agent: "oitcheck").crawlDelay == 2)
  }

  @Test func thaiPathsAndEmptyAndBinaryFiles() {
    #expect(!allows("User-agent: *\nDisallow: /ข่าว\n", "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/1"))
    #expect(allows("User-agent: *\nDisallow:\n", "/anything"))
    let binary = [UInt8](repeating: 0xFF, count: 10_000) + [0x00, 0x0A]
    #expect(RobotsTxt(parsing: binary, agent: "oitcheck").allows(WebURL(string: "https://x.th/a")!))
    #expect(RobotsTxt.unreachable.allows(WebURL(string: "https://x.th/robots.txt")!))
    #expect(!RobotsTxt.unreachable.allows(WebURL(string: "https://x.th/a")!))
  }
}
