import Check
import Checklists
import Foundation

/// What the batch files (index.html, summary.csv, findings.xlsx) and a run's exit status need of one project, made
/// once where its report is written. A batch is then written by streaming digests in project order, never by
/// holding every report at once.
public struct ProjectDigest: Codable, Sendable, Equatable {
    /// The small part: counts, filters and statistics, read in a first pass over all projects.
    public struct Summary: Codable, Sendable, Equatable {
        public var id: String
        public var jurisdictionLabel: String
        public var stage: Stage
        public var mustGaps: Int
        public var unreadableDocuments: Int
        /// One error kind per document read in error.
        public var errorKinds: [String]
        /// "地区 · 年份", the group the index's statistics count gaps in.
        public var statisticsGroup: String
        public var gaps: [Gap]
    }

    public struct Gap: Codable, Sendable, Equatable {
        public var requirement: String
        public var title: String
    }

    /// The spreadsheet rows of one project: its 项目汇总 row and its 检查结果 rows.
    public struct Rows: Codable, Sendable, Equatable {
        public var project: [String]
        public var findings: [[String]]
    }

    public var summary: Summary
    /// The project's row of the index table (HTML).
    public var indexRow: String
    /// The project's lines of summary.csv.
    public var csv: String
    public var rows: Rows

    public init(report: ProjectReport, link: String, diff: ReportDiff?) {
        let p = report.project
        let entry = IndexEntry(report: report, link: link, diff: diff)
        summary = Summary(
            id: p.id, jurisdictionLabel: IndexPage.jurisdictionLabel(p), stage: p.stage,
            mustGaps: report.summary.mustGaps, unreadableDocuments: report.summary.unreadableDocuments,
            errorKinds: report.documents.compactMap { $0.error?.kind.rawValue },
            statisticsGroup: "\(IndexPage.jurisdictionLabel(p)) · \(IndexPage.year(report))",
            gaps: report.findings.filter(\.status.isGap).map { Gap(requirement: $0.requirement, title: $0.title) })
        indexRow = IndexPage.row(entry)
        let findingRows = FindingRows.findings([report])
        csv = findingRows.map(CSVSummary.line).joined()
        rows = Rows(project: FindingRows.projects([entry])[0], findings: findingRows)
    }
}

/// Digests in project order, to be read more than once (a first pass for counts and filters, then one per file).
/// A run streams them from its state; merges and tests hold them in memory.
public protocol DigestSource {
    func forEachSummary(_ body: (ProjectDigest.Summary) throws -> Void) throws
    func forEachIndexRow(_ body: (String) throws -> Void) throws
    func forEachCSV(_ body: (String) throws -> Void) throws
    func forEachRows(_ body: (ProjectDigest.Rows) throws -> Void) throws
}

/// Project order everywhere: by the id's UTF-8 bytes, the order SQLite's default collation gives.
public func projectOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

/// Digests held in memory.
public struct DigestList: DigestSource, Sendable {
    public let digests: [ProjectDigest]

    public init(_ digests: [ProjectDigest]) {
        self.digests = digests.sorted { projectOrder($0.summary.id, $1.summary.id) }
    }

    public init(entries: [IndexEntry]) {
        self.init(entries.map { ProjectDigest(report: $0.report, link: $0.link, diff: $0.diff) })
    }

    public func forEachSummary(_ body: (ProjectDigest.Summary) throws -> Void) throws { try digests.forEach { try body($0.summary) } }
    public func forEachIndexRow(_ body: (String) throws -> Void) throws { try digests.forEach { try body($0.indexRow) } }
    public func forEachCSV(_ body: (String) throws -> Void) throws { try digests.forEach { try body($0.csv) } }
    public func forEachRows(_ body: (ProjectDigest.Rows) throws -> Void) throws { try digests.forEach { try body($0.rows) } }
}

/// A text file written through a buffer into a temporary file beside the target, renamed over it when complete:
/// readers see the old file or the new one, and a batch file of any size costs one buffer of memory.
public final class StreamedFile {
    private let target: URL
    private let temp: URL
    private let file: UnsafeMutablePointer<FILE>

    public static func write(to url: URL, _ body: (StreamedFile) throws -> Void) throws {
        let stream = try StreamedFile(url)
        do {
            try body(stream)
            try stream.commit()
        } catch {
            stream.abandon()
            throw error
        }
    }

    /// A file written at `url`'s side and swapped in by `commit()`.
    public init(_ url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        target = url
        temp = AtomicFile.temporary(beside: url)
        guard let f = fopen(temp.path, "wb") else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        file = f
        setvbuf(file, nil, _IOFBF, 1 << 16)
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: $0) }
    }

    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write(bytes: $0.bindMemory(to: UInt8.self)) }
    }

    private func write(bytes: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.count > 0 else { return }
        if fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count {
            throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    public func commit() throws {
        let flushed = fflush(file) == 0 && ferror(file) == 0
        let closed = fclose(file) == 0
        guard flushed, closed else {
            unlink(temp.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        try AtomicFile.swap(temp, into: target)
    }

    public func abandon() {
        fclose(file)
        unlink(temp.path)
    }
}
