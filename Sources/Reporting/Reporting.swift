// Reporting: turns an AuditReport into what people read. One renderer per format, each a pure
// function of the report and a context; nothing here fetches or decides verdicts.
// Callers: the executable.
import AuditCore
import Foundation

/// What a renderer needs besides the report.
public struct RenderContext: Sendable {
  public var language: ReportLanguage
  /// Colour the status words (only on a terminal, and never with NO_COLOR set).
  public var color: Bool

  public init(language: ReportLanguage = .th, color: Bool = false) {
    self.language = language
    self.color = color
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
