import DocumentModel

/// Placeholder for the ingest stage.
public enum IngestInfo {
    public static let name = "Ingest"
}
