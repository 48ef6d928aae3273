import Crawling
import Extraction
import Testing

/// Inputs `make fuzz` found in robots.txt parsing; each is also a seed in Fixtures/fuzz/robots/.
struct RobotsTxtFuzzRegressionTests {
  /// Fixtures/fuzz/robots/crash-crlf-lines.txt: "\r\n" is one Swift Character, equal to neither
  /// "\r" nor "\n", so a CRLF file (what Windows-hosted sites serve) was read as one line: its
  /// rules were lost and everything was allowed.
  @Test func crlfLineEndingsSeparateLines() throws {
    let text =
      "User-agent: *\r\nDisallow: /private/\r\nCrawl-delay: 3\r\nSitemap: https://x.th/s.xml\r\n"
    let robots = RobotsTxt(parsing: Array(text.utf8), agent: "oitcheck")
    #expect(!robots.allows(try #require(WebURL(string: "https://x.th/private/a.pdf"))))
    #expect(robots.allows(try #require(WebURL(string: "https://x.th/public/"))))
    #expect(robots.crawlDelay == 3)
    #expect(robots.sitemaps == ["https://x.th/s.xml"])
  }

  @Test func mixedLineEndingsAndBareCarriageReturns() throws {
    let text = "User-agent: oitcheck\rDisallow: /a\r\n\nUser-agent: *\nDisallow: /\n"
    let robots = RobotsTxt(parsing: Array(text.utf8), agent: "oitcheck")
    #expect(!robots.allows(try #require(WebURL(string: "https://x.th/a/1"))))
    #expect(robots.allows(try #require(WebURL(string: "https://x.th/b"))))
  }
}
