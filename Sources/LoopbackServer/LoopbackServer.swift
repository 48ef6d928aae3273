// LoopbackServer: a small threaded HTTP/1.1 server bound to 127.0.0.1, for `oitcheck demo` and for
// the tests' fixture sites. It can also misbehave on purpose (delays, slow bodies, raw bytes),
// which the crawler tests need, and can serve TLS with a test certificate (`TLSIdentity`). It is
// not a general web server: GET and HEAD only.
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The request line and headers of one request. Header names are lower-cased.
public struct LoopbackRequest: Sendable {
  public var method: String
  /// The request target as sent: path and query, still percent-encoded.
  public var target: String
  public var headers: [String: String]

  public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
}

/// What to answer. `raw` sends exactly those bytes instead of a formed response.
public struct LoopbackResponse: Sendable {
  public var status: Int
  public var headers: [(String, String)]
  public var body: [UInt8]
  /// Wait this long before answering.
  public var delayMilliseconds = 0
  /// Send the body at this rate (bytes per second); nil sends it at once.
  public var bytesPerSecond: Int?
  /// Send exactly these bytes and close: for broken HTTP. `bytesPerSecond` applies to them too.
  public var raw: [UInt8]?
  /// Close the connection after this response.
  public var close = false
  /// After the head and `body`, send what this returns for chunk 0, 1, 2... until it returns nil
  /// or the client goes away: for endless or huge bodies that are never held whole. Without a
  /// Content-Length header the connection then closes.
  public var stream: (@Sendable (Int) -> [UInt8]?)?
  /// End the connection with a TCP reset (RST) instead of a clean close, after `raw`.
  public var reset = false

  public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  public init(status: Int, contentType: String, body: String) {
    self.init(status: status, headers: [("Content-Type", contentType)], body: Array(body.utf8))
  }

  public static func raw(_ bytes: [UInt8]) -> LoopbackResponse {
    var r = LoopbackResponse(status: 0)
    r.raw = bytes
    return r
  }
}

/// One request as the server saw it, for tests that check politeness.
public struct LoopbackLogEntry: Sendable {
  public var method: String
  public var target: String
  public var userAgent: String
  public var at: ContinuousClock.Instant
  /// Requests being answered at that moment, this one included.
  public var concurrent: Int
}

/// A loopback HTTP server on its own threads. Stops when `stop()` is called or it is released.
public final class LoopbackServer: Sendable {
  public typealias Handler = @Sendable (LoopbackRequest) -> LoopbackResponse

  public let port: Int
  public var baseURL: String { (tls == nil ? "http" : "https") + "://127.0.0.1:\(port)" }
  private let listener: Int32
  private let handler: Handler
  private let tls: TLSServerContext?
  private let state = Mutex<State>(State())
  private let acceptDone = DispatchSemaphore(value: 0)

  private struct State {
    var stopped = false
    var log: [LoopbackLogEntry] = []
    var inFlight = 0
    var maxInFlight = 0
    var connections: Set<Int32> = []
    var failedHandshakes = 0
  }

  /// Binds 127.0.0.1 on a free port (or `port`) and starts accepting; with `tls`, every
  /// connection must complete a TLS handshake with that certificate first.
  public init(port: Int = 0, tls: TLSIdentity? = nil, handler: @escaping Handler) throws {
    if let tls {
      self.tls = try TLSServerContext(tls)
      // SSL_write cannot pass MSG_NOSIGNAL: a client that hangs up must not kill the process.
      signal(SIGPIPE, SIG_IGN)
    } else {
      self.tls = nil
    }
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw LoopbackServerError.socket(errno) }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 256) == 0 else {
      let e = errno
      close(fd)
      throw LoopbackServerError.bind(e)
    }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    self.port = Int(UInt16(bigEndian: addr.sin_port))
    self.listener = fd
    self.handler = handler
    let thread = Thread { [self] in
      self.acceptLoop()
      self.acceptDone.signal()
    }
    thread.name = "loopback-accept"
    thread.start()
  }

  deinit { stop() }

  /// Every request so far, in arrival order.
  public var log: [LoopbackLogEntry] { state.withLock { $0.log } }
  /// The most requests ever answered at once.
  public var maxConcurrent: Int { state.withLock { $0.maxInFlight } }
  /// TLS handshakes that failed (the client refused the certificate, say).
  public var failedHandshakes: Int { state.withLock { $0.failedHandshakes } }

  public func stop() {
    let connections: Set<Int32>? = state.withLock { s in
      if s.stopped { return nil }
      s.stopped = true
      return s.connections
    }
    guard let connections else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
    acceptDone.wait()
  }

  private func acceptLoop() {
    while true {
      let fd = accept(listener, nil, nil)
      if fd < 0 {
        if errno == EINTR { continue }
        return
      }
      let accepted = state.withLock { s -> Bool in
        if s.stopped { return false }
        s.connections.insert(fd)
        return true
      }
      guard accepted else {
        close(fd)
        return
      }
      var timeout = timeval(tv_sec: 30, tv_usec: 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      var one: Int32 = 1
      setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
      let thread = Thread { [self] in
        if let connection = LoopbackConnection(fd: fd, tls: self.tls) {
          self.serve(connection)
        } else {
          self.state.withLock { $0.failedHandshakes += 1 }
        }
        self.state.withLock { _ = $0.connections.remove(fd) }
        close(fd)
      }
      thread.stackSize = 512 * 1024
      thread.start()
    }
  }

  private func serve(_ connection: LoopbackConnection) {
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16384)
    while true {
      // Read until the end of the request head.
      var headEnd: Int? = nil
      while headEnd == nil {
        if let end = findHeadEnd(buffer) {
          headEnd = end
          break
        }
        if buffer.count > 64 * 1024 { return }
        let n = connection.read(&chunk)
        if n <= 0 { return }
        buffer.append(contentsOf: chunk[0..<n])
      }
      guard let end = headEnd else { return }
      let head = String(decoding: buffer[0..<end], as: UTF8.self)
      buffer.removeFirst(min(buffer.count, end + 4))
      guard let request = parseHead(head) else { return }
      // Request bodies are not used; drop one if announced.
      if let length = request.headers["content-length"].flatMap(Int.init), length > 0 {
        buffer.removeFirst(min(buffer.count, length))
      }
      let concurrent = state.withLock { s -> Int in
        s.inFlight += 1
        s.maxInFlight = max(s.maxInFlight, s.inFlight)
        s.log.append(
          LoopbackLogEntry(
            method: request.method, target: request.target,
            userAgent: request.headers["user-agent"] ?? "", at: .now, concurrent: s.inFlight))
        return s.inFlight
      }
      _ = concurrent
      let response = handler(request)
      let keepOpen = respond(connection, request: request, response: response)
      state.withLock { $0.inFlight -= 1 }
      if !keepOpen { return }
    }
  }

  /// Writes the response; returns whether the connection may carry another request.
  private func respond(
    _ connection: LoopbackConnection, request: LoopbackRequest, response: LoopbackResponse
  ) -> Bool {
    if response.delayMilliseconds > 0 {
      Thread.sleep(forTimeInterval: Double(response.delayMilliseconds) / 1000)
    }
    if let raw = response.raw {
      _ = sendPaced(connection, raw, bytesPerSecond: response.bytesPerSecond)
      if response.reset {
        // SO_LINGER with a zero timeout makes close() drop what is unsent and send a reset.
        var hard = linger(l_onoff: 1, l_linger: 0)
        setsockopt(connection.fd, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
      }
      return false
    }
    let clientClose = (request.headers["connection"] ?? "").lowercased() == "close"
    let hasLength = response.headers.contains { $0.0.lowercased() == "content-length" }
    // A streamed body without a length ends when the connection closes, as in HTTP/1.0.
    let close = response.close || clientClose || (response.stream != nil && !hasLength)
    var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
    for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
    if !hasLength && response.stream == nil { head += "Content-Length: \(response.body.count)\r\n" }
    head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n"
    guard connection.write(Array(head.utf8)) else { return false }
    if request.method != "HEAD" {
      guard sendPaced(connection, response.body, bytesPerSecond: response.bytesPerSecond) else {
        return false
      }
      if let stream = response.stream {
        var index = 0
        while let chunk = stream(index), connection.write(chunk) { index += 1 }
      }
    }
    return !close
  }

  /// Sends bytes at once, or `bytesPerSecond` at a time with a second's pause between.
  private func sendPaced(
    _ connection: LoopbackConnection, _ bytes: [UInt8], bytesPerSecond: Int?
  ) -> Bool {
    guard let rate = bytesPerSecond, rate > 0 else { return connection.write(bytes) }
    var offset = 0
    while offset < bytes.count {
      let step = min(rate, bytes.count - offset)
      guard connection.write(Array(bytes[offset..<offset + step])) else { return false }
      offset += step
      if offset < bytes.count {
        if state.withLock({ $0.stopped }) { return false }
        Thread.sleep(forTimeInterval: 1)
      }
    }
    return true
  }

  private func findHeadEnd(_ b: [UInt8]) -> Int? {
    guard b.count >= 4 else { return nil }
    for i in 0...(b.count - 4) where b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 {
      return i
    }
    return nil
  }

  private func parseHead(_ head: String) -> LoopbackRequest? {
    let lines = head.components(separatedBy: "\r\n")
    let parts = lines.first?.split(separator: " ") ?? []
    guard parts.count >= 2 else { return nil }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    return LoopbackRequest(method: String(parts[0]), target: String(parts[1]), headers: headers)
  }
}

/// Why the server could not start.
public enum LoopbackServerError: Error, CustomStringConvertible {
  case socket(Int32)
  case bind(Int32)
  case tls(String)

  public var description: String {
    switch self {
    case .socket(let e): "cannot create a socket: \(String(cString: strerror(e)))"
    case .bind(let e): "cannot listen on 127.0.0.1: \(String(cString: strerror(e)))"
    case .tls(let what): "cannot set up TLS: \(what)"
    }
  }
}

func reasonPhrase(_ status: Int) -> String {
  switch status {
  case 200: "OK"
  case 206: "Partial Content"
  case 301: "Moved Permanently"
  case 302: "Found"
  case 304: "Not Modified"
  case 307: "Temporary Redirect"
  case 308: "Permanent Redirect"
  case 400: "Bad Request"
  case 403: "Forbidden"
  case 404: "Not Found"
  case 405: "Method Not Allowed"
  case 429: "Too Many Requests"
  case 500: "Internal Server Error"
  case 503: "Service Unavailable"
  default: "Status"
  }
}
