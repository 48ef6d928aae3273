import Foundation
import Testing

@testable import AuditCore

/// The repository root, found from this file so tests run from any working directory.
private let root = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
private let fixtures = root + "/Fixtures/checklists"
private let checklists = root + "/Checklists"

private func fixture(_ name: String) -> String { fixtures + "/" + name }

/// The small families the bad fixtures are written against, plus one family without terms.
private func smallFamilies() throws -> [String: KeywordFamily] {
  var families = try ChecklistLoader.loadFamilies(path: fixture("families-small.yaml"))
  families["bare"] = KeywordFamily(id: "bare", terms: [])
  return families
}

struct ChecklistLoaderTests {
  // MARK: - A valid file

  @Test func loadsEveryFieldOfAValidFile() throws {
    let list = try ChecklistLoader.load(path: fixture("good.yaml"), families: smallFamilies())
    #expect(list.id == "oit-2569")
    #expect(list.year == FiscalYear(be: 2569))
    #expect(list.title == "ชุดทดสอบ")
    #expect(list.sources == ["fixture"])
    #expect(list.indicators.map(\.code) == ["9.1", "9.3"])
    #expect(list.indicators[1].nameTH == "การจัดซื้อจัดจ้าง")
    #expect(list.indicators[1].nameEN == "Procurement")
    #expect(list.notRequired == ["laws"])
    #expect(list.path == fixture("good.yaml"))
    #expect(list.items.map(\.code) == ["O1", "O4", "O11"])

    let o1 = list.items[0]
    #expect(o1.titleTH == "โครงสร้าง หน้าที่และอำนาจ")
    #expect(o1.titleEN == "Structure, duties and powers")
    #expect(o1.unit == "สำนักปลัด")
    #expect(o1.family == "structure")
    #expect(o1.alsoFamilies == ["duties"])
    #expect(o1.terms == ["โครงสร้างส่วนราชการ"])
    #expect(o1.exclude == ["ปรับปรุงโครงสร้าง"])
    #expect(o1.evidence == .page)
    #expect(o1.freshness == FreshnessRule.none)
    #expect(o1.confidence == .high)
    #expect(o1.previousCode == "O1")

    // An unquoted 9.1 is a float to YAML; the loader keeps the text as written.
    #expect(list.items[1].indicator == "9.1")
    #expect(list.items[1].previousCode == nil)
    #expect(list.items[1].alsoFamilies.isEmpty)
    #expect(list.items[2].freshness == .monthlyElapsed(graceDays: 15))
    #expect(list.items[2].evidence == .document)
    #expect(list.items[2].confidence == .low)
  }

  /// `requires` lists further elements; `also-families` keeps its "any of" meaning beside it.
  @Test func loadsRequiredElements() throws {
    let text = """
      id: oit-2569
      year: 2569
      title: "ชุดทดสอบ"
      sources: ["fixture"]
      indicators:
        - {code: "9.1", th: "ข้อมูลพื้นฐาน", en: "Basic information"}
      items:
        - code: O1
          th: "โครงสร้าง หน้าที่และอำนาจ"
          en: "Structure, duties and powers"
          indicator: "9.1"
          unit: "สำนักปลัด"
          requirement: "แผนผังโครงสร้างและสรุปหน้าที่และอำนาจ"
          family: structure
          also-families: [news]
          requires:
            - duties
            - {family: structure-two, freshness: previous-fy}
          evidence: page
          freshness: none
          confidence: high
      """
    var families = try smallFamilies()
    families["structure-two"] = KeywordFamily(
      id: "structure-two", terms: ["ผังองค์กร"], nameTH: "ผังองค์กร", nameEN: "org chart")
    let list = try ChecklistLoader.load(text: text, path: "t.yaml", families: families)
    let o1 = try #require(list.items.first)
    #expect(o1.alsoFamilies == ["news"])
    #expect(o1.requires == ["duties", "structure-two"])
    #expect(o1.elementFamilies == [["structure", "news"], ["duties"], ["structure-two"]])
    #expect(o1.allFamilies == ["structure", "news", "duties", "structure-two"])
    // An element with a window of its own; the others keep the item's.
    #expect(o1.elementFreshness == ["structure-two": .previousFY])
    #expect(o1.elementAudits.map(\.freshness) == [.none, .none, .previousFY])
    // Files without the key load as before: one element.
    let good = try ChecklistLoader.load(path: fixture("good.yaml"), families: smallFamilies())
    #expect(good.items.allSatisfy { $0.requires.isEmpty && $0.elementFamilies.count == 1 })
  }

  @Test func loadsTheSmallFamilies() throws {
    let families = try ChecklistLoader.loadFamilies(path: fixture("families-small.yaml"))
    #expect(
      families.keys.sorted() == ["duties", "laws", "monthly-procurement", "news", "structure"])
    #expect(families["structure"]?.terms == ["โครงสร้างองค์กร", "แผนผังโครงสร้าง"])
    #expect(families["structure"]?.exclude == ["โครงสร้างพื้นฐาน"])
    #expect(families["structure"]?.urlHints == ["structure"])
    #expect(families["duties"]?.exclude == [])
    #expect(families["duties"]?.nameTH == "สรุปหน้าที่และอำนาจ")
    #expect(families["duties"]?.nameEN == "summary of duties")
    #expect(families["news"]?.nameTH == nil)
  }

  // MARK: - Every validation message, with its position

  static let cases: [(file: String, problems: [String])] = [
    (
      "unknown-keys.yaml",
      [
        "1:1: missing required key 'title' in the file",
        "3:1: unknown key 'titel' (did you mean 'title'?)",
        "6:65: unknown key 'colour'",
        "18:5: unknown key 'terns' (did you mean 'terms'?)",
      ]
    ),
    (
      "missing-keys.yaml",
      [
        "1:1: missing required key 'sources' in the file",
        "5:5: missing required key 'en' in indicator 9.1",
        "7:5: missing required key 'unit' in item O1",
        "7:5: missing required key 'confidence' in item O1",
      ]
    ),
    ("duplicate-code.yaml", ["28:11: duplicate item code 'O1' (first defined at line 8)"]),
    (
      "bad-code.yaml",
      [
        "8:11: item code 'o01' is not of the form O<number>, upper-case and unpadded"
          + " (did you mean 'O1'?)",
        "18:11: item code 'OIT3' is not of the form O<number>, upper-case and unpadded"
          + " (did you mean 'O3'?)",
        "28:11: item code 'Q5' is not of the form O<number>, upper-case and unpadded",
        "48:20: previous-code '004' is not of the form O<number>, upper-case and unpadded"
          + " (did you mean 'O4'?)",
      ]
    ),
    (
      "unknown-family.yaml",
      [
        "7:16: unknown family 'lawz' (did you mean 'laws'?)",
        "15:13: unknown family 'struture' (did you mean 'structure'?)",
        "19:21: unknown family 'dutys'",
        "30:21: 'news' is already the item's family",
      ]
    ),
    ("unknown-indicator.yaml", ["11:16: unknown indicator '9.6' (this file defines 9.1)"]),
    (
      "bad-requires.yaml",
      [
        "15:16: unknown family 'dutys'",
        "15:23: 'structure' is already the item's family: list only the further elements",
        "27:16: 'duties' is in 'also-families' (any one counts) and in 'requires' (each needed);"
          + " keep it in one",
        "27:30: 'laws' is listed twice in 'requires'",
        "37:13: family 'news' has no 'th' and 'en' names in families.yaml; an element of an item"
          + " needs them, since reasons name the element not found",
        "49:15: 'requires' is empty: remove the key or give at least one entry",
        "60:15: 'requires' must be a list, not text",
        "73:9: unknown key 'freshnes' (did you mean 'freshness'?)",
        "75:20: unknown freshness rule 'last-year' (expected one of: none, in-force, current-fy,"
          + " previous-fy, covers-fy, monthly-elapsed, current-fy-activity)",
        "76:9: missing required key 'family' in a required element",
      ]
    ),
    (
      "bad-freshness.yaml",
      [
        "16:16: unknown freshness rule 'monthly' (expected one of: none, in-force, current-fy,"
          + " previous-fy, covers-fy, monthly-elapsed, current-fy-activity)",
        "26:16: unknown freshness rule 'curent-fy' (did you mean 'current-fy'?)",
        "36:16: freshness 'monthly-elapsed' needs 'grace-days' (days allowed for posting a"
          + " month's summary)",
        "48:5: 'grace-days' applies only to freshness 'monthly-elapsed', not 'previous-fy'",
        "59:17: 'grace-days' must be a whole number of days from 0 to 90, not 'two weeks'",
      ]
    ),
    (
      "bad-values.yaml",
      [
        "15:15: bad evidence 'pdf' (expected one of: page, document, channel)",
        "17:17: bad confidence 'sure' (expected one of: high, medium, low)",
        "27:17: bad confidence 'hgh' (did you mean 'high'?)",
      ]
    ),
    (
      "item-no-terms.yaml",
      [
        "14:13: item O1 has no terms: its families give none and it adds none",
        "39:12: 'terms' is empty: remove the key or give at least one entry",
      ]
    ),
    (
      "syntax-error.yaml",
      [
        "5:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow"
          + " sequence at line 4, column 10)"
      ]
    ),
    (
      "syntax-tab.yaml",
      [
        "5:1: YAML syntax error: found a tab character that violates indentation (while"
          + " scanning a plain scalar at line 4, column 11)"
      ]
    ),
    ("duplicate-key.yaml", ["12:5: duplicate key 'unit'"]),
    ("empty.yaml", ["1:1: the file is empty"]),
    (
      "not-mapping.yaml",
      [
        "1:1: a checklist file must be a mapping with keys id, year, title, sources, indicators,"
          + " items; found a list"
      ]
    ),
    ("bad-year.yaml", ["2:7: year '69' is not a 4-digit Buddhist-era year such as 2569"]),
    (
      "ce-year.yaml",
      ["2:7: year 2026 looks like a CE year; checklists use BE years (2026 + 543 = 2569)"]
    ),
    ("id-mismatch.yaml", ["1:5: id 'oit-2568' does not match year 2569 (expected 'oit-2569')"]),
    (
      "oit-2571.yaml",
      [
        "2:7: file name 'oit-2571.yaml' says year 2571 but the file says year 2569"
          + " (rename it 'oit-2569.yaml' or fix the year)"
      ]
    ),
  ]

  @Test(arguments: cases)
  func reportsEveryProblemWithItsPosition(file: String, problems: [String]) throws {
    let path = fixture(file)
    let found = ChecklistLoader.validate(path: path, families: try smallFamilies())
    #expect(found.map(\.description) == problems.map { "\(path):\($0)" })
  }

  @Test(arguments: cases)
  func loadThrowsTheSameProblems(file: String, problems: [String]) throws {
    let path = fixture(file)
    let families = try smallFamilies()
    #expect(
      throws: ChecklistError.invalid(ChecklistLoader.validate(path: path, families: families))
    ) {
      _ = try ChecklistLoader.load(path: path, families: families)
    }
  }

  @Test func reportsEveryProblemOfAFamiliesFile() {
    let path = fixture("families-bad.yaml")
    let expected = [
      "2:5: missing required key 'terms' in family 'structure'",
      "3:5: unknown key 'term' (did you mean 'terms'?)",
      "4:9: family id 'Structure' must be lower-case kebab-case, like 'monthly-procurement'",
      "7:12: family 'news' has no terms",
      "8:9: duplicate family id 'news' (first defined at line 6)",
      "9:34: an entry of 'terms' is empty",
      "10:5: unknown key 'url-hint' (did you mean 'url-hints'?)",
    ].map { "\(path):\($0)" }
    #expect(ChecklistLoader.validateFamilies(path: path).map(\.description) == expected)
    #expect(throws: ChecklistError.self) { _ = try ChecklistLoader.loadFamilies(path: path) }
  }

  @Test func errorDescriptionListsOneProblemPerLine() throws {
    let path = fixture("bad-values.yaml")
    let families = try smallFamilies()
    do {
      _ = try ChecklistLoader.load(path: path, families: families)
      Issue.record("bad-values.yaml loaded")
    } catch {
      let lines = error.description.split(separator: "\n")
      #expect(lines.count == 3)
      #expect(
        lines.first
          == "\(path):15:15: bad evidence 'pdf' (expected one of: page, document, channel)")
    }
  }

  @Test func aMissingFileIsUnreadable() throws {
    let path = fixture("no-such-file.yaml")
    #expect(throws: ChecklistError.unreadable(path: path, reason: "no such file")) {
      _ = try ChecklistLoader.load(path: path, families: [:])
    }
    #expect(
      ChecklistLoader.validate(path: path, families: [:]).map(\.description)
        == ["\(path):1:1: cannot read file: no such file"])
    #expect(
      ChecklistError.unreadable(path: path, reason: "no such file").description
        == "cannot read \(path): no such file")
  }

  // MARK: - Catalog

  @Test func catalogListsTheShippedYears() throws {
    let catalog = try ChecklistCatalog(directory: checklists)
    #expect(catalog.years == [2568, 2569])
    #expect(try catalog.load(year: 2568).id == "oit-2568")
    #expect(throws: ChecklistError.self) { _ = try catalog.load(year: 2567) }
  }

  @Test func defaultIsTheNewestListNotNewerThanTheFiscalYear() throws {
    let catalog = try ChecklistCatalog(directory: checklists)

    let (same, sameNote) = try catalog.resolve(nil, fiscalYear: FiscalYear(be: 2569))
    #expect(same.id == "oit-2569")
    #expect(sameNote == nil)

    let (older, olderNote) = try catalog.resolve(nil, fiscalYear: FiscalYear(be: 2568))
    #expect(older.id == "oit-2568")
    #expect(olderNote == nil)

    let (later, laterNote) = try catalog.resolve(nil, fiscalYear: FiscalYear(be: 2570))
    #expect(later.id == "oit-2569")
    #expect(laterNote?.hasPrefix("FY2570 has no checklist of its own yet; using oit-2569") == true)

    #expect(throws: ChecklistError.self) {
      _ = try catalog.resolve(nil, fiscalYear: FiscalYear(be: 2567))
    }
  }

  @Test func explicitChoiceByYearOrPath() throws {
    let catalog = try ChecklistCatalog(directory: checklists)

    let (byYear, note) = try catalog.resolve("2568", fiscalYear: FiscalYear(be: 2569))
    #expect(byYear.id == "oit-2568")
    #expect(note == "oit-2568 is the list for ITA 2568, not FY2569; the results are provisional")

    let (byName, nameNote) = try catalog.resolve("oit-2569", fiscalYear: FiscalYear(be: 2569))
    #expect(byName.id == "oit-2569")
    #expect(nameNote == nil)

    // A file outside the folder is checked against the folder's families.
    let (byPath, _) = try catalog.resolve(fixture("good.yaml"), fiscalYear: FiscalYear(be: 2569))
    #expect(byPath.path == fixture("good.yaml"))
    #expect(byPath.items.count == 3)

    do {
      _ = try catalog.resolve("2026", fiscalYear: FiscalYear(be: 2570))
      Issue.record("a CE year resolved")
    } catch {
      #expect(error.description.contains("years are BE: 2026 + 543 = 2569"))
    }
  }

  @Test func catalogNeedsFamilies() {
    #expect(
      throws: ChecklistError.unreadable(path: fixtures + "/families.yaml", reason: "no such file")
    ) {
      _ = try ChecklistCatalog(directory: fixtures)
    }
  }
}

// MARK: - The shipped checklists

/// Checks of the data in `Checklists/`: completeness, and that families do not claim each
/// other's items. Keys are built with the matcher's own normaliser.
struct ShippedChecklistTests {
  static let years = [2568, 2569]

  private func load() throws -> (ChecklistCatalog, [Checklist]) {
    let catalog = try ChecklistCatalog(directory: checklists)
    return (catalog, try Self.years.map { try catalog.load(year: $0) })
  }

  private func key(_ s: String) -> String { ThaiText.matchKey(s) }

  @Test(arguments: years)
  func everyItemIsComplete(year: Int) throws {
    let catalog = try ChecklistCatalog(directory: checklists)
    let list = try catalog.load(year: year)
    #expect(list.items.map(\.code) == (1...26).map { "O\($0)" })
    let indicators = Set(list.indicators.map(\.code))
    for item in list.items {
      #expect(!item.family.isEmpty, "\(item.code) has no family")
      #expect(catalog.families[item.family] != nil, "\(item.code): unknown family")
      #expect(!item.unit.isEmpty, "\(item.code) has no unit")
      #expect(!item.requirement.isEmpty, "\(item.code) has no requirement")
      #expect(indicators.contains(item.indicator), "\(item.code): unknown indicator")
      #expect(!item.freshness.name.isEmpty, "\(item.code) has no window")
      let terms = item.allFamilies.flatMap { catalog.families[$0]?.terms ?? [] }
      #expect(!(terms + item.terms).isEmpty, "\(item.code) has no terms")
      // Titles carry no year: the window expresses it (§6).
      #expect(item.titleTH.range(of: #"25\d\d"#, options: .regularExpression) == nil)
      if case .monthlyElapsed(let grace) = item.freshness {
        #expect((0...31).contains(grace))
      }
    }
  }

  /// The items that need several elements (OIT-REFERENCE §2, §5, §6), each element with the
  /// window it is judged by; every other item has one element.
  @Test func itemsOfSeveralElements() throws {
    let (_, lists) = try load()
    var found: [String: [String]] = [:]
    for list in lists {
      for item in list.items where !item.requires.isEmpty {
        found["\(list.year.be) \(item.code)"] = zip(item.elementFamilies, item.elementAudits).map {
          "\($0.0[0]):\($0.1.freshness.name)"
        }
      }
    }
    #expect(
      found == [
        "2568 O1": ["structure:none", "duties:none"],
        "2568 O6": ["annual-plan:current-fy", "budget-ordinance:current-fy"],
        "2569 O1": ["structure:none", "duties:none"],
        "2569 O6": ["annual-plan:current-fy", "budget-ordinance:current-fy"],
        "2569 O10": ["e-service:none", "service-statistics:current-fy"],
        "2569 O20": ["no-gift:current-fy", "gift-report:previous-fy", "gift-rules:in-force"],
      ])
  }

  @Test func previousCodesPointAtTheSameFamily() throws {
    let (_, lists) = try load()
    for (older, newer) in zip(lists, lists.dropFirst()) {
      let byCode = Dictionary(uniqueKeysWithValues: older.items.map { ($0.code, $0) })
      for item in newer.items {
        guard let previous = item.previousCode else { continue }
        let match = try #require(byCode[previous], "\(newer.id) \(item.code) → \(previous)")
        #expect(
          item.allFamilies.contains(match.family),
          "\(newer.id) \(item.code) is \(item.family) but \(older.id) \(previous) is \(match.family)"
        )
      }
    }
  }

  /// The matcher's view: a text is a candidate for a family when a term key is inside the
  /// text's key and no exclusion key is. Returns the term that hit.
  private func claims(_ family: KeywordFamily, _ text: String) -> String? {
    claims(Keyed(family), key(text))
  }

  private func claims(_ family: Keyed, _ textKey: String) -> String? {
    guard !family.exclude.contains(where: { textKey.contains($0) }) else { return nil }
    return family.terms.first { textKey.contains($0.key) }?.term
  }

  /// A family with its keys computed once: the pairwise tests compare every term with every
  /// other family.
  private struct Keyed {
    let id: String
    let terms: [(term: String, key: String)]
    let exclude: [String]

    init(_ family: KeywordFamily) {
      id = family.id
      terms = family.terms.map { ($0, ThaiText.matchKey($0)) }
      exclude = family.exclude.map(ThaiText.matchKey)
    }
  }

  @Test func everyTitleIsFoundByItsOwnTerms() throws {
    let (catalog, lists) = try load()
    for list in lists {
      for item in list.items {
        let own = item.allFamilies.compactMap { catalog.families[$0] }
        let primaryExcludes = (catalog.families[item.family]?.exclude ?? []) + item.exclude
        let titleKey = key(item.titleTH)
        let excluded = primaryExcludes.first { titleKey.contains(key($0)) }
        #expect(excluded == nil, "\(list.id) \(item.code): own exclusion '\(excluded ?? "")'")
        let hit =
          own.flatMap(\.terms).contains { titleKey.contains(key($0)) }
          || item.terms.contains { titleKey.contains(key($0)) }
        #expect(hit, "\(list.id) \(item.code) '\(item.titleTH)' is not found by its terms")
      }
    }
  }

  /// Plan against report and other neighbours: no family may claim another family's title.
  @Test func noFamilyClaimsAnotherFamilysTitle() throws {
    let (catalog, lists) = try load()
    let keyed = catalog.families.values.map(Keyed.init)
    for list in lists {
      for item in list.items {
        let own = Set(item.allFamilies)
        for family in keyed where !own.contains(family.id) {
          let term = claims(family, key(item.titleTH))
          #expect(
            term == nil,
            "\(family.id) claims \(list.id) \(item.code) '\(item.titleTH)' by '\(term ?? "")'")
        }
      }
    }
  }

  /// A stricter form of the same: a term written for one family must not be claimed by another,
  /// so wording seen on sites (not only the official titles) stays in its own family.
  @Test func noFamilyClaimsAnotherFamilysTerms() throws {
    let (catalog, _) = try load()
    let families = catalog.families.values.sorted { $0.id < $1.id }.map(Keyed.init)
    for a in families {
      for (term, termKey) in a.terms {
        for b in families where b.id != a.id {
          let hit = claims(b, termKey)
          #expect(hit == nil, "\(b.id) claims '\(term)' of \(a.id) by '\(hit ?? "")'")
        }
      }
    }
  }

  @Test func noFamilyExcludesItsOwnTerms() throws {
    let (catalog, _) = try load()
    for family in catalog.families.values {
      for term in family.terms {
        let dead = family.exclude.first { key(term).contains(key($0)) }
        #expect(dead == nil, "\(family.id): term '\(term)' is excluded by '\(dead ?? "")'")
      }
    }
  }

  @Test func lookAlikesAreNotClaimed() throws {
    let (catalog, _) = try load()
    let families = catalog.families
    let cases: [(text: String, family: String)] = [
      ("แบบประเมินความพึงพอใจในการให้บริการ", "satisfaction-survey"),
      ("รับเรื่องราวร้องทุกข์", "complaint-channel"),
      ("ร้องเรียนร้องทุกข์ออนไลน์", "complaint-channel"),
      ("เจตจำนงสุจริตของผู้บริหาร", "no-gift"),
      ("ประกาศผู้ชนะการเสนอราคา จ้างก่อสร้างถนน", "monthly-procurement"),
      ("ประกาศราคากลาง", "monthly-procurement"),
      ("ประกวดราคาจ้างด้วยวิธีประกวดราคาอิเล็กทรอนิกส์", "monthly-procurement"),
      ("ประกาศขายทอดตลาดพัสดุ", "monthly-procurement"),
      ("รายงานผลการดำเนินงาน รอบ 6 เดือน", "annual-report"),
      ("รายงานผลการดำเนินการป้องกันการทุจริต รอบ 6 เดือน", "anti-corruption-report"),
      ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก itas.nacc.go.th", "participation"),
      ("รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปี 2568", "hr-plan"),
      ("รายงานติดตามและประเมินผลแผนพัฒนาท้องถิ่น", "development-plan"),
      ("แผนบริหารจัดการความเสี่ยง ระบบควบคุมภายใน", "risk-assessment"),
      ("ประกาศเทศบาล เรื่อง ... นายกเทศมนตรี", "executives"),
      ("ประชาคมอาเซียน", "participation"),
      ("ก่อสร้างโครงสร้างพื้นฐาน", "structure"),
    ]
    for (text, id) in cases {
      let family = try #require(families[id])
      #expect(claims(family, text) == nil, "\(id) claims look-alike '\(text)'")
    }
    // And the real thing, written as sites write it, is claimed.
    let positives: [(text: String, family: String)] = [
      ("แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "complaint-channel"),
      ("สขร.1 เดือน ตุลาคม 2568", "monthly-procurement"),
      ("ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. 2569", "no-gift"),
      ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570)", "development-plan"),
      ("ข้อบัญญัติงบประมาณรายจ่ายประจำปี 2569", "budget-ordinance"),
      ("E - Service", "e-service"),
      ("ประมวลจริยธรรมพนักงานส่วนตำบล", "ethics"),
    ]
    for (text, id) in positives {
      let family = try #require(families[id])
      #expect(claims(family, text) != nil, "\(id) misses '\(text)'")
    }
  }
}
