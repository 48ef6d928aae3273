import AuditCore
import Extraction
import Foundation
import Testing

let pagesFolder: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path + "/Fixtures/pages/"
}()

func fixture(_ name: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: pagesFolder + name)))
}

struct WebURLTests {
  @Test(arguments: [
    ("HTTP://WWW.Example.GO.TH:80/a/../b/./c.html#frag", "http://www.example.go.th/b/c.html"),
    ("https://example.go.th:443", "https://example.go.th/"),
    ("https://example.go.th:8443/x?q=1", "https://example.go.th:8443/x?q=1"),
    ("https://user:pw@example.go.th/", "https://example.go.th/"),
    ("https://example.go.th/ข่าว/หน้า 1.html", "https://example.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/%E0%B8%AB%E0%B8%99%E0%B9%89%E0%B8%B2%201.html"),
    ("https://example.go.th/%e0%b8%82%7E%41", "https://example.go.th/%E0%B8%82~A"),
    ("https://example.go.th/a\\b", "https://example.go.th/a/b"),
  ])
  func canonicalForm(input: String, expected: String) {
    #expect(WebURL(string: input)?.description == expected)
  }

  @Test(arguments: ["ftp://x.th/", "mailto:a@b.th", "example.go.th", "https://", "http://x.th:99999/"])
  func rejectsNonHTTP(input: String) {
    #expect(WebURL(string: input) == nil)
  }

  @Test func resolvesReferences() throws {
    let base = try #require(WebURL(string: "https://www.example.go.th/a/b/page.php?id=1"))
    #expect(base.resolve("c.html")?.description == "https://www.example.go.th/a/b/c.html")
    #expect(base.resolve("../c.html")?.description == "https://www.example.go.th/a/c.html")
    #expect(base.resolve("/root")?.description == "https://www.example.go.th/root")
    #expect(base.resolve("?id=2")?.description == "https://www.example.go.th/a/b/page.php?id=2")
    #expect(base.resolve("//cdn.example.go.th/x")?.description == "https://cdn.example.go.th/x")
    #expect(base.resolve("#top")?.description == base.description)
    #expect(base.resolve("  \n/sp ace.html ")?.description == "https://www.example.go.th/sp%20ace.html")
    for skipped in ["javascript:void(0)", "mailto:x@y.th", "tel:021234567", "data:text/html,hi", "file:///etc/passwd"] {
      #expect(base.resolve(skipped) == nil, "\(skipped)")
    }
    #expect(base.siteHost == "example.go.th")
    #expect(WebURL(string: "https://x.th/docs/%E0%B8%AA%E0%B8%82%E0%B8%A3.pdf")?.fileName == "สขร.pdf")
    #expect(WebURL(string: "https://x.th/docs/a.PDF")?.fileExtension == "pdf")
  }
}

struct CharsetTests {
  @Test func decodesThaiSingleByteAndRepairsInvalidUTF8() {
    let tis: [UInt8] = [0xA2, 0xE8, 0xD2, 0xC7]  // ข่าว
    #expect(String(decoding: Charset.decode(tis, contentType: "text/html; charset=TIS-620").utf8, as: UTF8.self) == "ข่าว")
    #expect(Charset.decode(tis, contentType: nil).charset == "windows-874")
    let bad: [UInt8] = Array("ok ".utf8) + [0xFF, 0xFE, 0x80] + Array(" ข่าว".utf8)
    let repaired = Charset.decode(bad, contentType: "text/html; charset=utf-8")
    #expect(Charset.isValidUTF8(repaired.utf8))
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ทดสอบ".utf8)
    #expect(String(decoding: Charset.decode(bom, contentType: nil).utf8, as: UTF8.self) == "ทดสอบ")
  }
}

struct HTMLExtractorTests {
  @Test func extractsTitleHeadingsTextAndLinksWithRegionsAndRows() throws {
    let url = try #require(WebURL(string: "https://www.example.go.th/ita/2569.html"))
    let page = HTMLExtractor.extract(body: try fixture("ita-hub.html"), url: url, contentType: nil)
    #expect(page.title == "การประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี 2569")
    #expect(page.headings == ["ITA 2569", "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"])
    #expect(!page.text.contains("สคริปต์"))
    #expect(page.text.contains("ปรับปรุงล่าสุด ๑๕ มกราคม ๒๕๖๙"))
    let byText = Dictionary(page.links.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byText["หน้าแรก เทศบาล"]?.region == .header)
    #expect(byText["ข้อมูลทั่วไป"]?.region == .nav)
    #expect(byText["Facebook"]?.region == .footer)
    let o1 = try #require(byText["คลิก"])
    #expect(o1.url == "https://www.example.go.th/ita/o1.html")  // <base> applies
    #expect(o1.rowText == "O1 โครงสร้าง หน้าที่และอำนาจ คลิก")
    let o11 = try #require(byText["ดาวน์โหลด"])
    #expect(o11.url.hasSuffix("/docs/%E0%B8%AA%E0%B8%82%E0%B8%A3-%E0%B8%95.%E0%B8%84.68.pdf"))
    #expect(o11.title == "สขร. ตุลาคม 2568")
    #expect(o11.rowText?.contains("สรุปผลการจัดซื้อจัดจ้าง รายเดือน") == true)
    #expect(page.links.contains { $0.url.hasPrefix("https://drive.google.com/") && $0.text == "ไฟล์ในไดรฟ์" })
    #expect(!page.links.contains { $0.text == "เมนู" || $0.text == "อีเมล" || $0.text == "โทร" })
  }

  @Test func survivesBrokenMarkup() throws {
    let url = try #require(WebURL(string: "http://example.go.th/old/index.html"))
    let page = HTMLExtractor.extract(body: try fixture("broken-markup.html"), url: url, contentType: nil)
    #expect(page.title == "หน้า ที่ผิด รูป")
    #expect(page.refreshTarget == "http://example.go.th/new/index.php")
    #expect(page.links.contains { $0.url == "http://example.go.th/old/page?a=1&b=2" && $0.text == "ลิงก์ ไม่ปิด" })
    #expect(page.links.contains { $0.url == "http://example.go.th/spaced%20path.html" })
    #expect(!page.links.contains { $0.url.hasPrefix("data:") })
  }

  @Test func deepNestingAndHugeLinkCountsAreBounded() throws {
    let url = try #require(WebURL(string: "http://example.go.th/"))
    let deep = String(repeating: "<div>", count: 100_000) + "ลึก" + String(repeating: "</div>", count: 100_000)
    let page = HTMLExtractor.extract(body: Array(deep.utf8), url: url, contentType: "text/html")
    #expect(page.links.isEmpty)
    let many = (0..<20_000).map { "<a href=\"/p\($0)\">\($0)</a>" }.joined()
    let linked = HTMLExtractor.extract(body: Array(many.utf8), url: url, contentType: "text/html")
    #expect(linked.links.count == HTMLExtractor.maxLinks)
    #expect(linked.droppedLinks == 20_000 - HTMLExtractor.maxLinks)
  }
}

struct SitemapParserTests {
  @Test func readsURLSetsIndexesAndGzip() throws {
    let set = #"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://x.th/a </loc></url><url><loc>https://x.th/b</loc></url></urlset>"#
    #expect(SitemapParser.parse(Array(set.utf8)).pages == ["https://x.th/a", "https://x.th/b"])
    let index = #"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.th/s1.xml.gz</loc></sitemap></sitemapindex>"#
    #expect(SitemapParser.parse(Array(index.utf8)).sitemaps == ["https://x.th/s1.xml.gz"])
    let gz = try gzip(Array(set.utf8))
    #expect(SitemapParser.parse(gz).pages.count == 2)
    let entity = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>&x;</loc></url></urlset>"#
    #expect(!SitemapParser.parse(Array(entity.utf8)).pages.contains { $0.contains("root:") })
  }

  func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let dir = NSTemporaryDirectory() + "/gz-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/s.xml"
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = [file]
    try p.run()
    p.waitUntilExit()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: file + ".gz")))
  }
}
