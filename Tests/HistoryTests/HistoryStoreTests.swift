import AuditCore
import Foundation
import GRDB
import Testing

@testable import History

@Suite struct HistoryStoreTests {
  typealias F = HistoryFixtures

  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func sha256MatchesTheStandardVectors(input: String, digest: String) {
    #expect(SHA256.hex(Array(input.utf8)) == digest)
  }

  @Test func recordsARunWholeAndReadsItBack() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/sub/history.sqlite"
    let store = try HistoryStore(path: path)
    let page = PageFacts(
      url: F.site, status: 200, title: "หน้าแรก", text: "ข่าว", lastModified: "Tue, 31 Mar 2026",
      etag: "\"abc\"")
    let run = try store.record(
      report: F.report([F.item("o1", .pass, evidence: [F.site]), F.item("o2", .missing)]),
      snapshot: F.snapshot(
        pages: [page],
        attachments: [AttachmentFacts(url: F.site + "a.pdf", status: 200, etag: "\"pdf\"")],
        failures: [FailureFacts(url: F.site + "gone", error: "http", message: "404", status: 404)]
      ))
    #expect(run.site == F.site)
    #expect(run.summary.pass == 1 && run.summary.missing == 1)
    #expect(run.pagesFetched == 1 && run.pagesFailed == 1)
    // WAL: the write-ahead log sits beside the database while it is open.
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))

    // A second connection (the next night's run) sees everything.
    let reopened = try HistoryStore(path: path)
    #expect(try reopened.runs().map(\.id) == [run.id])
    #expect(try reopened.items(runID: run.id).map(\.status) == [.pass, .missing])
    let facts = try reopened.latestURLFacts(site: F.site)
    #expect(facts[F.site]?.etag == "\"abc\"")
    #expect(facts[F.site]?.lastModified == "Tue, 31 Mar 2026")
    #expect(facts[F.site + "a.pdf"]?.kind == .attachment)
    #expect(facts[F.site + "gone"]?.isHealthy == false)
    let hash = try #require(facts[F.site]?.contentHash)
    #expect(hash.count == 64)
    #expect(try reopened.pageFacts(contentHash: hash) == page)
    #expect(try reopened.latestURLFacts(site: "https://other.go.th/").isEmpty)
    // What a conditional re-crawl gets: the page with its validators and stored facts.
    let prior = try reopened.priorPages(site: F.site)
    #expect(Array(prior.keys) == [F.site])
    #expect(prior[F.site]?.etag == "\"abc\"")
    #expect(prior[F.site]?.lastModified == "Tue, 31 Mar 2026")
    #expect(prior[F.site]?.facts() == page)
  }

  @Test func aRunThatFailsHalfwayLeavesNothing() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore(path: folder + "/history.sqlite")
    let first = try store.record(
      report: F.report([F.item("o1", .pass)]),
      snapshot: F.snapshot(pages: [
        PageFacts(url: F.site, status: 200)
      ]))
    // The run row and item o1 go in, then the second o1 breaks the primary key.
    let broken = F.report([F.item("o1", .pass), F.item("o2", .stale), F.item("o1", .missing)])
    #expect(throws: HistoryError.self) {
      try store.record(
        report: broken, snapshot: F.snapshot(pages: [PageFacts(url: F.site + "x", status: 200)]))
    }
    #expect(try store.runs().map(\.id) == [first.id])
    let counts = try rowCounts(
      folder + "/history.sqlite", ["run", "item", "evidence", "url_fact", "page_content"])
    #expect(counts == [1, 1, 0, 1, 1])
  }

  /// Rows per table, read through a separate connection.
  func rowCounts(_ path: String, _ tables: [String]) throws -> [Int] {
    let queue = try DatabaseQueue(path: path)
    return try queue.read { db in
      try tables.map { table in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }
  }

  @Test func pageFactsAreKeptOnceAndOnlyForTheNewestRun() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore(path: folder + "/history.sqlite")
    let snapshot = F.snapshot(pages: [
      PageFacts(url: F.site, status: 200, text: "หน้าแรก"),
      PageFacts(url: F.site + "news", status: 200, text: "ข่าว"),
    ])
    for _ in 0..<3 { _ = try store.record(report: F.report([]), snapshot: snapshot) }
    #expect(try rowCounts(folder + "/history.sqlite", ["page_content", "url_fact"]) == [2, 6])
    // A changed page replaces its old facts; another site's pages stay.
    _ = try store.record(
      report: F.report([], site: "https://other.go.th/"),
      snapshot: F.snapshot(
        pages: [PageFacts(url: "https://other.go.th/", status: 200)], site: "https://other.go.th/"))
    let changed = F.snapshot(pages: [
      PageFacts(url: F.site, status: 200, text: "หน้าแรก"),
      PageFacts(url: F.site + "news", status: 200, text: "ข่าวใหม่"),
    ])
    let latest = try store.record(report: F.report([]), snapshot: changed)
    #expect(try rowCounts(folder + "/history.sqlite", ["page_content", "url_fact"]) == [3, 9])
    let facts = try store.urlFacts(runID: latest.id)
    for fact in facts { #expect(try store.pageFacts(contentHash: fact.contentHash ?? "") != nil) }
    let first = try #require(store.runs(site: F.site).last)
    // Older runs keep their fingerprints, so a change is still visible without the facts.
    let oldNews = try #require(store.urlFacts(runID: first.id).first { $0.url == F.site + "news" })
    let newNews = try #require(facts.first { $0.url == F.site + "news" })
    #expect(oldNews.contentHash != newNews.contentHash)
    #expect(try store.pageFacts(contentHash: oldNews.contentHash ?? "") == nil)
  }

  @Test func diffPutsRegressionsFirstAndNamesNewlyBrokenEvidence() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore(path: folder + "/history.sqlite")
    let pdf = F.site + "plan.pdf"
    let a = try store.record(
      report: F.report([
        F.item("o1", .missing), F.item("o2", .pass, evidence: [pdf]), F.item("o3", .pass),
        F.item("o4", .stale), F.item("o5", .pass), F.item("o6", .uncertain),
      ]),
      snapshot: F.snapshot(
        pages: [PageFacts(url: F.site, status: 200)],
        attachments: [AttachmentFacts(url: pdf, status: 200)]))
    // Another site's run in between must not become the previous run.
    _ = try store.record(
      report: F.report([F.item("o1", .pass)], site: "https://other.go.th/"),
      snapshot: F.snapshot(site: "https://other.go.th/"))
    let b = try store.record(
      report: F.report([
        F.item("o1", .pass), F.item("o2", .broken, evidence: [pdf]), F.item("o3", .pass),
        F.item("o4", .missing), F.item("o5", .uncertain), F.item("o7", .missing),
      ]),
      snapshot: F.snapshot(
        pages: [PageFacts(url: F.site, status: 200)],
        failures: [
          FailureFacts(
            url: pdf, error: "http", message: "HTTP 404", status: 404, isAttachment: true)
        ]))
    let diff = try store.diff(site: F.site, from: nil, to: nil)
    #expect(diff.from.id == a.id && diff.to.id == b.id)
    #expect(diff.changes.map(\.itemID) == ["o2", "o5", "o4", "o6", "o7", "o1"])
    #expect(diff.regressions.map(\.itemID) == ["o2", "o5"])
    let o6 = try #require(diff.changes.first { $0.itemID == "o6" })
    #expect(o6.before == .uncertain && o6.after == nil && !o6.isRegression)
    let o7 = try #require(diff.changes.first { $0.itemID == "o7" })
    #expect(o7.before == nil && o7.after == .missing)
    #expect(
      diff.brokenEvidence == [BrokenEvidence(url: pdf, itemIDs: ["o2"], now: "http: HTTP 404")])
    #expect(try store.diff(from: a.id, to: b.id) == diff)
    #expect(try store.diff(site: nil, from: a.id, to: nil) == diff)
    #expect(try store.previousRun(site: F.site)?.id == b.id)
    #expect(try store.previousRun(site: F.site, before: b.id)?.id == a.id)
    #expect(try store.runs(site: F.site).map(\.id) == [b.id, a.id])
  }

  @Test func diffNeedsTwoRunsAndKnownIDs() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore(path: folder + "/history.sqlite")
    #expect(throws: HistoryError.notEnoughRuns(site: nil, found: 0)) {
      try store.diff(site: nil, from: nil, to: nil)
    }
    let only = try store.record(report: F.report([]), snapshot: F.snapshot())
    #expect(throws: HistoryError.notEnoughRuns(site: F.site, found: 1)) {
      try store.diff(site: nil, from: nil, to: nil)
    }
    #expect(throws: HistoryError.noSuchRun(99)) { try store.diff(from: only.id, to: 99) }
  }

  @Test func aNewerSchemaIsRefusedNotDamaged() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    _ = try HistoryStore(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
    }
    #expect(throws: HistoryError.newerSchema(path: path, migrations: ["v9-future"])) {
      try HistoryStore(path: path)
    }
  }

  @Test func anUnusableFileIsOneClearError() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/history.sqlite"
    try Data("this is not a database, just text that is long enough".utf8).write(
      to: URL(fileURLWithPath: path))
    do {
      _ = try HistoryStore(path: path)
      Issue.record("opened a text file as a database")
    } catch {
      #expect(error.description.hasPrefix("cannot open history \(path): "))
      #expect(!error.description.contains("\n"))
    }
  }
}

@Suite struct RecordedRunTests {
  typealias F = HistoryFixtures

  struct PublishFailed: Error {}

  @Test func aFailedPublishRollsTheRunBack() throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore(path: folder + "/history.sqlite")
    let first = try store.record(report: F.report([F.item("o1", .pass)]), snapshot: F.snapshot())
    var seen: RecordedRun? = nil
    #expect(throws: PublishFailed.self) {
      try store.record(report: F.report([F.item("o1", .stale)]), snapshot: F.snapshot()) {
        recorded in
        seen = recorded
        throw PublishFailed()
      }
    }
    // The closure saw the diff against the first run, and then nothing was kept.
    #expect(seen?.sinceLastRun?.regressions.map(\.itemID) == ["o1"])
    #expect(try store.runs().map(\.id) == [first.id])
  }

  @Test(arguments: [
    ("", [String]()),
    ("missing", ["1 item missing"]),
    ("missing,stale,broken,uncertain", ["1 item missing", "2 items stale"]),
    ("regression", ["regressed since run 1: o1"]),
    ("none", []),
  ])
  func failOnChoosesWhatEndsWithExitTwo(failOn: String, expected: [String]) throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore(path: folder + "/history.sqlite")
    _ = try store.record(
      report: F.report([F.item("o1", .pass), F.item("o2", .pass)]), snapshot: F.snapshot())
    let report = F.report([
      F.item("o1", .stale), F.item("o2", .pass), F.item("o3", .missing), F.item("o4", .stale),
    ])
    let (recorded, _) = try store.record(report: report, snapshot: F.snapshot()) { _ in }
    let conditions = try FailCondition.parse(failOn).get()
    #expect(recorded.failures(of: report, under: conditions) == expected)
    #expect(FailCondition.parse("missing,bogus") == .failure(FailConditionError(word: "bogus")))
  }
}

@Suite struct ConcurrentOpenTests {
  typealias F = HistoryFixtures

  /// Many connections creating one new history at once (cron starting several sites together).
  @Test func aNewFileOpenedByManyAtOnceGetsOneSchema() async throws {
    for _ in 0..<5 {
      let folder = try F.temporaryFolder()
      defer { try? FileManager.default.removeItem(atPath: folder) }
      let path = folder + "/history.sqlite"
      let failures = await withTaskGroup(of: String?.self) { group in
        for _ in 0..<6 {
          group.addTask {
            do {
              _ = try HistoryStore(path: path)
              return nil
            } catch {
              return "\(error)"
            }
          }
        }
        var out: [String] = []
        for await failure in group { if let failure { out.append(failure) } }
        return out
      }
      #expect(failures.isEmpty)
    }
  }
}
