import Foundation
import Ingest
import Yams

/// `gapcheck.yaml` at the inbox root: deployment defaults. Every key is optional; command-line options win.
public struct InboxConfig: Codable, Sendable, Hashable {
    /// Checklist id used for projects whose project.yaml names none.
    public var jurisdiction: String?
    /// Output folder; relative paths are taken from the inbox root.
    public var out: String?
    public var workers: Int?
    /// The `Checklists/` folder; relative paths are taken from the inbox root.
    public var checklists: String?
    /// Per-document extraction time limit; each page sent to OCR adds `limits.ocrPageTimeout` to it.
    public var timeoutSeconds: Double?
    /// Address-space limit of each worker process.
    public var memoryMB: Int?
    /// Files modified less than this many seconds ago are left for the next run (still being copied).
    public var settleSeconds: Double?
    /// When pages are recognised with OCR: `auto` (pages without a usable text layer), `off`, `force` (every page).
    public var ocr: OCRMode?
    public var limits: LimitsConfig?
    /// Time zone the reports are dated in (an IANA name such as Asia/Shanghai, the default).
    public var timezone: String?

    public init() {}

    public static let fileName = "gapcheck.yaml"

    /// Reads `gapcheck.yaml` from the inbox root; an absent file gives the defaults.
    public static func load(inbox: URL) throws -> InboxConfig {
        let url = inbox.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return InboxConfig() }
        let text = try String(contentsOf: url, encoding: .utf8)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return InboxConfig() }
        return try YAMLDecoder().decode(InboxConfig.self, from: text)
    }
}

/// Ingest limits as `gapcheck.yaml` may set them; absent keys keep `IngestLimits.default`.
public struct LimitsConfig: Codable, Sendable, Hashable {
    public var maxFileBytes: Int?
    public var maxEntryBytes: Int?
    public var maxTotalUncompressedBytes: Int?
    public var maxCompressionRatio: Int?
    public var maxEntries: Int?
    public var maxNestingDepth: Int?
    public var maxPages: Int?
    public var maxOCRPages: Int?
    public var ocrPageTimeout: Double?

    public init() {}

    public func applied(to base: IngestLimits = .default) -> IngestLimits {
        var limits = base
        if let maxFileBytes { limits.maxFileBytes = maxFileBytes }
        if let maxEntryBytes { limits.maxEntryBytes = maxEntryBytes }
        if let maxTotalUncompressedBytes { limits.maxTotalUncompressedBytes = maxTotalUncompressedBytes }
        if let maxCompressionRatio { limits.maxCompressionRatio = maxCompressionRatio }
        if let maxEntries { limits.maxEntries = maxEntries }
        if let maxNestingDepth { limits.maxNestingDepth = maxNestingDepth }
        if let maxPages { limits.maxPages = maxPages }
        if let maxOCRPages { limits.maxOCRPages = maxOCRPages }
        if let ocrPageTimeout { limits.ocrPageTimeout = ocrPageTimeout }
        return limits
    }
}
