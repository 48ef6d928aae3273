/// The language of the sentences the matcher writes (`why`, evidence `reason`, notes).
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
  case th, en
}

/// What one audit run decides outside the snapshot and the checklist.
public struct AuditOptions: Sendable {
  /// The audited fiscal year N; windows are relative to it.
  public var fiscalYear: FiscalYear
  /// The audit day: monthly items require the months that ended by it.
  public var asOf: Day
  /// The language of `why` and `reason`.
  public var language: ReportLanguage
  /// Run notes copied into the report first (for example the checklist-year note).
  public var notes: [String]

  public init(
    fiscalYear: FiscalYear, asOf: Day, language: ReportLanguage = .th, notes: [String] = []
  ) {
    self.fiscalYear = fiscalYear
    self.asOf = asOf
    self.language = language
    self.notes = notes
  }
}
