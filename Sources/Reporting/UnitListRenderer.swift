import AuditCore
import Foundation

/// A division head's to-do list: only that unit's missing, stale and broken items, each with
/// what to publish, the window it must cover, where it is expected and what was found so far.
///
/// Uncertain items are listed apart, under "to check": the tool could not decide them (an
/// off-site file, an undated page), so only someone in the unit can; they are not counted as
/// things to publish.
public enum UnitListRenderer {
  /// The items of `unit` in the report, split into to-do and to-check, action order.
  public static func split(_ report: AuditReport, unit: ResponsibleUnit) -> (
    toDo: [ItemResult], toCheck: [ItemResult]
  ) {
    let mine = ReportRenderer.actionOrder(report.items.filter { unit.items.contains($0.id) })
    return (
      mine.filter { ReportRenderer.toDo.contains($0.status) },
      mine.filter { $0.status == .uncertain }
    )
  }

  public static func markdown(
    _ report: AuditReport, unit: ResponsibleUnit, context: RenderContext
  ) -> String {
    let th = context.th
    let (toDo, toCheck) = split(report, unit: unit)
    var out = [
      "# " + (th ? "รายการ OIT ที่ต้องเผยแพร่: " : "OIT items to publish: ")
        + MarkdownText.escape(unit.name),
      "",
      MarkdownText.escape(ReportWords.heading(report, th: th)) + "  ",
      ReportWords.subheading(report, th: th) + "  ",
    ]
    if let contact = unit.contact {
      out.append((th ? "ผู้ติดต่อ: " : "Contact: ") + MarkdownText.escape(contact) + "  ")
    }
    out.append(ReportWords.summaryLine(report, th: th))
    out.append("")
    out.append((th ? "## ต้องดำเนินการ" : "## To do") + " (\(toDo.count))")
    out.append("")
    if toDo.isEmpty {
      out.append(th ? "ไม่มีรายการค้าง" : "Nothing to publish.")
    }
    for item in toDo { out.append(block(item, report: report, context: context)) }
    if !toCheck.isEmpty {
      out.append("")
      out.append(
        (th ? "## ควรตรวจสอบ (ไม่แน่ใจ)" : "## To check (uncertain)") + " (\(toCheck.count))")
      out.append("")
      for item in toCheck { out.append(block(item, report: report, context: context)) }
    }
    out.append("")
    out.append("_oitcheck \(MarkdownText.escape(report.version))_")
    return out.joined(separator: "\n") + "\n"
  }

  static func block(_ item: ItemResult, report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    let g = ItemGuide(
      item: item, report: report, checklist: context.checklist, language: context.language)
    let e = MarkdownText.escape
    var lines = [
      "### \(e(item.id)) \(e(item.title)) — **\(ReportWords.status(item.status, th: th))**",
      "",
      "- " + (th ? "สิ่งที่ต้องเผยแพร่: " : "Publish: ") + e(g.publish),
      "- " + (th ? "ช่วงเวลาที่ต้องครอบคลุม: " : "Window: ") + e(g.window),
      "- " + (th ? "ตำแหน่งที่ผู้ประเมินจะดู: " : "Expected at: ") + e(g.expectedAt),
      "- " + (th ? "ผลตรวจ: " : "Found: ") + e(Readable.urls(in: item.why)),
    ]
    if let missing = item.monthsMissing, !missing.isEmpty {
      lines.append(
        "- " + (th ? "เดือนที่ขาด: " : "Months missing: ") + e(Readable.months(missing, th: th)))
    }
    if item.evidence.isEmpty {
      lines.append("- " + (th ? "หลักฐานที่พบแล้ว: ไม่มี" : "Evidence so far: none"))
    } else {
      lines.append("- " + (th ? "หลักฐานที่พบแล้ว:" : "Evidence so far:"))
      for ev in item.evidence { lines.append("  - " + MarkdownReportRenderer.evidenceLine(ev)) }
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }

  public static func html(
    _ report: AuditReport, unit: ResponsibleUnit, context: RenderContext
  ) -> String {
    let th = context.th
    let e = HTMLText.escape
    let (toDo, toCheck) = split(report, unit: unit)
    let title = (th ? "รายการ OIT ที่ต้องเผยแพร่: " : "OIT items to publish: ") + unit.name
    var b = [HTMLPage.head(title: title, lang: context.language), "<header>"]
    b.append("<h1>\(e(title))</h1>")
    b.append("<p class=\"meta\">\(e(ReportWords.heading(report, th: th)))</p>")
    b.append("<p class=\"meta\">\(e(ReportWords.subheading(report, th: th)))</p>")
    if let contact = unit.contact {
      b.append("<p class=\"meta\">\(th ? "ผู้ติดต่อ" : "Contact"): \(e(contact))</p>")
    }
    b.append("<p class=\"meta\">\(e(ReportWords.summaryLine(report, th: th)))</p>")
    b.append("</header>")
    b.append("<section class=\"todo\">")
    b.append("<h2>\(th ? "ต้องดำเนินการ" : "To do") (\(toDo.count))</h2>")
    if toDo.isEmpty { b.append("<p>\(th ? "ไม่มีรายการค้าง" : "Nothing to publish.")</p>") }
    for item in toDo { b.append(article(item, report: report, context: context)) }
    b.append("</section>")
    if !toCheck.isEmpty {
      b.append("<section class=\"check\">")
      b.append("<h2>\(th ? "ควรตรวจสอบ (ไม่แน่ใจ)" : "To check (uncertain)") (\(toCheck.count))</h2>")
      for item in toCheck { b.append(article(item, report: report, context: context)) }
      b.append("</section>")
    }
    b.append("<footer>oitcheck \(e(report.version))</footer>")
    b.append("</body>\n</html>")
    return b.joined(separator: "\n") + "\n"
  }

  static func article(_ item: ItemResult, report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    let e = HTMLText.escape
    let g = ItemGuide(
      item: item, report: report, checklist: context.checklist, language: context.language)
    var b = [
      "<article class=\"item\" data-code=\"\(e(item.id))\" data-status=\"\(item.status.rawValue)\">",
      "<h3>\(HTMLReportRenderer.badge(item.status, th: th)) \(e(item.id)) \(e(item.title))</h3>",
      "<table>",
      "<tr><th>\(th ? "สิ่งที่ต้องเผยแพร่" : "Publish")</th><td>\(e(g.publish))</td></tr>",
      "<tr><th>\(th ? "ช่วงเวลาที่ต้องครอบคลุม" : "Window")</th><td>\(e(g.window))</td></tr>",
      "<tr><th>\(th ? "ตำแหน่งที่ผู้ประเมินจะดู" : "Expected at")</th><td>\(e(g.expectedAt))</td></tr>",
      "<tr><th>\(th ? "ผลตรวจ" : "Found")</th><td>\(e(Readable.urls(in: item.why)))</td></tr>",
    ]
    if let missing = item.monthsMissing, !missing.isEmpty {
      b.append(
        "<tr><th>\(th ? "เดือนที่ขาด" : "Months missing")</th><td>\(e(Readable.months(missing, th: th)))</td></tr>"
      )
    }
    b.append(
      "<tr><th>\(th ? "หลักฐานที่พบแล้ว" : "Evidence so far")</th><td>\(HTMLReportRenderer.evidenceList(item.evidence))</td></tr>"
    )
    b.append(contentsOf: ["</table>", "</article>"])
    return b.joined(separator: "\n")
  }
}
