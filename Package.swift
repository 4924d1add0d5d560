// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Rinri",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rinri", targets: ["rinri"]),
        .library(name: "RinriCore", targets: ["RinriCore"]),
        .library(name: "RinriMetrics", targets: ["RinriMetrics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.50.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.30.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.0.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.17.0"),
    ],
    targets: [
        .target(name: "RinriMarkup"),
        .target(
            name: "RinriCore",
            dependencies: [
                "RinriMarkup",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(name: "RinriMetrics", dependencies: ["RinriMarkup"]),
        .target(name: "RinriWire", dependencies: ["RinriMarkup", "RinriCore", "RinriMetrics"]),
        .target(
            name: "RinriApplication",
            dependencies: [
                "RinriCore",
                // the demo organisation (Demo/) runs the fairness analysis and stores evidence through the kinds' registry
                "RinriMetrics",
                "RinriWire",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .target(
            name: "RinriWeb",
            dependencies: [
                "RinriMarkup",
                "RinriCore",
                "RinriMetrics",
                "RinriWire",
                "RinriApplication",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        .executableTarget(
            name: "rinri",
            dependencies: [
                "RinriCore",
                "RinriMetrics",
                "RinriWire",
                "RinriApplication",
                "RinriWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "rinri-bench",
            dependencies: ["RinriMetrics"]
        ),
        .executableTarget(
            name: "rinri-page-bench",
            dependencies: [
                // the server in-process on a generated organisation, measured over HTTP (AsyncHTTPClient comes with Vapor)
                "RinriCore",
                "RinriApplication",
                "RinriWeb",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .target(
            name: "RinriTesting",
            dependencies: [
                "RinriCore",
                "RinriWire",
                "RinriApplication",
                "RinriWeb",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
        .testTarget(name: "RinriMarkupTests", dependencies: ["RinriMarkup"]),
        .testTarget(name: "RinriCoreTests", dependencies: ["RinriCore"]),
        .testTarget(name: "RinriWireTests", dependencies: ["RinriWire"]),
        .testTarget(name: "RinriMetricsTests", dependencies: ["RinriMetrics"]),
        .testTarget(name: "RinriApplicationTests", dependencies: ["RinriApplication", "RinriTesting"]),
        .testTarget(
            name: "RinriWebTests",
            dependencies: ["RinriWeb", "RinriMetrics", "RinriTesting", .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                           .product(name: "JWTKit", package: "jwt-kit")],
            exclude: ["App/__Snapshots__"]
        ),
        .testTarget(name: "RinriCLITests", dependencies: ["rinri", "RinriWire", "RinriTesting", .product(name: "Vapor", package: "vapor")]),
    ]
)
