import Foundation
import TestSupport
import Testing

/// The files in examples/ work as shipped: systemd accepts the units, the config validates, and
/// the mail script mails each unit its own list.
@Suite(.timeLimit(.minutes(2)))
struct ExamplesTests {
  typealias F = HistoryFixtures
  let examples = repositoryRoot + "/examples"

  /// Runs a program; returns its exit status, stdout and stderr.
  func run(_ path: String, _ arguments: [String], environment: [String: String] = [:])
    async throws -> (Int32, String, String)
  {
    try await F.offPool { try Self.runBlocking(path, arguments, environment: environment) }
  }

  static func runBlocking(_ path: String, _ arguments: [String], environment: [String: String])
    throws -> (Int32, String, String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Outputs here are a few lines: reading after exit cannot fill a pipe.
    process.waitUntilExit()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (process.terminationStatus, stdout, stderr)
  }

  @Test func systemdAcceptsTheServiceAndTimer() async throws {
    let analyze = "/usr/bin/systemd-analyze"
    try #require(
      FileManager.default.isExecutableFile(atPath: analyze),
      "systemd-analyze is missing: `make test` installs the systemd package")
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // verify checks that ExecStart programs exist: point them at this checkout's files.
    let service = try String(
      contentsOfFile: examples + "/systemd/oitcheck.service", encoding: .utf8
    )
    .replacingOccurrences(of: "/usr/local/bin/oitcheck", with: oitcheckBinary)
    .replacingOccurrences(
      of: "/usr/local/lib/oitcheck/mail-units.sh", with: examples + "/mail-units.sh")
    try service.write(toFile: folder + "/oitcheck.service", atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      atPath: examples + "/systemd/oitcheck.timer", toPath: folder + "/oitcheck.timer")
    let (status, _, stderr) = try await run(
      analyze, ["verify", folder + "/oitcheck.service", folder + "/oitcheck.timer"])
    #expect(status == 0)
    #expect(stderr.isEmpty, "systemd-analyze complained: \(stderr)")
  }

  @Test func theExampleConfigIsValid() async throws {
    let check = try await F.offPool {
      try runOitcheck("config", "check", examples + "/oitcheck.yaml")
    }
    #expect(check.exitCode == 0)
    #expect(check.stderr.isEmpty)
  }

  @Test func theCrontabLineHasFiveTimeFieldsAUserAndOurCommand() async throws {
    let text = try String(contentsOfFile: examples + "/crontab", encoding: .utf8)
    let jobs = text.split(separator: "\n").filter { line in
      !line.hasPrefix("#") && !line.contains("=") && !line.isEmpty
    }
    #expect(jobs.count == 1)
    let fields = jobs[0].split(separator: " ", omittingEmptySubsequences: true)
    #expect(fields.prefix(5) == ["0", "2", "*", "*", "*"])
    #expect(fields[5] == "oitcheck" && fields[6] == "oitcheck" && fields[7] == "audit")
    // cron reads % as a line break: the command must not contain one.
    #expect(!jobs[0].contains("%"))
  }

  @Test func mailUnitsMailsEachUnitItsOwnList() async throws {
    let folder = try F.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let reports = folder + "/reports"
    let units = reports + "/2026-11-25T0200/units"
    try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
    try "- O11 แผนการจัดซื้อจัดจ้าง: ไม่พบ\n".write(
      toFile: units + "/01-กองคลัง.md", atomically: true, encoding: .utf8)
    try "- O1 โครงสร้าง: ไม่เป็นปัจจุบัน\n".write(
      toFile: units + "/02-สำนักปลัด.md", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: reports + "/latest", withDestinationPath: "2026-11-25T0200")
    let addresses = folder + "/addresses.tsv"
    try "# unit\taddress\nกองคลัง\tfinance@example.go.th\nสำนักปลัด\tclerk@example.go.th\n".write(
      toFile: addresses, atomically: true, encoding: .utf8)
    // A stand-in for sendmail: keeps each message in its own file.
    let mailer = folder + "/fake-sendmail"
    try "#!/bin/sh\ncat > \"$(mktemp \(folder)/mail.XXXXXX)\"\n".write(
      toFile: mailer, atomically: true, encoding: .utf8)
    chmod(mailer, 0o755)
    let (status, stdout, stderr) = try await run(
      "/bin/sh", [examples + "/mail-units.sh", reports, addresses],
      environment: ["MAIL_COMMAND": mailer])
    #expect(status == 0)
    #expect(stderr.isEmpty)
    #expect(stdout == "mail-units: mailed 2 lists from 2026-11-25T0200\n")
    let mails = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasPrefix("mail.") }
      .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    #expect(mails.count == 2)
    let finance = try #require(mails.first { $0.hasPrefix("To: finance@example.go.th\n") })
    #expect(finance.contains("Subject: =?UTF-8?B?"))
    #expect(finance.hasSuffix("\n\n- O11 แผนการจัดซื้อจัดจ้าง: ไม่พบ\n"))
    let clerk = try #require(mails.first { $0.hasPrefix("To: clerk@example.go.th\n") })
    #expect(clerk.hasSuffix("\n\n- O1 โครงสร้าง: ไม่เป็นปัจจุบัน\n"))

    // A unit without an address is named, and the run says it failed.
    try "กองคลัง\tfinance@example.go.th\n".write(
      toFile: addresses, atomically: true, encoding: .utf8)
    let (missingStatus, _, missingErr) = try await run(
      "/bin/sh", [examples + "/mail-units.sh", reports, addresses],
      environment: ["MAIL_COMMAND": mailer])
    #expect(missingStatus == 1)
    #expect(missingErr == "mail-units: no address for unit 'สำนักปลัด' in \(addresses)\n")
  }
}
