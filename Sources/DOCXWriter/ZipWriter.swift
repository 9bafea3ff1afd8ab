import CZip
import Foundation

/// Writes ZIP archives through libzip. Entry names are raw bytes so that test packages can carry GBK names without
/// the UTF-8 flag, as Chinese archivers write them.
public struct ZipWriter {
    public struct Entry {
        public var name: [UInt8]
        public var data: [UInt8]
        /// Store instead of deflate (e.g. for nested archives, or to control the compression ratio).
        public var stored: Bool
        /// Encrypts the entry (AES-256) with this password, for packages that must be reported as encrypted.
        public var password: String?

        public init(name: [UInt8], data: [UInt8], stored: Bool = false, password: String? = nil) {
            self.name = name
            self.data = data
            self.stored = stored
            self.password = password
        }

        public init(_ name: String, _ data: [UInt8], stored: Bool = false) {
            self.init(name: Array(name.utf8), data: data, stored: stored)
        }

        public init(_ name: String, text: String) {
            self.init(name: Array(name.utf8), data: Array(text.utf8))
        }
    }

    public enum WriteError: Error, CustomStringConvertible {
        case libzip(String)

        public var description: String {
            switch self {
            case .libzip(let message): return "libzip: \(message)"
            }
        }
    }

    public var entries: [Entry] = []
    /// When set, every entry gets this modification time (seconds since 1970) so output is byte-for-byte
    /// reproducible; otherwise libzip stamps the current time.
    public var modificationTime: Int? = nil

    /// Word stamps the parts of a saved package with the DOS epoch; a day later keeps clear of time-zone underflow.
    public static let wordTimestamp = 315_619_200

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public mutating func add(_ name: String, text: String) {
        entries.append(Entry(name, text: text))
    }

    public mutating func add(_ name: String, data: [UInt8], stored: Bool = false) {
        entries.append(Entry(name, data, stored: stored))
    }

    /// Writes the archive to a file.
    public func write(to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        var errorCode: Int32 = 0
        guard let archive = zip_open(url.path, ZIP_CREATE | ZIP_TRUNCATE, &errorCode) else {
            throw WriteError.libzip("cannot create \(url.path) (error \(errorCode))")
        }
        // libzip reads the buffers only at zip_close, so they must stay alive until then.
        var buffers: [UnsafeMutableRawPointer] = []
        defer { buffers.forEach { $0.deallocate() } }
        for entry in entries {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(entry.data.count, 1), alignment: 1)
            buffers.append(buffer)
            entry.data.withUnsafeBytes { raw in
                if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: raw.count) }
            }
            guard let source = zip_source_buffer(archive, buffer, UInt64(entry.data.count), 0) else {
                zip_discard(archive)
                throw WriteError.libzip("cannot create source")
            }
            var nameBytes = entry.name
            nameBytes.append(0)
            let index = nameBytes.withUnsafeBufferPointer { name in
                name.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) {
                    zip_file_add(archive, $0, source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_GUESS)
                }
            }
            if index < 0 {
                zip_source_free(source)
                let message = String(cString: zip_strerror(archive))
                zip_discard(archive)
                throw WriteError.libzip(message)
            }
            if let time = modificationTime {
                zip_file_set_mtime(archive, UInt64(index), time_t(time), 0)
            }
            if entry.stored {
                zip_set_file_compression(archive, UInt64(index), ZIP_CM_STORE, 0)
            }
            if let password = entry.password,
                zip_file_set_encryption(archive, UInt64(index), UInt16(ZIP_EM_AES_256), password) != 0
            {
                let message = String(cString: zip_strerror(archive))
                zip_discard(archive)
                throw WriteError.libzip(message)
            }
        }
        if zip_close(archive) != 0 {
            let message = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw WriteError.libzip(message)
        }
    }

    /// The archive's bytes (written through a temporary file: libzip's in-memory write path is awkward to drive).
    public func data() throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-zip-\(UUID().uuidString).zip")
        try write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try Data(contentsOf: url)
    }
}
