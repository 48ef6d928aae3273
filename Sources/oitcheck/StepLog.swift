import Foundation
import Logging

/// The audit's step log on standard error, through swift-log: `--verbose` shows every step,
/// the default notices (where reports went) and warnings, `--quiet` only errors. Failures that end the run are
/// still the one line `printError` writes, whatever the level.
enum StepLog {
  static func logger(verbose: Bool, quiet: Bool) -> Logger {
    var logger = Logger(label: "oitcheck") { label in StderrHandler(label: label) }
    logger.logLevel = verbose ? .info : (quiet ? .error : .notice)
    return logger
  }

  /// One line per message: `oitcheck: [info] crawled 67 pages`.
  struct StderrHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      let line = "\(label): [\(event.level)] \(event.message)\n"
      FileHandle.standardError.write(Data(line.utf8))
    }
  }
}
