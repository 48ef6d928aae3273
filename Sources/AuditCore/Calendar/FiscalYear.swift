/// A Thai government fiscal year, named by its Buddhist-era year.
///
/// FY N runs from 1 October of CE N−544 to 30 September of CE N−543: FY2569 is
/// 2025-10-01 … 2026-09-30. A BE year never travels as a bare `Int`; wrap it here.
public struct FiscalYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let be: Int

  public init(be: Int) { self.be = be }

  /// The fiscal year that contains a day: October and later belong to the next year.
  public init(containing day: Day) {
    be = day.month >= 10 ? day.year + 544 : day.year + 543
  }

  public var start: Day { Day(unchecked: be - 544, 10, 1) }
  public var end: Day { Day(unchecked: be - 543, 9, 30) }
  public var previous: FiscalYear { FiscalYear(be: be - 1) }
  public var next: FiscalYear { FiscalYear(be: be + 1) }

  public func contains(_ day: Day) -> Bool { day >= start && day <= end }

  /// The twelve months of the year in fiscal order, ต.ค. first.
  public var months: [YearMonth] {
    var m = YearMonth(start)
    var out: [YearMonth] = []
    for _ in 0..<12 {
      out.append(m)
      m = m.next
    }
    return out
  }

  public var description: String { "FY\(be)" }

  public static func < (a: FiscalYear, b: FiscalYear) -> Bool { a.be < b.be }

  public init(from decoder: any Decoder) throws {
    be = try decoder.singleValueContainer().decode(Int.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(be)
  }
}
