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
    private var frames = FrameBuffer()
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
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
        guard write(line) else { return .crashed("worker stdin closed") }
        var deadline = Date().addingTimeInterval(timeout)
        let decoder = JSONDecoder()
        while true {
            let data: Data
            switch readLine(until: deadline) {
            case .success(let line): data = line
            case .failure(.timeout): return .timeout
            case .failure(.crashed(let why)): return .crashed(why)
            }
            if let response = try? decoder.decode(WorkerResponse.self, from: data) {
                return .documents(response.documents)
            }
            guard (try? decoder.decode(WorkerProgress.self, from: data)) != nil else {
                return .crashed("malformed worker response")
            }
            // A page went to OCR: the budget grows by what that page may take (tesseract is killed after it).
            deadline.addTimeInterval(max(0, request.limits.ocrPageTimeout))
        }
    }

    enum ReadFailure: Error {
        case timeout
        case crashed(String)
    }

    /// Sends a request line and its payloads.
    func send(_ envelope: WorkerEnvelope, payloads: [Data]) -> Bool {
        var envelope = envelope
        envelope.payloads = payloads.map(\.count)
        guard var line = try? JSONEncoder().encode(envelope) else { return false }
        line.append(0x0A)
        return write(line) && payloads.allSatisfy(write)
    }

    /// The next message and its payloads, or why none came before the deadline.
    func receive(until deadline: Date) -> Result<(WorkerMessage, [Data]), ReadFailure> {
        let line: Data
        switch readLine(until: deadline) {
        case .success(let l): line = l
        case .failure(let f): return .failure(f)
        }
        guard let message = try? JSONDecoder().decode(WorkerMessage.self, from: line) else {
            return .failure(.crashed("malformed worker message"))
        }
        var payloads: [Data] = []
        for size in message.payloads ?? [] {
            switch readBytes(size, until: deadline) {
            case .success(let d): payloads.append(d)
            case .failure(let f): return .failure(f)
            }
        }
        return .success((message, payloads))
    }

    private func write(_ data: Data) -> Bool {
        do {
            try input.fileHandleForWriting.write(contentsOf: data)
            return true
        } catch {
            return false
        }
    }

    private func readLine(until deadline: Date) -> Result<Data, ReadFailure> {
        while true {
            if let line = frames.line() { return .success(line) }
            if let failure = fill(until: deadline) { return .failure(failure) }
        }
    }

    private func readBytes(_ count: Int, until deadline: Date) -> Result<Data, ReadFailure> {
        guard count >= 0 else { return .failure(.crashed("malformed payload size")) }
        while true {
            if let payload = frames.payload(count) { return .success(payload) }
            if let failure = fill(until: deadline) { return .failure(failure) }
        }
    }

    /// Reads what the worker has sent into the buffer; nil when something arrived.
    private func fill(until deadline: Date) -> ReadFailure? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
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
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .crashed("read failed: \(errno)")
            }
            if n == 0 {
                process.waitUntilExit()
                return .crashed("worker exited with status \(process.terminationStatus)")
            }
            frames.append(chunk[..<n])
            return nil
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

/// A pool thread's worker process: started when first needed, replaced after a timeout or crash.
final class WorkerSlot {
    let settings: WorkerSettings
    let setup: WorkerSetup?
    private var worker: WorkerProcess?

    init(settings: WorkerSettings, setup: WorkerSetup?) {
        self.settings = settings
        self.setup = setup
    }

    /// The running worker, started (and given the run's setup) if there is none.
    func current() -> WorkerProcess? {
        if let worker, worker.isRunning { return worker }
        worker?.kill()
        worker = try? WorkerProcess(settings: settings)
        if let setup, let started = worker, !started.send(WorkerEnvelope(setup: setup), payloads: []) {
            started.kill()
            worker = nil
        }
        return worker
    }

    /// Kills the worker after it timed out or broke the protocol; the next job starts a new one.
    func discard() {
        worker?.kill()
        worker = nil
    }

    func stop() {
        worker?.stop()
        worker = nil
    }
}

/// N worker processes fed from one queue. Each pool thread owns one worker, so jobs run in parallel; a timed-out
/// or crashed worker is replaced and the run goes on.
public final class WorkerPool: @unchecked Sendable {
    let settings: WorkerSettings
    let count: Int
    let setup: WorkerSetup?

    public init(settings: WorkerSettings, workers: Int, setup: WorkerSetup? = nil) {
        self.settings = settings
        self.count = max(1, workers)
        self.setup = setup
    }

    /// Runs every extraction; `completion` is called on pool threads (concurrently) as each one finishes.
    public func run(_ jobs: [ExtractionJob], completion: @escaping @Sendable (ExtractionJob, ExtractionOutcome) -> Void) {
        lanes(jobs) { job, slot in
            guard let worker = slot.current() else {
                completion(job, .crashed("could not start worker at \(self.settings.executable.path)"))
                return
            }
            let outcome = worker.extract(job.request, timeout: self.settings.timeoutSeconds)
            if case .documents = outcome {} else { slot.discard() }
            completion(job, outcome)
        }
    }

    /// Runs `body` for every job on `count` threads, each with its own worker slot, in the order given.
    func lanes<Job: Sendable>(_ jobs: [Job], _ body: @escaping @Sendable (Job, WorkerSlot) -> Void) {
        guard !jobs.isEmpty else { return }
        signal(SIGPIPE, SIG_IGN)
        let queue = JobQueue(jobs)
        let group = DispatchGroup()
        for _ in 0..<min(count, jobs.count) {
            group.enter()
            let thread = Thread { [self] in
                let slot = WorkerSlot(settings: settings, setup: setup)
                while let job = queue.next() { body(job, slot) }
                slot.stop()
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }
}

/// The jobs in their order, shared with the caller's array rather than copied.
final class JobQueue<Job>: @unchecked Sendable {
    private let lock = NSLock()
    private let jobs: [Job]
    private var taken = 0

    init(_ jobs: [Job]) { self.jobs = jobs }

    func next() -> Job? {
        lock.withLock {
            guard taken < jobs.count else { return nil }
            defer { taken += 1 }
            return jobs[taken]
        }
    }
}
