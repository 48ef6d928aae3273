// Fuzzes the Thai and English date reader that runs on every crawled page's text, and the year
// hint read from file names. The input is decoded as UTF-8 (invalid bytes repaired), as page
// text always is by then.
import AuditCore
import FuzzCheck

/// CE years a mention can name: BE 2400–2999 and CE 1900–2200, widened by fiscal-year starts.
private let plausibleYears = 1856...2457

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThaiDates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
  for mention in ThaiDates.find(in: text) {
    fuzzCheck(mention.start <= mention.end, "\(mention) ends before it starts")
    fuzzCheck(
      plausibleYears.contains(mention.start.year) && plausibleYears.contains(mention.end.year),
      "\(mention) has a year out of range")
    fuzzCheck(
      Day(year: mention.start.year, month: mention.start.month, day: mention.start.day) != nil
        && Day(year: mention.end.year, month: mention.end.month, day: mention.end.day) != nil,
      "\(mention) holds an impossible day")
    fuzzCheck(!mention.text.isEmpty, "\(mention) has no text")
    fuzzCheck(
      text.utf8.firstRange(of: mention.text.utf8) != nil, "\(mention)'s text is not in the input")
    _ = mention.fiscalYears
  }
  if let hint = ThaiDates.yearHint(inFileName: text) {
    fuzzCheck((2540...2600).contains(hint), "year hint \(hint) out of range")
  }
  return 0
}
