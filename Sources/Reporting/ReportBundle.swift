import AuditCore
import Foundation

/// The files of an output folder, as (relative path, contents): the chosen report formats,
/// the evidence sheet, and one Markdown and one HTML to-do list per unit. Pure; the caller
/// writes them.
public enum ReportBundle {
  public struct File: Sendable, Hashable {
    /// Relative to the output folder; `units/` holds the per-unit lists.
    public var path: String
    public var contents: String
  }

  public static func files(
    _ report: AuditReport, formats: [ReportFormat], context: RenderContext
  ) -> [File] {
    var plain = context
    plain.color = false  // files are read later, not on this terminal
    var out: [File] = []
    for format in ReportFormat.allCases where formats.contains(format) {
      out.append(
        File(
          path: "report." + format.fileExtension,
          contents: ReportRenderer.render(report, as: format, context: plain)))
    }
    out.append(File(path: "evidence.csv", contents: EvidenceSheet.csv(report, context: plain)))
    out.append(File(path: "evidence.md", contents: EvidenceSheet.markdown(report, context: plain)))
    var units = plain.unitMap(for: report).units
    let unowned = plain.unitMap(for: report).unowned(report.items.map(\.id))
    if !unowned.isEmpty {
      units.append(
        ResponsibleUnit(name: plain.th ? "ไม่มีหน่วยงานรับผิดชอบ" : "unassigned", items: unowned))
    }
    for (i, unit) in units.enumerated() {
      let base = "units/" + String(format: "%02d", i + 1) + "-" + fileSafe(unit.name)
      out.append(
        File(
          path: base + ".md",
          contents: UnitListRenderer.markdown(report, unit: unit, context: plain)))
      out.append(
        File(
          path: base + ".html", contents: UnitListRenderer.html(report, unit: unit, context: plain))
      )
    }
    return out
  }

  /// A unit name as a file name: letters, digits and Thai marks kept, anything else `-`.
  static func fileSafe(_ name: String) -> String {
    var out = ""
    for ch in ThaiText.clean(name).unicodeScalars {
      let p = ch.properties
      let keep =
        p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
        || p.generalCategory == .spacingMark
      if keep && ch.value > 0x20 {
        out.unicodeScalars.append(ch)
      } else if !out.hasSuffix("-") {
        out += "-"
      }
      if out.unicodeScalars.count >= 60 { break }
    }
    let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    return trimmed.isEmpty ? "unit" : trimmed
  }
}
