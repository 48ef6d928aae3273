// Property checks for the fuzz targets: a broken property aborts, so libFuzzer keeps the input
// as a crash just as it does for a trap.
#if canImport(Glibc)
  import Glibc
#endif

/// Aborts with `message` on stderr when `condition` is false.
public func fuzzCheck(
  _ condition: Bool, _ message: @autoclosure () -> String, line: UInt = #line,
  file: StaticString = #fileID
) {
  guard !condition else { return }
  let text = "property failed at \(file):\(line): \(message())\n"
  _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
  abort()
}

/// The fuzzer's input as an array.
public func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
  Array(UnsafeBufferPointer(start: data, count: size))
}
