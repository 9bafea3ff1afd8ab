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
    /// The file is opened without blocking (a FIFO of that name is an error, not a hang), decoded, and its values
    /// range-checked; any problem is thrown with the file's path.
    public static func load(inbox: URL) throws -> InboxConfig {
        let url = inbox.appendingPathComponent(fileName)
        let raw = RawPath(url)
        guard raw.status(followingLinks: false) != nil else { return InboxConfig() }
        let data: Data
        switch raw.readSmallFile() {
        case .success(let d): data = d
        case .failure(let error): throw ConfigError(path: url.path, problems: ["无法读取：\(error.detail)"])
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return InboxConfig() }
        let config: InboxConfig
        do { config = try YAMLDecoder().decode(InboxConfig.self, from: text) } catch {
            throw ConfigError(path: url.path, problems: ["\(error)"])
        }
        let problems = config.problems()
        if !problems.isEmpty { throw ConfigError(path: url.path, problems: problems) }
        return config
    }

    /// Values out of range, in Chinese.
    public func problems() -> [String] {
        var out: [String] = []
        if let workers, !(1...1024).contains(workers) { out.append("workers 应在 1～1024 之间") }
        if let timeoutSeconds, !(timeoutSeconds.isFinite && timeoutSeconds > 0 && timeoutSeconds <= 86_400) {
            out.append("timeoutSeconds 应大于 0 且不超过 86400")
        }
        if let memoryMB, !(256...(1 << 20)).contains(memoryMB) { out.append("memoryMB 应在 256～1048576 之间") }
        if let settleSeconds, !(settleSeconds.isFinite && settleSeconds >= 0) { out.append("settleSeconds 应为非负数") }
        if let limits { out += limits.problems() }
        return out
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

    public func problems() -> [String] {
        let counts: [(String, Int?)] = [
            ("maxFileBytes", maxFileBytes), ("maxEntryBytes", maxEntryBytes),
            ("maxTotalUncompressedBytes", maxTotalUncompressedBytes), ("maxCompressionRatio", maxCompressionRatio),
            ("maxEntries", maxEntries), ("maxPages", maxPages), ("maxOCRPages", maxOCRPages),
        ]
        var out = counts.compactMap { name, value in value.flatMap { $0 < 1 ? "limits.\(name) 应为正整数" : nil } }
        if let maxNestingDepth, maxNestingDepth < 0 { out.append("limits.maxNestingDepth 不能为负数") }
        if let ocrPageTimeout, !(ocrPageTimeout.isFinite && ocrPageTimeout > 0) { out.append("limits.ocrPageTimeout 应大于 0") }
        return out
    }

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

/// `gapcheck.yaml` cannot be used: the file and what is wrong with it.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var problems: [String]
    public var description: String { "\(path)：\(problems.joined(separator: "；"))" }
}
