import Testing

@testable import AuditCore

/// Items that need several elements (`requires`): the real matcher on small snapshots. OIT
/// scores an item 100 only when every element is shown (OIT-REFERENCE §2), so one element must
/// never pass the item.
@Suite struct MatcherElementTests {
  static let families: [String: KeywordFamily] = [
    "structure": KeywordFamily(
      id: "structure", terms: ["โครงสร้างองค์กร", "แผนผังโครงสร้าง"], urlHints: ["organ"],
      nameTH: "แผนผังโครงสร้าง", nameEN: "organisation chart"),
    "duties": KeywordFamily(
      id: "duties", terms: ["อำนาจหน้าที่", "หน้าที่และอำนาจ"], exclude: ["กฎหมายที่เกี่ยวข้อง"],
      nameTH: "สรุปหน้าที่และอำนาจ", nameEN: "summary of duties and powers"),
    "e-service": KeywordFamily(
      id: "e-service", terms: ["E-Service"], exclude: ["สถิติ"],
      nameTH: "ช่องทางบริการออนไลน์", nameEN: "online service channel"),
    "service-statistics": KeywordFamily(
      id: "service-statistics", terms: ["สถิติการให้บริการ"],
      nameTH: "สถิติการใช้บริการ", nameEN: "usage statistics"),
    "plan": KeywordFamily(
      id: "plan", terms: ["แผนการดำเนินงาน"], nameTH: "แผนการดำเนินงาน", nameEN: "operating plan"),
    "budget": KeywordFamily(
      id: "budget", terms: ["เทศบัญญัติงบประมาณรายจ่าย"], nameTH: "เทศบัญญัติงบประมาณ",
      nameEN: "budget ordinance"),
  ]

  static func item(
    _ family: String, requires: [String], _ freshness: FreshnessRule = .none,
    evidence: EvidenceKind = .page
  ) -> ChecklistItem {
    ChecklistItem(
      code: "O1", titleTH: "ข้อ O1", titleEN: "Item O1", indicator: "9.1", unit: "สำนักปลัด",
      requirement: "", family: family, requires: requires, evidence: evidence,
      freshness: freshness, confidence: .high)
  }

  static let o1 = item("structure", requires: ["duties"])

  static func audit(
    _ s: Snapshot, _ item: ChecklistItem = o1, language: ReportLanguage = .en
  ) throws -> ItemResult {
    let report = Matcher.audit(
      snapshot: s, checklist: MatcherKit.checklist([item]), families: families,
      options: AuditOptions(fiscalYear: MatcherKit.fy, asOf: MatcherKit.asOf, language: language))
    return try #require(report.items.first)
  }

  /// A site whose home page links to the given pages, each page titled by its link text.
  static func site(_ pages: [(path: String, text: String)], status: [String: Int] = [:])
    -> Snapshot
  {
    MatcherKit.snapshot(
      [MatcherKit.home(pages.map { MatcherKit.link($0.path, $0.text) })]
        + pages.map { MatcherKit.page($0.path, $0.text, status: status[$0.path] ?? 200) })
  }

  static let chart = (path: "/about/structure.html", text: "โครงสร้างองค์กร")
  static let duties = (path: "/about/duties.html", text: "อำนาจหน้าที่")

  @Test func bothElementsPassWithEvidenceForEach() throws {
    let r = try Self.audit(Self.site([Self.chart, Self.duties]))
    #expect(r.status == .pass, "\(r.why)")
    #expect(r.why == "Found every element: organisation chart, summary of duties and powers.")
    let urls = r.evidence.map(\.url)
    #expect(urls.contains(MatcherKit.url(Self.chart.path)))
    #expect(urls.contains(MatcherKit.url(Self.duties.path)))
    let chartEvidence = try #require(r.evidence.first { $0.url.hasSuffix("structure.html") })
    #expect(chartEvidence.reason.hasPrefix("organisation chart: "))
    let dutiesEvidence = try #require(r.evidence.first { $0.url.hasSuffix("duties.html") })
    #expect(dutiesEvidence.reason.hasPrefix("summary of duties and powers: "))
  }

  /// One link and page named for both elements proves neither: the name may be the item's, and
  /// the page may show only the chart. `uncertain`, naming the link (§5a).
  @Test func onePageNamedForBothElementsIsUncertain() throws {
    let r = try Self.audit(Self.site([("/about.html", "โครงสร้างองค์กร และอำนาจหน้าที่")]))
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(
      r.why
        == "One link is named for both organisation chart and summary of duties and powers: "
        + MatcherKit.url("/about.html") + "; check that it shows each.")
    #expect(r.evidence.map(\.url) == [MatcherKit.url("/about.html")])
  }

  /// A link named for both passes an element whose target names it alone: by file name, by a
  /// heading, or by a content link of the page.
  @Test(arguments: [
    ("/about/organ.html", [], [("/files/duties.pdf", "อำนาจหน้าที่ (สรุป)")]),
    ("/about.html", ["แผนผังโครงสร้าง", "หน้าที่และอำนาจ"], []),
    ("/about.html", [], [("/files/a.pdf", "แผนผังโครงสร้าง"), ("/files/b.pdf", "อำนาจหน้าที่")]),
  ])
  func aLinkNamedForBothCountsWhereItsTargetNamesEach(
    path: String, headings: [String], links: [(String, String)]
  ) throws {
    let s = MatcherKit.snapshot(
      [
        MatcherKit.home([MatcherKit.link(path, "โครงสร้างองค์กรและอำนาจหน้าที่")]),
        MatcherKit.page(
          path, "หน่วยงาน", headings: headings,
          links: links.map { MatcherKit.link($0.0, $0.1) }),
      ], attachments: links.map { MatcherKit.pdf($0.0) })
    let r = try Self.audit(s)
    #expect(r.status == .pass, "\(r.why)")
  }

  /// Only the element that its target does not name is in doubt.
  @Test func theElementItsTargetDoesNotNameIsInDoubt() throws {
    let s = MatcherKit.snapshot([
      MatcherKit.home([MatcherKit.link("/about.html", "โครงสร้างองค์กรและอำนาจหน้าที่")]),
      MatcherKit.page("/about.html", "หน่วยงาน", headings: ["แผนผังโครงสร้าง"]),
    ])
    let r = try Self.audit(s)
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(
      r.why
        == "Found organisation chart but no passing evidence of summary of duties and powers; the"
        + " item needs every element. (summary of duties and powers: One link is named for both"
        + " organisation chart and summary of duties and powers: " + MatcherKit.url("/about.html")
        + "; check that it shows each.)")
  }

  /// A link naming two elements of one window and dated in it is still one link for both.
  @Test func aDatedLinkForElementsOfOneWindowIsShared() throws {
    let item = Self.item("plan", requires: ["budget"], .currentFY, evidence: .document)
    let both = "แผนการดำเนินงานและเทศบัญญัติงบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. 2569"
    let s = MatcherKit.snapshot(
      [MatcherKit.home([MatcherKit.link("/files/plan.pdf", both)])],
      attachments: [MatcherKit.pdf("/files/plan.pdf")])
    let r = try Self.audit(s, item)
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.hasPrefix("One link is named for both operating plan and budget ordinance"))
  }

  @Test(arguments: [
    (chartOnly: true, missing: "summary of duties and powers", found: "organisation chart"),
    (chartOnly: false, missing: "organisation chart", found: "summary of duties and powers"),
  ])
  func oneElementIsUncertainNamingTheOther(chartOnly: Bool, missing: String, found: String)
    throws
  {
    let r = try Self.audit(Self.site([chartOnly ? Self.chart : Self.duties]))
    #expect(r.status == .uncertain)
    #expect(
      r.why == "Found \(found) but no passing evidence of \(missing); the item needs every element."
    )
    #expect(r.evidence.count == 1)
    #expect(r.evidence.first?.reason.hasPrefix(found + ": ") == true)
  }

  @Test func theThaiReasonNamesTheMissingElementInThai() throws {
    let r = try Self.audit(Self.site([Self.chart]), language: .th)
    #expect(r.status == .uncertain)
    #expect(
      r.why == "พบ แผนผังโครงสร้าง แต่ไม่พบหลักฐานที่ผ่านเกณฑ์ของ สรุปหน้าที่และอำนาจ"
        + " ข้อนี้ต้องมีครบทุกองค์ประกอบ")
  }

  @Test func noElementIsMissing() throws {
    let r = try Self.audit(Self.site([("/news.html", "ข่าวประชาสัมพันธ์")]))
    #expect(r.status == .missing)
    #expect(r.evidence.isEmpty)
  }

  /// A broken element is named with its own problem; the item is still only `uncertain`.
  @Test func aBrokenElementIsNamedWithItsProblem() throws {
    let r = try Self.audit(
      Self.site([Self.chart, Self.duties], status: [Self.duties.path: 404]))
    #expect(r.status == .uncertain)
    #expect(r.why.contains("no passing evidence of summary of duties and powers"))
    #expect(r.why.contains("returned HTTP 404"))
    #expect(r.evidence.contains { $0.url.hasSuffix("duties.html") })
  }

  /// Every element broken: the item is `broken`, as it would be with one family.
  @Test func everyElementBrokenIsBroken() throws {
    let s = Self.site(
      [Self.chart, Self.duties], status: [Self.chart.path: 404, Self.duties.path: 500])
    #expect(try Self.audit(s).status == .broken)
  }

  /// Text that a required element's family excludes is no evidence of it, and the item's terms
  /// taken together decide nothing: with no other candidate the item is `missing`, as an item
  /// of one family would be.
  @Test func anExcludedLookAlikeOfAnElementNeverPasses() throws {
    let r = try Self.audit(Self.site([("/laws.html", "อำนาจหน้าที่ กฎหมายที่เกี่ยวข้อง")]))
    #expect(r.status == .missing, "\(r.why)")
    #expect(r.evidence.isEmpty)
  }

  /// The item's window applies to each element: a current plan with last year's budget is not
  /// a pass, and both of last year is `stale`.
  @Test func freshnessIsJudgedPerElement() throws {
    let item = Self.item("plan", requires: ["budget"], .currentFY, evidence: .document)
    let plan = (path: "/plan.html", text: "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2569")
    let oldBudget = (path: "/budget.html", text: "เทศบัญญัติงบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. 2568")
    let budget = (path: "/budget.html", text: "เทศบัญญัติงบประมาณรายจ่าย ประจำปีงบประมาณ พ.ศ. 2569")
    let oldPlan = (path: "/plan.html", text: "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568")

    let fresh = try Self.audit(Self.site([plan, budget]), item)
    #expect(fresh.status == .pass, "\(fresh.why)")
    let partial = try Self.audit(Self.site([plan, oldBudget]), item)
    #expect(partial.status == .uncertain)
    #expect(partial.why.contains("no passing evidence of budget ordinance"))
    #expect(partial.why.contains("2568"))
    let old = try Self.audit(Self.site([oldPlan, oldBudget]), item)
    #expect(old.status == .stale, "\(old.why)")
  }

  /// Only the channel itself may be off-site and pass unfetched; the statistics must be seen.
  @Test func onlyTheChannelElementMayBeOffsite() throws {
    let item = Self.item("e-service", requires: ["service-statistics"], evidence: .channel)
    let form = MatcherKit.link("https://forms.gle/abc", "E-Service ยื่นคำร้อง")
    let offsiteStats = MatcherKit.link("https://drive.google.com/x", "สถิติการให้บริการ 2569")
    let stats = MatcherKit.link("/files/stat.pdf", "สถิติการให้บริการ 2569")
    let offsite = MatcherKit.snapshot(
      [MatcherKit.home([form, offsiteStats])],
      offsite: [
        OffsiteLink(url: "https://forms.gle/abc", text: form.text, page: MatcherKit.site + "/"),
        OffsiteLink(
          url: "https://drive.google.com/x", text: offsiteStats.text, page: MatcherKit.site + "/"),
      ])
    let r = try Self.audit(offsite, item)
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("no passing evidence of usage statistics"))

    let seen = MatcherKit.snapshot(
      [MatcherKit.home([form, stats])], attachments: [MatcherKit.pdf("/files/stat.pdf")],
      offsite: [
        OffsiteLink(url: "https://forms.gle/abc", text: form.text, page: MatcherKit.site + "/")
      ])
    let pass = try Self.audit(seen, item)
    #expect(pass.status == .pass, "\(pass.why)")
  }
}
