import AuditCore
import Reporting

extension RunConfig {
  /// The file's settings as defaults under the command line: a flag left at its default takes
  /// the file's value. (A flag given with its default value explicitly cannot be told apart;
  /// the file's value wins then.)
  func applyDefaults(to audit: inout AuditFlags, _ crawl: inout CrawlFlags) {
    let plain = CrawlFlags()
    if audit.checklist == nil { audit.checklist = checklist }
    if audit.units == nil { audit.units = units }
    if audit.formats.isEmpty, let formats {
      audit.formats = formats.compactMap { ReportFormat(rawValue: $0) }
    }
    if audit.lang == .th, let language, let lang = ReportLanguage(rawValue: language) {
      audit.lang = lang
    }
    if crawl.userAgent == nil { crawl.userAgent = userAgent }
    if crawl.includeHosts.isEmpty, let includeHosts { crawl.includeHosts = includeHosts }
    if crawl.maxPages == plain.maxPages, let v = limits.maxPages { crawl.maxPages = v }
    if crawl.maxDepth == plain.maxDepth, let v = limits.maxDepth { crawl.maxDepth = v }
    if crawl.timeLimit == nil { crawl.timeLimit = limits.timeLimit }
    if crawl.concurrency == plain.concurrency, let v = limits.concurrency { crawl.concurrency = v }
    if crawl.perHost == plain.perHost, let v = limits.perHost { crawl.perHost = v }
    if crawl.timeout == plain.timeout, let v = limits.timeout { crawl.timeout = v }
    if crawl.delay == plain.delay, let v = limits.delay { crawl.delay = v }
  }
}
