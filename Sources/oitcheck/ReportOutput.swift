import AuditCore
import Foundation
import Reporting

/// Where the reports go, settled from --format and --output before anything is crawled.
enum OutputPlan: Equatable {
  case stdout(ReportFormat)
  case file(ReportFormat, path: String)
  /// Every listed format plus the evidence sheet and the per-unit lists.
  case folder([ReportFormat], path: String)

  /// `--output` is a folder when it is an existing directory, ends with '/', or comes with
  /// several formats; a folder with no --format gets every format. One file keeps the old
  /// contract: `--format X --output FILE` writes that one file (format from the extension when
  /// --format is absent). Several formats on standard output are a usage error.
  static func resolve(formats: [ReportFormat], output: String?) throws -> OutputPlan {
    var unique: [ReportFormat] = []
    for f in formats where !unique.contains(f) { unique.append(f) }
    guard let output, !output.isEmpty else {
      if unique.count > 1 {
        throw fail("several --format values need --output DIR (a folder for all of them)", .usage)
      }
      return .stdout(unique.first ?? .text)
    }
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
    if output.hasSuffix("/") || (exists && isDirectory.boolValue) || unique.count > 1 {
      return .folder(unique.isEmpty ? ReportFormat.allCases : unique, path: output)
    }
    return .file(unique.first ?? ReportFormat(fileName: output) ?? .text, path: output)
  }
}

/// Renders and writes reports; every file is written whole (temp + rename).
enum ReportOutput {
  static func emit(_ report: AuditReport, to plans: [OutputPlan], context: RenderContext) throws {
    for plan in plans {
      switch plan {
      case .stdout(let format):
        var ctx = context
        ctx.color =
          format == .text
          && TerminalText.colorAllowed(
            isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment
          )
        let text = ReportRenderer.render(report, as: format, context: ctx)
        FileHandle.standardOutput.write(Data(text.utf8))
      case .file(let format, let path):
        try write(ReportRenderer.render(report, as: format, context: context), to: path)
      case .folder(let formats, let path):
        let files = ReportBundle.files(report, formats: formats, context: context)
        do {
          try FileManager.default.createDirectory(
            atPath: path + "/units", withIntermediateDirectories: true)
        } catch {
          throw fail(
            "cannot create the folder \(path): \(error.localizedDescription)", .runtimeFailure)
        }
        for file in files { try write(file.contents, to: path + "/" + file.path) }
        removeOldUnitLists(in: path + "/units", keeping: Set(files.map(\.path)))
        let shown = absolute(path)
        let units = files.filter { $0.path.hasPrefix("units/") }.count / 2
        printError(
          "reports written to \(shown)/ — "
            + formats.map { "report.\($0.fileExtension)" }.joined(separator: ", ")
            + ", evidence.csv, evidence.md, \(units) unit lists in units/")
      }
    }
  }

  /// A unit list left from an earlier run (a unit since renamed or removed from the units
  /// file) would be read as current work: remove the lists this run did not write. Only our
  /// own names (`NN-name.md`, `NN-name.html`) are touched.
  static func removeOldUnitLists(in folder: String, keeping written: Set<String>) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where !written.contains("units/" + name) {
      let ours =
        (name.hasSuffix(".md") || name.hasSuffix(".html")) && name.count > 3
        && name.prefix(2).allSatisfy(\.isASCII) && name.prefix(2).allSatisfy(\.isNumber)
        && name.dropFirst(2).hasPrefix("-")
      if ours { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
    }
  }

  static func write(_ text: String, to path: String) throws {
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      throw fail("cannot write \(path): \(error)", .runtimeFailure)
    }
  }

  static func absolute(_ path: String) -> String {
    let full =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var trimmed = (full as NSString).standardizingPath
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    return trimmed
  }
}
