import ArgumentParser
import Crawling

/// Crawl options shared by `crawl`, `audit` and `demo`.
struct CrawlFlags: ParsableArguments {
  @Option(name: .customLong("include-host"), help: "Also crawl this host (repeatable).")
  var includeHosts: [String] = []

  @Option(help: "Most HTML pages to fetch.")
  var maxPages = 5000

  @Option(help: "Most links from the start page.")
  var maxDepth = 8

  @Option(help: "Stop the crawl after this many seconds.")
  var timeLimit: Double?

  @Option(help: "Seconds between two requests to one host (robots.txt Crawl-delay also applies).")
  var delay: Double = 0

  @Option(help: "Connections in all.")
  var concurrency = 8

  @Option(help: "Connections to one host.")
  var perHost = 2

  @Option(help: "Seconds one request may take.")
  var timeout = 30

  @Option(help: "The User-Agent header (its first word is matched against robots.txt).")
  var userAgent: String?

  @Flag(help: "Crawl even when the TLS certificate cannot be verified.")
  var insecure = false

  @Flag(name: .shortAndLong, help: "No progress line.")
  var quiet = false

  func validate() throws {
    guard maxPages > 0 else { throw ValidationError("--max-pages must be at least 1") }
    guard maxDepth >= 0 else { throw ValidationError("--max-depth must be 0 or more") }
    guard delay >= 0, delay <= 600 else { throw ValidationError("--delay must be 0…600 seconds") }
    guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1…64") }
    guard (1...16).contains(perHost) else { throw ValidationError("--per-host must be 1…16") }
    guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be 1…600") }
    if let timeLimit, timeLimit <= 0 { throw ValidationError("--time-limit must be positive") }
  }

  func options(startURL: String) -> CrawlOptions {
    var o = CrawlOptions(startURL: startURL)
    o.includeHosts = includeHosts
    o.maxPages = maxPages
    o.maxDepth = maxDepth
    o.timeLimit = timeLimit
    o.delay = delay
    o.maxConnections = concurrency
    o.maxPerHost = min(perHost, concurrency)
    o.requestTimeout = timeout
    o.insecure = insecure
    if let userAgent { o.userAgent = userAgent }
    return o
  }
}
