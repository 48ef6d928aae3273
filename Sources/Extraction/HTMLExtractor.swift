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
        guard
          let doc = htmlReadMemory(
            chars.baseAddress, Int32(clamping: chars.count), url.description, "UTF-8", options)
        else { return }
        defer { xmlFreeDoc(doc) }
        if let root = xmlDocGetRootElement(doc) { walker.walk(root) }
      }
    }
    return walker.result(charset: charset)
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

  /// Walks the tree without recursion (hostile pages nest 100,000 levels deep).
  mutating func walk(_ root: xmlNodePtr) {
    var node: xmlNodePtr? = root
    while let current = node {
      let descend = enter(current)
      if descend, let child = current.pointee.children {
        depth += 1
        node = child
        continue
      }
      // Leave this node and climb until a sibling is found.
      var climbing: xmlNodePtr? = current
      node = nil
      while let c = climbing {
        leave(c)
        if c == root { break }
        if let next = c.pointee.next {
          node = next
          break
        }
        climbing = c.pointee.parent
        depth -= 1
        if climbing == nil || climbing == root.pointee.parent { break }
      }
    }
  }

  /// Returns whether to descend into the node's children.
  mutating func enter(_ node: xmlNodePtr) -> Bool {
    switch node.pointee.type {
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      if let content = node.pointee.content { appendText(content) }
      return false
    case XML_ELEMENT_NODE:
      break
    default:
      return false
    }
    let tag = tagOf(node)
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
      if let href = attribute(node, "href") {
        openLink(href: href, title: attribute(node, "title"), isArea: tag == .area, node: node)
      }
      if tag == .area { return false }
    case .frame, .iframe:
      if let src = attribute(node, "src") {
        addLink(href: src, text: attribute(node, "title") ?? attribute(node, "name") ?? "")
      }
    case .base:
      if let href = attribute(node, "href"), let resolved = pageURL.resolve(href) {
        base = resolved
      }
    case .meta:
      readMeta(node)
    case .img:
      // Inside a link the picture's alt or title is what a reader sees of the link.
      if anchorIndex != nil, let alt = attribute(node, "alt") ?? attribute(node, "title") {
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

  mutating func leave(_ node: xmlNodePtr) {
    guard node.pointee.type == XML_ELEMENT_NODE else { return }
    let tag = tagOf(node)
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

  /// Appends one text node, whitespace (NBSP included) collapsed, to every open target: the
  /// node is collapsed once into `scratch`, then copied in bulk.
  mutating func appendText(_ content: UnsafePointer<xmlChar>) {
    scratch.removeAll(keepingCapacity: true)
    var p = content
    var lastSpace = text.last == 0x20 || text.isEmpty
    @inline(__always) func isSpace(_ q: UnsafePointer<xmlChar>) -> Int {
      let b = q.pointee
      if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C { return 1 }
      return b == 0xC2 && q[1] == 0xA0 ? 2 : 0
    }
    while p.pointee != 0 {
      let space = isSpace(p)
      if space > 0 {
        if !lastSpace { scratch.append(0x20) }
        lastSpace = true
        p += space
        continue
      }
      // Copy the whole run of non-space bytes at once.
      var q = p + 1
      while q.pointee != 0 && isSpace(q) == 0 { q += 1 }
      scratch.append(contentsOf: UnsafeBufferPointer(start: p, count: q - p))
      lastSpace = false
      p = q
    }
    guard !scratch.isEmpty else { return }
    if text.count < Walker.hardTextCap { text.append(contentsOf: scratch) }
    if anchorIndex != nil, anchorText.count < 2000 { anchorText.append(contentsOf: scratch) }
    if inTitle > 0, title.count < 2000 { title.append(contentsOf: scratch) }
    if inHeading > 0, heading.count < 2000 { heading.append(contentsOf: scratch) }
  }

  /// Puts a word boundary between block elements, so that table cells do not run together.
  mutating func separate() {
    if let last = text.last, last != 0x20, text.count < Walker.hardTextCap { text.append(0x20) }
  }

  mutating func openLink(href: String, title: String?, isArea: Bool, node: xmlNodePtr) {
    closeLink()
    guard let url = base.resolve(href) else { return }
    guard links.count < HTMLExtractor.maxLinks else {
      dropped += 1
      return
    }
    links.append(PageLink(url: url.description, text: "", region: region, title: title))
    targets.append(url)
    if isArea {
      if let alt = attribute(node, "alt") { links[links.count - 1].text = ThaiText.clean(alt) }
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

  mutating func readMeta(_ node: xmlNodePtr) {
    let equiv = attribute(node, "http-equiv")?.lowercased()
    let name = attribute(node, "name")?.lowercased()
    guard let content = attribute(node, "content") else { return }
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

  func regionFromAttributes(_ node: xmlNodePtr) -> LinkRegion? {
    for key: StaticString in ["id", "class", "role"] {
      guard let value = attribute(node, key)?.lowercased() else { continue }
      if value.contains("menu") || value.contains("nav") { return .nav }
      if value.contains("footer") { return .footer }
      if value.contains("header") { return .header }
    }
    return nil
  }

  /// Reads an attribute from the node's property list without allocating in libxml2.
  func attribute(_ node: xmlNodePtr, _ name: StaticString) -> String? {
    var attr = node.pointee.properties
    while let a = attr {
      if let n = a.pointee.name, strcmpStatic(n, name) {
        // Usually one text child: decode it in place, capped at 8 KB like the joined form.
        if let only = a.pointee.children, only.pointee.next == nil {
          guard let content = only.pointee.content else { return "" }
          let count = strnlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self), 8192)
          return String(decoding: UnsafeBufferPointer(start: content, count: count), as: UTF8.self)
        }
        var bytes: [UInt8] = []
        var child = a.pointee.children
        while let c = child {
          if let content = c.pointee.content {
            var p = content
            while p.pointee != 0 && bytes.count < 8192 {
              bytes.append(p.pointee)
              p += 1
            }
          }
          child = c.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
      }
      attr = a.pointee.next
    }
    return nil
  }

  func tagOf(_ node: xmlNodePtr) -> Tag {
    guard let name = node.pointee.name else { return .other }
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
    return ExtractedPage(
      title: collapse(title), headings: headings, textBytes: Array(text[start..<end]), links: links,
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
