import Foundation

/// One writer per output folder: an advisory `flock` on `<out>/.gapcheck.lock`, held for the whole run and
/// released by the kernel when the process ends, however it ends. The file names the holder's pid for the message
/// a second run prints.
public final class OutputLock: @unchecked Sendable {
    public static let fileName = ".gapcheck.lock"
    private let fd: Int32

    public struct Held: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var holder: String?
        public var description: String {
            "输出目录 \(path) 正被另一个 gapcheck 运行使用" + (holder.map { "（进程 \($0)）" } ?? "") + "，请等其结束后再运行"
        }
    }

    /// Takes the lock, waiting up to `wait` seconds for another run to finish; throws `Held` after that.
    public init(out: URL, wait: Double = 0) throws {
        let url = out.appendingPathComponent(Self.fileName)
        fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        let deadline = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = Self.holder(fd)
                close(fd)
                throw Held(path: out.path, holder: holder)
            }
            usleep(100_000)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.utf8.count, 0)
    }

    static func holder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    deinit { close(fd) }
}
