import Foundation
import LoopbackServer
import TestSupport
import Testing

/// Runs the built binary on a Dispatch thread: `runOitcheck` blocks while the child runs, and
/// blocking the few threads of Swift's cooperative pool would starve the async tests that run
/// beside these (the crawler's timing tests among them).
func oitcheck(
  _ arguments: String..., timeout: Double = 120, directory: String? = nil
) async throws -> OitcheckRun {
  try await oitcheck(arguments, timeout: timeout, directory: directory)
}

func oitcheck(
  _ arguments: [String], timeout: Double = 120, directory: String? = nil
) async throws -> OitcheckRun {
  try await offPool {
    try runOitcheck(arguments: arguments, timeout: timeout, directory: directory)
  }
}

/// Runs blocking work outside the cooperative pool.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
  }
}

/// The report formats, output folders, per-unit lists and `oitcheck units`, through the built
/// binary against loopback sites.
// Serialized: each test starts crawls and demo servers in child processes; running nine at
// once on a small machine slows the timing-sensitive crawler tests that run beside them.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ReportOutputTests {
  /// The demo's items that a unit must act on (README of Fixtures/demo-site) and the one it
  /// must check.
  static let demoToDo: Set<String> = ["O11", "O23", "O18", "O25", "O22"]
  static let demoToCheck: Set<String> = ["O14"]

  /// A tiny site whose crawled text is hostile: markup in link text and title, an attribute
  /// breakout, a terminal escape and a formula.
  static func hostileSite() throws -> LoopbackServer {
    try LoopbackServer { request in
      switch request.path {
      case "/":
        return LoopbackResponse(
          status: 200, contentType: "text/html; charset=utf-8",
          body: """
            <html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></head><body>
            <a href="/news.html">ข่าวประชาสัมพันธ์ &lt;script&gt;alert(1)&lt;/script&gt; "&gt;&lt;img src=x onerror=alert(1)&gt;</a>
            <a href="/structure.html" title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">โครงสร้าง "><img src=x onerror=alert(1)></a>
            <a href="/contact.html">ติดต่อเรา \u{1B}[31m=HYPERLINK("http://evil")|`x`</a>
            </body></html>
            """)
      case "/news.html":
        return LoopbackResponse(
          status: 200, contentType: "text/html; charset=utf-8",
          body: "<html><head><title>ข่าว</title></head><body>วันที่ 15 มกราคม 2569</body></html>")
      case "/structure.html", "/contact.html":
        return LoopbackResponse(
          status: 200, contentType: "text/html; charset=utf-8",
          body: "<html><head><title>หน้า</title></head><body>ข้อความ</body></html>")
      default: return LoopbackResponse(status: 404)
      }
    }
  }

  /// Item codes listed under the to-do and to-check headings of a unit's Markdown file.
  static func markdownSections(_ md: String) -> (toDo: [String], toCheck: [String]) {
    var toDo: [String] = []
    var toCheck: [String] = []
    var section = ""
    for line in md.split(separator: "\n") {
      if line.hasPrefix("## ") { section = String(line) }
      guard line.hasPrefix("### "), let code = line.dropFirst(4).split(separator: " ").first else {
        continue
      }
      if section.contains("ต้องดำเนินการ") { toDo.append(String(code)) }
      if section.contains("ควรตรวจสอบ") { toCheck.append(String(code)) }
    }
    return (toDo, toCheck)
  }

  /// `data-code` values inside `<section class="NAME">` … `</section>` of a unit's HTML file.
  static func htmlCodes(_ html: String, section name: String) -> [String] {
    guard let start = html.range(of: "<section class=\"\(name)\">"),
      let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
    else { return [] }
    let body = html[start.upperBound..<end.lowerBound]
    return body.components(separatedBy: "<article class=\"item\" data-code=\"").dropFirst()
      .compactMap {
        $0.split(separator: "\"").first.map(String.init)
      }
  }

  @Test func demoWritesEveryFormatAndUnitListsOfExactlyTheFailingItems() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try await oitcheck("demo", "--output", dir + "/out", timeout: 120)
    #expect(run.exitCode == 0, "\(run.stderr)")
    #expect(run.stdout.contains("สรุป: คะแนนประมาณการ 76.9 (ระดับ B)"), "\(run.stdout)")
    let shown = (dir as NSString).standardizingPath
    #expect(run.stderr.contains("reports written to \(shown)/out/"), "\(run.stderr)")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir + "/out"))
    #expect(
      files == [
        "report.txt", "report.json", "report.md", "report.html", "report.csv", "evidence.csv",
        "evidence.md", "units",
      ])
    let json =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/report.json"))) as? [String: Any]
    #expect((json?["items"] as? [Any])?.count == 26)
    let csv = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/report.csv"))
    #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(
      String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        .count == 27)

    var toDo: [String] = []
    var toCheck: [String] = []
    var htmlToDo: [String] = []
    var htmlToCheck: [String] = []
    let unitFiles = try FileManager.default.contentsOfDirectory(atPath: dir + "/out/units").sorted()
    #expect(unitFiles.count == 8, "\(unitFiles)")
    for name in unitFiles {
      let text = try String(contentsOfFile: dir + "/out/units/" + name, encoding: .utf8)
      if name.hasSuffix(".md") {
        let (d, c) = Self.markdownSections(text)
        toDo += d
        toCheck += c
      } else {
        htmlToDo += Self.htmlCodes(text, section: "todo")
        htmlToCheck += Self.htmlCodes(text, section: "check")
      }
    }
    // Each failing item once, in its owner's list, and nothing else.
    #expect(toDo.sorted() == Self.demoToDo.sorted())
    #expect(toCheck.sorted() == Self.demoToCheck.sorted())
    #expect(htmlToDo.sorted() == Self.demoToDo.sorted())
    #expect(htmlToCheck.sorted() == Self.demoToCheck.sorted())
    let finance = try String(contentsOfFile: dir + "/out/units/03-กองคลัง.md", encoding: .utf8)
    #expect(finance.contains("### O11"))
    #expect(finance.contains("ทุกเดือน ต.ค. 2568 – พ.ค. 2569"), "\(finance)")
    #expect(finance.contains("/procurement/skr.html"))

    let evidence = try String(contentsOfFile: dir + "/out/evidence.csv", encoding: .utf8)
    let rows = evidence.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(rows.count == 21, "20 passing items and a header")
    #expect(!rows.contains { $0.hasPrefix("O11,") || $0.hasPrefix("O14,") })
    #expect(rows.contains { $0.hasPrefix("O1,") && $0.contains("/about/structure.html,main-site") })
  }

  @Test func demoWithoutOutputWritesItsDefaultFolder() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try await oitcheck("demo", "--lang", "en", timeout: 120, directory: dir)
    #expect(run.exitCode == 0, "\(run.stderr)")
    #expect(run.stdout.contains("score estimate 76.9 (band B)"))
    #expect(FileManager.default.fileExists(atPath: dir + "/oitcheck-demo-report/report.html"))
    #expect(run.stderr.contains("oitcheck-demo-report/"))
  }

  @Test func oneFormatAndAFilePathStillWriteOneFile() async throws {
    let server = try Self.hostileSite()
    defer { server.stop() }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let html = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-03-31", "--format", "html", "--output",
      dir + "/r.html", "--quiet")
    #expect(html.exitCode == 2, "\(html.stderr)")
    #expect(html.stdout.isEmpty)
    // Format from the extension when --format is absent.
    let json = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-03-31", "--output", dir + "/r.json", "--quiet"
    )
    #expect(json.exitCode == 2, "\(json.stderr)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["r.html", "r.json"])
    let page = try String(contentsOfFile: dir + "/r.html", encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    let report =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: dir + "/r.json"))) as? [String: Any]
    #expect(report?["schema"] as? String == "oitcheck.report/1")
  }

  @Test func severalFormatsMakeAFolder() async throws {
    let server = try Self.hostileSite()
    defer { server.stop() }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-03-31", "--format", "md", "--format", "csv",
      "--output", dir + "/out", "--quiet")
    #expect(run.exitCode == 2, "\(run.stderr)")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir + "/out"))
    #expect(files == ["report.md", "report.csv", "evidence.csv", "evidence.md", "units"])
    let all = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-03-31", "--output", dir + "/all/", "--quiet")
    #expect(all.exitCode == 2, "\(all.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/all").count == 8)
  }

  @Test(arguments: [
    (
      ["audit", "http://127.0.0.1:9/", "--format", "md", "--format", "csv"], Int32(64),
      "--output DIR"
    ),
    (["audit", "http://127.0.0.1:9/", "--lang", "fr"], Int32(64), "--lang"),
    (["audit", "http://127.0.0.1:9/", "--format", "pdf"], Int32(64), "--format"),
  ])
  func badReportFlagsAreUsageErrors(arguments: [String], code: Int32, mentions: String)
    async throws
  {
    let run = try await oitcheck(arguments, timeout: 60)
    #expect(run.exitCode == code, "\(run.stderr)")
    #expect(run.stderr.contains(mentions), "\(run.stderr)")
    #expect(!run.stderr.contains("Fatal error"))
  }

  @Test func hostileCrawledTextIsInertInEveryFormat() async throws {
    let server = try Self.hostileSite()
    defer { server.stop() }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-03-31", "--output", dir + "/", "--quiet")
    #expect(run.exitCode == 2, "\(run.stderr)")
    let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
    // The hostile text made it into the report, escaped.
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(html)")
    #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("\u{1B}"))
    let md = try String(contentsOfFile: dir + "/report.md", encoding: .utf8)
    #expect(md.contains("\\<script\\>alert(1)\\</script\\>"))
    // Every `<` from the page is backslash-escaped; none opens a tag.
    #expect(!md.replacingOccurrences(of: "\\<", with: "").contains("<script"))
    #expect(!md.replacingOccurrences(of: "\\<", with: "").contains("<img"))
    let text = try String(contentsOfFile: dir + "/report.txt", encoding: .utf8)
    #expect(!text.contains("\u{1B}"))
    let csv = try String(contentsOfFile: dir + "/report.csv", encoding: .utf8)
    #expect(!csv.contains("\u{1B}"))
    for line in csv.components(separatedBy: "\r\n") {
      for cell in line.split(separator: ",") {
        #expect(!(cell.hasPrefix("=") || cell.hasPrefix("+") || cell.hasPrefix("@")), "\(line)")
      }
    }
  }

  @Test func unitsCommandPrintsTheMappingAndFlagsUnownedItems() async throws {
    let plain = try await oitcheck("units", "--checklist", "2569")
    #expect(plain.exitCode == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("กองคลัง"))
    #expect(plain.stdout.contains("ทุกข้อมีหน่วยงานรับผิดชอบ"))

    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/units.yaml"
    try Data(
      """
      units:
        - name: งานพัสดุ
          contact: "นางสาว ก. โทร 1234"
          items: [O11, O12]
      """.utf8
    ).write(to: URL(fileURLWithPath: file))
    let partial = try await oitcheck(
      "units", "--units", file, "--checklist", "2569", "--lang", "en")
    #expect(partial.exitCode == 0, "\(partial.stderr)")
    #expect(partial.stdout.contains("งานพัสดุ — นางสาว ก. โทร 1234 (2)"), "\(partial.stdout)")
    #expect(partial.stdout.contains("Owned by nobody: O1, O2, O3"), "\(partial.stdout)")
    #expect(!partial.stdout.contains("O11,"))
  }

  @Test func aBadUnitsFileGivesItsPositionAndExitThreeBeforeCrawling() async throws {
    let server = try Self.hostileSite()
    defer { server.stop() }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/units.yaml"
    try Data("units:\n  - name: กองคลัง\n    items: [O11, O99]\n".utf8).write(
      to: URL(fileURLWithPath: file))
    let run = try await oitcheck("audit", server.baseURL + "/", "--units", file, "--quiet")
    #expect(run.exitCode == 3)
    #expect(run.stderr.contains(file + ":3:18: 'O99' is not an item"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(server.log.isEmpty)
    let units = try await oitcheck("units", "--units", file)
    #expect(units.exitCode == 3)
  }

  @Test func aUnitsFileDecidesThePerUnitLists() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/units.yaml"
    try Data(
      """
      units:
        - name: งานพัสดุ
          contact: "โทร 1234"
          items: [O11, O12]
        - name: งานนิติการ
          items: [O18, O22, O23, O25, O14]
      """.utf8
    ).write(to: URL(fileURLWithPath: file))
    // A list from an earlier run with other units must not survive; other files are kept.
    try FileManager.default.createDirectory(
      atPath: dir + "/out/units", withIntermediateDirectories: true)
    try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/out/units/07-กองเก่า.md"))
    try Data("mine".utf8).write(to: URL(fileURLWithPath: dir + "/out/units/notes.txt"))
    let run = try await oitcheck("demo", "--units", file, "--output", dir + "/out", timeout: 120)
    #expect(run.exitCode == 0, "\(run.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out/units").sorted()
    #expect(
      files.filter { $0.hasSuffix(".md") } == [
        "01-งานพัสดุ.md", "02-งานนิติการ.md", "03-ไม่มีหน่วยงานรับผิดชอบ.md",
      ])
    #expect(files.contains("notes.txt"))
    let supply = try String(contentsOfFile: dir + "/out/units/01-งานพัสดุ.md", encoding: .utf8)
    #expect(Self.markdownSections(supply).toDo == ["O11"])
    #expect(supply.contains("โทร 1234"))
    let legal = try String(contentsOfFile: dir + "/out/units/02-งานนิติการ.md", encoding: .utf8)
    #expect(Set(Self.markdownSections(legal).toDo) == ["O18", "O22", "O23", "O25"])
    #expect(Self.markdownSections(legal).toCheck == ["O14"])
    let nobody = try String(
      contentsOfFile: dir + "/out/units/03-ไม่มีหน่วยงานรับผิดชอบ.md", encoding: .utf8)
    #expect(Self.markdownSections(nobody).toDo.isEmpty)
  }
}
