/// One assessment year's OIT list, as loaded from `Checklists/oit-YYYY.yaml`.
///
/// Years are separate files because codes are reused for different things from year to year
/// (O11 is service statistics in 2568 and monthly procurement in 2569). Keyword families are
/// shared by all years and live in `Checklists/families.yaml`; an item names its family.
public struct Checklist: Sendable, Hashable, Codable {
  /// `oit-2569`.
  public var id: String
  /// The assessment year (BE) the list was published for.
  public var year: FiscalYear
  public var title: String
  public var sources: [String]
  public var indicators: [Indicator]
  public var items: [ChecklistItem]
  /// Family ids that earlier years required and this year does not: reported as "not required".
  public var notRequired: [String]
  /// Path the list was loaded from, for messages.
  public var path: String

  public init(
    id: String, year: FiscalYear, title: String, sources: [String], indicators: [Indicator],
    items: [ChecklistItem], notRequired: [String] = [], path: String
  ) {
    self.id = id
    self.year = year
    self.title = title
    self.sources = sources
    self.indicators = indicators
    self.items = items
    self.notRequired = notRequired
    self.path = path
  }
}

/// A sub-indicator such as 9.1 ข้อมูลพื้นฐาน.
public struct Indicator: Sendable, Hashable, Codable {
  public var code: String
  public var nameTH: String
  public var nameEN: String

  public init(code: String, nameTH: String, nameEN: String) {
    self.code = code
    self.nameTH = nameTH
    self.nameEN = nameEN
  }
}

/// What kind of evidence satisfies an item.
public enum EvidenceKind: String, Sendable, Hashable, Codable {
  case page  // a page on the site with the content itself
  case document  // a file (usually PDF) or a page listing files
  case channel  // a working online channel: form, e-service, complaint system
}

/// How confident the reference is about an item's title and window.
public enum Confidence: String, Sendable, Hashable, Codable {
  case high, medium, low
}

/// When evidence is fresh enough; turned into dates by the audit's fiscal year and as-of date.
public enum FreshnessRule: Sendable, Hashable, Codable {
  /// Present and working on the audit date; no date needed.
  case none
  /// A document still in effect (manuals, guidelines); its date does not decide the item.
  case inForce
  /// Dated in, or labelled as, the current fiscal year.
  case currentFY
  /// A report for the previous fiscal year.
  case previousFY
  /// A multi-year plan whose span includes the current fiscal year.
  case coversFY
  /// One entry for every month of the current FY that has ended by as-of minus the grace days.
  case monthlyElapsed(graceDays: Int)
  /// An activity (event, meeting, training) that took place in the current fiscal year.
  case currentFYActivity

  /// The YAML spelling: none, in-force, current-fy, previous-fy, covers-fy, monthly-elapsed,
  /// current-fy-activity.
  public var name: String {
    switch self {
    case .none: "none"
    case .inForce: "in-force"
    case .currentFY: "current-fy"
    case .previousFY: "previous-fy"
    case .coversFY: "covers-fy"
    case .monthlyElapsed: "monthly-elapsed"
    case .currentFYActivity: "current-fy-activity"
    }
  }
}

/// One OIT item of one year.
public struct ChecklistItem: Sendable, Hashable, Codable {
  /// The official code of that year, upper-case and unpadded: O1, O12.
  public var code: String
  public var titleTH: String
  public var titleEN: String
  /// Sub-indicator code, e.g. 9.1.
  public var indicator: String
  /// The unit that usually publishes it (a site's units file can override).
  public var unit: String
  /// What must be shown, short Thai.
  public var requirement: String
  /// Keyword family id from families.yaml (structure, news, monthly-procurement...).
  public var family: String
  /// Further families whose terms also count: any one of them can name the item.
  public var alsoFamilies: [String]
  /// Further required elements, one family each: with them the item passes only when its own
  /// family (with `alsoFamilies`) and every one of these has passing evidence of its own
  /// (O1 = the structure chart and the summary of duties). Empty for a single-element item.
  public var requires: [String]
  /// The window of a `requires` element whose window is not the item's, by family id (2569
  /// O20: the declaration is for FY N, the gift report for FY N−1).
  public var elementFreshness: [String: FreshnessRule]
  /// Item-specific terms on top of the family's, already as written (normalized when matching).
  public var terms: [String]
  /// Phrases that mean a look-alike, not this item.
  public var exclude: [String]
  public var evidence: EvidenceKind
  public var freshness: FreshnessRule
  public var confidence: Confidence
  /// The same family's code in the previous year's list, for history across renumbering.
  public var previousCode: String?

  public init(
    code: String, titleTH: String, titleEN: String, indicator: String, unit: String,
    requirement: String, family: String, alsoFamilies: [String] = [], requires: [String] = [],
    elementFreshness: [String: FreshnessRule] = [:], terms: [String] = [], exclude: [String] = [],
    evidence: EvidenceKind, freshness: FreshnessRule, confidence: Confidence,
    previousCode: String? = nil
  ) {
    self.code = code
    self.titleTH = titleTH
    self.titleEN = titleEN
    self.indicator = indicator
    self.unit = unit
    self.requirement = requirement
    self.family = family
    self.alsoFamilies = alsoFamilies
    self.requires = requires
    self.elementFreshness = elementFreshness
    self.terms = terms
    self.exclude = exclude
    self.evidence = evidence
    self.freshness = freshness
    self.confidence = confidence
    self.previousCode = previousCode
  }

  /// Every family the item names: its family, `alsoFamilies`, then `requires`.
  public var allFamilies: [String] { [family] + alsoFamilies + requires }

  /// The families of each required element, in order: the first element is the item's family
  /// with `alsoFamilies`, then one element per `requires` entry. One element when `requires` is
  /// empty.
  public var elementFamilies: [[String]] { [[family] + alsoFamilies] + requires.map { [$0] } }
}

/// A keyword family shared by all years (Checklists/families.yaml).
public struct KeywordFamily: Sendable, Hashable, Codable {
  public var id: String
  /// Thai and English phrases, variants and misspellings as seen on sites.
  public var terms: [String]
  /// Look-alikes: text containing one of these is not this family.
  public var exclude: [String]
  /// File or path names that hint at the family (organ.html, devstratigy.html).
  public var urlHints: [String]
  /// Phrases naming a dated activity of the item (a training, a project). They date a
  /// `current-fy-activity` item whose own evidence has no date, and never pass it alone.
  public var activityTerms: [String]
  /// Short names of what the family finds (แผนผังโครงสร้าง, organisation chart), for reasons
  /// that name an element of an item; required when an item lists the family as an element.
  public var nameTH: String?
  public var nameEN: String?

  public init(
    id: String, terms: [String], exclude: [String] = [], urlHints: [String] = [],
    activityTerms: [String] = [], nameTH: String? = nil, nameEN: String? = nil
  ) {
    self.id = id
    self.nameTH = nameTH
    self.nameEN = nameEN
    self.terms = terms
    self.exclude = exclude
    self.urlHints = urlHints
    self.activityTerms = activityTerms
  }
}
