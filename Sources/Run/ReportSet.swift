import Foundation

/// A folder whose files change together: the new set is written in full into `.<name>.new-<pid>` beside it and
/// exchanged with the old one in a single `renameat2(RENAME_EXCHANGE)`. Where the kernel or file system lacks that,
/// the old folder is first renamed to `.<name>.old-<pid>`; `recover` puts it back if a kill fell in between.
public enum ReportSet {
    public static func replace(_ folder: URL, with files: [(name: String, data: Data)]) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staged = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(getpid())")
        if fm.fileExists(atPath: staged.path) { try fm.removeItem(at: staged) }
        try fm.createDirectory(at: staged, withIntermediateDirectories: false)
        do {
            for (name, data) in files { try data.write(to: staged.appendingPathComponent(name)) }
            try swapIn(staged, as: folder)
        } catch {
            try? fm.removeItem(at: staged)
            throw error
        }
    }

    /// Puts `staged` where `folder` is; the old set (now at `staged`'s name, or the side name) is removed.
    static func swapIn(_ staged: URL, as folder: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder.path) else { return try move(staged, folder) }
        if exchange(staged.path, folder.path) {
            try fm.removeItem(at: staged)
            return
        }
        let old = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).old-\(getpid())")
        try move(folder, old)
        try move(staged, folder)
        try fm.removeItem(at: old)
    }

    static func move(_ from: URL, _ to: URL) throws {
        guard rename(from.path, to.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to.path,
                                                           NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc has renameat2 since 2.28 but Swift's Glibc module does not export it; looked up once at run time.
    nonisolated(unsafe) private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    private static let renameExchange: UInt32 = 1 << 1

    /// Atomically exchanges two paths; false when the system cannot (old kernel, file systems without support).
    static func exchange(_ a: String, _ b: String) -> Bool {
        guard let renameat2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    /// After a kill: a staged set that never went in is dropped; an old set moved aside whose replacement never
    /// arrived goes back; one whose replacement did is dropped.
    public static func recover(in parent: URL) {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(".") {
            let url = parent.appendingPathComponent(name)
            if let range = name.range(of: ".new-", options: .backwards), range.lowerBound > name.startIndex {
                try? fm.removeItem(at: url)
            } else if let range = name.range(of: ".old-", options: .backwards), range.lowerBound > name.startIndex {
                let original = parent.appendingPathComponent(String(name[name.index(after: name.startIndex)..<range.lowerBound]))
                if fm.fileExists(atPath: original.path) { try? fm.removeItem(at: url) } else { try? move(url, original) }
            }
        }
    }
}
