// swift-tools-version:6.0
// libFuzzer targets: PlanFuzz over planc's loader, rules and scheduler (PlanKit's
// Compiler.compile), WriterFuzz over every writer in PlanRender.
// Kept out of the root package so that the -sanitize=fuzzer build never touches the normal one.
// Build and run it with Fuzz/run.sh; see docs/fuzzing.md.
import PackageDescription

let package = Package(
    name: "PlanFuzz",
    dependencies: [
        // The root package, whatever its folder is called.
        .package(name: "planc", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "PlanFuzz",
            dependencies: [.product(name: "PlanKit", package: "planc")]
        ),
        .executableTarget(
            name: "WriterFuzz",
            dependencies: [.product(name: "PlanKit", package: "planc"), .product(name: "PlanRender", package: "planc")]
        ),
    ]
)
