import AuditCore
import Foundation

/// The report as Markdown for e-mail, LINE and issue trackers: summary, a table of the items
/// to act on, then every item. Crawled text is escaped; links are `<url>` autolinks.
public enum MarkdownReportRenderer {
  public static func render(_ report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    var out: [String] = []
    out.append("# " + MarkdownText.escape(ReportWords.heading(report, th: th)))
    out.append("")
    out.append(ReportWords.subheading(report, th: th) + "  ")
    out.append("**" + ReportWords.summaryLine(report, th: th) + "**  ")
    out.append(ReportWords.counts(report.summary, th: th) + "  ")
    out.append(MarkdownText.escape(report.score.weighting))
    if !report.notes.isEmpty {
      out.append("")
      for note in report.notes { out.append("- " + MarkdownText.escape(note)) }
    }
    if let since = report.sinceLastRun {
      out.append("")
      out.append(
        (th ? "## ตั้งแต่รอบก่อน (" : "## Since the last run (")
          + MarkdownText.escape(since.previousRun) + ")")
      out.append("")
      for line in since.lines(context.language) { out.append("- " + MarkdownText.escape(line)) }
    }
    let failing = ReportRenderer.actionOrder(report.items).filter { $0.status != .pass }
    out.append("")
    out.append(th ? "## รายการที่ต้องดำเนินการ" : "## Items to act on")
    out.append("")
    if failing.isEmpty {
      out.append(th ? "ไม่มี: ทุกข้อผ่าน" : "None: every item passes.")
    } else {
      out.append(
        th ? "| ผล | ข้อ | รายการ | หน่วยงาน | เหตุผล |" : "| Status | Item | Title | Unit | Why |")
      out.append("|---|---|---|---|---|")
      for item in failing {
        let cells = [
          "**" + ReportWords.status(item.status, th: th) + "**", MarkdownText.escape(item.id),
          MarkdownText.escape(item.title), MarkdownText.escape(item.unit),
          MarkdownText.escape(Readable.urls(in: item.why)),
        ]
        out.append("| " + cells.joined(separator: " | ") + " |")
      }
    }
    out.append("")
    out.append(th ? "## ทุกรายการ" : "## All items")
    for item in report.items {
      out.append("")
      out.append(itemBlock(item, th: th))
    }
    out.append("")
    out.append(ReportWords.coverage(report.coverage, th: th))
    for note in report.coverage.notes.prefix(10) { out.append("- " + MarkdownText.escape(note)) }
    out.append("")
    out.append("_oitcheck \(MarkdownText.escape(report.version))_")
    return out.joined(separator: "\n") + "\n"
  }

  /// One item: a heading line, the why, months missing and the evidence links.
  static func itemBlock(_ item: ItemResult, th: Bool) -> String {
    var lines = [
      "### \(MarkdownText.escape(item.id)) \(MarkdownText.escape(item.title)) — **\(ReportWords.status(item.status, th: th))**",
      "",
      MarkdownText.escape(Readable.urls(in: item.why)),
    ]
    if let missing = item.monthsMissing, !missing.isEmpty {
      lines.append("")
      lines.append(
        (th ? "เดือนที่ขาด: " : "Months missing: ")
          + MarkdownText.escape(Readable.months(missing, th: th)))
    }
    if !item.evidence.isEmpty { lines.append("") }
    for e in item.evidence {
      lines.append("- " + evidenceLine(e))
    }
    return lines.joined(separator: "\n")
  }

  static func evidenceLine(_ e: Evidence) -> String {
    var s = MarkdownText.escape(e.title.isEmpty ? e.url : e.title) + " " + MarkdownText.link(e.url)
    if let d = e.date { s += " (" + MarkdownText.escape(d) + ")" }
    return s
  }
}
