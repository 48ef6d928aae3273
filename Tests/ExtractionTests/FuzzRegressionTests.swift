import AuditCore
import Extraction
import Testing

/// Inputs `make fuzz` found that broke extraction or URL canonicalisation. Each is also kept as
/// a seed in Fixtures/fuzz/, named `crash-*`.
struct FuzzRegressionTests {
  /// Fixtures/fuzz/html/crash-refresh-dotted-capital-i.html: "İ" lower-cases to two scalars, so
  /// an index found in `content.lowercased()` ran past the end of `content` and trapped.
  @Test func refreshTargetAfterLettersThatGrowWhenLowerCased() throws {
    let url = try #require(WebURL(string: "http://example.go.th/old/index.html"))
    let html = #"<meta http-equiv="refresh" content="0; İİİİİİİİ URL=x.html">"#
    let page = HTMLExtractor.extract(body: Array(html.utf8), url: url, contentType: nil)
    #expect(page.refreshTarget == "http://example.go.th/old/x.html")
    let upper = #"<meta http-equiv="Refresh" content="0;URL='/ใหม่/'">"#
    let moved = HTMLExtractor.extract(body: Array(upper.utf8), url: url, contentType: nil)
    #expect(moved.refreshTarget == "http://example.go.th/%E0%B9%83%E0%B8%AB%E0%B8%A1%E0%B9%88/")
  }

  /// Fixtures/fuzz/url/crash-colon-in-host.txt: "http://a:b:/" kept the host "a:b", whose
  /// canonical form "http://a:b/" no longer parsed (port "b"), so one page had no stable key.
  @Test(arguments: ["http://a:b:/", "http://a:b:/x", "https://h:1:/", "http://[::1]x:80/"])
  func rejectsAColonLeftInTheHost(input: String) throws {
    #expect(WebURL(string: input) == nil)
    let base = try #require(WebURL(string: "https://example.go.th/"))
    #expect(base.resolve(input) == nil)
  }

  /// Fixtures/fuzz/url/crash-combining-mark-after-question-mark.txt: a combining mark after "?"
  /// (here Thai mai tho, U+0E49) made one Character with it, so the query stayed in the path,
  /// and the URL's canonical form parsed back as a different URL.
  @Test func splitsOnDelimitersFollowedByCombiningMarks() throws {
    let base = try #require(WebURL(string: "https://example.go.th/a/b.php"))
    let resolved = try #require(base.resolve("list.php?\u{E49}x=1#\u{E49}top"))
    #expect(resolved.path == "/a/list.php")
    #expect(resolved.query == "%E0%B9%89x=1")
    #expect(WebURL(string: resolved.description) == resolved)
    let absolute = try #require(WebURL(string: "http://host.th/\u{E34}x?\u{301}q"))
    #expect(absolute.host == "host.th")
    #expect(absolute.path == "/%E0%B8%B4x")
    #expect(absolute.query == "%CC%81q")
    let crlf = try #require(base.resolve("new\r\npage.php"))
    #expect(crlf.path == "/a/newpage.php")
  }

  @Test(arguments: [
    ("http://a../x", "http://a/x"), ("https://[::1]:8080/a", "https://[::1]:8080/a"),
    ("http://example.go.th.:80/", "http://example.go.th/"),
  ])
  func canonicalHostsParseBackToThemselves(input: String, expected: String) throws {
    let url = try #require(WebURL(string: input))
    #expect(url.description == expected)
    #expect(WebURL(string: url.description) == url)
  }
}
