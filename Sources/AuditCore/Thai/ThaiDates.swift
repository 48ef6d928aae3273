import Foundation

/// Dates, periods and years read from Thai and English text (OIT-REFERENCE §3 and §8).
///
/// `find` runs on the visible text of every crawled page, so it lexes the text once
/// (`DateLexer`), then reads tokens left to right, longest reading first; no regular
/// expressions. Pure functions, safe from any thread.
public enum ThaiDates {
  /// All date mentions in a text, in order of appearance and non-overlapping.
  ///
  /// A range is preferred over its two ends and a full date over its month. A 4-digit year
  /// ≥ 2400 is BE and 1900–2200 is CE; a 2-digit year (60–99 → 2560–2599) counts only after a
  /// Thai month or after ปี, ปีงบ, งบปี, พ.ศ. or ITA. Impossible dates give nothing, academic
  /// years are skipped, and document numbers ("คำสั่งที่ 123/2568") give a `.year` at most.
  public static func find(in text: String) -> [DateMention] {
    // Every form holds a digit: text without one (most menu and link texts) costs one scan.
    guard containsDigit(text) else { return [] }
    let scalars = Array(text.unicodeScalars)
    var parser = DateParser(scalars: scalars, tokens: DateLexer(scalars).tokens())
    return parser.run()
  }

  /// `find(in:)` for UTF-8 bytes, with no String in between: the crawl reads the text of every
  /// page this way. Invalid bytes read as U+FFFD, as in a String made from them.
  public static func find(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [DateMention] {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(bytes.count)
    var digit = false
    var input = bytes.makeIterator()
    var decoder = Unicode.UTF8()
    decoding: while true {
      switch decoder.decode(&input) {
      case .scalarValue(let scalar):
        if !digit, ThaiText.digitValue(scalar.value) != nil { digit = true }
        scalars.append(scalar)
      case .emptyInput: break decoding
      case .error: scalars.append(Unicode.Scalar(0xFFFD)!)
      }
    }
    guard digit else { return [] }
    var parser = DateParser(scalars: scalars, tokens: DateLexer(scalars).tokens())
    return parser.run()
  }

  /// True when the text holds an ASCII digit or a Thai one (UTF-8 E0 B9 90…99).
  private static func containsDigit(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for b in text.utf8 {
      if b >= 0x30 && b <= 0x39 { return true }
      if previous == 0xB9 && b >= 0x90 && b <= 0x99 { return true }
      previous = b
    }
    return false
  }

  /// A BE year hinted at by a file or URL name ("แผน68.pdf", "ita68.php", "RL_2568.xlsx",
  /// "report-2025.pdf" → 2568): a weak signal, nil when no number is plausible.
  ///
  /// Only the last path segment counts (no query). Four digits count when 2540–2600 (BE) or
  /// 1997–2057 (CE); two digits when 60–99. A four-digit year wins over a two-digit one; among
  /// equals the first.
  public static func yearHint(inFileName name: String) -> Int? {
    var segment = Substring(name)
    if let cut = segment.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      segment = segment[..<cut]
    }
    while segment.hasSuffix("/") { segment = segment.dropLast() }
    if let slash = segment.lastIndex(of: "/") { segment = segment[segment.index(after: slash)...] }
    var text = String(segment)
    if text.contains("%"), let decoded = text.removingPercentEncoding { text = decoded }
    var shortYear: Int?
    var value = 0
    var digits = 0
    for c in text.unicodeScalars + [" "] {
      if let d = ThaiText.digitValue(c.value) {
        if digits < 9 { value = value * 10 + d }
        digits += 1
        continue
      }
      if digits == 4 {
        if (2540...2600).contains(value) { return value }
        if (1997...2057).contains(value) { return value + 543 }
      } else if digits == 2, shortYear == nil, (60...99).contains(value) {
        shortYear = 2500 + value
      }
      value = 0
      digits = 0
    }
    return shortYear
  }
}
