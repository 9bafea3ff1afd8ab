import DocumentModel
import Foundation

/// Reads any paged format through one policy: for each page it decides between the text layer and OCR, tells
/// `OCRProgress` when a page goes to OCR (so a worker's time budget grows with it), keeps a tally of what OCR did,
/// and lays all pages out together with one assembler, so TOC, running headers and headings are found the same way
/// whichever page they are on.
struct PagedReader<Source: PageSource> {
    let source: Source
    let limits: IngestLimits
    /// The tesseract to use, or why there is none: asked only when a page needs OCR, since finding out starts
    /// tesseract, which costs more than reading most text PDFs.
    let engine: () -> Result<OCREngine.Tesseract, IngestError>

    init(source: Source, limits: IngestLimits, engine: @escaping @autoclosure () -> Result<OCREngine.Tesseract, IngestError>) {
        self.source = source
        self.limits = limits
        self.engine = engine
    }

    /// A page with fewer characters than this, lying on an image that covers most of it, is a scan with a stamp or
    /// page number added as text: in auto mode it is recognised too.
    static var sparseTextCharacters: Int { 40 }

    /// What the pages gave: the laid-out blocks, or why there is no text at all.
    struct Reading {
        var output = PageLayoutAssembler.Output()
        var pagesWithoutText: [Int] = []
        var ocrPages: [Int] = []
        var warnings: [String] = []
        /// Set when no page has text.
        var error: IngestError?
    }

    func read() -> Reading {
        var reading = Reading()
        let readable = min(source.pageCount, limits.maxPages)
        if readable < source.pageCount {
            reading.warnings.append("only the first \(readable) of \(source.pageCount) pages were read (page limit)")
        }
        var fonts = FontTable()
        var pages: [(number: Int, text: PageText)] = []
        pages.reserveCapacity(readable)
        var tally = OCRTally()
        var garbagePages = 0
        for number in (0..<readable).map({ $0 + 1 }) {
            guard let page = source.page(number) else {
                reading.pagesWithoutText.append(number)
                continue
            }
            let text = source.textLayer(page, number: number, fonts: &fonts)
            if text.status == .garbage { garbagePages += 1 }
            if let recognised = recognizeIfWanted(page, number: number, text: text, fonts: &fonts, tally: &tally) {
                pages.append((number, recognised.sanitized()))
            } else if text.status == .text {
                pages.append((number, text.sanitized()))
            } else {
                reading.pagesWithoutText.append(number)
            }
        }
        if garbagePages > 0 {
            reading.warnings.append("\(garbagePages) pages have unreadable text (no usable character map)")
        }
        reading.warnings += tally.warnings(limits: limits)
        reading.ocrPages = tally.pages
        guard !pages.isEmpty else {
            reading.error = tally.noTextError(pageCount: source.pageCount)
            return reading
        }
        let assembler = PageLayoutAssembler(
            pages: pages, fonts: fonts, bookmarks: source.outline(), taggedHeadings: source.taggedHeadings())
        reading.output = assembler.assemble()
        reading.warnings += reading.output.warnings
        return reading
    }

    /// The recognised page, when OCR is wanted for it and reads it; nil to keep the text layer (or have none).
    private func recognizeIfWanted(
        _ page: Source.Page, number: Int, text: PageText, fonts: inout FontTable, tally: inout OCRTally
    ) -> PageText? {
        let sparseScan = limits.ocr == .auto && text.status == .text
            && text.visibleCharacters < Self.sparseTextCharacters && source.largestImageCoverage(page) >= 0.5
        switch limits.ocr {
        case .off:
            if text.status != .text, source.canRecognize(page) { tally.off.append(number) }
            return nil
        case .force: break
        case .auto: guard text.status != .text || sparseScan else { return nil }
        }
        guard source.canRecognize(page) else {
            if limits.ocr == .force, text.status == .text { tally.unrenderable.append(number) }
            return nil
        }
        guard tally.attempted < limits.maxOCRPages else {
            tally.capped.append(number)
            return nil
        }
        let tesseract: OCREngine.Tesseract
        switch engine() {
        case .failure(let error):
            tally.unavailable = error
            tally.unavailablePages.append(number)
            return nil
        case .success(let found): tesseract = found
        }
        tally.attempted += 1
        OCRProgress.pageStarted()
        switch source.recognize(page, number: number, engine: tesseract, timeout: limits.ocrPageTimeout, fonts: &fonts) {
        case .success(let recognised?):
            // A sparse text layer stays when OCR reads no more than it has.
            guard !sparseScan || recognised.visibleCharacters > text.visibleCharacters else { return nil }
            tally.record(recognised, page: number)
            return recognised
        case .success(nil):
            tally.empty.append(number)
        case .failure(let error) where error.kind == .timeout:
            tally.timedOut.append(number)
        case .failure(let error) where error.kind == .ocrUnavailable:
            tally.unavailable = error
            tally.unavailablePages.append(number)
        case .failure(let error):
            tally.failed.append(number)
            tally.failure = error
        }
        return nil
    }
}

extension PagedReader.Reading {
    /// The document these pages make, or a failed one with the reason.
    func document(path: String, format: DocumentFormat, metadata: DocumentMetadata, pageCount: Int) -> Document {
        if let error {
            var failed = Document(
                path: path, format: format, metadata: metadata, pageCount: pageCount,
                pagesWithoutText: pagesWithoutText, warnings: warnings, error: error)
            failed.blocks = []
            return failed
        }
        return Document(
            path: path, format: format, metadata: metadata, pageCount: pageCount, blocks: output.blocks,
            toc: output.toc, pagesWithoutText: pagesWithoutText, warnings: warnings, ocrPages: ocrPages)
    }
}

/// What happened to the pages sent to OCR, for the warnings and the error.
struct OCRTally {
    var attempted = 0
    var pages: [Int] = []
    var confidence = 0.0
    var characters = 0
    var empty: [Int] = []
    var timedOut: [Int] = []
    var failed: [Int] = []
    var failure: IngestError?
    var capped: [Int] = []
    var unavailable: IngestError?
    var unavailablePages: [Int] = []
    /// Pages without a text layer left unread because OCR is off.
    var off: [Int] = []
    /// Pages OCR was forced on that have nothing it can read (an OFD page drawn only as text and paths).
    var unrenderable: [Int] = []

    mutating func record(_ page: PageText, page number: Int) {
        pages.append(number)
        confidence += page.lines.reduce(0) { $0 + ($1.ocrConfidence ?? 0) * Double($1.weight) }
        characters += page.visibleCharacters
    }

    /// Why a document with no page of text has none.
    func noTextError(pageCount: Int) -> IngestError {
        if let unavailable { return IngestError(.ocrUnavailable, detail: unavailable.detail) }
        if !timedOut.isEmpty {
            return IngestError(
                .timeout, message: "文字识别（OCR）超时，未能读取任何页面",
                detail: "OCR timed out on \(timedOut.count) pages, no page has text")
        }
        if !failed.isEmpty, let failure {
            return IngestError(
                .noTextLayer, detail: "no page has a usable text layer, and OCR failed: \(failure.detail ?? failure.message)")
        }
        if attempted > 0 {
            return IngestError(.noTextLayer, detail: "no page of \(pageCount) has a usable text layer, and OCR found no text")
        }
        return IngestError(.noTextLayer, detail: "no page of \(pageCount) has a usable text layer")
    }

    func warnings(limits: IngestLimits) -> [String] {
        var out: [String] = []
        if !pages.isEmpty {
            let mean = characters > 0 ? confidence / Double(characters) : 0
            out.append("\(pages.count) pages recognised with OCR (mean confidence \(Int(mean.rounded())))")
        }
        if !unavailablePages.isEmpty, let unavailable {
            out.append(
                "\(unavailablePages.count) pages need OCR, which is unavailable: \(unavailable.detail ?? unavailable.message); pages \(list(unavailablePages))")
        }
        if !capped.isEmpty {
            out.append("\(capped.count) pages were not recognised (OCR page limit \(limits.maxOCRPages)); pages \(list(capped))")
        }
        if !timedOut.isEmpty {
            out.append("OCR timed out (\(String(format: "%.0f", limits.ocrPageTimeout)) s per page) on pages \(list(timedOut))")
        }
        if !failed.isEmpty {
            out.append("OCR failed on pages \(list(failed)): \(failure?.detail ?? failure?.message ?? "")")
        }
        if !empty.isEmpty {
            out.append("OCR found no text (or only noise) on pages \(list(empty))")
        }
        if !off.isEmpty {
            out.append("\(off.count) pages without a text layer were not recognised (OCR is off); pages \(list(off))")
        }
        if !unrenderable.isEmpty {
            out.append("OCR forced, but pages \(list(unrenderable)) have no image to recognise; their text layer was kept")
        }
        return out
    }

    private func list(_ numbers: [Int]) -> String {
        let shown = numbers.prefix(20).map(String.init).joined(separator: ", ")
        return numbers.count > 20 ? shown + ", …" : shown
    }
}
