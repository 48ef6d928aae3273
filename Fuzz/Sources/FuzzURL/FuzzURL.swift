// Fuzzes URL parsing, link resolution and canonical percent-encoding. The properties are the
// ones the crawler's frontier relies on: one page, one key, so a canonical URL must parse back
// to itself and encoding twice must change nothing.
import Extraction
import FuzzCheck

private let bases = [
  "https://www.tambon-example.go.th/ข่าว/index.php?id=1",
  "http://example.go.th:8080/a/b/c/d;p?q",
  "https://อบต.ตัวอย่าง.go.th/",
].compactMap { WebURL(string: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzURL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
  fuzzCheck(bases.count == 3, "a base URL does not parse")

  var found: [WebURL] = []
  if let url = WebURL(string: text) { found.append(url) }
  for base in bases {
    if let url = base.resolve(text) { found.append(url) }
  }
  for url in found {
    let again = WebURL(string: url.description)
    fuzzCheck(again == url, "\(url) re-parses as \(again.map(\.description) ?? "nil")")
    fuzzCheck(url.scheme == "http" || url.scheme == "https", "scheme \(url.scheme)")
    fuzzCheck(url.path.hasPrefix("/"), "path \(url.path) lacks its slash")
    fuzzCheck(!url.host.isEmpty, "empty host in \(url)")
    fuzzCheck(
      (url.path + (url.query ?? "")).utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F },
      "path or query of \(url) is not printable ASCII")
    _ = url.fileName
    _ = url.fileExtension
    _ = url.siteHost
  }

  for isQuery in [false, true] {
    let once = WebURL.canonicalEncode(text, isQuery: isQuery)
    fuzzCheck(
      WebURL.canonicalEncode(once, isQuery: isQuery) == once, "encoding \(once) is not stable")
    fuzzCheck(once.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "encoded \(once) is not ASCII")
  }
  _ = WebURL.percentDecoded(text)
  return 0
}
