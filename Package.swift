// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "oitcheck",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "oitcheck", targets: ["oitcheck"]),
    // For Fuzz/, a separate package (built only by `make fuzz`) that links the modules it fuzzes.
    .library(name: "AuditCore", targets: ["AuditCore"]),
    .library(name: "Extraction", targets: ["Extraction"]),
    .library(name: "Crawling", targets: ["Crawling"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
  ],
  targets: [
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                   providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                   providers: [.apt(["libxml2-dev"])]),
    // Tests only: the loopback server's TLS mode and the gzip bombs of the hostile-server suite.
    .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "AuditCore", dependencies: [.product(name: "Yams", package: "Yams")]),
    .target(name: "Transport", dependencies: ["CCurl"]),
    .target(name: "Extraction", dependencies: ["CLibXML2", "AuditCore"]),
    .target(name: "Crawling", dependencies: ["Transport", "Extraction", "AuditCore"]),
    .target(
      name: "Reporting",
      dependencies: ["AuditCore", .product(name: "Yams", package: "Yams")]),
    .target(
      name: "History",
      dependencies: ["AuditCore", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(
      name: "LoopbackServer", dependencies: ["COpenSSL", .product(name: "Yams", package: "Yams")]),
    .target(name: "DemoSite", path: "Fixtures/demo-site",
            exclude: ["README.md"], sources: ["_bundle"], resources: [.copy("www")]),
    .executableTarget(
      name: "oitcheck",
      dependencies: [
        "AuditCore", "Transport", "Crawling", "Reporting", "History", "LoopbackServer", "DemoSite",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .target(name: "TestSupport", dependencies: ["LoopbackServer", "CZlib"]),
    .testTarget(name: "AuditCoreTests", dependencies: ["AuditCore"]),
    .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "AuditCore"]),
    .testTarget(name: "CrawlingTests", dependencies: ["Crawling", "TestSupport", "AuditCore"]),
    .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "AuditCore"]),
    .testTarget(
      name: "HostileServerTests",
      dependencies: ["TestSupport", "LoopbackServer", "Crawling", "Transport", "AuditCore"]),
    .testTarget(
      name: "ReportingTests", dependencies: ["Reporting", "AuditCore"], exclude: ["Golden"]),
    .testTarget(
      name: "HistoryTests",
      dependencies: [
        "History", "AuditCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
  ]
)
