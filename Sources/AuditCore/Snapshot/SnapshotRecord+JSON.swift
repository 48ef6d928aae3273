/// A direct JSON writer for snapshot records: the crawler encodes one page record per fetched
/// page, and `JSONEncoder` spent more CPU on that than libxml2 spent parsing the page. The
/// output is the same JSON `Codable` gives (same keys, nil fields left out, `/` unescaped), so
/// `SnapshotReader` reads either; tests check both directions.
extension SnapshotRecord {
  /// The record as one JSON object followed by a newline.
  public var jsonLine: [UInt8] {
    var w = JSONLineWriter()
    switch self {
    case .page(let p):
      w.reserve(p.text.utf8.count + p.links.count * 96 + 512)
      w.begin(type: "page")
      w.field("url", p.url)
      w.field("requestedURL", p.requestedURL)
      w.field("status", p.status)
      w.field("contentType", p.contentType)
      w.field("charset", p.charset)
      w.field("title", p.title)
      w.field("headings", p.headings)
      // As `PageFacts.encode(to:)`: empty text and no shared sets are left out.
      if !p.text.isEmpty { w.field("text", p.text) }
      w.links(p.links)
      if !p.linkSets.isEmpty {
        w.key("linkSets")
        w.bytes.append(contentsOf: Array(("[" + p.linkSets.map(String.init).joined(separator: ",") + "]").utf8))
      }
      w.field("dates", p.dates)
      w.field("lastModified", p.lastModified)
      w.field("etag", p.etag)
      w.field("depth", p.depth)
      if let noFollow = p.noFollow {
        w.key("noFollow")
        w.bytes.append(contentsOf: Array((noFollow ? "true" : "false").utf8))
      }
      w.field("emptyNotice", p.emptyNotice)
    case .attachment(let a):
      w.begin(type: "attachment")
      w.field("url", a.url)
      w.field("status", a.status)
      w.field("contentType", a.contentType)
      w.field("size", a.size)
      w.field("lastModified", a.lastModified)
      w.field("etag", a.etag)
      w.field("linkTexts", a.linkTexts)
      w.field("referrers", a.referrers)
    case .failure(let f):
      w.begin(type: "failure")
      w.field("url", f.url)
      w.field("error", f.error)
      w.field("message", f.message)
      w.field("status", f.status)
      w.field("referrers", f.referrers)
      w.key("isAttachment")
      w.bytes.append(contentsOf: f.isAttachment ? Array("true".utf8) : Array("false".utf8))
    case .offsite(let o):
      w.begin(type: "offsite")
      w.field("url", o.url)
      w.field("text", o.text)
      w.field("page", o.page)
      w.field("rowText", o.rowText)
    case .skipped(let s):
      w.begin(type: "skipped")
      w.field("url", s.url)
      w.field("reason", s.reason)
    case .redirect(let r):
      w.begin(type: "redirect")
      w.field("from", r.from)
      w.field("to", r.to)
      w.field("status", r.status)
    case .linkSet(let l):
      w.reserve(l.links.count * 96 + 64)
      w.begin(type: "links")
      w.field("id", l.id)
      w.links(l.links)
    }
    w.bytes.append(UInt8(ascii: "}"))
    w.bytes.append(0x0A)
    return w.bytes
  }
}

/// Appends JSON to a byte buffer. Keys are our own ASCII names; values are escaped as RFC 8259
/// asks: `"` and `\` and every control character below U+0020, nothing else.
struct JSONLineWriter {
  /// A `links` array of page links.
  mutating func links(_ links: [PageLink]) {
    key("links")
    bytes.append(UInt8(ascii: "["))
    for (i, link) in links.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(UInt8(ascii: "{"))
      first = true
      field("url", link.url)
      field("text", link.text)
      field("region", link.region.rawValue)
      field("rowText", link.rowText)
      field("title", link.title)
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "]"))
  }

  var bytes: [UInt8] = []
  /// True until the current object has its first key.
  var first = true

  mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

  mutating func begin(type: StaticString) {
    bytes.append(UInt8(ascii: "{"))
    first = true
    field("type", type)
  }

  mutating func key(_ name: StaticString) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    bytes.append(UInt8(ascii: "\""))
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  mutating func field(_ name: StaticString, _ value: StaticString) {
    key(name)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    bytes.append(UInt8(ascii: "\""))
  }

  mutating func field(_ name: StaticString, _ value: String) {
    key(name)
    string(value)
  }

  mutating func field(_ name: StaticString, _ value: String?) {
    if let value { field(name, value) }
  }

  mutating func field(_ name: StaticString, _ value: Int) {
    key(name)
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func field(_ name: StaticString, _ value: Int?) {
    if let value { field(name, value) }
  }

  mutating func field(_ name: StaticString, _ values: [String]) {
    key(name)
    bytes.append(UInt8(ascii: "["))
    for (i, value) in values.enumerated() {
      if i > 0 { bytes.append(UInt8(ascii: ",")) }
      string(value)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// A quoted, escaped string; runs that need no escape are copied at once.
  mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { utf8 in
      guard let base = utf8.baseAddress else { return }
      let n = utf8.count
      var runStart = 0
      var i = 0
      while i < n {
        // Eight bytes at a time: page texts are tens of kilobytes with nothing to escape.
        if i + 8 <= n,
          !JSONLineWriter.needsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        {
          i += 8
          continue
        }
        let b = base[i]
        guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else {
          i += 1
          continue
        }
        if runStart < i {
          bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
        }
        i += 1
        runStart = i
        bytes.append(UInt8(ascii: "\\"))
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
          let hex = Array("0123456789abcdef".utf8)
          bytes.append(
            contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        }
      }
      if runStart < n {
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n - runStart))
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Whether any of eight bytes is below 0x20, a quote or a backslash (the "has zero byte" bit
  /// trick: exact as a yes/no answer).
  @inline(__always)
  static func needsEscape(_ x: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let control = (x &- ones &* 0x20) & ~x & highs
    let q = x ^ (ones &* 0x22)
    let quote = (q &- ones) & ~q & highs
    let s = x ^ (ones &* 0x5C)
    let backslash = (s &- ones) & ~s & highs
    return (control | quote | backslash) != 0
  }
}
