import ArgumentParser
import AuditCore
import Foundation
import History
import Logging
import Reporting

struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Crawl a site and audit it against the OIT checklist.",
    discussion: """
      Each run is recorded in the history database (--db) under a lock per site, and the report
      says what changed since the site's previous run. Exit codes: 0 nothing in --fail-on holds,
      2 something does, 1 runtime failure, 3 bad checklist/config/units file, 64 bad usage,
      75 another run of this site holds the lock.
      """)

  @Argument(help: "The site's start URL (or `site:` in --config).")
  var url: String?

  @Option(help: "Also keep the crawl snapshot at this path.")
  var snapshot: String?

  @OptionGroup var audit: AuditFlags
  @OptionGroup var crawl: CrawlFlags
  @OptionGroup var history: HistoryFlags

  func run() async throws {
    let config = try history.loadConfig()
    var auditFlags = audit
    var crawlFlags = crawl
    if let config { config.applyDefaults(to: &auditFlags, &crawlFlags) }
    guard let site = url ?? config?.site else {
      throw fail("give the site's start URL, or `site:` in the --config file", .usage)
    }
    guard let start = StartURL.parse(site) else {
      throw fail("not an http(s) URL: '\(site)' (write it as https://www.example.go.th/)", .usage)
    }
    let log = StepLog.logger(verbose: history.verbose, quiet: crawlFlags.quiet)
    let plan = try Pipeline.plan(auditFlags)
    log.info("checklist \(plan.checklist.id), fiscal year \(plan.options.fiscalYear.be)")
    // The lock is taken before the crawl: a second run of the same site exits at once.
    let scheduled =
      history.noHistory ? nil : try ScheduledRun.begin(site: start, flags: history, config: config)
    let prior = scheduled?.priorPages ?? [:]
    let path = snapshot ?? temporarySnapshotPath()
    defer { if snapshot == nil { try? FileManager.default.removeItem(atPath: path) } }
    log.info("crawling \(start) (\(prior.count) pages of the last run asked for only if changed)")
    let coverage = try await Pipeline.crawl(
      url: start, flags: crawlFlags, snapshotPath: path, priorPages: prior)
    log.info("crawled \(coverage.pagesFetched) pages, \(coverage.pagesFailed) failed")
    if !coverage.complete { log.warning("the crawl did not see the whole site: \(coverage.limitsHit)") }
    let snap = try Pipeline.readSnapshot(path)
    var report = Pipeline.audit(snapshot: snap, plan: plan)
    log.info("matched: \(report.summary.pass) of \(report.items.count) items pass")
    let exit: Exit
    if let scheduled {
      let archive = history.archive ?? config?.output
      let outcome = try scheduled.finish(report: report, snapshot: snap, outputRoot: archive) {
        diff in
        report.sinceLastRun = diff.map(SinceLastRun.init)
        let files = ReportBundle.files(
          report, formats: ReportFormat.allCases, context: plan.context)
        return Dictionary(
          files.map { ($0.path, Data($0.contents.utf8)) }, uniquingKeysWith: { a, _ in a })
      }
      log.info("recorded run \(outcome.recorded.run.id)")
      if let folder = outcome.folder { log.notice("reports archived in \(folder)") }
      for reason in outcome.reasons { log.info("fail-on: \(reason)") }
      exit = outcome.exit
    } else {
      // Without history there is no regression to see; the other conditions still decide.
      let conditions = try history.failConditions(config: config)
      let reasons = FailCondition.verdictFailures(of: report, under: conditions)
      exit = reasons.isEmpty ? .ok : .itemsNotPassing
    }
    try ReportOutput.emit(report, to: [plan.output], context: plan.context)
    if exit != .ok { throw ExitCode(exit.rawValue) }
  }
}

extension SinceLastRun {
  init(_ diff: RunDiff) {
    self.init(
      previousRun: diff.from.startedAt,
      changes: diff.changes.map {
        Change(id: $0.itemID, title: $0.title, before: $0.before, after: $0.after, regression: $0.isRegression)
      },
      brokenEvidence: diff.brokenEvidence.map { "\($0.url) (\($0.itemIDs.joined(separator: ", "))): \($0.now)" })
  }
}

func temporarySnapshotPath() -> String {
  NSTemporaryDirectory() + "/oitcheck-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).jsonl"
}
