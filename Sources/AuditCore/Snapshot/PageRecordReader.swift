/// Reads the page records of a snapshot straight from their JSON bytes. Pages are nearly every
/// line of a snapshot, and `JSONDecoder` spent more time on them than the matcher spent on
/// everything else. Anything this reader does not expect (another record type, a field of
/// another JSON type, odd numbers, invalid text) gives nil, and the caller decodes the line
/// with `JSONDecoder` instead, which also words the error, so the two can never disagree on
/// what a snapshot holds.
struct PageRecordReader {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var i = 0

  /// The page a record line holds, when it is a page record written the way `jsonLine`
  /// writes one (`"type":"page"` first); nil otherwise.
  static func page(_ line: UnsafeBufferPointer<UInt8>) -> PageFacts? {
    var r = PageRecordReader(bytes: line)
    return r.page()
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private mutating func page() -> PageFacts? {
    guard take(0x7B), string() == "type", take(0x3A), string() == "page" else { return nil }
    var url: String?
    var status: Int?
    var p = PageFacts(url: "", status: 0)
    while take(0x2C) {
      guard let key = string(), take(0x3A) else { return nil }
      // A JSON null is an absent value, as for `decodeIfPresent`.
      if peek() == 0x6E {
        guard null(), key != "url", key != "status" else { return nil }
        continue
      }
      switch key {
      case "url": url = string()
      case "status": status = int()
      case "requestedURL": guard let v = string() else { return nil }; p.requestedURL = v
      case "contentType": guard let v = string() else { return nil }; p.contentType = v
      case "charset": guard let v = string() else { return nil }; p.charset = v
      case "title": guard let v = string() else { return nil }; p.title = v
      case "text": guard let v = string() else { return nil }; p.text = v
      case "lastModified": guard let v = string() else { return nil }; p.lastModified = v
      case "etag": guard let v = string() else { return nil }; p.etag = v
      case "emptyNotice": guard let v = string() else { return nil }; p.emptyNotice = v
      case "headings": guard let v = strings() else { return nil }; p.headings = v
      case "dates": guard let v = strings() else { return nil }; p.dates = v
      case "depth": guard let v = int() else { return nil }; p.depth = v
      case "noFollow": guard let v = bool() else { return nil }; p.noFollow = v
      case "linkSets": guard let v = ints() else { return nil }; p.linkSets = v
      case "links": guard let v = links() else { return nil }; p.links = v
      default: guard skipValue() else { return nil }
      }
    }
    guard take(0x7D), atEnd(), let url, let status else { return nil }
    p.url = url
    p.status = status
    return p
  }

  private mutating func links() -> [PageLink]? { array { $0.link() } }

  /// `PageLink`'s own Codable form: url, text and region required, rowText and title optional.
  private mutating func link() -> PageLink? {
    guard take(0x7B) else { return nil }
    var url: String?
    var text: String?
    var region: LinkRegion?
    var rowText: String?
    var title: String?
    if !take(0x7D) {
      repeat {
        guard let key = string(), take(0x3A) else { return nil }
        if peek() == 0x6E {
          guard null(), key == "rowText" || key == "title" || !["url", "text", "region"].contains(key)
          else { return nil }
          continue
        }
        switch key {
        case "url": guard let v = string() else { return nil }; url = v
        case "text": guard let v = string() else { return nil }; text = v
        case "region": guard let v = string().flatMap(LinkRegion.init(rawValue:)) else { return nil }; region = v
        case "rowText": guard let v = string() else { return nil }; rowText = v
        case "title": guard let v = string() else { return nil }; title = v
        default: guard skipValue() else { return nil }
        }
      } while take(0x2C)
      guard take(0x7D) else { return nil }
    }
    guard let url, let text, let region else { return nil }
    return PageLink(url: url, text: text, region: region, rowText: rowText, title: title)
  }

  // MARK: JSON values

  private mutating func skipSpace() {
    while i < bytes.count {
      let b = bytes[i]
      guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      i += 1
    }
  }

  private mutating func peek() -> UInt8? {
    skipSpace()
    return i < bytes.count ? bytes[i] : nil
  }

  /// Consumes `byte` (after any whitespace) when it comes next.
  private mutating func take(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    i += 1
    return true
  }

  private mutating func atEnd() -> Bool {
    skipSpace()
    return i == bytes.count
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    skipSpace()
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { return false }
    for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
    i += n
    return true
  }

  private mutating func null() -> Bool { literal("null") }

  private mutating func bool() -> Bool? {
    if literal("true") { return true }
    if literal("false") { return false }
    return nil
  }

  /// An integer written without fraction or exponent; anything else is left to JSONDecoder.
  private mutating func int() -> Int? {
    skipSpace()
    var k = i
    let negative = k < bytes.count && bytes[k] == 0x2D
    if negative { k += 1 }
    var value = 0
    let first = k
    while k < bytes.count, bytes[k] &- 0x30 < 10 {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int(bytes[k] &- 0x30))
      guard !o1, !o2 else { return nil }
      value = sum
      k += 1
    }
    guard k > first, k - first == 1 || bytes[first] != 0x30 else { return nil }
    if k < bytes.count, bytes[k] == 0x2E || bytes[k] | 0x20 == 0x65 { return nil }
    i = k
    return negative ? -value : value
  }

  private mutating func strings() -> [String]? { array { $0.string() } }

  private mutating func ints() -> [Int]? { array { $0.int() } }

  /// A JSON array whose every element `element` reads; nil at the first it cannot.
  private mutating func array<T>(_ element: (inout PageRecordReader) -> T?) -> [T]? {
    guard take(0x5B) else { return nil }
    var out: [T] = []
    if take(0x5D) { return out }
    repeat {
      guard let v = element(&self) else { return nil }
      out.append(v)
    } while take(0x2C)
    return take(0x5D) ? out : nil
  }

  /// A JSON string. Without escapes it is copied in one piece; invalid UTF-8, a raw control
  /// character or a bad escape gives nil.
  private mutating func string() -> String? {
    guard take(0x22) else { return nil }
    let start = i
    while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C, bytes[i] >= 0x20 { i += 1 }
    guard i < bytes.count else { return nil }
    if bytes[i] == 0x22 {
      defer { i += 1 }
      return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
    guard bytes[i] == 0x5C else { return nil }
    var out = Array(bytes[start..<i])
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x22 {
        i += 1
        return String(validating: out, as: UTF8.self)
      }
      guard b >= 0x20 else { return nil }
      guard b == 0x5C else {
        out.append(b)
        i += 1
        continue
      }
      guard i + 1 < bytes.count else { return nil }
      i += 2
      switch bytes[i - 1] {
      case 0x22: out.append(0x22)
      case 0x5C: out.append(0x5C)
      case 0x2F: out.append(0x2F)
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        guard var unit = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(unit) {
          // A surrogate pair: the low half must follow as another \u escape.
          guard i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else { return nil }
          i += 2
          guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(unit) else { return nil }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default: return nil
      }
    }
    return nil
  }

  private mutating func hex4() -> UInt32? {
    guard i + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let digit: UInt8
      switch b {
      case 0x30...0x39: digit = b - 0x30
      case 0x41...0x46: digit = b - 0x41 + 10
      case 0x61...0x66: digit = b - 0x61 + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
      i += 1
    }
    return value
  }

  /// Steps over one value of any type; false when it is not valid enough to step over.
  private mutating func skipValue() -> Bool {
    switch peek() {
    case 0x22: return string() != nil
    case 0x7B:
      i += 1
      if take(0x7D) { return true }
      repeat {
        guard string() != nil, take(0x3A), skipValue() else { return false }
      } while take(0x2C)
      return take(0x7D)
    case 0x5B:
      i += 1
      if take(0x5D) { return true }
      repeat {
        guard skipValue() else { return false }
      } while take(0x2C)
      return take(0x5D)
    case 0x74, 0x66: return bool() != nil
    case 0x6E: return null()
    default:
      // Numbers of any form: skipped by their characters; JSONDecoder judges them if it matters.
      let start = i
      while i < bytes.count {
        let b = bytes[i]
        guard b &- 0x30 < 10 || b == 0x2D || b == 0x2B || b == 0x2E || b | 0x20 == 0x65 else { break }
        i += 1
      }
      return i > start
    }
  }
}
