import Foundation
internal import CLibXML2

/// Reads sitemap files: `<urlset>` page lists and `<sitemapindex>` lists of further sitemaps,
/// plain or gzip-compressed. No network, no external entities, no DTD.
public enum SitemapParser {
  public struct Result: Sendable, Equatable {
    public var pages: [String] = []
    public var sitemaps: [String] = []
  }

  /// Decompressed sitemaps larger than this are cut (the protocol's own limit is 50 MB).
  public static let maxBytes = 50 * 1024 * 1024
  public static let maxEntries = 50_000

  public static func parse(_ body: [UInt8]) -> Result {
    let xml = body.starts(with: [0x1F, 0x8B]) ? gunzip(body, limit: maxBytes) : body
    var result = Result()
    let options = Int32(
      XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
    xml.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        guard let doc = xmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, nil, options)
        else { return }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return }
        let isIndex = localName(root) == "sitemapindex"
        var entry = root.pointee.children
        while let e = entry, result.pages.count + result.sitemaps.count < maxEntries {
          var child = e.pointee.children
          while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, localName(c) == "loc" {
              let loc = textOf(c).trimmingCharacters(in: .whitespacesAndNewlines)
              if !loc.isEmpty {
                if isIndex { result.sitemaps.append(loc) } else { result.pages.append(loc) }
              }
            }
            child = c.pointee.next
          }
          entry = e.pointee.next
        }
      }
    }
    return result
  }

  static func localName(_ node: xmlNodePtr) -> String {
    guard let name = node.pointee.name else { return "" }
    return String(cString: name)
  }

  static func textOf(_ node: xmlNodePtr) -> String {
    guard let content = xmlNodeGetContent(node) else { return "" }
    defer { cxml_free(content) }
    return String(cString: content)
  }

  /// Inflates gzip data up to `limit` bytes; what is past the limit or after an error is dropped.
  static func gunzip(_ data: [UInt8], limit: Int) -> [UInt8] {
    var stream = z_stream()
    guard cz_inflate_init_gzip(&stream) == Z_OK else { return [] }
    defer { inflateEnd(&stream) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var input = data
    input.withUnsafeMutableBufferPointer { inBuffer in
      stream.next_in = inBuffer.baseAddress
      stream.avail_in = UInt32(inBuffer.count)
      while out.count < limit {
        let status = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
          stream.next_out = outBuffer.baseAddress
          stream.avail_out = UInt32(outBuffer.count)
          return inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        out.append(contentsOf: chunk[0..<min(produced, limit - out.count)])
        if status != Z_OK { break }
      }
    }
    return out
  }
}
