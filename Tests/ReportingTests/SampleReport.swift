import AuditCore
import Foundation
import Testing

/// A small hand-made checklist and report with one item per status and hostile crawled text
/// in every field a page can fill (titles, reasons, URLs, notes).
enum Sample {
  static let hostileTitle = "<script>alert(1)</script>"
  static let hostileAttr = "\"><img src=x onerror=alert(1)>"
  static let site = "https://www.example.go.th/"

  static let checklist = Checklist(
    id: "oit-2569", year: FiscalYear(be: 2569), title: "ตัวอย่าง", sources: [],
    indicators: [Indicator(code: "9.1", nameTH: "ข้อมูลพื้นฐาน", nameEN: "Basic information")],
    items: [
      item("O1", "โครงสร้าง", "สำนักปลัด", .none, .page),
      item("O4", "ข่าวประชาสัมพันธ์", "สำนักปลัด", .currentFY, .page),
      item("O7", "รายงานผลการดำเนินงานประจำปี", "กองยุทธศาสตร์และงบประมาณ", .previousFY, .document),
      item("O11", "สรุปผลการจัดซื้อจัดจ้างรายเดือน", "กองคลัง", .monthlyElapsed(graceDays: 15), .document),
      item("O14", "รายงานผลการบริหารทรัพยากรบุคคล", "กองการเจ้าหน้าที่", .previousFY, .document),
      item("O18", "สถิติเรื่องร้องเรียน", "สำนักปลัด", .currentFY, .document),
      item("O5", "แผนพัฒนาท้องถิ่น", "กองยุทธศาสตร์และงบประมาณ", .coversFY, .document),
    ], path: "sample.yaml")

  static func item(
    _ code: String, _ title: String, _ unit: String, _ rule: FreshnessRule, _ kind: EvidenceKind
  ) -> ChecklistItem {
    ChecklistItem(
      code: code, titleTH: title, titleEN: title, indicator: "9.1", unit: unit,
      requirement: "เผยแพร่ \(title) | [ลิงก์](x)", family: "f", evidence: kind, freshness: rule,
      confidence: .high)
  }

  static let report: AuditReport = {
    let items = [
      ItemResult(
        id: "O1", title: "โครงสร้าง", indicator: "9.1", unit: "สำนักปลัด", status: .pass,
        evidence: [
          Evidence(
            url: "https://www.example.go.th/about/structure.html", title: hostileTitle,
            reason: "พบลิงก์ \u{1B}[31mสีแดง\u{1B}[0m")
        ], why: "พบ \(hostileTitle) ที่หน้าแรก"),
      ItemResult(
        id: "O4", title: "ข่าวประชาสัมพันธ์", indicator: "9.1", unit: "สำนักปลัด", status: .pass,
        evidence: [
          Evidence(
            url: "https://www.facebook.com/example", title: "Facebook", date: "2026-01-15",
            reason: "off-site")
        ], why: "ข่าว =SUM(A1:A9) | `code` [x](javascript:alert(1))"),
      ItemResult(
        id: "O7", title: "รายงานผลการดำเนินงานประจำปี", indicator: "9.1",
        unit: "กองยุทธศาสตร์และงบประมาณ", status: .stale,
        evidence: [
          Evidence(
            url:
              "https://www.example.go.th/docs/%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99-2566.pdf",
            title: "รายงาน 2566 \(hostileAttr)", date: "2022-10-01", reason: "from the file name")
        ],
        why:
          "https://www.example.go.th/docs/%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99-2566.pdf ล่าสุดเป็นของปี 2566"
      ),
      ItemResult(
        id: "O11", title: "สรุปผลการจัดซื้อจัดจ้างรายเดือน", indicator: "9.1", unit: "กองคลัง",
        status: .stale, evidence: [], why: "พบ 6 จาก 8 เดือน",
        monthsFound: ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"],
        monthsMissing: ["2026-04", "2026-05"]),
      ItemResult(
        id: "O14", title: "รายงานผลการบริหารทรัพยากรบุคคล", indicator: "9.1",
        unit: "กองการเจ้าหน้าที่", status: .uncertain,
        evidence: [
          Evidence(url: "javascript:alert(1)", title: "-cmd|' /C calc'!A0", reason: "script link")
        ], why: "หลักฐานอยู่นอกเว็บไซต์\nบรรทัดใหม่\t\"quoted\""),
      ItemResult(
        id: "O18", title: "สถิติเรื่องร้องเรียน", indicator: "9.1", unit: "สำนักปลัด",
        status: .missing, evidence: [], why: "ไม่พบ"),
      ItemResult(
        id: "O5", title: "แผนพัฒนาท้องถิ่น", indicator: "9.1", unit: "กองยุทธศาสตร์และงบประมาณ",
        status: .broken,
        evidence: [
          Evidence(url: "https://eservice.example.go.th/plan.pdf", title: "@แผน", reason: "404")
        ], why: "ลิงก์ตอบกลับ HTTP 404"),
    ]
    return AuditReport(
      site: site, checklist: ChecklistRef(id: "oit-2569", year: 2569), fiscalYear: 2569,
      asOf: "2026-06-30", items: items,
      coverage: ReportCoverage(
        pagesFetched: 42, pagesFailed: 1, complete: true, notes: ["robots.txt \u{07}บล็อก /admin/"]),
      score: ScoreEstimate(
        estimate: 2.0 / 7.0 * 100, byIndicator: ["9.1": 28.6], band: "F",
        weighting: "ทุกข้อมีน้ำหนักเท่ากัน"),
      notes: ["หมายเหตุ <b>ตัวหนา</b>"], version: "0.0.0-test")
  }()
}

/// Compares `actual` with `Golden/<name>`; with OITCHECK_UPDATE_GOLDEN=1 rewrites the file and
/// still fails, so that a rewrite is always looked at in the diff.
func assertGolden(
  _ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden")
  let url = dir.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["OITCHECK_UPDATE_GOLDEN"] == "1" {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url, options: .atomic)
    Issue.record(
      "rewrote Golden/\(name): review the diff, then run again without OITCHECK_UPDATE_GOLDEN",
      sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? Data(contentsOf: url) else {
    Issue.record(
      "no Golden/\(name): run with OITCHECK_UPDATE_GOLDEN=1 to create it",
      sourceLocation: sourceLocation)
    return
  }
  let expectedText = String(decoding: expected, as: UTF8.self)
  if expectedText != actual {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expectedText.split(separator: "\n", omittingEmptySubsequences: false)
    let line = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
    let got = line < a.count ? String(a[line]) : "<end>"
    let want = line < e.count ? String(e[line]) : "<end>"
    Issue.record(
      "Golden/\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)",
      sourceLocation: sourceLocation)
  }
}
