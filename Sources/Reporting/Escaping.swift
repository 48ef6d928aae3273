import AuditCore
import Foundation

/// Crawled text inside HTML: cleaned of controls, then every character that could open markup
/// or leave an attribute is an entity.
public enum HTMLText {
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in ThaiText.clean(s).unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "`": out += "&#96;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// An `href` value, or nil when the URL is not plain http(s): `javascript:` and `data:`
  /// links from a hostile page never become clickable.
  public static func href(_ url: String) -> String? {
    let u = ThaiText.clean(url)
    let lower = u.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
    return escape(u)
  }
}

/// Crawled text inside Markdown (e-mail, LINE, issue trackers): one line, with every character
/// that starts markup, a link, code or a table cell escaped by a backslash.
public enum MarkdownText {
  /// Characters that open markup anywhere in a line (CommonMark backslash-escapes them all);
  /// `(`, `)` and `!` need none once `[` and `]` are escaped.
  static let special: Set<Unicode.Scalar> = [
    "\\", "`", "*", "_", "[", "]", "|", "<", ">", "~", "&",
  ]
  /// Characters that start a heading, list or rule when they begin a line or a list item.
  static let leading: Set<Unicode.Scalar> = ["#", "+", "-", "="]

  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in ThaiText.clean(s).unicodeScalars {
      if special.contains(ch) || (out.isEmpty && leading.contains(ch)) { out += "\\" }
      out.unicodeScalars.append(ch)
    }
    return out
  }

  /// A link to an http(s) URL as `<url>` with the characters that could end it percent-encoded;
  /// any other URL is shown as escaped text.
  public static func link(_ url: String) -> String {
    let u = ThaiText.clean(url)
    let lower = u.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return escape(u) }
    var out = ""
    for ch in u.unicodeScalars {
      switch ch {
      case "<", ">", " ", "|", "`", "\\", "[", "]", "(", ")", "\"", "'":
        out += "%" + String(ch.value, radix: 16, uppercase: true)
      default: out.unicodeScalars.append(ch)
      }
    }
    return "<" + out + ">"
  }
}

/// CSV cells (RFC 4180) that Excel opens safely: no controls, no formulas, quotes doubled.
public enum CSVText {
  /// The byte-order mark that makes Excel read the file as UTF-8 (else Thai is mojibake).
  public static let byteOrderMark = "\u{FEFF}"

  public static func field(_ raw: String) -> String {
    // Tab and line breaks stay (quoted below); every other control and escape byte goes.
    var s = ""
    for ch in raw.unicodeScalars {
      let v = ch.value
      if v == 0x09 || v == 0x0A || v == 0x0D {
        s.unicodeScalars.append(ch)
      } else if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v)
      {
        continue
      } else {
        s.unicodeScalars.append(ch)
      }
    }
    // A cell starting like a formula is run by spreadsheets: an apostrophe makes it text.
    if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      s = "'" + s
    }
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// One CSV record ending in CRLF.
  public static func row(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\r\n"
  }
}
