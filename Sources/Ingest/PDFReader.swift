import CPoppler
import DocumentModel
import Foundation
import Structure

/// Reads a PDF through poppler-glib into the document model.
public enum PDFReader {
    public static func read(data: Data, displayPath: String, limits: IngestLimits) -> Document {
        data.withUnsafeBytes { bytes in
            // The document borrows the bytes: it must be released inside this closure.
            read(bytes: bytes, displayPath: displayPath, limits: limits)
        }
    }

    static func read(bytes: UnsafeRawBufferPointer, displayPath: String, limits: IngestLimits) -> Document {
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
        for index in 0..<readable {
            guard let page = poppler_document_get_page(document.handle, Int32(index)) else {
                pagesWithoutText.append(index + 1)
                continue
            }
            let text = PageTextExtractor.extract(page: page, fonts: &fonts)
            gc_object_unref(UnsafeMutableRawPointer(page))
            switch text.status {
            case .text:
                pages.append((index + 1, text))
            case .empty:
                pagesWithoutText.append(index + 1)
            case .garbage:
                pagesWithoutText.append(index + 1)
                garbagePages += 1
            }
        }
        if garbagePages > 0 {
            warnings.append("\(garbagePages) pages have unreadable text (no usable character map); treated as without text")
        }
        let metadata = document.metadata
        guard !pages.isEmpty else {
            var failed = Document(
                path: displayPath, format: .pdf, metadata: metadata, pageCount: pageCount,
                pagesWithoutText: pagesWithoutText, warnings: warnings,
                error: IngestError(.noTextLayer, detail: "no page of \(pageCount) has a usable text layer"))
            failed.blocks = []
            return failed
        }
        let assembler = PDFLayoutAssembler(
            pages: pages, fonts: fonts, bookmarks: document.bookmarks(), taggedHeadings: document.structureHeadings())
        let output = assembler.assemble()
        return Document(
            path: displayPath, format: .pdf, metadata: metadata, pageCount: pageCount, blocks: output.blocks,
            toc: output.toc, pagesWithoutText: pagesWithoutText, warnings: warnings + output.warnings)
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
