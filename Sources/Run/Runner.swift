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
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(message)"
        logLock.withLock { logLines.append(line) }
        progress?(.log(message))
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

    /// Runs once. Throws only when the inbox or output folder cannot be used at all; document failures end up
    /// in the reports.
    public func run(progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> RunSummary {
        self.progress = progress
        let started = Date()
        let id = Self.runId(started)
        let iso = ISO8601DateFormatter()
        var summary = RunSummary(id: id, mode: options.mode.rawValue, started: iso.string(from: started),
                                 workers: options.workers)
        let fm = FileManager.default
        try fm.createDirectory(at: options.out, withIntermediateDirectories: true)
        let state = try StateStore(url: OutputLayout.stateURL(options.out))
        Self.removeStaleTemporaryFiles(options.out)
        log("run \(id) (\(options.mode.rawValue)) inbox=\(options.inbox.path) out=\(options.out.path) workers=\(options.workers)")

        // 1. Projects.
        let scanned = try Inbox.scan(options.inbox)
        for error in scanned.errors { log("project.yaml unreadable: \(error)") }
        var projects = scanned.projects
        if let shard = options.shard {
            projects = projects.filter { Int(stableHash($0.id) % UInt64(shard.count)) == shard.index - 1 }
        }
        summary.projects = projects.count
        summary.ignored = projects.flatMap(\.ignored)
        for path in summary.ignored { log("ignored (not a document): \(path)") }

        // 2. Files still being written wait for the next run, with their whole project.
        var deferred = Set<String>()
        if options.mode == .run {
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
                    guard let before = first[key] else { continue }
                    if FileStat.of(file.url) != before {
                        summary.skipped.append(.init(path: key, reason: "文件大小或修改时间仍在变化，可能仍在复制，下次运行再处理"))
                        deferred.insert(project.id)
                    }
                }
            }
            for s in summary.skipped { log("skipped: \(s.path)") }
        }

        // 3. Hashes and cached extractions.
        let active = projects.filter { !deferred.contains($0.id) }
        var hashes: [String: String] = [:]  // "project/path" → sha256
        let results = ResultBox()
        var jobs: [ExtractionJob] = []
        var jobFiles: [(project: InboxProject, file: InboxFile, sha: String)] = []
        for project in active {
            try state.pruneFiles(project: project.id, keeping: Set(project.files.map(\.relativePath)))
            for file in project.files {
                let key = "\(project.id)/\(file.relativePath)"
                let known = try state.file(project: project.id, path: file.relativePath)
                let sha: String
                if options.mode == .run, let known, known.size == file.size, known.mtime == file.mtime {
                    sha = known.sha256
                } else {
                    do { sha = try SHA256Hasher.hex(fileAt: file.url) } catch {
                        log("unreadable file \(key): \(error)")
                        results.set(key, [Document.failed(
                            path: file.relativePath, format: .unknown,
                            error: IngestError(.corrupt, detail: "cannot read file: \(error)"))])
                        continue
                    }
                }
                hashes[key] = sha
                summary.files += 1
                if options.mode == .run, let cached = try state.extraction(sha256: sha, version: Ingestor.cacheVersion(limits: self.options.limits)) {
                    results.set(key, Self.rebase(cached.documents, from: cached.displayPath, to: file.relativePath))
                    summary.cached += 1
                    if known?.sha256 != sha || known?.size != file.size || known?.mtime != file.mtime {
                        try state.recordFile(project: project.id, path: file.relativePath,
                                             record: .init(size: file.size, mtime: file.mtime, sha256: sha))
                    }
                    continue
                }
                jobs.append(ExtractionJob(
                    request: WorkerRequest(path: file.url.path, displayPath: file.relativePath, limits: options.limits),
                    tag: jobFiles.count))
                jobFiles.append((project, file, sha))
            }
        }

        // 4. Extraction in worker processes.
        summary.extracted = jobs.count
        log("extracting \(jobs.count) file(s), \(summary.cached) from cache")
        let done = Counter()
        let total = jobs.count
        let pool = WorkerPool(settings: options.worker, workers: options.workers)
        pool.run(jobs) { [jobFiles] job, outcome in
            let entry = jobFiles[job.tag]
            let key = "\(entry.project.id)/\(entry.file.relativePath)"
            let docs: [Document]
            switch outcome {
            case .documents(let d): docs = d
            case .timeout:
                docs = [Document.failed(path: entry.file.relativePath, format: .unknown,
                                        error: IngestError(.timeout, detail: "no result within \(self.options.worker.timeoutSeconds)s"))]
                self.log("timeout: \(key)")
            case .crashed(let why):
                docs = [Document.failed(path: entry.file.relativePath, format: .unknown,
                                        error: IngestError(.crashed, detail: why))]
                self.log("crashed: \(key): \(why)")
            }
            do {
                try state.storeExtraction(sha256: entry.sha, version: Ingestor.cacheVersion(limits: self.options.limits),
                                          displayPath: entry.file.relativePath, documents: docs)
                try state.recordFile(project: entry.project.id, path: entry.file.relativePath,
                                     record: .init(size: entry.file.size, mtime: entry.file.mtime, sha256: entry.sha))
            } catch {
                self.log("state not saved for \(key): \(error)")
            }
            results.set(key, docs)
            let n = done.increment()
            progress?(.extracting(done: n, total: total))
        }

        // 5. Check and write reports.
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
        for (index, project) in active.enumerated() {
            let jurisdiction = options.jurisdiction ?? (project.metadata.jurisdiction == nil ? options.defaultJurisdiction : nil)
            var fp = SHA256Hasher()
            fp.update(Data("\(checklistHash)\n\(Ingestor.cacheVersion(limits: self.options.limits))\n\(jurisdiction ?? "")\n\(project.metadataText)\n".utf8))
            for file in project.files { fp.update(Data("\(file.relativePath)\t\(hashes["\(project.id)/\(file.relativePath)"] ?? "-")\n".utf8)) }
            let fingerprint = fp.finalizeHex()
            let folder = OutputLayout.projectFolder(options.out, project.id)
            let reportJSON = folder.appendingPathComponent("report.json")
            if options.mode == .run, try state.fingerprint(project: project.id) == fingerprint,
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
        // as extraction. Each project writes only its own folder, atomically.
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
                    let documents = item.project.files.flatMap { results.get("\(item.project.id)/\($0.relativePath)") ?? [] }
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
            let report = try checked.get(i)!.get()
            try state.recordProject(id: item.project.id, fingerprint: item.fingerprint, run: id, findings: report.findings)
            summary.projectsChecked += 1
            log("checked \(item.project.id): \(report.summary.mustGaps) must-gap(s), \(report.summary.unreadableDocuments) unreadable")
        }

        // 6. Batch index and summary over every project of this inbox that has a report.
        let entries = projects.compactMap { ProjectOutput.load(out: options.out, id: $0.id) }
        for entry in entries {
            for doc in entry.report.documents { if let e = doc.error { summary.errorsByKind[e.kind.rawValue, default: 0] += 1 } }
        }
        summary.finished = iso.string(from: Date())
        try ProjectOutput.writeBatch(entries: entries, run: summary, statistics: options.mode == .sweep, to: options.out)
        let runsFolder = options.out.appendingPathComponent("runs")
        try AtomicFile.write(try JSONReport.encoder().encode(summary), to: runsFolder.appendingPathComponent("\(id).json"))
        log("done: \(summary.projectsChecked) checked, \(summary.projectsUnchanged) unchanged, \(summary.extracted) extracted, \(summary.cached) cached, \(summary.skipped.count) skipped")
        let logText = logLock.withLock { logLines.joined(separator: "\n") + "\n" }
        try AtomicFile.write(logText, to: runsFolder.appendingPathComponent("\(id).log"))
        try AtomicFile.write(logText, to: options.out.appendingPathComponent("run.log"))
        try state.recordRun(summary)
        return summary
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
