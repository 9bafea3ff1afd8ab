import Foundation
import DocumentModel
import Ingest

/// A path as the file system holds it: bytes, not necessarily UTF-8. Names copied from Windows shares are often
/// GBK; a `String` path would lose them, so the run opens files by these bytes and only shows the decoded form.
public struct RawPath: Sendable, Hashable, Codable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ url: URL) { bytes = Array(url.path.utf8) }

    public func appending(_ name: [UInt8]) -> RawPath {
        var joined = bytes
        if joined.last != UInt8(ascii: "/") { joined.append(UInt8(ascii: "/")) }
        joined.append(contentsOf: name)
        return RawPath(bytes: joined)
    }

    /// The last component's bytes.
    public var lastComponent: [UInt8] {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    /// The path for display: each component decoded as `RawPath.display` does.
    public var display: String {
        bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { Self.display(Array($0)) }.joined(separator: "/")
    }

    /// A URL for APIs that need one; exact only when every component is UTF-8.
    public var url: URL { URL(fileURLWithPath: display) }

    public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        var terminated = bytes.map { CChar(bitPattern: $0) }
        terminated.append(0)
        return try terminated.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// A file name as a reader sees it: UTF-8, else GB18030 (GBK names from Windows), else UTF-8 with each bad byte
    /// shown as `\xNN`, so that two distinct names never look alike.
    public static func display(_ name: [UInt8]) -> String {
        if let utf8 = String(validating: name, as: UTF8.self) { return utf8 }
        if let gb = EntryNameDecoder.gb18030(name) { return gb }
        return escaped(name)
    }

    static func escaped(_ name: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < name.count {
            // The longest valid UTF-8 sequence starting here, else one escaped byte.
            var matched = false
            for length in stride(from: min(4, name.count - i), through: 1, by: -1) {
                if let s = String(validating: name[i..<(i + length)], as: UTF8.self) {
                    out += s
                    i += length
                    matched = true
                    break
                }
            }
            if !matched {
                out += String(format: "\\x%02X", name[i])
                i += 1
            }
        }
        return out
    }

    // MARK: File system

    /// lstat(2) or stat(2) of this path; nil with errno set when it fails.
    public func status(followingLinks: Bool) -> stat? {
        var st = stat()
        let rc = withCString { followingLinks ? stat($0, &st) : lstat($0, &st) }
        return rc == 0 ? st : nil
    }

    /// The canonical path, links resolved; nil for a dangling link or a loop.
    public func resolved() -> RawPath? {
        withCString { pointer -> RawPath? in
            guard let real = realpath(pointer, nil) else { return nil }
            defer { free(real) }
            return RawPath(bytes: Array(UnsafeBufferPointer(start: real, count: strlen(real)).map { UInt8(bitPattern: $0) }))
        }
    }

    /// Whether this canonical path is `root` or below it.
    public func isInside(_ root: RawPath) -> Bool {
        bytes == root.bytes || (bytes.starts(with: root.bytes) && bytes.count > root.bytes.count
            && (root.bytes.last == UInt8(ascii: "/") || bytes[root.bytes.count] == UInt8(ascii: "/")))
    }

    /// Opens a regular file for reading without ever blocking: O_NONBLOCK makes opening a FIFO return at once, and
    /// the type is checked on the open descriptor, so a file swapped for a FIFO or device after the scan is refused.
    public func openRegularFile() -> Result<Int32, FileOpenError> {
        let fd = withCString { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        if fd < 0 { return .failure(FileOpenError(errno: errno)) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            return .failure(FileOpenError(errno: code))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(.notRegular)
        }
        // Regular files ignore O_NONBLOCK; cleared anyway so reads behave the ordinary way.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .success(fd)
    }

    /// Reads the regular file in chunks of `size` bytes, handing each to `body` until it returns false or the file
    /// ends, never blocking on open. Nil when it was read, else why not.
    public func readChunks(size: Int, _ body: (ArraySlice<UInt8>) -> Bool) -> FileOpenError? {
        switch openRegularFile() {
        case .failure(let error): return error
        case .success(let fd):
            defer { close(fd) }
            var chunk = [UInt8](repeating: 0, count: size)
            while true {
                let n = read(fd, &chunk, chunk.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    return FileOpenError(errno: errno)
                }
                if n == 0 || !body(chunk[..<n]) { return nil }
            }
        }
    }

    /// The whole content of a small regular file (settings files), never blocking.
    public func readSmallFile(maxBytes: Int = 1 << 20) -> Result<Data, FileOpenError> {
        var data = Data()
        let error = readChunks(size: 64 << 10) { chunk in
            data.append(contentsOf: chunk)
            return data.count <= maxBytes
        }
        if let error { return .failure(error) }
        return data.count > maxBytes ? .failure(.tooLarge) : .success(data)
    }
}

/// Why a file could not be opened, in the error kinds reports use.
public enum FileOpenError: Error, Sendable, Equatable {
    case vanished
    case unreadable(Int32)
    case notRegular
    case tooLarge

    init(errno code: Int32) {
        self = (code == ENOENT || code == ENOTDIR) ? .vanished : .unreadable(code)
    }

    public var detail: String {
        switch self {
        case .vanished: return "no longer exists"
        case .unreadable(let code): return String(cString: strerror(code))
        case .notRegular: return "not a regular file"
        case .tooLarge: return "too large"
        }
    }
}

/// A `FileOpenError` as the error a document ends in.
public struct IngestFailure: Error, Sendable {
    public var error: IngestError

    public init(_ open: FileOpenError) {
        switch open {
        case .vanished: error = IngestError(.vanished, detail: open.detail)
        case .unreadable: error = IngestError(.unreadable, detail: open.detail)
        case .notRegular: error = IngestError(.specialFile, detail: open.detail)
        case .tooLarge: error = IngestError(.tooLarge, detail: open.detail)
        }
    }
}
