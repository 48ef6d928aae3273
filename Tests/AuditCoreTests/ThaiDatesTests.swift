import AuditCore
import Foundation
import Testing

/// One `find` case: the text and the mentions expected in order, each written as
/// "kind start" for a single day or "kind start end" for a span; [] means no date at all.
struct DateCase: CustomTestStringConvertible, Sendable {
  let text: String
  let expected: [String]
  init(_ text: String, _ expected: String...) {
    self.text = text
    self.expected = expected
  }
  var testDescription: String { text }
}

private func render(_ m: DateMention) -> String {
  m.start == m.end ? "\(m.kind.rawValue) \(m.start)" : "\(m.kind.rawValue) \(m.start) \(m.end)"
}

private let fy2568 = "fiscalYear 2024-10-01 2025-09-30"
private let fy2569 = "fiscalYear 2025-10-01 2026-09-30"
private let year2568 = "year 2025-01-01 2025-12-31"
private let year2569 = "year 2026-01-01 2026-12-31"
private let oct2567 = "month 2024-10-01 2024-10-31"
private let firstHalf2569 = "monthRange 2025-10-01 2026-03-31"
private let span2566to2570 = "yearSpan 2022-10-01 2027-09-30"

struct ThaiDatesTests {
  // Every row of OIT-REFERENCE §8's table.
  static let referenceTable: [DateCase] = [
    DateCase("15 มกราคม 2569", "day 2026-01-15"),
    DateCase("วันที่ 1 ตุลาคม พ.ศ. 2568", "day 2025-10-01"),
    DateCase("๑๕ มกราคม ๒๕๖๙", "day 2026-01-15"),
    DateCase("พ.ศ. ๒๕๖๘", year2568),
    DateCase("9 ก.ค. 2569", "day 2026-07-09"),
    DateCase("มี.ค 67", "month 2024-03-01 2024-03-31"),
    DateCase("9 กค 2569", "day 2026-07-09"),
    DateCase("ต.ค.67", oct2567),
    DateCase("ต.ค.-67", oct2567),
    DateCase("ก.ย.68", "month 2025-09-01 2025-09-30"),
    DateCase("สขร. เดือน ตุลาคม 2567", oct2567),
    DateCase("16 กุมภาพันธ์ 2025", "day 2025-02-16"),
    DateCase("มิถุนายน 9, 2026", "day 2026-06-09"),
    DateCase("15/01/2569", "day 2026-01-15"),
    DateCase("2026-01-15", "day 2026-01-15"),
    DateCase("ปีงบประมาณ พ.ศ. 2568", fy2568),
    DateCase("ประจำปีงบประมาณ 2568", fy2568),
    DateCase("ปีงบ 68", fy2568),
    DateCase("งบปี 68", fy2568),
    DateCase("พ.ศ.2568", year2568),
    DateCase("ประจำปี พ.ศ. 2568", year2568),
    DateCase("ประจำปี 2568", year2568),
    DateCase("ปี 2568", year2568),
    DateCase("ไตรมาสที่ 2 ปีงบประมาณ 2569", "monthRange 2026-01-01 2026-03-31"),
    DateCase("รอบ 6 เดือน ประจำปีงบประมาณ 2569", firstHalf2569),
    DateCase("รอบ 12 เดือน ปีงบประมาณ 2568", "monthRange 2024-10-01 2025-09-30"),
    DateCase("1 ต.ค. 66-31 มี.ค 67", "dayRange 2023-10-01 2024-03-31"),
    DateCase("ต.ค.67–เม.ย.68", "monthRange 2024-10-01 2025-04-30"),
    DateCase("1 เม.ย.67-30 ก.ย.67", "dayRange 2024-04-01 2024-09-30"),
    DateCase("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570)", span2566to2570),
    DateCase("แผนอัตรากำลัง 3 ปี (2567–2569)", "yearSpan 2023-10-01 2026-09-30"),
    DateCase("คำสั่งที่ 123/2568", year2568),
    DateCase("ครั้งที่ 1/2568", year2568),
    DateCase("ประกาศ ณ วันที่ 30 กันยายน 2568", "day 2025-09-30"),
    DateCase("ปีการศึกษา 2567"),
    DateCase("ภาคเรียนที่ ๑/๒๕๖๙"),
  ]

  // Spelling and layout variants of days and months.
  static let variants: [DateCase] = [
    DateCase("15 พ.ย. 2569", "day 2026-11-15"),
    DateCase("ม.ค. 2569", "month 2026-01-01 2026-01-31"),
    DateCase("มค 2569", "month 2026-01-01 2026-01-31"),
    DateCase("ม.ค 2569", "month 2026-01-01 2026-01-31"),
    DateCase("ม. ค. 2569", "month 2026-01-01 2026-01-31"),
    DateCase("กรกฏาคม 2568", "month 2025-07-01 2025-07-31"),
    DateCase("1๕ มกราคม 25๖9", "day 2026-01-15"),
    DateCase("ก.พ. 67", "month 2024-02-01 2024-02-29"),
    DateCase("เม.ย. 2569", "month 2026-04-01 2026-04-30"),
    DateCase("มิ.ย.69", "month 2026-06-01 2026-06-30"),
    DateCase("12 ธ.ค. 2568 เวลา 09.00 น.", "day 2025-12-12"),
    DateCase("วันที่ 15 เดือน มกราคม พ.ศ. 2569", "day 2026-01-15"),
    DateCase("เมื่อ 15มกราคม2569", "day 2026-01-15"),
    DateCase("พ.ศ.. 2568", year2568),
    DateCase("ตุลาคม 2025", "month 2025-10-01 2025-10-31"),
    DateCase("ค.ศ. 2025", "year 2025-01-01 2025-12-31"),
    DateCase("O1 ตุลาคม 2567", oct2567),
    DateCase("ตุลา 67", oct2567),
    DateCase("15/1/2026", "day 2026-01-15"),
    DateCase("15-01-2569", "day 2026-01-15"),
    DateCase("15.01.2569", "day 2026-01-15"),
    DateCase("2026/01/15", "day 2026-01-15"),
    DateCase("29/02/2567", "day 2024-02-29"),
    DateCase("15 January 2026", "day 2026-01-15"),
    DateCase("Jan 15, 2026", "day 2026-01-15"),
    DateCase("January 2026", "month 2026-01-01 2026-01-31"),
    DateCase("15th January 2026", "day 2026-01-15"),
    DateCase("Sept. 30, 2025", "day 2025-09-30"),
    DateCase("posted 3 Mar 2026 by admin", "day 2026-03-03"),
  ]

  // Ranges: dash, en dash, em dash, ถึง, a missing first year.
  static let ranges: [DateCase] = [
    DateCase("ต.ค. - ธ.ค. 2568", "monthRange 2025-10-01 2025-12-31"),
    DateCase("ต.ค. - มี.ค. 2569", "monthRange 2025-10-01 2026-03-31"),
    DateCase("ตุลาคม 2568 - มีนาคม 2569", firstHalf2569),
    DateCase("ตุลาคม 2568 – มีนาคม 2569", firstHalf2569),
    DateCase("ตุลาคม 2568 — มีนาคม 2569", firstHalf2569),
    DateCase("ตุลาคม 2568 ถึง มีนาคม 2569", firstHalf2569),
    DateCase("ตุลาคม 2567 - กันยายน 2568", "monthRange 2024-10-01 2025-09-30"),
    DateCase("ต.ค. 2567 – ก.ย. 2568", "monthRange 2024-10-01 2025-09-30"),
    DateCase("ต.ค.67-ธ.ค.67", "monthRange 2024-10-01 2024-12-31"),
    DateCase("ธันวาคม 2568 - กุมภาพันธ์ 2569", "monthRange 2025-12-01 2026-02-28"),
    DateCase("1 ต.ค. 2568 ถึง 31 มี.ค. 2569", "dayRange 2025-10-01 2026-03-31"),
    DateCase(
      "ตั้งแต่วันที่ 1 ตุลาคม 2568 ถึงวันที่ 31 มีนาคม 2569", "dayRange 2025-10-01 2026-03-31"),
    DateCase("1 ตุลาคม 2567 — 30 กันยายน 2568", "dayRange 2024-10-01 2025-09-30"),
    DateCase("1 ต.ค. - 31 มี.ค. 2569", "dayRange 2025-10-01 2026-03-31"),
    DateCase("1 - 31 ต.ค. 67", "dayRange 2024-10-01 2024-10-31"),
    DateCase("1-15 มกราคม 2569", "dayRange 2026-01-01 2026-01-15"),
    DateCase("01/10/2567 - 31/03/2568", "dayRange 2024-10-01 2025-03-31"),
    DateCase("01/10/2567-31/03/2568", "dayRange 2024-10-01 2025-03-31"),
    DateCase("1–15 January 2026", "dayRange 2026-01-01 2026-01-15"),
    DateCase("Jan 1 - Mar 31, 2026", "dayRange 2026-01-01 2026-03-31"),
    DateCase("January to March 2026", "monthRange 2026-01-01 2026-03-31"),
  ]

  // Fiscal years, years, spans, quarters and halves.
  static let periods: [DateCase] = [
    DateCase("ปีงบประมาณ 2569", fy2569),
    DateCase("งบประมาณ พ.ศ. 2569", fy2569),
    DateCase("ปีงบประมาณ ๒๕๖๙", fy2569),
    DateCase("ปีงบประมาณ พ.ศ.2570", "fiscalYear 2026-10-01 2027-09-30"),
    DateCase("เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2569", fy2569),
    DateCase("FY2569", fy2569),
    DateCase("ปีงบประมาณ 2566-2570", span2566to2570),
    DateCase("พ.ศ. 2566 - พ.ศ. 2570", span2566to2570),
    DateCase("2566-2570", span2566to2570),
    DateCase("ปี 68", year2568),
    DateCase("ITA 2569", year2569),
    DateCase("OIT 2569", year2569),
    DateCase("ITA2569", year2569),
    DateCase("ITA ปี 2568", year2568),
    DateCase("ที่ 45/2568", year2568),
    DateCase("ไตรมาส 1/2569", "monthRange 2025-10-01 2025-12-31"),
    DateCase("ไตรมาสที่ 4 ปีงบประมาณ พ.ศ. 2568", "monthRange 2025-07-01 2025-09-30"),
    DateCase(
      "รายงานการกำกับติดตาม รอบ 6 เดือน ของปีงบประมาณ 2569", firstHalf2569, fy2569),
    DateCase("ครึ่งปีหลัง ปีงบประมาณ 2569", "monthRange 2026-04-01 2026-09-30"),
    DateCase("รอบ 6 เดือนหลัง ปีงบประมาณ 2569", "monthRange 2026-04-01 2026-09-30"),
    DateCase("ไตรมาสที่ 3 รายงานผล ปี 2569", "monthRange 2026-04-01 2026-06-30", year2569),
    DateCase(
      "ประกาศ ณ วันที่ 1 ต.ค. 2568 เรื่อง แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. 2569",
      "day 2025-10-01", fy2569),
  ]

  // Text that looks like a date and is not one: nothing is better than a guess.
  static let noDate: [DateCase] = [
    DateCase("ปีการศึกษา 2567 ภาคเรียนที่ 1"),
    DateCase("ภาคเรียนที่ 1/2569"),
    DateCase("ประจำปีการศึกษา 2568"),
    DateCase("31/04/2569"),
    DateCase("20/13/2569"),
    DateCase("29 กุมภาพันธ์ 2569"),
    DateCase("31 เมษายน 2569"),
    DateCase("2566 - 2580"),
    DateCase("2570-2566"),
    DateCase("เลขที่ 2569"),
    DateCase("ราคา 2,569 บาท"),
    DateCase("จำนวนเงิน 12,569.50 บาท"),
    DateCase("โทร 02-123-4567"),
    DateCase("โทร. 081-234-5678"),
    DateCase("ผู้เข้าร่วม 2569 คน"),
    DateCase("รายงานไตรมาสที่ 2"),
    DateCase("รอบ 6 เดือน"),
    DateCase("ปี 55"),
    DateCase("ต.ค. 55"),
    DateCase("ก.พ.ร. 2569"),
    DateCase("ปีใหม่ 2569"),
    DateCase("เวลา 10.30 น."),
    DateCase("15 ต.ค."),
    DateCase("ตุลาคม"),
    DateCase("version 1.2.3"),
    DateCase("15/01/69"),
    DateCase("อายุ 60 ปี"),
    DateCase("มีความโปร่งใส 2569"),
  ]

  @Test(arguments: referenceTable + variants + ranges + periods + noDate)
  func finds(_ c: DateCase) {
    #expect(ThaiDates.find(in: c.text).map(render) == c.expected)
  }

  @Test func tableHasEnoughCases() {
    let all = Self.referenceTable + Self.variants + Self.ranges + Self.periods + Self.noDate
    #expect(all.count >= 100)
  }

  /// OIT-REFERENCE §3's trap: a November date belongs to the next fiscal year.
  @Test func novemberBelongsToNextFiscalYear() throws {
    let m = try #require(ThaiDates.find(in: "ลงวันที่ 15 พ.ย. 2569").first)
    #expect(m.start == Day(year: 2026, month: 11, day: 15))
    #expect(m.fiscalYears == 2570...2570)
  }

  @Test(arguments: [
    ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570)", "พ.ศ. 2566 – 2570"),
    ("คำสั่งที่ 123/2568 เรื่อง", "ที่ 123/2568"),
    ("สขร. เดือน ตุลาคม 2567", "ตุลาคม 2567"),
    ("ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๘ ณ", "วันที่ ๑ ตุลาคม ๒๕๖๘"),
    ("ช่วง 1 ต.ค. 66-31 มี.ค 67 นี้", "1 ต.ค. 66-31 มี.ค 67"),
    ("รายงาน รอบ 6 เดือน ของปีงบประมาณ 2569", "รอบ 6 เดือน"),
  ])
  func keepsTheExactText(_ text: String, _ expected: String) throws {
    let m = try #require(ThaiDates.find(in: text).first)
    #expect(m.text == expected)
  }

  @Test func mentionsComeInOrderWithoutOverlap() throws {
    let text = """
      ข่าว 5 ม.ค. 2569 · รายงานผล ต.ค.67–เม.ย.68 · แผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570) \
      · ประจำปีงบประมาณ 2569 · โทร 02-123-4567 · ปรับปรุง 2026-02-01
      """
    let found = ThaiDates.find(in: text)
    #expect(found.map(\.kind) == [.day, .monthRange, .yearSpan, .fiscalYear, .day])
    var searchFrom = text.startIndex
    for m in found {
      let r = try #require(text.range(of: m.text, range: searchFrom..<text.endIndex))
      searchFrom = r.upperBound
    }
  }

  @Test(arguments: [
    ("แผน68.pdf", 2568), ("ITA68", 2568), ("ita68.php", 2568), ("RL_2568.xlsx", 2568),
    ("report-2025.pdf", 2568), ("https://x.go.th/files/สขร_ต.ค.67.pdf?id=5", 2567),
    ("%E0%B9%81%E0%B8%9C%E0%B8%9968.pdf", 2568), ("ita/2569/", 2569), ("2600.pdf", 2600),
    ("2057.pdf", 2600), ("ข้อ1_๒๕๖๙.pdf", 2569), ("doc_01_68.pdf", 2568),
  ])
  func yearHintReadsFileNames(_ name: String, _ be: Int) {
    #expect(ThaiDates.yearHint(inFileName: name) == be)
  }

  @Test(arguments: [
    "doc.pdf", "index.php?id=75", "scan_0001.pdf", "IMG_20250115.jpg", "plan-55.pdf",
    "2601.pdf", "1996.pdf", "",
  ])
  func yearHintIgnoresImplausibleNumbers(_ name: String) {
    #expect(ThaiDates.yearHint(inFileName: name) == nil)
  }
}

/// Years that name no period carry the mark the freshness rules read.
@Suite struct ThaiDatesPeriodTests {
  @Test(arguments: [
    ("ITA 2569", false), ("OIT ปี 2568", false), ("ครั้งที่ 1/2568", false), ("ที่ 45/2568", false),
    ("ประจำปี 2568", true), ("ปีงบประมาณ พ.ศ. 2569", true),
  ])
  func yearsOfRoundsAndNumbersNameNoPeriod(_ text: String, _ namesPeriod: Bool) {
    let found = ThaiDates.find(in: text)
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.namesPeriod == namesPeriod)
  }
}
