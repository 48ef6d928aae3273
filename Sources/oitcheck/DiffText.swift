import AuditCore
import History
import Reporting

/// Plain text of a diff: `oitcheck diff`, and the "since the last run" section of a text report.
enum DiffText {
  static func render(_ diff: RunDiff) -> String {
    var lines: [String] = []
    lines.append(
      "run \(diff.from.id) (\(diff.from.startedAt)) → run \(diff.to.id) (\(diff.to.startedAt)) · "
        + TerminalText.safe(diff.to.site))
    if diff.isEmpty {
      lines.append("no verdict changed and no evidence broke")
      return lines.joined(separator: "\n") + "\n"
    }
    let regressions = diff.changes.filter(\.isRegression)
    let improvements = diff.changes.filter(\.isImprovement)
    let others = diff.changes.filter { !$0.isRegression && !$0.isImprovement }
    for (heading, group) in [
      ("Regressions", regressions), ("Other changes", others), ("Improvements", improvements),
    ] where !group.isEmpty {
      lines.append("\(heading) (\(group.count)):")
      for change in group { lines.append("  " + line(change)) }
    }
    if !diff.brokenEvidence.isEmpty {
      lines.append("Evidence that broke (\(diff.brokenEvidence.count)):")
      for broken in diff.brokenEvidence {
        lines.append(
          "  \(TerminalText.safe(broken.url)) (\(broken.itemIDs.joined(separator: ", "))): "
            + TerminalText.safe(broken.now))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func line(_ change: VerdictChange) -> String {
    let before = change.before?.rawValue ?? "(not in checklist)"
    let after = change.after?.rawValue ?? "(not in checklist)"
    return "\(change.itemID)  \(before) → \(after)  \(TerminalText.safe(change.title))"
      + (change.why.isEmpty ? "" : " — \(TerminalText.safe(change.why))")
  }
}
