import Foundation
import LoopbackServer
import TestSupport
import Testing

/// Headless Chromium (Debian's `chromium`), for checking the HTML reports as a browser sees
/// them. `make test` installs it and requires it; elsewhere a missing browser skips the test.
enum Chromium {
  static let path: String? = {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(
      separator: ":")
    for name in ["chromium", "chromium-browser"] {
      for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
      }
    }
    return nil
  }()

  /// In CI and under `make test` a missing browser is a failure, not a skip.
  static let required: Bool = {
    let env = ProcessInfo.processInfo.environment
    return env["OITCHECK_REQUIRE_CHROMIUM"] == "1" || !(env["CI"] ?? "").isEmpty
  }()

  static let shouldRun = path != nil || required

  struct Run: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Lines Chromium logs for console messages: errors, uncaught exceptions, CSP refusals.
    var consoleLines: [String] {
      stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    }
  }

  /// Runs Chromium headless on `url` with `extra` flags; killed after `timeout` seconds.
  static func run(
    _ binary: String, _ extra: [String], url: String, profile: String, timeout: Double = 90
  )
    throws -> Run
  {
    let arguments =
      [
        "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
        "--user-data-dir=\(profile)", "--enable-logging=stderr", "--v=0",
      ] + extra + [url]
    let r = try runProgram(binary, arguments: arguments, timeout: timeout)
    return Run(status: r.exitCode, stdout: r.stdout, stderr: r.stderr)
  }

  static func runOffPool(
    _ binary: String, _ extra: [String], url: String, profile: String, timeout: Double = 90
  ) async throws -> Run {
    try await offPool { try run(binary, extra, url: url, profile: profile, timeout: timeout) }
  }
}

@Suite(.timeLimit(.minutes(5)))
struct ChromiumRenderTests {
  func fileURL(_ path: String) -> String {
    URL(fileURLWithPath: path).absoluteString
  }

  @Test(
    .enabled(
      if: Chromium.shouldRun,
      "skipped: chromium is not installed (apt-get install chromium; `make test` installs it and requires it)"
    ))
  func htmlReportsLoadCleanAndAreNotBlank() async throws {
    let chromium = try #require(
      Chromium.path, "chromium is required here (CI or make test) but is not on PATH")
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let demo = try await oitcheck("demo", "--output", dir + "/demo", timeout: 120)
    #expect(demo.exitCode == 0, "\(demo.stderr)")
    let server = try ReportOutputTests.hostileSite()
    defer { server.stop() }
    let hostile = try await oitcheck(
      "audit", server.baseURL + "/", "--as-of", "2026-03-31", "--output", dir + "/hostile/",
      "--quiet")
    #expect(hostile.exitCode == 2, "\(hostile.stderr)")
    // One unit list is enough: they share one template (and each Chromium run costs seconds).
    let units = try FileManager.default.contentsOfDirectory(atPath: dir + "/demo/units")
      .filter { $0.hasSuffix(".html") }.sorted().prefix(1)
    #expect(!units.isEmpty)

    // The console check can fail: a page with a script error is caught.
    let broken = dir + "/broken.html"
    try Data("<html><body><script>notDefined()</script></body></html>".utf8)
      .write(to: URL(fileURLWithPath: broken))
    let control = try await Chromium.runOffPool(
      chromium, ["--dump-dom"], url: fileURL(broken), profile: dir + "/p0")
    #expect(control.consoleLines.contains { $0.contains("Uncaught") }, "\(control.stderr)")

    let pages =
      [dir + "/demo/report.html", dir + "/hostile/report.html"]
      + units.map { dir + "/demo/units/" + $0 }
    for (i, page) in pages.enumerated() {
      let run = try await Chromium.runOffPool(
        chromium, ["--dump-dom"], url: fileURL(page), profile: dir + "/p\(i + 1)")
      #expect(run.status == 0, "\(page): \(run.stderr)")
      #expect(run.consoleLines.isEmpty, "\(page): \(run.consoleLines)")
      #expect(run.stdout.contains("<h1>"), "\(page)")
      // Crawled markup stayed text: the browser built no script or image element from it.
      #expect(!run.stdout.contains("<script"), "\(page)")
      #expect(!run.stdout.contains("<img"), "\(page)")
      if page.contains("/hostile/") {
        #expect(run.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      }
    }

    // A screenshot of the report against one of an empty white page of the same size.
    let blank = dir + "/blank.html"
    try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(
      to: URL(fileURLWithPath: blank))
    let size = "--window-size=1240,1754"  // A4 at 150 dpi
    let blankShot = try await Chromium.runOffPool(
      chromium, ["--screenshot=\(dir)/blank.png", size], url: fileURL(blank), profile: dir + "/ps1")
    let reportShot = try await Chromium.runOffPool(
      chromium, ["--screenshot=\(dir)/report.png", size], url: fileURL(dir + "/demo/report.html"),
      profile: dir + "/ps2")
    #expect(blankShot.status == 0 && reportShot.status == 0, "\(reportShot.stderr)")
    let blankPNG = try Data(contentsOf: URL(fileURLWithPath: dir + "/blank.png"))
    let reportPNG = try Data(contentsOf: URL(fileURLWithPath: dir + "/report.png"))
    #expect(reportPNG.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(blankPNG.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // A uniform page compresses to almost nothing; text, tables and badges do not.
    #expect(
      reportPNG.count > 4 * blankPNG.count, "report \(reportPNG.count) B, blank \(blankPNG.count) B"
    )
  }
}
