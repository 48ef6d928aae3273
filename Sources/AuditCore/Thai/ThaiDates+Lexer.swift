/// One token of a text as the date parser sees it. Offsets are Unicode-scalar indices.
struct DateToken {
  enum Kind: Equatable {
    case number(value: Int, digits: Int)  // ASCII and Thai digits, mixed or not
    case month(Int, thai: Bool)  // 1…12
    case keyword(DateKeyword)
    case dash, slash, dot, comma, colon
    case latin  // a Latin word that means nothing here: blocks "O1 ตุลาคม" reading as a day
    case other  // any other run of text
  }

  var kind: Kind
  var start: Int
  var end: Int
  /// Whitespace scalars between the previous token and this one.
  var gap: Int
}

/// The words that give numbers a date meaning, or take it away.
enum DateKeyword: Equatable {
  case fiscal  // ปีงบประมาณ, ประจำปีงบประมาณ, ปีงบ, งบปี, งบประมาณ, FY
  case year  // ปี, ประจำปี
  case be  // พ.ศ.
  case ce  // ค.ศ.
  case label  // ITA, OIT: "ITA 2569" names the assessment year
  case dayPrefix  // วันที่
  case monthWord  // เดือน
  case through  // ถึง, จนถึง, to, until
  case quarter  // ไตรมาส, ไตรมาสที่
  case round  // รอบ (รอบ 6 เดือน)
  case halfFirst, halfSecond  // ครึ่งปีแรก, ครึ่งปีหลัง
  case academic  // ปีการศึกษา, ภาคเรียนที่: never a fiscal or calendar date
  case number  // ที่ (คำสั่งที่ 123/2568, ครั้งที่ 1/2568)
  case ordinalSuffix  // st, nd, rd, th after an English day
}

/// Splits text into date tokens in one pass. Thai words are recognised only at scalars that can
/// start one (a month's or keyword's first letter), through a table indexed by scalar value.
struct DateLexer {
  private let s: [Unicode.Scalar]
  // Local copies of the static tables: the hot loop then skips the lazy-initialisation check.
  private let exactWords: [[Exact]]
  private let abbreviations: [[Abbreviation]]

  init(_ scalars: [Unicode.Scalar]) {
    s = scalars
    (exactWords, abbreviations) = DateLexer.table
  }

  func tokens() -> [DateToken] {
    var out: [DateToken] = []
    out.reserveCapacity(s.count / 4)
    var gap = 0
    var i = 0
    let n = s.count
    func emit(_ kind: DateToken.Kind, _ start: Int, _ end: Int) {
      // Unrecognised text merges into one token so the parser's lookahead stays short.
      if kind == .other, gap == 0, let last = out.last, last.kind == .other, last.end == start {
        out[out.count - 1].end = end
      } else {
        out.append(DateToken(kind: kind, start: start, end: end, gap: gap))
      }
      gap = 0
    }
    while i < n {
      let v = s[i].value
      if ThaiText.isWhitespace(v) {
        gap += 1
        i += 1
        continue
      }
      if ThaiText.isInvisibleFormat(v) {
        i += 1
        continue
      }
      if let d = ThaiText.digitValue(v) {
        var value = d
        var j = i + 1
        while j < n, let e = ThaiText.digitValue(s[j].value) {
          if j - i < 9 { value = value * 10 + e }
          j += 1
        }
        emit(.number(value: value, digits: j - i), i, j)
        i = j
        continue
      }
      if ThaiText.isLatinLetter(v) {
        var j = i + 1
        while j < n, ThaiText.isLatinLetter(s[j].value) { j += 1 }
        let (kind, end) = latinWord(i, j)
        emit(kind, i, end)
        i = end
        continue
      }
      if v >= 0x0E01 && v <= 0x0E4E, let (kind, end) = thaiWord(at: i) {
        emit(kind, i, end)
        i = end
        continue
      }
      let kind: DateToken.Kind
      switch v {
      case 0x2F: kind = .slash
      case 0x2E: kind = .dot
      case 0x2C: kind = .comma
      case 0x3A: kind = .colon
      case 0x7E: kind = .dash  // "ต.ค. ~ ธ.ค." reads as a range
      default: kind = ThaiText.isDash(v) ? .dash : .other
      }
      emit(kind, i, i + 1)
      i += 1
    }
    return out
  }

  // MARK: Latin words

  private func latinWord(_ i: Int, _ j: Int) -> (DateToken.Kind, Int) {
    guard j - i <= 9 else { return (.latin, j) }
    var word = ""
    for k in i..<j { word.unicodeScalars.append(Unicode.Scalar(s[k].value | 0x20) ?? " ") }
    if let m = DateLexer.englishMonths[word] {
      // "Jan." and "Sept.": the dot belongs to the abbreviation.
      let abbreviated = word.count <= 4 && word != "june" && word != "july"
      let end = abbreviated && j < s.count && s[j] == "." ? j + 1 : j
      return (.month(m, thai: false), end)
    }
    switch word {
    case "ita", "oit": return (.keyword(.label), j)
    case "fy": return (.keyword(.fiscal), j)
    case "to", "until", "till": return (.keyword(.through), j)
    case "st", "nd", "rd", "th": return (.keyword(.ordinalSuffix), j)
    default: return (.latin, j)
    }
  }

  private static let englishMonths: [String: Int] = {
    let full = [
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december",
    ]
    var table: [String: Int] = [:]
    for (i, name) in full.enumerated() {
      table[name] = i + 1
      table[String(name.prefix(3))] = i + 1
    }
    table["sept"] = 9
    return table
  }()

  // MARK: Thai words

  /// A Thai word the parser needs, written as one exact scalar sequence.
  private struct Exact {
    let scalars: [UInt32]
    let kind: DateToken.Kind
    /// Short forms ("ตุลา", "มีค") are real words' prefixes too: no Thai letter may follow.
    let closed: Bool
  }

  /// A two-part abbreviation such as ม.ค. or พ.ศ., matched with or without its dots
  /// ("ม.ค.", "ม.ค", "มค", "ม. ค.", "พ.ศ..").
  private struct Abbreviation {
    let first: [UInt32]
    let second: [UInt32]
    let kind: DateToken.Kind
  }

  private static let thaiMonthNames: [(String, Int)] = [
    ("มกราคม", 1), ("กุมภาพันธ์", 2), ("กุมภาพันธุ์", 2), ("กุมภาพันธ", 2), ("มีนาคม", 3),
    ("เมษายน", 4), ("พฤษภาคม", 5), ("มิถุนายน", 6), ("กรกฎาคม", 7), ("กรกฏาคม", 7),
    ("สิงหาคม", 8), ("กันยายน", 9), ("ตุลาคม", 10), ("พฤศจิกายน", 11), ("ธันวาคม", 12),
  ]

  /// Spoken short forms ("ตุลา 67"); prefixes of other words, so they are `closed`.
  private static let thaiMonthShortNames: [(String, Int)] = [
    ("มกรา", 1), ("กุมภา", 2), ("มีนา", 3), ("เมษา", 4), ("พฤษภา", 5), ("มิถุนา", 6),
    ("กรกฎา", 7), ("กรกฏา", 7), ("สิงหา", 8), ("กันยา", 9), ("ตุลา", 10), ("พฤศจิกา", 11),
    ("ธันวา", 12),
  ]

  private static let thaiKeywords: [(String, DateKeyword)] = [
    ("ประจำปีงบประมาณ", .fiscal), ("ปีงบประมาณ", .fiscal), ("ปีงบฯ", .fiscal), ("ปีงบ", .fiscal),
    ("งบปี", .fiscal), ("งบประมาณ", .fiscal),
    ("ประจำปีการศึกษา", .academic), ("ปีการศึกษา", .academic), ("ภาคเรียนที่", .academic),
    ("ภาคเรียน", .academic), ("ภาคการศึกษาที่", .academic), ("ภาคการศึกษา", .academic),
    ("ประจำปี", .year), ("ปี", .year),
    ("วันที่", .dayPrefix), ("วันที", .dayPrefix),
    ("เดือน", .monthWord),
    ("จนถึง", .through), ("ถึง", .through),
    ("ไตรมาสที่", .quarter), ("ไตรมาส", .quarter),
    ("รอบ", .round),
    ("ครึ่งปีแรก", .halfFirst), ("ครึ่งปีหลัง", .halfSecond),
    ("ที่", .number),
  ]

  private static let thaiAbbreviations: [(String, String, DateToken.Kind)] = [
    ("ม", "ค", .month(1, thai: true)), ("ก", "พ", .month(2, thai: true)),
    ("มี", "ค", .month(3, thai: true)), ("เม", "ย", .month(4, thai: true)),
    ("พ", "ค", .month(5, thai: true)), ("มิ", "ย", .month(6, thai: true)),
    ("ก", "ค", .month(7, thai: true)), ("ส", "ค", .month(8, thai: true)),
    ("ก", "ย", .month(9, thai: true)), ("ต", "ค", .month(10, thai: true)),
    ("พ", "ย", .month(11, thai: true)), ("ธ", "ค", .month(12, thai: true)),
    ("พ", "ศ", .keyword(.be)), ("ค", "ศ", .keyword(.ce)),
  ]

  /// Exact words and abbreviations by first scalar (U+0E00 + index), longest words first.
  private static let table: (exact: [[Exact]], abbreviations: [[Abbreviation]]) = {
    var exact = [[Exact]](repeating: [], count: 128)
    var abbreviations = [[Abbreviation]](repeating: [], count: 128)
    func values(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
    func add(_ word: String, _ kind: DateToken.Kind, closed: Bool) {
      let v = values(word)
      exact[Int(v[0] - 0x0E00)].append(Exact(scalars: v, kind: kind, closed: closed))
    }
    for (w, m) in thaiMonthNames { add(w, .month(m, thai: true), closed: false) }
    for (w, m) in thaiMonthShortNames { add(w, .month(m, thai: true), closed: true) }
    for (w, k) in thaiKeywords { add(w, .keyword(k), closed: false) }
    for i in exact.indices { exact[i].sort { $0.scalars.count > $1.scalars.count } }
    for (a, b, kind) in thaiAbbreviations {
      let first = values(a)
      abbreviations[Int(first[0] - 0x0E00)].append(
        Abbreviation(first: first, second: values(b), kind: kind))
    }
    return (exact, abbreviations)
  }()

  private func at(_ i: Int) -> UInt32 { i < s.count ? s[i].value : 0 }

  private func matches(_ pattern: [UInt32], at i: Int) -> Bool {
    guard i + pattern.count <= s.count else { return false }
    for (k, v) in pattern.enumerated() where s[i + k].value != v { return false }
    return true
  }

  private func thaiWord(at i: Int) -> (DateToken.Kind, Int)? {
    let slot = Int(s[i].value - 0x0E00)
    if exactWords[slot].isEmpty && abbreviations[slot].isEmpty { return nil }
    let exact = exactWords[slot]
    let abbreviations = abbreviations[slot]
    let previous = i > 0 ? s[i - 1].value : 0
    // After เ แ โ ใ ไ this letter is the middle of a syllable, not the start of a word.
    if ThaiText.isThaiLeadingVowel(previous) { return nil }
    for word in exact where matches(word.scalars, at: i) {
      let end = i + word.scalars.count
      if word.closed && ThaiText.isThaiLetterOrMark(at(end)) { continue }
      return (word.kind, end)
    }
    if previous == 0x2E { return nil }  // "อ.ก.พ.": inside a longer abbreviation
    for abbreviation in abbreviations {
      if let end = match(abbreviation, at: i, previous: previous) {
        return (abbreviation.kind, end)
      }
    }
    return nil
  }

  private func match(_ a: Abbreviation, at i: Int, previous: UInt32) -> Int? {
    guard matches(a.first, at: i) else { return nil }
    var j = i + a.first.count
    var dotted = false
    if at(j) == 0x2E {
      dotted = true
      j += 1
      var spaces = 0
      while spaces < 2, at(j) == 0x20 || at(j) == 0xA0 {
        j += 1
        spaces += 1
      }
    }
    guard matches(a.second, at: j) else { return nil }
    j += a.second.count
    var finalDot = false
    while at(j) == 0x2E {  // "พ.ศ.." is a typo for "พ.ศ."
      finalDot = true
      j += 1
    }
    // Without its middle dot, "มค" or "กย" must stand alone, not sit inside a word.
    if !dotted && ThaiText.isThaiLetterOrMark(previous) { return nil }
    if finalDot {
      // "ก.พ.ร.", "ก.ค.ศ.", "ส.ค.ส." are other abbreviations that begin like a month.
      if ThaiText.isThaiLetterOrMark(at(j)) && at(j + 1) == 0x2E { return nil }
      if ThaiText.isThaiLetterOrMark(at(j)) && ThaiText.isThaiLetterOrMark(at(j + 1))
        && at(j + 2) == 0x2E
      {
        return nil
      }
    } else if ThaiText.isThaiLetterOrMark(at(j)) {
      return nil
    }
    return j
  }
}
