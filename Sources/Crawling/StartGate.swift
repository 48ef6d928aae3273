import Synchronization

/// The last time a request to each host actually started. Jobs are planned with start times,
/// but a child task can wake late and the next one on time; with a delay in force each start
/// waits here until the delay has passed since the previous real one.
final class StartGate: Sendable {
  private let last = Mutex<[String: ContinuousClock.Instant]>([:])

  func pass(host: String, spacing: Duration) async throws {
    while true {
      let wait = last.withLock { table -> ContinuousClock.Instant? in
        let now = ContinuousClock.now
        if let previous = table[host], previous + spacing > now { return previous + spacing }
        table[host] = now
        return nil
      }
      guard let wait else { return }
      try await Task.sleep(until: wait, clock: .continuous)
    }
  }
}
