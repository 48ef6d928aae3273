import AuditCore
import Foundation

/// The ITA coordinator's sheet: for each passing item the one URL to submit, flagged when it
/// is not on the agency's main site (assessors want evidence on the main site, §2).
public enum EvidenceSheet {
  /// Where a URL lives relative to the audited site.
  public enum Placement: String, Sendable {
    case mainSite = "main-site"
    /// Another host of the same domain (`eservice.x.go.th` beside `www.x.go.th`).
    case otherHost = "other-host"
    /// Another domain altogether (Google Drive, Facebook).
    case offSite = "off-site"
  }

  public struct Row: Sendable, Hashable {
    public var code: String
    public var title: String
    public var unit: String
    public var url: String
    public var placement: Placement
  }

  /// The host of a URL, lower-cased, without `www.`.
  static func host(_ url: String) -> String? {
    guard let h = URLComponents(string: url)?.host?.lowercased(), !h.isEmpty else { return nil }
    return h.hasPrefix("www.") ? String(h.dropFirst(4)) : h
  }

  public static func placement(of url: String, site: String) -> Placement {
    guard let main = host(site), let h = host(url) else { return .offSite }
    if h == main { return .mainSite }
    if h.hasSuffix("." + main) || main.hasSuffix("." + h) { return .otherHost }
    return .offSite
  }

  /// One row per passing item: its first evidence on the main site, else its first evidence.
  public static func rows(_ report: AuditReport) -> [Row] {
    report.items.filter { $0.status == .pass }.compactMap { item in
      let best =
        item.evidence.first { placement(of: $0.url, site: report.site) == .mainSite }
        ?? item.evidence.first
      guard let best else { return nil }
      return Row(
        code: item.id, title: item.title, unit: item.unit, url: best.url,
        placement: placement(of: best.url, site: report.site))
    }
  }

  static func flag(_ p: Placement, th: Bool) -> String {
    switch p {
    case .mainSite: th ? "เว็บไซต์หลัก" : "main site"
    case .otherHost: th ? "ไม่ใช่เว็บไซต์หลัก (โฮสต์อื่นของหน่วยงาน)" : "not the main site (another host)"
    case .offSite: th ? "นอกเว็บไซต์ (ควรย้ายมาไว้บนเว็บไซต์หลัก)" : "off-site (move it to the main site)"
    }
  }

  public static func csv(_ report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    var out = CSVText.byteOrderMark
    out += CSVText.row(
      th
        ? ["ข้อ", "รายการ", "หน่วยงาน", "URL หลักฐาน", "ตำแหน่ง", "หมายเหตุ"]
        : ["item", "title", "unit", "evidence_url", "placement", "note"])
    for r in rows(report) {
      out += CSVText.row([
        r.code, r.title, r.unit, r.url, r.placement.rawValue, flag(r.placement, th: th),
      ])
    }
    return out
  }

  public static func markdown(_ report: AuditReport, context: RenderContext) -> String {
    let th = context.th
    var out = [
      "# " + (th ? "หลักฐานสำหรับส่ง OIT — " : "OIT evidence to submit — ")
        + MarkdownText.escape(ReportWords.heading(report, th: th)),
      "",
      ReportWords.subheading(report, th: th) + "  ",
      th
        ? "เฉพาะข้อที่ผ่าน; ลิงก์ที่ไม่อยู่บนเว็บไซต์หลักถูกทำเครื่องหมาย ⚠"
        : "Passing items only; links not on the main site are marked ⚠",
      "",
      th ? "| ข้อ | รายการ | หลักฐาน | ตำแหน่ง |" : "| Item | Title | Evidence | Placement |",
      "|---|---|---|---|",
    ]
    for r in rows(report) {
      let mark = r.placement == .mainSite ? "" : "⚠ "
      out.append(
        "| \(MarkdownText.escape(r.code)) | \(MarkdownText.escape(r.title)) | \(MarkdownText.link(r.url)) | \(mark)\(flag(r.placement, th: th)) |"
      )
    }
    return out.joined(separator: "\n") + "\n"
  }
}
