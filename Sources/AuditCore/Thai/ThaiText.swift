import Foundation

/// Normalisation of Thai web text: matching keys, display cleanup and OIT item codes.
///
/// Everything here is a pure function of its input and safe from any thread. `matchKey` and
/// `clean` run on every text of every crawled page, so each is a single pass over the Unicode
/// scalars with a fast path that skips Foundation for plain Thai and ASCII text.
public enum ThaiText {
  /// The matching key of a text (OIT-REFERENCE §7.3): compare keys by substring, never raw text.
  ///
  /// Steps: NFC; zero-width characters, soft hyphens, bidi marks and control characters dropped;
  /// Thai digits to ASCII; เเ → แ; ํา → ำ; ฏ → ฎ; every dash to `-`; curly quotes to ASCII; all
  /// whitespace removed; Latin lower-cased; a run of one punctuation mark kept once (`พ.ศ..` →
  /// `พ.ศ.`); a `-` between two Latin letters dropped, so E-Service, E–Service and eService share
  /// one key; then the misspellings of §7.3 folded. Idempotent: `matchKey(matchKey(x))` equals
  /// `matchKey(x)`.
  public static func matchKey(_ s: String) -> String {
    if let key = KeyBuilder.key(of: s, slowPath: false) { return key }
    // Rare text (combining Latin accents, compatibility singletons): normalise with Foundation,
    // and repeat until stable, because dropping a zero-width mark can bring a base letter and
    // an accent together that NFC then composes.
    var key = KeyBuilder.key(of: s.precomposedStringWithCanonicalMapping, slowPath: true) ?? ""
    for _ in 0..<3 {
      let composed = key.precomposedStringWithCanonicalMapping
      if composed.unicodeScalars.elementsEqual(key.unicodeScalars) { break }
      key = KeyBuilder.key(of: composed, slowPath: true) ?? ""
    }
    return key
  }

  /// Text for display: NFC, no control characters, ANSI escape sequences or zero-width
  /// characters, whitespace runs collapsed to one space, trimmed.
  ///
  /// Tabs and line breaks are whitespace, so they become a space rather than gluing two words.
  public static func clean(_ s: String) -> String {
    let source = isNFCStable(s) ? s : s.precomposedStringWithCanonicalMapping
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(source.utf8.count)
    var pendingSpace = false
    var escape = EscapeState.none
    for c in source.unicodeScalars {
      let v = c.value
      switch escape {
      case .none: break
      case .afterEscape:
        // ESC [ starts CSI, ESC ] starts OSC; any other byte ends a two-byte sequence.
        escape = v == 0x5B ? .csi : (v == 0x5D ? .osc : .none)
        continue
      case .csi:
        // Parameters and intermediates are 0x20–0x3F; a byte in 0x40–0x7E ends the sequence.
        if (0x40...0x7E).contains(v) || v > 0x7F { escape = .none }
        continue
      case .osc:
        if v == 0x07 { escape = .none } else if v == 0x1B { escape = .afterEscape }
        continue
      }
      if v == 0x1B {
        escape = .afterEscape
        continue
      }
      if v == 0x9B {
        escape = .csi
        continue
      }
      if isWhitespace(v) {
        pendingSpace = !out.isEmpty
        continue
      }
      if isControl(v) || isInvisibleFormat(v) { continue }
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      appendReordered(c, to: &out)
    }
    return string(from: out)
  }

  /// Thai digits ๐–๙ replaced by 0–9; nothing else changes.
  public static func arabicDigits(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { isThaiDigit($0.value) }) else { return s }
    var view = String.UnicodeScalarView()
    for c in s.unicodeScalars {
      if isThaiDigit(c.value), let d = Unicode.Scalar(c.value - 0x0E50 + 0x30) {
        view.append(d)
      } else {
        view.append(c)
      }
    }
    return String(view)
  }

  // MARK: - Character classes shared by the Thai parsers

  static func isThaiDigit(_ v: UInt32) -> Bool { v >= 0x0E50 && v <= 0x0E59 }

  static func isASCIIDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

  /// An ASCII or Thai digit's value, or nil.
  static func digitValue(_ v: UInt32) -> Int? {
    if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
    if v >= 0x0E50 && v <= 0x0E59 { return Int(v - 0x0E50) }
    return nil
  }

  static func isLatinLetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }

  /// A Thai consonant, vowel or mark: a scalar that continues a Thai word.
  static func isThaiLetterOrMark(_ v: UInt32) -> Bool {
    (v >= 0x0E01 && v <= 0x0E3A) || (v >= 0x0E40 && v <= 0x0E4E)
  }

  /// เ แ โ ใ ไ: written before the consonant they follow in speech.
  static func isThaiLeadingVowel(_ v: UInt32) -> Bool { v >= 0x0E40 && v <= 0x0E44 }

  static func isWhitespace(_ v: UInt32) -> Bool {
    switch v {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
      0x3000:
      return true
    default: return false
    }
  }

  static func isControl(_ v: UInt32) -> Bool { v < 0x20 || (v >= 0x7F && v <= 0x9F) }

  /// Invisible format characters: zero-width space/joiners, word joiner, BOM, soft hyphen and
  /// bidi controls. They split words in keys without being seen, so both keys and display drop
  /// them.
  static func isInvisibleFormat(_ v: UInt32) -> Bool {
    switch v {
    case 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
      return true
    default: return false
    }
  }

  static func isDash(_ v: UInt32) -> Bool {
    switch v {
    case 0x2D, 0x2010...0x2015, 0x2043, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D: return true
    default: return false
    }
  }

  /// True when NFC cannot change the text except by reordering Thai marks, which the builders
  /// do themselves: ASCII, Latin-1, Thai and general punctuation have no canonical compositions.
  /// Other text takes Foundation's slower path (and its Latin letters get full lower-casing).
  static func isNFCStable(_ s: String) -> Bool {
    s.unicodeScalars.allSatisfy { isNFCStable($0.value) }
  }

  @inline(__always)
  static func isNFCStable(_ v: UInt32) -> Bool {
    v < 0x100 || (v >= 0x0E00 && v <= 0x0E7F) || (v >= 0x2002 && v <= 0x206F) || v == 0xFEFF
      || v == 0x3000 || (v >= 0xFF01 && v <= 0xFF5E)
  }

  /// The canonical combining class of the marks this fast path can meet (Thai and, in the slow
  /// path, any script): needed to put marks typed in either order into NFC order.
  static func combiningClass(_ c: Unicode.Scalar) -> UInt8 {
    let v = c.value
    if v < 0x300 { return 0 }
    if v >= 0x0E00 && v <= 0x0E7F {
      switch v {
      case 0x0E38, 0x0E39: return 103
      case 0x0E3A: return 9
      case 0x0E48...0x0E4B: return 107
      default: return 0
      }
    }
    return c.properties.canonicalCombiningClass.rawValue
  }

  /// Appends a scalar, moving a combining mark before earlier marks of a higher class (the
  /// canonical ordering of NFC): Thai typists enter tone marks and lower vowels in either order.
  @inline(__always)
  static func appendReordered(_ c: Unicode.Scalar, to out: inout [Unicode.Scalar]) {
    let v = c.value
    // Almost every scalar is a base letter: only Thai marks and scripts past U+0300 can reorder.
    if v < 0x300 || (v >= 0x0E00 && v <= 0x0E37) || (v >= 0x0E3B && v <= 0x0E47)
      || (v >= 0x0E4C && v <= 0x0E7F)
    {
      out.append(c)
      return
    }
    let cc = combiningClass(c)
    guard cc != 0 else {
      out.append(c)
      return
    }
    var i = out.count
    while i > 0 {
      let prev = combiningClass(out[i - 1])
      if prev == 0 || prev <= cc { break }
      i -= 1
    }
    out.insert(c, at: i)
  }

  static func string(from scalars: [Unicode.Scalar]) -> String {
    String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
      var n = 0
      for c in scalars {
        let v = c.value
        if v < 0x80 {
          buffer[n] = UInt8(v)
          n += 1
        } else if v < 0x800 {
          buffer[n] = UInt8(0xC0 | (v >> 6))
          buffer[n + 1] = UInt8(0x80 | (v & 0x3F))
          n += 2
        } else if v < 0x10000 {
          buffer[n] = UInt8(0xE0 | (v >> 12))
          buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
          buffer[n + 2] = UInt8(0x80 | (v & 0x3F))
          n += 3
        } else {
          buffer[n] = UInt8(0xF0 | (v >> 18))
          buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
          buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
          buffer[n + 3] = UInt8(0x80 | (v & 0x3F))
          n += 4
        }
      }
      return n
    }
  }

  private enum EscapeState { case none, afterEscape, csi, osc }
}

// MARK: - Matching keys

/// Builds matching keys in one pass; see `ThaiText.matchKey` for the steps.
enum KeyBuilder {
  /// The key of `s`; nil on the fast path (`slowPath` false) when `s` holds a scalar that NFC
  /// might compose, so the caller normalises first. One pass either way.
  static func key(of s: String, slowPath: Bool) -> String? {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      if !slowPath && !ThaiText.isNFCStable(c.value) { return nil }
      push(c, into: &out, slowLowercase: slowPath)
    }
    // A fix can complete another misspelling ("โปรงใส่" + "่" → "โปร่งใส่"): fold until stable.
    for _ in 0..<4 {
      guard let folded = foldMisspellings(out) else { break }
      out = folded
    }
    return ThaiText.string(from: out)
  }

  private static func push(
    _ c: Unicode.Scalar, into out: inout [Unicode.Scalar], slowLowercase: Bool
  ) {
    var v = c.value
    if ThaiText.isWhitespace(v) || ThaiText.isControl(v) || ThaiText.isInvisibleFormat(v) {
      return
    }
    if v >= 0xFF01 && v <= 0xFF5E { v = v - 0xFF01 + 0x21 }  // fullwidth ASCII
    // Fold look-alikes to one ASCII or Thai form before the case and punctuation rules.
    switch v {
    case 0x0E50...0x0E59: v = v - 0x0E50 + 0x30
    case 0x0E0F: v = 0x0E0E  // ฏ → ฎ (กฏหมาย → กฎหมาย)
    case 0x2018, 0x2019, 0x201B, 0x2032: v = 0x27
    case 0x201C, 0x201D, 0x201E, 0x2033: v = 0x22
    case 0x2026: v = 0x2E  // … reads as repeated dots, which collapse to one
    case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: v += 0x20
    default: if ThaiText.isDash(v) { v = 0x2D }
    }
    if slowLowercase, v > 0xFF, !(0x0E00...0x0E7F).contains(v), let s = Unicode.Scalar(v),
      s.properties.changesWhenLowercased
    {
      for l in s.properties.lowercaseMapping.unicodeScalars {
        push(l, into: &out, slowLowercase: false)
      }
      return
    }
    let last = out.last?.value
    switch v {
    case 0x0E40 where last == 0x0E40:
      out[out.count - 1] = "\u{0E41}"  // เเ typed for แ
      return
    case 0x0E32 where last == 0x0E4D:
      out[out.count - 1] = "\u{0E33}"  // ํ + า typed for ำ
      return
    case 0x61...0x7A:
      // "e-service" and "eservice" must share a key: a dash between Latin letters goes.
      if last == 0x2D, out.count >= 2, ThaiText.isLatinLetter(out[out.count - 2].value) {
        out.removeLast()
      }
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
      if last == v { return }  // "พ.ศ..", "--", "!!": repeated punctuation counts once
    default: break
    }
    guard let s = Unicode.Scalar(v) else { return }
    ThaiText.appendReordered(s, to: &out)
  }

  /// Misspellings seen on agency sites (OIT-REFERENCE §7.3), as keys: wrong → right. Rules that
  /// the character folds already cover (กฏหมาย, เเละ, พ.ศ..) are not repeated here. Each right
  /// form must not contain a wrong one, or keys would stop being idempotent.
  private static let misspellings: [(wrong: [Unicode.Scalar], right: [Unicode.Scalar])] = [
    ("มาตราฐาน", "มาตรฐาน"), ("มาตราการ", "มาตรการ"),
    ("โปร่งใส่", "โปร่งใส"), ("โปรงใส่", "โปร่งใส"), ("โปรงใส", "โปร่งใส"), ("โปร่งใน", "โปร่งใส"),
    ("ทรัพยากรบุคลากร", "ทรัพยากรบุคลากร"),  // บุคลากร is a word: this row shields it
    ("ทรัพยากรบุคล", "ทรัพยากรบุคคล"),
    ("ยุธศาสตร์", "ยุทธศาสตร์"),
    ("แผนพัฒนนา", "แผนพัฒนา"),
    ("ประมวลผลจริยธรรม", "ประมวลจริยธรรม"),
    ("ผู้ขนะ", "ผู้ชนะ"),
    ("จัดชื้อ", "จัดซื้อ"),
    ("เจตนารมย์", "เจตนารมณ์"),
    ("อนุญาติ", "อนุญาต"),
    ("stratigy", "strategy"), ("intergrity", "integrity"), ("tranparency", "transparency"),
  ].map { (Array($0.0.unicodeScalars), Array($0.1.unicodeScalars)) }

  /// For each scalar that starts a misspelling (ASCII at 0–127, Thai at 128–255), the indices of
  /// the rows it starts, so the scan costs one array read per scalar.
  private static let rowsByFirst: [[Int]] = {
    var table = [[Int]](repeating: [], count: 256)
    for (i, row) in misspellings.enumerated() {
      if let slot = slot(row.wrong[0].value) { table[slot].append(i) }
    }
    return table
  }()

  private static func slot(_ v: UInt32) -> Int? {
    if v < 0x80 { return Int(v) }
    if v >= 0x0E00 && v <= 0x0E7F { return Int(v - 0x0E00) + 0x80 }
    return nil
  }

  /// 1 where `rowsByFirst` has rows: a flat table keeps the common case to one byte read.
  private static let startsRow: [UInt8] = rowsByFirst.map { $0.isEmpty ? 0 : 1 }

  /// The text with each misspelling replaced, or nil when there was none.
  private static func foldMisspellings(_ s: [Unicode.Scalar]) -> [Unicode.Scalar]? {
    let startsRow = Self.startsRow
    var out: [Unicode.Scalar] = []
    var copied = 0  // s[..<copied] is already in out
    var i = 0
    scan: while i < s.count {
      guard let slot = slot(s[i].value), startsRow[slot] != 0 else {
        i += 1
        continue
      }
      for r in rowsByFirst[slot] {
        let wrong = misspellings[r].wrong
        guard i + wrong.count <= s.count, s[i..<(i + wrong.count)].elementsEqual(wrong) else {
          continue
        }
        // Text that already reads as the right form starting here is left alone.
        let right = misspellings[r].right
        if right == wrong
          || (right.count > wrong.count && i + right.count <= s.count
            && s[i..<(i + right.count)].elementsEqual(right))
        {
          i += right.count
          continue scan
        }
        if out.isEmpty { out.reserveCapacity(s.count + 8) }
        out.append(contentsOf: s[copied..<i])
        out.append(contentsOf: right)
        i += wrong.count
        copied = i
        continue scan
      }
      i += 1
    }
    if copied == 0 { return nil }
    out.append(contentsOf: s[copied...])
    return out
  }
}

// MARK: - Item codes

extension ThaiText {
  /// One item-code token normalised (OIT-REFERENCE §7.4): "O1", "o01", "(O1)", "O1 :", "OIT 3",
  /// "OIT-01", "ข้อ o1", "ข้อ 1" and "014" (zero typed for O) give "O1" … "O14"; anything else
  /// (MOIT 1, EB1, 4.2, a plain number) gives nil.
  public static func normalizeCode(_ s: String) -> String? {
    var v = codeScalars(s)
    // Brackets around the code and a trailing "." or ":" are how tables write it, not part of it.
    while let f = v.first, isWhitespace(f) || "([{".unicodeScalars.contains(scalar(f)) {
      v.removeFirst()
    }
    while let l = v.last, isWhitespace(l) || ")]}.:;,".unicodeScalars.contains(scalar(l)) {
      v.removeLast()
    }
    guard !v.isEmpty else { return nil }
    let code: (number: Int, end: Int)?
    if let afterKho = skipKho(v, 0) {
      code = readOForm(v, afterKho) ?? readCodeNumber(v, afterKho)
    } else if v[0] == 0x30 {
      code = readLeadingZeroForm(v, 0)
    } else {
      code = readOForm(v, 0)
    }
    guard let code, code.end == v.count else { return nil }
    return "O\(code.number)"
  }

  /// The item codes of a table row or heading, normalised and in order, without repeats.
  ///
  /// "O" and "OIT" forms count anywhere as a token of their own (not inside "MOIT 1", nor in
  /// "OIT2568", which is a year). The forms that are easy to confuse with other numbers count
  /// only at the very start: "ข้อ 1" / "ข้อ o1" and the zero-for-O form "014".
  public static func itemCodes(in s: String) -> [String] {
    let v = codeScalars(s)
    var found: [String] = []
    func add(_ n: Int) {
      let code = "O\(n)"
      if !found.contains(code) { found.append(code) }
    }
    var i = 0
    // Leading whitespace, brackets and bullets before a row's first token.
    while i < v.count, isWhitespace(v[i]) || "([{\"'“*•·▪►-".unicodeScalars.contains(scalar(v[i])) {
      i += 1
    }
    var scanFrom = i
    if let afterKho = skipKho(v, i) {
      if let code = readOForm(v, afterKho) ?? readCodeNumber(v, afterKho),
        endsToken(v, code.end)
      {
        add(code.number)
        scanFrom = code.end
      }
    } else if i < v.count, v[i] == 0x30, let code = readLeadingZeroForm(v, i),
      endsToken(v, code.end)
    {
      add(code.number)
      scanFrom = code.end
    }
    var j = scanFrom
    while j < v.count {
      if v[j] | 0x20 == 0x6F, j == 0 || !isCodeWordScalar(v[j - 1]),
        let code = readOForm(v, j), endsToken(v, code.end)
      {
        add(code.number)
        j = code.end
      } else {
        j += 1
      }
    }
    return found
  }

  /// Scalar values with Thai digits read as ASCII and every dash as "-".
  private static func codeScalars(_ s: String) -> [UInt32] {
    s.unicodeScalars.map { c in
      let v = c.value
      if isThaiDigit(v) { return v - 0x0E50 + 0x30 }
      return isDash(v) ? 0x2D : v
    }
  }

  private static func scalar(_ v: UInt32) -> Unicode.Scalar { Unicode.Scalar(v) ?? "\u{FFFD}" }

  /// A Latin letter or digit: a code glued to one is part of another word ("MOIT1", "2O1").
  private static func isCodeWordScalar(_ v: UInt32) -> Bool { isLatinLetter(v) || isASCIIDigit(v) }

  /// The index after "ข้อ" and any spaces, when the text at `i` starts with it.
  private static func skipKho(_ v: [UInt32], _ i: Int) -> Int? {
    guard i + 3 <= v.count, v[i] == 0x0E02, v[i + 1] == 0x0E49, v[i + 2] == 0x0E2D else {
      return nil
    }
    var j = i + 3
    while j < v.count, isWhitespace(v[j]) { j += 1 }
    return j
  }

  /// "O12", "o01", "OIT1", "OIT 3", "OIT-01", "OIT_2" at `i`.
  private static func readOForm(_ v: [UInt32], _ i: Int) -> (number: Int, end: Int)? {
    guard i < v.count, v[i] | 0x20 == 0x6F else { return nil }
    var j = i + 1
    if j + 1 < v.count, v[j] | 0x20 == 0x69, v[j + 1] | 0x20 == 0x74 {
      j += 2
      if j < v.count, v[j] == 0x20 || v[j] == 0xA0 || v[j] == 0x2D || v[j] == 0x5F { j += 1 }
    }
    return readCodeNumber(v, j)
  }

  /// One to three digits worth 1…99 once the zero padding is dropped ("01" and "001" are 1).
  private static func readCodeNumber(_ v: [UInt32], _ i: Int) -> (number: Int, end: Int)? {
    var j = i
    var value = 0
    while j < v.count, isASCIIDigit(v[j]) {
      value = value * 10 + Int(v[j] - 0x30)
      j += 1
      if j - i > 3 { return nil }  // "OIT2568" is a year, not an item
    }
    guard j > i, (1...99).contains(value) else { return nil }
    return (value, j)
  }

  /// "01", "014", "027": a zero typed for the letter O, then one or two digits.
  private static func readLeadingZeroForm(_ v: [UInt32], _ i: Int) -> (number: Int, end: Int)? {
    guard i < v.count, v[i] == 0x30, let rest = readCodeNumber(v, i + 1), rest.end - i <= 3
    else { return nil }
    return rest
  }

  /// True when a code that ended at `i` is a whole token: no letter, digit, or a separator
  /// followed by a digit ("O1.1", "02-123-4567", "ข้อ 1/2568") comes next.
  private static func endsToken(_ v: [UInt32], _ i: Int) -> Bool {
    guard i < v.count else { return true }
    if isCodeWordScalar(v[i]) { return false }
    if ".,/-:".unicodeScalars.contains(scalar(v[i])), i + 1 < v.count, isASCIIDigit(v[i + 1]) {
      return false
    }
    return true
  }
}
