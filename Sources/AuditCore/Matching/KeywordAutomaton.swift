/// Finds which of many keys occur in a text, in one pass over its UTF-8 bytes (Aho–Corasick).
///
/// The matcher tests every term and exclusion of every item against every title, link text and
/// file name of a snapshot; one pass per text keeps a 20,000-page snapshot within a second.
/// Bytes that occur in no key share class 0, so the transition table stays small.
struct KeywordAutomaton: Sendable {
  private let byteClass: [Int32]
  private let classCount: Int
  private let delta: [Int32]
  private let outputs: [[Int32]]
  private let hasOutput: [Bool]

  /// Keys are already matching keys; an empty key never matches (it would match everything).
  init(keys: [String]) {
    var byteClass = [Int32](repeating: 0, count: 256)
    var classCount = 1
    for key in keys {
      for b in key.utf8 where byteClass[Int(b)] == 0 {
        byteClass[Int(b)] = Int32(classCount)
        classCount += 1
      }
    }
    var goto = [Int32](repeating: -1, count: classCount)
    var outputs: [[Int32]] = [[]]
    for (id, key) in keys.enumerated() where !key.isEmpty {
      var state = 0
      for b in key.utf8 {
        let slot = state * classCount + Int(byteClass[Int(b)])
        if goto[slot] < 0 {
          goto[slot] = Int32(outputs.count)
          outputs.append([])
          goto.append(contentsOf: repeatElement(-1, count: classCount))
        }
        state = Int(goto[slot])
      }
      outputs[state].append(Int32(id))
    }
    // Breadth-first: a state's failure target is always shallower, so it is complete already.
    var delta = goto
    var fail = [Int32](repeating: 0, count: outputs.count)
    var queue: [Int] = []
    for c in 0..<classCount {
      if delta[c] < 0 {
        delta[c] = 0
      } else {
        queue.append(Int(delta[c]))
      }
    }
    var head = 0
    while head < queue.count {
      let s = queue[head]
      head += 1
      let f = Int(fail[s])
      outputs[s].append(contentsOf: outputs[f])
      for c in 0..<classCount {
        let slot = s * classCount + c
        if goto[slot] >= 0 {
          let t = Int(goto[slot])
          fail[t] = delta[f * classCount + c]
          queue.append(t)
        } else {
          delta[slot] = delta[f * classCount + c]
        }
      }
    }
    self.byteClass = byteClass
    self.classCount = classCount
    self.delta = delta
    self.outputs = outputs
    self.hasOutput = outputs.map { !$0.isEmpty }
  }

  /// The ids of the keys found in `text` (a matching key), ascending, without repeats.
  func matches(in text: String) -> [Int32] {
    var state = 0
    var found: [Int32] = []
    for b in text.utf8 {
      state = Int(delta[state * classCount + Int(byteClass[Int(b)])])
      if hasOutput[state] { found.append(contentsOf: outputs[state]) }
    }
    if found.count > 1 {
      found.sort()
      var unique: [Int32] = []
      for id in found where unique.last != id { unique.append(id) }
      return unique
    }
    return found
  }
}
