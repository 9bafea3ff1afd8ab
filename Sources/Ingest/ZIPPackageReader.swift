import DocumentModel
import Foundation

/// Reads an acceptance package (ZIP) in memory: every entry is ingested recursively, never extracted to disk.
public enum ZIPPackageReader {
    /// `depth` is the nesting depth of this package (0 for a file on disk).
    public static func read(data: Data, displayPath: String, limits: IngestLimits, depth: Int) -> [Document] {
        [Document.failed(path: displayPath, format: .zip, error: IngestError(.unsupported, detail: "not implemented"))]
    }
}
