import DocumentModel
import Foundation

/// Reads a PDF through poppler-glib into the document model.
public enum PDFReader {
    public static func read(data: Data, displayPath: String, limits: IngestLimits) -> Document {
        Document.failed(path: displayPath, format: .pdf, error: IngestError(.unsupported, detail: "not implemented"))
    }
}
