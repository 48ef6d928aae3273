import AuditCore
import Extraction
import Foundation
import Transport

/// Crawls one site into a snapshot, politely.
///
/// One loop owns all scheduling state: per-host FIFO queues, in-flight counts, the next moment
/// each host may be asked again (Crawl-delay, `--delay`, Retry-After, back-off), the seen set and
/// the caps. Child tasks only fetch and parse — on every core — and hand back encoded records.
public struct Crawler: Sendable {
  public let options: CrawlOptions
  public let fetcher: HTTPFetcher

  public init(options: CrawlOptions, fetcher: HTTPFetcher) {
    self.options = options
    self.fetcher = fetcher
  }

  /// Crawls and writes every record to `writer`; returns the coverage for the header.
  public func run(
    writer: SnapshotWriter, progress: (@Sendable (CrawlProgress) -> Void)? = nil
  ) async throws(CrawlError) -> Coverage {
    guard let start = WebURL(string: options.startURL) else {
      throw .badStartURL(options.startURL)
    }
    var loop = CrawlLoop(options: options, start: start, fetcher: fetcher, writer: writer)
    loop.progress = progress
    return try await loop.run()
  }
}

/// One unit of work: a URL to fetch and why.
struct Job: Sendable {
  var url: WebURL
  var kind: Kind
  var depth: Int
  var referrer: String?
  var attempt = 0
  /// URLs already visited on the way here by redirects, the first one linked.
  var hops: [String] = []
  var notBefore: ContinuousClock.Instant?

  enum Kind: Sendable { case page, attachment, sitemap, robots }
}

/// What a child task brings back.
enum Outcome: Sendable {
  /// A page's body, fetched and waiting for `parsePage`.
  case fetchedPage(FetchResponse)
  /// Links come parsed: URL parsing runs in the child tasks, on every core, not in the loop.
  case page(line: [UInt8], links: [(url: WebURL, link: PageLink)], noFollow: Bool, droppedLinks: Int)
  case attachment(AttachmentFacts)
  case redirect(status: Int, location: String?)
  case httpError(status: Int, retryAfter: Double?)
  case failed(FetchError)
  case sitemap(SitemapParser.Result)
  case robots(RobotsTxt, note: String?)
  case cancelled
}

final class HostState {
  var queue: [Job] = []
  var head = 0
  var inFlight = 0
  var nextFree = ContinuousClock.now
  var robotsReady = false
  var robots = RobotsTxt.allowAll
  var errorStreak = 0
  var backoff: Double = 0

  var pending: Int { queue.count - head }

  func pop() -> Job? {
    guard head < queue.count else { return nil }
    let job = queue[head]
    head += 1
    if head > 1024 && head * 2 > queue.count {
      queue.removeFirst(head)
      head = 0
    }
    return job
  }

  func pushFront(_ job: Job) {
    if head > 0 {
      head -= 1
      queue[head] = job
    } else {
      queue.insert(job, at: 0)
    }
  }
}

struct CrawlLoop {
  let options: CrawlOptions
  let start: WebURL
  let scope: ScopePolicy
  let fetcher: HTTPFetcher
  let writer: SnapshotWriter
  let linkSets = LinkSetTable()
  let gate = StartGate()
  var progress: (@Sendable (CrawlProgress) -> Void)?

  var hosts: [String: HostState] = [:]
  var hostOrder: [String] = []
  var cursor = 0
  var seen: Set<String> = []
  var queryVariants: [String: Int] = [:]
  var offsiteSeen: Set<String> = []
  var attachmentTexts: [String: (texts: [String], referrers: [String])] = [:]
  var coverage = Coverage()
  var pagesStarted = 0
  var attachmentsStarted = 0
  var sitemapsStarted = 0
  var done = 0
  var failed = 0
  var skippedRecords = 0
  var limitCounts: [String: Int] = [:]
  /// Failures by error word, with the first one's URL and message: the report's coverage notes
  /// must say why pages were missed, not only how many.
  var failureKinds: [String: (count: Int, example: String)] = [:]
  var droppedLinks = 0
  let began = ContinuousClock.now
  var lastProgress = ContinuousClock.now

  init(options: CrawlOptions, start: WebURL, fetcher: HTTPFetcher, writer: SnapshotWriter) {
    self.options = options
    self.start = start
    self.scope = ScopePolicy(start: start, includeHosts: options.includeHosts)
    self.fetcher = fetcher
    self.writer = writer
  }

  /// One politeness budget per server: `www.x.go.th` and `x.go.th`, over http or https, are
  /// the same machine to us, so they share slots, delays and robots.txt.
  static func hostKey(_ url: WebURL) -> String {
    url.port.map { "\(url.siteHost):\($0)" } ?? url.siteHost
  }

  static func key(_ url: WebURL) -> String {
    // http and https, with or without www., are one site: one key per page.
    let host = url.siteHost
    var k = ""
    k.reserveCapacity(host.utf8.count + url.path.utf8.count + (url.query?.utf8.count ?? 0) + 8)
    k += host
    if let port = url.port { k += ":" + String(port) }
    k += url.path
    if let q = url.query { k += "?" + q }
    return k
  }

  mutating func run() async throws(CrawlError) -> Coverage {
    enqueue(Job(url: start, kind: .page, depth: 0), force: true)
    pagesStarted = 1
    if let sitemap = start.resolve("/sitemap.xml") {
      enqueue(Job(url: sitemap, kind: .sitemap, depth: 1, referrer: nil))
    }
    let deadline = options.timeLimit.map { began + .milliseconds(Int($0 * 1000)) }
    let fetcher = self.fetcher
    let linkSets = self.linkSets
    let gate = self.gate
    let options = self.options

    // Parses waiting or running. Past this many, no new fetch starts: bodies would pile up in
    // memory faster than the cores can read them.
    let maxParsing = 2 * ProcessInfo.processInfo.activeProcessorCount + 2
    var writeError: CrawlError?
    await withTaskGroup(of: (Job, Outcome, fetched: Bool).self) { group in
      var inFlight = 0
      var parsing = 0
      while true {
        if let deadline, ContinuousClock.now >= deadline {
          hit("time-limit")
          group.cancelAll()
          break
        }
        while inFlight < options.maxConnections, parsing < maxParsing,
          let (job, startAt, spacing) = nextJob()
        {
          inFlight += 1
          group.addTask {
            let (job, outcome) = await CrawlLoop.perform(
              job, startAt: startAt, spacing: spacing, deadline: deadline, fetcher: fetcher,
              options: options, gate: gate, linkSets: linkSets)
            return (job, outcome, true)
          }
        }
        if inFlight == 0 && parsing == 0 { break }
        guard let (job, outcome, fetched) = await group.next() else { break }
        if fetched {
          // The connection is free once the body is in: the next request to this host goes
          // out while the page is parsed, so a polite slot never waits on our CPU.
          inFlight -= 1
          if let host = hosts[CrawlLoop.hostKey(job.url)] {
            host.inFlight -= 1
            // A delay also runs from the end of a response: counted only from starts, a
            // request held up on its way would reach the server less than the delay before
            // the next.
            let delay = max(options.delay, host.robots.crawlDelay ?? 0)
            if delay > 0 {
              host.nextFree = max(host.nextFree, .now + .milliseconds(Int(delay * 1000)))
            }
          }
        } else {
          parsing -= 1
        }
        if case .fetchedPage(let response) = outcome {
          parsing += 1
          group.addTask { (job, CrawlLoop.parsePage(job, response, linkSets: linkSets), false) }
          continue
        }
        handle(job, outcome)
        if let failure = writer.failure {
          writeError = failure
          group.cancelAll()
          break
        }
        reportProgress()
      }
      // Drain cancelled children so none outlives the loop.
      while await group.next() != nil {}
    }
    if let writeError { throw writeError }
    finishCoverage()
    return coverage
  }

  // MARK: Scheduling

  /// The next job whose host has a free slot, round-robin over hosts, with the time it may start.
  mutating func nextJob() -> (Job, ContinuousClock.Instant, Duration)? {
    guard !hostOrder.isEmpty else { return nil }
    for step in 0..<hostOrder.count {
      let name = hostOrder[(cursor + step) % hostOrder.count]
      guard let host = hosts[name], host.pending > 0, host.inFlight < options.maxPerHost else {
        continue
      }
      // Until robots.txt is read only the robots job itself may run.
      if !host.robotsReady {
        guard host.inFlight == 0, let first = host.queue[host.head...].first, first.kind == .robots
        else { continue }
      }
      guard let job = host.pop() else { continue }
      cursor = (cursor + step + 1) % hostOrder.count
      let now = ContinuousClock.now
      var startAt = max(now, host.nextFree)
      if let notBefore = job.notBefore { startAt = max(startAt, notBefore) }
      let delay = max(options.delay, host.robots.crawlDelay ?? 0, host.backoff)
      let spacing = Duration.milliseconds(Int(delay * 1000))
      host.nextFree = startAt + spacing
      host.inFlight += 1
      return (job, startAt, spacing)
    }
    return nil
  }

  /// Queues a URL if it is new, in scope and within the caps; records why not otherwise.
  mutating func enqueue(_ job: Job, force: Bool = false, front: Bool = false) {
    let key = CrawlLoop.key(job.url) + (job.kind == .sitemap ? "#sitemap" : "")
    guard force || !seen.contains(key) else { return }
    seen.insert(key)
    let hostName = CrawlLoop.hostKey(job.url)
    let host: HostState
    if let existing = hosts[hostName] {
      host = existing
    } else {
      host = HostState()
      hosts[hostName] = host
      hostOrder.append(hostName)
      if options.obeyRobots, let robotsURL = job.url.resolve("/robots.txt") {
        host.queue.append(Job(url: robotsURL, kind: .robots, depth: 0))
      } else {
        host.robotsReady = true
      }
    }
    if front { host.pushFront(job) } else { host.queue.append(job) }
  }

  /// Applies robots.txt and the caps when a job is about to be queued from a link.
  mutating func admit(_ job: Job) -> Bool {
    if job.kind == .page {
      if job.depth > options.maxDepth {
        skip(job.url, "maxDepth", limit: "max-depth")
        return false
      }
      if let query = job.url.query, !query.isEmpty {
        let pathKey = job.url.siteHost + job.url.path
        let count = queryVariants[pathKey, default: 0]
        if count >= options.maxQueryVariants {
          skip(job.url, "queryCap", limit: "query-cap")
          return false
        }
        queryVariants[pathKey] = count + 1
      }
      if pagesStarted >= options.maxPages {
        skip(job.url, "maxPages", limit: "max-pages")
        return false
      }
      pagesStarted += 1
    } else if job.kind == .attachment {
      if attachmentsStarted >= options.maxAttachments {
        skip(job.url, "maxAttachments", limit: "max-attachments")
        return false
      }
      attachmentsStarted += 1
    }
    return true
  }

  mutating func skip(_ url: WebURL, _ reason: String, limit: String?) {
    if let limit { hit(limit) }
    limitCounts[reason, default: 0] += 1
    if skippedRecords < 1000 {
      skippedRecords += 1
      writer.append(SnapshotWriter.line(.skipped(SkippedFacts(url: url.description, reason: reason))))
    }
  }

  mutating func hit(_ limit: String) {
    if !coverage.limitsHit.contains(limit) { coverage.limitsHit.append(limit) }
  }

  // MARK: Outcomes

  mutating func handle(_ job: Job, _ outcome: Outcome) {
    let host = hosts[CrawlLoop.hostKey(job.url)]
    switch outcome {
    case .cancelled, .fetchedPage:
      return
    case .robots(let robots, let note):
      host?.robots = robots
      host?.robotsReady = true
      if let note { coverage.notes.append(note) }
      for sitemap in robots.sitemaps {
        if let url = job.url.resolve(sitemap), scope.contains(url), sitemapsStarted < 50 {
          enqueue(Job(url: url, kind: .sitemap, depth: 1))
        }
      }
      // Jobs queued before the rules were known are checked now.
      if let host {
        var kept: [Job] = []
        for queued in host.queue[host.head...] {
          if queued.kind == .robots || robots.allows(queued.url) {
            kept.append(queued)
          } else {
            robotsBlocked(queued.url)
          }
        }
        host.queue = kept
        host.head = 0
      }
    case .sitemap(let result):
      sitemapsStarted += 1
      // The protocol wants absolute <loc>s; small sites often write paths, which we resolve.
      for loc in result.sitemaps where sitemapsStarted < 50 {
        if let url = job.url.resolve(loc), scope.contains(url) {
          enqueue(Job(url: url, kind: .sitemap, depth: 1))
        }
      }
      for loc in result.pages {
        guard let url = job.url.resolve(loc), scope.contains(url) else { continue }
        discover(url, text: nil, from: nil, depth: 1)
      }
    case .page(let line, let links, let noFollow, let dropped):
      if dropped > 0 {
        // Links past the extractor's cap were never seen: the crawl cannot claim completeness.
        hit("links-per-page")
        droppedLinks += dropped
      }
      host?.errorStreak = 0
      host?.backoff = 0
      done += 1
      coverage.pagesFetched += 1
      writer.append(line)
      let page = job.url.description
      for (url, link) in links {
        if !scope.contains(url) {
          recordOffsite(link, page: page)
          continue
        }
        if noFollow { continue }
        discover(url, text: link.text, from: page, depth: job.depth + 1)
      }
    case .attachment(var facts):
      done += 1
      coverage.attachmentsChecked += 1
      if let known = attachmentTexts.removeValue(forKey: facts.url) {
        facts.linkTexts = known.texts
        facts.referrers = known.referrers
      }
      if facts.status >= 400 {
        failed += 1
        writer.append(
          SnapshotWriter.line(
            .failure(
              FailureFacts(
                url: facts.url, error: "http", message: "HTTP \(facts.status)", status: facts.status,
                referrers: facts.referrers, isAttachment: true))))
      } else {
        writer.append(SnapshotWriter.line(.attachment(facts)))
      }
    case .redirect(let status, let location):
      followRedirect(job, status: status, location: location)
    case .httpError(let status, let retryAfter):
      if job.kind == .sitemap { return }
      if let retry = retryDelay(job, status: status, retryAfter: retryAfter, host: host) {
        requeue(job, after: retry, host: host)
        return
      }
      recordFailure(job, error: "http", message: "HTTP \(status)", status: status)
    case .failed(let error):
      if job.kind == .sitemap { return }
      host?.errorStreak += 1
      if error.isTransient, job.attempt < options.retries {
        // Back off from a struggling host: small servers fall over easily.
        if let host { host.backoff = min(10, max(1, host.backoff * 2)) }
        requeue(job, after: pow(2, Double(job.attempt)), host: host)
        return
      }
      recordFailure(job, error: error.kind.rawValue, message: error.message, status: nil)
    }
  }

  mutating func discover(_ url: WebURL, text: String?, from page: String?, depth: Int) {
    // Most links on a page (the menu) lead to URLs seen long ago: one set lookup for them.
    let key = CrawlLoop.key(url)
    guard !seen.contains(key) else { return }
    let kind: Job.Kind = ResourceKind.of(url) == .attachment ? .attachment : .page
    if kind == .attachment {
      var entry = attachmentTexts[url.description] ?? ([], [])
      if let text, !text.isEmpty, entry.texts.count < 10, !entry.texts.contains(text) {
        entry.texts.append(text)
      }
      if let page, entry.referrers.count < 10, !entry.referrers.contains(page) {
        entry.referrers.append(page)
      }
      attachmentTexts[url.description] = entry
    }
    if let host = hosts[CrawlLoop.hostKey(url)], host.robotsReady, !host.robots.allows(url) {
      seen.insert(key)
      robotsBlocked(url)
      return
    }
    let job = Job(url: url, kind: kind, depth: depth, referrer: page)
    guard admit(job) else {
      seen.insert(key)
      return
    }
    enqueue(job)
  }

  mutating func robotsBlocked(_ url: WebURL) {
    if coverage.robotsBlocked.count < 200, !coverage.robotsBlocked.contains(url.path) {
      coverage.robotsBlocked.append(url.path)
    }
    limitCounts["robots", default: 0] += 1
    if skippedRecords < 1000 {
      skippedRecords += 1
      writer.append(SnapshotWriter.line(.skipped(SkippedFacts(url: url.description, reason: "robots"))))
    }
  }

  mutating func recordOffsite(_ link: PageLink, page: String) {
    let key = link.url + "\u{1}" + link.text
    guard offsiteSeen.count < 20000, !offsiteSeen.contains(key) else { return }
    offsiteSeen.insert(key)
    writer.append(
      SnapshotWriter.line(
        .offsite(OffsiteLink(url: link.url, text: link.text, page: page, rowText: link.rowText))))
  }

  mutating func followRedirect(_ job: Job, status: Int, location: String?) {
    let from = job.url.description
    guard let location, !location.isEmpty else {
      recordFailure(job, error: "http", message: "HTTP \(status) without Location", status: status)
      return
    }
    guard let target = job.url.resolve(location) else {
      recordFailure(
        job, error: "badScheme", message: "redirect to a non-http URL: \(location.prefix(200))",
        status: status)
      return
    }
    let chain = job.hops + [from]
    if chain.contains(target.description) {
      recordFailure(job, error: "redirectLoop", message: "redirect loop back to \(target)", status: status)
      return
    }
    if chain.count > options.maxRedirects {
      recordFailure(
        job, error: "tooManyRedirects", message: "more than \(options.maxRedirects) redirects",
        status: status)
      return
    }
    writer.append(SnapshotWriter.line(.redirect(RedirectFacts(from: from, to: target.description, status: status))))
    if !scope.contains(target) {
      if job.depth == 0 && job.hops.isEmpty {
        coverage.notes.append(
          "the start page redirects to \(target.host), outside the site; add --include-host \(target.host) to audit it"
        )
      }
      recordOffsite(PageLink(url: target.description, text: "", region: .other), page: from)
      return
    }
    if let host = hosts[CrawlLoop.hostKey(target)], host.robotsReady, !host.robots.allows(target) {
      robotsBlocked(target)
      return
    }
    let key = CrawlLoop.key(target)
    guard !seen.contains(key) else { return }
    if job.kind == .attachment, let known = attachmentTexts.removeValue(forKey: from) {
      attachmentTexts[target.description] = known
    }
    var next = Job(url: target, kind: job.kind, depth: job.depth, referrer: job.referrer)
    next.hops = chain
    // A redirect target is fetched at once, so the chain does not wait behind the whole queue.
    enqueue(next, front: true)
  }

  func retryDelay(_ job: Job, status: Int, retryAfter: Double?, host: HostState?) -> Double? {
    guard job.attempt < options.retries else { return nil }
    switch status {
    case 429, 503:
      let wait = retryAfter ?? pow(2, Double(job.attempt + 1))
      return wait <= options.maxRetryAfter ? wait : nil
    case 500, 502, 504:
      return pow(2, Double(job.attempt))
    default:
      return nil
    }
  }

  mutating func requeue(_ job: Job, after seconds: Double, host: HostState?) {
    var again = job
    again.attempt += 1
    let at = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    again.notBefore = at
    // Retry-After speaks for the whole host, not one URL.
    if let host { host.nextFree = max(host.nextFree, at) }
    host?.pushFront(again)
  }

  mutating func recordFailure(_ job: Job, error: String, message: String, status: Int?) {
    failed += 1
    let isAttachment = job.kind == .attachment
    // Pages we could not read hide content; a 4xx page has nothing behind it to miss.
    if !isAttachment, !(status.map { (400..<500).contains($0) } ?? false) {
      coverage.pagesFailed += 1
    }
    let facts = FailureFacts(
      url: job.url.description, error: error, message: message, status: status,
      referrers: job.referrer.map { [$0] } ?? [], isAttachment: isAttachment)
    writer.append(SnapshotWriter.line(.failure(facts)))
    let known = failureKinds[error]
    failureKinds[error] = (
      (known?.count ?? 0) + 1, known?.example ?? "\(facts.url): \(message.prefix(300))"
    )
    if job.depth == 0 && job.kind == .page && done == 0 {
      coverage.notes.append("the start page could not be fetched: \(message)")
    }
  }

  mutating func finishCoverage() {
    for (reason, count) in limitCounts.sorted(by: { $0.key < $1.key }) where reason != "robots" {
      coverage.notes.append("\(count) URL(s) not fetched: \(reason)")
    }
    if let blocked = limitCounts["robots"] {
      coverage.notes.append("\(blocked) URL(s) not fetched: disallowed by robots.txt")
    }
    if droppedLinks > 0 {
      coverage.notes.append(
        "\(droppedLinks) link(s) not followed: pages with more than \(HTMLExtractor.maxLinks) links (links-per-page)"
      )
    }
    for (error, kind) in failureKinds.sorted(by: { $0.key < $1.key }) {
      coverage.notes.append("\(kind.count) URL(s) failed (\(error)), first \(kind.example)")
    }
  }

  mutating func reportProgress(force: Bool = false) {
    guard let progress else { return }
    let now = ContinuousClock.now
    guard force || now - lastProgress > .milliseconds(250) else { return }
    lastProgress = now
    let queued = hosts.values.reduce(0) { $0 + $1.pending }
    let elapsed = now - began
    progress(
      CrawlProgress(
        done: done, queued: queued, failed: failed,
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
  }
}
