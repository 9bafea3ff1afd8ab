import Check
import Checklists
import DocumentModel
import Foundation
import Ingest
import Report

/// Everything a run needs to know, after `gapcheck.yaml` and command-line options are merged.
public struct RunOptions: Sendable {
    public enum Mode: String, Sendable {
        /// Nightly inbox run: incremental, skips files still being copied.
        case run
        /// Full pass over an archive: everything extracted and checked again, statistics in the index.
        case sweep
    }

    public var inbox: URL
    public var out: URL
    public var mode: Mode
    public var workers: Int
    /// Checklist id that wins over project.yaml (command line).
    public var jurisdiction: String?
    /// Checklist id for projects whose project.yaml names none (gapcheck.yaml).
    public var defaultJurisdiction: String?
    public var limits: IngestLimits
    /// Files modified less than this many seconds ago wait for the next run.
    public var settleSeconds: Double
    /// Pause between the two looks that tell a file still being copied.
    public var stabilityInterval: Double
    /// `(i, n)`: take only projects whose stable name hash mod n == i - 1.
    public var shard: (index: Int, count: Int)?
    public var worker: WorkerSettings
    /// Seconds to wait for another run holding the output folder before giving up.
    public var lockWait: Double = 0
    /// Timeouts and crashes of the same bytes under the same limits are retried this many times in all.
    public var maxAttempts: Int = 3
    /// The clock reports are dated by.
    public var clock = ReportClock()

    public init(
        inbox: URL, out: URL, mode: Mode = .run, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        jurisdiction: String? = nil, defaultJurisdiction: String? = nil, limits: IngestLimits = .default,
        settleSeconds: Double = 10, stabilityInterval: Double = 1, shard: (index: Int, count: Int)? = nil,
        worker: WorkerSettings
    ) {
        self.inbox = inbox
        self.out = out
        self.mode = mode
        self.workers = workers
        self.jurisdiction = jurisdiction
        self.defaultJurisdiction = defaultJurisdiction
        self.limits = limits
        self.settleSeconds = settleSeconds
        self.stabilityInterval = stabilityInterval
        self.shard = shard
        self.worker = worker
    }
}

/// Progress a command can show while a run goes on.
public enum RunProgress: Sendable {
    case extracting(done: Int, total: Int)
    case checking(done: Int, total: Int)
    case log(String)
}

/// The layout of an output folder.
public enum OutputLayout {
    public static func projectFolder(_ out: URL, _ id: String) -> URL {
        out.appendingPathComponent("projects").appendingPathComponent(id)
    }

    public static func link(_ id: String) -> String {
        let encoded = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? id
        return "projects/\(encoded)/report.html"
    }

    public static func stateURL(_ out: URL) -> URL { out.appendingPathComponent("state.sqlite") }
}

/// Stable 64-bit FNV-1a of a project name, for sharding (Swift's `hashValue` changes between processes).
public func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf29ce484222325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100000001b3
    }
    return hash
}

/// Drives one run over an inbox: scan, extract in worker processes (cached), check, write reports and the index.
public final class Runner: @unchecked Sendable {
    public let options: RunOptions
    let library: ChecklistLibrary
    let checklistsFolder: URL?
    private let logLock = NSLock()
    /// This run's log, written as it goes into runs/<id>.log; lines logged before it opens wait here.
    private var logFile: StreamedFile?
    private var pendingLog: [String] = []
    /// Files of the walked projects that are not documents, relative to the inbox.
    private var ignoredPaths: [String] = []
    var progress: (@Sendable (RunProgress) -> Void)?
    /// The checklists' hash, computed once per run.
    var checklistHashValue = ""
    /// What cached extractions are keyed by besides their bytes, set once per run (it looks for OCR and LibreOffice).
    var extractorVersion = ""
    /// The largest peak memory a worker of this run reported.
    private(set) var workerPeaks = PeakTracker()

    public init(options: RunOptions, library: ChecklistLibrary, checklistsFolder: URL?) {
        self.options = options
        self.library = library
        self.checklistsFolder = checklistsFolder
    }

    func log(_ message: String) {
        let escaped = LogText.escaped(message)
        let line = "\(Timestamp.now()) \(escaped)\n"
        logLock.withLock {
            // A failed write fails the log's commit.
            if let logFile { try? logFile.write(line) } else { pendingLog.append(line) }
        }
        progress?(.log(escaped))
    }

    /// Starts writing the log to `url` (swapped in whole when the run ends), with the lines logged so far.
    private func openLog(_ url: URL) throws {
        let file = try StreamedFile(url)
        logLock.withLock {
            for line in pendingLog { try? file.write(line) }
            pendingLog = []
            logFile = file
        }
    }

    /// Puts the log in place as runs/<id>.log and as run.log, which is a second link to it.
    private func finishLog(_ url: URL) throws {
        guard let file = logLock.withLock({ defer { logFile = nil }; return logFile }) else { return }
        try file.commit()
        try AtomicFile.link(url, as: options.out.appendingPathComponent("run.log"))
    }

    /// Drops an unfinished log when the run fails before its end.
    private func abandonLog() {
        logLock.withLock { defer { logFile = nil }; logFile?.abandon() }
    }

    static func runId(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return f.string(from: date)
    }

    /// Hash of the checklists in force: the folder's files (regulation texts included) and the loaded library.
    func checklistHash() -> String {
        var hasher = SHA256Hasher()
        if let folder = checklistsFolder, let walker = FileManager.default.enumerator(atPath: folder.path) {
            var paths: [String] = []
            while let p = walker.nextObject() as? String { paths.append(p) }
            for p in paths.sorted() {
                let url = folder.appendingPathComponent(p)
                guard !Inbox.isDirectory(url), let data = try? Data(contentsOf: url) else { continue }
                hasher.update(Data("\(p)\n".utf8))
                hasher.update(data)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        if let data = try? encoder.encode(library.checklists) { hasher.update(data) }
        if let data = try? encoder.encode(library.catalogue) { hasher.update(data) }
        return hasher.finalizeHex()
    }

    /// Inbox entries skipped, reports that could not be written, and documents of the reported projects in a run
    /// failure kind (`runFailureKinds`) or unreadable, counted by the last `run`: what makes the exit status
    /// `problems`.
    public internal(set) var problemCount = 0
    /// Projects of the inbox whose report has a must-gap, counted by the last `run`.
    public internal(set) var mustGapProjects = 0

    /// The exit status the last `run` calls for, judged on the report of every project of the inbox (checked this
    /// time or unchanged since), as read back for the index.
    public var exitCode: RunExitCode {
        if problemCount > 0 { return .problems }
        return mustGapProjects > 0 ? .mustGaps : .ok
    }

    /// Runs once. Throws only when the inbox or output folder cannot be used at all (or another run holds it);
    /// document, folder and settings failures end up in the reports.
    public func run(progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> RunSummary {
        self.progress = progress
        problemCount = 0
        mustGapProjects = 0
        ignoredPaths = []
        workerPeaks = PeakTracker()
        let started = Date()
        let id = Self.runId(started)
        let iso = ISO8601DateFormatter()
        var summary = RunSummary(id: id, mode: options.mode.rawValue, started: iso.string(from: started),
                                 workers: options.workers)
        try FileManager.default.createDirectory(at: options.out, withIntermediateDirectories: true)
        let lock = try OutputLock(out: options.out, wait: options.lockWait)
        defer { withExtendedLifetime(lock) {} }
        let scratch = try Scratch.reset(options.out)
        let opened = try StateStore.openHealing(url: OutputLayout.stateURL(options.out))
        let state = opened.store
        if let warning = opened.warning { log("warning: \(warning)") }
        ReportSet.recover(in: options.out.appendingPathComponent("projects"))
        Self.removeStaleTemporaryFiles(options.out)
        let runsFolder = options.out.appendingPathComponent("runs")
        try openLog(runsFolder.appendingPathComponent("\(id).log"))
        defer { abandonLog() }
        log("run \(id) (\(options.mode.rawValue)) inbox=\(options.inbox.path) out=\(options.out.path) workers=\(options.workers)")

        // 1. The inbox's project folders: each is walked when its turn comes, and not held after it is written.
        let entries = try list(into: &summary)
        checklistHashValue = checklistHash()
        extractorVersion = Ingestor.cacheVersion(limits: options.limits)

        // 2. A run walks every project first: files still being written wait for the next run, with their project,
        // and unchanged projects cost a stat and a lookup. A sweep checks every project again.
        let pending = options.mode == .run
            ? try survey(entries, state: state, into: &summary) : entries.map(PendingProject.folder)

        // 3. The rest are read, checked and written by workers.
        try dispatch(pending, state: state, scratch: scratch, runId: id, into: &summary)
        summary.ignored = logLock.withLock { ignoredPaths.sorted() }

        // 4. Batch index and summary over every project of this inbox that has a report, streamed from the digests
        // recorded with the report sets.
        let digests = state.digests(of: Set(scannedIDs))
        try tally(digests, into: &summary)
        summary.finished = iso.string(from: Date())
        try writeBatch(digests, run: summary, state: state, scratch: scratch)
        // What this process spent against its workers: the share the coordinator costs a sweep.
        let usage = ProcessUsage.now()
        summary.coordinatorCPUSeconds = usage.own
        summary.workerCPUSeconds = usage.children
        summary.coordinatorPeakMB = usage.ownPeakMB
        summary.workerPeakMB = workerPeaks.peakMB
        try AtomicFile.write(try JSONReport.encoder().encode(summary), to: runsFolder.appendingPathComponent("\(id).json"))
        log("done: \(summary.projectsChecked) checked, \(summary.projectsUnchanged) unchanged, \(summary.extracted) extracted, \(summary.cached) cached, \(summary.skipped.count) skipped, \(problemCount) problem(s)")
        log(String(format: "cpu: run %.2f s, workers %.2f s; peak memory: run %.0f MB, largest worker %.0f MB",
                   usage.own, usage.children, usage.ownPeakMB, workerPeaks.peakMB))
        try finishLog(runsFolder.appendingPathComponent("\(id).log"))
        try state.recordRun(summary)
        try? FileManager.default.removeItem(at: scratch)
        return summary
    }

    /// Failures of the run rather than of a document's content: they make the exit status `problems`.
    static let runFailureKinds: Set<IngestErrorKind> = [
        .timeout, .crashed, .unreadable, .vanished, .specialFile, .unsafeLink, .invalidSettings,
    ]

    /// The ids of the projects this run covers: the inbox's, or its shard's.
    var scannedIDs: [String] = []

    /// Lists the inbox's project folders; logs the top-level entries skipped, each a problem, and keeps this run's
    /// shard.
    func list(into summary: inout RunSummary) throws -> [InboxEntry] {
        let listed = try Inbox.list(options.inbox)
        for error in listed.errors {
            log("skipped inbox entry \(error)")
            problemCount += 1
        }
        var entries = listed.entries
        if let shard = options.shard {
            entries = entries.filter { Int(stableHash($0.id) % UInt64(shard.count)) == shard.index - 1 }
        }
        scannedIDs = entries.map(\.id)
        summary.projects = entries.count
        return entries
    }

    /// Walks a project folder; logs what in it is skipped and why, and files that are not documents; an unknown
    /// jurisdiction in project.yaml becomes a settings problem. Safe from any lane.
    func walk(_ entry: InboxEntry) -> InboxProject {
        var project = Inbox.project(entry)
        if let given = project.metadata.jurisdiction, Jurisdictions.resolve(given, in: library) == nil {
            project.settingsProblems.append(SettingsProblem(
                line: nil, key: "jurisdiction", message: Jurisdictions.unknownMessage(given, in: library)))
            project.metadata.jurisdiction = nil
        }
        for p in project.problems { log("\(p.kind.rawValue): \(project.id)/\(p.relativePath): \(p.detail)") }
        for p in project.settingsProblems { log("invalid-settings: \(project.id)/\(Inbox.metadataFile): \(p)") }
        for path in project.ignored { log("ignored (not a document): \(path)") }
        if !project.ignored.isEmpty { logLock.withLock { ignoredPaths.append(contentsOf: project.ignored) } }
        return project
    }

    /// Errors that depend on the moment, not on the bytes: never cached.
    static let transientKinds: Set<IngestErrorKind> = [.unreadable, .vanished, .specialFile]

    /// SHA-256 of a file opened without blocking; failures in the kinds reports use.
    static func hash(_ raw: RawPath) -> Result<String, IngestFailure> {
        var hasher = SHA256Hasher()
        if let error = raw.readChunks(size: 1 << 20, { chunk in
            hasher.update(chunk)
            return true
        }) {
            return .failure(IngestFailure(error))
        }
        return .success(hasher.finalizeHex())
    }

    /// Documents that stand for what was not read: skipped entries and a project.yaml in error.
    static func problemDocuments(_ project: InboxProject) -> [Document] {
        var docs = project.problems.map {
            Document.failed(path: $0.relativePath, format: .unknown, error: IngestError($0.kind, detail: $0.detail))
        }
        if !project.settingsProblems.isEmpty {
            let list = project.settingsProblems.map(\.description).joined(separator: "；")
            docs.insert(Document.failed(path: Inbox.metadataFile, format: .unknown, error: IngestError(
                .invalidSettings, message: "\(IngestErrorKind.invalidSettings.chineseMessage)：\(list)", detail: nil)), at: 0)
        }
        return docs
    }

    /// Temporary files a killed run left behind (the renames that would have consumed them never happened).
    static func removeStaleTemporaryFiles(_ out: URL) {
        let fm = FileManager.default
        var folders = [out, out.appendingPathComponent("runs")]
        let projects = out.appendingPathComponent("projects")
        for id in (try? fm.contentsOfDirectory(atPath: projects.path)) ?? [] {
            folders.append(projects.appendingPathComponent(id))
        }
        for folder in folders {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

}

/// One result per index, filled from several threads.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> Value? { lock.withLock { values[index] } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
