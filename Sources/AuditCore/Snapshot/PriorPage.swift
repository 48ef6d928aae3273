import Foundation

/// What an earlier run saw of one page, for a conditional re-crawl: the validators to send
/// (`If-None-Match`, `If-Modified-Since`) and the facts a `304 Not Modified` reuses.
public struct PriorPage: Sendable, Hashable {
  public var etag: String?
  public var lastModified: String?
  /// The facts as stored (a snapshot record's JSON), read only when the server answers 304:
  /// decoding every stored page up front cost more than the re-crawl saved.
  private var stored: Data?
  private var given: PageFacts?

  public init(etag: String?, lastModified: String?, facts: PageFacts) {
    self.etag = etag
    self.lastModified = lastModified
    self.given = facts
  }

  public init(etag: String?, lastModified: String?, storedFacts: Data) {
    self.etag = etag
    self.lastModified = lastModified
    self.stored = storedFacts
  }

  /// The page's facts; nil when the stored form cannot be read.
  public func facts() -> PageFacts? {
    if let given { return given }
    guard let stored else { return nil }
    return try? JSONDecoder().decode(PageFacts.self, from: stored)
  }
}
