/// Every sentence the matcher writes, in Thai and English side by side: one table, so the two
/// languages say the same thing.
enum MatchPhrase {
  // why: one sentence per verdict
  case passFound(title: String, url: String, said: String?)
  case passChannelOffsite(title: String, host: String)
  case passWithActivity(title: String, activity: String, said: String)
  case activityWithoutDocument(activity: String)
  case offsiteUnchecked(title: String, host: String)
  case stale(title: String, reason: StaleReason, said: String, fy: Int)
  case unsure(title: String, reason: UnsureReason, said: String, fy: Int)
  case noDate(title: String, fy: Int)
  case emptyPage(title: String, said: String)
  case lastModifiedOnly(title: String, date: String)
  case yearHintOnly(title: String, year: Int)
  case unseen(url: String, reason: String)
  case broken(url: String, problem: String)
  case missing
  case couldNotSee(facts: [String])
  case monthsAll(count: Int, first: String, last: String)
  case monthsMissing(missing: [String], found: Int, required: Int)
  case monthsOffsite(missing: [String], host: String)
  case monthsNoneRequired(fy: Int)
  case monthsUnreadable(title: String)
  // items of several elements
  case elementsAll(names: [String])
  case elementsMissing(found: [String], missing: [String], details: [(String, String)])
  case sharedLink(names: [String], url: String)
  // problems of a broken target
  case httpStatus(Int)
  case emptyFile
  case failed(error: String, message: String)
  // skip reasons of an unseen target
  case skipReason(String)
  case notReached
  // coverage facts
  case limitHit(String)
  case robotsBlocked(Int)
  case pagesFailed(Int)
  // evidence reasons
  case foundHubRow(page: String)
  case foundLink(page: String)
  case foundRow(page: String)
  case foundPageTitle
  case foundFileName(page: String)
  case foundOffsite(page: String)
  case dateFrom(DateSource, said: String)
  case noDateRead
  // report notes
  case crawlIncomplete(facts: [String])
  case lowConfidence(codes: [String])
  case notRequired(families: [String], year: Int)
  case weighting

  func text(_ lang: ReportLanguage) -> String {
    let th = lang == .th
    switch self {
    case .passFound(let title, let url, let said):
      // The dating words, unless the title already shows them.
      let when = said.flatMap { title.contains($0) ? nil : " (\"\($0)\")" } ?? ""
      return th ? "พบ \"\(title)\"\(when) ที่ \(url)" : "Found \"\(title)\"\(when) at \(url)."
    case .passChannelOffsite(let title, let host):
      return th
        ? "พบช่องทาง \"\(title)\" ที่ \(host) นอกเว็บไซต์ ซึ่งไม่ได้เปิดตรวจ ถือว่ามีช่องทาง"
        : "The channel \"\(title)\" is off-site at \(host) and was not fetched; counted as present."
    case .passWithActivity(let title, let activity, let said):
      return th
        ? "พบ \"\(title)\" และกิจกรรม \"\(activity)\" (\"\(said)\") ในปีงบประมาณนี้"
        : "Found \"\(title)\" and the activity \"\(activity)\" (\"\(said)\") in this fiscal year."
    case .activityWithoutDocument(let activity):
      return th
        ? "พบกิจกรรม \"\(activity)\" แต่ไม่พบตัวเอกสารของข้อนี้ ต้องตรวจเอง"
        : "Found the activity \"\(activity)\" but not the item's document itself; check by hand."
    case .offsiteUnchecked(let title, let host):
      return th
        ? "หลักฐาน \"\(title)\" อยู่นอกเว็บไซต์ที่ \(host) และไม่ได้ตรวจ ผู้ประเมินอาจไม่รับ"
        : "Evidence \"\(title)\" is off-site at \(host) and was not checked; the assessor may not"
          + " accept it."
    case .stale(let title, let reason, let said, let fy):
      return th ? staleTH(title, reason, said, fy) : staleEN(title, reason, said, fy)
    case .unsure(let title, let reason, let said, let fy):
      return th ? unsureTH(title, reason, said, fy) : unsureEN(title, reason, said, fy)
    case .emptyPage(let title, let said):
      return th
        ? "\"\(title)\" เปิดไปที่หน้าที่เขียนว่า \"\(said)\" ต้องตรวจว่ามีเนื้อหาจริง"
        : "\"\(title)\" opens a page that says \"\(said)\"; check that it has real content."
    case .noDate(let title, let fy):
      return th
        ? "พบ \"\(title)\" แต่อ่านวันที่ไม่ได้ ต้องตรวจเองว่าเป็นของปีงบประมาณ \(fy)"
        : "Found \"\(title)\" but no date could be read; check by hand that it belongs to FY\(fy)."
    case .lastModifiedOnly(let title, let date):
      return th
        ? "\"\(title)\" มีเพียงวันที่แก้ไขไฟล์จากเซิร์ฟเวอร์ (\(date)) ซึ่งยืนยันช่วงเวลาไม่ได้"
        : "Only the server's Last-Modified date (\(date)) dates \"\(title)\"; that is not enough."
    case .yearHintOnly(let title, let year):
      return th
        ? "มีเพียงชื่อไฟล์ของ \"\(title)\" ที่บอกใบ้ปี \(year) ซึ่งยืนยันช่วงเวลาไม่ได้"
        : "Only the file name of \"\(title)\" hints at the year \(year); that is not enough."
    case .unseen(let url, let reason):
      return th
        ? "ลิงก์ \(url) ไม่ได้ถูกเปิดตรวจ (\(reason))"
        : "The link \(url) was not fetched (\(reason))."
    case .broken(let url, let problem):
      return th ? "\(url) ใช้งานไม่ได้: \(problem)" : "\(url) does not work: \(problem)."
    case .missing:
      return th
        ? "ไม่พบลิงก์ หัวข้อ หรือไฟล์ใดบนเว็บไซต์ที่ตรงกับข้อนี้"
        : "No link, title or file on the site matches this item."
    case .couldNotSee(let facts):
      let list = facts.joined(separator: th ? ", " : "; ")
      return th
        ? "ไม่พบหลักฐาน แต่การสำรวจเว็บไซต์ไม่ครบ: \(list)"
        : "Nothing matched, but the crawl could not see everything: \(list)."
    case .monthsAll(let count, let first, let last):
      return th
        ? "มีครบทั้ง \(count) เดือนที่ต้องมี (\(first) ถึง \(last))"
        : "All \(count) required months are present (\(first) to \(last))."
    case .monthsMissing(let missing, let found, let required):
      return th
        ? "พบ \(found) จาก \(required) เดือน ขาดเดือน \(missing.joined(separator: ", "))"
        : "Found \(found) of \(required) months; missing \(missing.joined(separator: ", "))."
    case .monthsOffsite(let missing, let host):
      return th
        ? "ขาดเดือน \(missing.joined(separator: ", ")) บนเว็บไซต์ อาจอยู่ที่ \(host) ซึ่งไม่ได้ตรวจ"
        : "Months \(missing.joined(separator: ", ")) are not on the site; they may be off-site at"
          + " \(host), which was not checked."
    case .monthsNoneRequired(let fy):
      return th
        ? "ยังไม่มีเดือนใดของปีงบประมาณ \(fy) ที่ครบกำหนด"
        : "No month of FY\(fy) has ended yet."
    case .monthsUnreadable(let title):
      return th
        ? "พบ \"\(title)\" แต่อ่านเดือนจากชื่อลิงก์หรือชื่อไฟล์ไม่ได้"
        : "Found \"\(title)\" but no month could be read from its link texts or file names."
    case .elementsAll(let names):
      return th
        ? "พบครบทุกองค์ประกอบ: \(names.joined(separator: ", "))"
        : "Found every element: \(names.joined(separator: ", "))."
    case .elementsMissing(let found, let missing, let details):
      let list = MatchPhrase.list(missing, lang)
      let detail = details.map { name, why in " (\(name): \(why))" }.joined()
      if found.isEmpty {
        return th
          ? "ไม่พบหลักฐานที่ผ่านเกณฑ์ของ \(list) ข้อนี้ต้องมีครบทุกองค์ประกอบ\(detail)"
          : "No passing evidence of \(list); the item needs every element.\(detail)"
      }
      let have = MatchPhrase.list(found, lang)
      return th
        ? "พบ \(have) แต่ไม่พบหลักฐานที่ผ่านเกณฑ์ของ \(list) ข้อนี้ต้องมีครบทุกองค์ประกอบ\(detail)"
        : "Found \(have) but no passing evidence of \(list); the item needs every element.\(detail)"
    case .sharedLink(let names, let url):
      let list = MatchPhrase.list(names, lang)
      return th
        ? "ลิงก์เดียวกันระบุทั้ง \(list): \(url) ต้องตรวจว่าแสดงครบทุกองค์ประกอบ"
        : "One link is named for \(names.count > 2 ? "all of" : "both") \(list): \(url); check"
          + " that it shows each."
    case .httpStatus(let code):
      return th ? "ตอบกลับ HTTP \(code)" : "returned HTTP \(code)"
    case .emptyFile:
      return th ? "ไฟล์ว่าง (0 ไบต์)" : "the file is empty (0 bytes)"
    case .failed(let error, let message):
      return message.isEmpty ? error : "\(error): \(message)"
    case .skipReason(let reason):
      switch reason {
      case "robots": return th ? "robots.txt ไม่อนุญาต" : "blocked by robots.txt"
      default: return th ? "ถึงขีดจำกัดการสำรวจ \(reason)" : "crawl limit \(reason)"
      }
    case .notReached:
      return th ? "การสำรวจไปไม่ถึง" : "the crawl did not reach it"
    case .limitHit(let limit):
      return th ? "ถึงขีดจำกัด \(limit)" : "the crawl hit \(limit)"
    case .robotsBlocked(let n):
      return th ? "robots.txt ปิดกั้น \(n) path" : "robots.txt blocked \(n) paths"
    case .pagesFailed(let n):
      return th ? "เปิดไม่ได้ \(n) หน้า" : "\(n) pages failed"
    case .foundHubRow(let page):
      return th ? "แถวในหน้ารวม ITA \(page)" : "row of the ITA hub \(page)"
    case .foundLink(let page):
      return th ? "ข้อความลิงก์ในหน้า \(page)" : "link text on \(page)"
    case .foundRow(let page):
      return th ? "แถวตารางในหน้า \(page)" : "table row on \(page)"
    case .foundPageTitle:
      return th ? "ชื่อหรือหัวข้อของหน้านั้นเอง" : "the page's own title or heading"
    case .foundFileName(let page):
      return th ? "ชื่อไฟล์ของลิงก์ในหน้า \(page)" : "file name of a link on \(page)"
    case .foundOffsite(let page):
      return th ? "ลิงก์ออกนอกเว็บไซต์ในหน้า \(page)" : "off-site link on \(page)"
    case .dateFrom(let source, let said):
      return th
        ? "วันที่จาก\(sourceName(source, th: true)) \"\(said)\""
        : "date from the \(sourceName(source, th: false)) \"\(said)\""
    case .noDateRead:
      return th ? "ไม่มีวันที่ที่อ่านได้" : "no readable date"
    case .crawlIncomplete(let facts):
      return th
        ? "การสำรวจไม่ครบ (\(facts.joined(separator: ", "))): ข้อที่ไม่พบจะเป็น \"uncertain\" แทน"
          + " \"missing\""
        : "The crawl was incomplete (\(facts.joined(separator: "; "))): items not found are"
          + " \"uncertain\", not \"missing\"."
    case .lowConfidence(let codes):
      return th
        ? "ข้อ \(codes.joined(separator: ", ")) มีความเชื่อมั่นต่ำในเกณฑ์อ้างอิง"
          + " ควรตรวจกับคู่มือการประเมินของ ป.ป.ช."
        : "Items \(codes.joined(separator: ", ")) have low confidence in the reference; check"
          + " them against the NACC manual."
    case .notRequired(let families, let year):
      return th
        ? "ไม่ต้องมีในปี \(year): \(families.joined(separator: ", "))"
        : "Not required in \(year): \(families.joined(separator: ", "))."
    case .weighting:
      return th
        ? "คะแนนประมาณการถือว่าทุกข้อมีน้ำหนักเท่ากัน (ข้อละ 100 หรือ 0) เพราะ ป.ป.ช."
          + " ไม่ได้เผยแพร่น้ำหนักจริง"
        : "The estimate assumes equal weights (each item 100 or 0); the NACC does not publish"
          + " the true weighting."
    }
  }

  private func sourceName(_ s: DateSource, th: Bool) -> String {
    switch s {
    case .linkText: th ? "ข้อความลิงก์" : "link text"
    case .rowText: th ? "แถวตาราง" : "table row"
    case .fileName: th ? "ชื่อไฟล์" : "file name"
    case .pageTitle: th ? "ชื่อหรือหัวข้อของหน้า" : "page title or heading"
    case .pageLinks: th ? "รายการลิงก์ในหน้า" : "links listed on the page"
    case .pageText: th ? "เนื้อหาของหน้า" : "page text"
    case .fileNameHint: th ? "ตัวเลขปีในชื่อไฟล์" : "year digits in the file name"
    case .lastModified: th ? "Last-Modified ของเซิร์ฟเวอร์" : "server's Last-Modified"
    }
  }

  private func staleTH(_ title: String, _ r: StaleReason, _ said: String, _ fy: Int) -> String {
    switch r {
    case .olderYear(let y):
      "\"\(title)\" ล่าสุดเป็นของปี \(y) (\"\(said)\") ไม่อยู่ในช่วงที่กำหนดของปีงบประมาณ \(fy)"
    case .currentYearReport(let y):
      "\"\(title)\" เป็นรายงานของปีงบประมาณ \(y) (\"\(said)\") ไม่ใช่รายงานปีงบประมาณ \(y - 1)"
    case .partialYear:
      "\"\(title)\" ครอบคลุมเพียงบางส่วนของปีงบประมาณ \(fy - 1) (\"\(said)\") ไม่ใช่รายงานทั้งปี"
    case .spanEnded(let y):
      "\"\(title)\" (\"\(said)\") สิ้นสุดในปี \(y) ก่อนปีงบประมาณ \(fy)"
    }
  }

  private func staleEN(_ title: String, _ r: StaleReason, _ said: String, _ fy: Int) -> String {
    switch r {
    case .olderYear(let y):
      "The newest \"\(title)\" is from \(y) (\"\(said)\"), outside the window for FY\(fy)."
    case .currentYearReport(let y):
      "\"\(title)\" is a report for FY\(y) (\"\(said)\"), not the FY\(y - 1) report required."
    case .partialYear:
      "\"\(title)\" covers only part of FY\(fy - 1) (\"\(said)\"), not the whole year."
    case .spanEnded(let y):
      "\"\(title)\" (\"\(said)\") ended in \(y), before FY\(fy)."
    }
  }

  private func unsureTH(_ title: String, _ r: UnsureReason, _ said: String, _ fy: Int) -> String {
    switch r {
    case .multiYearSpan:
      "\"\(title)\" เป็นแผนหลายปี (\"\(said)\") ต้องตรวจว่ามีส่วนของปีงบประมาณ \(fy)"
    case .afterWindow(let y):
      "\"\(title)\" ระบุปี \(y) (\"\(said)\") ซึ่งอยู่หลังช่วงที่กำหนด ต้องตรวจเอง"
    case .afterAsOf:
      "\"\(title)\" ลงวันที่หลังวันตรวจ (\"\(said)\") จึงยังไม่ใช่กิจกรรมที่เกิดขึ้นแล้ว"
    case .labelWithoutSpan(let y):
      "\"\(title)\" ระบุเพียงปี \(y) (\"\(said)\") ไม่บอกช่วงปีของแผน ต้องตรวจว่าครอบคลุมปี \(fy)"
    }
  }

  /// Names as a list: "A and B", "A, B and C".
  static func list(_ names: [String], _ lang: ReportLanguage) -> String {
    let and = lang == .th ? " และ " : " and "
    guard let last = names.last, names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + and + last
  }

  private func unsureEN(_ title: String, _ r: UnsureReason, _ said: String, _ fy: Int) -> String {
    switch r {
    case .multiYearSpan:
      "\"\(title)\" is a multi-year plan (\"\(said)\"); check that it has a part for FY\(fy)."
    case .afterWindow(let y):
      "\"\(title)\" names \(y) (\"\(said)\"), after the window; check it by hand."
    case .afterAsOf:
      "\"\(title)\" is dated after the audit day (\"\(said)\"), so it has not happened yet."
    case .labelWithoutSpan(let y):
      "\"\(title)\" names only the year \(y) (\"\(said)\"), not its span; check that it covers"
        + " FY\(fy)."
    }
  }
}
