import Extraction

/// Which URLs belong to the site: the start host, with and without `www.`, over http or https,
/// plus hosts added with `--include-host`. Everything else is recorded but never fetched.
public struct ScopePolicy: Sendable {
  public let hosts: Set<String>

  public init(start: WebURL, includeHosts: [String]) {
    var hosts: Set<String> = [start.siteHost]
    for h in includeHosts {
      let host = h.lowercased()
      hosts.insert(host.hasPrefix("www.") ? String(host.dropFirst(4)) : host)
    }
    self.hosts = hosts
  }

  public func contains(_ url: WebURL) -> Bool { hosts.contains(url.siteHost) }
}

/// How a link's target is treated: pages are fetched and parsed; attachments only checked.
enum ResourceKind: Sendable {
  case page, attachment, sitemap

  static let attachmentExtensions: Set<String> = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "7z", "jpg", "jpeg", "png",
    "gif", "odt", "ods", "odp", "csv", "txt", "rtf", "mp4", "mp3", "tif", "tiff", "bmp", "webp",
  ]

  static func of(_ url: WebURL) -> ResourceKind {
    attachmentExtensions.contains(url.fileExtension) ? .attachment : .page
  }
}
