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
  /// with the year its window wants, is found and passes (monthly items get one file a month;
  /// each element of an item of several gets a row of its own).
  @Test(arguments: [2568, 2569])
  func officialTitlesOnAHubPass(_ year: Int) throws {
    let catalog = try Self.catalog()
    let checklist = try catalog.load(year: year)
    let fy = FiscalYear(be: year)
    var links: [PageLink] = []
    var attachments: [AttachmentFacts] = []
    func windowLabel(_ rule: FreshnessRule) -> String {
      switch rule {
      case .previousFY: "ประจำปีงบประมาณ พ.ศ. \(year - 1)"
      case .coversFY: "(พ.ศ. \(year - 3) - \(year + 1))"
      default: "ประจำปีงบประมาณ พ.ศ. \(year)"
      }
    }
    for item in checklist.items {
      let label = windowLabel(item.freshness)
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
      // In an item of several elements each element is shown by a row of its own, named by
      // its family and labelled for its own window: the title row names them all, so it proves
      // none of them (MATCHING.md §5a).
      let parts = item.requires.isEmpty ? [] : [item.family] + item.requires
      for (e, id) in parts.enumerated() {
        let term = try #require(catalog.families[id]?.terms.first)
        let label = windowLabel(item.elementFreshness[id] ?? item.freshness)
        let path = "/ita/\(item.code)-element\(e).pdf"
        links.append(
          PageLink(
            url: MatcherKit.url(path), text: "ดาวน์โหลด",
            rowText: "\(item.code) \(term) \(label) ดาวน์โหลด"))
        attachments.append(MatcherKit.pdf(path))
      }
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

  /// One element of an item of several never passes it (OIT-REFERENCE §2; review finding 10):
  /// a duties page without the chart, a chart without the duties, an e-service without its
  /// usage figures, a No Gift declaration without the gift report, sec. 128 training without
  /// the declaration.
  @Test(arguments: [
    (2568, "O1", "อำนาจหน้าที่"),
    (2569, "O1", "หน้าที่และอำนาจ"),
    (2569, "O1", "แผนผังโครงสร้างองค์กร"),
    (2569, "O10", "E-Service ยื่นคำร้องออนไลน์"),
    (2569, "O20", "ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. 2569"),
    (2569, "O20", "การเสริมสร้างความรู้เกี่ยวกับหลักเกณฑ์การรับทรัพย์สิน ปีงบประมาณ พ.ศ. 2569"),
  ])
  func oneElementDoesNotPass(_ year: Int, _ code: String, _ text: String) throws {
    let catalog = try Self.catalog()
    let checklist = try catalog.load(year: year)
    let s = MatcherKit.snapshot([
      MatcherKit.home([MatcherKit.link("/page.html", text)]),
      MatcherKit.page("/page.html", text),
    ])
    let report = Matcher.audit(
      snapshot: s, checklist: checklist, families: catalog.families,
      options: AuditOptions(
        fiscalYear: FiscalYear(be: year), asOf: FiscalYear(be: year).end, language: .en))
    let r = try #require(report.items.first { $0.id == code })
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("the item needs every element"), "\(r.why)")
  }
}
