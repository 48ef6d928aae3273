import AuditCore
import Foundation

/// Terminal-safe text: crawled strings are hostile, so control characters and escape sequences
/// are removed before they reach a terminal; widths are counted as a terminal draws Thai.
public enum TerminalText {
  /// Removes C0/C1 controls (ESC included, so no ANSI sequence survives) and collapses spaces.
  public static func safe(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var lastSpace = false
    for scalar in s.unicodeScalars {
      let v = scalar.value
      if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x200B || v == 0xFEFF || (v >= 0x202A && v <= 0x202E)
        || (v >= 0x2066 && v <= 0x2069)
      {
        // Controls and bidi overrides: a page must not be able to rewrite the terminal.
        if !lastSpace && v != 0x200B && v != 0xFEFF {
          out.append(" ")
          lastSpace = true
        }
        continue
      }
      lastSpace = scalar == " "
      out.append(scalar)
    }
    return String(out).trimmingCharacters(in: .whitespaces)
  }

  /// Columns a terminal uses: Thai above/below vowels and tone marks take none.
  public static func width(_ s: String) -> Int {
    var w = 0
    for scalar in s.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .enclosingMark, .format: continue
      default:
        w += scalar.properties.isEmojiPresentation || isWide(scalar.value) ? 2 : 1
      }
    }
    return w
  }

  static func isWide(_ v: UInt32) -> Bool {
    (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
      || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0x20000 && v <= 0x3FFFD)
  }

  /// Pads to `columns` display columns (never cuts).
  public static func pad(_ s: String, to columns: Int) -> String {
    let w = width(s)
    return w >= columns ? s : s + String(repeating: " ", count: columns - w)
  }

  /// Cuts to at most `columns` display columns, adding "…".
  public static func truncate(_ s: String, to columns: Int) -> String {
    guard width(s) > columns else { return s }
    var out = ""
    var w = 0
    for ch in s {
      let cw = width(String(ch))
      if w + cw > columns - 1 { break }
      out.append(ch)
      w += cw
    }
    return out + "…"
  }
}
