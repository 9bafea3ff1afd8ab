import DocumentModel
import Foundation

/// Reads a DOCX (WordprocessingML) package through libzip and libxml2 into the document model.
public enum DOCXReader {
    public static func read(data: Data, displayPath: String, limits: IngestLimits) -> Document {
        Document.failed(path: displayPath, format: .docx, error: IngestError(.unsupported, detail: "not implemented"))
    }
}
