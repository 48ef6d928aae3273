// oitcheck: the executable. Wiring only: it reads flags, the environment, the clock and the
// working directory, and hands them to the modules as values.
import ArgumentParser
import AuditCore
import Extraction
import Foundation
import Transport

@main
struct OitCheck: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "oitcheck",
    abstract: "Audit a Thai local government website against the OIT checklist of the ITA.",
    discussion: """
      Exit codes:
        0   every item passes (crawl, checklist validate: success)
        1   runtime failure: start page unreachable, disk full, cannot write a file
        2   some item is missing, stale, broken or uncertain (or what --fail-on names)
        3   bad checklist or configuration
        64  bad usage (unknown flag, bad value)
        75  another run of the same site and history is still going (try again later)
      """,
    version: oitcheckVersion,
    subcommands: [
      AuditCommand.self, CrawlCommand.self, MatchCommand.self, ChecklistCommand.self,
      DemoCommand.self, UnitsCommand.self, HistoryCommand.self, DiffCommand.self,
      ConfigCommand.self,
    ])

  static func main() async {
    CurlRuntime.initialize()
    HTMLExtractor.initialize()
    do {
      var command = try parseAsRoot()
      if var async = command as? AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      exit(withError: error)
    }
  }
}

/// How commands end: the cron contract, documented in `--help` and the README.
enum Exit: Int32 {
  case ok = 0
  case runtimeFailure = 1
  case itemsNotPassing = 2
  case badInput = 3
  case usage = 64
  /// Another run of the same site with the same history holds the lock (sysexits EX_TEMPFAIL).
  case locked = 75
}

/// Prints one line to stderr and ends the command with `code`.
func fail(_ message: String, _ code: Exit) -> ExitCode {
  printError(message)
  return ExitCode(code.rawValue)
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data(("oitcheck: " + message + "\n").utf8))
}
