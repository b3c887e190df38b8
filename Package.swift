// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PollCompare",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PollNumerics", targets: ["PollNumerics"]),
        .library(name: "PollCompare", targets: ["PollCompare"]),
        .executable(name: "pollcmp", targets: ["pollcmp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        // `swift package generate-documentation` (make docs); a plugin only, nothing is linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The C types of the BLAS and LAPACK functions used on Linux. Nothing is linked: PollNumerics
        // opens OpenBLAS (BLAS + LAPACK, Debian libopenblas0) at run time, on first use. Apple
        // platforms link Accelerate instead.
        .systemLibrary(name: "CBLAS"),
        // Column kernels in C, compiled for baseline x86-64 and again for AVX2 (target_clones),
        // the clone picked at load time; only PollNumerics imports them.
        .target(name: "CPollKernels"),
        .target(
            name: "PollNumerics",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux])), "CPollKernels"],
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS]))]
        ),
        .target(name: "PollCompare", dependencies: ["PollNumerics"]),
        .executableTarget(
            name: "pollcmp",
            dependencies: [
                "PollCompare",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pollbench", dependencies: ["PollCompare"], path: "Benchmarks/pollbench"),
        // Runs the notebooks' commands and writes notebooks-exported/ (kept out of pollcmp, so its
        // start-up does not pay for process-spawning code).
        .executableTarget(name: "notebook-export"),
        .testTarget(
            name: "PollNumericsTests",
            dependencies: ["PollNumerics", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(
            name: "PollCompareTests",
            dependencies: ["PollCompare", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(name: "pollcmpTests", dependencies: ["pollcmp"], exclude: ["Golden", "Fixtures"]),
        // The README's Swift example, built with the tests and run by DocumentationTests.
        .executableTarget(name: "readme-example", dependencies: ["PollCompare"], path: "Examples/ReadmeExample"),
        // Symbol links in doc comments and articles, documented and Sendable public types, the
        // README example, the version against the changelog.
        .testTarget(name: "DocumentationTests", dependencies: ["PollCompare", "readme-example"]),
    ],
    swiftLanguageModes: [.v6]
)
