import AuditCore
import Extraction
import Foundation
import Transport

extension CrawlLoop {
  /// Runs in a child task: waits for the host's slot, fetches, parses, encodes the record.
  static func perform(
    _ job: Job, startAt: ContinuousClock.Instant, deadline: ContinuousClock.Instant?,
    fetcher: HTTPFetcher, options: CrawlOptions
  ) async -> (Job, Outcome) {
    if startAt > .now {
      // A long Crawl-delay must not carry the crawl past --time-limit.
      let wake = deadline.map { min($0, startAt) } ?? startAt
      do {
        try await Task.sleep(until: wake, clock: .continuous)
      } catch {
        return (job, .cancelled)
      }
      if wake < startAt { return (job, .cancelled) }
    }
    if Task.isCancelled { return (job, .cancelled) }
    switch job.kind {
    case .robots: return (job, await fetchRobots(job, fetcher: fetcher, options: options))
    case .attachment: return (job, await checkAttachment(job, fetcher: fetcher, options: options))
    case .sitemap: return (job, await fetchSitemap(job, fetcher: fetcher, options: options))
    case .page: return (job, await fetchPage(job, fetcher: fetcher, options: options))
    }
  }

  static func request(_ url: WebURL, _ options: CrawlOptions) -> FetchRequest {
    var r = FetchRequest(url: url.description)
    r.userAgent = options.userAgent
    r.insecure = options.insecure
    r.timeoutSeconds = options.requestTimeout
    r.connectTimeoutSeconds = options.connectTimeout
    r.maxBodyBytes = options.maxBodyBytes
    return r
  }

  static func isRedirect(_ status: Int) -> Bool { [301, 302, 303, 307, 308].contains(status) }

  /// Retry-After in seconds: a number, or an HTTP date.
  static func retryAfter(_ response: FetchResponse) -> Double? {
    guard let value = response.headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else {
      return nil
    }
    if let seconds = Double(value), seconds >= 0 { return seconds }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: value) else { return nil }
    return max(0, date.timeIntervalSinceNow)
  }

  static func fetchPage(_ job: Job, fetcher: HTTPFetcher, options: CrawlOptions) async -> Outcome {
    var r = request(job.url, options)
    r.onlyMarkup = true
    let prior = options.priorPages[job.url.description]
    if let prior {
      if let etag = prior.etag { r.headers["If-None-Match"] = etag }
      if let date = prior.lastModified { r.headers["If-Modified-Since"] = date }
    }
    let response: FetchResponse
    switch await fetcher.fetch(r) {
    case .failure(let error): return error.kind == .cancelled ? .cancelled : .failed(error)
    case .success(let ok): response = ok
    }
    if response.status == 304 {
      // A 304 we did not ask for has no page behind it: a server fault, recorded as such.
      guard let prior else { return .httpError(status: 304, retryAfter: nil) }
      return reusedPage(job, prior, response)
    }
    if isRedirect(response.status) {
      return .redirect(status: response.status, location: response.location)
    }
    if response.status >= 400 {
      return .httpError(status: response.status, retryAfter: retryAfter(response))
    }
    if response.bodySkipped {
      // Linked like a page, served as a file (download.php?id=7 giving a PDF): an attachment.
      return .attachment(attachmentFacts(job, response))
    }
    let page = HTMLExtractor.extract(body: response.body, url: job.url, contentType: response.contentType)
    var facts = PageFacts(
      url: job.url.description, requestedURL: job.hops.first, status: response.status,
      contentType: response.contentType, charset: page.charset, title: page.title,
      headings: page.headings, text: page.text, links: page.links,
      lastModified: response.headers["last-modified"], etag: response.headers["etag"],
      depth: job.depth)
    facts.dates = DateScan.strings(title: page.title, text: page.text)
    if page.noFollow { facts.noFollow = true }
    let line = SnapshotWriter.line(.page(facts))
    var seen: Set<String> = []
    var parsed: [(url: WebURL, link: PageLink)] = []
    for (link, url) in zip(page.links, page.linkTargets) {
      // A menu repeats the same targets; one entry per URL and text is enough for the loop.
      if seen.insert(link.url + "\u{1}" + link.text).inserted { parsed.append((url, link)) }
    }
    return .page(line: line, links: parsed, noFollow: page.noFollow)
  }

  /// The previous run's page, unchanged on the server: its facts and links as stored, with this
  /// crawl's URL, depth and validators.
  static func reusedPage(_ job: Job, _ prior: PriorPage, _ response: FetchResponse) -> Outcome {
    var facts = prior.facts
    facts.url = job.url.description
    facts.requestedURL = job.hops.first
    facts.depth = job.depth
    facts.etag = response.headers["etag"] ?? prior.etag
    facts.lastModified = response.headers["last-modified"] ?? prior.lastModified
    var seen: Set<String> = []
    var parsed: [(url: WebURL, link: PageLink)] = []
    for link in facts.links where seen.insert(link.url + "\u{1}" + link.text).inserted {
      if let url = WebURL(string: link.url) { parsed.append((url, link)) }
    }
    return .page(
      line: SnapshotWriter.line(.page(facts)), links: parsed, noFollow: facts.noFollow == true)
  }

  static func attachmentFacts(_ job: Job, _ response: FetchResponse) -> AttachmentFacts {
    var size: Int? = nil
    if let range = response.headers["content-range"], let slash = range.lastIndex(of: "/") {
      size = Int(range[range.index(after: slash)...].trimmingCharacters(in: .whitespaces))
    } else if let length = response.headers["content-length"] {
      size = Int(length.trimmingCharacters(in: .whitespaces))
    }
    return AttachmentFacts(
      url: job.url.description, status: response.status == 206 ? 200 : response.status,
      contentType: response.contentType, size: size,
      lastModified: response.headers["last-modified"], etag: response.headers["etag"],
      referrers: job.referrer.map { [$0] } ?? [])
  }

  /// HEAD first; servers that refuse HEAD get a one-byte ranged GET. Never the whole file.
  static func checkAttachment(_ job: Job, fetcher: HTTPFetcher, options: CrawlOptions) async
    -> Outcome
  {
    var r = request(job.url, options)
    r.method = .head
    var result = await fetcher.fetch(r)
    if case .success(let head) = result, [400, 403, 405, 406, 501].contains(head.status) {
      var get = request(job.url, options)
      get.firstByteOnly = true
      get.onlyMarkup = true
      get.maxBodyBytes = 64 * 1024
      result = await fetcher.fetch(get)
    }
    switch result {
    case .failure(let error): return error.kind == .cancelled ? .cancelled : .failed(error)
    case .success(let response):
      if isRedirect(response.status) {
        return .redirect(status: response.status, location: response.location)
      }
      if [429, 500, 502, 503, 504].contains(response.status) {
        return .httpError(status: response.status, retryAfter: retryAfter(response))
      }
      return .attachment(attachmentFacts(job, response))
    }
  }

  static func fetchSitemap(_ job: Job, fetcher: HTTPFetcher, options: CrawlOptions) async -> Outcome {
    var r = request(job.url, options)
    r.maxBodyBytes = 10 * 1024 * 1024
    switch await fetcher.fetch(r) {
    case .failure(let error): return error.kind == .cancelled ? .cancelled : .failed(error)
    case .success(let response):
      guard response.status == 200 else { return .httpError(status: response.status, retryAfter: nil) }
      return .sitemap(SitemapParser.parse(response.body))
    }
  }

  /// robots.txt, following up to five redirects as RFC 9309 §2.3.1.2 allows.
  static func fetchRobots(_ job: Job, fetcher: HTTPFetcher, options: CrawlOptions) async -> Outcome {
    var url = job.url
    for _ in 0..<5 {
      var r = request(url, options)
      r.maxBodyBytes = RobotsTxt.maxBytes
      let response: FetchResponse
      switch await fetcher.fetch(r) {
      case .failure(let error):
        if error.kind == .cancelled { return .cancelled }
        if error.kind == .bodyTooLarge {
          // Only the first 512 KiB count anyway; ask for them alone.
          return .robots(.allowAll, note: "robots.txt of \(job.url.host) is larger than 512 KiB; ignored")
        }
        return .robots(.unreachable, note: unreachableNote(job.url, error))
      case .success(let ok): response = ok
      }
      if isRedirect(response.status), let location = response.location, let next = url.resolve(location) {
        url = next
        continue
      }
      switch response.status {
      case 200..<300:
        return .robots(RobotsTxt(parsing: response.body, agent: options.robotsToken), note: nil)
      case 400..<500:
        return .robots(.allowAll, note: nil)
      default:
        return .robots(
          .unreachable,
          note: "robots.txt of \(job.url.host) answered HTTP \(response.status); as RFC 9309 asks, nothing else was fetched from that host"
        )
      }
    }
    return .robots(.allowAll, note: nil)
  }
}

/// Why nothing could be fetched from a host, in the words a site owner needs.
func unreachableNote(_ url: WebURL, _ error: FetchError) -> String {
  let host = url.port.map { "\(url.host):\($0)" } ?? url.host
  switch error.kind {
  case .tls:
    return "the TLS certificate of \(host) could not be verified (\(error.message)); visitors' browsers warn too — use --insecure to crawl anyway"
  case .dns, .connect, .timeout:
    return "cannot reach \(host): \(error.message)"
  default:
    return "robots.txt of \(host) could not be read (\(error.message)); as RFC 9309 asks, nothing else was fetched from that host"
  }
}

/// The raw date strings a page shows, for the snapshot (the matcher parses them again).
enum DateScan {
  /// Dates near the top of a page are the ones that date it; the matcher reads the whole text
  /// again when it needs more, so the crawl scans only the first 16 KB.
  static let scanBytes = 16 * 1024

  static func strings(title: String, text: String) -> [String] {
    var out: [String] = []
    // A character cut in half at the end decodes as U+FFFD, which no date contains.
    let head = text.utf8.count > scanBytes ? String(decoding: text.utf8.prefix(scanBytes), as: UTF8.self) : text
    for mention in ThaiDates.find(in: title + " \n " + head) {
      if out.count >= 50 { break }
      if !out.contains(mention.text) { out.append(mention.text) }
    }
    return out
  }
}
