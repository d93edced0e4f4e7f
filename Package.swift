// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "palermo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "palermo", targets: ["palermo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
    ],
    targets: [
        .target(name: "PalermoCore", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.process("Resources")]),
        .target(name: "PalermoStats", dependencies: [
            "PalermoCore", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "PalermoStore", dependencies: [
            "PalermoCore", "PalermoStats", "PalermoIO",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "PalermoIO", dependencies: [
            "PalermoCore", "PalermoStats",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "XMLCoder", package: "XMLCoder"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "PalermoReport", dependencies: [
            "PalermoCore", "PalermoStats", .product(name: "Plot", package: "Plot"),
        ], resources: [.copy("Wording/Strings")]),
        .target(name: "PalermoServer", dependencies: [
            "PalermoCore", "PalermoStore", "PalermoIO", "PalermoStats", "PalermoReport",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Plot", package: "Plot"),
        ], resources: [.copy("Public"), .copy("openapi.yaml")]),
        .executableTarget(name: "palermo", dependencies: [
            "PalermoServer", "PalermoStore", "PalermoCore", "PalermoIO", "PalermoStats", "PalermoReport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "PalermoCoreTests", dependencies: ["PalermoCore"]),
        .testTarget(name: "PalermoStatsTests", dependencies: ["PalermoStats", "PalermoIO", "PalermoCore"]),
        .testTarget(name: "PalermoReportTests", dependencies: [
            "PalermoReport", "PalermoStats", "PalermoCore", .product(name: "Plot", package: "Plot"),
        ]),
        .testTarget(name: "PalermoIOTests", dependencies: [
            "PalermoIO", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "PalermoStoreTests", dependencies: [
            "PalermoStore", "PalermoCore",
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        ]),
        .testTarget(name: "palermoTests", dependencies: [
            "palermo", "PalermoServer", "PalermoStore", "PalermoCore", "PalermoIO",
            .product(name: "Vapor", package: "vapor"),
        ]),
        .testTarget(name: "PalermoServerTests", dependencies: [
            "PalermoServer", "PalermoIO", "PalermoStats", "PalermoReport",
            .product(name: "XCTVapor", package: "vapor"),
            .product(name: "Plot", package: "Plot"),
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
    ]
)

// The fuzz harness exists only for the fuzzing build (scripts/fuzz.sh sets PALERMO_FUZZ=1): libFuzzer brings its
// own main, so the harness has none, and an ordinary build or `swift test` must not try to link it.
if ProcessInfo.processInfo.environment["PALERMO_FUZZ"] == "1" {
    package.products.append(.executable(name: "palermo-fuzz", targets: ["palermo-fuzz"]))
    package.targets.append(
        .executableTarget(name: "palermo-fuzz", dependencies: ["PalermoIO", "PalermoCore", "PalermoStats"]))
}
