import Foundation
import LoopbackServer
import TestSupport
import Testing

/// `oitcheck audit` as cron runs it: history, "since the last run", --fail-on, dated folders,
/// the lock, and a run killed with SIGKILL. Real binary, loopback sites, a temporary database.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ScheduledAuditTests {
  /// A copy of the demo municipality that a test may change between runs.
  static func demoCopy() throws -> (dir: String, site: String) {
    let dir = try temporaryDirectory()
    try FileManager.default.copyItem(
      atPath: repositoryRoot + "/Fixtures/demo-site/www", toPath: dir + "/www")
    return (dir, dir + "/www")
  }

  /// O21's file and the page listing it: the hub's link to the file is then broken.
  static func removeRiskAssessment(_ site: String) throws {
    try FileManager.default.removeItem(atPath: site + "/docs/integrity/risk-2569.pdf")
    try FileManager.default.removeItem(atPath: site + "/integrity/risk.html")
  }

  static func json(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
  }

  @Test func aSecondAuditAfterAChangeNamesTheChangedItems() async throws {
    let (dir, site) = try Self.demoCopy()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let server = try FixtureServer(root: site)
    defer { server.stop() }
    let args = [
      "audit", server.baseURL + "/", "--db", dir + "/h.sqlite", "--as-of", "2026-06-30",
      "--checklist", "2569", "--format", "json", "--quiet", "--archive", dir + "/out",
      "--keep", "1",
    ]
    let first = try await oitcheck(args)
    #expect(first.exitCode == 2, "\(first.stderr)")
    #expect(first.stderr.isEmpty, "--quiet: \(first.stderr)")
    #expect(Self.json(first.stdout)["sinceLastRun"] == nil)
    // The risk assessment (O21) disappears from the server: a regression.
    try Self.removeRiskAssessment(site)
    let second = try await oitcheck(args)
    #expect(second.exitCode == 2, "\(second.stderr)")
    let since = Self.json(second.stdout)["sinceLastRun"] as? [String: Any]
    let changes = since?["changes"] as? [[String: Any]] ?? []
    #expect(changes.map { $0["id"] as? String } == ["O21"])
    #expect(changes.first?["regression"] as? Bool == true)
    #expect(changes.first?["before"] as? String == "pass")
    let diff = try await oitcheck("diff", "--db", dir + "/h.sqlite")
    #expect(diff.exitCode == 0, "\(diff.stderr)")
    #expect(diff.stdout.contains("O21"))
    #expect(diff.stdout.contains("Regressions"))
    let history = try await oitcheck("history", "--db", dir + "/h.sqlite")
    #expect(history.stdout.split(separator: "\n").filter { $0.contains(server.baseURL) }.count == 2)
    // Dated folders: --keep 1 leaves the newest, which `latest` names, with every format and
    // the section in its text report.
    let folders = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
    #expect(folders.count == 2 && folders.contains("latest"), "\(folders)")
    let text = try String(contentsOfFile: dir + "/out/latest/report.txt", encoding: .utf8)
    #expect(text.contains("O21"))
    #expect(text.contains("ตั้งแต่รอบก่อน"))
    #expect(FileManager.default.fileExists(atPath: dir + "/out/latest/report.html"))
  }

  @Test func failOnRegressionLooksOnlyAtRegressions() async throws {
    let (dir, site) = try Self.demoCopy()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let server = try FixtureServer(root: site)
    defer { server.stop() }
    let args = [
      "audit", server.baseURL + "/", "--db", dir + "/h.sqlite", "--as-of", "2026-06-30",
      "--checklist", "2569", "--format", "json", "--quiet", "--fail-on", "regression",
    ]
    let first = try await oitcheck(args)
    #expect(first.exitCode == 0, "\(first.stderr)")
    let again = try await oitcheck(args.filter { $0 != "--quiet" } + ["--verbose"])
    #expect(again.exitCode == 0, "\(again.stderr)")
    // --verbose: each step on standard error through swift-log.
    #expect(again.stderr.contains("[info] crawled"), "\(again.stderr)")
    #expect(again.stderr.contains("[info] recorded run 2"), "\(again.stderr)")
    try Self.removeRiskAssessment(site)
    let third = try await oitcheck(args)
    #expect(third.exitCode == 2, "\(third.stderr)")
    // Without history --fail-on still chooses: `none` never fails, `broken` does (O21).
    let unrecorded = args.filter { $0 != "--fail-on" && $0 != "regression" } + ["--no-history"]
    let never = try await oitcheck(unrecorded + ["--fail-on", "none"])
    #expect(never.exitCode == 0, "\(never.stderr)")
    let broken = try await oitcheck(unrecorded + ["--fail-on", "broken"])
    #expect(broken.exitCode == 2, "\(broken.stderr)")
  }

  /// A site whose pages answer slowly, so that a crawl is still running when the test acts.
  static func slowSite() throws -> LoopbackServer {
    try LoopbackServer { request in
      let links = (1...40).map { #"<a href="/p\#($0).html">หน้า \#($0)</a>"# }.joined()
      let body = request.path == "/" ? links : "<p>หน้า</p>"
      var r = LoopbackResponse(
        status: request.path == "/robots.txt" ? 404 : 200, contentType: "text/html; charset=utf-8",
        body: "<html><head><title>t</title></head><body>\(body)</body></html>")
      r.delayMilliseconds = request.path == "/" ? 0 : 300
      return r
    }
  }

  @Test func aSecondRunWaitsForNoneAndAKilledRunLeavesNothingHalfDone() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let server = try Self.slowSite()
    defer { server.stop() }
    let db = dir + "/h.sqlite"
    let args = [
      "audit", server.baseURL + "/", "--db", db, "--as-of", "2026-06-30", "--checklist", "2569",
      "--format", "json", "--quiet", "--archive", dir + "/out",
    ]
    // The first run crawls (40 pages × 300 ms over 2 connections: about 6 s).
    let process = Process()
    process.executableURL = URL(fileURLWithPath: oitcheckBinary)
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["XDG_DATA_HOME"] = testDataHome
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait (bounded) until it is crawling: the server has seen a page request.
    let waitUntil = Date().addingTimeInterval(20)
    while !server.log.contains(where: { $0.target.hasPrefix("/p") }) && Date() < waitUntil {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(process.isRunning)
    let started = Date()
    let second = try await oitcheck(args, timeout: 30)
    #expect(second.exitCode == 75, "\(second.stderr)")
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(second.stderr.split(separator: "\n").count == 1)
    // Killed mid-crawl: no run recorded, no report folder.
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let none = try await oitcheck("history", "--db", db, "--json")
    let noRuns = try? JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any]
    #expect(noRuns?.isEmpty == true, "\(none.stdout)")
    let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []
    #expect(leftovers.filter { !$0.hasPrefix(".") }.isEmpty, "\(leftovers)")
    // The next run takes the dead run's lock and completes.
    let third = try await oitcheck(args, timeout: 120)
    #expect(third.exitCode == 2, "\(third.stderr)")
    let runs = try await oitcheck("history", "--db", db, "--json")
    let list = (try? JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [Any]) ?? []
    #expect(list.count == 1)
    #expect(FileManager.default.fileExists(atPath: dir + "/out/latest/report.json"))
  }
}
