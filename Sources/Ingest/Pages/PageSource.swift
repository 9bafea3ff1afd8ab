import DocumentModel

/// A paged format as the paged reader sees it: pages with a text layer (or none), the images on them, a way to
/// recognise a page with OCR, and the document's own outline. PDF and OFD each implement it; everything that
/// decides what to do with a page lives in `PagedReader`.
protocol PageSource {
    /// A page opened for reading; released when the reader is done with it.
    associatedtype Page

    var format: DocumentFormat { get }
    var pageCount: Int { get }
    var metadata: DocumentMetadata { get }

    /// The page, or nil when it cannot be read at all.
    func page(_ number: Int) -> Page?
    /// The page's text layer as lines. Pages that cannot be read have status `.empty`.
    func textLayer(_ page: Page, number: Int, fonts: inout FontTable) -> PageText
    /// Share of the page covered by its largest image, 0–1: a scan is one image over (nearly) all of it.
    func largestImageCoverage(_ page: Page) -> Double
    /// Whether OCR has anything to read on the page (PDF renders every page; OFD has only its images).
    func canRecognize(_ page: Page) -> Bool
    /// The page recognised with OCR, nil when OCR found no legible text.
    func recognize(
        _ page: Page, number: Int, engine: OCREngine.Tesseract, timeout: Double, fonts: inout FontTable
    ) -> Result<PageText?, IngestError>
    /// The document's outline (bookmarks), in document order.
    func outline() -> [OutlineEntry]
    /// Headings of a tagged structure tree, when the format has one.
    func taggedHeadings() -> [OutlineEntry]
}
