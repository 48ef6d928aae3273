import ArgumentParser
import AuditCore
import Foundation

struct ChecklistCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checklist", abstract: "List, show and validate checklist files.",
    subcommands: [List.self, Show.self, Validate.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The checklist years available.")
    @OptionGroup var audit: AuditFlags

    func run() throws {
      let catalog = try openCatalog(audit)
      for year in catalog.years {
        let list = try loadOrFail { () throws(ChecklistError) in try catalog.load(year: year) }
        print("\(year)\t\(list.id)\t\(list.items.count) items\t\(list.title)")
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The items of one year's checklist.")
    @Argument(help: "Year (2569) or path.") var year: String
    @OptionGroup var audit: AuditFlags

    func run() throws {
      let catalog = try openCatalog(audit)
      // A year names its own fiscal year; a path is shown against the audit day's.
      let fy = Int(year).map { FiscalYear(be: $0) } ?? FiscalYear(containing: audit.day())
      let (list, _) = try loadOrFail { () throws(ChecklistError) in try catalog.resolve(year, fiscalYear: fy) }
      print("\(list.id) (\(list.year.be)) — \(list.title)")
      for item in list.items {
        let title = audit.lang == .th ? item.titleTH : item.titleEN
        print("\(item.code)\t\(item.indicator)\t\(item.freshness.name)\t\(item.unit)\t\(title)")
      }
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a checklist file; prints file:line:col for each problem (exit 3).")
    @Argument(help: "The checklist file.") var file: String
    @OptionGroup var audit: AuditFlags

    func run() throws {
      let catalog = try openCatalog(audit)
      // families.yaml is checked as a families file; every other file as one year's list.
      let problems =
        (file as NSString).lastPathComponent == "families.yaml"
        ? ChecklistLoader.validateFamilies(path: file)
        : ChecklistLoader.validate(path: file, families: catalog.families)
      for problem in problems { printError(problem.description) }
      if !problems.isEmpty { throw ExitCode(Exit.badInput.rawValue) }
      print("\(file): ok")
    }
  }
}

func openCatalog(_ flags: AuditFlags) throws -> ChecklistCatalog {
  let dir = try Pipeline.checklistDirectory(flags)
  return try loadOrFail { () throws(ChecklistError) in try ChecklistCatalog(directory: dir) }
}

func loadOrFail<T>(_ body: () throws(ChecklistError) -> T) throws -> T {
  do {
    return try body()
  } catch {
    throw fail(error.description, .badInput)
  }
}
