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

    /// The first executable named `name` on the PATH of `environment` or in `extraDirectories`.
    static func find(
        _ name: String, extraDirectories: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + extraDirectories {
            let candidate = (dir as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable arguments` as the leader of a new process group, killing the whole group after `timeout`
    /// and once the program has exited (helpers it left behind would otherwise hold the output pipes open).
    /// `environment` is added to `baseEnvironment` (this process's own by default).
    ///
    /// Foundation's `Process` already starts the child in a process group of its own. `setsid` must not be put in
    /// front: finding itself a group leader it forks, and the pid we hold is then a parent that exited at once
    /// while the real program runs on in another group, out of reach of the timeout.
    static func run(
        _ executable: String, _ arguments: [String], timeout: TimeInterval, environment: [String: String] = [:],
        baseEnvironment: [String: String] = ProcessInfo.processInfo.environment, currentDirectory: URL? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = baseEnvironment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice

        let done = DispatchSemaphore(value: 0)
        let collector = PipeCollector()
        process.terminationHandler = { finished in
            collector.status = finished.terminationStatus
            done.signal()
        }
        try process.run()
        let pid = process.processIdentifier
        // Only a group this child leads may be killed as a group: never our own.
        let ownGroup = getpgid(pid) == pid && pid != getpgrp()
        func killAll() {
            if ownGroup { kill(-pid, SIGKILL) }
            kill(pid, SIGKILL)
        }

        // Drain the pipes while waiting: a full pipe would block the child forever.
        let group = DispatchGroup()
        for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.store(data, isOut: isOut)
                group.leave()
            }
        }
        // On Linux, Foundation learns of the exit only when every process holding the child's inherited descriptors
        // is gone; a helper the program left running would delay it to the timeout. So the exit is also watched
        // here, and the group (helpers included) is killed as soon as the program itself has ended.
        let deadline = Date().addingTimeInterval(max(0, timeout))
        var timedOut = false
        while done.wait(timeout: .now() + 0.05) == .timedOut {
            if Self.hasExited(pid) {
                killAll()
            } else if Date() >= deadline {
                timedOut = true
                killAll()
                break
            }
        }
        // Killed or exited: termination follows at once, unless something outside the group holds on.
        if timedOut, done.wait(timeout: .now() + 10) == .timedOut { collector.status = -1 }
        _ = group.wait(timeout: .now() + 10)
        return Outcome(status: collector.status, stdout: collector.out, stderr: collector.err, timedOut: timedOut)
    }

    /// A child that has ended but is not yet reaped is a zombie ("Z" in /proc/PID/stat); one that is gone has no
    /// entry. Elsewhere than Linux, Foundation reports exits itself and this is never needed.
    static func hasExited(_ pid: Int32) -> Bool {
        #if os(Linux)
            guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return true }
            let text = String(decoding: stat, as: UTF8.self)
            guard let close = text.lastIndex(of: ")") else { return false }
            return text[text.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        #else
            return false
        #endif
    }
}

/// Collects pipe output from two reader threads.
private final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()
    private var exitStatus: Int32 = -1

    var status: Int32 {
        get {
            lock.lock()
            defer { lock.unlock() }
            return exitStatus
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            exitStatus = newValue
        }
    }

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
