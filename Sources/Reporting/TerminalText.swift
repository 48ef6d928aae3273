import AuditCore
import Foundation

/// Terminal-safe text: crawled strings are hostile, so control characters and escape sequences
/// are removed before they reach a terminal; widths are counted as a terminal draws Thai.
public enum TerminalText {
  /// Crawled text made safe for a terminal: ThaiText.clean already drops controls (ESC, so no
  /// ANSI sequence survives), bidi overrides and zero-width characters.
  public static func safe(_ s: String) -> String { ThaiText.clean(s) }

  /// Whether to colour: only when writing to a terminal, and never when NO_COLOR is set (to
  /// anything, even empty: https://no-color.org).
  public static func colorAllowed(isTerminal: Bool, environment: [String: String]) -> Bool {
    isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
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
      || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60)
      || (v >= 0x20000 && v <= 0x3FFFD)
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
