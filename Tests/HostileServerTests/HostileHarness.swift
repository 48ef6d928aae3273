import Foundation
import LoopbackServer
import TestSupport
import Testing

/// One `oitcheck audit --format json` run against a hostile server, with what it left behind.
struct HostileAudit {
  var run: MeasuredRun
  /// The JSON report, when the audit got far enough to write one.
  var report: [String: Any]?
  /// The snapshot's records (after the header), when one was kept.
  var records: [[String: Any]]

  var coverageNotes: [String] {
    (report?["coverage"] as? [String: Any])?["notes"] as? [String] ?? []
  }
  var reportNotes: [String] { report?["notes"] as? [String] ?? [] }
  /// Every sentence the report has about the run: coverage notes, then report notes.
  var allNotes: String { (coverageNotes + reportNotes).joined(separator: "\n") }
  var complete: Bool? { (report?["coverage"] as? [String: Any])?["complete"] as? Bool }

  func records(_ kind: String) -> [[String: Any]] { records.filter { $0["type"] as? String == kind } }
  func failure(_ suffix: String) -> [String: Any]? {
    records("failure").first { ($0["url"] as? String)?.hasSuffix(suffix) == true }
  }
  func page(_ suffix: String) -> [String: Any]? {
    records("page").first { ($0["url"] as? String)?.hasSuffix(suffix) == true }
  }

  /// One line for the test log: the figures the table needs.
  func log(_ name: String, _ outcome: String) {
    print(
      String(
        format: "hostile | %@ | %@ | %.1f s | %.0f MB | exit %d", name, outcome, run.seconds,
        run.peakResidentMB, run.exitCode))
  }
}

/// Audits `url` with the built binary; the snapshot is kept so tests can read what was recorded.
/// Every audit must end on its own inside `timeBudget`.
func hostileAudit(
  _ url: String, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
) async throws -> HostileAudit {
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(atPath: dir) }
  let snapshot = dir + "/snapshot.jsonl"
  let arguments =
    ["audit", url, "--format", "json", "--quiet", "--as-of", "2026-03-31", "--snapshot", snapshot]
    + extra
  let run = try await runOitcheckMeasured(arguments: arguments, timeout: timeBudget * 1.5)
  #expect(!run.timedOut, "killed after \(timeBudget * 1.5) s", sourceLocation: sourceLocation)
  #expect(run.seconds < timeBudget, sourceLocation: sourceLocation)
  #expect(run.peakResidentBytes > 0, "memory was never sampled", sourceLocation: sourceLocation)
  let report = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
  let lines = (try? snapshotLines(snapshot)) ?? []
  return HostileAudit(run: run, report: report, records: Array(lines.dropFirst()))
}

/// A site whose home page links to every hostile path (or only to `links`); robots.txt is
/// absent (404), so everything may be crawled. `routes` answer first; other paths are 404.
func hostileSite(
  _ routes: [String: LoopbackResponse], links linked: [String]? = nil, tls: TLSIdentity? = nil,
  dynamic: (@Sendable (LoopbackRequest) -> LoopbackResponse?)? = nil
) throws -> LoopbackServer {
  let links = (linked ?? routes.keys.sorted()).map { "<a href=\"\($0)\">\($0)</a>" }
    .joined(separator: " ")
  let home = page("<h1>เทศบาลทดสอบ</h1>\(links)", title: "หน้าแรก")
  return try LoopbackServer(tls: tls) { request in
    if let dynamic, let response = dynamic(request) { return response }
    if request.path == "/" { return home }
    return routes[request.target] ?? routes[request.path]
      ?? LoopbackResponse(status: 404, contentType: "text/html", body: "<title>404</title>")
  }
}

func page(_ body: String, title: String = "page") -> LoopbackResponse {
  LoopbackResponse(
    status: 200, contentType: "text/html; charset=utf-8",
    body: "<!doctype html><html><head><title>\(title)</title></head><body>\(body)</body></html>")
}

/// Seconds an audit of a hostile server may take. Each attack here would hold an unguarded
/// client for many minutes (a 600-byte body at 1 byte/s, an endless body, 4 GiB to inflate, a
/// Retry-After of a day) or forever; alone each audit takes 0.5–15 s, and the margin is for a
/// loaded two-core machine running the other suites at the same time.
let timeBudget = 60.0

/// Memory a bounded audit may use: a few pages of 5 MiB each, parsed, plus the runtime.
let memoryBudgetMB = underAddressSanitizer ? 1024.0 : 200.0
/// A 5 MiB page parsed into a libxml2 tree of a quarter of a million elements.
let largeTreeBudgetMB = underAddressSanitizer ? 2048.0 : 256.0
/// `make asan` sets this: ASan's shadow memory and quarantine multiply every process's RSS, so
/// the memory budgets only mean something in a plain build.
let underAddressSanitizer = ProcessInfo.processInfo.environment["OITCHECK_ASAN"] != nil
