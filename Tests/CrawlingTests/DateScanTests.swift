import AuditCore
import Foundation
import Testing

@testable import Crawling

/// The crawl lexes only the text around digits; it must find exactly what a scan of the whole
/// text finds.
struct DateScanTests {
  /// The plain reading: the whole title and head of the text through `ThaiDates.find`.
  static func wholeText(title: String, text: String) -> [String] {
    let head =
      text.utf8.count > DateScan.scanBytes
      ? String(decoding: text.utf8.prefix(DateScan.scanBytes), as: UTF8.self) : text
    var out: [String] = []
    for mention in ThaiDates.find(in: title + " \n " + head) {
      if out.count >= 50 { break }
      if !out.contains(mention.text) { out.append(mention.text) }
    }
    return out
  }

  static let prose = "โครงการพัฒนาชุมชนและสิ่งแวดล้อม ประชาสัมพันธ์ข่าวสารของเทศบาล "

  static func filler(scalars: Int) -> String {
    var s = ""
    while s.unicodeScalars.count < scalars { s += prose }
    return String(String.UnicodeScalarView(s.unicodeScalars.prefix(scalars)))
  }

  static let cases: [String] = {
    var texts = [
      "",
      "ไม่มีตัวเลขเลย " + filler(scalars: 3000),
      "ลงวันที่ 21 กันยายน 2569",
      "ประกาศ ณ วันที่ ๕ มี.ค. ๒๕๖๘ " + filler(scalars: 5000) + " ปีงบประมาณ 2568",
      "ตั้งแต่วันที่ 1 ตุลาคม 2567 ถึงวันที่ 30 กันยายน 2568 " + filler(scalars: 2000)
        + "คำสั่งที่ 123/2568 " + filler(scalars: 900) + "ปีการศึกษา 2567",
      "ITA 2569 " + filler(scalars: 7000) + "ไตรมาสที่ 2 " + filler(scalars: 150) + "ปีงบประมาณ 2568",
      "🙂🙂🙂" + String(repeating: "🙂", count: 2000) + " 12/03/2568 " + String(repeating: "😀", count: 2000)
        + "ครึ่งปีแรก " + "2567",
      (0..<60).map { "วันที่ \($0 % 28 + 1) มกราคม 25\(60 + $0 % 40) " + filler(scalars: 400) }.joined(),
    ]
    // A half or quarter without its own year takes one from up to 200 scalars ahead or 100
    // back: every distance around those reaches.
    for distance in stride(from: 0, through: 420, by: 15) {
      texts.append(filler(scalars: 2500) + "ครึ่งปีหลัง " + filler(scalars: distance) + " พ.ศ. 2568")
      texts.append(filler(scalars: 2500) + "ปี 2568 " + filler(scalars: distance) + " ไตรมาส 3")
      texts.append("รอบ 6 เดือน" + filler(scalars: distance) + "ต.ค. 67 - มี.ค. 68" + filler(scalars: 3000))
    }
    return texts
  }()

  @Test(arguments: cases.indices)
  func findsWhatTheWholeTextHolds(_ index: Int) {
    let text = DateScanTests.cases[index]
    for title in ["", "รายงานผลการดำเนินงาน ประจำปี 2568"] {
      #expect(DateScan.strings(title: title, text: text) == DateScanTests.wholeText(title: title, text: text))
    }
  }

  @Test func lexesOnlyTheStretchesAroundDigits() {
    let text = "วันที่ 1 ม.ค. 2568 " + DateScanTests.filler(scalars: 3000) + " 2569"
    let pieces = DateScan.pieces(title: "", text: text)
    #expect(pieces.count == 2)
    #expect(pieces.allSatisfy { $0.utf8.count < 2 * DateScan.contextBytes + 40 })
    #expect(DateScan.pieces(title: "หัวข้อ", text: DateScanTests.filler(scalars: 500)).isEmpty)
  }
}
