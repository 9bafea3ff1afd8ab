// swift-tools-version:6.1
import PackageDescription

// The pipeline reads left to right: Ingest → Structure → Sections → Check → Report, driven by Run and the gapcheck CLI.
let package = Package(
    name: "gapcheck",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gapcheck", targets: ["gapcheck"]),
        .executable(name: "corpus-gen", targets: ["corpus-gen"]),
        // For the fuzzing package in Fuzz/ (not built by CI): the readers, and the writers its seeds come from.
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "DOCXWriter", targets: ["DOCXWriter"]),
        .library(name: "TestSupport", targets: ["TestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // C libraries, used for real: poppler-glib (PDF), libzip (ZIP containers), libxml2 (XML parts).
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // libxlsxwriter: the batch findings workbook.
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),

        // The document model every stage shares: blocks, headings, tables, TOC, errors, normalisation.
        .target(name: "DocumentModel"),
        // A streaming, hardened libxml2 reader. Kept free of Foundation: libxml2's ICU headers clash with it.
        .target(name: "XMLStream", dependencies: ["CLibXML2"]),
        // Heading patterns, TOC and running-header detection, the section tree.
        .target(name: "Structure", dependencies: ["DocumentModel"]),
        // Format readers: one file per format, plus containers and sniffing.
        .target(name: "Ingest", dependencies: ["DocumentModel", "Structure", "XMLStream", "CPoppler", "CZip"]),
        // Checklist data model, loader and validator (the data itself lives in Checklists/).
        .target(name: "Checklists", dependencies: ["Yams"]),
        // Section understanding: heading roles, topic evidence, placeholders, mentions; the map of a document's own
        // sections that checking reads.
        .target(name: "Sections", dependencies: ["DocumentModel", "Structure", "Checklists"]),
        // Requirement evaluation, facts, classification.
        .target(name: "Check", dependencies: ["DocumentModel", "Structure", "Checklists", "Sections"]),
        // Report writers: one file per format.
        .target(name: "Report", dependencies: ["Check", "DocumentModel", "Checklists", "DOCXWriter", "CXlsxWriter"]),
        // Inbox runs, incremental state, worker processes.
        .target(
            name: "Run",
            dependencies: ["Ingest", "Check", "Report", "Checklists", "DocumentModel", "Yams",
                           .product(name: "GRDB", package: "GRDB.swift")]),
        // The local self-check web page (`gapcheck serve`).
        .target(
            name: "Serve",
            dependencies: ["Run", "Report", "Check", "Checklists", "Ingest", "DocumentModel",
                           .product(name: "Hummingbird", package: "hummingbird")]),
        .executableTarget(
            name: "gapcheck",
            dependencies: ["Run", "Serve", "Ingest", "Check", "Report", "Checklists", "DocumentModel",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Writes DOCX files from a small description: test fixtures and the sample corpus.
        .target(name: "DOCXWriter", dependencies: ["CZip"]),
        .executableTarget(
            name: "corpus-gen",
            dependencies: ["DOCXWriter", "Yams", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .target(name: "TestSupport", dependencies: ["DOCXWriter", "DocumentModel", "Checklists"], path: "Tests/TestSupport"),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Structure", "DocumentModel", "DOCXWriter", "TestSupport", "XMLStream"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DocumentModelTests", dependencies: ["DocumentModel"]),
        .testTarget(name: "StructureTests", dependencies: ["Structure", "DocumentModel"]),
        .testTarget(name: "SectionsTests", dependencies: ["Sections", "Check", "Checklists", "Structure", "DocumentModel", "Ingest", "TestSupport", "Yams"]),
        .testTarget(name: "CheckTests", dependencies: ["Check", "Sections", "Checklists", "Structure", "DocumentModel", "Ingest", "DOCXWriter", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Check", "Checklists", "DocumentModel", "Ingest", "DOCXWriter", "TestSupport"],
                    exclude: ["Golden"]),
        // Runs the built gapcheck binary and the install script for real.
        .testTarget(name: "gapcheckTests", dependencies: ["gapcheck", "Check", "Checklists", "Report", "TestSupport"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Report", "Check", "Checklists", "Run", "DOCXWriter", "TestSupport"]),
        .testTarget(name: "RunTests", dependencies: ["Run", "Report", "Check", "Checklists", "Ingest", "DocumentModel", "DOCXWriter", "TestSupport", "Yams"]),
    ],
    swiftLanguageModes: [.v6]
)
