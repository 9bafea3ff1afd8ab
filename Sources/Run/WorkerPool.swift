import DocumentModel
import Foundation
import Ingest

/// How one extraction ended.
public enum ExtractionOutcome: Sendable {
    case documents([Document])
    case timeout
    case crashed(String)
}

/// How workers are started: which binary, with what limits. The binary is injectable so tests can use the built
/// `gapcheck`.
public struct WorkerSettings: Sendable {
    public var executable: URL
    /// Time for reading one document. Each page the worker sends to OCR adds that page's own OCR time limit
    /// (`IngestLimits.ocrPageTimeout`) to it, so a long scanned document is not cut off while it makes progress,
    /// and a reader that hangs is still stopped soon after its last sign of life.
    public var timeoutSeconds: Double
    public var memoryMB: Int?
    /// Variables added to the workers' environment (tests use it for fault injection).
    public var extraEnvironment: [String: String]

    public init(executable: URL, timeoutSeconds: Double = 120, memoryMB: Int? = 2048,
                extraEnvironment: [String: String] = [:]) {
        self.executable = executable
        self.timeoutSeconds = timeoutSeconds
        self.memoryMB = memoryMB
        self.extraEnvironment = extraEnvironment
    }

    /// This process's own binary, so `gapcheck run` re-executes itself as `gapcheck worker`.
    public static func currentExecutable() -> URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        let arg0 = CommandLine.arguments.first ?? "gapcheck"
        if arg0.contains("/") { return URL(fileURLWithPath: arg0).standardizedFileURL }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(arg0)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: arg0)
    }
}

/// One `gapcheck worker` child process, used by one pool thread at a time.
final class WorkerProcess {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []
    private static let spawnLock = NSLock()

    init(settings: WorkerSettings) throws {
        process.executableURL = settings.executable
        var args = ["worker"]
        if let mb = settings.memoryMB { args += ["--memory-mb", String(mb)] }
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in settings.extraEnvironment { env[k] = v }
        process.environment = env
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        // One spawn at a time keeps children from inheriting each other's pipe ends more than necessary.
        try Self.spawnLock.withLock { try process.run() }
    }

    var isRunning: Bool { process.isRunning }

    func extract(_ request: WorkerRequest, timeout: Double) -> ExtractionOutcome {
        guard var line = try? JSONEncoder().encode(request) else { return .crashed("request not encodable") }
        line.append(0x0A)
        do {
            try input.fileHandleForWriting.write(contentsOf: line)
        } catch {
            return .crashed("worker stdin closed: \(error)")
        }
        var deadline = Date().addingTimeInterval(timeout)
        let fd = output.fileHandleForReading.fileDescriptor
        let decoder = JSONDecoder()
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let data = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if let response = try? decoder.decode(WorkerResponse.self, from: data) {
                    return .documents(response.documents)
                }
                guard (try? decoder.decode(WorkerProgress.self, from: data)) != nil else {
                    return .crashed("malformed worker response")
                }
                // A page went to OCR: the budget grows by what that page may take (tesseract is killed after it).
                deadline.addTimeInterval(max(0, request.limits.ocrPageTimeout))
                continue
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timeout }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let slice = Int32(min(remaining, 0.2) * 1000) + 1
            let ready = poll(&pfd, 1, slice)
            if ready < 0 {
                if errno == EINTR { continue }
                return .crashed("poll failed: \(errno)")
            }
            if ready == 0 {
                // A dead child whose pipe end leaked into a sibling gives no EOF: look at the process itself.
                if !process.isRunning { return .crashed("worker exited with status \(process.terminationStatus)") }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = read(fd, &chunk, chunk.count)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .crashed("read failed: \(errno)")
            }
            if n == 0 {
                process.waitUntilExit()
                return .crashed("worker exited with status \(process.terminationStatus)")
            }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
    }

    /// Closing stdin lets the worker finish its loop and exit.
    func stop() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        kill()
    }
}

/// A job for the pool: one file to extract, and what to do with the outcome.
public struct ExtractionJob: Sendable {
    public var request: WorkerRequest
    public var tag: Int

    public init(request: WorkerRequest, tag: Int) {
        self.request = request
        self.tag = tag
    }
}

/// N worker processes fed from one queue. Each pool thread owns one worker, so extractions run in parallel; a
/// timed-out or crashed worker is replaced and the run goes on.
public final class WorkerPool: @unchecked Sendable {
    let settings: WorkerSettings
    let count: Int
    private let lock = NSLock()
    private var queue: [ExtractionJob] = []

    public init(settings: WorkerSettings, workers: Int) {
        self.settings = settings
        self.count = max(1, workers)
    }

    /// Runs every job; `completion` is called on pool threads (concurrently) as each one finishes.
    public func run(_ jobs: [ExtractionJob], completion: @escaping @Sendable (ExtractionJob, ExtractionOutcome) -> Void) {
        guard !jobs.isEmpty else { return }
        signal(SIGPIPE, SIG_IGN)
        lock.withLock { queue = jobs.reversed() }
        let group = DispatchGroup()
        for _ in 0..<min(count, jobs.count) {
            group.enter()
            let thread = Thread { [self] in
                self.serveQueue(completion: completion)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }

    private func next() -> ExtractionJob? { lock.withLock { queue.popLast() } }

    private func serveQueue(completion: @Sendable (ExtractionJob, ExtractionOutcome) -> Void) {
        var worker: WorkerProcess?
        while let job = next() {
            if worker == nil || worker?.isRunning == false {
                worker?.kill()
                worker = try? WorkerProcess(settings: settings)
            }
            guard let current = worker else {
                completion(job, .crashed("could not start worker at \(settings.executable.path)"))
                continue
            }
            let outcome = current.extract(job.request, timeout: settings.timeoutSeconds)
            switch outcome {
            case .documents: break
            case .timeout, .crashed:
                current.kill()
                worker = nil
            }
            completion(job, outcome)
        }
        worker?.stop()
    }
}
