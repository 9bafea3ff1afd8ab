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
        /// How reading these bytes ended, one entry per document ("ok" or an error kind, comma-separated): part of
        /// the project's fingerprint, so an unchanged project is judged without loading its extraction.
        public var outcome: String?

        public init(size: Int64, mtime: Double, sha256: String, outcome: String? = nil) {
            self.size = size
            self.mtime = mtime
            self.sha256 = sha256
            self.outcome = outcome
        }
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
        migrator.registerMigration("v3-digests") { db in
            // Outcomes let an unchanged project be judged from its file records alone; digests let the batch files
            // be streamed from here instead of from every report.json.
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN outcome TEXT;
                ALTER TABLE extractions ADD COLUMN outcome TEXT;
                CREATE TABLE digests (
                    project TEXT PRIMARY KEY, summary BLOB NOT NULL, indexRow BLOB NOT NULL, csv BLOB NOT NULL,
                    rows BLOB NOT NULL);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        }
        try migrator.migrate(db)
    }

    // MARK: Files

    static func fileRecord(_ row: Row) -> FileRecord {
        FileRecord(size: row["size"], mtime: row["mtime"], sha256: row["sha256"], outcome: row["outcome"])
    }

    /// What an earlier run recorded of one project.
    public struct ProjectRecord: Sendable {
        /// Its files, by path.
        public var files: [String: FileRecord] = [:]
        /// The fingerprint of its last check.
        public var fingerprint: String?
    }

    /// One project's file records and fingerprint, in one read.
    public func recorded(project: String) throws -> ProjectRecord {
        try db.read { db in
            var record = ProjectRecord()
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT path, size, mtime, sha256, outcome FROM files WHERE project = ?"),
                arguments: [project])
            while let row = try rows.next() { record.files[row["path"]] = Self.fileRecord(row) }
            record.fingerprint = try String.fetchOne(
                db.cachedStatement(sql: "SELECT fingerprint FROM projects WHERE id = ?"), arguments: [project])
            return record
        }
    }

    static func recordFile(_ db: Database, project: String, path: String, record: FileRecord) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO files (project, path, size, mtime, sha256, outcome) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [project, path, record.size, record.mtime, record.sha256, record.outcome])
    }

    /// Forgets files of a project that are no longer in its folder.
    static func pruneFiles(_ db: Database, project: String, keeping paths: Set<String>) throws {
        let known = try String.fetchAll(db.cachedStatement(sql: "SELECT path FROM files WHERE project = ?"),
                                        arguments: [project])
        for path in known where !paths.contains(path) {
            try db.cachedStatement(sql: "DELETE FROM files WHERE project = ? AND path = ?")
                .execute(arguments: [project, path])
        }
    }

    // MARK: Extractions

    /// An extraction as the worker sent it: the documents' JSON, never decoded by the run.
    public struct StoredExtraction: Sendable {
        public var sha256: String
        public var version: String
        public var displayPath: String
        public var documents: Data
        public var outcome: String?
    }

    static func storeExtraction(_ db: Database, _ e: StoredExtraction) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO extractions (sha256, version, displayPath, documents, created, outcome)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [e.sha256, e.version, e.displayPath, e.documents, Timestamp.now(),
                        e.outcome])
    }

    /// The cached extraction of these bytes as stored, without decoding it.
    public func storedExtraction(sha256: String, version: String) throws -> StoredExtraction? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "SELECT displayPath, documents, outcome FROM extractions WHERE sha256 = ? AND version = ?",
                arguments: [sha256, version]
            ).map {
                StoredExtraction(sha256: sha256, version: version, displayPath: $0["displayPath"],
                                 documents: $0["documents"], outcome: $0["outcome"])
            }
        }
    }

    public func hasExtractions() throws -> Bool {
        try db.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM extractions)") ?? false }
    }

    /// "ok" or the error kind of each document, comma-separated.
    public static func outcome(_ documents: [Document]) -> String {
        documents.map { $0.error?.kind.rawValue ?? "ok" }.joined(separator: ",")
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

    public struct NewFailure: Sendable {
        public var sha256: String
        public var version: String
        public var kind: String
        public var timeoutSeconds: Double
        public var memoryMB: Int
        public var documents: Data
    }

    /// Counts one more failed attempt under these limits.
    static func recordFailure(_ db: Database, _ f: NewFailure) throws {
        let attempts = try Int.fetchOne(
            db, sql: "SELECT attempts FROM failures WHERE sha256 = ? AND version = ?", arguments: [f.sha256, f.version]) ?? 0
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO failures (sha256, version, kind, timeoutSeconds, memoryMB, attempts, documents, created)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [f.sha256, f.version, f.kind, f.timeoutSeconds, f.memoryMB, attempts + 1, f.documents,
                        Timestamp.now()])
    }

    static func clearFailure(_ db: Database, sha256: String, version: String) throws {
        try db.cachedStatement(sql: "DELETE FROM failures WHERE sha256 = ? AND version = ?")
            .execute(arguments: [sha256, version])
    }

    // MARK: Projects and findings

    /// The findings of the last run that checked the project, with that run's id.
    public func lastFindings(project: String) throws -> PreviousFindings? {
        try db.read { db -> PreviousFindings? in
            guard let run = try String.fetchOne(
                db.cachedStatement(sql: "SELECT lastRun FROM projects WHERE id = ?"), arguments: [project])
            else { return nil }
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT requirement, title, stage, status, severity FROM findings WHERE run = ? AND project = ?"),
                arguments: [run, project])
            let findings = rows.compactMap { row -> FindingRecord? in
                guard let stage = Stage(rawValue: row["stage"]), let status = RequirementStatus(rawValue: row["status"]),
                      let severity = Severity(rawValue: row["severity"]) else { return nil }
                return FindingRecord(requirement: row["requirement"], title: row["title"], stage: stage, status: status,
                                     severity: severity)
            }
            return PreviousFindings(run: run, findings: findings)
        }
    }

    /// Records a checked project: its fingerprint and its findings for this run, in one transaction.
    public func recordProject(id: String, fingerprint: String, run: String, findings: [FindingRecord]) throws {
        try db.write { db in try Self.recordProject(db, id: id, fingerprint: fingerprint, run: run, findings: findings) }
    }

    static func recordProject(_ db: Database, id: String, fingerprint: String, run: String, findings: [FindingRecord]) throws {
        try db.cachedStatement(sql: "DELETE FROM findings WHERE run = ? AND project = ?").execute(arguments: [run, id])
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO findings (run, project, requirement, title, stage, status, severity)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for f in findings {
            try insert.execute(arguments: [run, id, f.requirement, f.title, f.stage.rawValue, f.status.rawValue,
                                           f.severity.rawValue])
        }
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO projects (id, fingerprint, lastRun) VALUES (?, ?, ?)")
            .execute(arguments: [id, fingerprint, run])
    }

    // MARK: Digests and batches

    static func storeDigest(_ db: Database, project: String, _ parts: DigestParts) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO digests (project, summary, indexRow, csv, rows) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [project, parts.summary, parts.indexRow, parts.csv, parts.rows])
        // The batch files no longer describe every digest.
        try db.cachedStatement(sql: "DELETE FROM meta WHERE key = 'batch'").execute()
    }

    /// The key of the batch files last written completely, if no project was checked since.
    public func batchKey() throws -> String? {
        try db.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'batch'") }
    }

    public func recordBatchKey(_ key: String) throws {
        try db.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', ?)", arguments: [key])
        }
    }

    /// The digests of these projects, streamed in project order.
    public func digests(of projects: Set<String>) -> DigestSource { StoredDigests(db: db, projects: projects) }

    /// Applies the state changes of several projects in one transaction.
    public func apply(_ updates: [ProjectUpdate]) throws {
        guard !updates.isEmpty else { return }
        try db.write { db in
            for update in updates { try update.apply(db) }
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
