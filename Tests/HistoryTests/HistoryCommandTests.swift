import AuditCore
import Foundation
import History
import TestSupport
import Testing

/// The built binary's `history`, `diff` and `config check` against a real database and files.
@Suite(.timeLimit(.minutes(2)))
struct HistoryCommandTests {
  typealias F = HistoryFixtures

  /// Two runs of one site: o2 regresses and its PDF breaks, o1 improves.
  func twoRuns(_ folder: String) throws -> (String, RunSummary, RunSummary) {
    let db = folder + "/history.sqlite"
    let store = try HistoryStore(path: db)
    let pdf = F.site + "plan.pdf"
    let a = try store.record(
      report: F.report([F.item("o1", .missing), F.item("o2", .pass, evidence: [pdf])]),
      snapshot: F.snapshot(attachments: [AttachmentFacts(url: pdf, status: 200)]))
    let b = try store.record(
      report: F.report([F.item("o1", .pass), F.item("o2", .broken, evidence: [pdf])]),
      snapshot: F.snapshot(failures: [
        FailureFacts(url: pdf, error: "http", message: "HTTP 404", status: 404)
      ]))
    return (db, a, b)
  }

  @Test func historyListsRunsNewestFirst() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (db, a, b) = try twoRuns(folder)
    let run = try await F.offPool { try runOitcheck("history", "--db", db, timeout: 60) }
    #expect(run.exitCode == 0)
    #expect(run.stderr.isEmpty)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("\(b.id)\t") && lines[2].hasPrefix("\(a.id)\t"))
    let other = try await F.offPool {
      try runOitcheck("history", "--db", db, "--site", "https://other.go.th/")
    }
    #expect(other.stdout.hasPrefix("no runs recorded for https://other.go.th/"))
    let json = try await F.offPool { try runOitcheck("history", "--db", db, "--json") }
    let decoded = try JSONDecoder().decode([RunSummary].self, from: Data(json.stdout.utf8))
    #expect(decoded.map(\.id) == [b.id, a.id])
  }

  @Test func diffNamesTheChangedItemsRegressionsFirst() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (db, a, b) = try twoRuns(folder)
    let run = try await F.offPool { try runOitcheck("diff", "--db", db, timeout: 60) }
    #expect(run.exitCode == 0)
    #expect(run.stderr.isEmpty)
    let text = run.stdout
    #expect(text.hasPrefix("run \(a.id) (2026-03-31T02:00:00Z) → run \(b.id)"))
    let regression = try #require(text.range(of: "Regressions (1):\n  o2  pass → broken"))
    let improvement = try #require(text.range(of: "Improvements (1):\n  o1  missing → pass"))
    #expect(regression.lowerBound < improvement.lowerBound)
    #expect(text.contains("Evidence that broke (1):\n  \(F.site)plan.pdf (o2): http: HTTP 404"))
    let explicit = try await F.offPool {
      try runOitcheck("diff", "\(a.id)", "\(b.id)", "--db", db, "--json")
    }
    let diff = try JSONDecoder().decode(RunDiff.self, from: Data(explicit.stdout.utf8))
    #expect(diff.changes.map(\.itemID) == ["o2", "o1"])
  }

  @Test func diffExplainsWhatIsMissingInOneLine() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (db, a, _) = try twoRuns(folder)
    let unknown = try await F.offPool { try runOitcheck("diff", "\(a.id)", "99", "--db", db) }
    #expect(unknown.exitCode == 64)
    #expect(unknown.stderr == "oitcheck: no run 99 in the history (see `oitcheck history`)\n")
    let nothing = try await F.offPool { try runOitcheck("diff", "--db", folder + "/none.sqlite") }
    #expect(nothing.exitCode == 1)
    #expect(nothing.stderr.hasPrefix("oitcheck: no history at \(folder)/none.sqlite"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
  }

  @Test func configCheckAcceptsAGoodFile() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/oitcheck.yaml"
    try """
    site: https://www.example.go.th/
    checklist: 2569
    units: units.yaml
    output: reports
    db: /var/lib/oitcheck/history.sqlite
    keep: 30
    fail-on: [missing, stale, broken, regression]
    user-agent: "oitcheck (it@example.go.th)"
    format: [text, json]
    lang: th
    limits:
      max-pages: 5000
      time-limit: 3600
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let run = try await F.offPool { try runOitcheck("config", "check", path) }
    #expect(run.exitCode == 0)
    #expect(run.stdout == "\(path): ok (site https://www.example.go.th/)\n")
    let config = try RunConfig.load(path: path)
    #expect(config.units == folder + "/units.yaml")
    #expect(config.output == folder + "/reports")
    #expect(config.database == "/var/lib/oitcheck/history.sqlite")
    #expect(config.failOn == [.missing, .stale, .broken, .regression])
    #expect(config.formats == ["text", "json"])
    #expect(config.limits.maxPages == 5000 && config.limits.timeLimit == 3600)
    #expect(config.keep == 30)
  }

  @Test func configCheckGivesEveryProblemWithItsPosition() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/oitcheck.yaml"
    try """
    site: www.example.go.th
    keep: many
    fail-on: missing, regresion
    limits:
      max-pages: 0
      max-deph: 3
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let run = try await F.offPool { try runOitcheck("config", "check", path) }
    #expect(run.exitCode == 3)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr.split(separator: "\n").map(String.init) == [
        "oitcheck: \(path):1:7: 'site' must be an http(s) URL such as https://www.example.go.th/",
        "oitcheck: \(path):2:7: 'keep' must be a whole number from 1 to 10000, not 'many'",
        "oitcheck: \(path):3:10: unknown fail-on condition 'regresion' (use missing, stale, "
          + "broken, uncertain, regression, none)",
        "oitcheck: \(path):5:14: 'max-pages' must be a whole number from 1 to 1000000, not '0'",
        "oitcheck: \(path):6:3: unknown key 'max-deph' (did you mean 'max-depth'?)",
      ])
    let syntax = folder + "/broken.yaml"
    try "site: [unclosed\n".write(toFile: syntax, atomically: true, encoding: .utf8)
    let bad = try await F.offPool { try runOitcheck("config", "check", syntax) }
    #expect(bad.exitCode == 3)
    #expect(bad.stderr.hasPrefix("oitcheck: \(syntax):2:1: YAML syntax error"))
    let missing = try await F.offPool { try runOitcheck("config", "check", folder + "/nope.yaml") }
    #expect(missing.exitCode == 3)
    #expect(missing.stderr == "oitcheck: cannot read config \(folder)/nope.yaml: no such file\n")
  }
}
