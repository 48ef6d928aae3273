import Foundation
import Yams

/// Serves a folder as a website: `/` and `/dir/` are `index.html`, percent-encoded (Thai) names
/// are decoded to the file name on disk, and names starting with `_` are never served.
///
/// An optional `_routes.yaml` overrides single paths (status, headers, body, delay-ms), so a
/// fixture can redirect, fail or mislabel its charset:
///
///     - path: /old.html
///       status: 301
///       headers: {Location: /new.html}
public struct StaticSite: Sendable {
  public let root: String
  public let routes: [String: Route]

  /// A route override.
  public struct Route: Sendable {
    public var status: Int?
    public var headers: [(String, String)] = []
    public var body: String?
    public var delayMilliseconds = 0
  }

  /// Reads the folder's `_routes.yaml`, if any; a malformed one is an error.
  public init(root: String) throws {
    self.root = root
    self.routes = try StaticSite.loadRoutes(root + "/_routes.yaml")
  }

  /// The handler for `LoopbackServer`.
  public func respond(to request: LoopbackRequest) -> LoopbackResponse {
    let route = routes[request.target] ?? routes[request.path]
    var response: LoopbackResponse
    if let route, let status = route.status, status != 200 || route.body != nil {
      response = LoopbackResponse(status: status, body: Array((route.body ?? "").utf8))
      if route.body != nil { response.headers.append(("Content-Type", "text/html; charset=utf-8")) }
    } else {
      response = serveFile(request)
    }
    if let route {
      for (name, value) in route.headers {
        response.headers.removeAll { $0.0.lowercased() == name.lowercased() }
        response.headers.append((name, value))
      }
      response.delayMilliseconds = route.delayMilliseconds
    }
    return response
  }

  static func loadRoutes(_ path: String) throws -> [String: Route] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
    guard let list = try Yams.load(yaml: text) as? [[String: Any]] else {
      throw StaticSiteError.badRoutes(path)
    }
    var routes: [String: Route] = [:]
    for entry in list {
      guard let target = entry["path"] as? String else { throw StaticSiteError.badRoutes(path) }
      var route = Route()
      route.status = entry["status"] as? Int
      route.body = entry["body"] as? String
      route.delayMilliseconds = entry["delay-ms"] as? Int ?? 0
      if let headers = entry["headers"] as? [String: Any] {
        route.headers = headers.map { ($0.key, "\($0.value)") }.sorted { $0.0 < $1.0 }
      }
      routes[target] = route
    }
    return routes
  }

  func serveFile(_ request: LoopbackRequest) -> LoopbackResponse {
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

public enum StaticSiteError: Error, CustomStringConvertible {
  case badRoutes(String)
  public var description: String {
    switch self {
    case .badRoutes(let path): "\(path): expected a list of routes, each with a path"
    }
  }
}
