import ArgumentParser
import Foundation

struct CrawlCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crawl", abstract: "Crawl a site into a snapshot (JSON Lines).")

  @Argument(help: "The site's start URL.")
  var url: String

  @Option(help: "Where to write the snapshot.")
  var snapshot: String

  @OptionGroup var crawl: CrawlFlags

  func run() async throws {
    let coverage = try await Pipeline.crawl(url: url, flags: crawl, snapshotPath: snapshot)
    if !crawl.quiet {
      printError(
        "wrote \(snapshot): \(coverage.pagesFetched) pages, \(coverage.attachmentsChecked) attachments, \(coverage.pagesFailed) failed"
          + (coverage.limitsHit.isEmpty ? "" : "; limits hit: " + coverage.limitsHit.joined(separator: ", ")))
    }
  }
}
