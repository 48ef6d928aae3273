import AuditCore
import Crawling
import Foundation
import LoopbackServer
import Testing

@Suite(.timeLimit(.minutes(2)))
struct CrawlerTests {
  @Test func findsEveryLinkedPageAndRecordsOffsiteLinks() async throws {
    let server = try tableServer([
      "/": html(#"<nav><a href="/a.html">หน้า ก</a></nav><a href="b.html">B</a><a href="https://facebook.com/x">เฟซบุ๊ก</a>"#),
      "/a.html": html(#"<a href="/c/">C</a><a href="mailto:x@y.th">mail</a><a href="javascript:void(0)">js</a>"#),
      "/b.html": html(#"<a href="/a.html#top">A again</a>"#),
      "/c/": html("leaf"),
    ])
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    let base = server.baseURL
    #expect(Set(result.pages.map { String($0.url.dropFirst(base.count)) }) == ["/", "/a.html", "/b.html", "/c/"])
    #expect(result.offsite.map(\.url) == ["https://facebook.com/x"])
    #expect(result.offsite.first?.text == "เฟซบุ๊ก")
    #expect(result.coverage.complete)
    let home = try #require(result.page("/"))
    #expect(home.links.first?.region == .nav)
    // One request per page: robots.txt, sitemap.xml, then the four pages.
    let pageRequests = server.log.filter { !$0.target.hasPrefix("/robots") && !$0.target.hasPrefix("/sitemap") }
    #expect(pageRequests.count == 4)
  }

  @Test func redirectLoopsChainsAndSchemesBecomeFailures() async throws {
    var routes: [String: LoopbackResponse] = [
      "/": html(#"<a href="/loop1">l</a><a href="/chain0">c</a><a href="/file">f</a><a href="/away">a</a><a href="/moved">m</a>"#),
      "/loop1": LoopbackResponse(status: 302, headers: [("Location", "/loop2")]),
      "/loop2": LoopbackResponse(status: 302, headers: [("Location", "/loop1")]),
      "/file": LoopbackResponse(status: 301, headers: [("Location", "file:///etc/passwd")]),
      "/away": LoopbackResponse(status: 301, headers: [("Location", "http://example.org/x")]),
      "/moved": LoopbackResponse(status: 301, headers: [("Location", "/new.html")]),
      "/new.html": html("new", title: "ใหม่"),
    ]
    for i in 0..<20 {
      routes["/chain\(i)"] = LoopbackResponse(status: 302, headers: [("Location", "/chain\(i + 1)")])
    }
    routes["/chain20"] = html("end")
    let server = try tableServer(routes)
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    let errors = Dictionary(result.failures.map { ($0.error, $0.url) }, uniquingKeysWith: { a, _ in a })
    #expect(errors["redirectLoop"] != nil)
    #expect(errors["tooManyRedirects"] != nil)
    #expect(errors["badScheme"] != nil)
    #expect(result.offsite.contains { $0.url == "http://example.org/x" })
    #expect(result.page("/new.html")?.requestedURL?.hasSuffix("/moved") == true)
    #expect(result.page("/chain20") == nil)
    #expect(!server.log.contains { $0.target == "/chain12" })
  }

  @Test func robotsRulesForOurAgentAreObeyed() async throws {
    let robots = """
      User-agent: *
      Disallow: /

      User-agent: oitcheck
      Disallow: /private/
      Allow: /private/open.html
      Sitemap: /sitemap-extra.xml
      """
    // The sitemap names absolute URLs, so the server patches in its own port.
    let patched = try robotsServer(robots: robots)
    defer { patched.stop() }
    let result = try await crawl(patched.baseURL + "/")
    #expect(!patched.log.contains { $0.target == "/private/secret.html" })
    #expect(result.page("/private/open.html") != nil)
    #expect(result.page("/only-in-sitemap.html") != nil)
    #expect(result.coverage.robotsBlocked.contains("/private/secret.html"))
    #expect(!result.coverage.complete)
    #expect(result.skipped.contains { $0.reason == "robots" })
  }

  func robotsServer(robots: String) throws -> LoopbackServer {
    let box = PortBox()
    let s = try LoopbackServer { request in
      switch request.path {
      case "/robots.txt": return LoopbackResponse(status: 200, contentType: "text/plain", body: robots)
      case "/": return html(#"<a href="/private/secret.html">s</a><a href="/private/open.html">o</a><a href="/pub.html">p</a>"#)
      case "/private/open.html", "/private/secret.html", "/pub.html", "/only-in-sitemap.html":
        return html("x")
      case "/sitemap-extra.xml":
        return LoopbackResponse(
          status: 200, contentType: "application/xml",
          body: #"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://127.0.0.1:\#(box.port)/only-in-sitemap.html</loc></url></urlset>"#)
      default: return LoopbackResponse(status: 404)
      }
    }
    box.port = s.port
    return s
  }

  @Test func crawlDelayIsHonoured() async throws {
    let server = try tableServer([
      "/robots.txt": LoopbackResponse(status: 200, contentType: "text/plain", body: "User-agent: *\nCrawl-delay: 1\n"),
      "/": html(#"<a href="/1">1</a><a href="/2">2</a>"#),
      "/1": html("1"), "/2": html("2"),
    ])
    defer { server.stop() }
    _ = try await crawl(server.baseURL + "/")
    let pages = server.log.filter { ["/", "/1", "/2", "/sitemap.xml"].contains($0.target) }
    #expect(pages.count == 4)
    for (a, b) in zip(pages, pages.dropFirst()) {
      // Start-to-start spacing is ours; what the server sees may differ by connection jitter.
      #expect(b.at - a.at >= .milliseconds(800))
    }
  }

  @Test func unreadableRobotsMeansStayOut() async throws {
    let server = try tableServer([
      "/robots.txt": LoopbackResponse(status: 500),
      "/": html("home"),
    ])
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    #expect(result.pages.isEmpty)
    #expect(server.log.allSatisfy { $0.target == "/robots.txt" })
    #expect(result.coverage.notes.contains { $0.contains("RFC 9309") })
  }

  @Test func politeDefaultsNeverExceedTwoConnectionsPerHost() async throws {
    var routes: [String: LoopbackResponse] = [:]
    var links = ""
    for i in 0..<30 {
      links += "<a href=\"/p\(i)\">p\(i)</a>"
      var r = html("page \(i)")
      r.delayMilliseconds = 20
      routes["/p\(i)"] = r
    }
    routes["/"] = html(links)
    let server = try tableServer(routes)
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    #expect(result.pages.count == 31)
    #expect(server.maxConcurrent <= 2)
    #expect(server.log.allSatisfy { $0.userAgent.hasPrefix("oitcheck/") })
  }

  @Test func retryAfterIsHonouredThen429Succeeds() async throws {
    let counter = Counter()
    let server = try LoopbackServer { request in
      switch request.path {
      case "/": return html(#"<a href="/busy">b</a>"#)
      case "/busy":
        if counter.next() == 1 {
          return LoopbackResponse(status: 429, headers: [("Retry-After", "1")])
        }
        return html("ok", title: "busy page")
      default: return LoopbackResponse(status: 404)
      }
    }
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    #expect(result.page("/busy")?.title == "busy page")
    let hits = server.log.filter { $0.target == "/busy" }
    #expect(hits.count == 2)
    if hits.count == 2 { #expect(hits[1].at - hits[0].at >= .milliseconds(950)) }
  }

  @Test func stallingServerTimesOutAndIsRecorded() async throws {
    let server = try LoopbackServer { request in
      switch request.path {
      case "/": return html(#"<a href="/stall">s</a><a href="/fine">f</a>"#)
      case "/stall":
        var r = LoopbackResponse(status: 200, headers: [("Content-Type", "text/html")], body: Array(repeating: 0x61, count: 100))
        r.bytesPerSecond = 1  // a slowloris: one byte a second
        return r
      case "/fine": return html("fine")
      default: return LoopbackResponse(status: 404)
      }
    }
    defer { server.stop() }
    let started = ContinuousClock.now
    let result = try await crawl(server.baseURL + "/") {
      $0.requestTimeout = 2
      $0.retries = 0
    }
    // Without the timeout the body alone takes 100 s. The bound is loose on purpose: the whole
    // suite runs beside this test on two cores, and only a hang must fail it.
    #expect(ContinuousClock.now - started < .seconds(50))
    #expect(result.failures.contains { $0.url.hasSuffix("/stall") && $0.error == "timeout" })
    #expect(result.page("/fine") != nil)
    #expect(!result.coverage.complete)
  }

  @Test func attachmentsAreCheckedWithoutDownloading() async throws {
    let pdf = [UInt8](repeating: 0x25, count: 200_000)
    let server = try LoopbackServer { request in
      switch (request.method, request.path) {
      case (_, "/"):
        return html(#"<a href="/doc.pdf">แผน 2569</a><a href="/gone.pdf">หาย</a><a href="/nohead.xlsx">xlsx</a><a href="/download.php?id=1">ดาวน์โหลด</a>"#)
      case (_, "/doc.pdf"), (_, "/download.php"):
        return LoopbackResponse(status: 200, headers: [("Content-Type", "application/pdf")], body: pdf)
      case ("HEAD", "/nohead.xlsx"): return LoopbackResponse(status: 405)
      case ("GET", "/nohead.xlsx"):
        return LoopbackResponse(
          status: 206, headers: [("Content-Type", "application/vnd.ms-excel"), ("Content-Range", "bytes 0-0/4321")],
          body: [0x50])
      default: return LoopbackResponse(status: 404)
      }
    }
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    let doc = try #require(result.attachments.first { $0.url.hasSuffix("/doc.pdf") })
    #expect(doc.size == 200_000)
    #expect(doc.linkTexts == ["แผน 2569"])
    #expect(result.attachments.first { $0.url.hasSuffix("/nohead.xlsx") }?.size == 4321)
    #expect(result.attachments.contains { $0.url.hasSuffix("/download.php?id=1") })
    let gone = try #require(result.failures.first { $0.url.hasSuffix("/gone.pdf") })
    #expect(gone.isAttachment && gone.status == 404)
    #expect(server.log.filter { $0.target == "/doc.pdf" }.map(\.method) == ["HEAD"])
  }

  @Test func thaiIRIsAreOnePage() async throws {
    let server = try LoopbackServer { request in
      switch request.path {
      case "/":
        return html(#"<a href="/ข่าว/หน้า1.html">ไทย</a><a href="/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/%e0%b8%ab%e0%b8%99%e0%b9%89%e0%b8%b21.html">encoded</a>"#)
      case "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/%E0%B8%AB%E0%B8%99%E0%B9%89%E0%B8%B21.html":
        return html("ok", title: "ข่าว")
      default: return LoopbackResponse(status: 404)
      }
    }
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    #expect(result.pages.filter { $0.title == "ข่าว" }.count == 1)
    #expect(result.failures.isEmpty)
  }

  @Test func queryTrapsAndCapsAreRecordedAsCoverage() async throws {
    let server = try LoopbackServer { request in
      if request.path == "/calendar" {
        let n = Int(request.target.split(separator: "=").last ?? "0") ?? 0
        return html("<a href=\"/calendar?d=\(n + 1)\">next</a><a href=\"/calendar?d=\(n + 2)\">next2</a>")
      }
      if request.path == "/" { return html(#"<a href="/calendar?d=0">ปฏิทิน</a>"#) }
      return LoopbackResponse(status: 404)
    }
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/") {
      $0.maxQueryVariants = 10
      $0.maxDepth = 100
    }
    #expect(result.pages.count <= 11)
    #expect(result.coverage.limitsHit.contains("query-cap"))
    #expect(!result.coverage.complete)
  }

  @Test func maxPagesAndMaxDepthStopTheCrawl() async throws {
    let server = try LoopbackServer { request in
      let n = Int(request.path.dropFirst()) ?? 0
      return html("<a href=\"/\(n + 1)\">deeper</a><a href=\"/\(n + 1000)\">side</a>")
    }
    defer { server.stop() }
    let byDepth = try await crawl(server.baseURL + "/0") { $0.maxDepth = 3 }
    #expect(byDepth.pages.map(\.depth).max() == 3)
    #expect(byDepth.coverage.limitsHit.contains("max-depth"))
    let byCount = try await crawl(server.baseURL + "/0") { $0.maxPages = 5 }
    #expect(byCount.pages.count == 5)
    #expect(byCount.coverage.limitsHit.contains("max-pages"))
  }

  @Test func thaiCharsetsDecodeCorrectly() async throws {
    // "ข่าวประชาสัมพันธ์" in TIS-620.
    let thai = "ข่าวประชาสัมพันธ์"
    let tis: [UInt8] = thai.unicodeScalars.map { UInt8($0.value - 0x0E00 + 0xA0) }
    let page: @Sendable (String) -> [UInt8] = { head in
      Array("<html><head>\(head)<title>".utf8) + tis + Array("</title></head><body><h1>".utf8) + tis
        + Array("</h1></body></html>".utf8)
    }
    let server = try LoopbackServer { request in
      switch request.path {
      case "/": return html(#"<a href="/header.html">h</a><a href="/meta.html">m</a><a href="/latin.html">l</a>"#)
      case "/header.html":
        return LoopbackResponse(status: 200, headers: [("Content-Type", "text/html; charset=windows-874")], body: page(""))
      case "/meta.html":
        return LoopbackResponse(
          status: 200, headers: [("Content-Type", "text/html")],
          body: page(#"<meta http-equiv="Content-Type" content="text/html; charset=tis-620">"#))
      case "/latin.html":
        return LoopbackResponse(status: 200, headers: [("Content-Type", "text/html; charset=iso-8859-1")], body: page(""))
      default: return LoopbackResponse(status: 404)
      }
    }
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    for path in ["/header.html", "/meta.html", "/latin.html"] {
      let p = try #require(result.page(path))
      #expect(p.title == thai, "\(path)")
      #expect(p.headings == [thai], "\(path)")
    }
  }
}

final class Counter: @unchecked Sendable {
  // @unchecked: guarded by the lock.
  private let lock = NSLock()
  private var n = 0
  func next() -> Int { lock.withLock { n += 1; return n } }
}

final class PortBox: @unchecked Sendable {
  // @unchecked: written once before the server gets its first request.
  var port = 0
}

/// A menu on every page is written once as a shared link set; each page names it.
@Suite struct LinkSetCrawlTests {
  @Test func aRepeatedMenuIsWrittenOnce() async throws {
    let nav = "<nav>" + (1...5).map { #"<a href="/p\#($0)">เมนู \#($0)</a>"# }.joined() + "</nav>"
    var table: [String: LoopbackResponse] = ["/": html(nav + #"<a href="/p1">หน้า 1</a>"#)]
    for i in 1...5 { table["/p\(i)"] = html(nav + "<p>หน้า \(i) 5 มกราคม 2569</p>") }
    table["/p5"] = html(nav + "<p>ขออภัย ไม่พบข้อมูล</p>")
    let server = try tableServer(table)
    defer { server.stop() }
    let result = try await crawl(server.baseURL + "/")
    let sets = result.records.compactMap { if case .linkSet(let l) = $0 { l } else { nil } }
    #expect(sets.count == 1)
    #expect(sets.first?.links.map(\.text) == (1...5).map { "เมนู \($0)" })
    #expect(result.pages.count == 6)
    #expect(result.pages.allSatisfy { $0.linkSets == sets.map(\.id) })
    #expect(result.pages.allSatisfy { !$0.links.contains { $0.region == .nav } })
    #expect(result.page("/")?.links.map(\.text) == ["หน้า 1"])
    #expect(result.page("/p3")?.emptyNotice == nil)
    #expect(result.page("/p5")?.emptyNotice == "ไม่พบข้อมูล")
    // Page text is kept only as its dates.
    #expect(result.page("/p3")?.text == "")
    #expect(result.page("/p3")?.dates.contains { $0.contains("5 มกราคม 2569") } == true)
  }
}
