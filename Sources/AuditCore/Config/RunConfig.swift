import Foundation
import Yams

/// `oitcheck.yaml`: the settings of a scheduled audit, so a crontab line stays short. Every
/// field is optional; a flag given on the command line wins over the file.
public struct RunConfig: Sendable, Equatable {
  /// The site's start URL.
  public var site: String?
  /// Checklist year (2569) or path, as `--checklist`.
  public var checklist: String?
  /// The responsible-units file for per-unit lists, relative paths from the config's folder.
  public var units: String?
  /// Folder of dated report folders.
  public var output: String?
  /// The history database.
  public var database: String?
  /// Dated report folders to keep.
  public var keep: Int?
  public var failOn: Set<FailCondition>?
  public var userAgent: String?
  /// Report formats (`text`, `json`, `html`...), as given; the report writer checks them.
  public var formats: [String]?
  public var language: String?
  public var includeHosts: [String]?
  public var limits = Limits()

  /// Crawl limits, named as the crawl flags are.
  public struct Limits: Sendable, Equatable {
    public var maxPages: Int?
    public var maxDepth: Int?
    public var timeLimit: Double?
    public var concurrency: Int?
    public var perHost: Int?
    public var timeout: Int?
    public var delay: Double?
    public init() {}
  }

  public init() {}

  /// Reads and validates a config file; every problem has its `file:line:col`.
  /// - Throws: `ChecklistError.unreadable` or `.invalid` with all problems, in file order.
  public static func load(path: String) throws(ChecklistError) -> RunConfig {
    let text = try ChecklistLoader.readText(path)
    var reader = ChecklistNodeReader(path: path)
    let config = reader.runConfig(from: text, folder: (path as NSString).deletingLastPathComponent)
    guard reader.problems.isEmpty else { throw .invalid(reader.sortedProblems) }
    return config
  }
}

/// Keys `oitcheck.yaml` allows; the README lists the same.
enum RunConfigFormat {
  static let topKeys = [
    "site", "checklist", "units", "output", "db", "keep", "fail-on", "user-agent", "format",
    "lang", "include-hosts", "limits",
  ]
  static let limitKeys = [
    "max-pages", "max-depth", "time-limit", "concurrency", "per-host", "timeout", "delay",
  ]
  static let languages = ["th", "en"]
}

extension ChecklistNodeReader {
  mutating func runConfig(from yaml: String, folder: String) -> RunConfig {
    var config = RunConfig()
    guard let root = root(of: yaml),
      let fields = fields(of: root, what: "the config file", allowed: RunConfigFormat.topKeys)
    else { return config }
    if let site = text("site", in: fields) {
      if let url = URL(string: site), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
      {
        config.site = site
      } else {
        report(
          "'site' must be an http(s) URL such as https://www.example.go.th/", at: fields["site"])
      }
    }
    config.checklist = text("checklist", in: fields)
    config.units = text("units", in: fields).map { resolve($0, from: folder) }
    config.output = text("output", in: fields).map { resolve($0, from: folder) }
    config.database = text("db", in: fields).map { resolve($0, from: folder) }
    config.keep = integer("keep", in: fields, range: 1...10_000)
    config.userAgent = text("user-agent", in: fields)
    if let language = text("lang", in: fields) {
      if RunConfigFormat.languages.contains(language) {
        config.language = language
      } else {
        report("'lang' must be th or en, not '\(language)'", at: fields["lang"])
      }
    }
    config.formats = oneOrMany("format", in: fields)
    config.includeHosts = oneOrMany("include-hosts", in: fields)
    if let words = oneOrMany("fail-on", in: fields), let node = fields["fail-on"] {
      switch FailCondition.parse(words.joined(separator: ",")) {
      case .success(let set): config.failOn = set
      case .failure(let error): report(error.description, at: node)
      }
    }
    if let node = fields["limits"],
      let limits = self.fields(of: node, what: "'limits'", allowed: RunConfigFormat.limitKeys)
    {
      config.limits.maxPages = integer("max-pages", in: limits, range: 1...1_000_000)
      config.limits.maxDepth = integer("max-depth", in: limits, range: 0...100)
      config.limits.timeLimit = number("time-limit", in: limits)
      config.limits.concurrency = integer("concurrency", in: limits, range: 1...64)
      config.limits.perHost = integer("per-host", in: limits, range: 1...16)
      config.limits.timeout = integer("timeout", in: limits, range: 1...3600)
      config.limits.delay = number("delay", in: limits)
    }
    return config
  }

  /// A text or a list of texts (`format: json` or `format: [json, html]`).
  private mutating func oneOrMany(_ key: String, in fields: ChecklistFields) -> [String]? {
    guard let node = fields[key] else { return nil }
    if case .sequence = node { return textList(key, in: fields)?.map(\.0) }
    return text(node, name: "'\(key)'").map { [$0] }
  }

  private mutating func integer(_ key: String, in fields: ChecklistFields, range: ClosedRange<Int>)
    -> Int?
  {
    guard let node = fields[key], let raw = text(node, name: "'\(key)'") else { return nil }
    guard let value = Int(raw), range.contains(value) else {
      report(
        "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'",
        at: node)
      return nil
    }
    return value
  }

  private mutating func number(_ key: String, in fields: ChecklistFields) -> Double? {
    guard let node = fields[key], let raw = text(node, name: "'\(key)'") else { return nil }
    guard let value = Double(raw), value >= 0, value.isFinite else {
      report("'\(key)' must be a number of seconds, 0 or more, not '\(raw)'", at: node)
      return nil
    }
    return value
  }

  /// A relative path in the file means relative to the file, not to cron's working folder.
  private func resolve(_ path: String, from folder: String) -> String {
    if path.hasPrefix("/") || path.hasPrefix("~") || folder.isEmpty { return path }
    return folder + "/" + path
  }
}
