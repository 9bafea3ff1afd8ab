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

    /// `engine` is the tesseract to use, or why there is none; evaluated only when a page needs OCR.
    static func read(
        data: Data, displayPath: String, limits: IngestLimits,
        engine: @escaping @autoclosure () -> Result<OCREngine.Tesseract, IngestError>
    ) -> Document {
        data.withUnsafeBytes { bytes in
            // The document borrows the bytes: it must be released inside this closure.
            read(bytes: bytes, displayPath: displayPath, limits: limits, engine: engine())
        }
    }

    static func read(
        bytes: UnsafeRawBufferPointer, displayPath: String, limits: IngestLimits,
        engine: @escaping @autoclosure () -> Result<OCREngine.Tesseract, IngestError>
    ) -> Document {
        let document: PopplerDocument
        switch PopplerDocument.open(bytes: bytes) {
        case .success(let opened): document = opened
        case .failure(let error): return Document.failed(path: displayPath, format: .pdf, error: error)
        }
        guard document.pageCount > 0 else {
            return Document.failed(path: displayPath, format: .pdf, error: IngestError(.corrupt, detail: "PDF has no pages"))
        }
        let source = PDFPageSource(document: document)
        let reading = PagedReader(source: source, limits: limits, engine: engine()).read()
        return reading.document(
            path: displayPath, format: .pdf, metadata: source.metadata, pageCount: source.pageCount)
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
