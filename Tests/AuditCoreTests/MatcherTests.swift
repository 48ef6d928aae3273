import Testing

@testable import AuditCore

/// Builders for small hand-made snapshots and checklists, shared by the matcher tests.
enum MatcherKit {
  static let site = "https://tambon.go.th"
  static let fy = FiscalYear(be: 2569)
  static let asOf = Day(unchecked: 2026, 3, 31)

  static let families: [String: KeywordFamily] = [
    "structure": KeywordFamily(
      id: "structure", terms: ["โครงสร้างองค์กร", "โครงสร้างส่วนราชการ"], urlHints: ["organ.html"]),
    "news": KeywordFamily(id: "news", terms: ["ข่าวประชาสัมพันธ์"]),
    "plan": KeywordFamily(id: "plan", terms: ["แผนพัฒนาท้องถิ่น"]),
    "annual-plan": KeywordFamily(id: "annual-plan", terms: ["แผนการดำเนินงาน"]),
    "annual-report": KeywordFamily(
      id: "annual-report", terms: ["รายงานผลการดำเนินงาน"], exclude: ["รอบ 6 เดือน"]),
    "monthly-procurement": KeywordFamily(
      id: "monthly-procurement", terms: ["สขร", "สรุปผลการจัดซื้อจัดจ้าง"],
      exclude: ["ประกาศผู้ชนะ"]),
    "manuals": KeywordFamily(id: "manuals", terms: ["คู่มือการปฏิบัติงาน"]),
    "e-service": KeywordFamily(id: "e-service", terms: ["E-Service"]),
    "participation": KeywordFamily(id: "participation", terms: ["เวทีประชาคม"]),
    "no-gift": KeywordFamily(id: "no-gift", terms: ["No Gift Policy"], exclude: ["เจตจำนงสุจริต"]),
    "ethics": KeywordFamily(
      id: "ethics", terms: ["ประมวลจริยธรรม"], activityTerms: ["ส่งเสริมจริยธรรม"]),
  ]

  static func item(
    _ code: String, _ family: String, _ freshness: FreshnessRule,
    evidence: EvidenceKind = .document, confidence: Confidence = .high
  ) -> ChecklistItem {
    ChecklistItem(
      code: code, titleTH: "ข้อ \(code)", titleEN: "Item \(code)", indicator: "9.1",
      unit: "สำนักปลัด", requirement: "", family: family, evidence: evidence,
      freshness: freshness, confidence: confidence)
  }

  static func checklist(_ items: [ChecklistItem], notRequired: [String] = []) -> Checklist {
    Checklist(
      id: "oit-2569", year: FiscalYear(be: 2569), title: "OIT 2569", sources: [],
      indicators: [], items: items, notRequired: notRequired, path: "test.yaml")
  }

  static func url(_ path: String) -> String { path.hasPrefix("http") ? path : site + path }

  static func link(
    _ path: String, _ text: String, row: String? = nil, region: LinkRegion = .main,
    title: String? = nil
  ) -> PageLink {
    PageLink(url: url(path), text: text, region: region, rowText: row, title: title)
  }

  static func page(
    _ path: String, _ title: String, headings: [String] = [], text: String = "",
    links: [PageLink] = [], lastModified: String? = nil, status: Int = 200, depth: Int = 1
  ) -> PageFacts {
    PageFacts(
      url: url(path), status: status, title: title, headings: headings, text: text, links: links,
      lastModified: lastModified, depth: depth)
  }

  static func home(_ links: [PageLink], headings: [String] = []) -> PageFacts {
    page("/", "เทศบาลตำบลทดสอบ", headings: headings, links: links, depth: 0)
  }

  static func snapshot(
    _ pages: [PageFacts], attachments: [AttachmentFacts] = [], failures: [FailureFacts] = [],
    offsite: [OffsiteLink] = [], skipped: [SkippedFacts] = [], coverage: Coverage = Coverage()
  ) -> Snapshot {
    var cov = coverage
    cov.pagesFetched = pages.count
    var s = Snapshot(
      header: SnapshotHeader(
        startURL: site + "/", options: [:], startedAt: "2026-03-31T02:00:00Z",
        endedAt: "2026-03-31T02:10:00Z", coverage: cov))
    s.pages = pages
    s.attachments = attachments
    s.failures = failures
    s.offsite = offsite
    s.skipped = skipped
    return s
  }

  static func pdf(
    _ path: String, size: Int? = 12_000, status: Int = 200, lastModified: String? = nil
  ) -> AttachmentFacts {
    AttachmentFacts(
      url: url(path), status: status, contentType: "application/pdf", size: size,
      lastModified: lastModified, referrers: [site + "/"])
  }

  static func audit(
    _ s: Snapshot, _ items: [ChecklistItem], asOf: Day = MatcherKit.asOf,
    language: ReportLanguage = .en,
    notes: [String] = [], notRequired: [String] = []
  ) -> AuditReport {
    Matcher.audit(
      snapshot: s, checklist: checklist(items, notRequired: notRequired), families: families,
      options: AuditOptions(fiscalYear: fy, asOf: asOf, language: language, notes: notes))
  }

  static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(unchecked: y, m, d) }
}

/// One verdict case: a snapshot, one item, the status and a phrase the why must contain.
struct VerdictCase: CustomTestStringConvertible, Sendable {
  var name: String
  var item: ChecklistItem
  var snapshot: Snapshot
  var status: ItemStatus
  var whyContains: String = ""
  /// The first evidence entry's date, when the case is about which date was read.
  var evidenceDate: String? = nil
  var asOf: Day = MatcherKit.asOf
  var testDescription: String { name }
}

@Suite struct MatcherVerdictTests {
  static let cases: [VerdictCase] = {
    typealias K = MatcherKit
    let structure = K.item("O1", "structure", .none)
    let manuals = K.item("O8", "manuals", .inForce)
    let news = K.item("O4", "news", .currentFY)
    let activity = K.item("O19", "participation", .currentFYActivity)
    let report = K.item("O7", "annual-report", .previousFY)
    let plan = K.item("O5", "plan", .coversFY)
    return [
      // none
      VerdictCase(
        name: "none: working menu page passes", item: structure,
        snapshot: K.snapshot([
          K.home([K.link("/organ.html", "โครงสร้างองค์กร", region: .nav)]),
          K.page("/organ.html", "โครงสร้างองค์กร"),
        ]), status: .pass, whyContains: "organ.html"),
      VerdictCase(
        name: "none: url hint alone is a candidate", item: structure,
        snapshot: K.snapshot([
          K.home([K.link("/organ.html", "คลิกที่นี่")]), K.page("/organ.html", "หน้าเอกสาร"),
        ]), status: .pass),
      VerdictCase(
        name: "none: a url hint inside a longer word is no hint", item: structure,
        snapshot: K.snapshot([
          K.home([K.link("/news/organic-farming.html", "เกษตรอินทรีย์")]),
          K.page("/news/organic-farming.html", "เกษตร"),
        ]), status: .missing),
      VerdictCase(
        name: "none: failure record is broken", item: structure,
        snapshot: K.snapshot(
          [K.home([K.link("/organ.html", "โครงสร้างองค์กร")])],
          failures: [
            FailureFacts(
              url: K.url("/organ.html"), error: "http", message: "Not Found", status: 404)
          ]), status: .broken, whyContains: "404"),
      VerdictCase(
        name: "none: timeout failure is broken with curl's words", item: structure,
        snapshot: K.snapshot(
          [K.home([K.link("/organ.html", "โครงสร้างองค์กร")])],
          failures: [
            FailureFacts(
              url: K.url("/organ.html"), error: "timeout", message: "timed out after 30 s")
          ]), status: .broken, whyContains: "timed out"),
      VerdictCase(
        name: "none: nothing on a complete crawl is missing", item: structure,
        snapshot: K.snapshot([K.home([K.link("/news", "ข่าวประชาสัมพันธ์")])]),
        status: .missing),
      VerdictCase(
        name: "none: nothing on an incomplete crawl is uncertain", item: structure,
        snapshot: {
          var c = Coverage()
          c.limitsHit = ["max-pages"]
          return K.snapshot([K.home([])], coverage: c)
        }(), status: .uncertain, whyContains: "max-pages"),
      VerdictCase(
        name: "none: a headline that only mentions the term is not the section", item: structure,
        snapshot: K.snapshot([
          K.home([
            K.link(
              "/news/12",
              "นายกเทศมนตรีประชุมชี้แจงการปรับปรุงโครงสร้างองค์กรและแผนอัตรากำลัง"
                + "ให้ประชาชนในพื้นที่ทราบทั่วกันทุกหมู่บ้านในเขตเทศบาล")
          ]),
          K.page("/news/12", "ข่าว"),
        ]), status: .missing),
      VerdictCase(
        name: "none: the home page itself is not evidence", item: structure,
        snapshot: K.snapshot([K.home([], headings: ["โครงสร้างองค์กร"])]), status: .missing),
      VerdictCase(
        name: "none: a skipped target is uncertain", item: structure,
        snapshot: K.snapshot(
          [K.home([K.link("/organ.html", "โครงสร้างองค์กร")])],
          skipped: [SkippedFacts(url: K.url("/organ.html"), reason: "robots")]),
        status: .uncertain, whyContains: "robots"),
      // in-force
      VerdictCase(
        name: "in-force: working PDF passes without a date", item: manuals,
        snapshot: K.snapshot(
          [K.home([K.link("/files/manual.pdf", "คู่มือการปฏิบัติงาน กองคลัง")])],
          attachments: [K.pdf("/files/manual.pdf")]), status: .pass),
      VerdictCase(
        name: "in-force: empty PDF is broken", item: manuals,
        snapshot: K.snapshot(
          [K.home([K.link("/files/manual.pdf", "คู่มือการปฏิบัติงาน")])],
          attachments: [K.pdf("/files/manual.pdf", size: 0)]), status: .broken,
        whyContains: "0 bytes"),
      VerdictCase(
        name: "in-force: 404 attachment is broken", item: manuals,
        snapshot: K.snapshot(
          [K.home([K.link("/files/manual.pdf", "คู่มือการปฏิบัติงาน")])],
          attachments: [K.pdf("/files/manual.pdf", status: 404)]), status: .broken,
        whyContains: "404"),
      // current-fy
      VerdictCase(
        name: "current-fy: list page with FY N posts passes", item: news,
        snapshot: K.snapshot([
          K.home([K.link("/news", "ข่าวประชาสัมพันธ์", region: .nav)]),
          K.page(
            "/news", "ข่าวประชาสัมพันธ์",
            links: [
              K.link("/news/1", "ประชุมประจำเดือน 5 พฤศจิกายน 2568"),
              K.link("/news/2", "กิจกรรมวันเด็ก 10 มกราคม 2567"),
            ]),
        ]), status: .pass, whyContains: "5 พฤศจิกายน 2568", evidenceDate: "2025-11-05"),
      VerdictCase(
        name: "current-fy: a news box beside the plan's files does not date the plan",
        item: K.item("O13", "annual-plan", .currentFY),
        snapshot: K.snapshot([
          K.home([K.link("/plans", "แผนการดำเนินงาน")]),
          K.page(
            "/plans", "แผนการดำเนินงาน",
            links: [
              K.link("/f/p67.pdf", "แผนการดำเนินงาน ประจำปีงบประมาณ 2567"),
              K.link("/news/9", "ประชุมสภา 5 พฤศจิกายน 2568", region: .other),
            ]),
        ]), status: .stale, whyContains: "2567"),
      VerdictCase(
        name: "current-fy: only older posts is stale", item: news,
        snapshot: K.snapshot([
          K.home([K.link("/news", "ข่าวประชาสัมพันธ์")]),
          K.page(
            "/news", "ข่าวประชาสัมพันธ์", links: [K.link("/news/2", "กิจกรรม 10 มกราคม 2567")]),
        ]), status: .stale, whyContains: "2567"),
      VerdictCase(
        name: "current-fy: the link text date beats the page's dates", item: news,
        snapshot: K.snapshot([
          K.home([K.link("/news-2566", "ข่าวประชาสัมพันธ์ ปีงบประมาณ 2566")]),
          K.page("/news-2566", "ข่าว", text: "ปรับปรุงล่าสุด 3 มกราคม 2569"),
        ]), status: .stale),
      VerdictCase(
        name: "current-fy: Last-Modified alone is uncertain", item: news,
        snapshot: K.snapshot([
          K.home([K.link("/news", "ข่าวประชาสัมพันธ์")]),
          K.page("/news", "ข่าวประชาสัมพันธ์", lastModified: "Tue, 10 Feb 2026 03:00:00 GMT"),
        ]), status: .uncertain, whyContains: "Last-Modified"),
      VerdictCase(
        name: "current-fy: no date at all is uncertain", item: news,
        snapshot: K.snapshot([
          K.home([K.link("/news", "ข่าวประชาสัมพันธ์")]), K.page("/news", "ข่าวประชาสัมพันธ์"),
        ]), status: .uncertain, whyContains: "no date"),
      VerdictCase(
        name: "current-fy: the crawl day in page text is a clock, not a date", item: news,
        snapshot: K.snapshot([
          K.home([K.link("/news", "ข่าวประชาสัมพันธ์")]),
          K.page("/news", "ข่าวประชาสัมพันธ์", text: "วันนี้ 31 มีนาคม 2569 ยินดีต้อนรับ"),
        ]), status: .uncertain),
      VerdictCase(
        name: "current-fy: a FY label in the file name passes", item: news,
        snapshot: K.snapshot(
          [K.home([K.link("/f/ข่าวประชาสัมพันธ์%20ปีงบประมาณ%202569.pdf", "ข่าวประชาสัมพันธ์")])],
          attachments: [K.pdf("/f/ข่าวประชาสัมพันธ์%20ปีงบประมาณ%202569.pdf")]),
        status: .pass),
      VerdictCase(
        name: "current-fy: a bare year hint in the file name is uncertain", item: news,
        snapshot: K.snapshot(
          [K.home([K.link("/f/news69.pdf", "ข่าวประชาสัมพันธ์")])],
          attachments: [K.pdf("/f/news69.pdf")]), status: .uncertain, whyContains: "2569"),
      // current-fy-activity
      VerdictCase(
        name: "activity: held in FY N before as-of passes", item: activity,
        snapshot: K.snapshot([
          K.home([K.link("/p/1", "เวทีประชาคม 12 ธันวาคม 2568")]), K.page("/p/1", "เวทีประชาคม"),
        ]), status: .pass),
      VerdictCase(
        name: "activity: dated after as-of is uncertain", item: activity,
        snapshot: K.snapshot([
          K.home([K.link("/p/1", "เวทีประชาคม 12 มิถุนายน 2569")]), K.page("/p/1", "เวทีประชาคม"),
        ]), status: .uncertain, whyContains: "after the audit day"),
      // previous-fy
      VerdictCase(
        name: "previous-fy: FY N-1 label passes", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน ประจำปีงบประมาณ 2568")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .pass),
      VerdictCase(
        name: "previous-fy: FY N label is a current-year report", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน ปีงบประมาณ 2569")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .stale, whyContains: "FY2569"),
      VerdictCase(
        name: "previous-fy: older label is stale", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน ปีงบประมาณ 2566")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .stale, whyContains: "2566"),
      VerdictCase(
        name: "previous-fy: a day alone says nothing about the year reported", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน ลงวันที่ 5 พฤศจิกายน 2568")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .uncertain),
      VerdictCase(
        name: "previous-fy: six-month report is a look-alike", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน รอบ 6 เดือน ปีงบประมาณ 2568")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .missing),
      // covers-fy
      VerdictCase(
        name: "covers-fy: span including N passes", item: plan,
        snapshot: K.snapshot(
          [K.home([K.link("/f/p.pdf", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)")])],
          attachments: [K.pdf("/f/p.pdf")]), status: .pass),
      VerdictCase(
        name: "covers-fy: span that ended is stale", item: plan,
        snapshot: K.snapshot(
          [K.home([K.link("/f/p.pdf", "แผนพัฒนาท้องถิ่น (พ.ศ. 2561 - 2565)")])],
          attachments: [K.pdf("/f/p.pdf")]), status: .stale, whyContains: "2565"),
      VerdictCase(
        name: "covers-fy: stale and current copies: the current one passes", item: plan,
        snapshot: K.snapshot(
          [
            K.home([
              K.link("/f/old.pdf", "แผนพัฒนาท้องถิ่น (พ.ศ. 2561 - 2565)"),
              K.link("/f/new.pdf", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)"),
            ])
          ], attachments: [K.pdf("/f/old.pdf"), K.pdf("/f/new.pdf")]), status: .pass),
      VerdictCase(
        name: "previous-fy: a range over the whole FY N-1 passes", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน 1 ต.ค. 67 - 30 ก.ย. 68")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .pass, evidenceDate: "2024-10-01"),
      VerdictCase(
        name: "previous-fy: a range over half of FY N-1 is a six-month report", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน 1 ต.ค. 67 - 31 มี.ค. 68")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .stale, whyContains: "part"),
      VerdictCase(
        name: "previous-fy: a half of FY N is a current-year report", item: report,
        snapshot: K.snapshot(
          [K.home([K.link("/f/r.pdf", "รายงานผลการดำเนินงาน 1 ต.ค. 68 - 31 มี.ค. 69")])],
          attachments: [K.pdf("/f/r.pdf")]), status: .stale, whyContains: "FY2569"),
      VerdictCase(
        name: "previous-fy: a download link in a dated table row passes", item: report,
        snapshot: K.snapshot(
          [
            K.home([K.link("/docs", "เอกสาร")]),
            K.page(
              "/docs", "เอกสารเผยแพร่",
              links: [
                K.link(
                  "/f/r.pdf", "ดาวน์โหลด",
                  row: "1 รายงานผลการดำเนินงาน ประจำปีงบประมาณ 2568 ดาวน์โหลด")
              ]),
          ], attachments: [K.pdf("/f/r.pdf")]), status: .pass),
      VerdictCase(
        name: "previous-fy: a layout-table row is not a candidate", item: report,
        snapshot: K.snapshot(
          [
            K.home([
              K.link(
                "/f/r.pdf", "ดาวน์โหลด",
                row: "รายงานผลการดำเนินงาน ประจำปีงบประมาณ 2568 "
                  + String(repeating: "ข้อความยาวของหน้าเว็บทั้งหน้า ", count: 20))
            ])
          ], attachments: [K.pdf("/f/r.pdf")]), status: .missing),
      VerdictCase(
        name: "covers-fy: a single-year amendment is uncertain", item: plan,
        snapshot: K.snapshot(
          [K.home([K.link("/f/p.pdf", "แผนพัฒนาท้องถิ่น เพิ่มเติม พ.ศ. 2568")])],
          attachments: [K.pdf("/f/p.pdf")]), status: .uncertain, whyContains: "2568"),
      VerdictCase(
        name: "current-fy: a multi-year span alone is uncertain",
        item: K.item("O6", "annual-plan", .currentFY),
        snapshot: K.snapshot(
          [K.home([K.link("/f/p.pdf", "แผนการดำเนินงาน (พ.ศ. 2566 - 2570)")])],
          attachments: [K.pdf("/f/p.pdf")]), status: .uncertain, whyContains: "multi-year"),
      VerdictCase(
        name: "a page found by its own title passes", item: structure,
        snapshot: K.snapshot([
          K.home([K.link("/p/7", "เกี่ยวกับเรา")]),
          K.page("/p/7", "เทศบาลตำบลทดสอบ", headings: ["โครงสร้างส่วนราชการ"]),
        ]), status: .pass),
      VerdictCase(
        name: "a link naming a look-alike is not a candidate even in a good row",
        item: K.item("O20", "no-gift", .currentFY),
        snapshot: K.snapshot(
          [
            K.home([
              K.link(
                "/f/x.pdf", "ประกาศเจตจำนงสุจริต ปีงบประมาณ 2569",
                row: "No Gift Policy ประกาศเจตจำนงสุจริต ปีงบประมาณ 2569")
            ])
          ], attachments: [K.pdf("/f/x.pdf")]), status: .missing),
      // off-site and NACC
      VerdictCase(
        name: "off-site channel passes with a note",
        item: K.item("O10", "e-service", .none, evidence: .channel),
        snapshot: K.snapshot(
          [K.home([K.link("https://forms.gle/abc", "E-Service ยื่นคำร้องออนไลน์")])],
          offsite: [
            OffsiteLink(url: "https://forms.gle/abc", text: "E-Service", page: K.site + "/")
          ]), status: .pass, whyContains: "forms.gle"),
      VerdictCase(
        name: "off-site document is uncertain naming the host", item: manuals,
        snapshot: K.snapshot([
          K.home([K.link("https://drive.google.com/file/d/x", "คู่มือการปฏิบัติงาน")])
        ]), status: .uncertain, whyContains: "drive.google.com"),
      VerdictCase(
        name: "itas.nacc.go.th survey links are never evidence",
        item: K.item("O10", "e-service", .none, evidence: .channel),
        snapshot: K.snapshot([
          K.home([K.link("https://itas.nacc.go.th/go/eit/abc", "E-Service แบบสำรวจ")])
        ]), status: .missing),
    ]
  }()

  @Test(arguments: cases)
  func verdict(_ c: VerdictCase) {
    let report = MatcherKit.audit(c.snapshot, [c.item], asOf: c.asOf)
    let r = report.items[0]
    #expect(r.status == c.status, "\(r.why) \(r.evidence)")
    if !c.whyContains.isEmpty { #expect(r.why.contains(c.whyContains), "\(r.why)") }
    #expect(!r.why.isEmpty)
    if r.status == .pass || r.status == .stale { #expect(!r.evidence.isEmpty) }
    if let date = c.evidenceDate { #expect(r.evidence.first?.date == date) }
  }
}

@Suite struct MatcherHubTests {
  static let hubPage = MatcherKit.page(
    "/ita2569", "การประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ 2569",
    links: [
      MatcherKit.link("/news", "คลิก", row: "O4 ข่าวประชาสัมพันธ์ คลิก"),
      MatcherKit.link("/files/o11.pdf", "คลิก", row: "O11 รายงานการประชุมสภา คลิก"),
    ])

  @Test func hubRowWithMatchingTitleIsTheBestCandidate() {
    let s = MatcherKit.snapshot(
      [
        MatcherKit.home([MatcherKit.link("/ita2569", "ITA 2569")]), Self.hubPage,
        MatcherKit.page(
          "/news", "ข่าว",
          links: [MatcherKit.link("/n/1", "ประชุม 5 พฤศจิกายน 2568")]),
      ], attachments: [MatcherKit.pdf("/files/o11.pdf")])
    let r = MatcherKit.audit(s, [MatcherKit.item("O4", "news", .currentFY)]).items[0]
    #expect(r.status == .pass)
    #expect(r.evidence.first?.url == MatcherKit.url("/news"))
    #expect(r.evidence.first?.reason.contains("ITA hub") == true)
  }

  @Test func aCodeWithADisagreeingTitleIsNotACandidate() {
    let s = MatcherKit.snapshot(
      [MatcherKit.home([MatcherKit.link("/ita2569", "ITA 2569")]), Self.hubPage],
      attachments: [MatcherKit.pdf("/files/o11.pdf")])
    let r = MatcherKit.audit(
      s, [MatcherKit.item("O11", "monthly-procurement", .monthlyElapsed(graceDays: 15))])
    #expect(r.items[0].status == .missing)
  }

  @Test func aRowCodedForAnotherItemIsNotThisItemsEvidence() {
    let hub = MatcherKit.page(
      "/ita2569", "ITA 2569",
      links: [
        MatcherKit.link("/files/o12.pdf", "คลิก", row: "O12 สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน มีนาคม 2569 คลิก")
      ])
    let s = MatcherKit.snapshot(
      [MatcherKit.home([MatcherKit.link("/ita2569", "ITA 2569")]), hub],
      attachments: [MatcherKit.pdf("/files/o12.pdf")])
    let r = MatcherKit.audit(
      s, [MatcherKit.item("O11", "monthly-procurement", .monthlyElapsed(graceDays: 15))])
    #expect(r.items[0].status == .missing, "\(r.items[0].why)")
  }

  @Test func anOldYearHubDoesNotMakeItsRowsFresh() {
    let hub = MatcherKit.page(
      "/ita2567", "ITA 2567",
      links: [MatcherKit.link("/files/plan.pdf", "ดาวน์โหลด", row: "O6 แผนการดำเนินงาน ดาวน์โหลด")])
    let s = MatcherKit.snapshot(
      [MatcherKit.home([MatcherKit.link("/ita2567", "ITA 2567")]), hub],
      attachments: [MatcherKit.pdf("/files/plan.pdf")]
    )
    let r = MatcherKit.audit(s, [MatcherKit.item("O6", "annual-plan", .currentFY)]).items[0]
    #expect(r.status == .uncertain)
    #expect(r.evidence.first?.date == nil)
  }

  @Test func theHubPageItselfIsNotEvidence() {
    let hub = MatcherKit.page("/ita", "ITA 2569 ข่าวประชาสัมพันธ์")
    let s = MatcherKit.snapshot([MatcherKit.home([MatcherKit.link("/ita", "ITA")]), hub])
    #expect(MatcherKit.audit(s, [MatcherKit.item("O4", "news", .none)]).items[0].status == .missing)
  }

  @Test func aMenuLinkOnEveryPageCountsOnce() {
    let menu = MatcherKit.link("/organ.html", "โครงสร้างองค์กร", region: .nav)
    var pages = [
      MatcherKit.home([menu]), MatcherKit.page("/organ.html", "โครงสร้างองค์กร", links: [menu]),
    ]
    for i in 0..<6 { pages.append(MatcherKit.page("/p/\(i)", "หน้า \(i)", links: [menu])) }
    let r = MatcherKit.audit(
      MatcherKit.snapshot(pages), [MatcherKit.item("O1", "structure", .none)]
    ).items[0]
    #expect(r.status == .pass)
    #expect(r.evidence.count == 1)
  }
}

@Suite struct MatcherMonthlyTests {
  static let item = MatcherKit.item("O11", "monthly-procurement", .monthlyElapsed(graceDays: 15))

  static func listSnapshot(_ files: [(String, String)]) -> Snapshot {
    let links = files.map { MatcherKit.link("/files/\($0.0)", $0.1) }
    return MatcherKit.snapshot(
      [
        MatcherKit.home([MatcherKit.link("/sor", "สขร.", region: .nav)]),
        MatcherKit.page("/sor", "สรุปผลการจัดซื้อจัดจ้าง", links: links),
      ], attachments: files.map { MatcherKit.pdf("/files/\($0.0)") })
  }

  @Test func allElapsedMonthsPresentPasses() {
    let s = Self.listSnapshot([
      ("10.pdf", "ตุลาคม 2568"), ("11.pdf", "พฤศจิกายน 2568"), ("12.pdf", "ธันวาคม 2568"),
      ("01.pdf", "มกราคม 2569"), ("02.pdf", "กุมภาพันธ์ 2569"),
    ])
    let r = MatcherKit.audit(s, [Self.item]).items[0]
    #expect(r.status == .pass, "\(r.why)")
    #expect(r.monthsFound == ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"])
    #expect(r.monthsMissing == [])
  }

  @Test func aMissingMonthIsStaleAndListed() {
    let s = Self.listSnapshot([
      ("10.pdf", "ตุลาคม 2568"), ("11.pdf", "พฤศจิกายน 2568"), ("12.pdf", "ธันวาคม 2568"),
      ("02.pdf", "กุมภาพันธ์ 2569"),
    ])
    let r = MatcherKit.audit(s, [Self.item]).items[0]
    #expect(r.status == .stale)
    #expect(r.monthsMissing == ["2026-01"])
    #expect(r.why.contains("2026-01"))
  }

  @Test func monthsFromFileNamesAndAQuarterFileCount() {
    let s = Self.listSnapshot([
      ("ไตรมาสที่%201-2569.pdf", "ไตรมาสที่ 1/2569"), ("sor-ม.ค.69.pdf", "ดาวน์โหลด"),
      ("sor-ก.พ.69.pdf", "ดาวน์โหลด"),
    ])
    let r = MatcherKit.audit(s, [Self.item]).items[0]
    #expect(r.status == .pass, "\(r.why) \(r.monthsMissing ?? [])")
  }

  @Test func eGPNoticesOnTheSamePageDoNotCount() {
    let s = Self.listSnapshot([
      ("10.pdf", "ตุลาคม 2568"), ("11.pdf", "พฤศจิกายน 2568"), ("12.pdf", "ธันวาคม 2568"),
      ("win.pdf", "ประกาศผู้ชนะการเสนอราคา มกราคม 2569"), ("02.pdf", "กุมภาพันธ์ 2569"),
    ])
    let r = MatcherKit.audit(s, [Self.item]).items[0]
    #expect(r.status == .stale)
    #expect(r.monthsMissing == ["2026-01"])
  }

  @Test func noMonthEndedYetIsUncertain() {
    let s = Self.listSnapshot([("10.pdf", "ตุลาคม 2568")])
    let r = MatcherKit.audit(s, [Self.item], asOf: MatcherKit.day(2025, 10, 20)).items[0]
    #expect(r.status == .uncertain)
    #expect(r.why.contains("No month of FY2569"))
  }

  @Test func aSixMonthRangeIsNotSixMonthlyEntries() {
    let s = Self.listSnapshot([
      ("h.pdf", "สขร. ต.ค. 68 - มี.ค. 69"), ("01.pdf", "มกราคม 2569"),
      ("02.pdf", "กุมภาพันธ์ 2569"),
    ])
    let r = MatcherKit.audit(s, [Self.item]).items[0]
    #expect(r.status == .stale)
    #expect(r.monthsMissing == ["2025-10", "2025-11", "2025-12"])
  }

  @Test func aBrokenMonthlyFileDoesNotCount() {
    var s = Self.listSnapshot([
      ("10.pdf", "ตุลาคม 2568"), ("11.pdf", "พฤศจิกายน 2568"), ("12.pdf", "ธันวาคม 2568"),
      ("01.pdf", "มกราคม 2569"), ("02.pdf", "กุมภาพันธ์ 2569"),
    ])
    s.attachments[3].status = 404
    let r = MatcherKit.audit(s, [Self.item]).items[0]
    #expect(r.status == .stale)
    #expect(r.monthsMissing == ["2026-01"])
  }

  @Test func missingMonthsWithAnOffsiteFolderAreUncertain() {
    var s = Self.listSnapshot([("10.pdf", "ตุลาคม 2568")])
    s.pages[1].links.append(MatcherKit.link("https://drive.google.com/drive/x", "สขร. ทุกเดือน"))
    let r = MatcherKit.audit(s, [Self.item]).items[0]
    #expect(r.status == .uncertain)
    #expect(r.why.contains("drive.google.com"))
  }

  @Test func unreadableMonthsAreUncertainNotStale() {
    let s = Self.listSnapshot([("a.pdf", "ดาวน์โหลด"), ("b.pdf", "ดาวน์โหลด")])
    #expect(MatcherKit.audit(s, [Self.item]).items[0].status == .uncertain)
  }

  @Test func graceDaysDecideTheLastRequiredMonth() {
    let s = Self.listSnapshot([("10.pdf", "ตุลาคม 2568")])
    let tight = MatcherKit.item("O11", "monthly-procurement", .monthlyElapsed(graceDays: 0))
    let r = MatcherKit.audit(s, [tight], asOf: MatcherKit.day(2025, 12, 10)).items[0]
    #expect(r.monthsMissing == ["2025-11"])
    let loose = MatcherKit.audit(s, [Self.item], asOf: MatcherKit.day(2025, 12, 10)).items[0]
    #expect(loose.status == .pass)
  }
}

@Suite struct MatcherReportTests {
  @Test func reportCarriesNotesScoreAndOrder() {
    var cov = Coverage()
    cov.robotsBlocked = ["/admin"]
    cov.notes = ["TLS certificate expired"]
    let s = MatcherKit.snapshot(
      [
        MatcherKit.home([MatcherKit.link("/organ.html", "โครงสร้างองค์กร")]),
        MatcherKit.page("/organ.html", "โครงสร้างองค์กร"),
      ], coverage: cov)
    let items = [
      MatcherKit.item("O1", "structure", .none),
      MatcherKit.item("O4", "news", .currentFY, confidence: .low),
    ]
    let r = MatcherKit.audit(
      s, items, notes: ["checklist 2569 used for FY2570"], notRequired: ["laws"])
    #expect(r.items.map(\.id) == ["O1", "O4"])
    #expect(r.items[1].status == .uncertain)
    #expect(r.score.estimate == 50)
    #expect(r.score.band == "E")
    #expect(r.score.byIndicator["9.1"] == 50)
    #expect(r.notes.first == "checklist 2569 used for FY2570")
    #expect(r.notes.contains { $0.contains("robots.txt blocked 1") })
    #expect(r.notes.contains { $0.contains("O4") })
    #expect(r.notes.contains { $0.contains("laws") })
    #expect(r.coverage.notes == ["TLS certificate expired"])
    #expect(r.coverage.complete == false)
    #expect(r.summary.pass == 1 && r.summary.uncertain == 1)
    #expect(!r.score.weighting.isEmpty)
  }

  @Test(arguments: [
    (100.0, "AA"), (95, "AA"), (94.9, "A"), (85, "A"), (75, "B"), (65, "C"),
    (55, "D"), (50, "E"), (49.9, "F"), (0, "F"),
  ])
  func bands(_ score: Double, _ band: String) {
    #expect(Matcher.band(score) == band)
  }

  @Test func languageChoosesTheSentences() {
    let s = MatcherKit.snapshot([MatcherKit.home([])])
    let item = MatcherKit.item("O1", "structure", .none)
    let th = MatcherKit.audit(s, [item], language: .th).items[0]
    let en = MatcherKit.audit(s, [item], language: .en).items[0]
    #expect(th.why != en.why)
    #expect(th.title == "ข้อ O1" && en.title == "Item O1")
    #expect(th.why.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) })
    let found = MatcherKit.snapshot([
      MatcherKit.home([MatcherKit.link("/organ.html", "โครงสร้างองค์กร")]),
      MatcherKit.page("/organ.html", "โครงสร้าง"),
    ])
    let pass = MatcherKit.audit(found, [item], language: .th).items[0]
    #expect(pass.status == .pass)
    #expect(pass.why.contains(MatcherKit.url("/organ.html")) && pass.why.hasPrefix("พบ"))
    #expect(pass.evidence.first?.reason.contains("ข้อความลิงก์") == true)
    #expect(!en.why.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) })
  }
}

@Suite struct MatcherIndexTests {
  @Test(arguments: [
    ("ita2569", true), ("การประเมินita", true), ("oit-2568", true), ("digitalservice", false),
    ("hospital", false), ("exploit", false),
  ])
  func hubWords(_ key: String, _ hub: Bool) {
    #expect((SnapshotIndex.names(key, "ita") || SnapshotIndex.names(key, "oit")) == hub)
  }

  @Test(arguments: [
    ("https://T.go.th/a/", "https://t.go.th/a"), ("https://t.go.th/a#top", "https://t.go.th/a"),
    ("https://t.go.th/A?x=1", "https://t.go.th/A?x=1"),
  ])
  func urlKeys(_ url: String, _ key: String) {
    #expect(SnapshotIndex.urlKey(url) == key)
  }

  @Test(arguments: [
    ("https://t.go.th/f/%E0%B9%81%E0%B8%9C%E0%B8%9968.pdf?x=1", "แผน68.pdf"),
    ("https://t.go.th/", ""), ("https://t.go.th", ""),
    ("https://t.go.th/a/organ.html#x", "organ.html"),
  ])
  func fileNames(_ url: String, _ name: String) {
    #expect(SnapshotIndex.fileName(of: url) == name)
  }

  @Test(arguments: [
    ("https://www.T.go.th:8080/x", "t.go.th"), ("https://u@drive.google.com/y", "drive.google.com"),
    ("/relative", ""),
  ])
  func hosts(_ url: String, _ host: String) {
    #expect(SnapshotIndex.host(of: url) == host)
  }

  @Test func automatonFindsOverlappingKeys() {
    let a = KeywordAutomaton(keys: ["แผน", "แผนพัฒนา", "พัฒนาท้องถิ่น", "", "xyz"])
    #expect(a.matches(in: "แผนพัฒนาท้องถิ่น2566") == [0, 1, 2])
    #expect(a.matches(in: "รายงาน").isEmpty)
    #expect(a.matches(in: "abxyzxyz") == [4])
  }

  @Test func digitalIsNotAHub() {
    let s = MatcherKit.snapshot([
      MatcherKit.home([MatcherKit.link("/d", "Digital")]),
      MatcherKit.page(
        "/d", "Digital Service",
        links: [MatcherKit.link("/n", "ข่าวประชาสัมพันธ์", row: "ข่าวประชาสัมพันธ์")]),
    ])
    let idx = SnapshotIndex(
      snapshot: s, patterns: [], hubKeys: ["ita", "oit"], checklistYear: 2569, fy: 2569)
    #expect(idx.hubPages.isEmpty)
  }

  @Test func aHubExclusionUnmakesAHub() {
    let s = MatcherKit.snapshot([
      MatcherKit.home([MatcherKit.link("/r", "ผล")]),
      MatcherKit.page("/r", "การนำผลการประเมิน ITA ไปสู่การพัฒนา"),
      MatcherKit.page("/h", "ITA 2569"),
    ])
    let idx = SnapshotIndex(
      snapshot: s, patterns: [], hubKeys: ["ita"], hubExcludes: ["การนำผลการประเมิน"],
      checklistYear: 2569, fy: 2569)
    #expect(idx.hubPages == [2])
  }
}

/// `activity-terms`: an activity dates an undated document of the item, and never passes alone.
@Suite struct MatcherActivityTests {
  typealias K = MatcherKit
  static let ethics = K.item("O15", "ethics", .currentFYActivity)

  static func site(_ links: [PageLink]) -> Snapshot {
    K.snapshot(
      [K.home([K.link("/integrity", "คุณธรรม")]), K.page("/integrity", "คุณธรรม", links: links)],
      attachments: [K.pdf("/f/code.pdf"), K.pdf("/f/act.pdf"), K.pdf("/f/old.pdf")])
  }

  @Test func anUndatedDocumentWithAnActivityOfTheYearPasses() {
    let r = K.audit(
      Self.site([
        K.link("/f/code.pdf", "ประมวลจริยธรรมพนักงานเทศบาล"),
        K.link("/f/act.pdf", "กิจกรรมส่งเสริมจริยธรรม 15 ธ.ค. 2568"),
      ]), [Self.ethics]
    ).items[0]
    #expect(r.status == .pass, "\(r.why)")
    #expect(r.evidence.map(\.url) == [K.url("/f/code.pdf"), K.url("/f/act.pdf")])
    #expect(r.evidence.last?.date == "2025-12-15")
  }

  @Test func anActivityWithoutTheDocumentIsUncertain() {
    let r = K.audit(
      Self.site([K.link("/f/act.pdf", "กิจกรรมส่งเสริมจริยธรรม 15 ธ.ค. 2568")]), [Self.ethics]
    ).items[0]
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("not the item's document"))
  }

  @Test func anActivityOfAnOlderYearMakesTheDocumentStale() {
    let r = K.audit(
      Self.site([
        K.link("/f/code.pdf", "ประมวลจริยธรรม"),
        K.link("/f/old.pdf", "โครงการส่งเสริมจริยธรรม ประจำปี 2566"),
      ]), [Self.ethics]
    ).items[0]
    #expect(r.status == .stale, "\(r.why)")
  }

  @Test func anActivityAfterTheAuditDayDoesNotCount() {
    let r = K.audit(
      Self.site([
        K.link("/f/code.pdf", "ประมวลจริยธรรม"),
        K.link("/f/act.pdf", "กิจกรรมส่งเสริมจริยธรรม 20 ก.ย. 2569"),
      ]), [Self.ethics]
    ).items[0]
    #expect(r.status == .uncertain, "\(r.why)")
  }

  @Test func activityTermsDoNotDateItemsOfOtherRules() {
    let code = K.item("O15", "ethics", .inForce)
    let r = K.audit(
      Self.site([K.link("/f/act.pdf", "กิจกรรมส่งเสริมจริยธรรม 15 ธ.ค. 2568")]), [code]
    ).items[0]
    #expect(r.status == .missing, "\(r.why)")
  }
}

/// A menu written once as a shared link set audits exactly like the same menu on every page.
@Suite struct MatcherLinkSetTests {
  typealias K = MatcherKit

  static let menu = [
    K.link("/organ.html", "โครงสร้างองค์กร", region: .nav),
    K.link("/news", "ข่าวประชาสัมพันธ์", region: .nav),
    K.link("/plan", "แผนพัฒนาท้องถิ่น", region: .nav),
  ]
  static let items = [
    K.item("O1", "structure", .none), K.item("O4", "news", .currentFY),
    K.item("O5", "plan", .coversFY),
  ]

  static func pages(shared: Bool) -> [PageFacts] {
    var pages = [
      K.home([K.link("/about", "เกี่ยวกับเรา")]),
      K.page("/about", "เกี่ยวกับเรา"),
      K.page("/organ.html", "โครงสร้างองค์กร"),
      K.page("/news", "ข่าว", links: [K.link("/n/1", "ประชุมสภา 5 พฤศจิกายน 2568")]),
      K.page("/plan", "แผน", links: [K.link("/f/p.pdf", "แผนพัฒนาท้องถิ่น พ.ศ. 2566-2570")]),
    ]
    for i in pages.indices {
      if shared { pages[i].linkSets = [7] } else { pages[i].links = menu + pages[i].links }
    }
    return pages
  }

  @Test func sharedMenusGiveTheSameVerdicts() {
    let inline = K.audit(K.snapshot(Self.pages(shared: false)), Self.items)
    var s = K.snapshot(Self.pages(shared: true))
    s.linkSets[7] = Self.menu
    let shared = K.audit(s, Self.items)
    #expect(shared.items.map(\.status) == inline.items.map(\.status))
    #expect(shared.items.map(\.why) == inline.items.map(\.why))
    #expect(inline.items.map(\.status) == [.pass, .pass, .pass])
    #expect(s.links(of: s.pages[1]).map(\.url) == Self.menu.map(\.url))
  }
}

/// Cases from the review of wrong passes: posting days, round labels and partial years.
@Suite struct MatcherReviewCases {
  typealias K = MatcherKit

  static func row(_ path: String, _ row: String) -> Snapshot {
    K.snapshot(
      [K.home([K.link("/docs", "เอกสาร")]), K.page("/docs", "เอกสาร", links: [K.link(path, "ดาวน์โหลด", row: row)])],
      attachments: [K.pdf(path)])
  }

  @Test func aPostingDayDoesNotMakeLastYearsDocumentCurrent() {
    let r = K.audit(
      Self.row("/f/n.pdf", "ข่าวประชาสัมพันธ์ ประจำปีงบประมาณ พ.ศ. 2568 | 01/10/2568"),
      [K.item("O4", "news", .currentFY)]
    ).items[0]
    #expect(r.status == .stale, "\(r.why)")
  }

  @Test func anAssessmentRoundIsNotAPeriod() {
    let r = K.audit(
      Self.row("/f/n.pdf", "ข่าวประชาสัมพันธ์ ITA 2568 | 5 พฤศจิกายน 2568"),
      [K.item("O4", "news", .currentFY)]
    ).items[0]
    #expect(r.status == .pass, "\(r.why)")
  }

  @Test func theRoundOfAPreviousYearReportIsNotItsYear() {
    let r = K.audit(
      Self.row("/f/r.pdf", "O7 รายงานผลการดำเนินงาน (ITA 2569)"),
      [K.item("O7", "annual-report", .previousFY)]
    ).items[0]
    #expect(r.status == .uncertain, "\(r.why)")
  }

  @Test func aMeetingNumberIsNotTheYearAReportCovers() {
    let r = K.audit(
      Self.row("/f/r.pdf", "รายงานผลการดำเนินงาน ครั้งที่ 1/2568"),
      [K.item("O7", "annual-report", .previousFY)]
    ).items[0]
    #expect(r.status != .pass, "\(r.why)")
  }

  @Test func aHalfYearBesideTheYearLabelIsTheSixMonthReport() {
    let r = K.audit(
      Self.row(
        "/f/r.pdf", "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568 (1 ตุลาคม 2567 – 31 มีนาคม 2568)"),
      [K.item("O7", "annual-report", .previousFY)]
    ).items[0]
    #expect(r.status == .stale, "\(r.why)")
  }

  @Test func anActivityAnnouncedForLaterHasNotHappened() {
    let r = K.audit(
      Self.row("/f/a.pdf", "เวทีประชาคม ประจำปีงบประมาณ 2569 ในวันที่ 20 เมษายน 2569"),
      [K.item("O19", "participation", .currentFYActivity)]
    ).items[0]
    #expect(r.status == .uncertain, "\(r.why)")
  }

  @Test func aMonthsPostingDayIsNotAnotherMonth() {
    // As of 31 มี.ค. 2569 with no grace, ต.ค.–มี.ค. are due; only ต.ค. and พ.ย. are published,
    // each posted in the following month (read as months, ธ.ค. would wrongly count too).
    let item = K.item("O11", "monthly-procurement", .monthlyElapsed(graceDays: 0))
    let s = K.snapshot(
      [
        K.home([K.link("/p", "จัดซื้อจัดจ้าง")]),
        K.page(
          "/p", "จัดซื้อจัดจ้าง",
          links: [
            K.link("/f/10.pdf", "สขร ประจำเดือน ตุลาคม 2568", row: "สขร ประจำเดือน ตุลาคม 2568 | 05/11/2568"),
            K.link("/f/11.pdf", "สขร ประจำเดือน พฤศจิกายน 2568", row: "สขร ประจำเดือน พฤศจิกายน 2568 | 03/12/2568"),
          ]),
      ], attachments: [K.pdf("/f/10.pdf"), K.pdf("/f/11.pdf")])
    let r = K.audit(s, [item]).items[0]
    #expect(r.status == .stale, "\(r.why)")
    #expect(r.monthsMissing?.count == 4)
  }
}

@Suite struct MatcherRedirectTests {
  typealias K = MatcherKit

  /// A menu link written as http:// to a page the crawler reached (and recorded) as https://.
  @Test func aLinkThatRedirectedLeadsToWhereItWent() {
    var s = K.snapshot([
      K.home([K.link("http://tambon.go.th/organ.html", "โครงสร้างองค์กร", region: .nav)]),
      K.page("/organ.html", "หน้าเอกสาร"),
    ])
    let r0 = K.audit(s, [K.item("O1", "structure", .none)]).items[0]
    #expect(r0.status == .uncertain, "\(r0.why)")
    s.redirects = [
      RedirectFacts(from: "http://tambon.go.th/organ.html", to: K.url("/organ.html"), status: 301)
    ]
    let r = K.audit(s, [K.item("O1", "structure", .none)]).items[0]
    #expect(r.status == .pass, "\(r.why)")
  }
}

/// A menu leaf that opens "ไม่พบข้อมูล" is no evidence, unless every page says it (a template).
@Suite struct MatcherEmptyPageTests {
  typealias K = MatcherKit

  static func site(noticeOnEveryPage: Bool) -> Snapshot {
    var organ = K.page("/organ.html", "โครงสร้างองค์กร")
    organ.emptyNotice = "ไม่พบข้อมูล"
    var pages = [
      K.home([K.link("/organ.html", "โครงสร้างองค์กร", region: .nav), K.link("/a", "ก")]),
      organ, K.page("/a", "ก"), K.page("/b", "ข"),
    ]
    if noticeOnEveryPage { for i in pages.indices { pages[i].emptyNotice = "ไม่พบข้อมูล" } }
    return K.snapshot(pages)
  }

  @Test func anEmptyPageIsUncertain() {
    let r = K.audit(Self.site(noticeOnEveryPage: false), [K.item("O1", "structure", .none)]).items[0]
    #expect(r.status == .uncertain, "\(r.why)")
    #expect(r.why.contains("ไม่พบข้อมูล"))
  }

  @Test func aTemplatesNoticeIsIgnored() {
    let r = K.audit(Self.site(noticeOnEveryPage: true), [K.item("O1", "structure", .none)]).items[0]
    #expect(r.status == .pass, "\(r.why)")
  }

  @Test(arguments: [
    ("หน้านี้ ไม่พบข้อมูล ค่ะ", "ไม่พบข้อมูล"), ("ขออภัย อยู่ระหว่างปรับปรุง", "อยู่ระหว่างปรับปรุง"),
    ("Coming Soon!", "coming soon"), ("โครงสร้างองค์กร เทศบาล", nil),
    // The phrase that comes first in the text wins, whatever its script or place in the list.
    ("ขณะนี้ยังไม่มีข้อมูล", "ยังไม่มีข้อมูล"), ("page 1: No Data yet; ไม่พบข้อมูล", "no data"),
    ("ไม่พบหน้า ... page not found", "ไม่พบหน้า"), ("ไม่พบ ข้อมูล", nil), ("no dat", nil),
  ])
  func noticesAreFound(_ text: String, _ expected: String?) {
    #expect(EmptyNotice.find(in: text) == expected)
  }
}
