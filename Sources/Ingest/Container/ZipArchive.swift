import CZip
import DocumentModel
import Foundation

/// Inflated bytes already spent on one top-level file, shared by every archive nested inside it.
final class ZipBudget {
    let limits: IngestLimits
    private(set) var totalBytes = 0

    init(limits: IngestLimits) { self.limits = limits }

    func spend(_ bytes: Int) throws(IngestError) {
        totalBytes += bytes
        if totalBytes > limits.maxTotalUncompressedBytes {
            throw IngestError(.tooLarge, detail: "total inflated bytes over \(limits.maxTotalUncompressedBytes)")
        }
    }
}

/// A read-only ZIP archive held in memory, read through libzip with our own limits: libzip trusts declared sizes
/// and does not detect bombs, so every read counts the bytes actually produced.
/// Entry names are for display and lookup only, never used as file paths.
final class ZipArchive {
    struct Entry {
        var index: UInt64
        /// Decoded name: UTF-8 when flagged or valid, else GB18030, else CP437.
        var name: String
        var isDirectory: Bool
        var declaredSize: UInt64
        var compressedSize: UInt64
        var isEncrypted: Bool
    }

    private let archive: OpaquePointer
    let entries: [Entry]
    private let budget: ZipBudget
    /// Lower-cased name → entry, for OPC part lookup (part names compare case-insensitively).
    private lazy var byLowercasedName: [String: Entry] = {
        var map: [String: Entry] = [:]
        for entry in entries where map[entry.name.lowercased()] == nil { map[entry.name.lowercased()] = entry }
        return map
    }()

    /// Opens `data`. Throws `corrupt` for anything libzip cannot open and `tooLarge` over the entry-count cap.
    init(data: Data, budget: ZipBudget) throws(IngestError) {
        self.budget = budget
        let limits = budget.limits
        guard data.count <= limits.maxFileBytes else {
            throw IngestError(.tooLarge, detail: "archive of \(data.count) bytes")
        }
        // Shorter than an end-of-central-directory record: libzip would open it as an empty archive.
        guard data.count >= 22 else { throw IngestError(.corrupt, detail: "\(data.count) bytes, too short for a ZIP") }
        var opened = ZipArchive.open(bytes: data)
        if case .failure(let code) = opened, code == ZIP_ER_INCONS, let patched = ZipArchive.clearingUTF8Flags(data) {
            // GBK archivers that set the UTF-8 flag on non-UTF-8 names make libzip 1.7.3 refuse the whole archive;
            // with the flag cleared it opens, and names are decoded by content below.
            opened = ZipArchive.open(bytes: patched)
        }
        let archive: OpaquePointer
        switch opened {
        case .success(let handle): archive = handle
        case .failure(let code):
            throw IngestError(.corrupt, detail: "zip_open failed (libzip error \(code))")
        }
        let count = zip_get_num_entries(archive, 0)
        guard count >= 0 else {
            zip_discard(archive)
            throw IngestError(.corrupt, detail: "cannot count entries")
        }
        guard count <= Int64(limits.maxEntries) else {
            zip_discard(archive)
            throw IngestError(.tooLarge, detail: "\(count) entries, limit \(limits.maxEntries)")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        for index in 0..<UInt64(count) {
            guard let rawPointer = zip_get_name(archive, index, zip_flags_t(ZIP_FL_ENC_RAW)) else { continue }
            let raw = Array(UnsafeRawBufferPointer(start: rawPointer, count: strlen(rawPointer)))
            var flaggedUTF8 = false
            if let strict = zip_get_name(archive, index, zip_flags_t(ZIP_FL_ENC_STRICT)) {
                // STRICT returns the stored bytes unchanged only for ASCII or flagged UTF-8 names.
                flaggedUTF8 = strcmp(strict, rawPointer) == 0
            }
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            zip_stat_index(archive, index, 0, &stat)
            let name = EntryNameDecoder.decode(raw, flaggedUTF8: flaggedUTF8)
            let encrypted = (stat.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD)) != 0 && stat.encryption_method != ZIP_EM_NONE
            entries.append(
                Entry(
                    index: index, name: name, isDirectory: name.hasSuffix("/"),
                    declaredSize: (stat.valid & UInt64(ZIP_STAT_SIZE)) != 0 ? stat.size : 0,
                    compressedSize: (stat.valid & UInt64(ZIP_STAT_COMP_SIZE)) != 0 ? stat.comp_size : 0,
                    isEncrypted: encrypted))
        }
        self.archive = archive
        self.entries = entries
    }

    deinit { zip_discard(archive) }

    /// The entry with this name, compared case-insensitively; a leading "/" is ignored.
    func entry(named name: String) -> Entry? {
        var key = name
        while key.hasPrefix("/") { key.removeFirst() }
        return byLowercasedName[key.lowercased()]
    }

    /// Inflates one entry, stopping as soon as a limit is passed: the per-entry cap, the ratio of produced to
    /// compressed bytes (above 1 MiB), or the budget shared with enclosing archives.
    func read(_ entry: Entry, maxBytes: Int? = nil) throws(IngestError) -> [UInt8] {
        let limits = budget.limits
        if entry.isEncrypted { throw IngestError(.encrypted, detail: "entry \(entry.name) is encrypted") }
        guard let file = zip_fopen_index(archive, entry.index, 0) else {
            let code = zip_error_code_zip(zip_get_error(archive))
            switch code {
            case ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD, ZIP_ER_ENCRNOTSUPP:
                throw IngestError(.encrypted, detail: "entry \(entry.name) is encrypted")
            default:
                throw IngestError(.corrupt, detail: "cannot open entry \(entry.name) (libzip error \(code))")
            }
        }
        defer { zip_fclose(file) }
        let entryCap = min(maxBytes ?? limits.maxEntryBytes, limits.maxEntryBytes)
        let ratioCap = max(1 << 20, limits.maxCompressionRatio &* Int(clamping: entry.compressedSize))
        var output: [UInt8] = []
        // Declared sizes may lie: reserve modestly and let the array grow with real data.
        output.reserveCapacity(min(Int(clamping: entry.declaredSize), entryCap, 8 << 20))
        let chunkSize = 64 << 10
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let produced = chunk.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, UInt64(chunkSize)) }
            if produced < 0 {
                let code = zip_error_code_zip(zip_file_get_error(file))
                if code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_NOPASSWD {
                    throw IngestError(.encrypted, detail: "entry \(entry.name) is encrypted")
                }
                throw IngestError(.corrupt, detail: "cannot inflate \(entry.name) (libzip error \(code))")
            }
            if produced == 0 { break }
            let count = Int(produced)
            if output.count + count > entryCap {
                throw IngestError(.tooLarge, detail: "entry \(entry.name) inflates past \(entryCap) bytes")
            }
            if output.count + count > ratioCap {
                throw IngestError(
                    .tooLarge, detail: "entry \(entry.name) inflates past \(limits.maxCompressionRatio)× its compressed size")
            }
            try budget.spend(count)
            output.append(contentsOf: chunk[0..<count])
        }
        return output
    }

    private enum OpenResult {
        case success(OpaquePointer)
        case failure(Int32)
    }

    private static func open(bytes: Data) -> OpenResult {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // libzip frees the malloc'd copy with the source (freep = 1), so no Swift buffer has to outlive it.
        guard let copy = malloc(max(bytes.count, 1)) else { return .failure(ZIP_ER_MEMORY) }
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { copy.copyMemory(from: base, byteCount: raw.count) }
        }
        guard let source = zip_source_buffer_create(copy, UInt64(bytes.count), 1, &error) else {
            free(copy)
            return .failure(zip_error_code_zip(&error))
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            return .failure(zip_error_code_zip(&error))
        }
        return .success(archive)
    }

    /// A copy of `data` with general-purpose bit 11 (UTF-8 names) cleared in every central-directory and local
    /// header, or nil when the central directory cannot be walked.
    static func clearingUTF8Flags(_ data: Data) -> Data? {
        var bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 22 else { return nil }
        var eocd = -1
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05, bytes[position + 3] == 0x06 {
                eocd = position
                break
            }
            position -= 1
        }
        guard eocd >= 0 else { return nil }
        let entryCount = u16(eocd + 10)
        var offset = u32(eocd + 16)
        for _ in 0..<entryCount {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { return nil }
            bytes[offset + 9] &= ~0x08
            let local = u32(offset + 42)
            if local + 30 <= bytes.count, u32(local) == 0x0403_4B50 { bytes[local + 7] &= ~0x08 }
            offset += 46 + u16(offset + 28) + u16(offset + 30) + u16(offset + 32)
        }
        return Data(bytes)
    }
}
