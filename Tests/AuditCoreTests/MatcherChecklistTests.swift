import Foundation
import Testing

@testable import AuditCore

/// The real checklists against hand-built snapshots: the families must find every official
/// title, and look-alikes from OIT-REFERENCE §7.3 must not pass the items they resemble.
@Suite struct MatcherChecklistTests {
  static let checklists = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Checklists").path

  static func catalog() throws -> ChecklistCatalog {
    try ChecklistCatalog(directory: checklists)
  }

  /// Each item's official Thai title, as a row of a current-year hub that links to a PDF labelled
  /// with the year its window wants, is found and passes (monthly items get one file a month).
  @Test(arguments: [2568, 2569])
  func officialTitlesOnAHubPass(_ year: Int) throws {
    let catalog = try Self.catalog()
    let checklist = try catalog.load(year: year)
    let fy = FiscalYear(be: year)
    var links: [PageLink] = []
    var attachments: [AttachmentFacts] = []
    for item in checklist.items {
      let label: String
      switch item.freshness {
      case .previousFY: label = "ประจำปีงบประมาณ พ.ศ. \(year - 1)"
      case .coversFY: label = "(พ.ศ. \(year - 3) - \(year + 1))"
      default: label = "ประจำปีงบประมาณ พ.ศ. \(year)"
      }
      if case .monthlyElapsed = item.freshness {
        for (i, m) in fy.months.enumerated() {
          let url = MatcherKit.url("/ita/\(item.code)-\(i).pdf")
          let month = [
            "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
            "ส.ค.", "ก.ย.",
          ][i]
          let be = m.year + 543
          links.append(
            PageLink(url: url, text: "\(item.titleTH) เดือน \(month) \(be)", rowText: nil))
          attachments.append(MatcherKit.pdf("/ita/\(item.code)-\(i).pdf"))
        }
        continue
      }
      let url = MatcherKit.url("/ita/\(item.code).pdf")
      links.append(
        PageLink(
          url: url, text: "ดาวน์โหลด", rowText: "\(item.code) \(item.titleTH) \(label) ดาวน์โหลด"))
      attachments.append(MatcherKit.pdf("/ita/\(item.code).pdf"))
    }
    let hub = MatcherKit.page("/ita", "การประเมินคุณธรรมและความโปร่งใส ITA \(year)", links: links)
    let s = MatcherKit.snapshot(
      [MatcherKit.home([MatcherKit.link("/ita", "ITA \(year)")]), hub], attachments: attachments)
    let asOf = fy.end
    let report = Matcher.audit(
      snapshot: s, checklist: checklist, families: catalog.families,
      options: AuditOptions(fiscalYear: fy, asOf: asOf, language: .en))
    for r in report.items {
      #expect(r.status == .pass, "\(year) \(r.id): \(r.why)")
    }
  }

  /// Look-alikes named in the reference, each as the only link of a site, never pass the item
  /// they resemble.
  @Test(arguments: [
    ("O11", "ประกาศผู้ชนะการเสนอราคา จัดซื้อวัสดุ เดือน มกราคม 2569"),
    ("O11", "ประกาศราคากลาง ประจำเดือน ธันวาคม 2568"),
    ("O20", "ประกาศเจตจำนงสุจริตของผู้บริหาร ประจำปีงบประมาณ 2569"),
    ("O17", "รับเรื่องราวร้องทุกข์"),
    ("O7", "รายงานการติดตามผลการดำเนินงาน รอบ 6 เดือน ประจำปีงบประมาณ 2568"),
    ("O1", "ซ่อมแซมโครงสร้างถนน หมู่ 3"),
  ])
  func lookAlikesDoNotPass(_ code: String, _ text: String) throws {
    let catalog = try Self.catalog()
    let checklist = try catalog.load(year: 2569)
    let s = MatcherKit.snapshot(
      [
        MatcherKit.home([MatcherKit.link("/doc/1.pdf", text)]),
        MatcherKit.page("/other", "หน้าอื่น"),
      ],
      attachments: [MatcherKit.pdf("/doc/1.pdf")])
    let report = Matcher.audit(
      snapshot: s, checklist: checklist, families: catalog.families,
      options: AuditOptions(fiscalYear: FiscalYear(be: 2569), asOf: MatcherKit.asOf, language: .en))
    let r = try #require(report.items.first { $0.id == code })
    #expect(r.status != .pass, "\(r.why)")
  }
}
