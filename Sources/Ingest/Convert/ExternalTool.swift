import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs an external program (LibreOffice, tesseract) in its own process group with a hard time limit, so that a
/// hung converter and every child it forked are killed together.
enum ExternalTool {
    struct Outcome {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var timedOut: Bool
    }

    /// The first executable named `name` on PATH or in `extraDirectories`.
    static func find(_ name: String, extraDirectories: [String] = []) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + extraDirectories {
            let candidate = (dir as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable arguments` under `setsid` (a new process group), killing the group after `timeout`.
    static func run(
        _ executable: String, _ arguments: [String], timeout: TimeInterval, environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> Outcome {
        let process = Process()
        if let setsid = find("setsid") {
            process.executableURL = URL(fileURLWithPath: setsid)
            process.arguments = [executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice

        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()

        // Drain the pipes while waiting: a full pipe would block the child forever.
        let collector = PipeCollector()
        let group = DispatchGroup()
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.store(data, isOut: isOut)
                group.leave()
            }
        }
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            let pid = process.processIdentifier
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            done.wait()
        }
        group.wait()
        return Outcome(
            status: process.terminationStatus, stdout: collector.out, stderr: collector.err, timedOut: timedOut)
    }
}

/// Collects pipe output from two reader threads.
private final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()

    func store(_ data: Data, isOut: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isOut { outData = data } else { errData = data }
    }

    var out: Data {
        lock.lock()
        defer { lock.unlock() }
        return outData
    }

    var err: Data {
        lock.lock()
        defer { lock.unlock() }
        return errData
    }
}
