// swift-tools-version:6.1
import Foundation
import PackageDescription

// Coverage-guided fuzzing of the readers, one libFuzzer binary per entry point. Built apart from the main package
// (scripts/fuzz.sh passes -sanitize=fuzzer), so neither the main build nor CI needs it.

// A path dependency is named by its folder, which differs between checkouts.
let main = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent
let ingest = Target.Dependency.product(name: "Ingest", package: main)
let writer = Target.Dependency.product(name: "DOCXWriter", package: main)
func fuzzer(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport", ingest])
}

let package = Package(
    name: "gapcheck-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // Input plumbing, fuzzing limits and the mutator that keeps ZIP containers valid.
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", ingest, writer]),
        fuzzer("fuzz-docx"),
        fuzzer("fuzz-pdf"),
        fuzzer("fuzz-zip"),
        fuzzer("fuzz-ofd"),
        fuzzer("fuzz-sniff"),
        // Writes the generated part of the seed corpora; built without the fuzzer runtime.
        .executableTarget(
            name: "fuzz-seeds",
            dependencies: [writer, .product(name: "TestSupport", package: main)]),
    ],
    swiftLanguageModes: [.v6]
)
