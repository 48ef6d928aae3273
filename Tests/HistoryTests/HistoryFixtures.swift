import AuditCore
import Foundation

/// Small runs built by hand: a report and the snapshot it came from.
enum HistoryFixtures {
  static let site = "https://www.example.go.th/"

  /// A fresh database path in its own temporary folder.
  static func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("oitcheck-history-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Runs blocking work (waiting for a child process) on a Dispatch thread, so that it does not
  /// hold one of the few cooperative threads that timing-sensitive crawler tests beside it need.
  static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
  }

  static func item(_ id: String, _ status: ItemStatus, evidence: [String] = []) -> ItemResult {
    ItemResult(
      id: id, title: "รายการ \(id)", indicator: "O1", unit: "สำนักปลัด", status: status,
      evidence: evidence.map { Evidence(url: $0, title: "หลักฐาน", reason: "found in menu") },
      why: "because \(status.rawValue)")
  }

  static func report(_ items: [ItemResult], site: String = site) -> AuditReport {
    AuditReport(
      site: site, checklist: ChecklistRef(id: "oit-2569", year: 2569), fiscalYear: 2569,
      asOf: "2026-03-31", items: items,
      coverage: ReportCoverage(pagesFetched: 3, pagesFailed: 0, complete: true, notes: []),
      score: ScoreEstimate(estimate: 50, byIndicator: [:], band: "E", weighting: "equal"),
      notes: [])
  }

  static func snapshot(
    pages: [PageFacts] = [], attachments: [AttachmentFacts] = [], failures: [FailureFacts] = [],
    site: String = site
  ) -> Snapshot {
    var coverage = Coverage()
    coverage.pagesFetched = pages.count
    coverage.pagesFailed = failures.count
    var snapshot = Snapshot(
      header: SnapshotHeader(
        startURL: site, options: ["max-pages": "5000"], startedAt: "2026-03-31T02:00:00Z",
        endedAt: "2026-03-31T02:10:00Z", coverage: coverage))
    snapshot.pages = pages
    snapshot.attachments = attachments
    snapshot.failures = failures
    return snapshot
  }
}
