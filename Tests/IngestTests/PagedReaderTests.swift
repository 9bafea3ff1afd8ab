import DocumentModel
import Foundation
import Testing
@testable import Ingest

/// The page policy, driven by a page source that answers from memory: no renderer and no tesseract involved.
@Suite struct PagedReaderTests {
    /// A page of the fake source: its text layer (nil when it has none), the share an image covers, and what OCR reads.
    struct FakePage {
        var text: [String]?
        var imageCoverage = 0.0
        var recognised: [String]? = nil
        var recognisable = true
    }

    final class Calls: @unchecked Sendable {
        var recognised: [Int] = []
    }

    struct FakeSource: PageSource {
        var pages: [FakePage]
        var calls = Calls()
        var format: DocumentFormat { .ofd }
        var pageCount: Int { pages.count }
        var metadata: DocumentMetadata { DocumentMetadata() }

        func page(_ number: Int) -> FakePage? { pages[number - 1] }

        func textLayer(_ page: FakePage, number: Int, fonts: inout FontTable) -> PageText {
            guard let lines = page.text else { return PageText(status: .empty, lines: [], width: 595, height: 842) }
            return Self.pageText(lines, ocr: false)
        }

        func largestImageCoverage(_ page: FakePage) -> Double { page.imageCoverage }
        func canRecognize(_ page: FakePage) -> Bool { page.recognisable }

        func recognize(
            _ page: FakePage, number: Int, engine: OCREngine.Tesseract, timeout: Double, fonts: inout FontTable
        ) -> Result<PageText?, IngestError> {
            calls.recognised.append(number)
            return .success(page.recognised.map { Self.pageText($0, ocr: true) })
        }

        func outline() -> [OutlineEntry] { [] }
        func taggedHeadings() -> [OutlineEntry] { [] }

        static func pageText(_ lines: [String], ocr: Bool) -> PageText {
            let placed = lines.enumerated().map { i, text in
                PageLine(
                    text: text, x0: 72, y0: 100 + Double(i) * 20, x1: 500, y1: 114 + Double(i) * 20, fontSize: 12,
                    font: 0, weight: text.filter { !$0.isWhitespace }.count, ocrConfidence: ocr ? 90 : nil)
            }
            var page = PageText(status: .text, lines: placed, width: 595, height: 842)
            page.visibleCharacters = placed.reduce(0) { $0 + $1.weight }
            page.isOCR = ocr
            return page
        }
    }

    static let engine: Result<OCREngine.Tesseract, IngestError> = .success(
        OCREngine.Tesseract(executable: "/nonexistent/tesseract", languages: "chi_sim"))
    static let prose = "本项目建设内容包括政务云资源、数据共享交换平台和统一身份认证系统，建设周期十二个月。"

    func read(_ pages: [FakePage], ocr: OCRMode, engine: Result<OCREngine.Tesseract, IngestError> = engine)
        -> (PagedReader<FakeSource>.Reading, [Int])
    {
        var limits = IngestLimits()
        limits.ocr = ocr
        let source = FakeSource(pages: pages)
        let reading = PagedReader(source: source, limits: limits, engine: engine).read()
        return (reading, source.calls.recognised)
    }

    @Test func forceRecognisesEveryPageThatHasAnImage() {
        let pages = [
            FakePage(text: [Self.prose], imageCoverage: 0.9, recognised: [Self.prose + "（识别）"]),
            FakePage(text: [Self.prose], recognised: [Self.prose + "（识别）"], recognisable: false),
        ]
        let (reading, calls) = read(pages, ocr: .force)
        #expect(calls == [1])
        #expect(reading.ocrPages == [1])
        #expect(reading.warnings.contains { $0.contains("have no image to recognise") && $0.contains("2") })
    }

    @Test func autoRecognisesOnlyPagesWithoutText() {
        let pages = [
            FakePage(text: [Self.prose], imageCoverage: 0),
            FakePage(text: nil, imageCoverage: 1, recognised: [Self.prose]),
        ]
        let (reading, calls) = read(pages, ocr: .auto)
        #expect(calls == [2])
        #expect(reading.ocrPages == [2])
        #expect(reading.error == nil)
    }

    @Test func sparseTextOnAScanIsRecognisedAndKeptOnlyWhenOCRReadsMore() {
        let stamp = FakePage(text: ["第 3 页"], imageCoverage: 0.95, recognised: [Self.prose])
        let (reading, calls) = read([stamp], ocr: .auto)
        #expect(calls == [1])
        #expect(reading.ocrPages == [1])
        // OCR reading less than the text layer leaves the text layer in place.
        let poor = FakePage(text: ["第 3 页 共 9 页"], imageCoverage: 0.95, recognised: ["3"])
        let (kept, _) = read([poor], ocr: .auto)
        #expect(kept.ocrPages.isEmpty)
        #expect(kept.output.blocks.contains { $0.text.contains("共 9 页") })
        // Few characters on a page without a big image is a short page, not a scan.
        let (short, shortCalls) = read([FakePage(text: ["附件"], imageCoverage: 0.1, recognised: [Self.prose])], ocr: .auto)
        #expect(shortCalls.isEmpty)
        #expect(short.ocrPages.isEmpty)
    }

    @Test func offNamesThePagesLeftUnread() {
        let pages = [FakePage(text: [Self.prose]), FakePage(text: nil, imageCoverage: 1, recognised: [Self.prose])]
        let (reading, calls) = read(pages, ocr: .off)
        #expect(calls.isEmpty)
        #expect(reading.pagesWithoutText == [2])
        #expect(reading.warnings.contains { $0.contains("OCR is off") && $0.hasSuffix("2") })
    }

    @Test func everyRecognisedPageExtendsTheTimeBudget() {
        final class Counter: @unchecked Sendable { var started = 0 }
        let counter = Counter()
        let pages = (0..<3).map { _ in FakePage(text: nil, imageCoverage: 1, recognised: [Self.prose]) }
        let (reading, _) = OCRProgress.withHandler({ counter.started += 1 }) { read(pages, ocr: .auto) }
        #expect(counter.started == 3)
        #expect(reading.ocrPages == [1, 2, 3])
    }

    @Test func missingEngineIsANamedError() {
        let pages = [FakePage(text: nil, imageCoverage: 1, recognised: [Self.prose])]
        let (reading, calls) = read(
            pages, ocr: .auto, engine: .failure(IngestError(.ocrUnavailable, detail: "tesseract not found")))
        #expect(calls.isEmpty)
        #expect(reading.error?.kind == .ocrUnavailable)
    }

    @Test func hugeGeometryIsClampedBeforeLayout() {
        var page = FakeSource.pageText([Self.prose], ocr: false)
        page.lines[0].fontSize = 1e40
        page.lines[0].x1 = .infinity
        page.lines[0].y0 = .nan
        let clean = page.sanitized()
        #expect(clean.lines[0].fontSize == PageGeometry.limit)
        #expect(clean.lines[0].x1 == 0)
        #expect(clean.lines[0].y0 == 0)
    }

    @Test func outlineTitlesLoseInvisibleCharacters() {
        let entry = OutlineEntry(title: "3.3.1 夯实数据底座\u{200B}\u{FEFF}", depth: 2, page: 40)
        #expect(entry.title == "3.3.1 夯实数据底座")
    }
}
