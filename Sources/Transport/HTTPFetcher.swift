import Foundation
internal import CCurl
import Synchronization

/// The Sendable front door to the curl thread: `fetch` from any task.
///
/// Connection limits are libcurl's (`CURLMOPT_MAX_TOTAL_CONNECTIONS`, `..._HOST_CONNECTIONS`); the
/// crawler schedules below them, these are the backstop. Call `shutdown()` when done.
public final class HTTPFetcher: Sendable {
  private let thread: CurlThread

  public init(maxConnections: Int = 8, maxPerHost: Int = 2) throws(FetchError) {
    CurlRuntime.initialize()
    thread = try CurlThread(maxConnections: maxConnections, maxPerHost: maxPerHost)
  }

  /// Performs one request. Cancelling the task aborts the transfer.
  public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
    let id = thread.nextID()
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        thread.submit(.start(id: id, request: request, continuation: continuation))
      }
    } onCancel: {
      thread.submit(.cancel(id: id))
    }
  }

  /// Stops the curl thread; transfers still running end with `.cancelled`.
  public func shutdown() { thread.stop() }

  deinit { thread.stop() }
}

typealias FetchContinuation = CheckedContinuation<Result<FetchResponse, FetchError>, Never>

enum CurlCommand: Sendable {
  case start(id: Int, request: FetchRequest, continuation: FetchContinuation)
  case cancel(id: Int)
}

/// One transfer in flight: the easy handle, its request and what has arrived so far.
/// Lives on the curl thread only.
final class Transfer {
  let id: Int
  let request: FetchRequest
  let easy: CurlEasyHandle
  let continuation: FetchContinuation
  var body: [UInt8] = []
  var headers: [String: String] = [:]
  var statusLine = ""
  var tooLarge = false
  var skippedBody = false
  /// libcurl writes its error text here; heap memory so its address is stable while curl holds it.
  let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

  init(id: Int, request: FetchRequest, continuation: FetchContinuation) throws(FetchError) {
    self.id = id
    self.request = request
    self.continuation = continuation
    self.easy = try CurlEasyHandle()
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
  }

  deinit { errorBuffer.deallocate() }

  /// True once headers show that the body is not markup and the request wants markup only.
  var shouldSkipBody: Bool {
    guard request.onlyMarkup else { return false }
    let type = (headers["content-type"] ?? "").lowercased()
    if type.isEmpty { return false }
    return !(type.contains("html") || type.contains("xml") || type.hasPrefix("text/"))
  }
}

/// The one thread that owns the multi handle. Each pass drains the inbox, runs
/// `curl_multi_perform`, collects finished transfers and waits in `curl_multi_poll`.
final class CurlThread: @unchecked Sendable {
  // @unchecked: `multi`, `active` and `handles` are touched only by the curl thread (after init);
  // other threads reach this object only through `inbox` (a Mutex) and `curl_multi_wakeup`, which
  // > can be called from any thread. https://curl.se/libcurl/c/curl_multi_wakeup.html
  private let multi: UnsafeMutableRawPointer
  private let inbox = Mutex<(commands: [CurlCommand], stopped: Bool)>(([], false))
  private let ids = Atomic<Int>(0)
  private var active: [Int: Transfer] = [:]
  private var handles: [UnsafeMutableRawPointer: Int] = [:]
  private let finished = DispatchSemaphore(value: 0)
  private let stopOnce = Mutex<Bool>(false)

  init(maxConnections: Int, maxPerHost: Int) throws(FetchError) {
    guard let multi = curl_multi_init() else {
      throw FetchError(kind: .other, message: "curl_multi_init failed")
    }
    self.multi = multi
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxPerHost)
    _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(maxConnections, 8))
    let thread = Thread { [self] in
      self.run()
      self.finished.signal()
    }
    thread.name = "oitcheck-curl"
    // Not stored: the Thread holds its block and so `self`; keeping it here made a cycle that
    // leaked both after `stop()` (LeakSanitizer, `make asan`). Foundation retains it while it runs.
    thread.start()
  }

  func nextID() -> Int { ids.add(1, ordering: .relaxed).newValue }

  func submit(_ command: CurlCommand) {
    let accepted = inbox.withLock { state -> Bool in
      if state.stopped { return false }
      state.commands.append(command)
      return true
    }
    if accepted {
      curl_multi_wakeup(multi)
    } else if case .start(_, _, let continuation) = command {
      continuation.resume(
        returning: .failure(FetchError(kind: .cancelled, message: "fetcher shut down")))
    }
  }

  func stop() {
    let first = stopOnce.withLock { done -> Bool in
      defer { done = true }
      return !done
    }
    guard first else { return }
    inbox.withLock { $0.stopped = true }
    curl_multi_wakeup(multi)
    finished.wait()
  }

  private func run() {
    var running: Int32 = 0
    while true {
      let (commands, stopped) = inbox.withLock { state in
        defer { state.commands.removeAll(keepingCapacity: true) }
        return (state.commands, state.stopped)
      }
      for command in commands { handle(command) }
      if stopped { break }
      curl_multi_perform(multi, &running)
      collectFinished()
      var ready: Int32 = 0
      curl_multi_poll(multi, nil, 0, active.isEmpty ? 1000 : 200, &ready)
    }
    for (_, transfer) in active {
      curl_multi_remove_handle(multi, transfer.easy.raw)
      transfer.continuation.resume(
        returning: .failure(FetchError(kind: .cancelled, message: "fetcher shut down")))
    }
    active.removeAll()
    handles.removeAll()
    curl_multi_cleanup(multi)
  }

  private func handle(_ command: CurlCommand) {
    switch command {
    case .start(let id, let request, let continuation):
      do {
        let transfer = try Transfer(id: id, request: request, continuation: continuation)
        try configure(transfer)
        active[id] = transfer
        handles[transfer.easy.raw] = id
        curl_multi_add_handle(multi, transfer.easy.raw)
      } catch {
        continuation.resume(returning: .failure(error))
      }
    case .cancel(let id):
      guard let transfer = active.removeValue(forKey: id) else { return }
      handles[transfer.easy.raw] = nil
      curl_multi_remove_handle(multi, transfer.easy.raw)
      transfer.continuation.resume(
        returning: .failure(FetchError(kind: .cancelled, message: "cancelled")))
    }
  }

  private func configure(_ t: Transfer) throws(FetchError) {
    let e = t.easy
    let r = t.request
    try e.set(CURLOPT_URL, r.url)
    try e.set(CURLOPT_NOSIGNAL, 1)
    try e.set(CURLOPT_PROTOCOLS_STR, "http,https")
    try e.set(CURLOPT_FOLLOWLOCATION, 0)
    try e.set(CURLOPT_CONNECTTIMEOUT, r.connectTimeoutSeconds)
    try e.set(CURLOPT_TIMEOUT, r.timeoutSeconds)
    try e.set(CURLOPT_USERAGENT, r.userAgent)
    // An empty string asks for every encoding this libcurl can decode (gzip, deflate, br, zstd);
    // the write callback then sees decoded bytes, so the body cap bounds decompressed size.
    try e.set(CURLOPT_ACCEPT_ENCODING, "")
    if let caFile = r.caFile { try e.set(CURLOPT_CAINFO, caFile) }
    if r.insecure {
      try e.set(CURLOPT_SSL_VERIFYPEER, 0)
      try e.set(CURLOPT_SSL_VERIFYHOST, 0)
    }
    if r.method == .head { try e.set(CURLOPT_NOBODY, 1) }
    if r.firstByteOnly { try e.set(CURLOPT_RANGE, "0-0") }
    try e.set(headers: r.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })
    try e.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(t.errorBuffer))
    // Passing the transfer unretained is safe: `active` holds it until curl_multi_remove_handle
    // returns, and libcurl calls back only during curl_multi_perform on this thread.
    let me = Unmanaged.passUnretained(t).toOpaque()
    try e.set(CURLOPT_WRITEDATA, pointer: me)
    try e.set(CURLOPT_HEADERDATA, pointer: me)
    try e.set(CURLOPT_WRITEFUNCTION, callback: writeCallback)
    try e.set(CURLOPT_HEADERFUNCTION, callback: headerCallback)
  }

  private func collectFinished() {
    var left: Int32 = 0
    while let message = curl_multi_info_read(multi, &left) {
      guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else {
        continue
      }
      let code = message.pointee.data.result
      guard let id = handles.removeValue(forKey: easy), let t = active.removeValue(forKey: id)
      else { continue }
      curl_multi_remove_handle(multi, easy)
      finish(t, code: code)
    }
  }

  private func finish(_ t: Transfer, code: CURLcode) {
    let seconds = t.easy.totalSeconds
    let status = t.easy.responseCode
    let version = t.statusLine.split(separator: " ").first.map(String.init) ?? "HTTP/1.1"
    if t.tooLarge && !t.request.keepPrefixAtCap {
      t.continuation.resume(
        returning: .failure(
          FetchError(
            kind: .bodyTooLarge, message: "body larger than \(t.request.maxBodyBytes) bytes")))
      return
    }
    if code == CURLE_OK || ((t.skippedBody || t.tooLarge) && code == CURLE_WRITE_ERROR) {
      var response = FetchResponse(
        url: t.request.url, status: status, headers: t.headers, body: t.body,
        bodySkipped: t.skippedBody, httpVersion: version, seconds: seconds)
      response.bodyTruncated = t.tooLarge
      t.continuation.resume(returning: .success(response))
      return
    }
    let detail = String(cString: t.errorBuffer)
    t.continuation.resume(returning: .failure(fetchError(code: code, detail: detail)))
  }
}

private let writeCallback: ccurl_data_callback = { data, size, count, user in
  guard let user, let data else { return 0 }
  let t = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
  let n = size * count
  if t.shouldSkipBody {
    t.skippedBody = true
    return 0  // curl aborts with CURLE_WRITE_ERROR: we wanted only the headers
  }
  if t.body.count + n > t.request.maxBodyBytes {
    t.tooLarge = true
    if t.request.keepPrefixAtCap {
      let room = t.request.maxBodyBytes - t.body.count
      data.withMemoryRebound(to: UInt8.self, capacity: room) { bytes in
        t.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: room))
      }
    }
    return 0  // curl aborts when we return less than it gave: this is the body cap
  }
  data.withMemoryRebound(to: UInt8.self, capacity: n) { bytes in
    t.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: n))
  }
  return n
}

/// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation for the usual ASCII
/// case: it ran for every header line of every response, on the one curl thread.
func trimmedHeaderText(_ s: Substring) -> String {
  let utf8 = s.utf8
  func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
  var start = utf8.startIndex
  var end = utf8.endIndex
  while start < end, isASCIISpace(utf8[start]) { start = utf8.index(after: start) }
  while end > start, isASCIISpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
  // Other Unicode spaces could sit at either end: leave those to Foundation.
  if start < end, utf8[start] >= 0x80 || utf8[utf8.index(before: end)] >= 0x80 {
    return s.trimmingCharacters(in: .whitespacesAndNewlines)
  }
  return String(s[start..<end])
}

private let headerCallback: ccurl_data_callback = { data, size, count, user in
  guard let user, let data else { return 0 }
  let t = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
  let n = size * count
  let line = data.withMemoryRebound(to: UInt8.self, capacity: n) { bytes in
    String(decoding: UnsafeBufferPointer(start: bytes, count: n), as: UTF8.self)
  }
  if line.hasPrefix("HTTP/") {
    // A new response (after 100 Continue, say): forget the previous one's headers.
    t.statusLine = trimmedHeaderText(line[...])
    t.headers.removeAll()
  } else if let colon = line.firstIndex(of: ":") {
    let name = line[..<colon].lowercased()
    let value = trimmedHeaderText(line[line.index(after: colon)...])
    if t.headers.count < 200 { t.headers[name] = value }
  }
  return n
}
