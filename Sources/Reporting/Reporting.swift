// Reporting: turns an AuditReport into what people read. One renderer per format (terminal text,
// JSON, Markdown, HTML, CSV), plus the per-unit to-do lists and the evidence sheet; each a pure
// function of the report and a context. Nothing here fetches, reads the clock or decides
// verdicts. `ReportBundle` names the files of an output folder. Callers: the executable.
import AuditCore
import Foundation

/// An output format of `--format`.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
  case text, json, md, html, csv

  /// The file name extension used in an output folder.
  public var fileExtension: String { self == .text ? "txt" : rawValue }

  /// The format a file name implies (`report.html` → html), if any.
  public init?(fileName: String) {
    let ext = (fileName as NSString).pathExtension.lowercased()
    switch ext {
    case "txt", "text": self = .text
    case "json": self = .json
    case "md", "markdown": self = .md
    case "html", "htm": self = .html
    case "csv": self = .csv
    default: return nil
    }
  }
}

/// What a renderer needs besides the report.
public struct RenderContext: Sendable {
  public var language: ReportLanguage
  /// Colour the status words (only on a terminal, and never with NO_COLOR set).
  public var color: Bool
  /// The checklist the report was made with: requirements and time windows come from it.
  public var checklist: Checklist?
  /// Who owns which item; nil means the checklist's (or the report's) unit field.
  public var units: UnitMap?

  public init(
    language: ReportLanguage = .th, color: Bool = false, checklist: Checklist? = nil,
    units: UnitMap? = nil
  ) {
    self.language = language
    self.color = color
    self.checklist = checklist
    self.units = units
  }

  var th: Bool { language == .th }

  /// The unit map in force: the given one, else the owner field of each item.
  func unitMap(for report: AuditReport) -> UnitMap {
    units ?? UnitMap(owners: report.items.map { ($0.id, $0.unit) })
  }
}

/// `oitcheck.report/1` as pretty-printed JSON.
public enum JSONReportRenderer {
  public static func render(_ report: AuditReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(report) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// One entry point over all formats, for callers that pick the format at run time.
public enum ReportRenderer {
  public static func render(
    _ report: AuditReport, as format: ReportFormat, context: RenderContext
  ) -> String {
    switch format {
    case .text: TextReportRenderer.render(report, context: context)
    case .json: JSONReportRenderer.render(report)
    case .md: MarkdownReportRenderer.render(report, context: context)
    case .html: HTMLReportRenderer.render(report, context: context)
    case .csv: CSVReportRenderer.render(report, context: context)
    }
  }

  /// Failing items first (missing, stale, broken, then uncertain, then pass), checklist order
  /// within a status: the order every reader wants.
  static func actionOrder(_ items: [ItemResult]) -> [ItemResult] {
    let order: [ItemStatus] = [.missing, .stale, .broken, .uncertain, .pass]
    return items.enumerated().sorted { a, b in
      let ra = order.firstIndex(of: a.element.status) ?? 0
      let rb = order.firstIndex(of: b.element.status) ?? 0
      return ra != rb ? ra < rb : a.offset < b.offset
    }.map(\.element)
  }

  /// The statuses a unit must act on: something to publish, renew or repair.
  static let toDo: Set<ItemStatus> = [.missing, .stale, .broken]
}
