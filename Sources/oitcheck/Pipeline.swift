import ArgumentParser
import AuditCore
import Crawling
import Extraction
import Foundation
import Reporting
import Transport

/// The steps the subcommands share: crawl to a snapshot, match it, print or write the report.
enum Pipeline {
  /// Crawls into `snapshotPath`. Throws an ExitCode after printing one line when it cannot run.
  static func crawl(
    url: String, flags: CrawlFlags, snapshotPath: String, priorPages: [String: PriorPage] = [:]
  ) async throws -> Coverage {
    guard let start = StartURL.parse(url) else {
      throw fail("not an http(s) URL: '\(url)' (write it as https://www.example.go.th/)", .usage)
    }
    var options = flags.options(startURL: start)
    options.priorPages = priorPages
    let fetcher: HTTPFetcher
    do {
      fetcher = try HTTPFetcher(maxConnections: options.maxConnections, maxPerHost: options.maxPerHost)
    } catch {
      throw fail("cannot start the HTTP client: \(error)", .runtimeFailure)
    }
    defer { fetcher.shutdown() }
    let writer: SnapshotWriter
    do {
      writer = try SnapshotWriter(path: snapshotPath)
    } catch {
      throw fail(error.description, .runtimeFailure)
    }
    let startedAt = isoNow()
    let showProgress = !flags.quiet && isatty(STDERR_FILENO) == 1
    var progress: (@Sendable (CrawlProgress) -> Void)? = nil
    if showProgress {
      progress = { (p: CrawlProgress) in
        let rate = p.seconds > 0 ? Double(p.done) / p.seconds : 0
        let line = String(
          format: "\r\u{1B}[Kcrawled %d · queued %d · failed %d · %.1f pages/s", p.done, p.queued,
          p.failed, rate)
        FileHandle.standardError.write(Data(line.utf8))
      }
    }
    let coverage: Coverage
    do {
      coverage = try await Crawler(options: options, fetcher: fetcher).run(
        writer: writer, progress: progress)
    } catch {
      writer.abandon()
      throw fail(error.description, .runtimeFailure)
    }
    if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    if coverage.pagesFetched == 0 {
      // Nothing was seen: keep whatever snapshot was there before.
      writer.abandon()
      let why = coverage.notes.first ?? "no page could be fetched"
      throw fail("\(url): \(why)", .runtimeFailure)
    }
    let header = SnapshotHeader(
      startURL: start, options: options.summary, startedAt: startedAt, endedAt: isoNow(),
      coverage: coverage)
    do {
      try writer.finish(header: header)
    } catch {
      throw fail(error.description, .runtimeFailure)
    }
    return coverage
  }

  /// The checklist and dates of an audit, settled before anything is crawled, so that a bad
  /// checklist or year fails at once rather than after an hour of polite crawling.
  struct Plan {
    var catalog: ChecklistCatalog
    var checklist: Checklist
    var options: AuditOptions
    /// From --units; nil means the checklist's owner field.
    var units: UnitMap?
    var output: OutputPlan

    var context: RenderContext {
      RenderContext(language: options.language, checklist: checklist, units: units)
    }
  }

  static func plan(_ flags: AuditFlags) throws -> Plan {
    let output = try OutputPlan.resolve(formats: flags.formats, output: flags.output)
    let asOf = flags.day()
    let fiscalYear = flags.fiscalYear.map { FiscalYear(be: $0) } ?? FiscalYear(containing: asOf)
    let catalog = try openCatalog(flags)
    let (checklist, note) = try loadOrFail { () throws(ChecklistError) in
      try catalog.resolve(flags.checklist, fiscalYear: fiscalYear)
    }
    var options = AuditOptions(fiscalYear: fiscalYear, asOf: asOf, language: flags.lang)
    if let note { options.notes.append(note) }
    let units = try flags.units.map { path in try loadUnits(path, checklist: checklist) }
    return Plan(
      catalog: catalog, checklist: checklist, options: options, units: units, output: output)
  }

  static func loadUnits(_ path: String, checklist: Checklist) throws -> UnitMap {
    do {
      return try UnitsFile.load(path: path, checklist: checklist)
    } catch {
      throw fail(error.description, .badInput)
    }
  }

  static func readSnapshot(_ path: String) throws -> Snapshot {
    do {
      return try SnapshotReader.read(path: path)
    } catch {
      throw fail("\(error)", .badInput)
    }
  }

  /// Matches a snapshot into a report.
  static func audit(snapshot: Snapshot, plan: Plan) -> AuditReport {
    Matcher.audit(
      snapshot: snapshot, checklist: plan.checklist, families: plan.catalog.families,
      options: plan.options)
  }

  static func audit(snapshotPath: String, plan: Plan) throws -> AuditReport {
    audit(snapshot: try readSnapshot(snapshotPath), plan: plan)
  }

  /// Matches a snapshot and writes the reports the plan asks for; returns the audit's exit code.
  static func match(snapshotPath: String, plan: Plan) throws -> Exit {
    let report = try audit(snapshotPath: snapshotPath, plan: plan)
    try ReportOutput.emit(report, to: [plan.output], context: plan.context)
    return exitCode(for: report)
  }

  static func exitCode(for report: AuditReport) -> Exit {
    report.summary.pass == report.items.count ? .ok : .itemsNotPassing
  }

  /// Where the checklist files are: --checklists, $OITCHECK_CHECKLISTS, beside the program, here.
  static func checklistDirectory(_ flags: AuditFlags) throws -> String {
    if let dir = flags.checklists { return dir }
    if let env = ProcessInfo.processInfo.environment["OITCHECK_CHECKLISTS"], !env.isEmpty { return env }
    var candidates: [String] = []
    let exe = Bundle.main.executablePath ?? CommandLine.arguments[0]
    var current = ((exe as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
    for _ in 0..<6 {
      candidates.append(current + "/Checklists")
      candidates.append(current + "/share/oitcheck/Checklists")
      current = (current as NSString).deletingLastPathComponent
    }
    candidates.append(FileManager.default.currentDirectoryPath + "/Checklists")
    for candidate in candidates
    where FileManager.default.fileExists(atPath: candidate + "/families.yaml") {
      return candidate
    }
    throw fail(
      "cannot find the Checklists folder; pass --checklists DIR or set OITCHECK_CHECKLISTS", .badInput)
  }

  static func isoNow() -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: Date())
  }
}

/// Start-URL checks before anything is fetched.
enum StartURL {
  /// Accepts `https://x`, `http://x` and a bare host (`www.x.go.th`, read as https).
  static func parse(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let candidate = trimmed.contains("://") ? trimmed : "https://" + trimmed
    return WebURL(string: candidate)?.description
  }
}

/// Writes a file so that readers see the old content or the new, never half of either.
enum AtomicFile {
  static func write(_ text: String, to path: String) throws {
    let temp = path + ".tmp-\(getpid())"
    guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) else {
      throw AtomicFileError.create(path: temp, reason: String(cString: strerror(errno)))
    }
    let fd = open(temp, O_RDONLY)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
    if rename(temp, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temp)
      throw AtomicFileError.create(path: path, reason: reason)
    }
  }
}

enum AtomicFileError: Error, CustomStringConvertible {
  case create(path: String, reason: String)
  var description: String {
    switch self {
    case .create(let path, let reason): "\(path): \(reason)"
    }
  }
}
