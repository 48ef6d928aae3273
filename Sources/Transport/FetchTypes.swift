/// One HTTP request. Redirects are never followed by libcurl: the crawler follows them itself so
/// that it can check scope and count hops.
public struct FetchRequest: Sendable, Hashable {
  public enum Method: String, Sendable, Hashable { case get = "GET", head = "HEAD" }

  public var url: String
  public var method: Method = .get
  /// `Range: bytes=0-0`, for servers that refuse HEAD on attachments.
  public var firstByteOnly = false
  public var headers: [String: String] = [:]
  /// Bytes of (decompressed) body kept at most; beyond it the transfer is aborted.
  public var maxBodyBytes = 5 * 1024 * 1024
  /// When set, a response whose Content-Type is not HTML or XML is cut after its headers: it is an
  /// attachment, and the crawler wants only its status, type and size.
  public var onlyMarkup = false
  public var connectTimeoutSeconds = 10
  public var timeoutSeconds = 30
  public var userAgent = "oitcheck"
  /// Skip TLS verification (`--insecure`).
  public var insecure = false
  /// Trust the certificate authorities in this PEM file instead of the system's.
  public var caFile: String?
  /// Past `maxBodyBytes`, end the transfer but answer with the first `maxBodyBytes` bytes
  /// (`bodyTruncated` set) instead of failing with `.bodyTooLarge`: for robots.txt.
  public var keepPrefixAtCap = false

  public init(url: String) { self.url = url }
}

/// What came back. Headers are lower-cased names; a repeated header keeps its last value.
public struct FetchResponse: Sendable, Hashable {
  public var url: String
  public var status: Int
  public var headers: [String: String]
  public var body: [UInt8]
  /// True when `onlyMarkup` cut the body because the response was not HTML or XML.
  public var bodySkipped: Bool
  /// True when `keepPrefixAtCap` cut the body at `maxBodyBytes`.
  public var bodyTruncated = false
  /// `HTTP/1.1`, `HTTP/2`.
  public var httpVersion: String
  public var seconds: Double

  public init(
    url: String, status: Int, headers: [String: String], body: [UInt8], bodySkipped: Bool = false,
    httpVersion: String = "HTTP/1.1", seconds: Double = 0
  ) {
    self.url = url
    self.status = status
    self.headers = headers
    self.body = body
    self.bodySkipped = bodySkipped
    self.httpVersion = httpVersion
    self.seconds = seconds
  }

  public var contentType: String? { headers["content-type"] }
  public var location: String? { headers["location"] }
}

/// Why a request produced no response. `message` is libcurl's own error text.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    case dns, connect, tls, timeout, reset, bodyTooLarge, badURL, cancelled, other
    /// The reply was not HTTP (HTTP/0.9, a garbled status line): often the leftover bytes of
    /// an earlier response whose Content-Length was too short, on a kept-alive connection.
    case badResponse
  }

  public var kind: Kind
  public var message: String

  public init(kind: Kind, message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { "\(kind.rawValue): \(message)" }

  /// Worth another try after a pause (a reset or a timeout, not a DNS or TLS failure). A bad
  /// response too: curl drops that connection, so the retry starts clean.
  public var isTransient: Bool {
    kind == .timeout || kind == .reset || kind == .connect || kind == .badResponse
  }
}
