import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a run of the built binary did, with its wall time and its peak memory.
public struct MeasuredRun: Sendable {
  /// The exit status, or minus the signal that ended it (-9 after the timeout).
  public var exitCode: Int32
  public var stdout: String
  public var stderr: String
  public var seconds: Double
  /// The child's own peak resident set size (VmHWM), 0 if it ended before the first look.
  public var peakResidentBytes: Int
  /// True when the runner had to kill it.
  public var timedOut: Bool

  public var peakResidentMB: Double { Double(peakResidentBytes) / 1_048_576 }
}

/// Runs the binary and samples its peak memory every 5 ms from /proc/PID/status (VmHWM, which
/// only grows, so a sample misses at most the last 5 ms). `ru_maxrss` would not do: glibc's
/// posix_spawn is a vfork, and Linux keeps the parent's (the whole test process's) peak in the
/// child's `ru_maxrss` across exec. Kills the child after `timeout` seconds.
///
/// The waiting happens on a thread of its own: blocking a task would take one of the few
/// threads of Swift's cooperative pool (two on a two-core machine) and stall every other test.
public func runOitcheckMeasured(
  arguments: [String], timeout: Double, environment: [String: String] = [:]
) async throws -> MeasuredRun {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread {
      continuation.resume(
        with: Result {
          try spawnAndMeasure(arguments: arguments, timeout: timeout, environment: environment)
        })
    }
    thread.name = "oitcheck-test-runner"
    thread.start()
  }
}

private func spawnAndMeasure(
  arguments: [String], timeout: Double, environment: [String: String]
) throws -> MeasuredRun {
  var outPipe: [Int32] = [0, 0]
  var errPipe: [Int32] = [0, 0]
  guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw RunError.spawn(errno) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
  posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
  for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

  var env = ProcessInfo.processInfo.environment
  env["NO_COLOR"] = "1"
  // Audits record history: in tests, into a folder of this test process, never ~/.local.
  env["XDG_DATA_HOME"] = testDataHome
  for (k, v) in environment { env[k] = v }
  let argv = ([oitcheckBinary] + arguments).map { strdup($0) } + [nil]
  let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    for p in argv { free(p) }
    for p in envp { free(p) }
  }
  var pid: pid_t = 0
  let started = ContinuousClock.now
  let spawned = posix_spawn(&pid, oitcheckBinary, &actions, nil, argv, envp)
  close(outPipe[1])
  close(errPipe[1])
  guard spawned == 0 else {
    close(outPipe[0])
    close(errPipe[0])
    throw RunError.spawn(spawned)
  }
  // Drain both pipes while the child runs, so a full pipe cannot block it.
  let outData = LockedData()
  let errData = LockedData()
  let group = DispatchGroup()
  for (fd, sink) in [(outPipe[0], outData), (errPipe[0], errData)] {
    group.enter()
    DispatchQueue.global().async {
      sink.set(FileHandle(fileDescriptor: fd, closeOnDealloc: true).readDataToEndOfFile())
      group.leave()
    }
  }
  var status: Int32 = 0
  var timedOut = false
  var peak = 0
  let deadline = started + .milliseconds(Int(timeout * 1000))
  while true {
    peak = max(peak, highWaterMark(pid))
    let r = waitpid(pid, &status, WNOHANG)
    if r == pid { break }
    if r < 0 && errno != EINTR { throw RunError.wait(errno) }
    if ContinuousClock.now >= deadline && !timedOut {
      timedOut = true
      kill(pid, SIGKILL)
    }
    usleep(5_000)
  }
  let elapsed = ContinuousClock.now - started
  group.wait()
  // The wait status: low 7 bits are the signal that ended it, else bits 8-15 the exit code.
  let signal = status & 0x7f
  let code = signal == 0 ? (status >> 8) & 0xff : -signal
  return MeasuredRun(
    exitCode: code, stdout: String(decoding: outData.get(), as: UTF8.self),
    stderr: String(decoding: errData.get(), as: UTF8.self),
    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
    peakResidentBytes: peak, timedOut: timedOut)
}

/// VmHWM of a running process, in bytes; 0 once it has exited.
private func highWaterMark(_ pid: pid_t) -> Int {
  guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
  else { return 0 }
  let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
  return kilobytes * 1024
}

/// Why the binary could not be run at all.
public enum RunError: Error, CustomStringConvertible {
  case spawn(Int32)
  case wait(Int32)

  public var description: String {
    switch self {
    case .spawn(let e): "cannot start \(oitcheckBinary): \(String(cString: strerror(e)))"
    case .wait(let e): "cannot wait for \(oitcheckBinary): \(String(cString: strerror(e)))"
    }
  }
}
