import ArgumentParser
import DemoSite
import Foundation
import LoopbackServer
import Reporting

struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Serve the bundled demo municipality on 127.0.0.1, crawl it and print its audit.",
    discussion: """
      The demo site is dated for fiscal year 2569, so the audit is run as of 2026-06-30 with the
      2569 checklist unless --as-of, --fiscal-year or --checklist say otherwise. The report is
      printed (text, or the first --format) and every format, the evidence sheet and the \
      per-unit lists are written to the --output folder (default ./oitcheck-demo-report/).
      """)

  @OptionGroup var audit: AuditFlags

  @Flag(help: "Keep serving the demo site after the audit, until interrupted.")
  var serve = false

  func run() async throws {
    let server: LoopbackServer
    do {
      let site = try StaticSite(root: DemoSite.rootDirectory)
      server = try LoopbackServer { site.respond(to: $0) }
    } catch {
      throw fail("\(error)", .runtimeFailure)
    }
    defer { server.stop() }
    printError("demo site served at \(server.baseURL)/")
    var flags = audit
    // The demo always prints one report and writes a folder of all of them.
    let printed = flags.formats.first ?? .text
    let folder = flags.output ?? "oitcheck-demo-report"
    flags.formats = []
    flags.output = nil
    if flags.asOf == nil { flags.asOf = "2026-06-30" }
    if flags.checklist == nil { flags.checklist = "2569" }
    let plan = try Pipeline.plan(flags)
    var crawl = try CrawlFlags.parse([])
    crawl.quiet = true
    let path = temporarySnapshotPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = try await Pipeline.crawl(url: server.baseURL + "/", flags: crawl, snapshotPath: path)
    let report = try Pipeline.audit(snapshotPath: path, plan: plan)
    try ReportOutput.emit(
      report, to: [.stdout(printed), .folder(ReportFormat.allCases, path: folder)],
      context: plan.context)
    if serve {
      printError("serving \(server.baseURL)/ — press Ctrl-C to stop")
      while true { try await Task.sleep(for: .seconds(3600)) }
    }
  }
}
