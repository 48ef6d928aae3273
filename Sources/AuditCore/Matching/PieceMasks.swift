/// For every indexed piece of text, which items it names, which it rules out, and which it
/// hints at by file name: bit sets over the checklist's items, so per-item tests are bit tests.
struct PieceMasks {
  let words: Int
  private var term: [UInt64]
  private var exclude: [UInt64]
  private var hint: [UInt64]
  /// Per item, the link contexts whose pieces name it or hint at it.
  private(set) var contextsByItem: [[Int]]

  init(index: SnapshotIndex, keys: [ItemKeys], patternCount: Int) {
    let words = max(1, (keys.count + 63) / 64)
    self.words = words
    var termOf = [UInt64](repeating: 0, count: patternCount * words)
    var excludeOf = termOf
    var hintOf = termOf
    for (item, k) in keys.enumerated() {
      let w = item / 64
      let bit = UInt64(1) << UInt64(item % 64)
      for p in k.terms { termOf[Int(p) * words + w] |= bit }
      for p in k.excludes { excludeOf[Int(p) * words + w] |= bit }
      for p in k.hints { hintOf[Int(p) * words + w] |= bit }
    }
    let n = index.pieces.count
    term = [UInt64](repeating: 0, count: n * words)
    exclude = term
    hint = term
    for (i, piece) in index.pieces.enumerated() {
      for p in piece.hits {
        for w in 0..<words {
          term[i * words + w] |= termOf[Int(p) * words + w]
          exclude[i * words + w] |= excludeOf[Int(p) * words + w]
          hint[i * words + w] |= hintOf[Int(p) * words + w]
        }
      }
    }
    contextsByItem = Array(repeating: [], count: keys.count)
    for ci in index.hitContexts {
      let c = index.contexts[ci]
      for w in 0..<words {
        var any: UInt64 = 0
        for p in [c.text, c.title, c.row, c.file].compactMap({ $0 }) {
          any |= term[Int(p) * words + w] | hint[Int(p) * words + w]
        }
        while any != 0 {
          let b = any.trailingZeroBitCount
          contextsByItem[w * 64 + b].append(ci)
          any &= any - 1
        }
      }
    }
  }

  func names(_ piece: Int32, item: Int) -> Bool { test(term, piece, item) }
  func rulesOut(_ piece: Int32, item: Int) -> Bool { test(exclude, piece, item) }
  func hints(_ piece: Int32, item: Int) -> Bool { test(hint, piece, item) }

  private func test(_ bits: [UInt64], _ piece: Int32, _ item: Int) -> Bool {
    bits[Int(piece) * words + item / 64] & (UInt64(1) << UInt64(item % 64)) != 0
  }
}
