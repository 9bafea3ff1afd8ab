import DocumentModel
import Foundation
import Structure
import CPoppler
import Testing
@testable import Ingest

/// OCR of PDF pages through the real poppler, cairo and tesseract (chi_sim + eng), on fixtures made by
/// Fixtures/make-pdf-fixtures.sh: `scanned-report.pdf` (pages of a three-chapter report rasterised at 100 dpi into an
/// image-only PDF), `scanned-stamped.pdf` (the same with a page number as text on each page) and `no-tounicode.pdf`
/// (the report as LibreOffice exports it, with the ToUnicode maps removed).
@Suite struct PDFOCRTests {
    static func read(
        _ name: String, ocr: OCRMode = .auto, configure: (inout IngestLimits) -> Void = { _ in },
        engine: Result<OCREngine.Tesseract, IngestError> = OCREngine.installed
    ) throws -> Document {
        var limits = IngestLimits()
        limits.ocr = ocr
        configure(&limits)
        let data = try Data(contentsOf: PDFFixtures.folder.appendingPathComponent(name))
        return PDFReader.read(data: data, displayPath: name, limits: limits, engine: engine)
    }

    /// "level number title" of each heading.
    static func outline(_ document: Document) -> [String] {
        document.outline.compactMap { $0.heading.map { "\($0.level) \($0.number) \($0.title)" } }
    }

    /// A tesseract looked up on a search path that holds nothing: the real lookup, finding no program.
    static func missingEngine() throws -> Result<OCREngine.Tesseract, IngestError> {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        return OCREngine.Tesseract.locate(searchPath: empty.path)
    }

    @Test func tesseractWithChineseIsInstalled() throws {
        // The tests below need it; without it they would fail one by one with less clear messages.
        let engine = try OCREngine.installed.get()
        #expect(engine.languages.hasPrefix("chi_sim"))
        #expect(OCREngine.isAvailable)
    }

    @Test func scannedReportOutlineFindsItsChapters() throws {
        let document = try Self.read("scanned-report.pdf")
        #expect(document.error == nil)
        #expect(document.pageCount == 2)
        #expect(document.ocrPages == [1, 2])
        #expect(document.pagesWithoutText.isEmpty)
        let outline = Self.outline(document)
        let chapters = outline.filter { $0.hasPrefix("1 ") }
        #expect(chapters == ["1 第一章 项目概况", "1 第二章 建设内容", "1 第三章 密码应用方案"])
        // Sub-sections nest under their chapters.
        let numbers = document.outline.compactMap { $0.heading.map { "\($0.level) \($0.number)" } }
        #expect(numbers == ["1 第一章", "2 1.1", "1 第二章", "2 2.1", "1 第三章", "2 3.1"])
        #expect(document.heading("1.1 建设背景")?.location.page == 1)
        #expect(document.heading("第三章 密码应用方案")?.location.page == 2)
        // Every block says it came from OCR, with a plausible confidence.
        #expect(!document.blocks.isEmpty)
        for block in document.blocks {
            let confidence = try #require(block.ocrConfidence)
            #expect(confidence >= 60 && confidence <= 100)
        }
        // The body reads, without spaces between Chinese glyphs, and belongs to its section.
        #expect(document.bodyMentions("商用密码应用安全性评估"))
        #expect(!document.bodyBlocks.contains { $0.kind == .paragraph && $0.text.contains("密 码") })
        let tree = SectionTree(document: document)
        let section = try #require(tree.sections.first { $0.heading.title == "密码应用方案" })
        #expect(document.blocks[section.ownBody].contains { TextNormalizer.matchKey($0.text).contains("密评") })
        #expect(document.warnings.contains { $0.contains("2 pages recognised with OCR") })
    }

    @Test func fontWithoutToUnicodeFallsBackToOCR() throws {
        let document = try Self.read("no-tounicode.pdf")
        #expect(document.error == nil)
        #expect(document.warnings.contains { $0.contains("unreadable text") })
        #expect(document.ocrPages == [1, 2])
        let chapters = Self.outline(document).filter { $0.hasPrefix("1 ") }
        #expect(chapters == ["1 第一章 项目概况", "1 第二章 建设内容", "1 第三章 密码应用方案"])
        // No glyph soup survives in the blocks.
        #expect(!document.blocks.contains { TextLayerQuality.isGarbage($0.text) })
    }

    @Test func pageNumberStampedOnAScanDoesNotHideTheScan() throws {
        // Each image page carries "第N页" as text: a text layer, but far too little to stand for the page.
        let document = try Self.read("scanned-stamped.pdf")
        #expect(document.error == nil)
        #expect(document.ocrPages == [1, 2])
        let chapters = Self.outline(document).filter { $0.hasPrefix("1 ") }
        #expect(chapters == ["1 第一章 项目概况", "1 第二章 建设内容", "1 第三章 密码应用方案"])
        let plain = try Self.read("scanned-stamped.pdf", ocr: .off)
        #expect(plain.ocrPages.isEmpty)
        #expect(plain.outline.isEmpty)
    }

    @Test func garbageTextLayerWithOCROffIsNoTextLayer() throws {
        let document = try Self.read("no-tounicode.pdf", ocr: .off)
        #expect(document.error?.kind == .noTextLayer)
        #expect(document.pagesWithoutText == [1, 2])
        #expect(document.ocrPages.isEmpty)
    }

    @Test func ocrOffGivesNoTextLayer() throws {
        let document = try Self.read("scanned-report.pdf", ocr: .off)
        #expect(document.error?.kind == .noTextLayer)
        #expect(document.pagesWithoutText == [1, 2])
        #expect(document.ocrPages.isEmpty)
        #expect(document.blocks.isEmpty)
    }

    @Test func forceRecognisesATextPDF() throws {
        let document = try Self.read("running-header.pdf", ocr: .force)
        #expect(document.error == nil)
        #expect(document.ocrPages == [1, 2, 3, 4])
        #expect(document.blocks.allSatisfy { $0.ocrConfidence != nil })
        let chapters = document.outline.compactMap { $0.heading.map { "\($0.level) \($0.number)" } }
        #expect(chapters == ["1 第一章", "1 第二章", "1 第三章", "1 第四章"])
        #expect(document.heading("第一章 项目概述") != nil)
        // Running headers are still told apart on recognised pages.
        #expect(document.blocks.filter { $0.part == .header }.count >= 3)
        #expect(!document.bodyMentions("密码应用方案"))
    }

    @Test func forceReadsGongwenLevelsWithoutFontCues() throws {
        // 一、 and （一） headings have the body's size; OCR knows no typefaces, so short numbered lines standing
        // alone carry them.
        let document = try Self.read("gongwen.pdf", ocr: .force)
        #expect(document.ocrPages == [1])
        let levels = document.outline.compactMap { $0.heading.map { "\($0.level) \($0.number.prefix(1))" } }
        #expect(levels == ["1 一", "2 (", "2 (", "1 二", "1 三"] || levels == ["1 一", "2 （", "2 （", "1 二", "1 三"])
    }

    @Test func autoLeavesTextPagesAlone() throws {
        let document = try Self.read("outline.pdf")
        #expect(document.ocrPages.isEmpty)
        #expect(document.blocks.allSatisfy { $0.ocrConfidence == nil })
    }

    @Test func noiseOnlyImageIsNoTextLayer() throws {
        // A page rasterised at 30 dpi: tesseract returns only low-confidence noise.
        let document = try Self.read("scanned-only.pdf")
        #expect(document.error?.kind == .noTextLayer)
        #expect(document.pagesWithoutText == [1])
        #expect(document.warnings.contains { $0.contains("OCR found no text") })
    }

    @Test func missingTesseractIsOCRUnavailable() throws {
        let engine = try Self.missingEngine()
        guard case .failure(let reason) = engine else {
            Issue.record("tesseract found on an empty search path")
            return
        }
        #expect(reason.kind == .ocrUnavailable)
        let document = try Self.read("scanned-report.pdf", engine: engine)
        #expect(document.error?.kind == .ocrUnavailable)
        #expect(document.error?.message == IngestErrorKind.ocrUnavailable.chineseMessage)
        #expect(document.error?.detail?.contains("tesseract not found") == true)
        #expect(document.pagesWithoutText == [1, 2])
    }

    @Test func missingTesseractWithTextPagesIsAWarning() throws {
        let engine = try Self.missingEngine()
        let document = try Self.read("scanned-page.pdf", engine: engine)
        #expect(document.error == nil)
        #expect(document.pagesWithoutText == [2])
        #expect(document.warnings.contains { $0.contains("need OCR, which is unavailable") })
        #expect(document.heading("第一章 项目概况") != nil)
        // Forced OCR without tesseract keeps the text layer.
        let forced = try Self.read("outline.pdf", ocr: .force, engine: engine)
        #expect(forced.error == nil)
        #expect(forced.ocrPages.isEmpty)
        #expect(forced.heading("第八章 密码应用方案") != nil)
    }

    @Test func pagesBeyondTheOCRLimitStayWithoutText() throws {
        let document = try Self.read("scanned-report.pdf") { $0.maxOCRPages = 1 }
        #expect(document.error == nil)
        #expect(document.ocrPages == [1])
        #expect(document.pagesWithoutText == [2])
        #expect(document.warnings.contains { $0.contains("OCR page limit 1") })
        #expect(document.heading("第一章 项目概况") != nil)
        #expect(document.heading("第三章 密码应用方案") == nil)
    }

    @Test func pageTimeoutFlagsThePages() throws {
        // A limit no recognition can meet: tesseract is killed on every page.
        let document = try Self.read("scanned-report.pdf") { $0.ocrPageTimeout = 0.01 }
        #expect(document.error?.kind == .timeout)
        #expect(document.pagesWithoutText == [1, 2])
        #expect(document.warnings.contains { $0.contains("OCR timed out") })
    }

    @Test func progressIsReportedPerPage() throws {
        let counter = PageCounter()
        let document = try OCRProgress.withHandler({ counter.increment() }) {
            try Self.read("scanned-report.pdf")
        }
        #expect(document.ocrPages == [1, 2])
        #expect(counter.value == 2)
    }

    @Test func scratchImagesAreRemoved() throws {
        let data = try Data(contentsOf: PDFFixtures.folder.appendingPathComponent("scanned-report.pdf"))
        var folder: URL?
        try data.withUnsafeBytes { bytes in
            let document = try PopplerDocument.open(bytes: bytes).get()
            let page = try #require(poppler_document_get_page(document.handle, 0))
            defer { gc_object_unref(UnsafeMutableRawPointer(page)) }
            var fonts = FontTable()
            var recognizer: PDFPageOCR? = PDFPageOCR(engine: try OCREngine.installed.get(), timeout: 60)
            let text = try recognizer?.recognize(page: page, number: 1, fonts: &fonts).get()
            #expect(text?.isOCR == true)
            folder = recognizer?.folder
            let scratch = try #require(folder)
            // The page image is gone once recognised; the folder is private.
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
            let permissions = try FileManager.default.attributesOfItem(atPath: scratch.path)[.posixPermissions] as? Int
            #expect(permissions == 0o700)
            recognizer = nil
        }
        let scratch = try #require(folder)
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
    }
}

final class PageCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// The usable-text-layer judgement and the parsing of tesseract's output, on strings.
@Suite struct TextLayerQualityTests {
    @Test func realTextIsUsable() {
        #expect(!TextLayerQuality.isGarbage("第一章 总论 本项目依据国家和省市关于政务信息化建设的有关要求，统一建设数据共享交换平台。"))
        #expect(!TextLayerQuality.isGarbage("The platform uses SM2/SM3/SM4 algorithms (GM/T 0054-2018) for identity and transport."))
        #expect(!TextLayerQuality.isGarbage("第一章 项目概况........................................2"))
        #expect(!TextLayerQuality.isGarbage("序号 资源类型 数量 单价（万元） 1 云服务器 20 3.5 2 存储 100TB ¥12.0 ±5% ≥99.9%"))
        // Traditional characters are everyday characters too.
        #expect(!TextLayerQuality.isGarbage("本計畫依據國家與省市關於政務資訊化建設的有關要求，統一建設資料共享交換平臺。"))
        // Kangxi radicals from some producers are text, not soup.
        #expect(!TextLayerQuality.isGarbage("⽬录 第⼀章 项目概况"))
    }

    @Test func replacementAndPrivateUseAreGarbage() {
        #expect(TextLayerQuality.isGarbage("\u{E001}\u{E002}\u{E003}\u{FFFD}\u{E004}"))
        #expect(TextLayerQuality.isGarbage("\u{01}\u{02}\u{03}\u{04}\u{05}\u{06}\u{07}\u{08} 项目"))
    }

    @Test func glyphIdsAsASCIIAreGarbage() {
        // A subset font's glyph ids 1–94 taken as character codes.
        #expect(TextLayerQuality.isGarbage("\"#$%&'()*+,-./!\"012^3456789:.;<+=>?@[ABCD=>^EFG"))
        #expect(TextLayerQuality.isGarbage("ȃȄȅȆȇȈȉȊȋȌ"))
    }

    @Test func glyphIdsLandingOnIdeographsAreGarbage() {
        // Glyph ids of a large CJK font taken as code points: ideographs, but mostly ones no text uses.
        var seed: UInt32 = 12345
        var soup = String.UnicodeScalarView()
        for _ in 0..<300 {
            seed = seed &* 1_103_515_245 &+ 12345
            soup.append(Unicode.Scalar(0x4E00 + (seed >> 8) % 0x51A0)!)
        }
        #expect(TextLayerQuality.isGarbage(String(soup)))
    }

    @Test func commonIdeographsComeFromTheSystemConverters() {
        #expect(TextLayerQuality.isCommonIdeograph(Unicode.Scalar("的").value))
        #expect(TextLayerQuality.isCommonIdeograph(Unicode.Scalar("國").value))
        #expect(!TextLayerQuality.isCommonIdeograph(Unicode.Scalar("䶵").value))
    }

    @Test func tsvLinesJoinCJKWithoutSpacesAndKeepHeadingNumbers() {
        let header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        let rows = [
            "5\t1\t1\t1\t1\t1\t381\t383\t24\t44\t96\t1",
            "5\t1\t1\t1\t1\t2\t450\t373\t40\t60\t93\t项",
            "5\t1\t1\t1\t1\t3\t518\t374\t31\t58\t90\t目",
            "5\t1\t1\t1\t1\t4\t559\t370\t131\t63\t88\t概况",
            "5\t1\t2\t1\t1\t1\t377\t489\t46\t44\t90\t总投资",
            "5\t1\t2\t1\t1\t2\t430\t489\t40\t44\t90\t560",
            "5\t1\t2\t1\t1\t3\t475\t489\t46\t44\t90\t万元",
            "5\t1\t3\t1\t1\t1\t377\t589\t46\t44\t90\tGB/T",
            "5\t1\t3\t1\t1\t2\t430\t589\t46\t44\t-1\t",
            "5\t1\t3\t1\t1\t3\t480\t589\t46\t44\t70\t22239",
        ]
        let lines = OCREngine.parseTSV(header + rows.joined(separator: "\n"))
        #expect(lines.map(\.text) == ["1 项目概况", "总投资560万元", "GB/T 22239"])
        #expect(lines[0].left == 381 && lines[0].top == 370 && lines[0].width == 690 - 381)
        #expect(lines[0].glyphHeight == 60)
        // Weighted by characters: 96·1 + 93·1 + 90·1 + 88·2 over 5.
        #expect(abs(lines[0].confidence - 91.0) < 0.01)
    }

    @Test func olderExtractionsDecodeWithoutOCRPages() throws {
        let document = Document(path: "a.pdf", format: .pdf, pageCount: 2, pagesWithoutText: [2], ocrPages: [1])
        let encoded = try JSONEncoder().encode(document)
        #expect(try JSONDecoder().decode(Document.self, from: encoded).ocrPages == [1])
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        object.removeValue(forKey: "ocrPages")
        let old = try JSONSerialization.data(withJSONObject: object)
        let decoded = try JSONDecoder().decode(Document.self, from: old)
        #expect(decoded.ocrPages.isEmpty)
        #expect(decoded.pagesWithoutText == [2])
    }
}
