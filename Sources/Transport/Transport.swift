// Transport: every HTTP request oitcheck makes goes through libcurl's multi interface here.
//
// Main types: `HTTPFetcher` (the Sendable front door: `fetch(_:)` from any task), `FetchRequest`,
// `FetchResponse`, `FetchError`. Behind it one `CurlThread` owns the multi handle and every easy
// handle in flight. Transport knows nothing of audits, robots.txt or scope: Crawling decides what
// to fetch and when; this module only does it, with the caps the request carries.

/// Whether libcurl is set up; `curl_global_init` must run once before any thread uses curl.
public enum CurlRuntime {
  /// Call once from `main` before the first `HTTPFetcher` is made.
  public static func initialize() {
    _ = curlGlobalInit
  }
}
