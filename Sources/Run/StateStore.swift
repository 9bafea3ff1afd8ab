import Check
import Checklists
import DocumentModel
import Foundation
import GRDB
import Report

/// The run state in `<out>/state.sqlite`: what files were seen, cached extractions, runs and findings history.
/// Every change is one transaction, so a run killed at any moment leaves a consistent database.
public final class StateStore: Sendable {
    let db: DatabaseQueue

    public struct FileRecord: Sendable, Equatable {
        public var size: Int64
        public var mtime: Double
        public var sha256: String
    }

    public init(url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        db = try DatabaseQueue(path: url.path, configuration: config)
        try Self.migrate(db)
        // A file SQLite opens lazily may still be damaged: quick_check reads every page.
        let check = try db.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
        guard check == ["ok"] else { throw StateDamaged(detail: check.prefix(3).joined(separator: "; ")) }
    }

    struct StateDamaged: Error, CustomStringConvertible {
        var detail: String
        var description: String { "integrity check failed: \(detail)" }
    }

    /// Opens the state, or, when it is damaged, moves it aside as `state.sqlite.damaged-<time>` and starts a new
    /// one: the state is a cache of what the documents say, so a run rebuilds it instead of stopping.
    /// Returns the warning to log when that happened.
    public static func openHealing(url: URL, now: Date = Date()) throws -> (store: StateStore, warning: String?) {
        do {
            return (try StateStore(url: url), nil)
        } catch {
            let stamp = Int(now.timeIntervalSince1970)
            let aside = url.deletingLastPathComponent().appendingPathComponent("\(url.lastPathComponent).damaged-\(stamp)")
            let fm = FileManager.default
            try fm.moveItem(at: url, to: aside)
            for suffix in ["-wal", "-shm", "-journal"] {
                let side = URL(fileURLWithPath: url.path + suffix)
                if fm.fileExists(atPath: side.path) { try? fm.moveItem(at: side, to: URL(fileURLWithPath: aside.path + suffix)) }
            }
            let store = try StateStore(url: url)
            return (store, "state database \(url.path) was damaged (\(error)); moved to \(aside.lastPathComponent) and rebuilt")
        }
    }

    static func migrate(_ db: DatabaseQueue) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE files (
                    project TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL,
                    sha256 TEXT NOT NULL, PRIMARY KEY (project, path));
                CREATE TABLE extractions (
                    sha256 TEXT NOT NULL, version TEXT NOT NULL, displayPath TEXT NOT NULL, documents BLOB NOT NULL,
                    created TEXT NOT NULL, PRIMARY KEY (sha256, version));
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY, mode TEXT NOT NULL, started TEXT NOT NULL, finished TEXT, summary BLOB);
                CREATE TABLE projects (
                    id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, lastRun TEXT NOT NULL);
                CREATE TABLE findings (
                    run TEXT NOT NULL, project TEXT NOT NULL, requirement TEXT NOT NULL, title TEXT NOT NULL,
                    stage TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL,
                    PRIMARY KEY (run, project, requirement));
                CREATE INDEX findings_project ON findings(project, run);
                """)
        }
        migrator.registerMigration("v2-failures") { db in
            // Timeouts and crashes are kept apart from extractions: they depend on the limits, not only on the
            // bytes, so they are retried rather than cached as the document's final word.
            try db.execute(sql: """
                CREATE TABLE failures (
                    sha256 TEXT NOT NULL, version TEXT NOT NULL, kind TEXT NOT NULL, timeoutSeconds REAL NOT NULL,
                    memoryMB INTEGER NOT NULL, attempts INTEGER NOT NULL, documents BLOB NOT NULL, created TEXT NOT NULL,
                    PRIMARY KEY (sha256, version));
                """)
        }
        try migrator.migrate(db)
    }

    // MARK: Files

    public func file(project: String, path: String) throws -> FileRecord? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT size, mtime, sha256 FROM files WHERE project = ? AND path = ?",
                             arguments: [project, path]).map {
                FileRecord(size: $0["size"], mtime: $0["mtime"], sha256: $0["sha256"])
            }
        }
    }

    public func recordFile(project: String, path: String, record: FileRecord) throws {
        try db.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO files (project, path, size, mtime, sha256) VALUES (?, ?, ?, ?, ?)",
                arguments: [project, path, record.size, record.mtime, record.sha256])
        }
    }

    /// Forgets files of a project that are no longer in its folder.
    public func pruneFiles(project: String, keeping paths: Set<String>) throws {
        try db.write { db in
            let known = try String.fetchAll(db, sql: "SELECT path FROM files WHERE project = ?", arguments: [project])
            for path in known where !paths.contains(path) {
                try db.execute(sql: "DELETE FROM files WHERE project = ? AND path = ?", arguments: [project, path])
            }
        }
    }

    // MARK: Extractions

    public func extraction(sha256: String, version: String) throws -> (displayPath: String, documents: [Document])? {
        let row = try db.read { db in
            try Row.fetchOne(db, sql: "SELECT displayPath, documents FROM extractions WHERE sha256 = ? AND version = ?",
                             arguments: [sha256, version])
        }
        guard let row else { return nil }
        let data: Data = row["documents"]
        guard let docs = try? JSONDecoder().decode([Document].self, from: data) else { return nil }
        return (row["displayPath"], docs)
    }

    public func storeExtraction(sha256: String, version: String, displayPath: String, documents: [Document]) throws {
        let data = try JSONEncoder().encode(documents)
        try db.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO extractions (sha256, version, displayPath, documents, created)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [sha256, version, displayPath, data, ISO8601DateFormatter().string(from: Date())])
        }
    }

    // MARK: Failures

    /// A timeout or crash recorded for these bytes, under the limits it happened with.
    public struct FailureRecord: Sendable {
        public var kind: String
        public var timeoutSeconds: Double
        public var memoryMB: Int
        public var attempts: Int
        public var documents: [Document]
    }

    public func failure(sha256: String, version: String) throws -> FailureRecord? {
        let row = try db.read { db in
            try Row.fetchOne(db, sql: """
                SELECT kind, timeoutSeconds, memoryMB, attempts, documents FROM failures WHERE sha256 = ? AND version = ?
                """, arguments: [sha256, version])
        }
        guard let row else { return nil }
        let docs = (try? JSONDecoder().decode([Document].self, from: row["documents"] as Data)) ?? []
        return FailureRecord(kind: row["kind"], timeoutSeconds: row["timeoutSeconds"], memoryMB: row["memoryMB"],
                             attempts: row["attempts"], documents: docs)
    }

    /// Counts one more failed attempt under these limits.
    public func recordFailure(sha256: String, version: String, kind: String, timeoutSeconds: Double, memoryMB: Int,
                              documents: [Document]) throws {
        let data = try JSONEncoder().encode(documents)
        try db.write { db in
            let attempts = try Int.fetchOne(
                db, sql: "SELECT attempts FROM failures WHERE sha256 = ? AND version = ?", arguments: [sha256, version]) ?? 0
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO failures (sha256, version, kind, timeoutSeconds, memoryMB, attempts, documents, created)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [sha256, version, kind, timeoutSeconds, memoryMB, attempts + 1, data,
                            ISO8601DateFormatter().string(from: Date())])
        }
    }

    public func clearFailure(sha256: String, version: String) throws {
        try db.write { db in
            try db.execute(sql: "DELETE FROM failures WHERE sha256 = ? AND version = ?", arguments: [sha256, version])
        }
    }

    // MARK: Projects and findings

    public func fingerprint(project: String) throws -> String? {
        try db.read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM projects WHERE id = ?", arguments: [project])
        }
    }

    /// The findings of the last run that checked the project, with that run's id.
    public func lastFindings(project: String) throws -> (run: String, findings: [Finding])? {
        try db.read { db -> (run: String, findings: [Finding])? in
            guard let run = try String.fetchOne(
                db, sql: "SELECT lastRun FROM projects WHERE id = ?", arguments: [project])
            else { return nil }
            let rows = try Row.fetchAll(
                db, sql: "SELECT requirement, title, stage, status, severity FROM findings WHERE run = ? AND project = ?",
                arguments: [run, project])
            let findings = rows.compactMap { row -> Finding? in
                guard let stage = Stage(rawValue: row["stage"]), let status = RequirementStatus(rawValue: row["status"]),
                      let severity = Severity(rawValue: row["severity"]) else { return nil }
                return Finding(requirement: row["requirement"], title: row["title"], stage: stage, status: status,
                               severity: severity, reason: "", evidence: [],
                               basis: FindingBasis(regulation: "", article: "", quote: ""))
            }
            return (run, findings)
        }
    }

    /// Records a checked project: its fingerprint and its findings for this run, in one transaction.
    public func recordProject(id: String, fingerprint: String, run: String, findings: [Finding]) throws {
        try db.write { db in
            try db.execute(sql: "DELETE FROM findings WHERE run = ? AND project = ?", arguments: [run, id])
            for f in findings {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO findings (run, project, requirement, title, stage, status, severity)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [run, id, f.requirement, f.title, f.stage.rawValue, f.status.rawValue, f.severity.rawValue])
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO projects (id, fingerprint, lastRun) VALUES (?, ?, ?)",
                arguments: [id, fingerprint, run])
        }
    }

    // MARK: Runs

    public func recordRun(_ summary: RunSummary) throws {
        let data = try JSONEncoder().encode(summary)
        try db.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO runs (id, mode, started, finished, summary) VALUES (?, ?, ?, ?, ?)",
                arguments: [summary.id, summary.mode, summary.started, summary.finished, data])
        }
    }

    public func runCount() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
    }
}
