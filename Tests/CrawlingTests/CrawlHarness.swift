import AuditCore
import Crawling
import Foundation
import LoopbackServer
import TestSupport
import Transport

/// The records of one crawl, by kind.
struct CrawlResult {
  var coverage: Coverage
  var header: SnapshotHeader?
  var records: [SnapshotRecord]

  var pages: [PageFacts] { records.compactMap { if case .page(let p) = $0 { p } else { nil } } }
  var attachments: [AttachmentFacts] {
    records.compactMap { if case .attachment(let a) = $0 { a } else { nil } }
  }
  var failures: [FailureFacts] { records.compactMap { if case .failure(let f) = $0 { f } else { nil } } }
  var offsite: [OffsiteLink] { records.compactMap { if case .offsite(let o) = $0 { o } else { nil } } }
  var skipped: [SkippedFacts] { records.compactMap { if case .skipped(let s) = $0 { s } else { nil } } }
  var redirects: [RedirectFacts] {
    records.compactMap { if case .redirect(let r) = $0 { r } else { nil } }
  }

  func page(_ suffix: String) -> PageFacts? { pages.first { $0.url.hasSuffix(suffix) } }
}

/// Crawls `start` with the real fetcher into a temporary snapshot and reads it back.
func crawl(_ start: String, _ configure: (inout CrawlOptions) -> Void = { _ in }) async throws
  -> CrawlResult
{
  var options = CrawlOptions(startURL: start)
  options.requestTimeout = 10
  options.connectTimeout = 5
  options.timeLimit = 60  // every crawl in a test is bounded in time
  configure(&options)
  let fetcher = try HTTPFetcher(maxConnections: options.maxConnections, maxPerHost: options.maxPerHost)
  defer { fetcher.shutdown() }
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(atPath: dir) }
  let path = dir + "/snapshot.jsonl"
  let writer = try SnapshotWriter(path: path)
  let coverage = try await Crawler(options: options, fetcher: fetcher).run(writer: writer)
  try writer.finish(
    header: SnapshotHeader(
      startURL: start, options: options.summary, startedAt: "t0", endedAt: "t1", coverage: coverage))
  let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
  let decoder = JSONDecoder()
  let header = lines.first.flatMap { try? decoder.decode(SnapshotHeader.self, from: Data($0.utf8)) }
  let records = try lines.dropFirst().map { try decoder.decode(SnapshotRecord.self, from: Data($0.utf8)) }
  return CrawlResult(coverage: coverage, header: header, records: records)
}

/// A server from a table of path → response; anything else is 404.
func tableServer(_ routes: [String: LoopbackResponse]) throws -> LoopbackServer {
  try LoopbackServer { request in
    routes[request.target] ?? routes[request.path]
      ?? LoopbackResponse(status: 404, contentType: "text/html", body: "<title>404</title>")
  }
}

func html(_ body: String, title: String = "page") -> LoopbackResponse {
  LoopbackResponse(
    status: 200, contentType: "text/html; charset=utf-8",
    body: "<!doctype html><html><head><title>\(title)</title></head><body>\(body)</body></html>")
}
