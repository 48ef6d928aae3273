import Foundation
import Testing

@testable import AuditCore

/// The crawler writes records with `jsonLine`, not `JSONEncoder`: the lines must be valid JSON
/// that decodes to the same record, whatever the strings hold.
@Suite struct SnapshotRecordJSONTests {
  static let awkward = [
    "", "หน้าแรก", #"quote " and backslash \ and slash /"#, "line\nbreak\ttab\r\u{8}\u{C}",
    "\u{0}\u{1}\u{1F}\u{7F}", "\u{2028}\u{2029} 🙂 e\u{301}", "</script><!--",
  ]

  static let records: [SnapshotRecord] = {
    var out: [SnapshotRecord] = []
    for s in awkward {
      out.append(
        .page(
          PageFacts(
            url: "https://t.go.th/" + s, requestedURL: s.isEmpty ? nil : "https://t.go.th/old",
            status: 200, contentType: s.isEmpty ? nil : "text/html; charset=\"utf-8\"",
            charset: "utf-8", title: s, headings: [s, "h2"], text: s + " ข้อความ",
            links: [
              PageLink(url: "https://t.go.th/a", text: s, region: .nav),
              PageLink(
                url: "https://t.go.th/b", text: "b", region: .main, rowText: s, title: s),
            ],
            dates: [s], lastModified: s.isEmpty ? nil : s, depth: 3)))
      out.append(
        .attachment(
          AttachmentFacts(
            url: "https://t.go.th/a.pdf", status: 200, contentType: s, size: s.isEmpty ? nil : -1,
            lastModified: nil, linkTexts: [s], referrers: [s, s])))
      out.append(
        .failure(
          FailureFacts(
            url: s, error: "http", message: s, status: s.isEmpty ? nil : 404, referrers: [],
            isAttachment: !s.isEmpty)))
      out.append(.offsite(OffsiteLink(url: s, text: s, page: s, rowText: s.isEmpty ? nil : s)))
      out.append(.skipped(SkippedFacts(url: s, reason: "robots")))
      out.append(.redirect(RedirectFacts(from: s, to: s + "/", status: 301)))
    }
    out.append(.page(PageFacts(url: "https://t.go.th/", status: 200)))
    return out
  }()

  @Test(arguments: records.indices)
  func decodesToTheSameRecord(_ index: Int) throws {
    let record = Self.records[index]
    let line = record.jsonLine
    #expect(line.last == 0x0A)
    #expect(line.dropLast().contains(0x0A) == false)
    let body = Data(line.dropLast())
    #expect(try JSONDecoder().decode(SnapshotRecord.self, from: body) == record)
    // Valid JSON to any reader, and the same object JSONEncoder writes.
    let ours = try #require(try JSONSerialization.jsonObject(with: body) as? NSDictionary)
    let theirs = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? NSDictionary)
    #expect(ours == theirs)
  }

  @Test func leavesSlashesAndThaiAsTheyAre() {
    let line = SnapshotRecord.skipped(SkippedFacts(url: "https://t.go.th/ข่าว", reason: "robots"))
      .jsonLine
    #expect(
      String(decoding: line, as: UTF8.self)
        == #"{"type":"skipped","url":"https://t.go.th/ข่าว","reason":"robots"}"# + "\n")
  }

  @Test func escapesControlCharactersAsRFC8259Asks() {
    let line = SnapshotRecord.skipped(SkippedFacts(url: "a\"\\\n\u{1}\u{1F}", reason: "r")).jsonLine
    #expect(
      String(decoding: line, as: UTF8.self)
        == #"{"type":"skipped","url":"a\"\\\n\u0001\u001f","reason":"r"}"# + "\n")
  }

  /// Strings are scanned eight bytes at a time: an escape at every place in and across blocks.
  @Test func escapesAtEveryOffset() throws {
    for length in 1..<26 {
      for place in 0..<length {
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "ก"] {
          var scalars = Array(repeating: "x", count: length)
          scalars[place] = special
          let text = scalars.joined()
          let line = SnapshotRecord.skipped(SkippedFacts(url: text, reason: "r")).jsonLine
          let decoded = try JSONDecoder().decode(SnapshotRecord.self, from: Data(line.dropLast()))
          #expect(decoded == .skipped(SkippedFacts(url: text, reason: "r")))
        }
      }
    }
  }

  @Test func snapshotReaderReadsWrittenLines() throws {
    let header =
      #"{"schema":"oitcheck.snapshot/1","startURL":"https://t.go.th/","options":{},"#
      + #""version":"0.1.0","startedAt":"2026-03-31T02:00:00Z","endedAt":"2026-03-31T02:10:00Z","#
      + #""coverage":{"pagesFetched":1,"pagesFailed":0,"attachmentsChecked":1,"limitsHit":[],"#
      + #""robotsBlocked":[],"notes":[]}}"# + "\n"
    var data = Data(header.utf8)
    for record in Self.records { data.append(contentsOf: record.jsonLine) }
    let snapshot = try SnapshotReader.parse(data, path: "test.jsonl")
    #expect(snapshot.pages.count == Self.awkward.count + 1)
    #expect(snapshot.redirects.map(\.from) == Self.awkward)
  }
}
