import DocumentModel
import Foundation
import Testing
import Structure
import TestSupport
@testable import Ingest

/// Real PDFs from ../shared/corpus-real (never copied into the project), and PDFs LibreOffice makes from real DOCX.
/// The 顺义 proposal's PDF export loses Word's legal numbering (1.6 printed 一.6); its headings must still come out
/// as the DOCX has them, with the bookmarks and without (the outline hidden from the page reader).
@Suite(.serialized) struct PDFRealCorpusTests {
    static func realFile(_ folder: String, _ prefix: String) -> URL? {
        guard let shared = TestPaths.sharedFolder else { return nil }
        let root = shared.appendingPathComponent("corpus-real").appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().first { $0.hasPrefix(prefix) }.map { root.appendingPathComponent($0) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// A page source with the document's outline and tagged structure hidden: the PDF as a producer that writes
    /// no bookmarks would make it.
    struct WithoutOutline<Source: PageSource>: PageSource {
        let source: Source
        var format: DocumentFormat { source.format }
        var pageCount: Int { source.pageCount }
        var metadata: DocumentMetadata { source.metadata }
        func page(_ number: Int) -> Source.Page? { source.page(number) }
        func textLayer(_ page: Source.Page, number: Int, fonts: inout FontTable) -> PageText {
            source.textLayer(page, number: number, fonts: &fonts)
        }
        func largestImageCoverage(_ page: Source.Page) -> Double { source.largestImageCoverage(page) }
        func canRecognize(_ page: Source.Page) -> Bool { source.canRecognize(page) }
        func recognize(
            _ page: Source.Page, number: Int, engine: OCREngine.Tesseract, timeout: Double, fonts: inout FontTable
        ) -> Result<PageText?, IngestError> {
            source.recognize(page, number: number, engine: engine, timeout: timeout, fonts: &fonts)
        }
        func outline() -> [OutlineEntry] { [] }
        func taggedHeadings() -> [OutlineEntry] { [] }
    }

    /// The PDF's headings read with its bookmarks, and without them.
    static func outlines(_ pdf: URL) throws -> (withBookmarks: [Heading], without: [Heading]) {
        let data = try Data(contentsOf: pdf)
        return try data.withUnsafeBytes { bytes in
            let document = try PopplerDocument.open(bytes: bytes).get()
            let source = PDFPageSource(document: document)
            let limits = IngestLimits()
            let full = PagedReader(source: source, limits: limits, engine: OCREngine.installed).read()
            let bare = PagedReader(source: WithoutOutline(source: source), limits: limits, engine: OCREngine.installed).read()
            func headings(_ reading: PagedReader<some PageSource>.Reading) -> [Heading] {
                reading.document(path: "x.pdf", format: .pdf, metadata: source.metadata, pageCount: source.pageCount)
                    .outline.compactMap(\.heading)
            }
            return (headings(full), headings(bare))
        }
    }

    /// The 顺义 DOCX exported by LibreOffice, bookmarks included.
    static func shunyiExport(docx: URL) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-pdfreal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("shunyi.docx")
        try FileManager.default.copyItem(at: docx, to: source)
        try run("soffice", [
            "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf:writer_pdf_Export:{\"ExportBookmarks\":{\"type\":\"boolean\",\"value\":\"true\"}}",
            "--outdir", folder.path, source.path,
        ])
        return folder.appendingPathComponent("shunyi.pdf")
    }

    struct Agreement {
        var matched = 0
        var total = 0
        var share: Double { total == 0 ? 0 : Double(matched) / Double(total) }
    }

    /// Headings of `expected` found in `actual`, in order, with the same number, title and level.
    static func agreement(_ expected: [Heading], _ actual: [Heading]) -> Agreement {
        func key(_ h: Heading) -> String { h.number + "|" + TextNormalizer.matchKey(h.title) + "|\(h.level)" }
        var remaining = actual.map(key)[...]
        var result = Agreement(matched: 0, total: expected.count)
        for heading in expected {
            if let i = remaining.firstIndex(of: key(heading)) {
                result.matched += 1
                remaining = remaining[(i + 1)...]
            }
        }
        return result
    }

    @Test func shunyiPDFExportKeepsTheDOCXOutline() throws {
        guard let docx = Self.realFile("lkjx031021__my_rag", "顺义区") else {
            print("skipped: the 顺义 DOCX of ../shared/corpus-real is not available")
            return
        }
        let document = DOCXReader.read(data: try Data(contentsOf: docx), displayPath: "顺义.docx", limits: .default)
        let expected = document.outline.compactMap(\.heading)
        try #require(expected.count >= 800)
        let pdf = try Self.shunyiExport(docx: docx)
        defer { try? FileManager.default.removeItem(at: pdf.deletingLastPathComponent()) }
        let read = try Self.outlines(pdf)
        for (name, headings) in [("with bookmarks", read.withBookmarks), ("without bookmarks", read.without)] {
            let agreement = Self.agreement(expected, headings)
            print("顺义 PDF export, \(name): \(agreement.matched) of \(agreement.total) headings as in the DOCX")
            #expect(agreement.share >= 0.98, "\(name): \(agreement.matched) of \(agreement.total)")
            // 附表 rows of amounts never become headings.
            #expect(!headings.contains { $0.title.hasSuffix("58") && $0.title.contains(".") })
        }
    }

    @Test func beijingTenderKeepsItsNumberedHeadings() throws {
        guard let pdf = Self.realFile("charlotty2026__bid-toolkit", "北京市") else {
            print("skipped: the 北京 tender PDF of ../shared/corpus-real is not available")
            return
        }
        let document = PDFReader.read(data: try Data(contentsOf: pdf), displayPath: "北京.pdf", limits: .default)
        #expect(document.error == nil)
        let headings = document.outline.compactMap(\.heading)
        let bytes = try Data(contentsOf: pdf)
        let bookmarks = bytes.withUnsafeBytes { raw in (try? PopplerDocument.open(bytes: raw).get())?.bookmarks() ?? [] }
        let numbered = bookmarks.filter { HeadingPatterns.parse($0.title) != nil && !$0.title.hasSuffix("。") }
        try #require(numbered.count >= 50)
        let keys = Set(headings.map { TextNormalizer.matchKey($0.number + $0.title) })
        let missing = numbered.filter { !keys.contains(TextNormalizer.matchKey($0.title)) }
        #expect(missing.isEmpty, "missing: \(missing.prefix(5).map(\.title))")
        // Wrapped fragments ("802.3 AD…", "0 除外") are not headings.
        let fragments = headings.filter { h in
            !bookmarks.contains { TextNormalizer.matchKey($0.title).contains(TextNormalizer.matchKey(h.title)) }
        }
        #expect(fragments.count <= 2, "false headings: \(fragments.prefix(5).map(\.display))")
    }
}
