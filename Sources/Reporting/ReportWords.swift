import AuditCore
import Foundation

/// The fixed words of the reports in Thai and English; crawled text never passes through here.
enum ReportWords {
  static func status(_ status: ItemStatus, th: Bool) -> String {
    switch status {
    case .pass: th ? "ผ่าน" : "pass"
    case .missing: th ? "ไม่พบ" : "missing"
    case .stale: th ? "ไม่เป็นปัจจุบัน" : "stale"
    case .broken: th ? "ลิงก์เสีย" : "broken"
    case .uncertain: th ? "ไม่แน่ใจ" : "uncertain"
    }
  }

  /// "ผ่าน 20 · ไม่พบ 2 · …" in the report's order of urgency.
  static func counts(_ s: StatusSummary, th: Bool) -> String {
    let pairs: [(ItemStatus, Int)] = [
      (.pass, s.pass), (.missing, s.missing), (.stale, s.stale), (.broken, s.broken),
      (.uncertain, s.uncertain),
    ]
    return pairs.map { "\(status($0.0, th: th)) \($0.1)" }.joined(separator: " · ")
  }

  static func score(_ report: AuditReport, th: Bool) -> String {
    let value = String(format: "%.1f", report.score.estimate)
    return th
      ? "คะแนนประมาณการ \(value) (ระดับ \(report.score.band))"
      : "score estimate \(value) (band \(report.score.band))"
  }

  /// One line for the top of a report: score, band and how many items need work.
  static func summaryLine(_ report: AuditReport, th: Bool) -> String {
    let failing = report.items.count - report.summary.pass
    return th
      ? "สรุป: \(score(report, th: th)) · ไม่ผ่าน \(failing) จาก \(report.items.count) ข้อ"
      : "summary: \(score(report, th: th)) · \(failing) of \(report.items.count) items not passing"
  }

  static func coverage(_ c: ReportCoverage, th: Bool) -> String {
    th
      ? "การเก็บข้อมูล: \(c.pagesFetched) หน้า, ล้มเหลว \(c.pagesFailed), \(c.complete ? "ครบ" : "ไม่ครบ")"
      : "coverage: \(c.pagesFetched) pages, \(c.pagesFailed) failed, \(c.complete ? "complete" : "incomplete")"
  }

  static func heading(_ report: AuditReport, th: Bool) -> String {
    th
      ? "ผลตรวจ OIT ของ \(ThaiText.clean(report.site))"
      : "OIT audit of \(ThaiText.clean(report.site))"
  }

  static func subheading(_ report: AuditReport, th: Bool) -> String {
    th
      ? "รายการ \(report.checklist.id) · ปีงบประมาณ \(report.fiscalYear) · ณ วันที่ \(report.asOf)"
      : "checklist \(report.checklist.id) · fiscal year \(report.fiscalYear) · as of \(report.asOf)"
  }
}
