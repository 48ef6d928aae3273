import AuditCore
import Testing

struct ThaiTextTests {
  // MARK: matchKey, one normalisation step per row: (input, its key)

  @Test(arguments: [
    ("e\u{0301}", "é"),  // NFC composes
    ("ก\u{0E48}\u{0E38}", "ก\u{0E38}\u{0E48}"),  // Thai marks typed in either order
    ("ข่าว\u{200B}ประชา\u{200C}สัมพันธ์\u{FEFF}", "ข่าวประชาสัมพันธ์"),
    ("ข่าว\u{2060}ประชา\u{00AD}สัมพันธ์\u{200D}", "ข่าวประชาสัมพันธ์"),
    ("พ.ศ. ๒๕๖๘", "พ.ศ.2568"),
    ("เเละ", "และ"),
    ("น\u{0E49}\u{0E4D}\u{0E32}", "น้ำ"),  // ํ + า
    ("ทํางาน", "ทำงาน"),
    ("กฏหมาย", "กฎหมาย"),
    ("ถาม–ตอบ", "ถาม-ตอบ"), ("ถาม—ตอบ", "ถาม-ตอบ"), ("ถาม‐ตอบ", "ถาม-ตอบ"),
    ("ถาม−ตอบ", "ถาม-ตอบ"), ("ถาม‒ตอบ", "ถาม-ตอบ"),
    ("ข้อมูล ผู้บริหาร", "ข้อมูลผู้บริหาร"), ("ข้อมูล\u{00A0}ผู้บริหาร", "ข้อมูลผู้บริหาร"),
    ("ข้อมูล\n\t ผู้บริหาร\u{3000}", "ข้อมูลผู้บริหาร"),
    ("No Gift Policy", "nogiftpolicy"), ("NO GIFT POLICY", "nogiftpolicy"),
    ("พ.ศ..", "พ.ศ."), ("สขร...1", "สขร.1"), ("ถาม - - ตอบ", "ถาม-ตอบ"), ("ITA!!", "ita!"),
    ("Do’s & Don’ts", "do's&don'ts"),
    ("ＩＴＡ", "ita"),
    ("ข้อมูล\u{0007}ผู้บริหาร", "ข้อมูลผู้บริหาร"),
  ])
  func matchKeyStep(_ input: String, _ key: String) {
    #expect(ThaiText.matchKey(input) == key)
  }

  /// §7.3's misspellings and the right spelling share a key.
  @Test(arguments: [
    ("มาตราฐานการปฏิบัติงาน", "มาตรฐานการปฏิบัติงาน"),
    ("ความโปรงใส", "ความโปร่งใส"), ("ความโปรงใส่", "ความโปร่งใส"),
    ("ความโปร่งใน", "ความโปร่งใส"), ("คุณธรรมและความโปร่งใส่", "คุณธรรมและความโปร่งใส"),
    ("การบริหารทรัพยากรบุคล", "การบริหารทรัพยากรบุคคล"),
    ("แผนยุธศาสตร์", "แผนยุทธศาสตร์"),
    ("แผนพัฒนนาท้องถิ่น", "แผนพัฒนาท้องถิ่น"),
    ("ประมวลผลจริยธรรม", "ประมวลจริยธรรม"),
    ("ประกาศผู้ขนะการเสนอราคา", "ประกาศผู้ชนะการเสนอราคา"),
    ("พ.ศ.. 2568", "พ.ศ. 2568"),
    ("กฏหมายที่เกี่ยวข้อง", "กฎหมายที่เกี่ยวข้อง"),
    ("ข่าวสาร เเละ กิจกรรม", "ข่าวสารและกิจกรรม"),
    ("สรุปผลการจัดชื้อจัดจ้าง", "สรุปผลการจัดซื้อจัดจ้าง"),
    ("ประกาศเจตนารมย์", "ประกาศเจตนารมณ์"),
    ("มาตราการภายใน", "มาตรการภายใน"),
    ("devstratigy.html", "devstrategy.html"),
    ("intergrity", "integrity"), ("tranparency", "transparency"),
  ])
  func misspellingFolds(_ wrong: String, _ right: String) {
    #expect(ThaiText.matchKey(wrong) == ThaiText.matchKey(right))
  }

  @Test func wordsThatOnlyLookLikeMisspellingsStay() {
    #expect(ThaiText.matchKey("ทรัพยากรบุคลากร").hasSuffix("บุคลากร"))
    #expect(ThaiText.matchKey("ทรัพยากรบุคคล") == "ทรัพยากรบุคคล")
    #expect(ThaiText.matchKey("มาตรา 128") == "มาตรา128")
  }

  @Test(arguments: [
    "E-Service", "E–Service", "e-Service", "E-SERVICE", "eService", "E - Service", "e‐service",
    "E--Service", "ｅ-Service",
  ])
  func eServiceVariantsShareOneKey(_ variant: String) {
    #expect(ThaiText.matchKey(variant) == "eservice")
  }

  @Test func keyOfATermIsFoundInTheKeyOfAText() {
    let text = ThaiText.matchKey("ITA 2569 :  O10  ระบบการให้บริการผ่านช่องทางออนไลน์ (E–SERVICE)")
    #expect(text.contains(ThaiText.matchKey("E-Service")))
    #expect(text.contains(ThaiText.matchKey("ระบบการให้บริการ ผ่านช่องทางออนไลน์")))
    // A dash between Thai words is kept: ถาม-ตอบ is not ถามตอบ.
    #expect(ThaiText.matchKey("กระทู้ ถาม–ตอบ") == "กระทู้ถาม-ตอบ")
  }

  @Test(arguments: [
    "e\u{200B}\u{0301}xample", "E\u{0301}-Service", "ÉCOLE", "Ǆ", "Å", "\u{212B}ngström",
    "ข่าว\u{200B}ประชาสัมพันธ์ ๒๕๖๘", "ก\u{0E48}\u{200B}\u{0E38}", "เ เละ", "ํ า", "- - -",
    "e - - service", "ความโปรงใส่ใส่", "แผนพัฒนนานา", "ทรัพยากรบุคลล", "พ.ศ. . . 2568",
    "O1 : โครงสร้าง", "  \u{1B}[31m red  ", "ยุธศาสตร์ยุธศาสตร์", "Ｅ－Ｓｅｒｖｉｃｅ",
  ])
  func matchKeyIsIdempotent(_ s: String) {
    let once = ThaiText.matchKey(s)
    #expect(ThaiText.matchKey(once) == once)
  }

  // MARK: clean and arabicDigits

  @Test(arguments: [
    ("\u{1B}[31mข่าว\u{1B}[0m ประชาสัมพันธ์", "ข่าว ประชาสัมพันธ์"),
    ("\u{1B}[1;32mOK\u{1B}[m", "OK"),
    ("\u{1B}]0;title\u{07}text", "text"),
    ("a\u{0}b\u{7}c\u{7F}d\u{9F}e", "abcde"),
    ("  ข่าว \n\t ประชาสัมพันธ์  ", "ข่าว ประชาสัมพันธ์"),
    ("ข่าว\u{200B}สาร\u{FEFF}", "ข่าวสาร"),
    ("e\u{0301}", "é"),
    ("๒๕๖๘", "๒๕๖๘"),
    ("a\u{00A0}\u{00A0}b", "a b"),
    ("\n\n", ""),
  ])
  func clean(_ input: String, _ expected: String) {
    #expect(ThaiText.clean(input) == expected)
  }

  @Test func arabicDigitsChangesOnlyDigits() {
    #expect(ThaiText.arabicDigits("พ.ศ. ๒๕๖๘") == "พ.ศ. 2568")
    #expect(ThaiText.arabicDigits("๐๑๒๓๔๕๖๗๘๙") == "0123456789")
    #expect(ThaiText.arabicDigits("เเละ  E-Service") == "เเละ  E-Service")
  }

  // MARK: item codes

  @Test(arguments: [
    ("O1", "O1"), ("o1", "O1"), ("O01", "O1"), ("O1.", "O1"), ("O1 :", "O1"), ("(O1)", "O1"),
    ("OIT1", "O1"), ("OIT 3", "O3"), ("OIT-01", "O1"), ("oit_2", "O2"), ("ข้อ o1", "O1"),
    ("ข้อ 1", "O1"), ("ข้อO12", "O12"), ("014", "O14"), ("027", "O27"), ("01", "O1"),
    ("O10", "O10"), ("o๑๒", "O12"), (" O26 ", "O26"), ("[O5]", "O5"),
  ])
  func normalizeCode(_ input: String, _ code: String) {
    #expect(ThaiText.normalizeCode(input) == code)
  }

  @Test(arguments: [
    "MOIT 1", "EB1", "4.2", "1", "2569", "OIT2568", "OIT 2568", "O", "0", "00", "O0", "O100",
    "O1.1", "02-123-4567", "ITA", "", "ข้อ 4.2", "O 1", "PO1", "015 x",
  ])
  func normalizeCodeRejects(_ input: String) {
    #expect(ThaiText.normalizeCode(input) == nil)
  }

  @Test(arguments: [
    ("O12 รายงานสรุปผลการจัดซื้อจัดจ้าง", ["O12"]),
    ("ข้อ o1 โครงสร้าง", ["O1"]),
    ("(O3) ข้อมูลการติดต่อ", ["O3"]),
    ("014 แผนการบริหารและพัฒนาทรัพยากรบุคคล", ["O14"]),
    ("ข้อ 1 โครงสร้าง หน้าที่และอำนาจ", ["O1"]),
    ("OIT 3 ข้อมูลการติดต่อ", ["O3"]),
    ("O1.โครงสร้าง", ["O1"]),
    ("ITA 2569 O10 E-Service", ["O10"]),
    ("O11-O12 สขร.", ["O11", "O12"]),
    ("รายงาน O5 และ O5", ["O5"]),
    ("• o01 : โครงสร้าง", ["O1"]),
    ("O20การขับเคลื่อนนโยบาย NO GIFT POLICY", ["O20"]),
    ("MOIT 1 โครงสร้าง", []),
    ("EB1 การเปิดเผยข้อมูล", []),
    ("4.2 แผนงาน", []),
    ("OIT2568", []),
    ("ITA 2569", []),
    ("2569", []),
    ("02-123-4567", []),
    ("081-234-5678", []),
    ("โครงสร้าง 014", []),
    ("ข้อ 4.2 แผน", []),
    ("PO1 ใบสั่งซื้อ", []),
    ("O1.1 แผนผัง", []),
    ("ข้อมูลการติดต่อ 1 ช่องทาง", []),
  ])
  func itemCodes(_ text: String, _ codes: [String]) {
    #expect(ThaiText.itemCodes(in: text) == codes)
  }
}
