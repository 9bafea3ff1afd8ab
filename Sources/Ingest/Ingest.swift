import DocumentModel
import Foundation

/// Caps that keep hostile or broken input from exhausting the machine. Deployments may tighten or loosen them.
public struct IngestLimits: Codable, Sendable, Hashable {
    /// Largest file read at all.
    public var maxFileBytes: Int = 512 << 20
    /// Largest single ZIP entry or XML part, as actually inflated (declared sizes are not trusted).
    public var maxEntryBytes: Int = 128 << 20
    /// Sum of inflated bytes over one container, nested containers included.
    public var maxTotalUncompressedBytes: Int = 1 << 30
    /// Inflated / compressed bytes of an entry, checked on bytes produced, above 1 MiB.
    public var maxCompressionRatio: Int = 200
    public var maxEntries: Int = 10_000
    /// ZIP inside ZIP inside …
    public var maxNestingDepth: Int = 3
    /// Pages read from one PDF.
    public var maxPages: Int = 5_000

    public init() {}

    public static let `default` = IngestLimits()
}

/// The entry point of the ingest stage: bytes in, structured documents out. Never throws: a file that cannot be
/// read becomes a `Document` whose `error` names the kind of failure.
public enum Ingestor {
    /// Bumped whenever extraction output changes, so cached extractions are redone.
    public static let version = "1"

    /// Reads one file. A ZIP package yields one document per readable entry (recursively); anything else one.
    /// `displayPath` is what reports show (the path relative to the project folder).
    public static func ingest(file: URL, displayPath: String, limits: IngestLimits = .default) -> [Document] {
        [Document.failed(path: displayPath, format: .unknown, error: IngestError(.unsupported, detail: "not implemented"))]
    }

    /// Reads a document held in memory (e.g. a ZIP entry).
    public static func ingest(data: Data, displayPath: String, limits: IngestLimits = .default) -> [Document] {
        [Document.failed(path: displayPath, format: .unknown, error: IngestError(.unsupported, detail: "not implemented"))]
    }
}
