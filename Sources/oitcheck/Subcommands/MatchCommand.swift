import ArgumentParser

struct MatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "match", abstract: "Audit a snapshot written by `oitcheck crawl`.")

  @Option(help: "The snapshot to read.")
  var snapshot: String

  @OptionGroup var audit: AuditFlags

  func run() throws {
    let plan = try Pipeline.plan(audit)
    let exit = try Pipeline.match(snapshotPath: snapshot, plan: plan)
    if exit != .ok { throw ExitCode(exit.rawValue) }
  }
}
