import Foundation

/// An absolute http(s) URL in one canonical form, so that one page has one key.
///
/// Canonical: lower-case scheme and host, no default port, no fragment, no credentials, and
/// percent-encoding done one way — unreserved characters decoded, everything else outside
/// printable ASCII (Thai IRIs included) encoded as upper-case `%XX` of its UTF-8 bytes. A page
/// linked as Thai text and as `%E0%B8...` is then the same page.
public struct WebURL: Sendable, Hashable, CustomStringConvertible {
  public let scheme: String
  public let host: String
  public let port: Int?
  /// Starts with "/", canonically encoded.
  public let path: String
  /// Without the "?", canonically encoded; nil when absent.
  public let query: String?
  /// The whole URL, built once: the crawl asks for it several times per link.
  public let description: String

  /// Parses an absolute http or https URL; nil for anything else.
  public init?(string: String) {
    let s = Substring(WebURL.trimmed(string))
    guard let colon = s.firstIndex(ofASCII: ":") else { return nil }
    let scheme = s[..<colon].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    let rest = s[s.index(afterASCII: colon)...]
    guard rest.utf8.starts(with: "//".utf8) else { return nil }
    self.init(scheme: scheme, afterSlashes: rest.droppingASCII(2))
  }

  private init?(scheme: String, afterSlashes rest: Substring) {
    let authorityEnd =
      rest.utf8.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }) ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    if let at = authority.lastIndex(ofASCII: "@") {
      authority = authority[authority.index(afterASCII: at)...]
    }
    var host = authority
    var port: Int? = nil
    if let portColon = authority.lastIndex(ofASCII: ":"), authority.utf8.last != 0x5D {
      let digits = authority[authority.index(afterASCII: portColon)...]
      host = authority[..<portColon]
      if !digits.isEmpty {
        guard let p = Int(digits), p > 0, p < 65536 else { return nil }
        port = p
      }
    }
    var hostBytes = Array(host.lowercased().utf8)
    while hostBytes.last == 0x2E { hostBytes.removeLast() }  // "example.go.th." is the same host
    guard !hostBytes.isEmpty, !hostBytes.contains(0x20) else { return nil }
    // A colon left in the host ("a:b:") would be read as a port when the URL is parsed again.
    if hostBytes.contains(0x3A) && !(hostBytes.first == 0x5B && hostBytes.last == 0x5D) {
      return nil
    }
    let hostString = String(decoding: hostBytes, as: UTF8.self)
    if (scheme == "http" && port == 80) || (scheme == "https" && port == 443) { port = nil }
    var remainder = rest[authorityEnd...]
    if let hash = remainder.firstIndex(ofASCII: "#") { remainder = remainder[..<hash] }
    var pathPart = remainder
    var queryPart: Substring? = nil
    if let q = remainder.firstIndex(ofASCII: "?") {
      pathPart = remainder[..<q]
      queryPart = remainder[remainder.index(afterASCII: q)...]
    }
    self.scheme = scheme
    self.host = hostString
    self.port = port
    let encodedPath = WebURL.canonicalEncode(String(pathPart), isQuery: false)
    self.path = WebURL.removeDotSegments(encodedPath.isEmpty ? "/" : encodedPath)
    self.query = queryPart.map { WebURL.canonicalEncode(String($0), isQuery: true) }
    description = WebURL.serialize(self.scheme, self.host, self.port, self.path, self.query)
  }

  private init(scheme: String, host: String, port: Int?, path: String, query: String?) {
    self.scheme = scheme
    self.host = host
    self.port = port
    self.path = path
    self.query = query
    description = WebURL.serialize(scheme, host, port, path, query)
  }

  /// Resolves a link found on this page. Nil for javascript:, mailto:, tel:, data: and any other
  /// non-http scheme, and for references that cannot be parsed.
  public func resolve(_ reference: String) -> WebURL? {
    let ref = Substring(WebURL.trimmed(reference))
    if ref.isEmpty { return self }
    // Most links on a page are plain absolute paths ("/news/12.html") that the general steps
    // below would leave as they are: take them as the path at once.
    if WebURL.isPlainAbsolutePath(String(ref)) {
      return WebURL(scheme: scheme, host: host, port: port, path: String(ref), query: nil)
    }
    if WebURL.hasScheme(String(ref)) { return WebURL(string: String(ref)) }
    if ref.utf8.starts(with: "//".utf8) {
      return WebURL(scheme: scheme, afterSlashes: ref.droppingASCII(2))
    }
    var r = ref
    if let hash = r.firstIndex(ofASCII: "#") { r = r[..<hash] }
    if r.isEmpty { return self }
    var refPath = r
    var refQuery: Substring? = nil
    if let q = r.firstIndex(ofASCII: "?") {
      refPath = r[..<q]
      refQuery = r[r.index(afterASCII: q)...]
    }
    let newQuery = refQuery.map { WebURL.canonicalEncode(String($0), isQuery: true) }
    if refPath.isEmpty {
      return WebURL(scheme: scheme, host: host, port: port, path: path, query: newQuery)
    }
    let encoded = WebURL.canonicalEncode(String(refPath), isQuery: false)
    let merged: String
    if encoded.hasPrefix("/") {
      merged = encoded
    } else {
      let base = path[...(path.lastIndex(of: "/") ?? path.startIndex)]
      merged = String(base) + encoded
    }
    return WebURL(
      scheme: scheme, host: host, port: port, path: WebURL.removeDotSegments(merged),
      query: newQuery)
  }

  private static func serialize(
    _ scheme: String, _ host: String, _ port: Int?, _ path: String, _ query: String?
  ) -> String {
    var s = scheme + "://" + host
    if let port { s += ":\(port)" }
    s += path
    if let query { s += "?" + query }
    return s
  }

  // The serialized form decides equality: it is built from the parts, one to one.
  public static func == (a: WebURL, b: WebURL) -> Bool { a.description == b.description }
  public func hash(into hasher: inout Hasher) { hasher.combine(description) }

  /// The host without a leading `www.`: `www.x.go.th` and `x.go.th` are one site.
  public var siteHost: String { host.hasPrefix("www.") ? String(host.dropFirst(4)) : host }

  /// The last path segment, percent-decoded (`สขร-ต.ค.68.pdf`); empty for a directory.
  public var fileName: String {
    let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    return WebURL.percentDecoded(String(last))
  }

  /// The lower-cased extension of the last segment, without the dot.
  public var fileExtension: String {
    // Bytes, not Characters: the loop asks this of every link (a path is ASCII, see init).
    let bytes = path.utf8
    var end = bytes.endIndex
    while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") {
      end = bytes.index(before: end)
    }
    var i = end
    while i > bytes.startIndex {
      let previous = bytes.index(before: i)
      let b = bytes[previous]
      if b == UInt8(ascii: "/") { return "" }
      if b == UInt8(ascii: ".") { return String(path[i..<end]).lowercased() }
      i = previous
    }
    return ""
  }

  /// True for "/x/y.html": starts with one "/", has no "?", "#", "%", "\\" or dot segment,
  /// and only bytes that `canonicalEncode` keeps, so resolving it gives the reference itself.
  static func isPlainAbsolutePath(_ ref: String) -> Bool {
    var previous: UInt8 = 0
    var count = 0
    for b in ref.utf8 {
      if count == 0 && b != UInt8(ascii: "/") { return false }
      if count == 1 && b == UInt8(ascii: "/") { return false }  // "//host/x"
      if previous == UInt8(ascii: "/") && b == UInt8(ascii: ".") { return false }
      switch b {
      case 0...0x20, 0x7F...0xFF, 0x22, 0x23, 0x25, 0x3C, 0x3E, 0x3F, 0x5C, 0x5E, 0x60, 0x7B,
        0x7C, 0x7D:
        return false
      default: break
      }
      previous = b
      count += 1
    }
    return count > 0
  }

  /// True when a reference starts with a scheme: an ASCII letter, then letters, digits, `+`,
  /// `-` or `.`, then `:` (RFC 3986 §3.1).
  static func hasScheme(_ ref: String) -> Bool {
    var first = true
    for b in ref.utf8 {
      if b == UInt8(ascii: ":") { return !first }
      let isLetter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
      let isOther = (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+")
        || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
      if !(isLetter || (!first && isOther)) { return false }
      first = false
    }
    return false
  }

  /// Browsers drop surrounding whitespace and embedded tabs and newlines from hrefs.
  static func trimmed(_ s: String) -> String {
    // Fast path: most hrefs need nothing (Foundation's trimming is costly per link).
    let bytes = s.utf8
    if let first = bytes.first, let last = bytes.last, first > 0x20, last > 0x20, first < 0x80,
      last < 0x80, !bytes.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
    {
      return s
    }
    var out = s.trimmingCharacters(in: .whitespacesAndNewlinesAndNBSP)
    // By scalar: "\r\n" is one Character, equal to none of the three.
    out.unicodeScalars.removeAll(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" })
    return out
  }

  static func isUnreserved(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
      || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
  }

  static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: b - 0x30
    case 0x41...0x46: b - 0x41 + 10
    case 0x61...0x66: b - 0x61 + 10
    default: nil
    }
  }

  /// One canonical percent-encoding of a path or query.
  public static func canonicalEncode(_ s: String, isQuery: Bool) -> String {
    let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    let bytes = Array(s.utf8)
    out.reserveCapacity(bytes.count + 8)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x25, i + 2 < bytes.count, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) {
        let v = h << 4 | l
        if isUnreserved(v) {
          out.append(v)
        } else {
          out.append(contentsOf: [0x25, hex[Int(v >> 4)], hex[Int(v & 15)]])
        }
        i += 3
        continue
      }
      if b == 0x5C && !isQuery {
        out.append(0x2F)  // a backslash in a path is a slash to browsers
      } else if b <= 0x20 || b >= 0x7F || b == 0x22 || b == 0x3C || b == 0x3E || b == 0x60
        || b == 0x7B || b == 0x7D || b == 0x7C || b == 0x5E || b == 0x25 || (b == 0x5C && isQuery)
      {
        out.append(contentsOf: [0x25, hex[Int(b >> 4)], hex[Int(b & 15)]])
      } else {
        out.append(b)
      }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// RFC 3986 §5.2.4.
  static func removeDotSegments(_ path: String) -> String {
    // Only "." and ".." segments need work; a byte scan, since String.contains(String) goes
    // through Foundation's search.
    var previous: UInt8 = 0
    var hasDotSegment = false
    for b in path.utf8 {
      if previous == UInt8(ascii: "/") && b == UInt8(ascii: ".") {
        hasDotSegment = true
        break
      }
      previous = b
    }
    guard hasDotSegment else { return path }
    var output: [Substring] = []
    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
    for (index, segment) in segments.enumerated() {
      let isLast = index == segments.count - 1
      if segment == "." {
        if isLast { output.append("") }
      } else if segment == ".." {
        if output.count > 1 { output.removeLast() }
        if isLast { output.append("") }
      } else {
        output.append(segment)
      }
    }
    let joined = output.joined(separator: "/")
    return joined.hasPrefix("/") ? joined : "/" + joined
  }

  /// Percent-decodes, repairing invalid UTF-8 rather than failing.
  public static func percentDecoded(_ s: String) -> String {
    guard s.contains("%") else { return s }
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x25, i + 2 < bytes.count, let h = hexValue(bytes[i + 1]),
        let l = hexValue(bytes[i + 2])
      {
        out.append(h << 4 | l)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// URLs are split on ASCII bytes, not Characters: a combining mark right after "?", "/" or "#"
/// ("?\u{0E49}") joins it into one Character that `firstIndex(of: "?")` does not find, and a
/// link's query then became part of its path (found by `make fuzz`).
extension Substring {
  func firstIndex(ofASCII c: Unicode.Scalar) -> Index? { utf8.firstIndex(of: UInt8(ascii: c)) }
  func lastIndex(ofASCII c: Unicode.Scalar) -> Index? { utf8.lastIndex(of: UInt8(ascii: c)) }
  /// The index after an ASCII character found by the two functions above.
  func index(afterASCII i: Index) -> Index { utf8.index(after: i) }
  func droppingASCII(_ count: Int) -> Substring { self[utf8.index(startIndex, offsetBy: count)...] }
}

extension CharacterSet {
  static let whitespacesAndNewlinesAndNBSP: CharacterSet = {
    var set = CharacterSet.whitespacesAndNewlines
    set.insert(charactersIn: "\u{00A0}\u{200B}\u{FEFF}")
    return set
  }()
}
