import Foundation

/// What one run did: written to `<out>/runs/<id>.json` and shown at the top of the batch index.
public struct RunSummary: Codable, Sendable, Hashable {
    /// A file left out of this run, and why (in Chinese).
    public struct SkippedFile: Codable, Sendable, Hashable {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Timestamp id, e.g. 20260301T020000Z.
    public var id: String
    /// "run", "sweep" or "merge".
    public var mode: String
    public var started: String
    public var finished: String?
    public var projects: Int
    /// Projects whose reports were written this run.
    public var projectsChecked: Int
    /// Projects left as they were: no file and no checklist changed.
    public var projectsUnchanged: Int
    public var files: Int
    /// Files sent to a worker for extraction this run.
    public var extracted: Int
    /// Files whose cached extraction was reused.
    public var cached: Int
    public var skipped: [SkippedFile]
    /// Files that are not documents (by extension), left out.
    public var ignored: [String]
    /// Documents per error kind (`IngestErrorKind` raw values).
    public var errorsByKind: [String: Int]
    public var workers: Int
    /// CPU seconds the run's own process spent (scheduling, state, batch files), and its worker processes spent.
    public var coordinatorCPUSeconds: Double?
    public var workerCPUSeconds: Double?
    /// Peak resident memory of the run's own process and of the largest of its workers, in MB.
    public var coordinatorPeakMB: Double?
    public var workerPeakMB: Double?

    public init(
        id: String, mode: String, started: String, finished: String? = nil, projects: Int = 0,
        projectsChecked: Int = 0, projectsUnchanged: Int = 0, files: Int = 0, extracted: Int = 0, cached: Int = 0,
        skipped: [SkippedFile] = [], ignored: [String] = [], errorsByKind: [String: Int] = [:], workers: Int = 0
    ) {
        self.id = id
        self.mode = mode
        self.started = started
        self.finished = finished
        self.projects = projects
        self.projectsChecked = projectsChecked
        self.projectsUnchanged = projectsUnchanged
        self.files = files
        self.extracted = extracted
        self.cached = cached
        self.skipped = skipped
        self.ignored = ignored
        self.errorsByKind = errorsByKind
        self.workers = workers
    }
}
