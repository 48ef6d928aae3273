// swift-tools-version: 6.1
// libFuzzer targets for oitcheck's parsers of hostile input. A package of its own so that the
// main package's `swift build` and `swift test` never see `-sanitize=fuzzer`; `make fuzz` builds
// and runs these. Each target's file defines `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
import PackageDescription

let package = Package(
  name: "oitcheck-fuzz",
  dependencies: [.package(name: "oitcheck", path: "..")],
  targets: [
    .target(name: "FuzzCheck"),
    .executableTarget(
      name: "FuzzHTML",
      dependencies: [
        "FuzzCheck", .product(name: "Extraction", package: "oitcheck"),
        .product(name: "AuditCore", package: "oitcheck"),
      ]),
    .executableTarget(
      name: "FuzzThaiDates",
      dependencies: ["FuzzCheck", .product(name: "AuditCore", package: "oitcheck")]),
    .executableTarget(
      name: "FuzzChecklist",
      dependencies: ["FuzzCheck", .product(name: "AuditCore", package: "oitcheck")]),
    .executableTarget(
      name: "FuzzRobots",
      dependencies: [
        "FuzzCheck", .product(name: "Crawling", package: "oitcheck"),
        .product(name: "Extraction", package: "oitcheck"),
      ]),
    .executableTarget(
      name: "FuzzURL",
      dependencies: ["FuzzCheck", .product(name: "Extraction", package: "oitcheck")]),
  ]
)
