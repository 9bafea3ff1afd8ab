import Check
import DocumentModel
import Foundation
import GRDB
import Ingest
import Report

/// The worker side of a project job: reads the files it is not given, checks the project, writes its report set
/// and sends back what the run records. Everything per project happens here, in parallel worker processes; the run
/// itself only schedules and records.
final class ProjectWorker {
    private var checker: Checker?
    private let channel: Int32
    private let faults: [(WorkerMain.Fault, String)]
    private let encoder = JSONEncoder()

    init(channel: Int32, faults: [(WorkerMain.Fault, String)]) {
        self.channel = channel
        self.faults = faults
    }

    func setUp(_ setup: WorkerSetup) {
        checker = Checker(library: setup.library, clock: setup.clock)
    }

    /// Returns false when the parent is gone.
    func run(_ job: ProjectJob, payloads: [Data]) -> Bool {
        guard let checker else { return send(.init(projectDone: .init(findings: [], error: "worker has no checklists"))) }
        var documents = job.problemDocuments
        let decoder = JSONDecoder()
        for (i, file) in job.files.enumerated() {
            if let given = file.given {
                let docs = given.payload < payloads.count
                    ? (try? decoder.decode([Document].self, from: payloads[given.payload])) : nil
                documents += Self.rebase(docs ?? [Self.lost(file)], from: given.displayPath, to: file.displayPath)
                continue
            }
            guard send(.init(fileStarted: i)) else { return false }
            WorkerMain.inject(faults, path: file.displayPath)
            let (docs, sha) = Self.read(file, limits: job.limits, channel: channel)
            let data = (try? encoder.encode(docs)) ?? Data("[]".utf8)
            let done = WorkerMessage.FileDone(index: i, sha256: sha, outcome: StateStore.outcome(docs))
            guard send(.init(fileDone: done), payloads: [data]) else { return false }
            documents += docs
        }
        return finish(job, documents: documents, checker: checker)
    }

    private func finish(_ job: ProjectJob, documents: [Document], checker: Checker) -> Bool {
        let report = checker.check(ProjectInput(id: job.id, metadata: job.metadata, documents: documents),
                                   jurisdiction: job.jurisdiction)
        let diff = ReportDiff.between(previous: job.previous?.findings.map(\.finding), current: report.findings,
                                      previousRun: job.previous?.run)
        do {
            try ProjectOutput.write(report, diff: diff, to: URL(fileURLWithPath: job.folder, isDirectory: true))
            let parts = try DigestParts(ProjectDigest(report: report, link: job.link, diff: diff))
            let done = WorkerMessage.ProjectDone(
                findings: report.findings.map(FindingRecord.init), mustGaps: report.summary.mustGaps,
                unreadableDocuments: report.summary.unreadableDocuments)
            return send(.init(projectDone: done), payloads: parts.all)
        } catch {
            return send(.init(projectDone: .init(findings: [], error: "\(error)")))
        }
    }

    /// Writes the batch workbook from the digests in the state. Returns false when the parent is gone.
    func write(_ job: WorkbookJob) -> Bool {
        WorkerMain.inject(faults, path: job.target)
        var error: String?
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let db = try DatabaseQueue(path: job.state, configuration: configuration)
            try FindingsWorkbook.write(StoredDigests(db: db, projects: Set(job.projects)),
                                       to: URL(fileURLWithPath: job.target))
        } catch let failure {
            error = "\(failure)"
        }
        return send(.init(workbookDone: .init(error: error)))
    }

    private func send(_ message: WorkerMessage, payloads: [Data] = []) -> Bool {
        var message = message
        if !payloads.isEmpty { message.payloads = payloads.map(\.count) }
        if message.projectDone != nil || message.workbookDone != nil { message.peakMB = ProcessUsage.peakMB() }
        guard var line = try? encoder.encode(message) else { return false }
        line.append(0x0A)
        guard WorkerMain.writeAll(line, to: channel) else { return false }
        return payloads.allSatisfy { WorkerMain.writeAll($0, to: channel) }
    }

    /// Reads one file by its raw bytes without blocking; hashes what was read when asked.
    static func read(_ file: ProjectJob.File, limits: IngestLimits, channel: Int32) -> (docs: [Document], sha: String?) {
        switch file.raw.openRegularFile() {
        case .success(let fd):
            defer { close(fd) }
            let docs = WorkerMain.withOCRProgress(channel: channel) {
                Ingestor.ingest(fileDescriptor: fd, displayPath: file.displayPath, limits: limits)
            }
            return (docs, file.hash ? hash(fd) : nil)
        case .failure(.notRegular):
            return ([Document.failed(path: file.displayPath, format: .unknown,
                                     error: IngestError(.specialFile, detail: "not a regular file when read"))], nil)
        case .failure(let error):
            let kind: IngestErrorKind = error == .vanished ? .vanished : .unreadable
            return ([Document.failed(path: file.displayPath, format: .unknown,
                                     error: IngestError(kind, detail: error.detail))], nil)
        }
    }

    /// SHA-256 of the open file from its start, nil when it cannot be read again.
    static func hash(_ fd: Int32) -> String? {
        var hasher = SHA256Hasher()
        // Uninitialised: only what pread fills is read, and zeroing a megabyte per file showed in sweeps.
        var buffer = [UInt8](unsafeUninitializedCapacity: 1 << 20) { _, count in count = 1 << 20 }
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return hasher.finalizeHex() }
            hasher.update(Data(buffer[..<n]))
            offset += off_t(n)
        }
    }

    /// A given payload that does not decode stands as a crash of reading the file, so it is read again next time.
    static func lost(_ file: ProjectJob.File) -> Document {
        Document.failed(path: file.displayPath, format: .unknown,
                        error: IngestError(.crashed, detail: "cached extraction unreadable"))
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
