import ArgumentParser
import AuditCore
import Foundation

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Check an oitcheck.yaml settings file.",
    subcommands: [Check.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate oitcheck.yaml; prints file:line:col for each problem (exit 3).")

    @Argument(help: "The settings file.") var file = "oitcheck.yaml"

    func run() throws {
      do {
        let config = try RunConfig.load(path: file)
        let site = config.site.map { " (site \($0))" } ?? ""
        print("\(file): ok\(site)")
      } catch {
        switch error {
        case .invalid(let problems):
          for problem in problems { printError(problem.description) }
          throw ExitCode(Exit.badInput.rawValue)
        case .unreadable(_, let reason):
          throw fail("cannot read config \(file): \(reason)", .badInput)
        }
      }
    }
  }
}
