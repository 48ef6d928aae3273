// TestSupport: loopback fixture servers and a runner for the built binary. Tests only.
import Foundation
import LoopbackServer

/// The repository root, found from this file's path.
public let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// Serves a fixture folder on 127.0.0.1 (with its `_routes.yaml`); `extra` may answer first.
public final class FixtureServer: Sendable {
  public let server: LoopbackServer
  public var baseURL: String { server.baseURL }
  public var log: [LoopbackLogEntry] { server.log }

  public init(root: String, extra: (@Sendable (LoopbackRequest) -> LoopbackResponse?)? = nil) throws {
    let site = try StaticSite(root: root)
    server = try LoopbackServer { request in
      if let extra, let response = extra(request) { return response }
      return site.respond(to: request)
    }
  }

  /// Serves the fixture site `Fixtures/sites/<name>`.
  public static func site(_ name: String) throws -> FixtureServer {
    try FixtureServer(root: repositoryRoot + "/Fixtures/sites/" + name)
  }

  /// Serves the demo site `Fixtures/demo-site/www`.
  public static func demo() throws -> FixtureServer {
    try FixtureServer(root: repositoryRoot + "/Fixtures/demo-site/www")
  }

  public func stop() { server.stop() }
}
