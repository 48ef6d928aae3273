import Foundation
import LoopbackServer
import TestSupport
import Testing

/// The built binary against loopback servers: exit codes, one-line errors, files written whole.
@Suite(.timeLimit(.minutes(3)))
struct CommandLineTests {
  func miniSite() throws -> LoopbackServer {
    try LoopbackServer { request in
      switch request.path {
      case "/":
        return LoopbackResponse(
          status: 200, contentType: "text/html; charset=utf-8",
          body: #"<html><head><title>เทศบาลทดสอบ</title></head><body><a href="/a.html">ข่าวประชาสัมพันธ์</a></body></html>"#)
      case "/a.html":
        return LoopbackResponse(
          status: 200, contentType: "text/html; charset=utf-8",
          body: "<html><head><title>ข่าว</title></head><body>วันที่ 15 มกราคม 2569</body></html>")
      default: return LoopbackResponse(status: 404)
      }
    }
  }

  @Test func crawlWritesASnapshotWithHeaderAndRecords() async throws {
    let server = try miniSite()
    defer { server.stop() }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try await oitcheck("crawl", server.baseURL + "/", "--snapshot", dir + "/s.jsonl", "--quiet")
    #expect(run.exitCode == 0, "\(run.stderr)")
    let lines = try snapshotLines(dir + "/s.jsonl")
    #expect(lines.first?["schema"] as? String == "oitcheck.snapshot/1")
    let coverage = lines.first?["coverage"] as? [String: Any]
    #expect(coverage?["pagesFetched"] as? Int == 2)
    let pages = lines.dropFirst().filter { $0["type"] as? String == "page" }
    #expect(pages.count == 2)
    #expect(pages.contains { ($0["dates"] as? [String])?.contains { $0.contains("15 มกราคม 2569") } == true })
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.jsonl"])
  }

  @Test(arguments: [
    (["crawl", "ftp://example.go.th", "--snapshot", "/tmp/x.jsonl"], Int32(64)),
    (["crawl", "http://127.0.0.1:9/", "--snapshot", "/tmp/oitcheck-unreachable.jsonl"], Int32(1)),
    (["audit", "http://127.0.0.1:9/", "--as-of", "2026-13-45"], Int32(64)),
    (["audit", "http://127.0.0.1:9/", "--no-such-flag"], Int32(64)),
    (["crawl", "http://127.0.0.1:9/", "--snapshot", "/nonexistent-dir/s.jsonl"], Int32(1)),
    (["match", "--snapshot", "/nonexistent-dir/s.jsonl"], Int32(3)),
  ])
  func failuresAreOneLineWithADocumentedExitCode(arguments: [String], code: Int32) async throws {
    let run = try await oitcheck(arguments, timeout: 60)
    #expect(run.exitCode == code, "\(arguments): \(run.stderr)")
    let lines = run.stderr.split(separator: "\n").filter { !$0.isEmpty }
    #expect(lines.count >= 1)
    #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"))
    if code != 64 { #expect(lines.count == 1, "\(run.stderr)") }
  }

  @Test func aFailedCrawlLeavesAnExistingSnapshotAlone() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/keep.jsonl"
    try Data("previous\n".utf8).write(to: URL(fileURLWithPath: path))
    let run = try await oitcheck("crawl", "http://127.0.0.1:9/", "--snapshot", path, "--quiet")
    #expect(run.exitCode == 1)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep.jsonl"])
  }

  @Test func checklistValidateGivesPositionsAndExitThree() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/oit-2571.yaml"
    try Data("id: oit-2571\nyear: 2571\ntitel: x\n".utf8).write(to: URL(fileURLWithPath: file))
    let run = try await oitcheck("checklist", "validate", file)
    #expect(run.exitCode == 3)
    #expect(run.stderr.contains(file + ":3:1:"), "\(run.stderr)")
    let good = try await oitcheck("checklist", "validate", repositoryRoot + "/Checklists/oit-2569.yaml")
    #expect(good.exitCode == 0, "\(good.stderr)")
    let list = try await oitcheck("checklist", "list")
    #expect(list.stdout.contains("2568") && list.stdout.contains("2569"))
  }

  @Test func aBadChecklistFailsBeforeAnythingIsFetched() async throws {
    let server = try miniSite()
    defer { server.stop() }
    let run = try await oitcheck("audit", server.baseURL + "/", "--checklist", "2571", "--quiet")
    #expect(run.exitCode == 3)
    #expect(run.stderr.contains("2571"))
    #expect(server.log.isEmpty)
  }

  @Test func jsonReportAloneOnStdoutAndExitTwoWhenItemsFail() async throws {
    let server = try miniSite()
    defer { server.stop() }
    let run = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-03-31", "--format", "json", "--quiet")
    #expect(run.exitCode == 2, "\(run.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    #expect(json?["schema"] as? String == "oitcheck.report/1")
    #expect(json?["fiscalYear"] as? Int == 2569)
    #expect((json?["checklist"] as? [String: Any])?["id"] as? String == "oit-2569")
    let items = json?["items"] as? [[String: Any]] ?? []
    #expect(items.count == 26)
    #expect(items.first?["id"] as? String == "O1")
  }

  @Test func defaultChecklistForAYearWithoutItsOwnListSaysSo() async throws {
    let server = try miniSite()
    defer { server.stop() }
    let run = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-11-25", "--format", "json", "--quiet")
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    #expect(json?["fiscalYear"] as? Int == 2570)
    #expect((json?["checklist"] as? [String: Any])?["year"] as? Int == 2569)
    let notes = (json?["notes"] as? [String] ?? []).joined(separator: " ")
    #expect(notes.contains("2570"), "\(notes)")
  }

  @Test func demoPrintsTheAudit() async throws {
    // The demo also writes its report folder into the working directory: keep it out of the repo.
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try await oitcheck("demo", "--lang", "en", timeout: 120, directory: dir)
    #expect(run.exitCode == 0, "\(run.stderr)")
    #expect(run.stdout.contains("checklist oit-2569"))
    #expect(run.stdout.contains("score estimate"))
  }
}
