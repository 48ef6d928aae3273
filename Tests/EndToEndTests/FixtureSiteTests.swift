import Foundation
import TestSupport
import Testing

/// Every fixture site under Fixtures/sites, audited by the binary, must agree with its
/// expected.json item by item.
@Suite(.timeLimit(.minutes(5)))
struct FixtureSiteTests {
  static let sites: [String] = {
    let root = repositoryRoot + "/Fixtures/sites"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/expected.json") }.sorted()
  }()

  /// Where the matcher and a fixture's expected verdict still disagree, and why. Each one is
  /// reported in the issue's closing note. Neither is a wrong "pass".
  static let knownDisagreements: [String: String] = [:]

  @Test func thereAreFixtureSites() {
    #expect(FixtureSiteTests.sites.count >= 6)
  }

  @Test(arguments: FixtureSiteTests.sites)
  func auditAgreesWithExpected(site: String) async throws {
    let expectedData = try Data(
      contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/Fixtures/sites/\(site)/expected.json"))
    let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
    let server = try FixtureServer.site(site)
    defer { server.stop() }
    var arguments = ["audit", server.baseURL + "/", "--format", "json", "--quiet"]
    if let checklist = expected["checklist"] as? String { arguments += ["--checklist", checklist] }
    if let fy = expected["fiscalYear"] as? Int { arguments += ["--fiscal-year", "\(fy)"] }
    if let asOf = expected["asOf"] as? String { arguments += ["--as-of", asOf] }
    let run = try await oitcheck(arguments, timeout: 120)
    #expect(run.exitCode == 0 || run.exitCode == 2, "\(run.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let items = report["items"] as? [[String: Any]] ?? []
    let actual = Dictionary(
      items.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    let wanted = expected["items"] as? [String: String] ?? [:]
    #expect(Set(actual.keys) == Set(wanted.keys))
    for (code, status) in wanted.sorted(by: { $0.key < $1.key }) {
      let item = actual[code]
      let check = {
        #expect(
          item?["status"] as? String == status,
          "\(site) \(code): expected \(status), got \(item?["status"] as? String ?? "nothing") — \(item?["why"] as? String ?? "")")
      }
      if let reason = FixtureSiteTests.knownDisagreements["\(site)/\(code)"] {
        // Listed disagreements must still disagree: when one is fixed, this fails and the
        // entry has to go.
        withKnownIssue(Comment(rawValue: reason), check)
      } else {
        check()
      }
    }
  }
}
