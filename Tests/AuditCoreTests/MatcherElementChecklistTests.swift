import Foundation
import Testing

@testable import AuditCore

/// Items of several elements with the shipped checklists and families: the ways one element's
/// evidence, or one link named for all of them, used to pass the whole item (MATCHING.md §5a).
@Suite struct MatcherElementChecklistTests {
  typealias K = MatcherKit

  static let catalog = Result { try MatcherChecklistTests.catalog() }

  /// One item of the shipped checklist of `year`, audited alone on `s`.
  static func audit(
    _ s: Snapshot, _ code: String, year: Int = 2569, language: ReportLanguage = .en
  ) throws -> ItemResult {
    let catalog = try Self.catalog.get()
    let list = try catalog.load(year: year)
    let item = try #require(list.items.first { $0.code == code })
    let fy = FiscalYear(be: year)
    let asOf = year == 2569 ? K.asOf : Day(unchecked: 2025, 3, 31)
    let report = Matcher.audit(
      snapshot: s, checklist: K.checklist([item]), families: catalog.families,
      options: AuditOptions(fiscalYear: fy, asOf: asOf, language: language))
    return try #require(report.items.first)
  }

  static let hubTitle = "การประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ 2569"
  static let o20Title =
    "การขับเคลื่อนนโยบาย NO GIFT POLICY จากการปฏิบัติหน้าที่ และการเสริมสร้างความรู้"
    + "เกี่ยวกับหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ"
  static let declaration69 = "ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ 2569"
  static let declaration68 = "ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ 2568"
  static let report68 = "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา ประจำปีงบประมาณ 2568"
  static let rules = "หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ (มาตรา 128)"

  /// A site whose home page links to `links`, each a PDF that exists.
  static func documents(_ links: [(path: String, text: String)], pages: [PageFacts] = [])
    -> Snapshot
  {
    K.snapshot(
      [K.home(links.map { K.link($0.path, $0.text) })] + pages,
      attachments: links.filter { $0.path.hasSuffix(".pdf") }.map { K.pdf($0.path) })
  }

  // MARK: one link named for several elements

  /// The official O1 title names both elements: a hub row carrying it proves neither, and its
  /// target, a bare chart image, names neither alone.
  @Test func aHubRowWithTheTitleOfBothElementsIsUncertain() throws {
    let hub = K.page(
      "/ita2569", Self.hubTitle,
      links: [K.link("/files/chart.jpg", "คลิก", row: "O1 โครงสร้าง หน้าที่และอำนาจ คลิก")])
    let s = K.snapshot(
      [K.home([K.link("/ita2569", "ITA 2569")]), hub], attachments: [K.pdf("/files/chart.jpg")])
    let r = try Self.audit(s, "O1")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(
      r.why
        == "One link is named for both organisation chart and summary of duties and powers: "
        + K.url("/files/chart.jpg") + "; check that it shows each.")
    let th = try Self.audit(s, "O1", language: .th)
    #expect(
      th.why
        == "ลิงก์เดียวกันระบุทั้ง แผนผังโครงสร้าง และ สรุปหน้าที่และอำนาจ: "
        + K.url("/files/chart.jpg") + " ต้องตรวจว่าแสดงครบทุกองค์ประกอบ")
  }

  /// A menu link naming both, to a page that shows only a chart.
  @Test func aMenuLinkNamingBothToAChartPageIsUncertain() throws {
    let s = K.snapshot([
      K.home([K.link("/about.html", "โครงสร้างและอำนาจหน้าที่")]),
      K.page("/about.html", "เทศบาลตำบลทดสอบ", links: [K.link("/files/chart.jpg", "ผังองค์กร")]),
    ])
    let r = try Self.audit(s, "O1")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.hasPrefix("One link is named for both organisation chart and summary"))
  }

  /// A page titled with the official title, reached by "คลิก".
  @Test func aPageTitledForBothElementsIsUncertain() throws {
    let s = K.snapshot([
      K.home([K.link("/p/12", "คลิก")]),
      K.page("/p/12", "โครงสร้าง หน้าที่และอำนาจ", links: [K.link("/files/org.jpg", "ภาพ")]),
    ])
    let r = try Self.audit(s, "O1")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains(K.url("/p/12")))
  }

  /// The same link passes when its target names each element by itself: a structure file name
  /// and a heading of the duties alone.
  @Test func aLinkNamedForBothPassesWhenTheTargetNamesEach() throws {
    let s = K.snapshot([
      K.home([K.link("/about/structure.html", "โครงสร้างส่วนราชการและอำนาจหน้าที่")]),
      K.page(
        "/about/structure.html", "โครงสร้างส่วนราชการ และอำนาจหน้าที่",
        headings: ["แผนภูมิโครงสร้าง", "อำนาจหน้าที่ (สรุป)"]),
    ])
    let r = try Self.audit(s, "O1")
    #expect(r.status == .pass, "\(r.why)")
  }

  /// One document whose link names the declaration of FY N and the gift report of FY N−1,
  /// each with its own year, is two documents in one file; with the sec. 128 rules it passes.
  @Test func aLinkDatingEachElementInItsOwnWindowPasses() throws {
    let both = "ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ 2569 และรายงานการรับทรัพย์สินฯ ปีงบประมาณ 2568"
    let s = Self.documents([("/files/nogift.pdf", both), ("/files/s128.pdf", Self.rules)])
    let r = try Self.audit(s, "O20")
    #expect(r.status == .pass, "\(r.why)")
  }

  // MARK: dating an element by another element's links

  /// A hub row with the O20 title and no year leads to a page of declarations only: the gift
  /// report is not dated by last year's declaration, from its links or from its text.
  @Test func anElementIsNotDatedByAnotherElementsLinks() throws {
    let hub = K.page(
      "/ita2569", Self.hubTitle,
      links: [K.link("/nogift", "คลิก", row: "O20 \(Self.o20Title) คลิก")])
    let listing = K.page(
      "/nogift", "No Gift Policy", text: "\(Self.declaration69) \(Self.declaration68)",
      links: [
        K.link("/files/d69.pdf", Self.declaration69), K.link("/files/d68.pdf", Self.declaration68),
      ])
    let s = K.snapshot(
      [K.home([K.link("/ita2569", "ITA 2569")]), hub, listing],
      attachments: [K.pdf("/files/d69.pdf"), K.pdf("/files/d68.pdf")])
    let r = try Self.audit(s, "O20")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("no passing evidence of report of gifts received"), "\(r.why)")
  }

  /// A link named only for the gift report, without a year, to a page listing declarations:
  /// their years do not date the report, whether read from the links, from the page text (older
  /// snapshots) or from the page's date strings (what the crawler keeps).
  @Test(arguments: [true, false])
  func aGiftReportPageIsNotDatedByTheDeclarationsBesideIt(withText: Bool) throws {
    let listing = PageFacts(
      url: K.url("/gifts"), status: 200, title: "รายงาน",
      text: withText ? "รายการเอกสาร \(Self.declaration68) ดาวน์โหลด" : "",
      links: [K.link("/files/d68.pdf", Self.declaration68)],
      dates: withText ? [] : ["ประจำปีงบประมาณ 2568"], depth: 1)
    let s = K.snapshot(
      [
        K.home([
          K.link("/files/d69.pdf", Self.declaration69),
          K.link("/gifts", "รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา"),
          K.link("/files/s128.pdf", Self.rules),
        ]),
        listing,
      ], attachments: [K.pdf("/files/d69.pdf"), K.pdf("/files/d68.pdf"), K.pdf("/files/s128.pdf")])
    let r = try Self.audit(s, "O20")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("no passing evidence of report of gifts received"), "\(r.why)")
    let report = r.evidence.filter { $0.reason.hasPrefix("report of gifts received") }
    #expect(report.allSatisfy { $0.date == nil }, "\(report)")
  }

  // MARK: sec. 128 guidance is not the gift report

  /// Training on the sec. 128 rules of FY N−1 beside the declaration is no gift report.
  @Test func sec128TrainingIsNoGiftReport() throws {
    let training =
      "โครงการอบรมให้ความรู้หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใด ประจำปีงบประมาณ 2568"
    let s = Self.documents([("/files/d69.pdf", Self.declaration69), ("/files/t68.pdf", training)])
    let r = try Self.audit(s, "O20")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("no passing evidence of report of gifts received"), "\(r.why)")
    #expect(!r.why.contains("no passing evidence of guidance on the gift rules"), "\(r.why)")
    // 2568 O22 is the gift report alone: the training is not it either.
    let o22 = try Self.audit(
      Self.documents([
        ("/files/t67.pdf", "โครงการอบรมให้ความรู้หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใด ประจำปีงบประมาณ 2567")
      ]), "O22", year: 2568)
    #expect(o22.status == .missing, "\(o22.why)")
  }

  /// The sec. 128 guidance is the third element of 2569 O20 (OIT-REFERENCE §6): declaration
  /// and report without it are not a pass; with it they are.
  @Test func sec128GuidanceIsRequired() throws {
    let without = Self.documents([
      ("/files/d69.pdf", Self.declaration69), ("/files/r68.pdf", Self.report68),
    ])
    let r = try Self.audit(without, "O20")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("no passing evidence of guidance on the gift rules (sec. 128)"))
    let with = Self.documents([
      ("/files/d69.pdf", Self.declaration69), ("/files/r68.pdf", Self.report68),
      ("/files/s128.pdf", Self.rules),
    ])
    let pass = try Self.audit(with, "O20")
    #expect(pass.status == .pass, "\(pass.why)")
  }

  // MARK: the statistics of 2569 O10 have a window

  @Test func oldUsageStatisticsDoNotPassO10() throws {
    let s = K.snapshot(
      [
        K.home([
          K.link("/eservice", "E-Service ยื่นคำร้องออนไลน์"),
          K.link("/files/stat62.pdf", "สถิติการให้บริการ ประจำปีงบประมาณ 2562"),
        ]),
        K.page("/eservice", "E-Service"),
      ], attachments: [K.pdf("/files/stat62.pdf")])
    let r = try Self.audit(s, "O10")
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.hasPrefix("Found online service channel but no passing evidence of usage"))
    #expect(r.why.contains("2562"))
    let fresh = K.snapshot(
      [
        K.home([
          K.link("/eservice", "E-Service ยื่นคำร้องออนไลน์"),
          K.link("/files/stat69.pdf", "สถิติการให้บริการ ประจำปีงบประมาณ 2569"),
        ]),
        K.page("/eservice", "E-Service"),
      ], attachments: [K.pdf("/files/stat69.pdf")])
    #expect(try Self.audit(fresh, "O10").status == .pass)
  }

  // MARK: O6 needs the plan and the budget ordinance

  @Test(arguments: [2568, 2569])
  func theOperatingPlanAloneOrTheOrdinanceAloneDoesNotPassO6(year: Int) throws {
    let plan = ("/files/plan.pdf", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. \(year)")
    let act = ("/files/act.pdf", "เทศบัญญัติงบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. \(year)")
    let planOnly = try Self.audit(Self.documents([plan]), "O6", year: year)
    #expect(planOnly.status == .uncertain, "\(planOnly.why)")
    #expect(planOnly.why.contains("no passing evidence of budget ordinance"), "\(planOnly.why)")
    let actOnly = try Self.audit(Self.documents([act]), "O6", year: year)
    #expect(actOnly.status == .uncertain, "\(actOnly.why)")
    #expect(actOnly.why.contains("no passing evidence of annual operating plan"), "\(actOnly.why)")
    let both = try Self.audit(Self.documents([plan, act]), "O6", year: year)
    #expect(both.status == .pass, "\(both.why)")
  }

  // MARK: no element passes: the verdict comes from the elements

  /// Only a stale gift report: the item is `stale`, and the why says which element is stale.
  @Test func aStaleElementAndNothingElseIsStale() throws {
    let s = Self.documents([
      ("/files/r66.pdf", "รายงานผลการดำเนินการตามนโยบาย No Gift Policy ประจำปีงบประมาณ 2566")
    ])
    let r = try Self.audit(s, "O20")
    #expect(r.status == .stale, "\(r.why)")
    #expect(r.why.hasPrefix("No passing evidence of No Gift Policy declaration, report of gifts"))
    #expect(r.why.contains("(report of gifts received: "), "\(r.why)")
    #expect(r.why.contains("2566"))
    #expect(r.evidence.map(\.url) == [K.url("/files/r66.pdf")])
  }

  /// Only a broken statistics file: `broken`, naming the file, not `missing`.
  @Test func aBrokenElementAndNothingElseIsBroken() throws {
    let s = K.snapshot(
      [K.home([K.link("/files/stat.pdf", "สถิติการให้บริการ ประจำปีงบประมาณ 2569")])],
      attachments: [K.pdf("/files/stat.pdf", status: 404)])
    let r = try Self.audit(s, "O10")
    #expect(r.status == .broken, "\(r.why)")
    #expect(r.why.contains("(usage statistics: "), "\(r.why)")
    #expect(r.why.contains("returned HTTP 404"))
  }
}
