import CPoppler
import DocumentModel
import Foundation
import Structure

/// Reads a PDF through poppler-glib into the document model. Pages without a usable text layer (none, or glyph soup
/// from fonts without a character map) are rendered and recognised with OCR, as `IngestLimits.ocr` says.
public enum PDFReader {
    public static func read(data: Data, displayPath: String, limits: IngestLimits) -> Document {
        read(data: data, displayPath: displayPath, limits: limits, engine: OCREngine.installed)
    }

    /// `engine` is the tesseract to use, or why there is none.
    static func read(
        data: Data, displayPath: String, limits: IngestLimits, engine: Result<OCREngine.Tesseract, IngestError>
    ) -> Document {
        data.withUnsafeBytes { bytes in
            // The document borrows the bytes: it must be released inside this closure.
            read(bytes: bytes, displayPath: displayPath, limits: limits, engine: engine)
        }
    }

    /// A page with fewer characters than this, lying on an image that covers most of it, is a scan with a stamp or
    /// page number added as text: in auto mode it is recognised too.
    static let sparseTextCharacters = 40

    static func read(
        bytes: UnsafeRawBufferPointer, displayPath: String, limits: IngestLimits,
        engine: Result<OCREngine.Tesseract, IngestError>
    ) -> Document {
        let document: PopplerDocument
        switch PopplerDocument.open(bytes: bytes) {
        case .success(let opened): document = opened
        case .failure(let error): return Document.failed(path: displayPath, format: .pdf, error: error)
        }
        let pageCount = document.pageCount
        guard pageCount > 0 else {
            return Document.failed(path: displayPath, format: .pdf, error: IngestError(.corrupt, detail: "PDF has no pages"))
        }
        var warnings: [String] = []
        let readable = min(pageCount, limits.maxPages)
        if readable < pageCount {
            warnings.append("only the first \(readable) of \(pageCount) pages were read (page limit)")
        }

        var fonts = FontTable()
        var pages: [(number: Int, text: PageText)] = []
        pages.reserveCapacity(readable)
        var pagesWithoutText: [Int] = []
        var garbagePages = 0
        var ocr = OCRTally()
        var recognizer: PDFPageOCR?
        for index in 0..<readable {
            let number = index + 1
            guard let page = poppler_document_get_page(document.handle, Int32(index)) else {
                pagesWithoutText.append(number)
                continue
            }
            defer { gc_object_unref(UnsafeMutableRawPointer(page)) }
            let text = PageTextExtractor.extract(page: page, fonts: &fonts)
            if text.status == .garbage { garbagePages += 1 }
            let sparseScan = limits.ocr == .auto && text.status == .text
                && text.visibleCharacters < sparseTextCharacters
                && PDFPageOCR.largestImageCoverage(page: page) >= 0.5
            let wantsOCR: Bool
            switch limits.ocr {
            case .off: wantsOCR = false
            case .force: wantsOCR = true
            case .auto: wantsOCR = text.status != .text || sparseScan
            }
            if wantsOCR {
                if ocr.attempted >= limits.maxOCRPages {
                    ocr.capped.append(number)
                } else {
                    switch engine {
                    case .failure(let error):
                        ocr.unavailable = error
                        ocr.unavailablePages.append(number)
                    case .success(let tesseract):
                        ocr.attempted += 1
                        let current = recognizer ?? PDFPageOCR(engine: tesseract, timeout: limits.ocrPageTimeout)
                        recognizer = current
                        switch current.recognize(page: page, number: number, fonts: &fonts) {
                        case .success(let recognised?):
                            // A sparse text layer stays when OCR reads no more than it has.
                            if !sparseScan || recognised.visibleCharacters > text.visibleCharacters {
                                pages.append((number, recognised))
                                ocr.pages.append(number)
                                ocr.confidence += recognised.lines.reduce(0) { $0 + ($1.ocrConfidence ?? 0) * Double($1.weight) }
                                ocr.characters += recognised.visibleCharacters
                                continue
                            }
                        case .success(nil):
                            ocr.empty.append(number)
                        case .failure(let error) where error.kind == .timeout:
                            ocr.timedOut.append(number)
                        case .failure(let error):
                            ocr.failed.append(number)
                            ocr.failure = error
                        }
                    }
                }
            }
            // The text layer, where OCR was not wanted or gave nothing.
            switch text.status {
            case .text:
                pages.append((number, text))
            case .empty, .garbage:
                pagesWithoutText.append(number)
            }
        }
        recognizer = nil
        if garbagePages > 0 {
            warnings.append("\(garbagePages) pages have unreadable text (no usable character map)")
        }
        warnings += ocr.warnings(limits: limits)
        let metadata = document.metadata
        guard !pages.isEmpty else {
            let error: IngestError
            if let unavailable = ocr.unavailable {
                error = IngestError(.ocrUnavailable, detail: unavailable.detail)
            } else if !ocr.timedOut.isEmpty {
                error = IngestError(
                    .timeout, message: "文字识别（OCR）超时，未能读取任何页面",
                    detail: "OCR timed out on \(ocr.timedOut.count) pages, no page has text")
            } else if !ocr.failed.isEmpty, let failure = ocr.failure {
                error = IngestError(
                    .noTextLayer, detail: "no page has a usable text layer, and OCR failed: \(failure.detail ?? failure.message)")
            } else if ocr.attempted > 0 {
                error = IngestError(.noTextLayer, detail: "no page of \(pageCount) has a usable text layer, and OCR found no text")
            } else {
                error = IngestError(.noTextLayer, detail: "no page of \(pageCount) has a usable text layer")
            }
            var failed = Document(
                path: displayPath, format: .pdf, metadata: metadata, pageCount: pageCount,
                pagesWithoutText: pagesWithoutText, warnings: warnings, error: error)
            failed.blocks = []
            return failed
        }
        let assembler = PDFLayoutAssembler(
            pages: pages, fonts: fonts, bookmarks: document.bookmarks(), taggedHeadings: document.structureHeadings())
        let output = assembler.assemble()
        return Document(
            path: displayPath, format: .pdf, metadata: metadata, pageCount: pageCount, blocks: output.blocks,
            toc: output.toc, pagesWithoutText: pagesWithoutText, warnings: warnings + output.warnings,
            ocrPages: ocr.pages)
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
                out.append("OCR timed out (\(Int(limits.ocrPageTimeout)) s per page) on pages \(list(timedOut))")
            }
            if !failed.isEmpty {
                out.append("OCR failed on pages \(list(failed)): \(failure?.detail ?? failure?.message ?? "")")
            }
            if !empty.isEmpty {
                out.append("OCR found no text (or only noise) on pages \(list(empty))")
            }
            return out
        }

        private func list(_ numbers: [Int]) -> String {
            let shown = numbers.prefix(20).map(String.init).joined(separator: ", ")
            return numbers.count > 20 ? shown + ", …" : shown
        }
    }
}

extension PDFReader {
    /// Extracts text from a one-page PDF built in memory. Call once, on one thread, before reading PDFs from
    /// several threads: poppler initialises colour-management state lazily without a lock on first use.
    /// Returns whether the probe page yielded its text.
    @discardableResult
    public static func warmUp() -> Bool {
        let document = read(data: probePDF, displayPath: "warm-up.pdf", limits: .default)
        return document.error == nil && document.blocks.contains { $0.text.contains("gapcheck") }
    }

    /// A minimal one-page PDF; poppler rebuilds the cross-reference table, so no offsets are needed.
    static var probePDF: Data {
        let content = "BT /F1 12 Tf 72 720 Td (gapcheck) Tj ET"
        let pdf = """
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R
            /Resources << /Font << /F1 5 0 R >> >> >> endobj
            4 0 obj << /Length \(content.utf8.count) >> stream
            \(content)
            endstream endobj
            5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
            trailer << /Root 1 0 R /Size 6 >>
            %%EOF

            """
        return Data(pdf.utf8)
    }
}
