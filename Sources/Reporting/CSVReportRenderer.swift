import AuditCore

/// One row per item, UTF-8 with a byte-order mark so Excel shows Thai; cells are neutralized
/// against formula injection and quoted per RFC 4180. Checklist order, for pasting.
public enum CSVReportRenderer {
  public static func render(_ report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    var out = CSVText.byteOrderMark
    out += CSVText.row(
      th
        ? [
          "ข้อ", "ตัวชี้วัดย่อย", "รายการ", "หน่วยงาน", "ผล", "เหตุผล", "ช่วงเวลาที่ต้องครอบคลุม",
          "เดือนที่ขาด", "หลักฐาน", "ชื่อหลักฐาน", "วันที่หลักฐาน", "หลักฐานอื่น",
        ]
        : [
          "item", "indicator", "title", "unit", "status", "why", "window", "months_missing",
          "evidence_url", "evidence_title", "evidence_date", "more_evidence",
        ])
    for item in report.items {
      let guide = ItemGuide(
        item: item, report: report, checklist: context.checklist, language: context.language)
      let first = item.evidence.first
      out += CSVText.row([
        item.id, item.indicator, item.title, item.unit, ReportWords.status(item.status, th: th),
        item.why, guide.window, (item.monthsMissing ?? []).joined(separator: " "),
        first?.url ?? "", first?.title ?? "", first?.date ?? "",
        item.evidence.dropFirst().map(\.url).joined(separator: "\n"),
      ])
    }
    return out
  }
}
