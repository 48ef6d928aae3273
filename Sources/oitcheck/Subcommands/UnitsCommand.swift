import ArgumentParser
import AuditCore
import Foundation
import Reporting

/// Prints who owns which item, and flags the items nobody owns.
struct UnitsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "units",
    abstract:
      "Print which unit owns which item (from --units FILE or the checklist); flag items owned by nobody.",
    discussion: """
      Exit 0 also when items are unowned (they are listed last); exit 3 when the units file is
      invalid (file:line:col given).
      """)

  @OptionGroup var audit: AuditFlags

  func run() throws {
    let plan = try Pipeline.plan(audit)
    let th = audit.lang == .th
    let checklist = plan.checklist
    let map = plan.units ?? UnitMap(checklist: checklist)
    var lines: [String] = []
    lines.append(
      th
        ? "หน่วยงานรับผิดชอบ รายการ \(checklist.id) — จาก "
          + (map.source.map(TerminalText.safe) ?? "ช่อง unit ของรายการตรวจ")
        : "Units for \(checklist.id) — from "
          + (map.source.map(TerminalText.safe) ?? "the checklist's unit field"))
    let codeWidth = checklist.items.map { TerminalText.width($0.code) }.max() ?? 3
    for unit in map.units {
      lines.append("")
      var head = TerminalText.safe(unit.name)
      if let contact = unit.contact { head += " — " + TerminalText.safe(contact) }
      lines.append(head + " (\(unit.items.count))")
      for code in unit.items {
        let item = checklist.items.first { $0.code == code }
        let title = item.map { th ? $0.titleTH : $0.titleEN } ?? ""
        lines.append("  " + TerminalText.pad(code, to: codeWidth) + "  " + TerminalText.safe(title))
      }
    }
    let orphans = map.unowned(checklist.items.map(\.code))
    lines.append("")
    if orphans.isEmpty {
      lines.append(th ? "ทุกข้อมีหน่วยงานรับผิดชอบ" : "Every item has an owner.")
    } else {
      lines.append(
        (th ? "ไม่มีหน่วยงานรับผิดชอบ: " : "Owned by nobody: ") + orphans.joined(separator: ", "))
    }
    print(lines.joined(separator: "\n"))
  }
}
