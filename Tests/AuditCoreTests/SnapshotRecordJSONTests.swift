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

/// `PageRecordReader` reads page lines without `JSONDecoder`; whatever it accepts must decode
/// to what `JSONDecoder` gives, and whatever it does not expect it must leave to it (nil).
@Suite struct PageRecordReaderTests {
  static func fast(_ json: String) -> PageFacts? {
    Array(json.utf8).withUnsafeBufferPointer { PageRecordReader.page($0) }
  }

  static func slow(_ json: String) -> SnapshotRecord? {
    try? JSONDecoder().decode(SnapshotRecord.self, from: Data(json.utf8))
  }

  @Test(arguments: SnapshotRecordJSONTests.records.indices)
  func readsWhatJSONDecoderReads(_ index: Int) throws {
    let record = SnapshotRecordJSONTests.records[index]
    let json = String(decoding: record.jsonLine.dropLast(), as: UTF8.self)
    if case .page(let page) = record {
      #expect(Self.fast(json) == page)
    } else {
      #expect(Self.fast(json) == nil)  // other records go to JSONDecoder
    }
  }

  @Test(arguments: [
    // Escapes, a surrogate pair, nulls for optional fields, unknown keys of every JSON type.
    #"{"type":"page","url":"https:\/\/t.go.th\/\u0e01?a=\"1\"","status":200,"title":"\ud83d\ude00 \\ \n","links":[{"url":"u","text":"t","region":"nav","rowText":null}],"headings":null,"extra":{"a":[1,-2.5e3,true,null,"x"]},"depth":2}"#,
    #"{"type":"page","url":"u","status":404,"noFollow":false,"linkSets":[3,0],"dates":["1 ม.ค. 2569"]}"#,
    #"{ "type" : "page" , "url" : "u" , "status" : 200 , "links" : [ ] }"#,
  ])
  func agreesWithJSONDecoder(_ json: String) throws {
    let page = try #require(Self.fast(json))
    #expect(Self.slow(json) == .page(page))
  }

  @Test(arguments: [
    #"{"url":"u","type":"page","status":200}"#,  // type not first: JSONDecoder's job
    #"{"type":"page","url":"u","status":200.0}"#,  // a number form left to JSONDecoder
    #"{"type":"page","url":"u"}"#,  // status missing: an error JSONDecoder words
    #"{"type":"page","url":"u","status":200,"links":[{"url":"u","text":"t"}]}"#,  // no region
    #"{"type":"page","url":"u","status":200,"links":[{"url":"u","text":"t","region":"menu"}]}"#,
    #"{"type":"page","url":"u","status":200} x"#,  // trailing bytes
    #"{"type":"page","url":"\ud83d","status":200}"#,  // a lone surrogate
    #"{"type":"page","url":"\ud83d \ude00","status":200}"#,  // a pair split by a space
    "{\"type\":\"page\",\"url\":\"a\u{1}b\",\"status\":200}",  // a raw control character
    #"{"type":"page","url":"u","status":01}"#,  // a leading zero
    #"{"type":"page","url":"u","status":99999999999999999999}"#,  // too large
    #"{"type":"links","id":1,"links":[]}"#,
  ])
  func leavesTheUnexpectedToJSONDecoder(_ json: String) {
    #expect(Self.fast(json) == nil)
  }

  @Test func invalidUTF8IsLeftToJSONDecoder() {
    var bytes = Array(#"{"type":"page","url":"u","status":200,"title":"x"}"#.utf8)
    bytes[bytes.count - 3] = 0xFF
    #expect(bytes.withUnsafeBufferPointer { PageRecordReader.page($0) } == nil)
  }
}
