import AuditCore
import Crawling
import Foundation
import LoopbackServer
import TestSupport
import Testing
import Transport

/// A local TLS server with bad certificates: the audit must say the certificate failed, and
/// never fall back to an unverified connection unless `--insecure` asks for it.
@Suite(.timeLimit(.minutes(2)))
struct HostileTLSTests {
  @Test(arguments: [TLSIdentity.Validity.current, .expired])
  func selfSignedCertificateIsRefused(validity: TLSIdentity.Validity) async throws {
    let server = try hostileSite(["/a": page("a")], tls: .selfSigned(validity))
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/")
    audit.log("TLS self-signed (\(validity))", "exit 1: certificate not verified")
    #expect(audit.run.exitCode == 1)
    let line = audit.run.stderr
    #expect(line.contains("self-signed certificate") && line.contains("--insecure"), "\(line)")
    #expect(line.split(separator: "\n").count == 1, "\(line)")
    // No silent fallback: not one HTTP request got through, every handshake was refused.
    #expect(server.log.isEmpty)
    #expect(server.failedHandshakes >= 1)
  }

  @Test func insecureIsTheOnlyWayPastABadCertificate() async throws {
    let server = try hostileSite(["/a": page("a")], tls: .selfSigned(.expired))
    defer { server.stop() }
    let audit = try await hostileAudit(server.baseURL + "/", ["--insecure"])
    audit.log("TLS expired self-signed with --insecure", "crawled, as asked")
    #expect(audit.run.exitCode == 0 || audit.run.exitCode == 2, "\(audit.run.stderr)")
    #expect(audit.page("/a") != nil)
  }

  @Test func httpRedirectingToABadCertificate() async throws {
    let tls = try hostileSite(["/a": page("a")], tls: .selfSigned())
    defer { tls.stop() }
    let http = try LoopbackServer { request in
      LoopbackResponse(status: 301, headers: [("Location", tls.baseURL + request.target)])
    }
    defer { http.stop() }
    let audit = try await hostileAudit(http.baseURL + "/")
    audit.log("http → https with a self-signed certificate", "exit 1: certificate not verified")
    #expect(audit.run.exitCode == 1)
    #expect(audit.run.stderr.contains("self-signed certificate"), "\(audit.run.stderr)")
    #expect(tls.log.isEmpty)
  }

  /// With the test authority trusted, an expired certificate fails as expired: the reason a
  /// site owner can act on, not a vague "untrusted".
  @Test func expiredCertificateIsNamedAsExpired() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var outcomes: [String] = []
    for validity in [TLSIdentity.Validity.current, .expired] {
      let identity = try TLSIdentity.signedByTestAuthority(validity)
      let caFile = dir + "/ca-\(validity).pem"
      try identity.writeTrust(to: caFile)
      let server = try hostileSite(["/a": page("a")], tls: identity)
      defer { server.stop() }
      let coverage = try await crawlWithCA(server.baseURL + "/", caFile: caFile, dir: dir)
      let notes = coverage.notes.joined(separator: "\n")
      switch validity {
      case .current:
        // The control: the same setup with a valid certificate crawls normally.
        #expect(coverage.pagesFetched == 2, "\(notes)")
        outcomes.append("valid: \(coverage.pagesFetched) pages")
      case .expired:
        #expect(coverage.pagesFetched == 0)
        #expect(notes.contains("certificate has expired"), "\(notes)")
        #expect(notes.contains("could not be verified"), "\(notes)")
        #expect(server.log.isEmpty)
        outcomes.append("expired: \(notes.prefix(160))")
      }
    }
    print("hostile | TLS CA-signed, valid then expired (Crawler) | \(outcomes.joined(separator: "; "))")
  }

  /// The real Crawler and fetcher, trusting `caFile`; returns the coverage it reports.
  func crawlWithCA(_ start: String, caFile: String, dir: String) async throws -> Coverage {
    var options = CrawlOptions(startURL: start)
    options.caFile = caFile
    options.timeLimit = 30
    options.requestTimeout = 10
    let fetcher = try HTTPFetcher(maxConnections: 2, maxPerHost: 2)
    defer { fetcher.shutdown() }
    let path = dir + "/snapshot-\(UUID().uuidString).jsonl"
    let writer = try SnapshotWriter(path: path)
    let coverage = try await Crawler(options: options, fetcher: fetcher).run(writer: writer)
    writer.abandon()
    return coverage
  }
}
