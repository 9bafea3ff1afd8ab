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
    private var logLines: [String] = []
    private var progress: (@Sendable (RunProgress) -> Void)?

    public init(options: RunOptions, library: ChecklistLibrary, checklistsFolder: URL?) {
        self.options = options
        self.library = library
        self.checklistsFolder = checklistsFolder
    }

    func log(_ message: String) {
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(LogText.escaped(message))"
        logLock.withLock { logLines.append(line) }
        progress?(.log(LogText.escaped(message)))
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
    public private(set) var problemCount = 0
    /// Projects of the inbox whose report has a must-gap, counted by the last `run`.
    public private(set) var mustGapProjects = 0

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
        log("run \(id) (\(options.mode.rawValue)) inbox=\(options.inbox.path) out=\(options.out.path) workers=\(options.workers)")

        // 1. Projects, and what in them is skipped and why.
        var projects = try scan(into: &summary)

        // 2. Files still being written wait for the next run, with their whole project.
        let deferred = options.mode == .run ? settle(projects, into: &summary) : []
        projects = projects.filter { !deferred.contains($0.id) }

        // 3. Hashes and cached extractions; 4. extraction in worker processes.
        let extracted = try extract(projects, state: state, scratch: scratch, into: &summary)

        // 5. Check and write reports.
        try checkAndWrite(projects, results: extracted.results, hashes: extracted.hashes, state: state, runId: id,
                          into: &summary)

        // 6. Batch index and summary over every project of this inbox that has a report, read back from disk so
        // they describe exactly the report sets beside them.
        let entries = scannedIDs.compactMap { ProjectOutput.load(out: options.out, id: $0) }
        for entry in entries {
            for doc in entry.report.documents {
                guard let e = doc.error else { continue }
                summary.errorsByKind[e.kind.rawValue, default: 0] += 1
                if Self.runFailureKinds.contains(e.kind) { problemCount += 1 }
            }
            if entry.report.summary.unreadableDocuments > 0 { problemCount += 1 }
            if entry.report.summary.mustGaps > 0 { mustGapProjects += 1 }
        }
        summary.finished = iso.string(from: Date())
        try ProjectOutput.writeBatch(entries: entries, run: summary, statistics: options.mode == .sweep, to: options.out)
        let runsFolder = options.out.appendingPathComponent("runs")
        try AtomicFile.write(try JSONReport.encoder().encode(summary), to: runsFolder.appendingPathComponent("\(id).json"))
        log("done: \(summary.projectsChecked) checked, \(summary.projectsUnchanged) unchanged, \(summary.extracted) extracted, \(summary.cached) cached, \(summary.skipped.count) skipped, \(problemCount) problem(s)")
        let logText = logLock.withLock { logLines.joined(separator: "\n") + "\n" }
        try AtomicFile.write(logText, to: runsFolder.appendingPathComponent("\(id).log"))
        try AtomicFile.write(logText, to: options.out.appendingPathComponent("run.log"))
        try state.recordRun(summary)
        try? FileManager.default.removeItem(at: scratch)
        return summary
    }

    /// Failures of the run rather than of a document's content: they make the exit status `problems`.
    static let runFailureKinds: Set<IngestErrorKind> = [
        .timeout, .crashed, .unreadable, .vanished, .specialFile, .unsafeLink, .invalidSettings,
    ]

    private var scannedIDs: [String] = []

    /// Scans the inbox; logs what is skipped, counts it as a problem, and resolves project jurisdictions.
    func scan(into summary: inout RunSummary) throws -> [InboxProject] {
        let scanned = try Inbox.scan(options.inbox)
        for error in scanned.errors {
            log("skipped inbox entry \(error)")
            problemCount += 1
        }
        var projects = scanned.projects
        if let shard = options.shard {
            projects = projects.filter { Int(stableHash($0.id) % UInt64(shard.count)) == shard.index - 1 }
        }
        for i in projects.indices {
            if let given = projects[i].metadata.jurisdiction, Jurisdictions.resolve(given, in: library) == nil {
                projects[i].settingsProblems.append(SettingsProblem(
                    line: nil, key: "jurisdiction", message: Jurisdictions.unknownMessage(given, in: library)))
                projects[i].metadata.jurisdiction = nil
            }
            let project = projects[i]
            for p in project.problems { log("\(p.kind.rawValue): \(project.id)/\(p.relativePath): \(p.detail)") }
            for p in project.settingsProblems { log("invalid-settings: \(project.id)/\(Inbox.metadataFile): \(p)") }
        }
        scannedIDs = projects.map(\.id)
        summary.projects = projects.count
        summary.ignored = projects.flatMap(\.ignored)
        for path in summary.ignored { log("ignored (not a document): \(path)") }
        return projects
    }

    /// Projects with a file modified within the settle time, or still changing over the stability interval.
    func settle(_ projects: [InboxProject], into summary: inout RunSummary) -> Set<String> {
        var deferred = Set<String>()
        var first: [String: FileStat] = [:]
        let now = Date().timeIntervalSince1970
        for project in projects {
            for file in project.files {
                let key = "\(project.id)/\(file.relativePath)"
                if now - file.mtime < options.settleSeconds {
                    summary.skipped.append(.init(path: key, reason: "文件刚被修改，可能仍在复制，下次运行再处理"))
                    deferred.insert(project.id)
                } else {
                    first[key] = FileStat(size: file.size, mtime: file.mtime)
                }
            }
        }
        if options.stabilityInterval > 0 && !first.isEmpty {
            Thread.sleep(forTimeInterval: options.stabilityInterval)
        }
        for project in projects {
            for file in project.files {
                let key = "\(project.id)/\(file.relativePath)"
                guard let before = first[key], let now = FileStat.of(file.raw), now != before else { continue }
                summary.skipped.append(.init(path: key, reason: "文件大小或修改时间仍在变化，可能仍在复制，下次运行再处理"))
                deferred.insert(project.id)
            }
        }
        for s in summary.skipped { log("skipped: \(s.path)") }
        return deferred
    }

    /// Errors that depend on the moment, not on the bytes: never cached.
    static let transientKinds: Set<IngestErrorKind> = [.unreadable, .vanished, .specialFile]

    /// Whether a recorded timeout or crash is worth another try: fewer attempts than the cap, or larger limits now.
    func shouldRetry(_ failure: StateStore.FailureRecord) -> Bool {
        let memory = options.worker.memoryMB ?? Int.max
        return failure.attempts < options.maxAttempts || options.worker.timeoutSeconds > failure.timeoutSeconds
            || memory > failure.memoryMB
    }

    func extract(_ projects: [InboxProject], state: StateStore, scratch: URL, into summary: inout RunSummary) throws
        -> (results: ResultBox, hashes: [String: String])
    {
        var hashes: [String: String] = [:]  // "project/path" → sha256
        let results = ResultBox()
        var jobs: [ExtractionJob] = []
        var jobFiles: [(project: InboxProject, file: InboxFile, sha: String)] = []
        let version = Ingestor.cacheVersion(limits: options.limits)
        for project in projects {
            try state.pruneFiles(project: project.id, keeping: Set(project.files.map(\.relativePath)))
            for file in project.files {
                let key = "\(project.id)/\(file.relativePath)"
                let known = try state.file(project: project.id, path: file.relativePath)
                let sha: String
                if options.mode == .run, let known, known.size == file.size, known.mtime == file.mtime {
                    sha = known.sha256
                } else {
                    switch Self.hash(file.raw) {
                    case .success(let hex): sha = hex
                    case .failure(let failure):
                        log("\(failure.error.kind.rawValue): \(key): \(failure.error.detail ?? "")")
                        results.set(key, [Document.failed(path: file.relativePath, format: .unknown, error: failure.error)])
                        continue
                    }
                }
                hashes[key] = sha
                summary.files += 1
                if options.mode == .run, let docs = try cached(sha: sha, version: version, state: state) {
                    results.set(key, Self.rebase(docs.documents, from: docs.displayPath, to: file.relativePath))
                    summary.cached += 1
                    if known?.sha256 != sha || known?.size != file.size || known?.mtime != file.mtime {
                        try state.recordFile(project: project.id, path: file.relativePath,
                                             record: .init(size: file.size, mtime: file.mtime, sha256: sha))
                    }
                    continue
                }
                jobs.append(ExtractionJob(
                    request: WorkerRequest(raw: file.raw, displayPath: file.relativePath, limits: options.limits),
                    tag: jobFiles.count))
                jobFiles.append((project, file, sha))
            }
        }
        summary.extracted = jobs.count
        log("extracting \(jobs.count) file(s), \(summary.cached) from cache")
        let done = Counter()
        let total = jobs.count
        var settings = options.worker
        settings.extraEnvironment["TMPDIR"] = scratch.path
        WorkerPool(settings: settings, workers: options.workers).run(jobs) { [jobFiles] job, outcome in
            let entry = jobFiles[job.tag]
            let docs = self.store(outcome, for: entry.file, project: entry.project.id, sha: entry.sha, version: version,
                                  state: state)
            results.set("\(entry.project.id)/\(entry.file.relativePath)", docs)
            self.progress?(.extracting(done: done.increment(), total: total))
        }
        return (results, hashes)
    }

    /// A good extraction, or a failure not worth retrying yet, stored for these bytes.
    func cached(sha: String, version: String, state: StateStore) throws -> (displayPath: String, documents: [Document])? {
        if let good = try state.extraction(sha256: sha, version: version) { return good }
        guard let failure = try state.failure(sha256: sha, version: version), !shouldRetry(failure),
              let path = failure.documents.first?.path else { return nil }
        return (path, failure.documents)
    }

    /// Turns a worker's outcome into documents and records it: results as extractions, timeouts and crashes as
    /// failures under the limits they happened with, transient errors not at all.
    func store(_ outcome: ExtractionOutcome, for file: InboxFile, project: String, sha: String, version: String,
               state: StateStore) -> [Document] {
        let key = "\(project)/\(file.relativePath)"
        let limits = options.worker
        do {
            switch outcome {
            case .documents(let docs):
                if docs.contains(where: { $0.error.map { Self.transientKinds.contains($0.kind) } ?? false }) {
                    for doc in docs { if let e = doc.error { log("\(e.kind.rawValue): \(key): \(e.detail ?? "")") } }
                    return docs
                }
                try state.storeExtraction(sha256: sha, version: version, displayPath: file.relativePath, documents: docs)
                try state.clearFailure(sha256: sha, version: version)
                try state.recordFile(project: project, path: file.relativePath,
                                     record: .init(size: file.size, mtime: file.mtime, sha256: sha))
                return docs
            case .timeout, .crashed:
                let error: IngestError
                if case .crashed(let why) = outcome {
                    error = IngestError(.crashed, detail: why)
                } else {
                    error = IngestError(.timeout, detail: "no result within \(limits.timeoutSeconds)s")
                }
                log("\(error.kind.rawValue): \(key): \(error.detail ?? "")")
                let docs = [Document.failed(path: file.relativePath, format: .unknown, error: error)]
                try state.recordFailure(sha256: sha, version: version, kind: error.kind.rawValue,
                                        timeoutSeconds: limits.timeoutSeconds, memoryMB: limits.memoryMB ?? Int.max,
                                        documents: docs)
                return docs
            }
        } catch {
            log("state not saved for \(key): \(error)")
            if case .documents(let docs) = outcome { return docs }
            return [Document.failed(path: file.relativePath, format: .unknown, error: IngestError(.crashed, detail: "\(error)"))]
        }
    }

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

    /// What a project's report depends on: checklists, extractor, jurisdiction, settings, each file's bytes and the
    /// outcome of reading it (a retried timeout that now reads changes the report), and what was skipped.
    func fingerprint(_ project: InboxProject, jurisdiction: String?, checklistHash: String, results: ResultBox,
                     hashes: [String: String]) -> String {
        var fp = SHA256Hasher()
        let version = Ingestor.cacheVersion(limits: options.limits)
        fp.update(Data("\(checklistHash)\n\(version)\n\(jurisdiction ?? "")\n\(project.metadataText)\n".utf8))
        for file in project.files {
            let key = "\(project.id)/\(file.relativePath)"
            let outcome = (results.get(key) ?? []).map { $0.error?.kind.rawValue ?? "ok" }.joined(separator: ",")
            fp.update(Data("\(file.relativePath)\t\(hashes[key] ?? "-")\t\(outcome)\n".utf8))
        }
        for doc in Self.problemDocuments(project) { fp.update(Data("\(doc.path)\t\(doc.error?.message ?? "")\n".utf8)) }
        return fp.finalizeHex()
    }

    func checkAndWrite(_ active: [InboxProject], results: ResultBox, hashes: [String: String], state: StateStore,
                       runId id: String, into summary: inout RunSummary) throws {
        let fm = FileManager.default
        let checklistHash = checklistHash()
        let checker = Checker(library: library, clock: options.clock)
        // Which projects changed (state lookups stay on this thread: the SQLite connection is not shared).
        struct Pending {
            var project: InboxProject
            var jurisdiction: String?
            var fingerprint: String
            var folder: URL
            var previous: (findings: [Finding], run: String)?
        }
        var pending: [Pending] = []
        let progress = self.progress
        for (index, project) in active.enumerated() {
            let given = options.jurisdiction ?? (project.metadata.jurisdiction == nil ? options.defaultJurisdiction : nil)
            let jurisdiction = given.map { Jurisdictions.resolve($0, in: library) ?? $0 }
            let fingerprint = fingerprint(project, jurisdiction: jurisdiction, checklistHash: checklistHash,
                                          results: results, hashes: hashes)
            let folder = OutputLayout.projectFolder(options.out, project.id)
            let reportJSON = folder.appendingPathComponent("report.json")
            let unhashed = project.files.contains { hashes["\(project.id)/\($0.relativePath)"] == nil }
            if options.mode == .run, !unhashed, try state.fingerprint(project: project.id) == fingerprint,
               fm.fileExists(atPath: reportJSON.path) {
                summary.projectsUnchanged += 1
                progress?(.checking(done: index + 1, total: active.count))
                continue
            }
            let previous = try state.lastFindings(project: project.id)
            pending.append(Pending(project: project, jurisdiction: jurisdiction, fingerprint: fingerprint, folder: folder,
                                   previous: previous.map { ($0.findings, $0.run) }))
        }

        // Checking and writing reports run in parallel, one project per task: in an archive sweep they cost as much
        // as extraction. Each project writes only its own folder, as one set.
        let work = pending
        let checked = ResultSlots<Result<ProjectReport, Error>>(count: work.count)
        let finished = Counter()
        let alreadyDone = active.count - pending.count
        let lanes = max(1, min(options.workers, work.count))
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: lanes) { _ in
            while true {
                let i = next.increment() - 1
                guard i < work.count else { return }
                let item = work[i]
                let outcome = Result { () throws -> ProjectReport in
                    let documents = Self.problemDocuments(item.project)
                        + item.project.files.flatMap { results.get("\(item.project.id)/\($0.relativePath)") ?? [] }
                    let report = checker.check(
                        ProjectInput(id: item.project.id, metadata: item.project.metadata, documents: documents),
                        jurisdiction: item.jurisdiction)
                    let diff = ReportDiff.between(
                        previous: item.previous?.findings, current: report.findings, previousRun: item.previous?.run)
                    try ProjectOutput.write(report, diff: diff, to: item.folder)
                    return report
                }
                checked.set(i, outcome)
                progress?(.checking(done: alreadyDone + finished.increment(), total: active.count))
            }
        }
        for (i, item) in pending.enumerated() {
            // One project that cannot be written (a full disk, a value no format can hold) does not stop the rest.
            switch checked.get(i)! {
            case .failure(let error):
                problemCount += 1
                log("report not written for \(item.project.id): \(error)")
            case .success(let report):
                let unhashed = item.project.files.contains { hashes["\(item.project.id)/\($0.relativePath)"] == nil }
                // A project with a file that could not be read is checked again next run, whatever its fingerprint.
                try state.recordProject(id: item.project.id, fingerprint: unhashed ? "" : item.fingerprint, run: id,
                                        findings: report.findings)
                summary.projectsChecked += 1
                log("checked \(item.project.id): \(report.summary.mustGaps) must-gap(s), \(report.summary.unreadableDocuments) unreadable")
            }
        }
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

    /// A cached extraction made under another display path (same content elsewhere) gets the current one.
    static func rebase(_ docs: [Document], from old: String, to new: String) -> [Document] {
        guard old != new else { return docs }
        return docs.map { doc in
            var d = doc
            if d.path == old { d.path = new } else if d.path.hasPrefix(old + "!/") { d.path = new + d.path.dropFirst(old.count) }
            return d
        }
    }
}

/// Results filled in from pool threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: [Document]] = [:]
    func set(_ key: String, _ docs: [Document]) { lock.withLock { values[key] = docs } }
    func get(_ key: String) -> [Document]? { lock.withLock { values[key] } }
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
