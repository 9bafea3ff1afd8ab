import DocumentModel
import Foundation
import Testing
import Structure
import TestSupport
@testable import Ingest

/// Real PDFs from ../shared/corpus-real (never copied into the project), and PDFs LibreOffice makes from real DOCX.
/// The 顺义 proposal's PDF export loses Word's legal numbering (1.6 printed 一.6); its headings must still come out
/// as the DOCX has them, with the bookmarks and without.
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

    /// The 顺义 DOCX exported by LibreOffice, with its bookmarks, and the same pages without any outline.
    static func shunyiExports(docx: URL) throws -> (withOutline: URL, without: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-pdfreal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("shunyi.docx")
        try FileManager.default.copyItem(at: docx, to: source)
        try run("soffice", [
            "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf:writer_pdf_Export:{\"ExportBookmarks\":{\"type\":\"boolean\",\"value\":\"true\"}}",
            "--outdir", folder.path, source.path,
        ])
        let pdf = folder.appendingPathComponent("shunyi.pdf")
        let bare = folder.appendingPathComponent("shunyi-bare.pdf")
        // Copying the pages into an empty file leaves the document outline behind.
        try run("qpdf", ["--empty", "--pages", pdf.path, "--", bare.path])
        return (pdf, bare)
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
        let exports = try Self.shunyiExports(docx: docx)
        defer { try? FileManager.default.removeItem(at: exports.withOutline.deletingLastPathComponent()) }
        for pdf in [exports.withOutline, exports.without] {
            let read = PDFReader.read(data: try Data(contentsOf: pdf), displayPath: pdf.lastPathComponent, limits: .default)
            #expect(read.error == nil)
            let agreement = Self.agreement(expected, read.outline.compactMap(\.heading))
            print("\(pdf.lastPathComponent): \(agreement.matched) of \(agreement.total) headings as in the DOCX")
            #expect(agreement.share >= 0.98, "\(pdf.lastPathComponent): \(agreement.matched) of \(agreement.total)")
            // 附表 rows of amounts never become headings.
            #expect(!read.outline.compactMap(\.heading).contains { $0.title.hasSuffix("58") && $0.title.contains(".") })
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
