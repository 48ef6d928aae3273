/// What makes a scheduled audit end with exit code 2 (`--fail-on`, `fail-on:` in oitcheck.yaml).
public enum FailCondition: String, Sendable, Hashable, Codable, CaseIterable {
  /// Some item is missing, stale, broken or uncertain (one condition per verdict).
  case missing, stale, broken, uncertain
  /// Some item passed in the previous run of the site and does not now.
  case regression

  /// Without `--fail-on`: any item that does not pass, as `oitcheck audit` always did.
  public static let defaults: Set<FailCondition> = [.missing, .stale, .broken, .uncertain]

  /// The verdict conditions a report meets, one phrase each ("2 items missing"). Regressions
  /// need the previous run, which only the history knows.
  public static func verdictFailures(
    of report: AuditReport, under conditions: Set<FailCondition>
  ) -> [String] {
    let counts: [(FailCondition, Int)] = [
      (.missing, report.summary.missing), (.stale, report.summary.stale),
      (.broken, report.summary.broken), (.uncertain, report.summary.uncertain),
    ]
    return counts.filter { conditions.contains($0.0) && $0.1 > 0 }.map { condition, count in
      "\(count) \(count == 1 ? "item" : "items") \(condition.rawValue)"
    }
  }

  /// Reads `missing,stale,regression` (also `none`, the empty set); nil names the bad word.
  public static func parse(_ text: String) -> Result<Set<FailCondition>, FailConditionError> {
    var out: Set<FailCondition> = []
    for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if word == "none" { continue }
      guard let condition = FailCondition(rawValue: word) else {
        return .failure(FailConditionError(word: word))
      }
      out.insert(condition)
    }
    return .success(out)
  }
}

/// An unknown `--fail-on` word.
public struct FailConditionError: Error, Equatable, CustomStringConvertible {
  public var word: String
  public init(word: String) { self.word = word }
  public var description: String {
    "unknown fail-on condition '\(word)' (use "
      + (FailCondition.allCases.map(\.rawValue) + ["none"]).joined(separator: ", ") + ")"
  }
}
