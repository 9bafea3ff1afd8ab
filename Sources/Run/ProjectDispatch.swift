import Check
import DocumentModel
import Foundation
import Ingest
import Report

/// A project the run sends to a worker this time.
struct PlannedProject: Sendable {
    var project: InboxProject
    var jurisdiction: String?
    /// The state's records of its files, by path, as they were before this run.
    var known: [String: StateStore.FileRecord]
    /// The fingerprint recorded when an earlier run checked it.
    var recordedFingerprint: String?
    /// Whether an earlier run checked it: only then are there findings to compare with.
    var checkedBefore: Bool { recordedFingerprint != nil }
}

/// What a run knows of one file of a project before and after its job.
struct FileState {
    var sha: String?
    var outcome: String?
    /// Documents the worker is given instead of reading the file, and the display path they were made under.
    var given: (data: Data, displayPath: String)?
    /// Read by the worker this run: the extraction and file record to store.
    var fresh: Data?
    /// A timeout or crash: recorded as a failure to retry, so the file's record keeps no outcome and its project is
    /// never judged unchanged while it stands.
    var retryable = false
}

/// Counts the lanes share.
final class DispatchTally: @unchecked Sendable {
    private let lock = NSLock()
    var files = 0, cached = 0, extracted = 0, checked = 0, failed = 0, done = 0
    func update(_ body: (DispatchTally) -> Void) { lock.withLock { body(self) } }
}

extension Runner {
    /// What a project's report depends on: checklists, extractor, jurisdiction, settings, each file's bytes and the
    /// outcome of reading it (a retried timeout that now reads changes the report), and what was skipped.
    func fingerprint(_ project: InboxProject, jurisdiction: String?, checklistHash: String, files: [FileState]) -> String {
        var fp = SHA256Hasher()
        let version = extractorVersion
        fp.update(Data("\(checklistHash)\n\(version)\n\(jurisdiction ?? "")\n\(project.metadataText)\n".utf8))
        for (file, state) in zip(project.files, files) {
            fp.update(Data("\(file.relativePath)\t\(state.sha ?? "-")\t\(state.outcome ?? "")\n".utf8))
        }
        for doc in Self.problemDocuments(project) { fp.update(Data("\(doc.path)\t\(doc.error?.message ?? "")\n".utf8)) }
        return fp.finalizeHex()
    }

    /// Sends every pending project to the worker lanes; their state changes are written in batches.
    func dispatch(_ pending: [PendingProject], state: StateStore, scratch: URL, runId: String,
                  into summary: inout RunSummary) throws {
        var settings = options.worker
        settings.extraEnvironment["TMPDIR"] = scratch.path
        let writer = StateWriter(state: state) { [weak self] projects, error in
            self?.log("state not saved for \(projects): \(error)")
        }
        let tally = DispatchTally()
        // Hashing in this process only pays when a cached extraction could be found by it.
        let hashHere = try options.mode == .run && state.hasExtractions()
        let context = LaneContext(state: state, writer: writer, tally: tally, runId: runId, hashHere: hashHere,
                                  total: pending.count + summary.projectsUnchanged, alreadyDone: summary.projectsUnchanged,
                                  checklistHash: checklistHashValue)
        let pool = WorkerPool(settings: settings, workers: options.workers,
                              setup: WorkerSetup(library: library, clock: options.clock))
        log("checking \(pending.count) project(s), \(summary.projectsUnchanged) unchanged")
        pool.lanes(pending) { project, slot in self.process(project, slot: slot, context: context) }
        writer.flush()
        summary.files += tally.files
        summary.cached += tally.cached
        summary.extracted = tally.extracted
        summary.projectsChecked = tally.checked
        problemCount += tally.failed
    }

    struct LaneContext: @unchecked Sendable {
        let state: StateStore
        let writer: StateWriter
        let tally: DispatchTally
        let runId: String
        let hashHere: Bool
        let total: Int
        let alreadyDone: Int
        let checklistHash: String
    }

    /// One project on one lane: walk it (a sweep's), prepare, run on the lane's worker (again after a file times out
    /// or crashes, with that file standing as failed), record.
    func process(_ pending: PendingProject, slot: WorkerSlot, context: LaneContext) {
        let planned: PlannedProject
        switch pending {
        case .planned(let p): planned = p
        case .folder(let entry):
            let project = walk(entry)
            var recorded = StateStore.ProjectRecord()
            do {
                recorded = try context.state.recorded(project: project.id)
            } catch {
                log("state not read for \(project.id): \(error)")
            }
            planned = plan(project, recorded: recorded)
        }
        process(planned, slot: slot, context: context)
    }

    private func process(_ planned: PlannedProject, slot: WorkerSlot, context: LaneContext) {
        let project = planned.project
        var files = prepare(planned, context: context)
        var update = ProjectUpdate(project: project.id, paths: Set(project.files.map(\.relativePath)))
        var outcome: WorkerMessage.ProjectDone?
        var parts: [Data] = []
        while outcome == nil {
            guard let worker = slot.current() else {
                outcome = .init(findings: [], error: "could not start worker at \(options.worker.executable.path)")
                break
            }
            let job = makeJob(planned, files: files, context: context)
            switch runJob(job, payloads: files.compactMap { $0.given?.data }, on: worker, files: &files, context: context) {
            case .done(let done, let digest):
                outcome = done
                parts = digest
            case .fileFailed(let index, let error):
                slot.discard()
                recordFailure(index, error, planned: planned, files: &files, update: &update)
            case .failed(let why):
                slot.discard()
                outcome = .init(findings: [], error: why)
            }
        }
        finish(planned, files: files, done: outcome!, parts: parts, update: &update, context: context)
    }

    /// Hashes (where this process does), and gives the worker cached extractions and failures not worth retrying.
    private func prepare(_ planned: PlannedProject, context: LaneContext) -> [FileState] {
        let version = extractorVersion
        return planned.project.files.map { file in
            var state = FileState()
            if let r = planned.known[file.relativePath], r.size == file.size, r.mtime == file.mtime {
                state.sha = r.sha256
            } else if context.hashHere {
                switch Self.hash(file.raw) {
                case .success(let hex): state.sha = hex
                case .failure(let failure):
                    log("\(failure.error.kind.rawValue): \(planned.project.id)/\(file.relativePath): \(failure.error.detail ?? "")")
                    let doc = Document.failed(path: file.relativePath, format: .unknown, error: failure.error)
                    state.given = ((try? JSONEncoder().encode([doc])) ?? Data(), file.relativePath)
                    state.outcome = StateStore.outcome([doc])
                    return state
                }
            }
            context.tally.update { $0.files += 1 }
            guard options.mode == .run, let sha = state.sha else { return state }
            if let stored = try? context.state.storedExtraction(sha256: sha, version: version) {
                state.given = (stored.documents, stored.displayPath)
                state.outcome = stored.outcome ?? Self.outcome(of: stored.documents)
                context.tally.update { $0.cached += 1 }
            } else if let failure = try? context.state.failure(sha256: sha, version: version), !shouldRetry(failure),
                      let path = failure.documents.first?.path {
                state.given = ((try? JSONEncoder().encode(failure.documents)) ?? Data(), path)
                state.outcome = StateStore.outcome(failure.documents)
                state.retryable = true
                context.tally.update { $0.cached += 1 }
            }
            return state
        }
    }

    static func outcome(of documents: Data) -> String? {
        (try? JSONDecoder().decode([Document].self, from: documents)).map(StateStore.outcome)
    }

    /// Whether a recorded timeout or crash is worth another try: fewer attempts than the cap, or larger limits now.
    func shouldRetry(_ failure: StateStore.FailureRecord) -> Bool {
        let memory = options.worker.memoryMB ?? Int.max
        return failure.attempts < options.maxAttempts || options.worker.timeoutSeconds > failure.timeoutSeconds
            || memory > failure.memoryMB
    }

    private func makeJob(_ planned: PlannedProject, files: [FileState], context: LaneContext) -> ProjectJob {
        let project = planned.project
        var payload = 0
        let jobFiles = zip(project.files, files).map { file, state -> ProjectJob.File in
            var given: ProjectJob.File.Given?
            if let g = state.given {
                given = .init(payload: payload, displayPath: g.displayPath)
                payload += 1
            }
            return ProjectJob.File(raw: file.raw, displayPath: file.relativePath, given: given, hash: state.sha == nil)
        }
        return ProjectJob(
            id: project.id, metadata: project.metadata, jurisdiction: planned.jurisdiction,
            folder: OutputLayout.projectFolder(options.out, project.id).path, link: OutputLayout.link(project.id),
            problemDocuments: Self.problemDocuments(project), files: jobFiles,
            previous: planned.checkedBefore ? try? context.state.lastFindings(project: project.id) : nil,
            limits: options.limits)
    }

    enum JobEnd {
        case done(WorkerMessage.ProjectDone, [Data])
        /// A file timed out or crashed its reader: the job is sent again with it standing as failed.
        case fileFailed(Int, IngestError)
        /// No report: the worker broke down while checking or writing.
        case failed(String)
    }

    /// Sends the job and follows the worker: each file gets the time limit from when it starts (plus one page's
    /// allowance per OCR page), checking and writing get it again after the last file.
    private func runJob(_ job: ProjectJob, payloads: [Data], on worker: WorkerProcess, files: inout [FileState],
                        context: LaneContext) -> JobEnd {
        let timeout = options.worker.timeoutSeconds
        guard worker.send(WorkerEnvelope(project: job), payloads: payloads) else { return .failed("worker stdin closed") }
        var deadline = Date().addingTimeInterval(timeout)
        var current: Int?
        while true {
            switch worker.receive(until: deadline) {
            case .failure(let failure):
                let (kind, detail): (IngestErrorKind, String) = switch failure {
                case .timeout: (.timeout, "no result within \(timeout)s")
                case .crashed(let why): (.crashed, why)
                }
                guard let index = current else { return .failed("\(kind.rawValue): \(detail)") }
                return .fileFailed(index, IngestError(kind, detail: detail))
            case .success(let (message, data)):
                if message.ocrPageStarted == true { deadline.addTimeInterval(max(0, options.limits.ocrPageTimeout)) }
                if let index = message.fileStarted, files.indices.contains(index) {
                    current = index
                    deadline = Date().addingTimeInterval(timeout)
                    context.tally.update { $0.extracted += 1 }
                }
                if let done = message.fileDone, files.indices.contains(done.index), let docs = data.first {
                    files[done.index].sha = files[done.index].sha ?? done.sha256
                    files[done.index].outcome = done.outcome
                    files[done.index].fresh = docs
                    // Sent again after a later file fails, it is given rather than read twice.
                    files[done.index].given = (docs, job.files[done.index].displayPath)
                    current = nil
                    deadline = Date().addingTimeInterval(timeout)
                }
                if let done = message.projectDone {
                    workerPeaks.note(message.peakMB)
                    return .done(done, data)
                }
            }
        }
    }

    /// A timeout or crash of one file: logged, recorded for its bytes under the limits it happened with (retried
    /// next time while attempts remain), and the file stands as failed in this run's report.
    private func recordFailure(_ index: Int, _ error: IngestError, planned: PlannedProject, files: inout [FileState],
                               update: inout ProjectUpdate) {
        let file = planned.project.files[index]
        log("\(error.kind.rawValue): \(planned.project.id)/\(file.relativePath): \(error.detail ?? "")")
        let docs = [Document.failed(path: file.relativePath, format: .unknown, error: error)]
        let data = (try? JSONEncoder().encode(docs)) ?? Data()
        if files[index].sha == nil, case .success(let hex) = Self.hash(file.raw) { files[index].sha = hex }
        if let sha = files[index].sha {
            update.failures.append(.init(
                sha256: sha, version: extractorVersion, kind: error.kind.rawValue,
                timeoutSeconds: options.worker.timeoutSeconds, memoryMB: options.worker.memoryMB ?? Int.max,
                documents: data))
        }
        files[index].given = (data, file.relativePath)
        files[index].outcome = StateStore.outcome(docs)
        files[index].retryable = true
    }

    /// Records what the job read and, with a report written, the project's fingerprint, findings and digest.
    private func finish(_ planned: PlannedProject, files: [FileState], done: WorkerMessage.ProjectDone, parts: [Data],
                        update: inout ProjectUpdate, context: LaneContext) {
        let project = planned.project
        let version = extractorVersion
        var settled = true
        for (file, state) in zip(project.files, files) {
            let transient = (state.outcome ?? "").split(separator: ",").contains {
                IngestErrorKind(rawValue: String($0)).map(Self.transientKinds.contains) ?? false
            }
            guard let sha = state.sha, !transient else {
                settled = false
                continue
            }
            // A sweep never reads the cache: storing every document of an archive would only copy it.
            if let fresh = state.fresh, options.mode == .run {
                update.extractions.append(.init(sha256: sha, version: version, displayPath: file.relativePath,
                                                documents: fresh, outcome: state.outcome))
            }
            let record = StateStore.FileRecord(size: file.size, mtime: file.mtime, sha256: sha,
                                               outcome: state.retryable ? nil : state.outcome)
            if planned.known[file.relativePath] != record { update.files.append((file.relativePath, record)) }
        }
        let digest = DigestParts(parts)
        if done.error != nil || digest == nil {
            log("report not written for \(project.id): \(done.error ?? "malformed digest")")
            context.tally.update { $0.failed += 1 }
        } else if let digest {
            // A project with a file that could not be read is checked again next run, whatever its fingerprint.
            let fp = settled ? fingerprint(project, jurisdiction: planned.jurisdiction,
                                           checklistHash: context.checklistHash, files: files) : ""
            update.checked = .init(fingerprint: fp, run: context.runId, findings: done.findings, digest: digest)
            log("checked \(project.id): \(done.mustGaps) must-gap(s), \(done.unreadableDocuments) unreadable")
            context.tally.update { $0.checked += 1 }
        }
        context.writer.add(update)
        let finished = context.tally.updateReturning { $0.done += 1; return $0.done }
        progress?(.checking(done: context.alreadyDone + finished, total: context.total))
    }

    /// Error counts and the exit status from the digests of every project of the inbox, checked now or before.
    func tally(_ digests: DigestSource, into summary: inout RunSummary) throws {
        try digests.forEachSummary { s in
            for kind in s.errorKinds {
                summary.errorsByKind[kind, default: 0] += 1
                if let k = IngestErrorKind(rawValue: kind), Self.runFailureKinds.contains(k) { problemCount += 1 }
            }
            if s.unreadableDocuments > 0 { problemCount += 1 }
            if s.mustGaps > 0 { mustGapProjects += 1 }
        }
    }

    /// index.html every run (it shows the run); summary.csv and findings.xlsx only when some project's digest or
    /// the set of projects changed since they were last written whole. The workbook, the longest of them, is
    /// written by a worker while this process writes the other two.
    func writeBatch(_ digests: DigestSource, run: RunSummary, state: StateStore, scratch: URL) throws {
        let csv = options.out.appendingPathComponent("summary.csv")
        let workbook = options.out.appendingPathComponent("findings.xlsx")
        let key = batchKey()
        let fm = FileManager.default
        let due = try state.batchKey() != key || !fm.fileExists(atPath: csv.path) || !fm.fileExists(atPath: workbook.path)
        let worker = due ? startWorkbook(workbook, scratch: scratch) : nil
        do {
            try ProjectOutput.writeIndex(digests, run: run, statistics: options.mode == .sweep, to: options.out)
            if due { try ProjectOutput.writeSummaryCSV(digests, to: options.out) }
        } catch {
            worker?.kill()
            throw error
        }
        guard due else {
            log("summary.csv and findings.xlsx unchanged")
            return
        }
        if !finishWorkbook(worker) { try FindingsWorkbook.write(digests, to: workbook) }
        try state.recordBatchKey(key)
    }

    /// What the batch files were written from: their format and the projects of the inbox.
    private func batchKey() -> String {
        var key = SHA256Hasher()
        key.update(Data("\(ProjectOutput.batchVersion)\n".utf8))
        for id in scannedIDs.sorted(by: projectOrder) { key.update(Data("\(id)\n".utf8)) }
        return key.finalizeHex()
    }

    private func startWorkbook(_ target: URL, scratch: URL) -> WorkerProcess? {
        var settings = options.worker
        settings.extraEnvironment["TMPDIR"] = scratch.path
        guard let worker = try? WorkerProcess(settings: settings) else { return nil }
        let job = WorkbookJob(state: OutputLayout.stateURL(options.out).path, projects: scannedIDs, target: target.path)
        guard worker.send(WorkerEnvelope(workbook: job), payloads: []) else {
            worker.kill()
            return nil
        }
        return worker
    }

    /// Waits for the worker's workbook: true when it is in place, false when this process must write it.
    private func finishWorkbook(_ worker: WorkerProcess?) -> Bool {
        guard let worker else {
            log("findings.xlsx: no worker started, written by the run")
            return false
        }
        // One file's time limit, and a second more per 100 projects.
        let deadline = Date().addingTimeInterval(options.worker.timeoutSeconds + Double(scannedIDs.count) / 100)
        let why: String
        switch worker.receive(until: deadline) {
        case .success(let (message, _)):
            workerPeaks.note(message.peakMB)
            if let done = message.workbookDone, done.error == nil {
                worker.stop()
                return true
            }
            why = message.workbookDone?.error ?? "unexpected message"
        case .failure(.timeout): why = "no result in time"
        case .failure(.crashed(let detail)): why = detail
        }
        worker.kill()
        log("findings.xlsx: worker failed (\(why)), written by the run")
        return false
    }
}

extension DispatchTally {
    func updateReturning<T>(_ body: (DispatchTally) -> T) -> T {
        var result: T?
        update { result = body($0) }
        return result!
    }
}

/// CPU time of this process and of its children that have ended, and this process's peak resident memory.
struct ProcessUsage {
    var own: Double
    var children: Double
    var ownPeakMB: Double

    static func now() -> ProcessUsage {
        func seconds(_ who: __rusage_who_t) -> Double {
            var usage = rusage()
            getrusage(who, &usage)
            let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
            return user + system
        }
        return ProcessUsage(own: seconds(RUSAGE_SELF.rawValue), children: seconds(RUSAGE_CHILDREN.rawValue),
                            ownPeakMB: peakMB() ?? 0)
    }

    /// VmHWM of this process. Not getrusage's ru_maxrss: that keeps the size a process had before exec, so every
    /// worker would report the run's own size at the moment it was started.
    static func peakMB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kb / 1024
    }
}

/// The largest peak memory the workers reported.
final class PeakTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0.0
    func note(_ mb: Double?) { if let mb { lock.withLock { value = max(value, mb) } } }
    var peakMB: Double { lock.withLock { value } }
}
