import AuditCore
import Foundation

/// What a unit needs to know to fix one item: what to publish, the time window it must cover
/// and where on the site it is expected. Derived from the checklist and the report's fiscal
/// year and as-of day; it explains the verdict and never changes it.
public struct ItemGuide: Sendable, Hashable {
  /// The checklist's requirement, or the item title when there is no checklist.
  public var publish: String
  /// The time window, in words, with its dates.
  public var window: String
  /// Where an assessor looks for it.
  public var expectedAt: String

  /// The guide for `item`; `checklist` nil gives only the title and the hub row.
  public init(
    item: ItemResult, report: AuditReport, checklist: Checklist?, language: ReportLanguage
  ) {
    let th = language == .th
    let source = checklist?.items.first { $0.code == item.id }
    publish = source.map(\.requirement).flatMap { $0.isEmpty ? nil : $0 } ?? item.title
    let fy = FiscalYear(be: report.fiscalYear)
    let asOf = Day(iso: report.asOf) ?? fy.end
    window =
      source.map { ItemGuide.window($0.freshness, fy: fy, asOf: asOf, th: th) }
      ?? (th ? "ดูคู่มือการประเมินของปีนี้" : "see this year's assessment manual")
    let hub =
      th
      ? "ลิงก์จากหน้า ITA/OIT ปี \(report.checklist.year) แถว \(item.id) บนเว็บไซต์หลัก \(ThaiText.clean(report.site))"
      : "linked from row \(item.id) of the ITA/OIT \(report.checklist.year) page on the main site \(ThaiText.clean(report.site))"
    let kind: String
    switch source?.evidence {
    case .page?: kind = th ? "หน้าเว็บที่แสดงเนื้อหาเอง" : "a page showing the content itself"
    case .document?:
      kind = th ? "ไฟล์ (มักเป็น PDF) หรือหน้ารายการไฟล์" : "a file (usually PDF) or a page listing files"
    case .channel?: kind = th ? "ช่องทางออนไลน์ที่ใช้งานได้" : "a working online channel"
    case nil: kind = th ? "หลักฐาน" : "the evidence"
    }
    expectedAt = "\(kind), \(hub)"
  }

  /// The months a monthly item must show on `asOf`: every month of the fiscal year that ended
  /// at least `graceDays` before it (docs/MATCHING.md §4, the rule the matcher applies).
  public static func requiredMonths(fy: FiscalYear, asOf: Day, graceDays: Int) -> [YearMonth] {
    fy.months.filter { $0.last.adding(days: graceDays) <= asOf }
  }

  /// A freshness rule in words, with the dates it means for this audit.
  public static func window(_ rule: FreshnessRule, fy: FiscalYear, asOf: Day, th: Bool) -> String {
    let fyRange = "\(date(fy.start, th: th)) – \(date(fy.end, th: th))"
    switch rule {
    case .none:
      return th
        ? "ต้องเปิดได้ ณ วันที่ตรวจ \(date(asOf, th: th)); ไม่ต้องลงวันที่"
        : "online and working on the audit day \(date(asOf, th: th)); no date needed"
    case .inForce:
      return th
        ? "ฉบับที่ยังใช้บังคับ ณ \(date(asOf, th: th))"
        : "the version in force on \(date(asOf, th: th))"
    case .currentFY:
      return th
        ? "ปีงบประมาณ พ.ศ. \(fy.be) (\(fyRange))"
        : "fiscal year \(fy.be) (\(fyRange))"
    case .currentFYActivity:
      let end = min(asOf, fy.end)
      return th
        ? "กิจกรรมในปีงบประมาณ พ.ศ. \(fy.be) ที่จัดแล้ว (\(date(fy.start, th: th)) – \(date(end, th: th)))"
        : "an activity held in fiscal year \(fy.be) (\(date(fy.start, th: th)) – \(date(end, th: th)))"
    case .previousFY:
      let p = fy.previous
      let range = "\(date(p.start, th: th)) – \(date(p.end, th: th))"
      return th
        ? "รายงานของปีงบประมาณ พ.ศ. \(p.be) ทั้งปี (\(range))"
        : "the report for the whole fiscal year \(p.be) (\(range))"
    case .coversFY:
      return th
        ? "แผนหลายปีที่ครอบคลุมปีงบประมาณ พ.ศ. \(fy.be) เช่น (พ.ศ. \(fy.be - 3) – \(fy.be + 1))"
        : "a multi-year plan whose span includes fiscal year \(fy.be), e.g. (BE \(fy.be - 3)–\(fy.be + 1))"
    case .monthlyElapsed(let grace):
      let months = requiredMonths(fy: fy, asOf: asOf, graceDays: grace)
      guard let first = months.first, let last = months.last else {
        return th
          ? "รายเดือน: ยังไม่มีเดือนที่ต้องแสดง ณ \(date(asOf, th: th)) (ผ่อนผัน \(grace) วัน)"
          : "monthly: no month is due yet on \(date(asOf, th: th)) (\(grace) days' grace)"
      }
      return th
        ? "ทุกเดือน \(month(first, th: th)) – \(month(last, th: th)) (\(months.count) เดือน; เดือนที่สิ้นสุดแล้วเกิน \(grace) วัน ณ \(date(asOf, th: th)))"
        : "every month \(month(first, th: th)) – \(month(last, th: th)) (\(months.count) months; those ended more than \(grace) days before \(date(asOf, th: th)))"
    }
  }

  static let thaiMonths = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
  ]

  /// `30 มิ.ย. 2569` in Thai (Buddhist era), ISO in English.
  static func date(_ d: Day, th: Bool) -> String {
    th ? "\(d.day) \(thaiMonths[d.month - 1]) \(d.year + 543)" : d.iso
  }

  /// `ต.ค. 2568` in Thai, `2025-10` in English.
  static func month(_ m: YearMonth, th: Bool) -> String {
    th ? "\(thaiMonths[m.month - 1]) \(m.year + 543)" : m.description
  }
}

/// Display helpers shared by the human-readable formats (never CSV or JSON, which keep the
/// exact values).
enum Readable {
  /// `YYYY-MM` months as `เม.ย. 2569` in Thai; unchanged in English.
  static func months(_ list: [String], th: Bool) -> String {
    guard th else { return list.joined(separator: ", ") }
    return list.map { text -> String in
      let parts = text.split(separator: "-")
      guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m)
      else { return text }
      return ItemGuide.month(YearMonth(year: y, month: m), th: true)
    }.joined(separator: ", ")
  }

  /// Percent-encoded http(s) URLs inside a sentence, decoded so Thai file names read as Thai.
  /// A URL stays encoded when decoding would put a space, a control or invalid UTF-8 in it.
  static func urls(in sentence: String) -> String {
    guard sentence.contains("%") else { return sentence }
    return sentence.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
      let w = String(word)
      guard w.hasPrefix("http://") || w.hasPrefix("https://"), w.contains("%"),
        let decoded = w.removingPercentEncoding,
        !decoded.unicodeScalars.contains(where: {
          $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
        })
      else { return w }
      return decoded
    }.joined(separator: " ")
  }
}
