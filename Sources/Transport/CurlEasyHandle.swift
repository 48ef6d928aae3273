internal import CCurl

let curlGlobalInit: Void = {
  // > This function must be called at least once within a program before the program calls any
  // > other function in libcurl. https://curl.se/libcurl/c/curl_global_init.html
  _ = curl_global_init(Int(CURL_GLOBAL_ALL))
}()

/// A libcurl easy handle, freed with this object. Only the curl thread may use it.
final class CurlEasyHandle {
  let raw: UnsafeMutableRawPointer
  private var lists: [UnsafeMutablePointer<curl_slist>] = []

  init() throws(FetchError) {
    guard let raw = curl_easy_init() else {
      throw FetchError(kind: .other, message: "curl_easy_init failed")
    }
    self.raw = raw
  }

  deinit {
    curl_easy_cleanup(raw)
    for list in lists { curl_slist_free_all(list) }
  }

  func set(_ option: CURLoption, _ value: Int) throws(FetchError) {
    try curlCheck(ccurl_easy_setopt_long(raw, option, value), option)
  }

  func set(_ option: CURLoption, _ value: String) throws(FetchError) {
    // > The application does not have to keep the string around after setting this option.
    // > https://curl.se/libcurl/c/curl_easy_setopt.html
    try curlCheck(ccurl_easy_setopt_str(raw, option, value), option)
  }

  func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(FetchError) {
    try curlCheck(ccurl_easy_setopt_ptr(raw, option, pointer), option)
  }

  func set(_ option: CURLoption, callback: ccurl_data_callback) throws(FetchError) {
    try curlCheck(ccurl_easy_setopt_callback(raw, option, callback), option)
  }

  /// Sets a header list; the list lives as long as this handle, as libcurl requires.
  func set(headers: [String]) throws(FetchError) {
    var list: UnsafeMutablePointer<curl_slist>? = nil
    for header in headers { list = curl_slist_append(list, header) }
    guard let list else { return }
    lists.append(list)
    try curlCheck(ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, list), CURLOPT_HTTPHEADER)
  }

  var responseCode: Int {
    var code = 0
    _ = ccurl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
    return code
  }

  var totalSeconds: Double {
    var micros: curl_off_t = 0
    _ = ccurl_easy_getinfo_off(raw, CURLINFO_TOTAL_TIME_T, &micros)
    return Double(micros) / 1_000_000
  }
}

@available(*, unavailable) extension CurlEasyHandle: Sendable {}  // on purpose: one thread only

func curlCheck(_ code: CURLcode, _ option: CURLoption) throws(FetchError) {
  guard code != CURLE_OK else { return }
  let text = String(cString: curl_easy_strerror(code))
  throw FetchError(kind: .other, message: "curl_easy_setopt(\(option.rawValue)): \(text)")
}

/// Maps a finished transfer's CURLcode to our error kinds, keeping curl's text.
func fetchError(code: CURLcode, detail: String) -> FetchError {
  let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
  let kind: FetchError.Kind
  switch code {
  case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .dns
  case CURLE_COULDNT_CONNECT: kind = .connect
  case CURLE_OPERATION_TIMEDOUT: kind = .timeout
  case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
    CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
    kind = .tls
  case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
    CURLE_HTTP2, CURLE_HTTP2_STREAM:
    kind = .reset
  case CURLE_URL_MALFORMAT: kind = .badURL
  // Every URL is checked to be http(s) before it gets here, so curl's "unsupported protocol"
  // means the reply: "Received HTTP/0.9 when not allowed".
  case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY: kind = .badResponse
  case CURLE_BAD_CONTENT_ENCODING: kind = .other
  default: kind = .other
  }
  return FetchError(kind: kind, message: text)
}
