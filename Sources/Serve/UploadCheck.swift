import Check
import Checklists
import DocumentModel
import Foundation
import Ingest
import Run

/// Limits of one self-check upload. Ingest limits are the same as `gapcheck check`'s.
public struct ServeLimits: Sendable {
    public var maxUploadBytes: Int
    public var maxFiles: Int
    /// Time for reading one document in its worker process.
    public var documentSeconds: Double
    public var memoryMB: Int?
    public var ingest: IngestLimits

    public init(maxUploadBytes: Int = 100 << 20, maxFiles: Int = 50, documentSeconds: Double = 120,
                memoryMB: Int? = 2048, ingest: IngestLimits = .default) {
        self.maxUploadBytes = maxUploadBytes
        self.maxFiles = maxFiles
        self.documentSeconds = documentSeconds
        self.memoryMB = memoryMB
        self.ingest = ingest
    }
}

/// What the clerk asked for: the files of one project and, optionally, the jurisdiction and stage.
struct UploadRequest: Sendable {
    var files: [(name: String, data: Data)]
    var jurisdiction: String?
    var stage: Stage?
}

/// Checks one upload in isolation: its own private folder (mode 0700) and its own worker processes; the folder is
/// removed before the answer leaves, whatever happened.
struct UploadCheck: Sendable {
    let library: ChecklistLibrary
    let limits: ServeLimits
    let worker: URL

    func check(_ upload: UploadRequest) throws -> ProjectReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        var jobs: [ExtractionJob] = []
        for (i, file) in upload.files.enumerated() {
            // Stored under a number: the clerk's file name is only shown, never used as a path.
            let path = folder.appendingPathComponent("\(i)")
            try file.data.write(to: path)
            jobs.append(ExtractionJob(request: WorkerRequest(path: path.path, displayPath: file.name, limits: limits.ingest),
                                      tag: i))
        }
        let documents = extract(jobs)
        // As `gapcheck check` names a project after its first path, an upload is named after its first file.
        let id = upload.files.first.map { ($0.name as NSString).deletingPathExtension } ?? "self-check"
        let input = ProjectInput(id: id.isEmpty ? "self-check" : id, documents: documents)
        return Checker(library: library).check(input, jurisdiction: upload.jurisdiction, stage: upload.stage)
    }

    /// Reads every file in worker processes with the time and memory limits of `gapcheck run`.
    func extract(_ jobs: [ExtractionJob]) -> [Document] {
        let settings = WorkerSettings(executable: worker, timeoutSeconds: limits.documentSeconds, memoryMB: limits.memoryMB)
        let results = ResultBox(count: jobs.count)
        WorkerPool(settings: settings, workers: min(2, jobs.count)).run(jobs) { job, outcome in
            results.set(job.tag, Self.documents(job.request, outcome))
        }
        return results.all()
    }

    static func documents(_ request: WorkerRequest, _ outcome: ExtractionOutcome) -> [Document] {
        switch outcome {
        case .documents(let docs): return docs
        case .timeout:
            return [Document.failed(path: request.displayPath, format: .unknown, error: IngestError(.timeout))]
        case .crashed(let why):
            return [Document.failed(path: request.displayPath, format: .unknown, error: IngestError(.crashed, detail: why))]
        }
    }
}

/// Results filled in by pool threads, read back in upload order.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Document]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ docs: [Document]) { lock.withLock { slots[index] = docs } }

    func all() -> [Document] { lock.withLock { slots.flatMap { $0 } } }
}
