import ArgumentParser
import Foundation

struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Crawl a site and audit it against the OIT checklist.")

  @Argument(help: "The site's start URL.")
  var url: String

  @Option(help: "Also keep the crawl snapshot at this path.")
  var snapshot: String?

  @OptionGroup var audit: AuditFlags
  @OptionGroup var crawl: CrawlFlags

  func run() async throws {
    let plan = try Pipeline.plan(audit)
    let path = snapshot ?? temporarySnapshotPath()
    defer { if snapshot == nil { try? FileManager.default.removeItem(atPath: path) } }
    _ = try await Pipeline.crawl(url: url, flags: crawl, snapshotPath: path)
    let exit = try Pipeline.match(snapshotPath: path, plan: plan)
    if exit != .ok { throw ExitCode(exit.rawValue) }
  }
}

func temporarySnapshotPath() -> String {
  NSTemporaryDirectory() + "/oitcheck-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).jsonl"
}
