import CPoppler
import DocumentModel

/// A PDF as pages for the paged reader: poppler's text layer, its image map and rendering for OCR, its outline and
/// tagged structure.
final class PDFPageSource: PageSource {
    /// A poppler page, released with this object.
    final class Page {
        let handle: OpaquePointer
        init(_ handle: OpaquePointer) { self.handle = handle }
        deinit { gc_object_unref(UnsafeMutableRawPointer(handle)) }
    }

    let document: PopplerDocument
    let pageCount: Int
    var format: DocumentFormat { .pdf }
    var metadata: DocumentMetadata { document.metadata }
    /// Made on first use and kept, so its scratch folder is made once per document.
    private var recognizer: PDFPageOCR?

    init(document: PopplerDocument) {
        self.document = document
        pageCount = document.pageCount
    }

    func page(_ number: Int) -> Page? {
        guard number >= 1, number <= pageCount, let index = Int32(exactly: number - 1),
            let handle = poppler_document_get_page(document.handle, index)
        else { return nil }
        return Page(handle)
    }

    func textLayer(_ page: Page, number: Int, fonts: inout FontTable) -> PageText {
        PageTextExtractor.extract(page: page.handle, fonts: &fonts)
    }

    func largestImageCoverage(_ page: Page) -> Double { PDFPageOCR.largestImageCoverage(page: page.handle) }

    func canRecognize(_ page: Page) -> Bool { true }

    func recognize(
        _ page: Page, number: Int, engine: OCREngine.Tesseract, timeout: Double, fonts: inout FontTable
    ) -> Result<PageText?, IngestError> {
        let current = recognizer ?? PDFPageOCR(engine: engine, timeout: timeout)
        recognizer = current
        return current.recognize(page: page.handle, number: number, fonts: &fonts)
    }

    func outline() -> [OutlineEntry] { document.bookmarks() }
    func taggedHeadings() -> [OutlineEntry] { document.structureHeadings() }
}
