// TestSupport: loopback fixture servers and a runner for the built binary. Tests only.
import Foundation
import LoopbackServer
import Yams

/// The repository root, found from this file's path.
public let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// Serves `Fixtures/sites/<name>/` (or any folder) on 127.0.0.1 with `_routes.yaml` overrides.
public final class FixtureServer: Sendable {
  public let server: LoopbackServer
  public var baseURL: String { server.baseURL }
  public var log: [LoopbackLogEntry] { server.log }

  /// A route override from `_routes.yaml`.
  public struct Route: Sendable {
    public var status: Int?
    public var headers: [(String, String)] = []
    public var body: String?
    public var delayMilliseconds = 0
  }

  public init(root: String, extra: (@Sendable (LoopbackRequest) -> LoopbackResponse?)? = nil) throws {
    let site = StaticSite(root: root)
    let routes = try FixtureServer.loadRoutes(root + "/_routes.yaml")
    server = try LoopbackServer { request in
      if let extra, let response = extra(request) { return response }
      let route = routes[request.target] ?? routes[request.path]
      var response: LoopbackResponse
      if let route, let status = route.status, status != 200 || route.body != nil {
        response = LoopbackResponse(status: status, body: Array((route.body ?? "").utf8))
        if route.body != nil && !route.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
          response.headers.append(("Content-Type", "text/html; charset=utf-8"))
        }
      } else {
        response = site.respond(to: request)
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
  }

  /// Serves the fixture site `Fixtures/sites/<name>`.
  public static func site(_ name: String) throws -> FixtureServer {
    try FixtureServer(root: repositoryRoot + "/Fixtures/sites/" + name)
  }

  public func stop() { server.stop() }

  static func loadRoutes(_ path: String) throws -> [String: Route] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
    guard let list = try Yams.load(yaml: text) as? [[String: Any]] else { return [:] }
    var routes: [String: Route] = [:]
    for entry in list {
      guard let path = entry["path"] as? String else { continue }
      var route = Route()
      route.status = entry["status"] as? Int
      route.body = entry["body"] as? String
      route.delayMilliseconds = entry["delay-ms"] as? Int ?? 0
      if let headers = entry["headers"] as? [String: Any] {
        route.headers = headers.map { ($0.key, "\($0.value)") }.sorted { $0.0 < $1.0 }
      }
      routes[path] = route
    }
    return routes
  }
}
