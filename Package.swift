// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "planc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "planc", targets: ["planc"]),
        .library(name: "PlanKit", targets: ["PlanKit"]),
        // For the writer fuzz target (Fuzz/Package.swift), which depends on this package by path.
        .library(name: "PlanRender", targets: ["PlanRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libyaml through pkg-config (Debian: libyaml-dev, Homebrew: libyaml).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "PlanSyntax", dependencies: ["CYAML"]),
        .target(name: "PlanKit", dependencies: ["PlanSyntax"]),
        .target(name: "PlanRender", dependencies: ["PlanKit", "PlanSyntax"]),
        .executableTarget(
            name: "planc",
            dependencies: [
                "PlanKit", "PlanRender", "PlanSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The levelling engine on PSPLIB files (Benchmarks/psplib/run.py); not installed.
        .executableTarget(name: "planc-bench", dependencies: ["PlanKit"]),
        .testTarget(name: "PlanSyntaxTests", dependencies: ["PlanSyntax"]),
        .testTarget(name: "PlanKitTests", dependencies: ["PlanKit", "PlanSyntax"]),
        .testTarget(name: "PlanRenderTests", dependencies: ["PlanRender", "PlanKit", "PlanSyntax"]),
        .testTarget(name: "plancTests", dependencies: ["PlanKit"]),
    ]
)
