import ArgumentParser
import AuditCore
import Foundation
import Reporting

/// Checklist, dates and output options shared by `audit`, `match` and `demo`.
struct AuditFlags: ParsableArguments {
  @Option(help: "Checklist year (2569) or path to a checklist file.")
  var checklist: String?

  @Option(help: "Fiscal year audited, Buddhist era (default: the one containing --as-of).")
  var fiscalYear: Int?

  @Option(help: "Audit date YYYY-MM-DD (default: today).")
  var asOf: String?

  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Report format: text, json, md, html or csv (repeatable).",
      discussion: "Default: text on standard output; every format in an --output folder."))
  var formats: [ReportFormat] = []

  @Option(
    help: ArgumentHelp(
      "Write the report to FILE, or every format, the evidence sheet and the per-unit lists to a folder.",
      discussion: """
        A folder when the path is an existing directory, ends with '/', or several --format \
        values are given; otherwise one file (its format from --format, else from its extension).
        """,
      valueName: "FILE|DIR"))
  var output: String?

  @Option(
    help: ArgumentHelp(
      "Units file (YAML: name, contact, items) for the per-unit lists.",
      discussion: "Default: the checklist's unit field.", valueName: "FILE"))
  var units: String?

  @Option(help: "Language of the report: th or en.")
  var lang: ReportLanguage = .th

  @Option(help: "Folder of checklist files (default: Checklists/ beside the program or here).")
  var checklists: String?

  func validate() throws {
    if let asOf, Day(iso: asOf) == nil {
      throw ValidationError("--as-of must be a date YYYY-MM-DD, got '\(asOf)'")
    }
    if let fiscalYear, !(2500...2700).contains(fiscalYear) {
      throw ValidationError("--fiscal-year is a Buddhist-era year such as 2569, got \(fiscalYear)")
    }
  }

  /// The audit day: --as-of, else today in Thailand.
  func day(today: Date = Date()) -> Day {
    if let asOf, let d = Day(iso: asOf) { return d }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Bangkok") ?? .current
    let c = calendar.dateComponents([.year, .month, .day], from: today)
    let year = c.year ?? 2026
    return Day(year: year, month: c.month ?? 1, day: c.day ?? 1) ?? Day.startOf(month: 1, year: year)
  }
}

extension ReportLanguage: ExpressibleByArgument {}

extension ReportFormat: ExpressibleByArgument {}
