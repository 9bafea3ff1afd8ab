import DocumentModel

/// An OFD as pages for the paged reader: text drawn by each page's TextObjects, its images (what OCR can read:
/// OFD pages are never rendered here) and the document's outline.
final class OFDPageSource: PageSource {
    /// A page as read: its content, or nothing when it could not be read. Sizes are in millimetres.
    struct Page {
        var number: Int
        var content: OFDPageContent?
        var height: Double
        var width: Double
        /// Text drawn by its template pages.
        var templateRuns: [OFDTextRun] = []
    }

    let pages: [Page]
    let pageCount: Int
    let container: OFDContainer
    let resources: OFDResources
    let index: OFDDocumentIndex
    var format: DocumentFormat { .ofd }
    var metadata: DocumentMetadata { index.metadata }
    private var recognizer: OFDPageOCR?

    init(pages: [Page], pageCount: Int, container: OFDContainer, resources: OFDResources, index: OFDDocumentIndex) {
        self.pages = pages
        self.pageCount = pageCount
        self.container = container
        self.resources = resources
        self.index = index
    }

    func page(_ number: Int) -> Page? {
        guard number >= 1, number <= pages.count, pages[number - 1].content != nil else { return nil }
        return pages[number - 1]
    }

    func textLayer(_ page: Page, number: Int, fonts: inout FontTable) -> PageText {
        let k = OFDLineBuilder.pointsPerMillimetre
        let width = page.width * k
        let height = page.height * k
        let lines = OFDLineBuilder.pageLines(
            page.content?.runs ?? [], pageHeight: page.height, resources: resources, fonts: &fonts)
        let visible = lines.reduce(0) { $0 + $1.weight }
        guard !lines.isEmpty, visible > 0 else { return PageText(status: .empty, lines: [], width: width, height: height) }
        if TextLayerQuality.isGarbage(lines.map(\.text).joined(separator: "\n")) {
            return PageText(status: .garbage, lines: [], width: width, height: height, visibleCharacters: visible)
        }
        var text = PageText(status: .text, lines: lines, width: width, height: height, visibleCharacters: visible)
        text.assignBands()
        return text
    }

    func largestImageCoverage(_ page: Page) -> Double {
        let area = page.width * page.height
        guard area > 0, let largest = page.content?.images.map(\.area).max() else { return 0 }
        return min(1, largest / area)
    }

    func canRecognize(_ page: Page) -> Bool {
        !ocr.candidates(page.content ?? OFDPageContent(), pageArea: page.width * page.height).isEmpty
    }

    func recognize(
        _ page: Page, number: Int, engine: OCREngine.Tesseract, timeout: Double, fonts: inout FontTable
    ) -> Result<PageText?, IngestError> {
        let images = ocr.candidates(page.content ?? OFDPageContent(), pageArea: page.width * page.height)
        let k = OFDLineBuilder.pointsPerMillimetre
        switch ocr.recognize(images, engine: engine, timeout: timeout, font: fonts.id(for: PDFPageOCR.fontName)) {
        case .failure(let error):
            return .failure(error)
        case .success(let lines):
            let characters = lines.reduce(0) { $0 + $1.weight }
            let mean = lines.reduce(0.0) { $0 + ($1.ocrConfidence ?? 0) * Double($1.weight) } / Double(max(1, characters))
            guard !lines.isEmpty, mean >= OCRLines.minimumPageConfidence else { return .success(nil) }
            var text = PageText(
                status: .text, lines: lines, width: page.width * k, height: page.height * k,
                visibleCharacters: characters, isOCR: true)
            text.assignBands()
            return .success(text)
        }
    }

    func outline() -> [OutlineEntry] {
        index.outline.map { OutlineEntry(title: $0.title, depth: $0.depth, page: $0.page) }
    }

    func taggedHeadings() -> [OutlineEntry] { [] }

    private var ocr: OFDPageOCR {
        if let recognizer { return recognizer }
        let made = OFDPageOCR(container: container, resources: resources)
        recognizer = made
        return made
    }
}
