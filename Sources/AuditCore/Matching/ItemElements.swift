/// The verdict of an item that needs several elements, each found by its own family
/// (`requires` in the checklist; MATCHING.md §5a).
///
/// OIT scores an item 100 only when every required element is shown (OIT-REFERENCE §2), so one
/// element's evidence must never pass the whole item: each element is audited on its own, with
/// the item's freshness rule or the element's own, and the item passes only when all pass.
struct ItemElements {
  let item: ChecklistItem
  let families: [String: KeywordFamily]
  let language: ReportLanguage

  /// The element names in the report language, in element order; a family without names (only
  /// possible in hand-made families) is named by its id.
  var names: [String] {
    item.elementFamilies.map { ids in
      let family = ids.first.flatMap { families[$0] }
      let name = language == .th ? family?.nameTH : family?.nameEN
      return name ?? ids.first ?? item.family
    }
  }

  /// All elements pass: `pass`. Some pass: `uncertain`, naming the others. None passes: the
  /// status of the element that comes first in §5's order (stale, uncertain, broken, missing),
  /// so the verdict never says more than the elements do (MATCHING.md §5a).
  func verdict(elements: [ItemResult]) -> ItemResult {
    let names = self.names
    let found = zip(names, elements).filter { $0.1.status == .pass }
    let notFound = zip(names, elements).filter { $0.1.status != .pass }
    // Each element's evidence, its reason prefixed with the element's name; the same entry of
    // several elements (one link named for both) is listed once with all their names.
    var entries: [(names: [String], evidence: Evidence)] = []
    for (name, part) in zip(names, elements) {
      for e in part.evidence {
        if let i = entries.firstIndex(where: { $0.evidence == e }) {
          entries[i].names.append(name)
        } else {
          entries.append(([name], e))
        }
      }
    }
    let evidence = entries.map { names, e in
      var e = e
      e.reason = MatchPhrase.list(names, language) + ": " + e.reason
      return e
    }
    var out = elements[0]  // `elementAudits` always holds the item itself first
    out.evidence = evidence
    out.monthsFound = nil
    out.monthsMissing = nil
    if notFound.isEmpty {
      out.status = .pass
      out.why = MatchPhrase.elementsAll(names: names).text(language)
      out.monthsFound = elements.first?.monthsFound
      out.monthsMissing = elements.first?.monthsMissing
      return out
    }
    // §5's order across elements: stale, then open (uncertain with a candidate), then broken,
    // then nothing found (missing, or uncertain when the crawl could not see everything: only
    // these results come without evidence). The deciding element says why first.
    func rank(_ r: ItemResult) -> Int {
      if r.evidence.isEmpty { return 3 }
      switch r.status {
      case .stale: return 0
      case .broken: return 2
      default: return 1
      }
    }
    let failed = notFound.enumerated().sorted {
      (rank($0.1.1), $0.0) < (rank($1.1.1), $1.0)
    }.map(\.1)
    // An element that failed for a reason of its own (stale, broken, off-site, shared...) says
    // why; one with nothing at all is just named. Elements failing for the same reason (one
    // link named for both) are named together.
    var details: [([String], String)] = []
    for (name, part) in failed where part.status != .missing {
      if let i = details.firstIndex(where: { $0.1 == part.why }) {
        details[i].0.append(name)
      } else {
        details.append(([name], part.why))
      }
    }
    let why = MatchPhrase.elementsMissing(
      found: found.map(\.0), missing: notFound.map(\.0),
      details: details.map { (MatchPhrase.list($0.0, language), $0.1) })
    if !found.isEmpty {
      out.status = .uncertain
      out.why = why.text(language)
      return out
    }
    let first = failed[0].1
    out.status = first.status
    // Every element failed alike (all missing, the crawl could not see, one shared link): its
    // own why says it all.
    let alike = elements.allSatisfy { $0.status == first.status && $0.why == first.why }
    out.why = alike ? first.why : why.text(language)
    return out
  }
}

/// What the audit of one element knows of the item's other elements (MATCHING.md §5a).
struct ElementContext {
  struct Peer {
    /// The element's index in the item.
    var element: Int
    /// Its key set's position in the masks.
    var position: Int
    var hintWords: [String]
  }
  /// This element's index in the item.
  var index: Int
  var peers: [Peer]
  /// Every element's name and window, by index.
  var names: [String]
  var freshness: [FreshnessRule]
}

extension ChecklistItem {
  /// The item as each element is audited: the first element is the item itself; a further
  /// element has its own window when the checklist gives one, and in a `channel` item it is a
  /// document or page, so an off-site link does not pass it unfetched (only the channel itself
  /// may be off-site).
  var elementAudits: [ChecklistItem] {
    [self]
      + requires.map { id in
        var part = self
        if part.evidence == .channel { part.evidence = .document }
        part.freshness = elementFreshness[id] ?? freshness
        return part
      }
  }
}
