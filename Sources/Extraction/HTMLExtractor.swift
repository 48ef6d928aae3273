// Extraction: page bytes -> the facts the matcher needs, through libxml2's HTML parser.
//
// Main types: `HTMLExtractor` (one call per page), `ExtractedPage`, `Charset`, `WebURL`,
// `SitemapParser`. libxml2 is used in recover mode with no network; the document is parsed,
// copied into Swift values and freed inside one call, so no libxml2 pointer leaves this module.
// Callers: Crawling, for every fetched HTML page and sitemap.
import AuditCore
import Foundation
internal import CLibXML2

/// What one HTML page yields, before the crawler adds status and headers.
public struct ExtractedPage: Sendable {
  public var title: String
  public var headings: [String]
  /// The visible text as UTF-8, whitespace collapsed. Kept as bytes: the crawl only scans it
  /// (dates, empty-page notices), and making it a String validated every page once more.
  public var textBytes: [UInt8]
  public var text: String { String(decoding: textBytes, as: UTF8.self) }
  public var links: [PageLink]
  /// The parsed target of each link, same order as `links`, so nobody parses them again.
  public var linkTargets: [WebURL]
  public var charset: String
  /// Links that are not navigation for a reader but still lead somewhere we must fetch:
  /// `<meta http-equiv=refresh>`, frames and iframes. Also present in `links`.
  public var refreshTarget: String?
  /// `<meta name=robots content=nofollow>`: links are recorded but not followed.
  public var noFollow: Bool
  /// Links dropped because the page had more than the cap.
  public var droppedLinks: Int
}

/// Parses HTML with libxml2 and copies out title, headings, visible text and links.
public enum HTMLExtractor {
  /// Visible text kept per page, in UTF-8 bytes (about 64 K Thai characters at most).
  public static let maxTextBytes = 192 * 1024
  public static let maxLinks = 5000

  /// Call once from `main` before pages are parsed on several threads.
  public static func initialize() { xmlInitParser() }

  /// Extracts a page. `url` is the page's final URL, used to resolve links (unless `<base>`).
  /// libxml2 reports the page as a stream of events (SAX) that the walker follows: building
  /// the tree only to walk it once cost an allocation per node and most of the parse.
  public static func extract(body: [UInt8], url: WebURL, contentType: String?) -> ExtractedPage {
    let (utf8, charset) = Charset.decode(body, contentType: contentType)
    var walker = Walker(pageURL: url)
    // The visible text is at most the page's size: one allocation instead of a dozen doublings.
    walker.text.reserveCapacity(min(utf8.count, Walker.hardTextCap))
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
    utf8.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        guard let ctxt = htmlNewParserCtxt() else { return }
        defer { htmlFreeParserCtxt(ctxt) }
        guard let sax = ctxt.pointee.sax else { return }
        // Only the events the walker reads; no handler builds a document.
        memset(sax, 0, MemoryLayout<htmlSAXHandler>.size)
        sax.pointee.initialized = 1
        sax.pointee.startElement = { ctx, name, atts in
          guard let name else { return }
          Walker.of(ctx).pointee.start(Element(name: name, atts: atts))
        }
        sax.pointee.endElement = { ctx, name in
          guard let name else { return }
          Walker.of(ctx).pointee.end(name)
        }
        sax.pointee.characters = { ctx, ch, len in
          guard let ch, len > 0 else { return }
          Walker.of(ctx).pointee.characters(ch, Int(len))
        }
        // Whitespace between elements and CDATA read as text, as they did in the tree.
        sax.pointee.ignorableWhitespace = sax.pointee.characters
        sax.pointee.cdataBlock = sax.pointee.characters
        withUnsafeMutablePointer(to: &walker) { w in
          ctxt.pointee._private = UnsafeMutableRawPointer(w)
          let doc = htmlCtxtReadMemory(
            ctxt, chars.baseAddress, Int32(clamping: chars.count), url.description, "UTF-8",
            options)
          ctxt.pointee._private = nil
          if let doc { xmlFreeDoc(doc) }
        }
      }
    }
    return walker.result(charset: charset)
  }
}

/// An element as a SAX start event gives it: its lower-case name and its attribute pairs.
struct Element {
  let name: UnsafePointer<xmlChar>
  let atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

  /// An attribute's value, capped at 8 KB; "" for a name without a value.
  func attribute(_ key: StaticString) -> String? {
    guard let atts else { return nil }
    var i = 0
    while let n = atts[i] {
      if strcmpStatic(n, key) {
        guard let value = atts[i + 1] else { return "" }
        let count = strnlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self), 8192)
        return String(decoding: UnsafeBufferPointer(start: value, count: count), as: UTF8.self)
      }
      i += 2
    }
    return nil
  }
}

/// Element names we act on, identified from libxml2's lower-case names without making Strings.
enum Tag {
  case a, area, base, frame, iframe, meta, title, h1, h2, h3, tr, script, style, noscript,
    template, img, nav, header, footer, main, aside, br, inline, other, svg, select
}

struct Walker {
  let pageURL: WebURL
  var base: WebURL
  var text: [UInt8] = []
  var title: [UInt8] = []
  var headings: [String] = []
  var heading: [UInt8] = []
  var links: [PageLink] = []
  var targets: [WebURL] = []
  var dropped = 0
  var refresh: String?
  var noFollow = false

  // State of the walk.
  var anchorText: [UInt8] = []
  var scratch: [UInt8] = []
  var anchorIndex: Int? = nil  // index into `links` of the open <a>
  var inTitle = 0
  var inHeading = 0
  var regionStack: [(depth: Int, region: LinkRegion)] = []
  var rowStack: [(textStart: Int, firstLink: Int)] = []
  var depth = 0
  static let hardTextCap = 1 << 20

  init(pageURL: WebURL) {
    self.pageURL = pageURL
    self.base = pageURL
  }

  var region: LinkRegion { regionStack.last?.region ?? .other }

  /// Elements opened inside one whose content is not read (script, style…), that one included.
  var skipping = 0

  /// The walker behind a SAX callback's context (the parser context, whose `_private` it is).
  static func of(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Walker> {
    let ctxt = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
    return ctxt.pointee._private!.assumingMemoryBound(to: Walker.self)
  }

  mutating func start(_ element: Element) {
    if skipping > 0 {
      skipping += 1
      return
    }
    let descend = enter(element)
    depth += 1
    if !descend { skipping = 1 }
  }

  mutating func end(_ name: UnsafePointer<xmlChar>) {
    if skipping > 1 {
      skipping -= 1
      return
    }
    skipping = 0
    depth -= 1
    leave(Walker.tagOf(name))
  }

  mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
    if skipping == 0 { appendText(bytes, count) }
  }

  /// Returns whether to read the element's content.
  mutating func enter(_ node: Element) -> Bool {
    let tag = Walker.tagOf(node.name)
    switch tag {
    case .script, .style, .noscript, .template, .svg, .select:
      return false
    case .title:
      inTitle += 1
    case .h1, .h2, .h3:
      inHeading += 1
      heading.removeAll(keepingCapacity: true)
      separate()
    case .a, .area:
      separate()
      if let href = node.attribute("href") {
        openLink(href: href, title: node.attribute("title"), isArea: tag == .area, node: node)
      }
      if tag == .area { return false }
    case .frame, .iframe:
      if let src = node.attribute("src") {
        addLink(href: src, text: node.attribute("title") ?? node.attribute("name") ?? "")
      }
    case .base:
      if let href = node.attribute("href"), let resolved = pageURL.resolve(href) {
        base = resolved
      }
    case .meta:
      readMeta(node)
    case .img:
      // Inside a link the picture's alt or title is what a reader sees of the link.
      if anchorIndex != nil, let alt = node.attribute("alt") ?? node.attribute("title") {
        anchorText.append(0x20)
        anchorText.append(contentsOf: alt.utf8)
      }
    case .tr:
      rowStack.append((text.count, links.count))
    case .nav, .header, .footer, .main, .aside:
      let r: LinkRegion =
        switch tag {
        case .nav: .nav
        case .header: .header
        case .footer: .footer
        case .main: .main
        default: .aside
        }
      regionStack.append((depth, r))
    case .br:
      separate()
    case .inline:
      break
    case .other:
      separate()
      if let r = regionFromAttributes(node) { regionStack.append((depth, r)) }
    }
    return true
  }

  mutating func leave(_ tag: Tag) {
    switch tag {
    case .title:
      inTitle -= 1
    case .h1, .h2, .h3:
      inHeading -= 1
      let h = collapse(heading)
      if !h.isEmpty && headings.count < 50 { headings.append(h) }
      heading.removeAll(keepingCapacity: true)
      separate()
    case .a:
      closeLink()
      separate()
    case .tr:
      if let row = rowStack.popLast() {
        // Old sites lay whole pages out in tables: a row holding a menu is layout, not an
        // item row, and its text would make every link in it look like every item.
        let rowBytes = text.count - row.textStart
        let rowLinks = links.count - row.firstLink
        let end = min(text.count, row.textStart + 600)
        let rowText = collapse(text[row.textStart..<end])
        if row.firstLink < links.count && rowLinks <= 4 && rowBytes <= 1200 {
          for i in row.firstLink..<links.count where links[i].rowText == nil {
            links[i].rowText = rowText
          }
        }
      }
    default:
      separate()
    }
    if let last = regionStack.last, last.depth == depth {
      if tag == .nav || tag == .header || tag == .footer || tag == .main || tag == .aside
        || tag == .other
      {
        regionStack.removeLast()
      }
    }
  }

  /// Appends a run of text, whitespace (NBSP included) collapsed, to every open target. It is
  /// collapsed straight into the page text, then copied from there to the others (few bytes).
  mutating func appendText(_ content: UnsafePointer<xmlChar>, _ count: Int) {
    let lastSpace = text.last == 0x20 || text.isEmpty
    let added: ArraySlice<UInt8>
    if text.count < Walker.hardTextCap {
      let start = text.count
      Walker.collapse(content, count, lastSpace: lastSpace, into: &text)
      guard text.count > start else { return }
      guard anchorIndex != nil || inTitle > 0 || inHeading > 0 else { return }
      added = text[start...]
    } else {
      scratch.removeAll(keepingCapacity: true)
      Walker.collapse(content, count, lastSpace: lastSpace, into: &scratch)
      added = scratch[...]
    }
    if anchorIndex != nil, anchorText.count < 2000 { anchorText.append(contentsOf: added) }
    if inTitle > 0, title.count < 2000 { title.append(contentsOf: added) }
    if inHeading > 0, heading.count < 2000 { heading.append(contentsOf: added) }
  }

  /// Appends `count` bytes to `out` with every run of whitespace made one space (none at the
  /// start when `lastSpace`); runs of other bytes are copied whole.
  static func collapse(
    _ content: UnsafePointer<xmlChar>, _ count: Int, lastSpace: Bool, into out: inout [UInt8]
  ) {
    var p = content
    let end = content + count
    var lastSpace = lastSpace
    @inline(__always) func isSpace(_ q: UnsafePointer<xmlChar>) -> Int {
      let b = q.pointee
      if b > 0x20 { return b == 0xC2 && q + 1 < end && q[1] == 0xA0 ? 2 : 0 }
      return b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C ? 1 : 0
    }
    while p < end {
      let space = isSpace(p)
      if space > 0 {
        if !lastSpace { out.append(0x20) }
        lastSpace = true
        p += space
        continue
      }
      var q = p + 1
      while q < end && isSpace(q) == 0 { q += 1 }
      out.append(contentsOf: UnsafeBufferPointer(start: p, count: q - p))
      lastSpace = false
      p = q
    }
  }

  /// Puts a word boundary between block elements, so that table cells do not run together.
  mutating func separate() {
    if let last = text.last, last != 0x20, text.count < Walker.hardTextCap { text.append(0x20) }
  }

  mutating func openLink(href: String, title: String?, isArea: Bool, node: Element) {
    closeLink()
    guard let url = base.resolve(href) else { return }
    guard links.count < HTMLExtractor.maxLinks else {
      dropped += 1
      return
    }
    links.append(PageLink(url: url.description, text: "", region: region, title: title))
    targets.append(url)
    if isArea {
      if let alt = node.attribute("alt") { links[links.count - 1].text = ThaiText.clean(alt) }
    } else {
      anchorIndex = links.count - 1
      anchorText.removeAll(keepingCapacity: true)
    }
  }

  mutating func closeLink() {
    guard let index = anchorIndex else { return }
    links[index].text = collapse(anchorText)
    anchorIndex = nil
    anchorText.removeAll(keepingCapacity: true)
  }

  mutating func addLink(href: String, text: String) {
    guard let url = base.resolve(href) else { return }
    guard links.count < HTMLExtractor.maxLinks else {
      dropped += 1
      return
    }
    links.append(PageLink(url: url.description, text: ThaiText.clean(text), region: region))
    targets.append(url)
  }

  mutating func readMeta(_ node: Element) {
    let equiv = node.attribute("http-equiv")?.lowercased()
    let name = node.attribute("name")?.lowercased()
    guard let content = node.attribute("content") else { return }
    if equiv == "refresh" {
      // content="5; url=/new/" or content="0;URL='x.html'"
      // Search `content` itself: indices of `content.lowercased()` are not indices of `content`
      // ("İ" lower-cases to two scalars), and using them trapped on such pages.
      if let range = content.range(of: "url=", options: .caseInsensitive) {
        var target = String(content[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        target = target.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        if !target.isEmpty, let url = base.resolve(target) {
          refresh = url.description
          addLink(href: target, text: "")
        }
      }
    } else if name == "robots", content.lowercased().contains("nofollow") {
      noFollow = true
    }
  }

  func regionFromAttributes(_ node: Element) -> LinkRegion? {
    for key: StaticString in ["id", "class", "role"] {
      guard let value = node.attribute(key)?.lowercased() else { continue }
      if value.contains("menu") || value.contains("nav") { return .nav }
      if value.contains("footer") { return .footer }
      if value.contains("header") { return .header }
    }
    return nil
  }

  static func tagOf(_ name: UnsafePointer<xmlChar>) -> Tag {
    // The name's bytes packed into one integer: no allocation for the two lookups per element.
    var key: UInt64 = 0
    var i = 0
    while name[i] != 0 {
      if i == 8 { return .other }  // longer than any name we act on
      key |= UInt64(name[i]) << (8 * UInt64(i))
      i += 1
    }
    return Walker.tags[key] ?? .other
  }

  /// libxml2's lower-case element names, packed as `tagOf` packs them.
  static let tags: [UInt64: Tag] = {
    let names: [(String, Tag)] = [
      ("a", .a), ("area", .area), ("base", .base), ("frame", .frame), ("iframe", .iframe),
      ("meta", .meta), ("title", .title), ("h1", .h1), ("h2", .h2), ("h3", .h3), ("tr", .tr),
      ("br", .br), ("script", .script), ("style", .style), ("noscript", .noscript),
      ("template", .template), ("img", .img), ("nav", .nav), ("header", .header),
      ("footer", .footer), ("main", .main), ("aside", .aside), ("svg", .svg), ("select", .select),
    ]
    let inline = [
      "b", "i", "u", "s", "q", "em", "span", "strong", "font", "small", "big", "sup", "sub", "abbr",
      "code", "mark", "label", "time", "cite",
    ]
    var table: [UInt64: Tag] = [:]
    for (name, tag) in names + inline.map({ ($0, Tag.inline) }) {
      var key: UInt64 = 0
      for (i, b) in name.utf8.enumerated() { key |= UInt64(b) << (8 * UInt64(i)) }
      table[key] = tag
    }
    return table
  }()

  func collapse(_ bytes: [UInt8]) -> String { collapse(bytes[...]) }

  /// The bytes without leading and trailing spaces, as a String (no copy of the slice first).
  func collapse(_ bytes: ArraySlice<UInt8>) -> String {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, bytes[start] == 0x20 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 { end -= 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  mutating func result(charset: String) -> ExtractedPage {
    closeLink()
    // Cap by bytes at a UTF-8 boundary: counting Characters would walk every grapheme.
    var end = min(text.count, HTMLExtractor.maxTextBytes)
    while end < text.count && end > 0 && text[end] & 0xC0 == 0x80 { end -= 1 }
    var start = 0
    while start < end, text[start] == 0x20 { start += 1 }
    while end > start, text[end - 1] == 0x20 { end -= 1 }
    // Trimmed in place: the text is most of the page, and copying it cost a pass.
    text.removeSubrange(end...)
    if start > 0 { text.removeSubrange(0..<start) }
    return ExtractedPage(
      title: collapse(title), headings: headings, textBytes: text, links: links,
      linkTargets: targets,
      charset: charset,
      refreshTarget: refresh, noFollow: noFollow, droppedLinks: dropped)
  }
}

/// Compares a libxml2 name with a static ASCII string.
func strcmpStatic(_ a: UnsafePointer<xmlChar>, _ b: StaticString) -> Bool {
  let bp = b.utf8Start
  var i = 0
  while true {
    let x = a[i]
    let y = i < b.utf8CodeUnitCount ? bp[i] : 0
    if x != y { return false }
    if x == 0 { return true }
    i += 1
  }
}
