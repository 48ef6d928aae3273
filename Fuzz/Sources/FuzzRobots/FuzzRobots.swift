// Fuzzes the robots.txt parser and matcher. After parsing, every line of the input is also used
// as a link on the site and checked against the rules, so the matcher meets paths that look
// like the patterns (wildcards, `$`, percent-escapes, Thai paths).
import Crawling
import Extraction
import FuzzCheck

private let site = WebURL(string: "https://www.tambon-example.go.th/")
private let fixedPaths = [
  "/", "/robots.txt", "/admin/", "/ข่าว/ประกาศ.php?id=1", "/index.php?page=%E0%B8%81",
  "/a*b$",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRobots(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let site else { fatalError("the site URL must parse") }
  let body = fuzzBytes(data, size)
  let robots = RobotsTxt(parsing: body, agent: "oitcheck")
  fuzzCheck(!robots.disallowAll, "a parsed file disallows everything")
  if let delay = robots.crawlDelay {
    fuzzCheck(delay.isFinite && delay >= 0, "crawl delay \(delay)")
  }
  for sitemap in robots.sitemaps {
    fuzzCheck(
      !sitemap.unicodeScalars.contains { $0 == "\n" || $0 == "\r" },
      "sitemap entry spans lines")
  }
  for path in fixedPaths { _ = site.resolve(path).map(robots.allows) }
  let text = String(decoding: body.prefix(4096), as: UTF8.self)
  for line in text.split(whereSeparator: \.isNewline).prefix(32) {
    let value = line.split(separator: ":", maxSplits: 1).last ?? line
    _ = site.resolve(String(value)).map(robots.allows)
  }
  return 0
}
