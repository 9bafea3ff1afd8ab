import Check
import Checklists
import Foundation
import GRDB
import Report

/// What the run state keeps of a finding: enough to tell new and resolved gaps next time.
public struct FindingRecord: Codable, Sendable, Hashable {
    public var requirement: String
    public var title: String
    public var stage: Stage
    public var status: RequirementStatus
    public var severity: Severity

    public init(requirement: String, title: String, stage: Stage, status: RequirementStatus, severity: Severity) {
        self.requirement = requirement
        self.title = title
        self.stage = stage
        self.status = status
        self.severity = severity
    }

    public init(_ f: Finding) {
        self.init(requirement: f.requirement, title: f.title, stage: f.stage, status: f.status, severity: f.severity)
    }

    /// A finding with only what a report diff compares.
    public var finding: Finding {
        Finding(requirement: requirement, title: title, stage: stage, status: status, severity: severity, reason: "",
                evidence: [], basis: FindingBasis(regulation: "", article: "", quote: ""))
    }
}

/// The findings of the last run that checked a project.
public struct PreviousFindings: Codable, Sendable {
    public var run: String
    public var findings: [FindingRecord]
}

/// A project digest as stored: its parts encoded once, by the worker that wrote the report.
public struct DigestParts: Sendable {
    public var summary: Data
    public var indexRow: Data
    public var csv: Data
    public var rows: Data

    public init(summary: Data, indexRow: Data, csv: Data, rows: Data) {
        self.summary = summary
        self.indexRow = indexRow
        self.csv = csv
        self.rows = rows
    }

    public init(_ digest: ProjectDigest) throws {
        let encoder = JSONEncoder()
        self.init(summary: try encoder.encode(digest.summary), indexRow: Data(digest.indexRow.utf8),
                  csv: Data(digest.csv.utf8), rows: try encoder.encode(digest.rows))
    }

    var all: [Data] { [summary, indexRow, csv, rows] }

    init?(_ parts: [Data]) {
        guard parts.count == 4 else { return nil }
        self.init(summary: parts[0], indexRow: parts[1], csv: parts[2], rows: parts[3])
    }
}

/// Everything one project changes in the run state, applied in one transaction with other projects'.
public struct ProjectUpdate: Sendable {
    public var project: String
    /// The project's files now: records of other paths are dropped.
    public var paths: Set<String>
    public var files: [(path: String, record: StateStore.FileRecord)] = []
    public var extractions: [StateStore.StoredExtraction] = []
    public var failures: [StateStore.NewFailure] = []
    public var checked: Checked?

    public struct Checked: Sendable {
        public var fingerprint: String
        public var run: String
        public var findings: [FindingRecord]
        public var digest: DigestParts
    }

    public init(project: String, paths: Set<String>) {
        self.project = project
        self.paths = paths
    }

    func apply(_ db: Database) throws {
        try StateStore.pruneFiles(db, project: project, keeping: paths)
        for e in extractions {
            try StateStore.storeExtraction(db, e)
            try StateStore.clearFailure(db, sha256: e.sha256, version: e.version)
        }
        for f in failures { try StateStore.recordFailure(db, f) }
        for (path, record) in files { try StateStore.recordFile(db, project: project, path: path, record: record) }
        if let checked {
            try StateStore.recordProject(db, id: project, fingerprint: checked.fingerprint, run: checked.run,
                                         findings: checked.findings)
            try StateStore.storeDigest(db, project: project, checked.digest)
        }
    }
}

/// Collects project updates from the lanes and writes them in few transactions: every `batchSize` projects or
/// `interval` seconds, and at `flush`. A run killed in between loses only the state of projects whose reports are
/// then checked again.
final class StateWriter: @unchecked Sendable {
    private let state: StateStore
    private let batchSize: Int
    private let interval: TimeInterval
    private let lock = NSLock()
    private var pending: [ProjectUpdate] = []
    private var lastCommit = Date()
    private let onError: @Sendable (String, Error) -> Void

    init(state: StateStore, batchSize: Int = 64, interval: TimeInterval = 2,
         onError: @escaping @Sendable (String, Error) -> Void) {
        self.state = state
        self.batchSize = batchSize
        self.interval = interval
        self.onError = onError
    }

    func add(_ update: ProjectUpdate) {
        let due: [ProjectUpdate] = lock.withLock {
            pending.append(update)
            guard pending.count >= batchSize || Date().timeIntervalSince(lastCommit) >= interval else { return [] }
            lastCommit = Date()
            defer { pending = [] }
            return pending
        }
        commit(due)
    }

    func flush() {
        commit(lock.withLock {
            defer { pending = [] }
            return pending
        })
    }

    private func commit(_ updates: [ProjectUpdate]) {
        guard !updates.isEmpty else { return }
        do {
            try state.apply(updates)
        } catch {
            onError(updates.map(\.project).joined(separator: ", "), error)
        }
    }
}

/// Digests streamed from the state, in project order, limited to the projects of this inbox.
struct StoredDigests: DigestSource {
    let db: DatabaseQueue
    let projects: Set<String>

    private func each(_ column: String, _ body: (Data) throws -> Void) throws {
        try db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT project, \(column) FROM digests ORDER BY project")
            while let row = try rows.next() {
                guard projects.contains(row[0]) else { continue }
                try body(row[1])
            }
        }
    }

    func forEachSummary(_ body: (ProjectDigest.Summary) throws -> Void) throws {
        let decoder = JSONDecoder()
        try each("summary") { try body(try decoder.decode(ProjectDigest.Summary.self, from: $0)) }
    }

    func forEachIndexRow(_ body: (String) throws -> Void) throws {
        try each("indexRow") { try body(String(decoding: $0, as: UTF8.self)) }
    }

    func forEachCSV(_ body: (String) throws -> Void) throws {
        try each("csv") { try body(String(decoding: $0, as: UTF8.self)) }
    }

    func forEachRows(_ body: (ProjectDigest.Rows) throws -> Void) throws {
        let decoder = JSONDecoder()
        try each("rows") { try body(try decoder.decode(ProjectDigest.Rows.self, from: $0)) }
    }
}
