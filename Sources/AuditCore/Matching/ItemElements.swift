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
  /// verdict of all the elements' terms together (`whole`, as `also-families` would give),
  /// except that it can never be `pass` there.
  func verdict(elements: [ItemResult], whole: ItemResult) -> ItemResult {
    let names = self.names
    let found = zip(names, elements).filter { $0.1.status == .pass }
    let notFound = zip(names, elements).filter { $0.1.status != .pass }
    let evidence = zip(names, elements).flatMap { name, part in
      part.evidence.map { e in
        var e = e
        e.reason = name + ": " + e.reason
        return e
      }
    }
    if notFound.isEmpty {
      var out = whole
      out.status = .pass
      out.why = MatchPhrase.elementsAll(names: names).text(language)
      out.evidence = evidence
      out.monthsFound = elements.first?.monthsFound
      out.monthsMissing = elements.first?.monthsMissing
      return out
    }
    // An element that failed for a reason of its own (stale, broken, off-site...) says why;
    // one with nothing at all is just named.
    let details = notFound.filter { $0.1.status != .missing }.map { ($0.0, $0.1.why) }
    let why = MatchPhrase.elementsMissing(
      found: found.map(\.0), missing: notFound.map(\.0), details: details)
    if !found.isEmpty {
      var out = whole
      out.status = .uncertain
      out.why = why.text(language)
      out.evidence = evidence
      out.monthsFound = nil
      out.monthsMissing = nil
      return out
    }
    guard whole.status == .pass else { return whole }
    // The terms together found something no element accepts (an exclusion of a required
    // element's family): doubt, never a pass.
    var out = whole
    out.status = .uncertain
    out.why = why.text(language)
    return out
  }
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
