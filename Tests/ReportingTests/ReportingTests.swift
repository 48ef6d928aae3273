import AuditCore
import Foundation
import Testing

@testable import Reporting

/// Every format against golden files, and the escaping rules they rest on.
struct GoldenReportTests {
  let context = RenderContext(language: .th, checklist: Sample.checklist)

  @Test(arguments: ReportFormat.allCases)
  func thaiReport(format: ReportFormat) throws {
    let out = ReportRenderer.render(Sample.report, as: format, context: context)
    try assertGolden(out, "sample-th.\(format.fileExtension)")
  }

  @Test func englishTextAndHTML() throws {
    let en = RenderContext(language: .en, checklist: Sample.checklist)
    try assertGolden(TextReportRenderer.render(Sample.report, context: en), "sample-en.txt")
    try assertGolden(HTMLReportRenderer.render(Sample.report, context: en), "sample-en.html")
  }

  @Test func colouredText() throws {
    var c = context
    c.color = true
    try assertGolden(TextReportRenderer.render(Sample.report, context: c), "sample-th-color.txt")
  }

  @Test func bundleFilesMatchTheirGoldens() throws {
    let files = ReportBundle.files(Sample.report, formats: [.md], context: context)
    #expect(
      files.map(\.path) == [
        "report.md", "evidence.csv", "evidence.md",
        "units/01-สำนักปลัด.md", "units/01-สำนักปลัด.html",
        "units/02-กองยุทธศาสตร์และงบประมาณ.md", "units/02-กองยุทธศาสตร์และงบประมาณ.html",
        "units/03-กองคลัง.md", "units/03-กองคลัง.html",
        "units/04-กองการเจ้าหน้าที่.md", "units/04-กองการเจ้าหน้าที่.html",
      ])
    for file in files where file.path != "report.md" {
      let name = "bundle-" + file.path.replacingOccurrences(of: "/", with: "-")
      try assertGolden(file.contents, name)
    }
  }
}

struct HostileTextTests {
  let context = RenderContext(language: .th, checklist: Sample.checklist)

  @Test func htmlHasNoMarkupFromCrawledText() {
    for html in [
      HTMLReportRenderer.render(Sample.report, context: context),
      UnitListRenderer.html(
        Sample.report,
        unit: ResponsibleUnit(
          name: "<i>x</i>", contact: Sample.hostileTitle, items: ["O14", "O7"]),
        context: context),
    ] {
      #expect(!html.contains("<script"))
      #expect(!html.contains("<img"))
      #expect(!html.contains("<b>"))
      #expect(!html.contains("<i>"))
      #expect(!html.contains("href=\"javascript"))
      #expect(!html.contains("\u{1B}"))
      #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    }
  }

  @Test(arguments: [
    ("a|b", "a\\|b"), ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("`rm -rf`", "\\`rm -rf\\`"), ("# heading", "\\# heading"), ("- item", "\\- item"),
    ("<script>", "\\<script\\>"), ("a\nb", "a b"), ("*bold* _it_", "\\*bold\\* \\_it\\_"),
    ("&lt;", "\\&lt;"), ("x\u{1B}[31my", "xy"),
  ])
  func markdownEscapes(input: String, expected: String) {
    #expect(MarkdownText.escape(input) == expected)
  }

  @Test func markdownLinksOnlyHTTPAndCannotBreakOut() {
    #expect(MarkdownText.link("javascript:alert(1)") == "javascript:alert(1)")
    #expect(MarkdownText.link("https://x.go.th/a b>c|d") == "<https://x.go.th/a%20b%3Ec%7Cd>")
  }

  @Test(arguments: [
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("line\nbreak", "\"line\nbreak\""), ("ผ่าน", "ผ่าน"), ("x\u{1B}y\u{7}", "xy"),
  ])
  func csvFieldsAreNeutralizedAndQuoted(input: String, expected: String) {
    #expect(CSVText.field(input) == expected)
  }

  @Test func csvStartsWithABOMAndHasOneRowPerItem() {
    let csv = CSVReportRenderer.render(Sample.report, context: context)
    #expect(csv.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
    // Rows end in CRLF; quoted cells may hold a bare LF.
    let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(rows.count == Sample.report.items.count + 1)
  }

  @Test func terminalTextDropsEscapesAndControls() {
    let text = TextReportRenderer.render(Sample.report, context: context)
    #expect(!text.contains("\u{1B}"))
    #expect(!text.contains("\u{07}"))
  }

  @Test(arguments: [
    (true, [String: String](), true), (false, [:], false), (true, ["NO_COLOR": ""], false),
    (true, ["NO_COLOR": "1"], false), (true, ["TERM": "dumb"], false),
  ])
  func colourOnlyOnATerminalWithoutNoColor(tty: Bool, env: [String: String], expected: Bool) {
    #expect(TerminalText.colorAllowed(isTerminal: tty, environment: env) == expected)
  }
}

struct LayoutTests {
  @Test func thaiMarksTakeNoColumn() {
    #expect(TerminalText.width("ไม่เป็นปัจจุบัน") == 10)
    #expect(TerminalText.width("ผ่าน") == 3)
    #expect(TerminalText.pad("ผ่าน", to: 10) == "ผ่าน" + String(repeating: " ", count: 7))
  }

  @Test func textColumnsLineUpByDisplayWidth() {
    let text = TextReportRenderer.render(Sample.report, context: RenderContext(language: .th))
    let itemLines = text.split(separator: "\n").filter { line in
      Sample.report.items.contains { line.contains(" \($0.id) ") && !line.hasPrefix(" ") }
    }
    #expect(itemLines.count == Sample.report.items.count)
    // The code column starts at the same display column on every item line.
    let columns = Set(
      itemLines.map { line -> Int in
        let prefix = line.prefix { !$0.isASCII || $0 == " " || !$0.isLetter }
        return TerminalText.width(String(prefix))
      })
    #expect(columns.count == 1, "\(itemLines)")
  }

  @Test func failingItemsComeFirst() {
    let text = TextReportRenderer.render(Sample.report, context: RenderContext(language: .en))
    let order = ["O18", "O7", "O11", "O5", "O14", "O1", "O4"]
    let positions = order.compactMap { code in text.range(of: "  \(code) ")?.lowerBound }
    #expect(positions.count == order.count)
    #expect(positions == positions.sorted())
    #expect(text.contains("summary: score estimate 28.6 (band F)"))
  }
}

struct GuideTests {
  @Test(arguments: [
    ("ไฟล์ https://x.go.th/%E0%B8%81.pdf เสีย", "ไฟล์ https://x.go.th/ก.pdf เสีย"),
    ("https://x.go.th/a%20b.pdf", "https://x.go.th/a%20b.pdf"),
    ("https://x.go.th/%1B%5B31m.pdf", "https://x.go.th/%1B%5B31m.pdf"),
    ("https://x.go.th/%FF.pdf", "https://x.go.th/%FF.pdf"), ("100% sure", "100% sure"),
  ])
  func urlsInSentencesAreDecodedOnlyWhenSafe(input: String, expected: String) {
    #expect(Readable.urls(in: input) == expected)
  }

  @Test func monthsReadAsThaiMonths() {
    #expect(Readable.months(["2026-04", "2026-05"], th: true) == "เม.ย. 2569, พ.ค. 2569")
    #expect(Readable.months(["2026-04"], th: false) == "2026-04")
  }

  let fy = FiscalYear(be: 2569)
  let asOf = Day(iso: "2026-06-30")!

  @Test func monthlyWindowListsTheMonthsDue() {
    let months = ItemGuide.requiredMonths(fy: fy, asOf: asOf, graceDays: 15)
    #expect(months.first?.description == "2025-10")
    #expect(months.last?.description == "2026-05")
    #expect(months.count == 8)
    let words = ItemGuide.window(.monthlyElapsed(graceDays: 15), fy: fy, asOf: asOf, th: true)
    #expect(words.contains("ต.ค. 2568 – พ.ค. 2569"), "\(words)")
  }

  @Test func windowsNameTheirDates() {
    #expect(
      ItemGuide.window(.previousFY, fy: fy, asOf: asOf, th: false)
        == "the report for the whole fiscal year 2568 (2024-10-01 – 2025-09-30)")
    #expect(
      ItemGuide.window(.currentFY, fy: fy, asOf: asOf, th: true)
        == "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)")
    #expect(
      ItemGuide.window(
        .monthlyElapsed(graceDays: 15), fy: fy, asOf: Day(iso: "2025-10-20")!, th: false
      )
      .hasPrefix("monthly: no month is due yet"))
  }
}

struct UnitTests {
  let codes = Sample.checklist.items.map(\.code)

  @Test func unitListsHoldOnlyTheirToDoItems() {
    let unit = ResponsibleUnit(name: "สำนักปลัด", items: ["O1", "O4", "O18"])
    let (toDo, check) = UnitListRenderer.split(Sample.report, unit: unit)
    #expect(toDo.map(\.id) == ["O18"])
    #expect(check.isEmpty)
    let md = UnitListRenderer.markdown(Sample.report, unit: unit, context: RenderContext())
    #expect(md.contains("### O18"))
    #expect(!md.contains("### O1 ") && !md.contains("### O4 "))
  }

  @Test func aUnitsFileIsRead() throws {
    let yaml = """
      units:
        - name: กองคลัง
          contact: "งานพัสดุ โทร 0 5300 0000"
          items: [O11, o7]
        - name: สำนักปลัด
          items: [O1]
      """
    let map = try UnitsFile.parse(yaml, path: "u.yaml", codes: codes)
    #expect(map.units.map(\.name) == ["กองคลัง", "สำนักปลัด"])
    #expect(map.units[0].items == ["O11", "O7"])
    #expect(map.units[0].contact == "งานพัสดุ โทร 0 5300 0000")
    #expect(map.unowned(codes) == ["O4", "O14", "O18", "O5"])
  }

  @Test(arguments: [
    ("units:\n  - name: x\n    itmes: [O1]\n", "u.yaml:3:5: unknown key 'itmes'"),
    ("units:\n  - name: x\n    items: [O1, O99]\n", "u.yaml:3:17: 'O99' is not an item"),
    (
      "units:\n  - name: x\n    items: [O1]\n  - name: x\n    items: [O4]\n",
      "u.yaml:4:11: unit 'x' is listed twice"
    ),
    ("units:\n  - contact: y\n    items: [O1]\n", "u.yaml:2:5: a unit needs a 'name'"),
    ("units: [\n", "u.yaml:2:1: YAML syntax error"),
    ("unit:\n  - name: x\n", "u.yaml:1:1: unknown key 'unit'"),
  ])
  func unitsFileErrorsHaveAPosition(yaml: String, expected: String) {
    do {
      _ = try UnitsFile.parse(yaml, path: "u.yaml", codes: codes)
      Issue.record("no error for \(yaml)")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }

  @Test func evidenceSheetFlagsOffSiteAndOtherHosts() {
    let site = Sample.site
    #expect(EvidenceSheet.placement(of: "https://example.go.th/a", site: site) == .mainSite)
    #expect(
      EvidenceSheet.placement(of: "https://eservice.example.go.th/a", site: site) == .otherHost)
    #expect(EvidenceSheet.placement(of: "https://drive.google.com/x", site: site) == .offSite)
    let rows = EvidenceSheet.rows(Sample.report)
    #expect(rows.map(\.code) == ["O1", "O4"])
    #expect(rows.map(\.placement) == [.mainSite, .offSite])
  }
}
