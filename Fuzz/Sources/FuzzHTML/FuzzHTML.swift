// Fuzzes page extraction: charset decoding, libxml2's HTML parser and the tree walk, plus the
// sitemap parser for XML and gzip input. The input is the raw body; its length picks the
// Content-Type header, so seeds stay plain HTML files.
import AuditCore
import Extraction
import FuzzCheck

private let pageURL = WebURL(string: "https://www.tambon-example.go.th/ข่าว/index.php?id=1")
private let contentTypes: [String?] = [
  nil, "text/html; charset=utf-8", "text/html; charset=TIS-620", "text/html; charset=iso-8859-1",
  "text/html",
]
private let parserReady: Void = HTMLExtractor.initialize()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = parserReady
  guard let pageURL else { fatalError("the page URL must parse") }
  let body = fuzzBytes(data, size)
  let contentType = contentTypes[size % contentTypes.count]

  let (utf8, _) = Charset.decode(body, contentType: contentType)
  fuzzCheck(Charset.isValidUTF8(utf8), "Charset.decode returned invalid UTF-8")

  let page = HTMLExtractor.extract(body: body, url: pageURL, contentType: contentType)
  fuzzCheck(page.links.count == page.linkTargets.count, "links and targets differ in count")
  fuzzCheck(page.links.count <= HTMLExtractor.maxLinks, "more links than the cap")
  for (link, target) in zip(page.links, page.linkTargets) {
    fuzzCheck(link.url == target.description, "link \(link.url) is not its target \(target)")
    fuzzCheck(
      WebURL(string: target.description) == target, "link target \(target) does not re-parse")
  }
  fuzzCheck(page.text.utf8.count <= HTMLExtractor.maxTextBytes, "text over the cap")
  for (name, value) in [("text", page.text), ("title", page.title)] {
    fuzzCheck(value.first != " " && value.last != " ", "\(name) not trimmed")
    fuzzCheck(!value.contains("  "), "\(name) holds a double space")
    fuzzCheck(
      !value.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\t" },
      "\(name) holds a line break or tab")
  }
  fuzzCheck(page.headings.count <= 50, "more headings than the cap")
  if let refresh = page.refreshTarget {
    fuzzCheck(WebURL(string: refresh)?.description == refresh, "refresh target \(refresh)")
  }

  if body.starts(with: Array("<?xml".utf8)) || body.starts(with: [0x1F, 0x8B]) {
    let sitemap = SitemapParser.parse(body)
    fuzzCheck(
      sitemap.pages.count + sitemap.sitemaps.count <= SitemapParser.maxEntries,
      "more sitemap entries than the cap")
  }
  return 0
}
