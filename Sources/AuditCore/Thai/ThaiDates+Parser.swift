/// Reads date mentions from `DateLexer` tokens, left to right, trying the longest reading first
/// at each token. One parser per call of `ThaiDates.find`.
struct DateParser {
  private let scalars: [Unicode.Scalar]
  private let tokens: [DateToken]
  private var found: [(start: Int, end: Int, mention: DateMention)] = []
  /// Quarters and halves written without a year next to them; they take one from nearby text.
  private var periods: [PendingPeriod] = []
  /// BE years standing alone: not dates themselves, but a year for a nearby quarter.
  private var bareYears: [(start: Int, end: Int, be: Int)] = []

  /// Whitespace allowed between the parts of one mention (a title may wrap between them).
  private static let maxGap = 8
  /// How far a quarter looks for its year: forward first, then back (in scalars).
  private static let periodReachForward = 200
  private static let periodReachBack = 100

  init(scalars: [Unicode.Scalar], tokens: [DateToken]) {
    self.scalars = scalars
    self.tokens = tokens
  }

  mutating func run() -> [DateMention] {
    var i = 0
    while i < tokens.count {
      switch step(at: i) {
      case .reading(let r)?:
        record(r)
        i = r.next
      case .skip(let next)?:
        i = max(next, i + 1)
      case nil:
        i += 1
      }
    }
    resolvePeriods()
    found.sort { ($0.start, $0.end) < ($1.start, $1.end) }
    return found.map(\.mention)
  }

  // MARK: - Types

  private struct Reading {
    var kind: DateMention.Kind
    var start: Day
    var end: Day
    var first: Int  // first token
    var next: Int  // token after the last
    var endScalar: Int? = nil  // when the mention ends inside a token
    var namesPeriod = true  // see DateMention.namesPeriod
  }

  private enum Step {
    case reading(Reading)
    case skip(Int)  // consumed, but no date (an impossible date, an academic year)
  }

  /// A day or month, with the year missing when it may come from the other end of a range.
  private struct Atom {
    enum Value {
      case day(Int, month: Int, year: Int?)
      case month(Int, year: Int?)
    }
    var value: Value
    var first: Int
    var next: Int
    var isComplete: Bool {
      switch value {
      case .day(_, _, let y), .month(_, let y): return y != nil
      }
    }
  }

  private struct YearValue {
    var ce: Int
    var be: Int
    var fourDigitBE: Bool
    var next: Int
  }

  private enum YearMode { case any, be, ce }

  private struct PendingPeriod {
    var offset: Int  // months after October
    var count: Int
    var start: Int
    var end: Int
  }

  // MARK: - Token tests

  private func kind(_ i: Int) -> DateToken.Kind? { i < tokens.count ? tokens[i].kind : nil }
  private func near(_ i: Int) -> Bool { i < tokens.count && tokens[i].gap <= Self.maxGap }
  private func tight(_ i: Int) -> Bool { i < tokens.count && tokens[i].gap == 0 }

  private func number(_ i: Int) -> (value: Int, digits: Int)? {
    if case .number(let value, let digits)? = kind(i) { return (value, digits) }
    return nil
  }

  private func isKeyword(_ i: Int, _ k: DateKeyword) -> Bool { kind(i) == .keyword(k) }

  private func isRangeSeparator(_ i: Int) -> Bool {
    kind(i) == .dash || isKeyword(i, .through)
  }

  private func isNumberSeparator(_ i: Int) -> Bool {
    switch kind(i) {
    case .dash?, .slash?, .dot?, .comma?, .colon?: return true
    default: return false
    }
  }

  /// "4567" in "123-4567", "569" in "2,569": the number continues a longer figure.
  private func gluedAfterNumber(_ i: Int) -> Bool {
    i >= 2 && tight(i) && isNumberSeparator(i - 1) && tight(i - 1) && number(i - 2) != nil
  }

  /// A separator and a number follow with no space: "2569/1", "15-01-2569-3".
  private func gluedBeforeNumber(_ i: Int) -> Bool {
    tight(i + 1) && isNumberSeparator(i + 1) && tight(i + 2) && number(i + 2) != nil
  }

  /// A year may be followed by a dash and a number (a range) but not by ",569" or ".50".
  private func yearEndsCleanly(_ i: Int) -> Bool {
    guard tight(i + 1), tight(i + 2), number(i + 2) != nil else { return true }
    switch kind(i + 1) {
    case .comma?, .dot?, .slash?, .colon?: return false
    default: return true
    }
  }

  // MARK: - Years

  private static func year(fourDigits v: Int, mode: YearMode) -> (ce: Int, be: Int)? {
    if (2400...2999).contains(v), mode != .ce { return (v - 543, v) }
    if (1900...2200).contains(v), mode != .be { return (v, v + 543) }
    return nil
  }

  /// A year number at `i`; two digits (60–99, BE) only when `short`.
  private func year(at i: Int, short: Bool, mode: YearMode) -> YearValue? {
    guard let n = number(i), yearEndsCleanly(i) else { return nil }
    if n.digits == 4, let y = Self.year(fourDigits: n.value, mode: mode) {
      return YearValue(ce: y.ce, be: y.be, fourDigitBE: y.be == n.value, next: i + 1)
    }
    if n.digits == 2, short, mode != .ce, (60...99).contains(n.value) {
      return YearValue(
        ce: 2500 + n.value - 543, be: 2500 + n.value, fourDigitBE: false, next: i + 1)
    }
    return nil
  }

  /// The year after a month: "2569", "67", "พ.ศ. 2569", "ปี 2569", "ค.ศ. 2026".
  private func yearPhrase(at start: Int, short: Bool) -> YearValue? {
    var j = start
    var short = short
    var mode = YearMode.any
    guard near(j) else { return nil }
    if isKeyword(j, .year) {
      j += 1
      short = true
      guard near(j) else { return nil }
    }
    if isKeyword(j, .be) {
      j += 1
      mode = .be
      short = true
    } else if isKeyword(j, .ce) {
      j += 1
      mode = .ce
    }
    guard near(j) else { return nil }
    return year(at: j, short: short, mode: mode)
  }

  /// "– 2570" or "- พ.ศ. 2570" closing a multi-year span that began with `y`.
  private func spanEnd(after y: YearValue) -> YearValue? {
    guard y.fourDigitBE, near(y.next), isRangeSeparator(y.next) else { return nil }
    var j = y.next + 1
    if near(j), isKeyword(j, .be) { j += 1 }
    guard near(j), let e = year(at: j, short: false, mode: .be), e.fourDigitBE, e.be > y.be,
      e.be - y.be <= 10, !gluedBeforeNumber(j)
    else { return nil }
    return e
  }

  // MARK: - Steps

  private mutating func step(at i: Int) -> Step? {
    switch tokens[i].kind {
    case .keyword(let k):
      switch k {
      case .academic: return .skip(skipAcademic(i))
      case .quarter, .round, .halfFirst, .halfSecond: return period(i)
      case .fiscal, .year, .be, .ce, .label: return yearLabel(i).map(Step.reading)
      case .number: return documentNumber(i)
      case .dayPrefix: return dateStep(i) ?? numberRange(i + 1, first: i)
      default: return nil
      }
    case .number(let value, let digits):
      if let s = dateStep(i) ?? numberRange(i, first: i) { return s }
      if digits == 4, !gluedAfterNumber(i), let y = year(at: i, short: false, mode: .be) {
        if let e = spanEnd(after: y) {
          return .reading(yearSpan(from: y.be, to: e.be, first: i, next: e.next))
        }
      }
      if let s = documentNumber(i) { return s }
      if digits == 4, (2400...2999).contains(value), !gluedAfterNumber(i),
        !gluedBeforeNumber(i)
      {
        bareYears.append((tokens[i].start, tokens[i].end, value))
      }
      return nil
    case .month:
      return dateStep(i)
    default:
      return nil
    }
  }

  private func yearSpan(from first: Int, to last: Int, first i: Int, next: Int) -> Reading {
    Reading(
      kind: .yearSpan, start: FiscalYear(be: first).start, end: FiscalYear(be: last).end,
      first: i, next: next)
  }

  /// ปีงบประมาณ / ประจำปี / ปี / พ.ศ. / ค.ศ. / ITA followed by a year, or by a span of years.
  private func yearLabel(_ i: Int) -> Reading? {
    guard case .keyword(let k) = tokens[i].kind else { return nil }
    var j = i + 1
    var mode = YearMode.any
    if k == .be { mode = .be }
    if k == .ce { mode = .ce }
    // "งบประมาณปี 2568", "ITA ปี 2568"
    if k == .fiscal || k == .label, near(j), isKeyword(j, .year) { j += 1 }
    if k != .be && k != .ce && near(j) {
      if isKeyword(j, .be) {
        j += 1
        mode = .be
      } else if isKeyword(j, .ce) {
        j += 1
        mode = .ce
      }
    }
    guard near(j), let y = year(at: j, short: mode != .ce, mode: mode) else { return nil }
    if let e = spanEnd(after: y) { return yearSpan(from: y.be, to: e.be, first: i, next: e.next) }
    if k == .fiscal {
      let fy = FiscalYear(be: y.be)
      return Reading(kind: .fiscalYear, start: fy.start, end: fy.end, first: i, next: y.next)
    }
    return Reading(
      kind: .year, start: Day.startOf(month: 1, year: y.ce), end: Day.endOf(month: 12, year: y.ce),
      first: i, next: y.next, namesPeriod: k != .label)
  }

  /// "ที่ 45/2568", "123/2568": a document or meeting number; its year is all it dates.
  private func documentNumber(_ i: Int) -> Step? {
    var j = i
    if isKeyword(j, .number) {
      j += 1
      guard near(j) else { return nil }
    }
    guard let n = number(j), n.digits <= 5, !gluedAfterNumber(j), tight(j + 1),
      kind(j + 1) == .slash, tight(j + 2), let y = number(j + 2), y.digits == 4,
      (2400...2999).contains(y.value), !gluedBeforeNumber(j + 2)
    else { return nil }
    return .reading(
      Reading(
        kind: .year, start: Day.startOf(month: 1, year: y.value - 543),
        end: Day.endOf(month: 12, year: y.value - 543), first: i, next: j + 3,
        namesPeriod: false))
  }

  /// ปีการศึกษา 2567, ภาคเรียนที่ 1/2569: consumed so that their numbers date nothing.
  private func skipAcademic(_ i: Int) -> Int {
    var j = i + 1
    if near(j), isKeyword(j, .number) { j += 1 }
    if near(j), isKeyword(j, .be) { j += 1 }
    guard near(j), number(j) != nil else { return i + 1 }
    j += 1
    if tight(j), kind(j) == .slash, tight(j + 1), number(j + 1) != nil { j += 2 }
    if near(j), isRangeSeparator(j), near(j + 1), let n = number(j + 1), n.digits == 4 { j += 2 }
    return j
  }

  // MARK: Quarters and halves

  private mutating func period(_ i: Int) -> Step? {
    guard case .keyword(let k) = tokens[i].kind else { return nil }
    var j = i + 1
    var offset = 0
    var count = 6
    var endScalar: Int?
    switch k {
    case .quarter:
      if near(j), isKeyword(j, .number) { j += 1 }
      guard near(j), let q = number(j), q.digits == 1, (1...4).contains(q.value) else {
        return nil
      }
      offset = (q.value - 1) * 3
      count = 3
      j += 1
    case .round:
      // "รอบ 6 เดือน" (ต.ค.–มี.ค.), "รอบ 12 เดือน" (the whole year)
      guard near(j), let n = number(j), [3, 6, 9, 12].contains(n.value), near(j + 1),
        isKeyword(j + 1, .monthWord)
      else { return nil }
      count = n.value
      j += 2
      if tight(j), kind(j) == .other {
        if let end = prefix("หลัง", ofToken: j) {
          offset = 12 - count  // "รอบ 6 เดือนหลัง": the later half
          endScalar = end
        } else if let end = prefix("แรก", ofToken: j) {
          endScalar = end
        }
        if endScalar == tokens[j].end {
          j += 1
          endScalar = nil
        }
      }
    case .halfFirst: break
    case .halfSecond: offset = 6
    default: return nil
    }
    if endScalar == nil, let (be, next) = adjacentYear(j) {
      return .reading(periodReading(be: be, offset: offset, count: count, first: i, next: next))
    }
    periods.append(
      PendingPeriod(
        offset: offset, count: count, start: tokens[i].start,
        end: endScalar ?? tokens[j - 1].end))
    return .skip(j)
  }

  /// The end of `word` when token `i` starts with it.
  private func prefix(_ word: String, ofToken i: Int) -> Int? {
    var k = tokens[i].start
    for c in word.unicodeScalars {
      guard k < tokens[i].end, scalars[k] == c else { return nil }
      k += 1
    }
    return k
  }

  /// The year written right after a quarter: "/2569", "ปีงบประมาณ 2569", "พ.ศ. 2569", "2569".
  private func adjacentYear(_ j: Int) -> (be: Int, next: Int)? {
    if tight(j), kind(j) == .slash, tight(j + 1),
      let y = year(at: j + 1, short: true, mode: .be)
    {
      return (y.be, y.next)
    }
    guard near(j) else { return nil }
    switch kind(j) {
    case .keyword(.fiscal)?, .keyword(.year)?, .keyword(.be)?, .keyword(.label)?:
      guard let r = yearLabel(j) else { return nil }
      switch r.kind {
      case .fiscalYear: return (FiscalYear(containing: r.end).be, r.next)
      case .year: return (r.start.year + 543, r.next)
      default: return nil
      }
    case .number?:
      guard let y = year(at: j, short: false, mode: .be) else { return nil }
      return (y.be, y.next)
    default:
      return nil
    }
  }

  private func periodReading(be: Int, offset: Int, count: Int, first: Int, next: Int) -> Reading {
    let (start, end) = Self.periodBounds(be: be, offset: offset, count: count)
    return Reading(kind: .monthRange, start: start, end: end, first: first, next: next)
  }

  /// Months `offset ..< offset + count` of fiscal year `be`, counted from its October.
  private static func periodBounds(be: Int, offset: Int, count: Int) -> (Day, Day) {
    var first = YearMonth(FiscalYear(be: be).start)
    for _ in 0..<offset { first = first.next }
    var last = first
    for _ in 1..<max(count, 1) { last = last.next }
    return (first.first, last.last)
  }

  private mutating func resolvePeriods() {
    guard !periods.isEmpty else { return }
    var contexts: [(start: Int, end: Int, be: Int)] = bareYears
    for f in found {
      switch f.mention.kind {
      case .fiscalYear: contexts.append((f.start, f.end, FiscalYear(containing: f.mention.end).be))
      case .year: contexts.append((f.start, f.end, f.mention.start.year + 543))
      default: break
      }
    }
    for p in periods {
      var best: (distance: Int, be: Int)?
      for c in contexts {
        let distance: Int
        if c.start >= p.end && c.start - p.end <= Self.periodReachForward {
          distance = c.start - p.end
        } else if c.end <= p.start && p.start - c.end <= Self.periodReachBack {
          distance = Self.periodReachForward + p.start - c.end  // a year after wins
        } else {
          continue
        }
        if best.map({ distance < $0.distance }) ?? true { best = (distance, c.be) }
      }
      guard let best else { continue }
      let (start, end) = Self.periodBounds(be: best.be, offset: p.offset, count: p.count)
      found.append(
        (
          p.start, p.end,
          DateMention(kind: .monthRange, start: start, end: end, text: text(p.start, p.end))
        ))
    }
  }

  // MARK: Days and months

  private func dateStep(_ i: Int) -> Step? {
    guard let a = atom(i) else { return nil }
    if near(a.next), isRangeSeparator(a.next), near(a.next + 1),
      let b = atom(a.next + 1, closingRange: true),
      let r = range(a, b)
    {
      return .reading(r)
    }
    switch a.value {
    case .day(let d, let m, let y?):
      guard let day = Day(year: y, month: m, day: d) else { return .skip(a.next) }
      return .reading(Reading(kind: .day, start: day, end: day, first: a.first, next: a.next))
    case .month(let m, let y?):
      return .reading(
        Reading(
          kind: .month, start: Day.startOf(month: m, year: y), end: Day.endOf(month: m, year: y),
          first: a.first, next: a.next))
    default:
      return nil
    }
  }

  /// "1-15 มกราคม 2569", "1 – 31 ต.ค. 67": a bare first day that takes the second's month.
  private func numberRange(_ i: Int, first: Int) -> Step? {
    guard let n = number(i), n.digits <= 2, (1...31).contains(n.value), !gluedAfterNumber(i),
      near(i + 1), isRangeSeparator(i + 1), near(i + 2), number(i + 2) != nil,
      let b = dayAtom(i + 2, closingRange: true), case .day(let d, let m, let y?) = b.value,
      n.value < d,
      let start = Day(year: y, month: m, day: n.value), let end = Day(year: y, month: m, day: d)
    else { return nil }
    return .reading(Reading(kind: .dayRange, start: start, end: end, first: first, next: b.next))
  }

  /// A day or month at `i`. A range's second end may follow its first glued by a dash
  /// ("66-31 มี.ค"), which elsewhere marks a longer figure, hence `closingRange`.
  private func atom(_ i: Int, closingRange: Bool = false) -> Atom? {
    switch kind(i) {
    case .keyword(.dayPrefix)?, .number?:
      return dayAtom(i, closingRange: closingRange)
    case .month?:
      guard let m = monthAtom(i) else { return nil }
      return m.isComplete ? m : (dayAtom(i, closingRange: closingRange) ?? m)
    default:
      return nil
    }
  }

  /// A month and its year: "ตุลาคม 2567", "ต.ค.67", "ต.ค.-67", "January 2026"; without a year
  /// when none follows.
  private func monthAtom(_ i: Int) -> Atom? {
    guard case .month(let m, let thai)? = kind(i) else { return nil }
    var j = i + 1
    if tight(j), kind(j) == .dash || kind(j) == .slash, tight(j + 1),
      let y = year(at: j + 1, short: thai, mode: .any)
    {
      return Atom(value: .month(m, year: y.ce), first: i, next: y.next)
    }
    if !thai, near(j), kind(j) == .comma { j += 1 }
    if let y = yearPhrase(at: j, short: thai) {
      return Atom(value: .month(m, year: y.ce), first: i, next: y.next)
    }
    return Atom(value: .month(m, year: nil), first: i, next: i + 1)
  }

  /// "15 มกราคม 2569", "วันที่ 1 ต.ค. 66", "15 January 2026", "Jan 15, 2026", "มิถุนายน 9, 2026",
  /// "15/01/2569", "2026-01-15"; a day without its year ("1 ต.ค.") for the start of a range.
  private func dayAtom(_ i: Int, closingRange: Bool = false) -> Atom? {
    var j = i
    if isKeyword(j, .dayPrefix) {
      j += 1
      guard near(j) else { return nil }
    }
    if let d = number(j) {
      if let value = numericDate(j, closingRange: closingRange) {
        return Atom(value: value, first: i, next: j + 5)
      }
      guard d.digits <= 2, (1...31).contains(d.value), closingRange || !gluedAfterNumber(j),
        !(tight(j) && j > 0 && kind(j - 1) == .latin)
      else { return nil }
      var k = j + 1
      if tight(k), isKeyword(k, .ordinalSuffix) { k += 1 }
      if near(k), isKeyword(k, .monthWord) { k += 1 }
      if tight(k), kind(k) == .dash || kind(k) == .slash, tight(k + 1),
        case .month? = kind(k + 1)
      {
        k += 1
      }
      guard near(k), let month = monthAtom(k), case .month(let m, let y) = month.value else {
        return nil
      }
      return Atom(value: .day(d.value, month: m, year: y), first: i, next: month.next)
    }
    // Month first: English style, or a Thai month with the comma of "มิถุนายน 9, 2026".
    guard j == i, case .month(let m, let thai)? = kind(j), near(j + 1), let d = number(j + 1),
      d.digits <= 2, (1...31).contains(d.value)
    else { return nil }
    var k = j + 2
    if tight(k), isKeyword(k, .ordinalSuffix) { k += 1 }
    let comma = near(k) && kind(k) == .comma
    let yearAt = comma ? k + 1 : k
    if comma || !thai, near(yearAt), let y = year(at: yearAt, short: false, mode: .any) {
      return Atom(value: .day(d.value, month: m, year: y.ce), first: i, next: y.next)
    }
    return thai ? nil : Atom(value: .day(d.value, month: m, year: nil), first: i, next: k)
  }

  /// d/m/yyyy, d-m-yyyy, d.m.yyyy (BE or CE) and yyyy-mm-dd, with one separator throughout.
  private func numericDate(_ j: Int, closingRange: Bool) -> Atom.Value? {
    guard let a = number(j), tight(j + 1), let sep = kind(j + 1),
      sep == .slash || sep == .dash || sep == .dot, tight(j + 2), let b = number(j + 2),
      tight(j + 3), kind(j + 3) == sep, tight(j + 4), let c = number(j + 4),
      closingRange || !gluedAfterNumber(j),
      // A dash after a slashed or dotted date opens a range ("01/10/2567-31/03/2568").
      !gluedBeforeNumber(j + 4) || (sep != .dash && kind(j + 5) == .dash)
    else { return nil }
    if a.digits <= 2, b.digits <= 2, c.digits == 4,
      let y = Self.year(fourDigits: c.value, mode: .any)
    {
      return .day(a.value, month: b.value, year: y.ce)
    }
    if a.digits == 4, b.digits <= 2, c.digits <= 2,
      let y = Self.year(fourDigits: a.value, mode: .any)
    {
      return .day(c.value, month: b.value, year: y.ce)
    }
    return nil
  }

  /// Two ends read as one range; an end without a year takes the year that makes the range run
  /// forward. Nil when the ends cannot form a range (mixed kinds, backwards, absurdly long).
  private func range(_ a: Atom, _ b: Atom) -> Reading? {
    switch (a.value, b.value) {
    case (.day(let d1, let m1, let y1), .day(let d2, let m2, let y2?)):
      guard let end = Day(year: y2, month: m2, day: d2) else { return nil }
      var start = Day(year: y1 ?? y2, month: m1, day: d1)
      if y1 == nil, let s = start, s > end { start = Day(year: y2 - 1, month: m1, day: d1) }
      guard let start, start <= end, end.ordinal - start.ordinal <= 3700 else { return nil }
      return Reading(kind: .dayRange, start: start, end: end, first: a.first, next: b.next)
    case (.month(let m1, let y1), .month(let m2, let y2?)):
      let last = YearMonth(year: y2, month: m2)
      var first = YearMonth(year: y1 ?? y2, month: m1)
      if y1 == nil, first > last { first = YearMonth(year: y2 - 1, month: m1) }
      let months = (last.year - first.year) * 12 + last.month - first.month
      guard months >= 0, months <= 120 else { return nil }
      return Reading(
        kind: .monthRange, start: first.first, end: last.last, first: a.first, next: b.next)
    default:
      return nil
    }
  }

  // MARK: - Output

  private mutating func record(_ r: Reading) {
    let start = tokens[r.first].start
    let end = r.endScalar ?? tokens[r.next - 1].end
    found.append(
      (
        start, end,
        DateMention(
          kind: r.kind, start: r.start, end: r.end, text: text(start, end),
          namesPeriod: r.namesPeriod)
      ))
  }

  private func text(_ start: Int, _ end: Int) -> String {
    String(String.UnicodeScalarView(scalars[start..<end]))
  }
}
