/// A calendar day in the Gregorian (CE) calendar, without time or zone.
///
/// Thai sites write Buddhist-era years; parsers convert them to CE before building a `Day`.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int  // CE
  public let month: Int  // 1...12
  public let day: Int  // 1...31, valid for the month

  /// Returns nil when the date does not exist (31 April, 29 February in a common year).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else {
      return nil
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`.
  public init?(iso: String) {
    let parts = iso.split(separator: "-")
    guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
      let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// The last day of a month.
  public static func endOf(month: Int, year: Int) -> Day {
    Day(unchecked: year, month, daysIn(month: month, year: year))
  }

  /// The first day of a month.
  public static func startOf(month: Int, year: Int) -> Day { Day(unchecked: year, month, 1) }

  init(unchecked year: Int, _ month: Int, _ day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(y)-\(m)-\(d)"
  }

  public var description: String { iso }

  /// Days since 1970-01-01 (proleptic Gregorian), for differences between days.
  public var ordinal: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The day `n` days after this one (n may be negative).
  public func adding(days n: Int) -> Day {
    let z = ordinal + n + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return Day(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public static func < (a: Day, b: Day) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(iso: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
    }
    self = day
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }
}

/// A month of the CE calendar, as used for monthly items (one procurement summary per month).
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int  // CE
  public let month: Int  // 1...12

  public init(year: Int, month: Int) {
    self.year = year
    self.month = month
  }

  public init(_ day: Day) { self.init(year: day.year, month: day.month) }

  public var first: Day { Day.startOf(month: month, year: year) }
  public var last: Day { Day.endOf(month: month, year: year) }

  public var next: YearMonth {
    month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1)
  }

  /// `YYYY-MM`.
  public var description: String { month < 10 ? "\(year)-0\(month)" : "\(year)-\(month)" }

  public static func < (a: YearMonth, b: YearMonth) -> Bool {
    (a.year, a.month) < (b.year, b.month)
  }
}
