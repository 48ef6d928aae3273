import AuditCore
import Foundation

/// The report as one self-contained HTML page: inline CSS, no script, no font or image to
/// fetch (a Content-Security-Policy forbids any request), printable on A4. Every crawled
/// string is escaped; only http(s) URLs become links.
public enum HTMLReportRenderer {
  public static func render(_ report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    let e = HTMLText.escape
    var b: [String] = []
    b.append(HTMLPage.head(title: ReportWords.heading(report, th: th), lang: context.language))
    b.append("<header>")
    b.append("<h1>\(e(ReportWords.heading(report, th: th)))</h1>")
    b.append("<p class=\"meta\">\(e(ReportWords.subheading(report, th: th)))</p>")
    b.append("</header>")
    b.append(summarySection(report, th: th))
    let failing = ReportRenderer.actionOrder(report.items).filter { $0.status != .pass }
    b.append("<section class=\"todo\">")
    b.append("<h2>\(th ? "รายการที่ต้องดำเนินการ" : "Items to act on") (\(failing.count))</h2>")
    if failing.isEmpty {
      b.append("<p>\(th ? "ไม่มี: ทุกข้อผ่าน" : "None: every item passes.")</p>")
    } else {
      b.append(itemTable(failing, report: report, context: context, showUnit: true))
    }
    b.append("</section>")
    let map = context.unitMap(for: report)
    for unit in map.units {
      let items = ReportRenderer.actionOrder(report.items.filter { unit.items.contains($0.id) })
      guard !items.isEmpty else { continue }
      b.append("<section class=\"unit\">")
      b.append("<h2>\(e(unit.name))</h2>")
      if let contact = unit.contact { b.append("<p class=\"meta\">\(e(contact))</p>") }
      b.append("<p class=\"meta\">\(ReportWords.counts(StatusSummary(items), th: th))</p>")
      b.append(itemTable(items, report: report, context: context, showUnit: false))
      b.append("</section>")
    }
    let orphans = map.unowned(report.items.map(\.id))
    if !orphans.isEmpty {
      let items = report.items.filter { orphans.contains($0.id) }
      b.append("<section class=\"unit\">")
      b.append("<h2>\(th ? "ไม่มีหน่วยงานรับผิดชอบ" : "Owned by no unit")</h2>")
      b.append(itemTable(items, report: report, context: context, showUnit: false))
      b.append("</section>")
    }
    b.append(coverageSection(report, th: th))
    b.append("<footer>oitcheck \(e(report.version))</footer>")
    b.append("</body>\n</html>")
    return b.joined(separator: "\n") + "\n"
  }

  static func summarySection(_ report: AuditReport, th: Bool) -> String {
    let e = HTMLText.escape
    let s = report.summary
    var b = ["<section class=\"summary\">"]
    b.append(
      "<p class=\"score\"><span class=\"grade\">\(e(report.score.band))</span> \(e(ReportWords.summaryLine(report, th: th)))</p>"
    )
    b.append("<ul class=\"counts\">")
    let pairs: [(ItemStatus, Int)] = [
      (.missing, s.missing), (.stale, s.stale), (.broken, s.broken), (.uncertain, s.uncertain),
      (.pass, s.pass),
    ]
    for (status, n) in pairs {
      b.append("<li>\(badge(status, th: th)) \(n)</li>")
    }
    b.append("</ul>")
    b.append("<p class=\"note\">\(e(report.score.weighting))</p>")
    if !report.notes.isEmpty {
      b.append("<ul class=\"notes\">")
      for note in report.notes { b.append("<li>\(e(note))</li>") }
      b.append("</ul>")
    }
    if let since = report.sinceLastRun {
      let heading = th ? "ตั้งแต่รอบก่อน" : "Since the last run"
      b.append("<h3>\(heading) (\(e(since.previousRun)))</h3>")
      b.append("<ul class=\"since\">")
      for line in since.lines(th ? .th : .en) { b.append("<li>\(e(line))</li>") }
      b.append("</ul>")
    }
    b.append("</section>")
    return b.joined(separator: "\n")
  }

  static func coverageSection(_ report: AuditReport, th: Bool) -> String {
    let e = HTMLText.escape
    var b = ["<section class=\"coverage\">", "<h2>\(th ? "การเก็บข้อมูล" : "Coverage")</h2>"]
    b.append("<p>\(e(ReportWords.coverage(report.coverage, th: th)))</p>")
    if !report.coverage.notes.isEmpty {
      b.append("<ul>")
      for note in report.coverage.notes.prefix(20) { b.append("<li>\(e(note))</li>") }
      b.append("</ul>")
    }
    b.append("</section>")
    return b.joined(separator: "\n")
  }

  /// A status word in a coloured box; the class carries the status for print and for tests.
  static func badge(_ status: ItemStatus, th: Bool) -> String {
    "<span class=\"badge \(status.rawValue)\">\(HTMLText.escape(ReportWords.status(status, th: th)))</span>"
  }

  static func itemTable(
    _ items: [ItemResult], report: AuditReport, context: RenderContext, showUnit: Bool
  ) -> String {
    let th = context.th
    let e = HTMLText.escape
    var b = ["<table class=\"items\">", "<thead><tr>"]
    b.append("<th class=\"c-status\">\(th ? "ผล" : "Status")</th>")
    b.append("<th class=\"c-code\">\(th ? "ข้อ" : "Item")</th>")
    b.append("<th>\(th ? "รายการและเหตุผล" : "Item and why")</th>")
    if showUnit { b.append("<th class=\"c-unit\">\(th ? "หน่วยงาน" : "Unit")</th>") }
    b.append("<th class=\"c-evidence\">\(th ? "หลักฐาน" : "Evidence")</th>")
    b.append(contentsOf: ["</tr></thead>", "<tbody>"])
    for item in items {
      let guide = ItemGuide(
        item: item, report: report, checklist: context.checklist, language: context.language)
      b.append("<tr class=\"\(item.status.rawValue)\" data-code=\"\(e(item.id))\">")
      b.append("<td>\(badge(item.status, th: th))</td>")
      b.append("<td class=\"code\">\(e(item.id))</td>")
      var cell = "<td><strong>\(e(item.title))</strong><br>\(e(Readable.urls(in: item.why)))"
      if let missing = item.monthsMissing, !missing.isEmpty {
        cell += "<br>\(th ? "เดือนที่ขาด" : "Months missing"): \(e(Readable.months(missing, th: th)))"
      }
      if item.status != .pass {
        cell += "<br><span class=\"window\">\(th ? "ช่วงเวลา" : "Window"): \(e(guide.window))</span>"
      }
      b.append(cell + "</td>")
      if showUnit { b.append("<td>\(e(item.unit))</td>") }
      b.append("<td>\(evidenceList(item.evidence))</td>")
      b.append("</tr>")
    }
    b.append(contentsOf: ["</tbody>", "</table>"])
    return b.joined(separator: "\n")
  }

  /// Evidence as a list of links (or plain text for non-http URLs), with the date read.
  static func evidenceList(_ evidence: [Evidence]) -> String {
    guard !evidence.isEmpty else { return "—" }
    let e = HTMLText.escape
    var b = "<ul class=\"evidence\">"
    for ev in evidence {
      let label = e(ev.title.isEmpty ? ev.url : ev.title)
      // Shown decoded (Thai file names read as Thai); the link keeps the exact URL.
      let shown = e(ev.url.removingPercentEncoding ?? ev.url)
      let link =
        HTMLText.href(ev.url).map {
          "<a href=\"\($0)\" title=\"\(e(ev.reason))\">\(label)</a> <span class=\"url\">\(shown)</span>"
        } ?? "\(label) <span class=\"url\">\(shown)</span>"
      b += "<li>\(link)\(ev.date.map { " <span class=\"date\">(\(e($0)))</span>" } ?? "")</li>"
    }
    return b + "</ul>"
  }
}

/// The shared head of every HTML file: metadata, a policy that forbids every request, and
/// the style sheet (screen and A4 print).
enum HTMLPage {
  static func head(title: String, lang: ReportLanguage) -> String {
    """
    <!DOCTYPE html>
    <html lang="\(lang.rawValue)">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>\(HTMLText.escape(title))</title>
    <style>
    \(style)
    </style>
    </head>
    <body>
    """
  }

  // System fonts only: nothing is downloaded. Thai first, so Latin falls back gracefully.
  static let style = """
    :root { --pass: #1b7f3b; --missing: #b3261e; --stale: #a15c00; --broken: #8e1b5a; --uncertain: #5b4a9e; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Sans Thai", "Sarabun", "TH Sarabun New", "Loma", Tahoma, "DejaVu Sans", sans-serif;
      font-size: 15px; line-height: 1.55; color: #1c1c1c; background: #fff; margin: 0 auto; padding: 24px; max-width: 1100px; }
    h1 { font-size: 1.5em; margin: 0 0 .2em; }
    h2 { font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 2px solid #d0d0d0; padding-bottom: .2em; }
    .meta, .note { color: #555; margin: .2em 0; }
    .summary { background: #f4f6f8; border: 1px solid #d6dbe0; border-radius: 6px; padding: 12px 16px; margin-top: 12px; }
    .score { font-size: 1.15em; font-weight: 600; margin: 0 0 .4em; }
    .grade { display: inline-block; min-width: 2.2em; text-align: center; background: #1c1c1c; color: #fff; border-radius: 4px; padding: 0 .4em; }
    ul.counts { list-style: none; padding: 0; margin: .3em 0; display: flex; flex-wrap: wrap; gap: 14px; }
    table { width: 100%; border-collapse: collapse; margin: .4em 0 1em; table-layout: fixed; }
    th, td { border: 1px solid #d6dbe0; padding: 6px 8px; vertical-align: top; text-align: left;
      overflow-wrap: anywhere; }
    th.c-status { width: 9.5em; } th.c-code { width: 4em; } th.c-unit { width: 9em; } th.c-evidence { width: 32%; }
    article table th { width: 12em; }
    th { background: #eef1f4; }
    td.code { white-space: nowrap; font-weight: 600; }
    .badge { display: inline-block; border-radius: 4px; padding: 1px 8px; color: #fff; font-weight: 600; white-space: nowrap; }
    .badge.pass { background: var(--pass); } .badge.missing { background: var(--missing); }
    .badge.stale { background: var(--stale); } .badge.broken { background: var(--broken); }
    .badge.uncertain { background: var(--uncertain); }
    .window { color: #333; font-size: .92em; }
    ul.evidence { margin: 0; padding-left: 1.1em; }
    .url { display: block; color: #555; font-size: .85em; word-break: break-all; }
    a { color: #0b57a4; }
    footer { margin-top: 2em; color: #777; font-size: .85em; }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      body { padding: 0; max-width: none; font-size: 11pt; }
      .badge, .grade, th, .summary { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      tr, .summary { break-inside: avoid; }
      h2 { break-after: avoid; }
      section.unit { break-before: page; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
