import AuditCore
import Foundation

/// The terminal and cron-mail report: a summary line, failing items first with one block each,
/// then the counts. Crawled text is made terminal-safe; columns are aligned by display width.
public enum TextReportRenderer {
  public static func render(_ report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    var lines: [String] = []
    lines.append(
      "oitcheck \(report.version) — " + TerminalText.safe(ReportWords.heading(report, th: th)))
    lines.append(ReportWords.subheading(report, th: th))
    lines.append(ReportWords.summaryLine(report, th: th))
    for note in report.notes { lines.append("  * " + TerminalText.safe(note)) }
    if let since = report.sinceLastRun {
      lines.append(
        (th ? "ตั้งแต่รอบก่อน (" : "Since the last run (") + TerminalText.safe(since.previousRun) + "):")
      for line in since.lines(context.language) { lines.append("  " + TerminalText.safe(line)) }
    }
    lines.append("")
    let statusWidth = ItemStatus.allCases.map { TerminalText.width(label($0, th: th)) }.max() ?? 8
    let codeWidth = report.items.map { TerminalText.width($0.id) }.max() ?? 3
    let indent = String(repeating: " ", count: statusWidth + 2 + codeWidth + 1)
    for item in ReportRenderer.actionOrder(report.items) {
      let status = TerminalText.pad(label(item.status, th: th), to: statusWidth)
      let code = TerminalText.pad(TerminalText.safe(item.id), to: codeWidth)
      let title = TerminalText.truncate(TerminalText.safe(item.title), to: 70)
      lines.append("\(colorize(status, item.status, context.color))  \(code) \(title)")
      lines.append(indent + TerminalText.safe(Readable.urls(in: item.why)))
      if let missing = item.monthsMissing, !missing.isEmpty {
        lines.append(
          indent + (th ? "เดือนที่ขาด: " : "months missing: ") + Readable.months(missing, th: th))
      }
      for evidence in item.evidence.prefix(2) {
        lines.append(
          indent + "→ " + TerminalText.truncate(TerminalText.safe(evidence.url), to: 110))
      }
    }
    lines.append("")
    lines.append(ReportWords.counts(report.summary, th: th))
    lines.append(
      ReportWords.score(report, th: th) + " — " + TerminalText.safe(report.score.weighting))
    lines.append(ReportWords.coverage(report.coverage, th: th))
    for note in report.coverage.notes.prefix(10) { lines.append("  * " + TerminalText.safe(note)) }
    return lines.joined(separator: "\n") + "\n"
  }

  public static func label(_ status: ItemStatus, th: Bool) -> String {
    ReportWords.status(status, th: th)
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
