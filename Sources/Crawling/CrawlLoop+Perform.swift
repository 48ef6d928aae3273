import AuditCore
import Extraction
import Foundation
import Transport

extension CrawlLoop {
  /// Runs in a child task: waits for the host's slot and fetches; a page's parse is a later task.
  static func perform(
    _ job: Job, startAt: ContinuousClock.Instant, spacing: Duration,
    deadline: ContinuousClock.Instant?, fetcher: HTTPFetcher, options: CrawlOptions,
    gate: StartGate, linkSets: LinkSetTable
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
    if spacing > .zero {
      do {
        try await gate.pass(host: hostKey(job.url), spacing: spacing)
      } catch {
        return (job, .cancelled)
      }
    }
    if Task.isCancelled { return (job, .cancelled) }
    switch job.kind {
    case .robots: return (job, await fetchRobots(job, fetcher: fetcher, options: options))
    case .attachment: return (job, await checkAttachment(job, fetcher: fetcher, options: options))
    case .sitemap: return (job, await fetchSitemap(job, fetcher: fetcher, options: options))
    case .page:
      return (
        job, await fetchPage(job, fetcher: fetcher, options: options, linkSets: linkSets)
      )
    }
  }

  static func request(_ url: WebURL, _ options: CrawlOptions) -> FetchRequest {
    var r = FetchRequest(url: url.description)
    r.userAgent = options.userAgent
    r.insecure = options.insecure
    r.timeoutSeconds = options.requestTimeout
    r.connectTimeoutSeconds = options.connectTimeout
    r.maxBodyBytes = options.maxBodyBytes
    r.caFile = options.caFile
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

  static func fetchPage(
    _ job: Job, fetcher: HTTPFetcher, options: CrawlOptions, linkSets: LinkSetTable
  ) async -> Outcome {
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
      // A 304 nobody asked for, or for facts that can no longer be read, is no page.
      guard let prior, let facts = prior.facts() else {
        return .httpError(status: 304, retryAfter: nil)
      }
      return reusedPage(job, prior, facts, response, linkSets: linkSets)
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
    // Parsed in a task of its own: the host's slot is free again before the parse starts.
    return .fetchedPage(response)
  }

  /// Runs in a child task once a page's body is in: parses it and encodes its record.
  static func parsePage(_ job: Job, _ response: FetchResponse, linkSets: LinkSetTable) -> Outcome {
    let page = HTMLExtractor.extract(
      body: response.body, url: job.url, contentType: response.contentType)
    var facts = PageFacts(
      url: job.url.description, requestedURL: job.hops.first, status: response.status,
      contentType: response.contentType, charset: page.charset, title: page.title,
      headings: page.headings, text: "", links: page.links,
      lastModified: response.headers["last-modified"], etag: response.headers["etag"],
      depth: job.depth)
    // Page text is read only for dates and for a notice that the page is empty: both are
    // taken here, and the text is not kept (in the snapshot it made gigabytes).
    page.textBytes.withUnsafeBufferPointer { text in
      facts.dates = DateScan.strings(title: page.title, text: text)
      facts.emptyNotice = EmptyNotice.find(in: text)
    }
    if page.noFollow { facts.noFollow = true }
    var line: [UInt8] = []
    let shared = linkSets.share(&facts, handingDepth: page.noFollow ? nil : job.depth)
    for set in shared.new { line += SnapshotWriter.line(.linkSet(set)) }
    line += SnapshotWriter.line(.page(facts))
    var seen: Set<LinkKey> = []
    seen.reserveCapacity(page.links.count)
    var parsed: [(url: WebURL, link: PageLink)] = []
    for (link, url) in zip(page.links, page.linkTargets) where !shared.handed.contains(link.region) {
      // A menu repeats the same targets; one entry per URL and text is enough for the loop.
      if seen.insert(LinkKey(link)).inserted { parsed.append((url, link)) }
    }
    return .page(
      line: line, links: parsed, noFollow: page.noFollow, droppedLinks: page.droppedLinks)
  }

  /// The previous run's page, unchanged on the server: its facts and links as stored, with this
  /// crawl's URL, depth and validators.
  /// The stored facts carry all their links (set ids mean nothing across runs); menus are
  /// shared again as in a fresh parse.
  static func reusedPage(
    _ job: Job, _ prior: PriorPage, _ stored: PageFacts, _ response: FetchResponse,
    linkSets: LinkSetTable
  ) -> Outcome {
    var facts = stored
    facts.url = job.url.description
    facts.requestedURL = job.hops.first
    facts.depth = job.depth
    facts.etag = response.headers["etag"] ?? prior.etag
    facts.lastModified = response.headers["last-modified"] ?? prior.lastModified
    facts.linkSets = []
    let allLinks = facts.links
    var line: [UInt8] = []
    let shared = linkSets.share(&facts, handingDepth: facts.noFollow == true ? nil : job.depth)
    for set in shared.new { line += SnapshotWriter.line(.linkSet(set)) }
    line += SnapshotWriter.line(.page(facts))
    var seen: Set<LinkKey> = []
    var parsed: [(url: WebURL, link: PageLink)] = []
    for link in allLinks where !shared.handed.contains(link.region) {
      if seen.insert(LinkKey(link)).inserted, let url = WebURL(string: link.url) {
        parsed.append((url, link))
      }
    }
    return .page(line: line, links: parsed, noFollow: facts.noFollow == true, droppedLinks: 0)
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
      // RFC 9309 §2.5: a crawler may stop at its parsing limit, but must obey what it read.
      r.keepPrefixAtCap = true
      let response: FetchResponse
      switch await fetcher.fetch(r) {
      case .failure(let error):
        if error.kind == .cancelled { return .cancelled }
        return .robots(.unreachable, note: unreachableNote(job.url, error))
      case .success(let ok): response = ok
      }
      if isRedirect(response.status), let location = response.location, let next = url.resolve(location) {
        url = next
        continue
      }
      switch response.status {
      case 200..<300:
        let robots = RobotsTxt(parsing: response.body, agent: options.robotsToken)
        var note: String? = nil
        if response.body.contains(0) {
          note = "robots.txt of \(job.url.host) is not text (\(response.contentType ?? "no Content-Type")); no rules could be read from it"
        } else if response.bodyTruncated {
          note = "robots.txt of \(job.url.host) is larger than 512 KiB; only its first 512 KiB were read"
        }
        return .robots(robots, note: note)
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

/// A link's URL and text compared as bytes. Hashing a `String` normalises Thai text first,
/// which cost more than the rest of the dedup; the loop still compares texts as Strings, so two
/// spellings of one text that pass here as different are merged there, as before.
struct LinkKey: Hashable {
  let url: String
  let text: String

  init(_ link: PageLink) {
    url = link.url
    text = link.text
  }

  static func == (a: LinkKey, b: LinkKey) -> Bool {
    a.url.utf8.elementsEqual(b.url.utf8) && a.text.utf8.elementsEqual(b.text.utf8)
  }

  func hash(into hasher: inout Hasher) {
    var url = url
    var text = text
    url.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    hasher.combine(0xFF as UInt8)  // never in UTF-8: keeps url|text apart
    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}

/// The raw date strings a page shows, for the snapshot (the matcher parses them again).
enum DateScan {
  /// Dates near the top of a page are the ones that date it; the matcher reads the whole text
  /// again when it needs more, so the crawl scans only the first 16 KB.
  static let scanBytes = 16 * 1024
  /// Text kept on each side of a digit. Every date form holds a digit, and what the parser reads
  /// around one stays well inside this: a mention is a few words, and a quarter or half without
  /// its own year looks at most 200 scalars ahead and 100 back for one (`DateParser`'s reach).
  /// 1,300 bytes hold at least 325 scalars of any script.
  static let contextBytes = 1300

  static func strings(title: String, text: String) -> [String] {
    var text = text
    return text.withUTF8 { strings(title: title, text: $0) }
  }

  static func strings(title: String, text: UnsafeBufferPointer<UInt8>) -> [String] {
    var out: [String] = []
    // Thai prose runs for kilobytes without a digit; lexing only the stretches around digits
    // finds the same mentions, in the same order, for a fraction of the work.
    for piece in pieceBytes(title: title, text: text) {
      let mentions = piece.withUnsafeBufferPointer { ThaiDates.find(utf8: $0) }
      for mention in mentions {
        if out.count >= 50 { return out }
        if !out.contains(mention.text) { out.append(mention.text) }
      }
    }
    return out
  }

  /// The stretches of `title + " \n " + text` (text cut at `scanBytes`) within `contextBytes`
  /// of a digit, ASCII or Thai, merged where they meet and cut at scalar boundaries. The joined
  /// text is never built: the pieces are copied from the parts.
  static func pieces(title: String, text: String) -> [String] {
    var text = text
    return text.withUTF8 { pieces(title: title, text: $0) }
  }

  static func pieces(title: String, text x: UnsafeBufferPointer<UInt8>) -> [String] {
    pieceBytes(title: title, text: x).map { String(decoding: $0, as: UTF8.self) }
  }

  static func pieceBytes(title: String, text x: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
    var title = title
    let separator: [UInt8] = [0x20, 0x0A, 0x20]
    return title.withUTF8 { t in
      separator.withUnsafeBufferPointer { s in
        // A character cut in half at the end decodes as U+FFFD, which no date contains.
        let parts = [t, s, UnsafeBufferPointer(rebasing: x.prefix(scanBytes))]
        return pieces(of: parts)
      }
    }
  }

  private static func pieces(of parts: [UnsafeBufferPointer<UInt8>]) -> [[UInt8]] {
    let n = parts.reduce(0) { $0 + $1.count }
    var ranges: [Range<Int>] = []
    var offset = 0
    for part in parts {
      var i = 0
      while i < part.count {
        let b = part[i]
        let digitLength: Int
        if b &- 0x30 < 10 {
          digitLength = 1
        } else if b == 0xE0, i + 2 < part.count, part[i + 1] == 0xB9, part[i + 2] &- 0x90 < 10 {
          digitLength = 3
        } else {
          i += 1
          continue
        }
        let lower = max(0, offset + i - contextBytes)
        let upper = min(n, offset + i + digitLength + contextBytes)
        if let last = ranges.last, lower <= last.upperBound {
          ranges[ranges.count - 1] = last.lowerBound..<upper
        } else {
          ranges.append(lower..<upper)
        }
        i += digitLength
      }
      offset += part.count
    }
    func byte(_ at: Int) -> UInt8 {
      var at = at
      for part in parts {
        if at < part.count { return part[at] }
        at -= part.count
      }
      return 0
    }
    return ranges.map { range in
      // Continuation bytes are 10xxxxxx: step off them to whole scalars.
      var lower = range.lowerBound
      while lower < n && byte(lower) & 0xC0 == 0x80 { lower += 1 }
      var upper = range.upperBound
      while upper < n && byte(upper) & 0xC0 == 0x80 { upper += 1 }
      var bytes: [UInt8] = []
      bytes.reserveCapacity(upper - lower)
      var partStart = 0
      for part in parts {
        let from = max(lower, partStart)
        let to = min(upper, partStart + part.count)
        if from < to {
          let slice = part[(from - partStart)..<(to - partStart)]
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: slice))
        }
        partStart += part.count
      }
      return bytes
    }
  }
}
