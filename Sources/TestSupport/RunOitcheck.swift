import Foundation

/// What a run of the built binary did.
public struct OitcheckRun: Sendable {
  public var exitCode: Int32
  public var stdout: String
  public var stderr: String
}

/// The built `oitcheck` binary: $OITCHECK_BIN, else beside the test bundle, else .build/debug.
public let oitcheckBinary: String = {
  if let path = ProcessInfo.processInfo.environment["OITCHECK_BIN"], !path.isEmpty { return path }
  var candidates: [String] = []
  let testBinary = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
  var dir = testBinary.deletingLastPathComponent()
  for _ in 0..<4 {
    candidates.append(dir.appendingPathComponent("oitcheck").path)
    dir.deleteLastPathComponent()
  }
  candidates.append(repositoryRoot + "/.build/debug/oitcheck")
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    ?? repositoryRoot + "/.build/debug/oitcheck"
}()

/// Runs the binary with arguments; kills it after `timeout` seconds (then exit code is -9).
public func runOitcheck(
  _ arguments: String..., timeout: Double = 120, environment: [String: String] = [:],
  directory: String? = nil
) throws -> OitcheckRun {
  try runOitcheck(arguments: arguments, timeout: timeout, environment: environment, directory: directory)
}

public func runOitcheck(
  arguments: [String], timeout: Double = 120, environment: [String: String] = [:],
  directory: String? = nil
) throws -> OitcheckRun {
  var env = ProcessInfo.processInfo.environment
  env["NO_COLOR"] = "1"
  // Audits record history: in tests, into a folder of this test process, never ~/.local.
  env["XDG_DATA_HOME"] = testDataHome
  for (k, v) in environment { env[k] = v }
  return try runProgram(
    oitcheckBinary, arguments: arguments, timeout: timeout, environment: env,
    directory: directory)
}

/// Runs a program with both pipes read while it runs (a full pipe cannot block it); kills it
/// after `timeout` seconds, and the exit code is then -9.
public func runProgram(
  _ path: String, arguments: [String], timeout: Double, environment: [String: String]? = nil,
  directory: String? = nil
) throws -> OitcheckRun {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  if let environment { process.environment = environment }
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let outData = LockedData()
  let errData = LockedData()
  let group = DispatchGroup()
  for (pipe, sink) in [(out, outData), (err, errData)] {
    group.enter()
    DispatchQueue.global().async {
      sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
  }
  let deadline = Date().addingTimeInterval(timeout)
  while process.isRunning && Date() < deadline { usleep(20_000) }
  if process.isRunning {
    kill(process.processIdentifier, SIGKILL)
  }
  process.waitUntilExit()
  _ = group.wait(timeout: .now() + 10)
  let code = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
  return OitcheckRun(
    exitCode: code, stdout: String(decoding: outData.get(), as: UTF8.self),
    stderr: String(decoding: errData.get(), as: UTF8.self))
}

final class LockedData: @unchecked Sendable {
  // @unchecked: every access goes through `lock`.
  private let lock = NSLock()
  private var data = Data()
  func set(_ d: Data) { lock.withLock { data = d } }
  func get() -> Data { lock.withLock { data } }
}

/// Where the binaries run by this test process keep their history database.
public let testDataHome: String = {
  let path = NSTemporaryDirectory() + "/oitcheck-test-data-\(getpid())"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}()

/// A fresh temporary folder for one test.
public func temporaryDirectory() throws -> String {
  let path = NSTemporaryDirectory() + "/oitcheck-test-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Reads a snapshot file's lines as JSON objects (header first).
public func snapshotLines(_ path: String) throws -> [[String: Any]] {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  return text.split(separator: "\n").compactMap {
    try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
  }
}
