import DocumentModel
import Foundation
import Ingest

/// One line on a worker's stdin.
public struct WorkerRequest: Codable, Sendable {
    public var path: String
    /// The path's bytes when it is not UTF-8 (GBK names); opened instead of `path`.
    public var rawPath: Data?
    public var displayPath: String
    public var limits: IngestLimits

    public init(path: String, displayPath: String, limits: IngestLimits) {
        self.path = path
        self.displayPath = displayPath
        self.limits = limits
    }

    public init(raw: RawPath, displayPath: String, limits: IngestLimits) {
        self.init(path: raw.display, displayPath: displayPath, limits: limits)
        if String(validating: raw.bytes, as: UTF8.self) == nil { rawPath = Data(raw.bytes) }
    }

    /// What the worker opens.
    var raw: RawPath { rawPath.map { RawPath(bytes: [UInt8]($0)) } ?? RawPath(bytes: Array(path.utf8)) }
}

/// One line on a worker's stdout: the documents read from the requested file.
public struct WorkerResponse: Codable, Sendable {
    public var displayPath: String
    public var documents: [Document]

    public init(displayPath: String, documents: [Document]) {
        self.displayPath = displayPath
        self.documents = documents
    }
}

/// A line a worker may send before its response: a page went to OCR. The parent grows the document's time limit
/// by one page's OCR allowance for each (see `WorkerProcess.extract`).
public struct WorkerProgress: Codable, Sendable {
    public var ocrPageStarted: Bool

    public init(ocrPageStarted: Bool = true) { self.ocrPageStarted = ocrPageStarted }
}

/// The worker side of extraction: `gapcheck worker` runs this loop.
public enum WorkerMain {
    /// Test-only fault injection, read by the worker: `crash:<substring>,hang:<substring>,memory:<substring>` makes
    /// a request whose display path contains the substring abort the worker, block forever, or allocate until the
    /// memory limit stops it. Compiled into debug builds only: a release binary ignores the variable.
    public static let faultInjectionVariable = "GAPCHECK_FAULT_INJECT"

    enum Fault { case crash, hang, memory }

    static func faults(_ spec: String?) -> [(Fault, String)] {
        guard let spec, !spec.isEmpty else { return [] }
        return spec.split(separator: ",").compactMap { part in
            let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[1].isEmpty else { return nil }
            switch pieces[0] {
            case "crash": return (.crash, pieces[1])
            case "hang": return (.hang, pieces[1])
            case "memory": return (.memory, pieces[1])
            default: return nil
            }
        }
    }

    /// Serves requests until stdin closes. Returns the process exit code.
    public static func serve(memoryMB: Int?) -> Int32 {
        if let memoryMB, memoryMB > 0 {
            let bytes = rlim_t(memoryMB) << 20
            var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
            #if os(Linux)
            _ = setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
            #else
            _ = setrlimit(RLIMIT_AS, &limit)
            #endif
        }
        watchParent()
        // Keep the protocol channel private: anything a library prints to stdout goes to stderr instead.
        let channel = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        #if DEBUG
            let injected = faults(ProcessInfo.processInfo.environment[faultInjectionVariable])
        #else
            let injected: [(Fault, String)] = []
        #endif
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        let projects = ProjectWorker(channel: channel, faults: injected)
        let input = RequestReader(fd: STDIN_FILENO)
        while let data = input.line() {
            if data.isEmpty { continue }
            if let envelope = try? decoder.decode(WorkerEnvelope.self, from: data),
               envelope.setup != nil || envelope.project != nil || envelope.workbook != nil {
                guard let payloads = input.payloads(envelope.payloads ?? []) else { return 1 }
                if let setup = envelope.setup { projects.setUp(setup) }
                if let job = envelope.project, !projects.run(job, payloads: payloads) { return 1 }
                if let job = envelope.workbook, !projects.write(job) { return 1 }
                continue
            }
            guard let request = try? decoder.decode(WorkerRequest.self, from: data) else {
                FileHandle.standardError.write(Data("worker: malformed request\n".utf8))
                continue
            }
            inject(injected, path: request.displayPath)
            let docs = withOCRProgress(channel: channel) { read(request) }
            var response = (try? encoder.encode(WorkerResponse(displayPath: request.displayPath, documents: docs)))
                ?? Data("{}".utf8)
            response.append(0x0A)
            guard writeAll(response, to: channel) else { return 1 }
        }
        return 0
    }

    /// Test faults for a file about to be read (debug builds only; see `faultInjectionVariable`).
    static func inject(_ faults: [(Fault, String)], path: String) {
        for (fault, needle) in faults where path.contains(needle) {
            switch fault {
            case .crash: abort()
            case .hang: while true { sleep(3600) }
            case .memory:
                var held: [[UInt8]] = []
                while true { held.append([UInt8](repeating: 1, count: 64 << 20)) }
            }
        }
    }

    /// Runs a read, telling the parent on `channel` each time a page goes to OCR.
    static func withOCRProgress<T>(channel: Int32, _ body: () -> T) -> T {
        var progress = (try? JSONEncoder().encode(WorkerProgress())) ?? Data()
        progress.append(0x0A)
        let report: @Sendable () -> Void = { [progress] in _ = writeAll(progress, to: channel) }
        return OCRProgress.withHandler(report, body)
    }

    /// Opens by the raw bytes, never blocking (a file swapped for a FIFO after the scan is refused, not waited on).
    static func read(_ request: WorkerRequest) -> [Document] {
        switch request.raw.openRegularFile() {
        case .success(let fd):
            defer { close(fd) }
            return Ingestor.ingest(fileDescriptor: fd, displayPath: request.displayPath, limits: request.limits)
        case .failure(.notRegular):
            return [Document.failed(path: request.displayPath, format: .unknown,
                                    error: IngestError(.specialFile, detail: "not a regular file when read"))]
        case .failure(let error):
            let kind: IngestErrorKind = error == .vanished ? .vanished : .unreadable
            return [Document.failed(path: request.displayPath, format: .unknown, error: IngestError(kind, detail: error.detail))]
        }
    }

    /// A worker stuck in a reader must not outlive a parent that was killed: once reparented, it exits.
    static func watchParent() {
        let parent = getppid()
        let thread = Thread {
            while true {
                sleep(1)
                if getppid() != parent { _exit(3) }
            }
        }
        thread.stackSize = 64 << 10
        thread.start()
    }

    static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard var p = raw.baseAddress else { return true }
            var left = raw.count
            while left > 0 {
                let n = write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                p += n
                left -= n
            }
            return true
        }
    }
}

/// Request lines and the payload bytes after them, read from the worker's stdin.
final class RequestReader {
    private let fd: Int32
    private var frames = FrameBuffer()
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var ended = false

    init(fd: Int32) { self.fd = fd }

    /// The next line without its newline; nil at the end of input.
    func line() -> Data? {
        while true {
            if let line = frames.line() { return line }
            guard fill() else { return frames.rest() }
        }
    }

    /// Payloads of the given sizes; nil when the input ends first.
    func payloads(_ sizes: [Int]) -> [Data]? {
        var result: [Data] = []
        for size in sizes {
            guard size >= 0 else { return nil }
            while true {
                if let payload = frames.payload(size) {
                    result.append(payload)
                    break
                }
                guard fill() else { return nil }
            }
        }
        return result
    }

    private func fill() -> Bool {
        if ended { return false }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                ended = true
                return false
            }
            frames.append(chunk[..<n])
            return true
        }
    }
}
