// Fuzzes the checklist loader (Yams' composer plus our node reader) with each input read both
// as a year's checklist, against the real shared families, and as a families file. Input that
// is not UTF-8 is skipped: the loader refuses it before parsing.
import AuditCore
import FuzzCheck

/// The shipped families, so that well-formed items get past the family checks.
private let families: [String: KeywordFamily] = {
  let repository = #filePath.split(separator: "/").dropLast(4).joined(separator: "/")
  do {
    return try ChecklistLoader.loadFamilies(path: "/" + repository + "/Checklists/families.yaml")
  } catch {
    fatalError("cannot load the shipped families: \(error)")
  }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChecklist(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let text = String(validating: fuzzBytes(data, size), as: UTF8.self) else { return 0 }
  let lineBreaks = text.utf8.count(where: { $0 == 0x0A || $0 == 0x0D })
  func checkPositions(_ error: ChecklistError) {
    guard case .invalid(let problems) = error else {
      fuzzCheck(false, "text input gave \(error)")
      return
    }
    fuzzCheck(!problems.isEmpty, "invalid with no problem")
    for p in problems {
      fuzzCheck(p.line >= 1 && p.column >= 1, "position below 1:1 in \(p)")
      fuzzCheck(p.line <= lineBreaks + 2, "line past the end in \(p)")
    }
  }

  do {
    let list = try ChecklistLoader.load(text: text, path: "fuzz.yaml", families: families)
    let codes = Set(list.items.map(\.code))
    fuzzCheck(codes.count == list.items.count, "duplicate item codes accepted")
    let indicators = Set(list.indicators.map(\.code))
    for item in list.items {
      fuzzCheck(indicators.contains(item.indicator), "\(item.code): unknown indicator accepted")
      fuzzCheck(families[item.family] != nil, "\(item.code): unknown family accepted")
    }
  } catch {
    checkPositions(error)
  }

  do {
    let loaded = try ChecklistLoader.loadFamilies(text: text, path: "fuzz-families.yaml")
    for (id, family) in loaded {
      fuzzCheck(id == family.id && !family.terms.isEmpty, "family \(id) accepted without terms")
    }
  } catch {
    checkPositions(error)
  }
  return 0
}
