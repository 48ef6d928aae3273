import Foundation

/// Serves a folder as a website: `/` and `/dir/` are `index.html`, percent-encoded (Thai) names
/// are decoded to the file name on disk, and names starting with `_` are never served.
public struct StaticSite: Sendable {
  public let root: String

  public init(root: String) { self.root = root }

  /// The handler for `LoopbackServer`.
  public func respond(to request: LoopbackRequest) -> LoopbackResponse {
    guard request.method == "GET" || request.method == "HEAD" else {
      return LoopbackResponse(status: 405, contentType: "text/plain", body: "method not allowed")
    }
    guard let file = filePath(for: request.path),
      let data = FileManager.default.contents(atPath: file)
    else {
      return LoopbackResponse(
        status: 404, contentType: "text/html; charset=utf-8",
        body: "<html><head><title>404 Not Found</title></head><body>ไม่พบหน้านี้</body></html>")
    }
    return LoopbackResponse(
      status: 200, headers: [("Content-Type", StaticSite.contentType(for: file))],
      body: [UInt8](data))
  }

  /// The file a request path maps to, or nil when it escapes the root or is hidden.
  public func filePath(for path: String) -> String? {
    guard let decoded = path.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
    let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
    for segment in segments where segment == ".." || segment == "." || segment.hasPrefix("_") {
      return nil
    }
    if segments.last == "expected.json" { return nil }
    var file = root + "/" + segments.joined(separator: "/")
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) { return nil }
    if isDirectory.boolValue { file += "/index.html" }
    return FileManager.default.fileExists(atPath: file) ? file : nil
  }

  public static func contentType(for file: String) -> String {
    switch (file as NSString).pathExtension.lowercased() {
    case "html", "htm": "text/html; charset=utf-8"
    case "pdf": "application/pdf"
    case "xml": "application/xml"
    case "txt": "text/plain; charset=utf-8"
    case "css": "text/css"
    case "js": "application/javascript"
    case "jpg", "jpeg": "image/jpeg"
    case "png": "image/png"
    case "gif": "image/gif"
    case "doc": "application/msword"
    case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case "xls": "application/vnd.ms-excel"
    case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    case "zip": "application/zip"
    case "gz": "application/gzip"
    default: "application/octet-stream"
    }
  }
}
