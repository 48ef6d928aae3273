/// What an earlier run saw of one page, for a conditional re-crawl: the validators to send
/// (`If-None-Match`, `If-Modified-Since`) and the facts a `304 Not Modified` reuses.
public struct PriorPage: Sendable, Hashable {
  public var etag: String?
  public var lastModified: String?
  public var facts: PageFacts

  public init(etag: String?, lastModified: String?, facts: PageFacts) {
    self.etag = etag
    self.lastModified = lastModified
    self.facts = facts
  }
}
