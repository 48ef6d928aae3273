/// Turns page bytes into UTF-8, deciding the charset the way browsers do: BOM, then the HTTP
/// header, then `<meta>`, then a guess. Thai single-byte pages (TIS-620, windows-874) are decoded
/// with our own table so that no byte sequence can stop the parse; invalid bytes become U+FFFD.
public enum Charset {
  /// The decoded bytes (valid UTF-8) and the name of the charset used.
  public static func decode(_ body: [UInt8], contentType: String?) -> (utf8: [UInt8], charset: String) {
    if body.starts(with: [0xEF, 0xBB, 0xBF]) {
      return (repairUTF8(Array(body.dropFirst(3))), "utf-8")
    }
    if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
      return (decodeUTF16(body), "utf-16")
    }
    let declared = label(fromContentType: contentType) ?? label(fromMeta: body)
    let family = declared.map(classify) ?? .unknown
    switch family {
    case .thai:
      return (decodeWindows874(body), declared ?? "windows-874")
    case .utf8:
      if isValidUTF8(body) { return (body, "utf-8") }
      // Sites often label TIS-620 pages as UTF-8; Thai single-byte text is easy to recognise.
      return looksThaiSingleByte(body)
        ? (decodeWindows874(body), "windows-874") : (repairUTF8(body), "utf-8")
    case .latin1:
      // "iso-8859-1" on a Thai government page almost always means TIS-620 bytes.
      if isValidUTF8(body) { return (body, "utf-8") }
      return looksThaiSingleByte(body)
        ? (decodeWindows874(body), "windows-874") : (decodeLatin1(body), declared ?? "iso-8859-1")
    case .unknown:
      if isValidUTF8(body) { return (body, "utf-8") }
      return (decodeWindows874(body), "windows-874")
    }
  }

  enum Family { case utf8, thai, latin1, unknown }

  static func classify(_ label: String) -> Family {
    switch label {
    case "utf-8", "utf8", "unicode-1-1-utf-8": .utf8
    case "tis-620", "tis620", "windows-874", "cp874", "x-windows-874", "iso-8859-11", "dos-874",
      "iso8859-11", "tis-620-2533":
      .thai
    case "iso-8859-1", "latin1", "windows-1252", "us-ascii", "ascii", "iso8859-1", "cp1252": .latin1
    default: .unknown
    }
  }

  static func label(fromContentType header: String?) -> String? {
    guard let header else { return nil }
    return charsetParameter(Array(header.utf8)[...])
  }

  /// Finds `charset=` in the first 4 KB, as in `<meta charset="…">` or the http-equiv form.
  static func label(fromMeta body: [UInt8]) -> String? {
    let head = body.prefix(4096)
    let needle: [UInt8] = Array("charset".utf8)
    var i = head.startIndex
    while i + needle.count < head.endIndex {
      var match = true
      for (k, n) in needle.enumerated() where lower(head[i + k]) != n {
        match = false
        break
      }
      if match, let value = charsetParameter(head[i...]) { return value }
      i += 1
    }
    return nil
  }

  private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

  /// Reads the value after `charset` `=` in a slice that starts at or before the word.
  private static func charsetParameter(_ bytes: ArraySlice<UInt8>) -> String? {
    let lowered = bytes.prefix(200).map(lower)
    guard let start = find(Array("charset".utf8), in: lowered) else { return nil }
    var i = start + 7
    while i < lowered.count, lowered[i] == 0x20 { i += 1 }
    guard i < lowered.count, lowered[i] == 0x3D else { return nil }
    i += 1
    while i < lowered.count, lowered[i] == 0x20 || lowered[i] == 0x22 || lowered[i] == 0x27 {
      i += 1
    }
    var value: [UInt8] = []
    while i < lowered.count {
      let b = lowered[i]
      let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
        || b == 0x3A || b == 0x2E
      if !ok { break }
      value.append(b)
      i += 1
    }
    return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
  }

  private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
    guard hay.count >= needle.count else { return nil }
    for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
      if Array(hay[i..<i + needle.count]) == needle { return i }
    }
    return nil
  }

  public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    // Validated in place, in bulk: building a String to validate copied every page once more.
    (try? UTF8Span(validating: bytes.span)) != nil
  }

  static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
    Array(String(decoding: bytes, as: UTF8.self).utf8)
  }

  /// Most bytes above 0x7F fall in the Thai block of TIS-620 (0xA1–0xFB).
  static func looksThaiSingleByte(_ bytes: [UInt8]) -> Bool {
    var high = 0
    var thai = 0
    for b in bytes where b >= 0x80 {
      high += 1
      if b >= 0xA1 && b <= 0xFB { thai += 1 }
    }
    return high > 0 && thai * 10 >= high * 9
  }

  /// windows-874 is TIS-620 plus a few punctuation marks in 0x80–0x9F.
  static func decodeWindows874(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      let scalar: UInt32
      switch b {
      case 0x00...0x7F: scalar = UInt32(b)
      case 0x80: scalar = 0x20AC
      case 0x85: scalar = 0x2026
      case 0x91: scalar = 0x2018
      case 0x92: scalar = 0x2019
      case 0x93: scalar = 0x201C
      case 0x94: scalar = 0x201D
      case 0x95: scalar = 0x2022
      case 0x96: scalar = 0x2013
      case 0x97: scalar = 0x2014
      case 0xA0: scalar = 0x00A0
      case 0xA1...0xDA, 0xDF...0xFB: scalar = 0x0E00 + UInt32(b - 0xA0)
      default: scalar = 0xFFFD
      }
      appendUTF8(scalar, to: &out)
    }
    return out
  }

  static func decodeLatin1(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { appendUTF8(UInt32(b), to: &out) }
    return out
  }

  static func decodeUTF16(_ bytes: [UInt8]) -> [UInt8] {
    let bigEndian = bytes.starts(with: [0xFE, 0xFF])
    var units: [UInt16] = []
    var i = 2
    while i + 1 < bytes.count {
      units.append(
        bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
          : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
      i += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80: out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }
}
