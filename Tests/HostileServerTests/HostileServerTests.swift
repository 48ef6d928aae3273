import Foundation
import LoopbackServer
import TestSupport
import Testing

/// Misbehaving servers on loopback, each audited by the real binary: the audit must finish
/// inside its budget, stay within memory where size is the attack, and say in the report what
/// happened. Runs of `--timeout 2` keep the slow cases short; alone each takes 0.5–15 s.
@Suite(.timeLimit(.minutes(3)))
struct HostileServerTests {
  @Test func slowlorisBodyAndHeadersTimeOut() async throws {
    var slowBody = LoopbackResponse(
      status: 200, headers: [("Content-Type", "text/html")], body: Array(repeating: 0x61, count: 600))
    slowBody.bytesPerSecond = 1
    var slowHead = LoopbackResponse.raw(
      Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: \(String(repeating: "a", count: 600))\r\n\r\n".utf8))
    slowHead.bytesPerSecond = 1
    let server = try hostileSite(["/slow-body": slowBody, "/slow-head": slowHead, "/fine": page("ok")])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/", ["--timeout", "2"])
    audit.log("1 byte/s body and headers", "timeout (both), after 2 retries")
    #expect(audit.failure("/slow-body")?["error"] as? String == "timeout")
    #expect(audit.failure("/slow-head")?["error"] as? String == "timeout")
    #expect(audit.page("/fine") != nil)
    #expect(audit.allNotes.contains("2 URL(s) failed (timeout)"), "\(audit.allNotes)")
    #expect(audit.complete == false)
  }

  @Test func endlessBodyIsCutAtTheCap() async throws {
    let chunk = Array(String(repeating: "<p>ไม่รู้จบ</p>", count: 2000).utf8)
    var endless = LoopbackResponse(status: 200, headers: [("Content-Type", "text/html")])
    endless.stream = { _ in chunk }  // until the client hangs up
    let server = try hostileSite(["/endless": endless])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("endless body", "bodyTooLarge at 5 MiB")
    #expect(audit.run.peakResidentMB < memoryBudgetMB)
    #expect(audit.failure("/endless")?["error"] as? String == "bodyTooLarge")
    #expect(audit.allNotes.contains("failed (bodyTooLarge)"), "\(audit.allNotes)")
  }

  @Test func gzipBombIsCappedAfterDecoding() async throws {
    // 4 GiB of zeros in about 4 MB of gzip: less than the 5 MiB cap on the wire, so only a cap
    // on the decoded bytes can stop it.
    let bomb = try GzipBomb(mebibytes: 4096)
    #expect(bomb.compressedBytes < 5 * 1024 * 1024)
    var response = LoopbackResponse(
      status: 200,
      headers: [
        ("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
        ("Content-Length", "\(bomb.compressedBytes)"),
      ])
    response.stream = { bomb.chunk($0) }
    // The control: the same construction inflating to 4 MiB, under the cap, must decode
    // (zlib checks the CRC and length), so the big one is stopped by the cap, not by bad gzip.
    let small = try GzipBomb(mebibytes: 4)
    var control = response
    control.headers = [
      ("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
      ("Content-Length", "\(small.compressedBytes)"),
    ]
    control.stream = { small.chunk($0) }
    let server = try hostileSite(["/bomb": response, "/small-bomb": control])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("gzip bomb (4 GiB in \(bomb.compressedBytes / 1000) kB)", "bodyTooLarge at 5 MiB decoded")
    #expect(audit.run.peakResidentMB < memoryBudgetMB)
    let failure = audit.failure("/bomb")
    #expect(failure?["error"] as? String == "bodyTooLarge", "\(audit.records("failure"))")
    #expect(audit.page("/small-bomb")?["status"] as? Int == 200)
    #expect(audit.failure("/small-bomb") == nil)
    #expect(audit.allNotes.contains("failed (bodyTooLarge)"), "\(audit.allNotes)")
  }

  @Test func fiftyMegabytePageIsCutAtTheCap() async throws {
    let total = 50 * 1024 * 1024
    let chunk = Array(String(repeating: "<p>ข่าว</p>", count: 4096).utf8)
    var big = LoopbackResponse(
      status: 200, headers: [("Content-Type", "text/html"), ("Content-Length", "\(total)")])
    big.stream = { i in
      let sent = i * chunk.count
      guard sent < total else { return nil }
      return Array(chunk.prefix(total - sent))
    }
    let server = try hostileSite(["/big": big, "/fine": page("ok")])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("50 MB page", "bodyTooLarge at 5 MiB")
    #expect(audit.run.peakResidentMB < memoryBudgetMB)
    #expect(audit.failure("/big")?["error"] as? String == "bodyTooLarge")
    #expect(audit.page("/fine") != nil)
    #expect(audit.allNotes.contains("body larger than"), "\(audit.allNotes)")
  }

  @Test func redirectLoopsLongChainsAndOtherSchemesAreRecorded() async throws {
    var routes: [String: LoopbackResponse] = [
      "/loop-a": LoopbackResponse(status: 302, headers: [("Location", "/loop-b")]),
      "/loop-b": LoopbackResponse(status: 302, headers: [("Location", "/loop-a")]),
      "/self": LoopbackResponse(status: 301, headers: [("Location", "/self")]),
      "/chain0": LoopbackResponse(status: 302, headers: [("Location", "/hop1")]),
    ]
    // /chain0 → /hop1 → … → /hop20: twenty hops.
    for i in 1..<20 {
      routes["/hop\(i)"] = LoopbackResponse(status: 302, headers: [("Location", "/hop\(i + 1)")])
    }
    routes["/hop20"] = page("end of the chain")
    let schemes = [
      "file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "javascript:alert(1)",
      "data:text/html,<b>x</b>", "mailto:a@b.th", "dict://127.0.0.1:11211/stat",
    ]
    for (i, target) in schemes.enumerated() {
      routes["/scheme\(i)"] = LoopbackResponse(status: 302, headers: [("Location", target)])
    }
    let server = try hostileSite(
      routes, links: ["/loop-a", "/self", "/chain0"] + schemes.indices.map { "/scheme\($0)" })
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("redirect loop, 20-hop chain, 7 other schemes", "redirectLoop, tooManyRedirects, badScheme")
    #expect(audit.failure("/loop-b")?["error"] as? String == "redirectLoop", "\(audit.records("failure"))")
    #expect(audit.failure("/self")?["error"] as? String == "redirectLoop")
    #expect(audit.records("failure").contains { $0["error"] as? String == "tooManyRedirects" })
    #expect(audit.page("/hop20") == nil)
    // The chain stops at the redirect limit (10): the server never sees the far end.
    #expect(!server.log.contains { $0.target == "/hop15" })
    for i in schemes.indices {
      #expect(audit.failure("/scheme\(i)")?["error"] as? String == "badScheme", "\(schemes[i])")
    }
    #expect(audit.allNotes.contains("7 URL(s) failed (badScheme)"), "\(audit.allNotes)")
    #expect(audit.allNotes.contains("failed (redirectLoop)"))
    #expect(audit.allNotes.contains("failed (tooManyRedirects)"))
  }

  @Test func startPageRedirectingToAFileURLFailsClearly() async throws {
    let server = try LoopbackServer { request in
      request.path == "/"
        ? LoopbackResponse(status: 301, headers: [("Location", "file:///etc/passwd")])
        : LoopbackResponse(status: 404)
    }
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("start page → file://", "exit 1, one line")
    #expect(audit.run.exitCode == 1)
    #expect(audit.run.stderr.contains("redirect to a non-http URL: file:///etc/passwd"), "\(audit.run.stderr)")
    #expect(audit.run.stderr.split(separator: "\n").count == 1)
    #expect(!audit.run.stdout.contains("root:"))
  }

  @Test func tooManyRequestsAndUnavailableWithRetryAfter() async throws {
    let retryDate: @Sendable () -> String = {
      let f = DateFormatter()
      f.locale = Locale(identifier: "en_US_POSIX")
      f.timeZone = TimeZone(identifier: "GMT")
      f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
      return f.string(from: Date().addingTimeInterval(2))
    }
    let server = try hostileSite(
      [
        "/busy": LoopbackResponse(status: 429, headers: [("Retry-After", "1")]),
        "/down": LoopbackResponse(status: 503),
        "/forever": LoopbackResponse(status: 429, headers: [("Retry-After", "86400")]),
        "/fine": page("ok"),
      ],
      dynamic: { request in
        request.path == "/down"
          ? LoopbackResponse(status: 503, headers: [("Retry-After", retryDate())]) : nil
      })
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("429/503 with Retry-After (1 s, a date, a day)", "http failures after 2 retries; a day not waited")
    #expect(audit.failure("/busy")?["status"] as? Int == 429)
    #expect(audit.failure("/down")?["status"] as? Int == 503)
    #expect(audit.failure("/forever")?["status"] as? Int == 429)
    #expect(server.log.filter { $0.target == "/busy" }.count == 3)
    #expect(server.log.filter { $0.target == "/down" }.count == 3)
    // A Retry-After of a day is beyond what we wait: one request, then recorded.
    #expect(server.log.filter { $0.target == "/forever" }.count == 1)
    let busy = server.log.filter { $0.target == "/busy" }
    if busy.count == 3 { #expect(busy[1].at - busy[0].at >= .milliseconds(900)) }
    #expect(audit.allNotes.contains("3 URL(s) failed (http)"), "\(audit.allNotes)")
    #expect(audit.page("/fine") != nil)
  }

  @Test func connectionResetMidBody() async throws {
    var reset = LoopbackResponse.raw(
      Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><title>".utf8)
        + Array(repeating: 0x61, count: 2000))
    reset.reset = true
    let server = try hostileSite(["/reset": reset, "/fine": page("ok")])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("connection reset mid-body", "reset after 2 retries")
    #expect(audit.failure("/reset")?["error"] as? String == "reset", "\(audit.records("failure"))")
    #expect(server.log.filter { $0.target == "/reset" }.count == 3)
    #expect(audit.allNotes.contains("failed (reset)"), "\(audit.allNotes)")
    #expect(audit.page("/fine") != nil)
  }

  @Test func contentLengthTooShortDoesNotPoisonTheNextRequest() async throws {
    let full = Array(
      "<!doctype html><html><head><title>ยาวกว่าที่บอก</title></head><body>ข่าว</body></html>".utf8)
    // Announces 20 bytes, sends them, and the rest a moment later on the kept-alive connection:
    // curl has finished the response by then, so the excess waits for the next request.
    var short = LoopbackResponse(
      status: 200, headers: [("Content-Type", "text/html"), ("Content-Length", "20")],
      body: Array(full.prefix(20)))
    short.stream = { i in
      guard i == 0 else { return nil }
      Thread.sleep(forTimeInterval: 0.2)
      return Array(full.dropFirst(20))
    }
    let server = try hostileSite(
      ["/short": short, "/after": page("after", title: "ต่อจากนั้น")], links: ["/short", "/after"])
    defer { server.stop() }
    // One connection, so /after goes down the same one right after /short.
    let audit = try await hostileAudit(server.baseURL + "/", ["--per-host", "1", "--concurrency", "1"])
    let afterRequests = server.log.filter { $0.target == "/after" }.count
    audit.log(
      "Content-Length too short",
      "page cut at 20 bytes; /after asked \(afterRequests)× (2 when the excess poisoned its reply)")
    let shortPage = audit.page("/short")
    #expect(shortPage?["status"] as? Int == 200)
    #expect((shortPage?["title"] as? String ?? "").isEmpty)
    // The leftover bytes made curl see "HTTP/0.9" for /after: retried, it must succeed.
    #expect(audit.page("/after")?["title"] as? String == "ต่อจากนั้น", "\(audit.records("failure"))")
    #expect(audit.records("failure").isEmpty)
  }

  @Test func contentLengthTooLong() async throws {
    let full = Array("<!doctype html><html><head><title>สั้นกว่าที่บอก</title></head></html>".utf8)
    // Announces more and closes: a truncated transfer.
    let closed = LoopbackResponse.raw(
      Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n".utf8) + full)
    // Announces more and keeps the connection open: the client must give up on its own.
    let open = LoopbackResponse(
      status: 200, headers: [("Content-Type", "text/html"), ("Content-Length", "5000")], body: full)
    let server = try hostileSite(["/long-closed": closed, "/long-open": open, "/fine": page("ok")])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/", ["--timeout", "2"])
    audit.log("Content-Length too long (then close; then silence)", "reset; timeout")
    #expect(audit.failure("/long-closed")?["error"] as? String == "reset", "\(audit.records("failure"))")
    #expect(audit.failure("/long-open")?["error"] as? String == "timeout")
    #expect(audit.page("/fine") != nil)
    #expect(audit.allNotes.contains("failed (reset)") && audit.allNotes.contains("failed (timeout)"))
  }

  @Test func invalidUTF8AndMislabelledCharset() async throws {
    let thai = "ประกาศจัดซื้อจัดจ้าง"
    let tis620: [UInt8] = thai.unicodeScalars.map { UInt8($0.value - 0x0E00 + 0xA0) }
    let broken: [UInt8] = [0xFF, 0xC3, 0x28, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80]
    let wrap: @Sendable ([UInt8]) -> [UInt8] = { title in
      Array("<html><head><title>".utf8) + title + Array("</title></head><body><h1>".utf8) + title
        + Array("</h1></body></html>".utf8)
    }
    let server = try hostileSite([
      "/invalid": LoopbackResponse(
        status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
        body: wrap(Array("ข่าว".utf8) + broken + Array("ล่าสุด".utf8))),
      // Labelled UTF-8, written in TIS-620: common on older Thai government sites.
      "/mislabelled": LoopbackResponse(
        status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: wrap(tis620)),
      "/unknown-label": LoopbackResponse(
        status: 200, headers: [("Content-Type", "text/html; charset=x-no-such-charset")],
        body: wrap(Array(thai.utf8))),
    ])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("invalid UTF-8, TIS-620 labelled UTF-8, unknown label", "decoded, U+FFFD for bad bytes")
    #expect(audit.report != nil, "\(audit.run.stderr)")
    let invalid = audit.page("/invalid")
    let title = invalid?["title"] as? String ?? ""
    #expect(title.hasPrefix("ข่าว") && title.hasSuffix("ล่าสุด") && title.contains("\u{FFFD}"), "\(title)")
    let mislabelled = audit.page("/mislabelled")
    #expect(mislabelled?["title"] as? String == thai)
    #expect(mislabelled?["charset"] as? String == "windows-874")
    #expect(audit.page("/unknown-label")?["title"] as? String == thai)
    #expect(audit.records("failure").isEmpty)
  }

  @Test func deeplyNestedHTML() async throws {
    let depth = 100_000
    var body = Array("<!doctype html><html><head><title>ซ้อนลึก</title></head><body><a href=\"/shallow\">ตื้น</a>".utf8)
    body += Array(repeating: Array("<div>".utf8), count: depth).flatMap { $0 }
    body += Array("<a href=\"/deep\">ลึก</a>".utf8)
    body += Array(repeating: Array("</div>".utf8), count: depth).flatMap { $0 }
    body += Array("</body></html>".utf8)
    let server = try hostileSite([
      "/nested": LoopbackResponse(status: 200, headers: [("Content-Type", "text/html")], body: body),
      "/shallow": page("shallow"), "/deep": page("deep"),
    ])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("HTML nested 100,000 deep", "parsed; \(audit.page("/deep") == nil ? "deep link lost" : "deep link found")")
    #expect(audit.run.exitCode == 0 || audit.run.exitCode == 2, "\(audit.run.stderr)")
    #expect(audit.run.peakResidentMB < memoryBudgetMB)
    #expect(audit.page("/nested")?["title"] as? String == "ซ้อนลึก")
    #expect(audit.page("/shallow") != nil)
  }

  @Test func pageWithAMillionLinksIsCutAtTheCap() async throws {
    // A million links is about 17 MB of HTML: over the body cap, never parsed.
    var huge = LoopbackResponse(status: 200, headers: [("Content-Type", "text/html")])
    huge.stream = { i in
      guard i < 1000 else { return nil }
      return Array((0..<1000).map { "<a href=/m\(i * 1000 + $0)>x</a>" }.joined().utf8)
    }
    let server = try hostileSite(["/million": huge, "/fine": page("ok")])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("a million links (17 MB)", "bodyTooLarge at 5 MiB")
    #expect(audit.run.peakResidentMB < memoryBudgetMB)
    #expect(audit.failure("/million")?["error"] as? String == "bodyTooLarge")
    #expect(audit.page("/fine") != nil)
  }

  @Test func pageWithHundredsOfThousandsOfLinks() async throws {
    // Just under the 5 MiB cap fit about 240,000 distinct links: far more than a page may keep.
    var many = Array("<html><head><title>ลิงก์มาก</title></head><body>".utf8)
    var n = 0
    while many.count < 5 * 1024 * 1024 - 100 {
      many += Array("<a href=/l\(n)>x</a>".utf8)
      n += 1
    }
    let server = try hostileSite([
      "/many": LoopbackResponse(status: 200, headers: [("Content-Type", "text/html")], body: many)
    ])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/", ["--max-pages", "30"])
    audit.log("\(n) links in 5 MiB", "5000 kept; links-per-page and max-pages noted")
    // libxml2's tree for 240,000 elements is the cost here (~150 MB over the 50 MB baseline);
    // the body cap is what bounds it.
    #expect(audit.run.peakResidentMB < largeTreeBudgetMB)
    #expect(audit.page("/many") != nil)
    #expect(audit.records("page").count <= 30)
    #expect(audit.allNotes.contains("maxPages"), "\(audit.allNotes)")
    #expect(audit.allNotes.contains("links-per-page"), "\(audit.allNotes)")
  }

  @Test func endlessCalendar() async throws {
    // Every month links the next and the previous, by path and by query, forever.
    let server = try LoopbackServer { request in
      let parts = request.path.split(separator: "/")
      if request.path == "/" { return page(#"<a href="/calendar/2569/1">ปฏิทิน</a><a href="/events?m=0">กิจกรรม</a>"#) }
      if parts.first == "calendar", parts.count == 3, let y = Int(parts[1]), let m = Int(parts[2]) {
        let next = m == 12 ? "\(y + 1)/1" : "\(y)/\(m + 1)"
        let previous = m == 1 ? "\(y - 1)/12" : "\(y)/\(m - 1)"
        return page("<a href=\"/calendar/\(next)\">ถัดไป</a><a href=\"/calendar/\(previous)\">ก่อนหน้า</a>")
      }
      if request.path == "/events" {
        let m = Int(request.target.split(separator: "=").last ?? "0") ?? 0
        return page("<a href=\"/events?m=\(m + 1)\">next</a><a href=\"/events?m=\(m - 1)\">prev</a>")
      }
      return LoopbackResponse(status: 404)
    }
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/", ["--max-depth", "60"])
    audit.log("endless calendar (path and query)", "stopped by max-depth and query-cap")
    #expect(server.log.count < 300)
    #expect(audit.allNotes.contains("queryCap"), "\(audit.allNotes)")
    #expect(audit.allNotes.contains("maxDepth"), "\(audit.allNotes)")
    #expect(audit.complete == false)
  }

  @Test func hugeRobotsTxtIsReadUpToTheLimit() async throws {
    // Disallow at the top, then megabytes of comments: the rule must still hold.
    let head = Array("User-agent: *\nDisallow: /private/\n".utf8)
    let filler = Array(String(repeating: "# padding padding padding padding\n", count: 2000).utf8)
    var robots = LoopbackResponse(status: 200, headers: [("Content-Type", "text/plain")], body: head)
    robots.stream = { $0 < 100 ? filler : nil }  // about 7 MB
    let server = try hostileSite(["/robots.txt": robots, "/private/x": page("secret"), "/open": page("open")])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("7 MB robots.txt", "first 512 KiB obeyed, noted")
    #expect(audit.run.peakResidentMB < memoryBudgetMB)
    #expect(!server.log.contains { $0.target == "/private/x" })
    #expect(audit.page("/open") != nil)
    #expect(audit.allNotes.contains("512 KiB"), "\(audit.allNotes)")
  }

  @Test func binaryRobotsTxtIsNoted() async throws {
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
    var seed: UInt64 = 7
    for _ in 0..<20_000 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1
      png.append(UInt8(truncatingIfNeeded: seed >> 33))
    }
    let server = try hostileSite([
      "/robots.txt": LoopbackResponse(status: 200, headers: [("Content-Type", "image/png")], body: png),
      "/open": page("open"),
    ])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("binary robots.txt", "no rules; noted as not text")
    #expect(audit.page("/open") != nil)
    #expect(audit.allNotes.contains("robots.txt of 127.0.0.1 is not text (image/png)"), "\(audit.allNotes)")
  }

  @Test func http10ServerWithoutKeepAlive() async throws {
    let server = try LoopbackServer { request in
      let body: String
      switch request.path {
      case "/": body = #"<title>หน้าแรก</title><a href="/a">a</a><a href="/b">b</a><a href="/c">c</a>"#
      case "/a", "/b", "/c": body = "<title>\(request.path)</title><a href=\"/\">home</a>"
      default: return .raw(Array("HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\n".utf8))
      }
      // No Content-Length, no keep-alive: the body ends when the server closes.
      return .raw(Array("HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\(body)".utf8))
    }
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("HTTP/1.0 without keep-alive", "all 4 pages read, coverage complete")
    #expect(audit.run.exitCode == 0 || audit.run.exitCode == 2, "\(audit.run.stderr)")
    #expect(audit.records("page").count == 4)
    #expect(audit.page("/c")?["title"] as? String == "/c")
    #expect(audit.complete == true)
  }

  @Test func serverClosingAfterTheHeaders() async throws {
    let server = try hostileSite([
      "/cut": .raw(
        Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n".utf8)),
      "/fine": page("ok"),
    ])
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("closes after the headers", "reset (transfer closed) after 2 retries")
    let failure = audit.failure("/cut")
    #expect(failure?["error"] as? String == "reset")
    #expect((failure?["message"] as? String ?? "").contains("5000 bytes remaining"), "\(failure ?? [:])")
    #expect(audit.page("/fine") != nil)
    #expect(audit.allNotes.contains("failed (reset)"))
  }
}
