import AuditCore
import Foundation

/// The terminal and cron-mail report: failing items first, one block per item, then a summary.
public enum TextReportRenderer {
  public static func render(_ report: AuditReport, context: RenderContext) -> String {
    let th = context.language == .th
    var lines: [String] = []
    let s = report.summary
    lines.append(
      th
        ? "oitcheck \(report.version) — ผลตรวจ OIT ของ \(TerminalText.safe(report.site))"
        : "oitcheck \(report.version) — OIT audit of \(TerminalText.safe(report.site))")
    lines.append(
      th
        ? "รายการ \(report.checklist.id) · ปีงบประมาณ \(report.fiscalYear) · ณ วันที่ \(report.asOf)"
        : "checklist \(report.checklist.id) · fiscal year \(report.fiscalYear) · as of \(report.asOf)")
    for note in report.notes { lines.append("  * " + TerminalText.safe(note)) }
    lines.append("")
    let order: [ItemStatus] = [.missing, .stale, .broken, .uncertain, .pass]
    let sorted = report.items.enumerated().sorted { a, b in
      let ra = order.firstIndex(of: a.element.status) ?? 0
      let rb = order.firstIndex(of: b.element.status) ?? 0
      return ra != rb ? ra < rb : a.offset < b.offset
    }.map(\.element)
    let statusWidth = ItemStatus.allCases.map { TerminalText.width(label($0, th: th)) }.max() ?? 8
    for item in sorted {
      let status = TerminalText.pad(label(item.status, th: th), to: statusWidth)
      let code = TerminalText.pad(item.id, to: 4)
      let title = TerminalText.truncate(TerminalText.safe(item.title), to: 70)
      lines.append("\(colorize(status, item.status, context.color))  \(code) \(title)")
      lines.append("      " + TerminalText.safe(item.why))
      if let missing = item.monthsMissing, !missing.isEmpty {
        lines.append("      " + (th ? "เดือนที่ขาด: " : "months missing: ") + missing.joined(separator: ", "))
      }
      for evidence in item.evidence.prefix(2) {
        lines.append("      → " + TerminalText.truncate(TerminalText.safe(evidence.url), to: 110))
      }
    }
    lines.append("")
    let counts =
      th
      ? "ผ่าน \(s.pass) · ไม่พบ \(s.missing) · ไม่เป็นปัจจุบัน \(s.stale) · ลิงก์เสีย \(s.broken) · ไม่แน่ใจ \(s.uncertain)"
      : "pass \(s.pass) · missing \(s.missing) · stale \(s.stale) · broken \(s.broken) · uncertain \(s.uncertain)"
    lines.append(counts)
    let score = String(format: "%.1f", report.score.estimate)
    lines.append(
      th
        ? "คะแนนประมาณการ \(score) (ระดับ \(report.score.band)) — \(report.score.weighting)"
        : "score estimate \(score) (band \(report.score.band)) — \(report.score.weighting)")
    let c = report.coverage
    lines.append(
      th
        ? "การเก็บข้อมูล: \(c.pagesFetched) หน้า, ล้มเหลว \(c.pagesFailed), \(c.complete ? "ครบ" : "ไม่ครบ")"
        : "coverage: \(c.pagesFetched) pages, \(c.pagesFailed) failed, \(c.complete ? "complete" : "incomplete")")
    for note in c.notes.prefix(10) { lines.append("  * " + TerminalText.safe(note)) }
    return lines.joined(separator: "\n") + "\n"
  }

  public static func label(_ status: ItemStatus, th: Bool) -> String {
    switch status {
    case .pass: th ? "ผ่าน" : "pass"
    case .missing: th ? "ไม่พบ" : "missing"
    case .stale: th ? "ไม่เป็นปัจจุบัน" : "stale"
    case .broken: th ? "ลิงก์เสีย" : "broken"
    case .uncertain: th ? "ไม่แน่ใจ" : "uncertain"
    }
  }

  static func colorize(_ text: String, _ status: ItemStatus, _ on: Bool) -> String {
    guard on else { return text }
    let code: String =
      switch status {
      case .pass: "32"
      case .missing, .broken: "31"
      case .stale: "33"
      case .uncertain: "35"
      }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }
}
