/// One date, period or year found in Thai or English text, with the words it came from.
///
/// Every mention is a closed span of days: a single day has `start == end`, a month covers the
/// whole month, a fiscal-year phrase covers 1 Oct … 30 Sep. The matcher compares spans with the
/// audit's window; `kind` tells how precise the writer was.
public struct DateMention: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Codable {
    case day  // 15 มกราคม 2569, 15/01/2569, 2026-01-15
    case month  // ตุลาคม 2567, ต.ค. 67
    case dayRange  // 1 ต.ค. 66 - 31 มี.ค. 67
    case monthRange  // ต.ค. 67 – มี.ค. 68
    case fiscalYear  // ปีงบประมาณ พ.ศ. 2569, ปีงบ 69
    case year  // ประจำปี 2568, พ.ศ. 2568: a BE year whose calendar/fiscal sense is unclear
    case yearSpan  // (พ.ศ. 2566 – 2570): a multi-year plan; start/end are FY bounds
  }

  public var kind: Kind
  public var start: Day
  public var end: Day
  /// The text the mention was read from, as it appeared (for the report's evidence).
  public var text: String
  /// False for a year that names no period a text covers: an assessment round ("ITA 2569") or
  /// a document or meeting number ("ครั้งที่ 1/2568"), which gives only the signing year.
  public var namesPeriod: Bool

  public init(kind: Kind, start: Day, end: Day, text: String, namesPeriod: Bool = true) {
    self.kind = kind
    self.start = start
    self.end = end
    self.text = text
    self.namesPeriod = namesPeriod
  }

  /// The BE years a `.year` or `.yearSpan` mention names, or the fiscal years its span touches.
  public var fiscalYears: ClosedRange<Int> {
    switch kind {
    case .year:
      // "ประจำปี 2568" names BE 2568: read as that fiscal year, the usual sense on report titles.
      return (start.year + 543)...(start.year + 543)
    default:
      return FiscalYear(containing: start).be...FiscalYear(containing: end).be
    }
  }
}
