import AuditCore
import Crawling
import Foundation
import LoopbackServer
import Synchronization
import Testing

/// A re-crawl asks with the previous run's validators and reuses pages the server says are
/// unchanged.
@Suite(.timeLimit(.minutes(2)))
struct ConditionalCrawlTests {
  /// Pages with an ETag each; `changed` pages get a new one. Answers 304 to a matching
  /// If-None-Match, and to an If-Modified-Since equal to the page's date when it has no ETag.
  final class Site: Sendable {
    let changed = Mutex<Set<String>>([])
    /// Page requests as received, headers included.
    let requests = Mutex<[LoopbackRequest]>([])
    let pages: [String: String] = [
      "/": #"<a href="/a.html">ข่าว</a><a href="/b.html">ประกาศ</a><a href="/dated.html">d</a>"#,
      "/a.html": #"<a href="/c.html">C</a> วันที่ 15 มกราคม 2569"#,
      "/b.html": "ประกาศ 1",
      "/c.html": "leaf",
      "/dated.html": "no etag here",
    ]

    func respond(_ request: LoopbackRequest) -> LoopbackResponse {
      guard let body = pages[request.path] else { return LoopbackResponse(status: 404) }
      requests.withLock { $0.append(request) }
      let isChanged = changed.withLock { $0.contains(request.path) }
      let text = isChanged ? body + " แก้ไขแล้ว" : body
      let date = "Tue, 24 Nov 2026 02:00:00 GMT"
      if request.path == "/dated.html" {
        if request.headers["if-modified-since"] == date { return LoopbackResponse(status: 304) }
        var r = html(text)
        r.headers.append(("Last-Modified", date))
        return r
      }
      let etag = "\"\(request.path)-\(isChanged ? 2 : 1)\""
      if request.headers["if-none-match"] == etag {
        return LoopbackResponse(status: 304, headers: [("ETag", etag)])
      }
      var r = html(text, title: request.path)
      r.headers.append(("ETag", etag))
      return r
    }
  }

  @Test func unchangedPagesComeBackAs304AndAreReused() async throws {
    let site = Site()
    let server = try LoopbackServer { site.respond($0) }
    defer { server.stop() }
    let start = server.baseURL + "/"
    let first = try await crawl(start)
    #expect(first.pages.count == 5)
    #expect(first.page("/a.html")?.etag == "\"/a.html-1\"")
    #expect(first.page("/dated.html")?.lastModified == "Tue, 24 Nov 2026 02:00:00 GMT")

    var prior: [String: PriorPage] = [:]
    for page in first.pages {
      prior[page.url] = PriorPage(etag: page.etag, lastModified: page.lastModified, facts: page)
    }
    site.changed.withLock { $0 = ["/b.html"] }
    site.requests.withLock { $0 = [] }
    let second = try await crawl(start) { $0.priorPages = prior }

    let requests = site.requests.withLock { $0 }
    #expect(requests.count == 5)
    #expect(requests.allSatisfy { $0.headers["if-none-match"] != nil || $0.path == "/dated.html" })
    #expect(requests.first { $0.path == "/dated.html" }?.headers["if-modified-since"] != nil)
    // Reused pages are the same facts; the changed one is read afresh; links still followed.
    #expect(second.pages.count == 5)
    #expect(second.coverage.pagesFetched == 5)
    for path in ["/", "/a.html", "/c.html", "/dated.html"] {
      #expect(second.page(path) == first.page(path), "page \(path) differs after a 304")
    }
    #expect(second.page("/b.html") != nil && second.page("/b.html") != first.page("/b.html"))
    #expect(second.page("/b.html")?.etag == "\"/b.html-2\"")
  }

  @Test func a304NobodyAskedForIsAFailureNotABlankPage() async throws {
    let server = try tableServer([
      "/": html(#"<a href="/odd.html">odd</a>"#), "/odd.html": LoopbackResponse(status: 304),
    ])
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    #expect(result.page("/odd.html") == nil)
    #expect(result.failures.contains { $0.url.hasSuffix("/odd.html") && $0.status == 304 })
  }
}
