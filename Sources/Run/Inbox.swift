import Check
import DocumentModel
import Foundation

/// One file of a project folder.
public struct InboxFile: Sendable, Hashable {
    /// The bytes to open it by (names need not be UTF-8).
    public var raw: RawPath
    /// Path relative to the project folder, decoded for display: what reports show.
    public var relativePath: String
    public var size: Int64
    /// Modification time, seconds since 1970.
    public var mtime: Double

    public var url: URL { raw.url }
}

/// Something in a project folder that is not read, and why: a FIFO, an unreadable folder, a link out of the inbox.
/// Each becomes an entry with an error in the project's report, so nothing is lost without a word.
public struct InboxProblem: Sendable, Hashable {
    public var relativePath: String
    public var kind: IngestErrorKind
    /// English detail for the log.
    public var detail: String
}

/// One folder directly under the inbox.
public struct InboxProject: Sendable {
    public var id: String
    public var folder: RawPath
    public var files: [InboxFile]
    public var metadata: ProjectMetadata
    /// Raw project.yaml text, part of the project's fingerprint.
    public var metadataText: String
    /// What is wrong in project.yaml; the keys without a problem still apply.
    public var settingsProblems: [SettingsProblem]
    /// Files present but not documents, relative to the inbox.
    public var ignored: [String]
    /// Entries skipped for a named reason (special files, unreadable folders, unsafe links).
    public var problems: [InboxProblem]
}

/// A folder directly under the inbox, before it is walked.
public struct InboxEntry: Sendable {
    public var id: String
    public var folder: RawPath
    /// Why the folder cannot be listed, when it cannot: the project then stands with that one problem.
    public var unreadable: String?
}

/// An entry at the inbox's top level that is not a project folder and is not ordinary (a FIFO, a link out).
public struct InboxScanError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Finds projects and their documents in an inbox folder. Only regular files and directories are read: special
/// files are named and skipped, links are followed only inside the inbox and never round a loop, and names that
/// are not UTF-8 are decoded (GB18030) rather than dropped.
public enum Inbox {
    public static let documentExtensions: Set<String> = ["pdf", "docx", "zip", "ofd", "doc", "wps", "rtf"]
    public static let metadataFile = "project.yaml"

    /// Hidden files and Word's `~$` lock files are never documents.
    static func isIgnoredName(_ name: String) -> Bool { name.hasPrefix(".") || name.hasPrefix("~$") }

    /// The project folders directly under the inbox, sorted by id, and the top-level entries that are not used. Each
    /// folder is walked only when `project(_:)` is called, so a run need not hold every project at once.
    public static func list(_ inbox: URL) throws -> (entries: [InboxEntry], errors: [InboxScanError]) {
        let root = RawPath(inbox)
        guard let canonical = root.resolved() else {
            throw InboxScanError(path: inbox.path, message: "收件箱不存在或无法访问")
        }
        let names: [[UInt8]]
        switch RawDirectory.list(canonical) {
        case .success(let list): names = list
        case .failure(let error): throw InboxScanError(path: inbox.path, message: "收件箱无法读取：\(error.detail)")
        }
        var entries: [InboxEntry] = []
        var errors: [InboxScanError] = []
        for name in names {
            let id = RawPath.display(name)
            guard !isIgnoredName(id) else { continue }
            let entry = canonical.appending(name)
            switch classify(entry, inside: canonical) {
            case .directory(let target, _):
                entries.append(InboxEntry(id: id, folder: target, unreadable: nil))
            case .problem(let kind, let detail):
                errors.append(InboxScanError(path: id, message: "\(kind.rawValue): \(detail)"))
            case .unreadableDirectory(let detail):
                entries.append(InboxEntry(id: id, folder: entry, unreadable: detail))
            case .file: continue  // loose files at the top are not projects
            }
        }
        return (entries.sorted { $0.id < $1.id }, errors)
    }

    /// Walks one project folder.
    public static func project(_ entry: InboxEntry) -> InboxProject {
        guard let detail = entry.unreadable else { return project(id: entry.id, folder: entry.folder) }
        var p = emptyProject(id: entry.id, folder: entry.folder)
        p.problems = [InboxProblem(relativePath: ".", kind: .unreadable, detail: detail)]
        return p
    }

    static func emptyProject(id: String, folder: RawPath) -> InboxProject {
        InboxProject(id: id, folder: folder, files: [], metadata: ProjectMetadata(), metadataText: "",
                     settingsProblems: [], ignored: [], problems: [])
    }

    static func project(id: String, folder: RawPath) -> InboxProject {
        var project = emptyProject(id: id, folder: folder)
        let yaml = folder.appending(Array(metadataFile.utf8))
        if yaml.status(followingLinks: false) != nil {
            // The same rules as for documents: a link out of the folder or a FIFO is named, not read.
            if case .problem(let kind, let detail) = classify(yaml, inside: folder) {
                project.settingsProblems = [SettingsProblem(line: nil, key: nil, message: "无法读取（\(kind.rawValue)）：\(detail)")]
            } else {
                readSettings(yaml, into: &project)
            }
        }
        // Links are followed only within the project's own folder: not out of the inbox, not into a sibling project,
        // not up into the inbox root.
        var walk = Walk(root: folder, project: id)
        if let id = DirectoryID(folder) { walk.visited.insert(id) }
        walk.collect(folder: folder, prefix: "")
        project.files = walk.files.sorted { $0.relativePath < $1.relativePath }
        project.ignored = walk.ignored
        project.problems = walk.problems
        return project
    }

    static func readSettings(_ yaml: RawPath, into project: inout InboxProject) {
        switch yaml.readSmallFile() {
        case .success(let data):
            project.metadataText = String(decoding: data, as: UTF8.self)
            (project.metadata, project.settingsProblems) = ProjectSettings.parse(project.metadataText)
        case .failure(let error):
            project.settingsProblems = [SettingsProblem(line: nil, key: nil, message: "无法读取：\(error.detail)")]
        }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    /// What an entry is, links resolved only inside `root`.
    enum Kind {
        case directory(RawPath, stat)
        case file(stat)
        case unreadableDirectory(String)
        case problem(IngestErrorKind, String)
    }

    static func classify(_ path: RawPath, inside root: RawPath) -> Kind {
        guard let own = path.status(followingLinks: false) else { return .problem(.vanished, "gone during the scan") }
        var target = path
        var st = own
        if (own.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = path.resolved(), let followed = resolved.status(followingLinks: false) else {
                return .problem(.unsafeLink, "dangling link or link loop")
            }
            guard resolved.isInside(root) else { return .problem(.unsafeLink, "link leads out of \(root.display)") }
            target = resolved
            st = followed
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            if access(target, R_OK | X_OK) != 0 { return .unreadableDirectory(String(cString: strerror(errno))) }
            return .directory(target, st)
        case S_IFREG: return .file(st)
        case S_IFIFO: return .problem(.specialFile, "named pipe (FIFO)")
        case S_IFSOCK: return .problem(.specialFile, "socket")
        default: return .problem(.specialFile, "device or other special file")
        }
    }

    static func access(_ path: RawPath, _ mode: Int32) -> Int32 { path.withCString { Glibc.access($0, mode) } }
}

/// A directory's identity, to notice a folder reached twice (a link loop, or two links to one folder).
struct DirectoryID: Hashable {
    var device: UInt64
    var inode: UInt64

    init?(_ path: RawPath) {
        guard let st = path.status(followingLinks: true) else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}

/// The recursive walk of one project folder.
struct Walk {
    let root: RawPath
    let project: String
    var visited = Set<DirectoryID>()
    var files: [InboxFile] = []
    var ignored: [String] = []
    var problems: [InboxProblem] = []

    init(root: RawPath, project: String) {
        self.root = root
        self.project = project
    }

    mutating func collect(folder: RawPath, prefix: String) {
        let names: [[UInt8]]
        switch RawDirectory.list(folder) {
        case .success(let list): names = list
        case .failure(let error):
            problems.append(InboxProblem(relativePath: prefix.isEmpty ? "." : prefix, kind: error == .vanished ? .vanished : .unreadable,
                                         detail: error.detail))
            return
        }
        for name in names {
            let display = RawPath.display(name)
            if Inbox.isIgnoredName(display) { continue }
            let relative = prefix.isEmpty ? display : "\(prefix)/\(display)"
            let path = folder.appending(name)
            switch Inbox.classify(path, inside: root) {
            case .directory(let target, let st):
                guard visited.insert(DirectoryID(st)).inserted else {
                    problems.append(InboxProblem(relativePath: relative, kind: .unsafeLink, detail: "folder reached twice (link loop)"))
                    continue
                }
                collect(folder: target, prefix: relative)
            case .unreadableDirectory(let detail):
                problems.append(InboxProblem(relativePath: relative, kind: .unreadable, detail: detail))
            case .problem(let kind, let detail):
                problems.append(InboxProblem(relativePath: relative, kind: kind, detail: detail))
            case .file(let st):
                if prefix.isEmpty && display == Inbox.metadataFile { continue }
                let ext = (display as NSString).pathExtension.lowercased()
                guard Inbox.documentExtensions.contains(ext) else {
                    ignored.append("\(project)/\(relative)")
                    continue
                }
                files.append(InboxFile(raw: path, relativePath: relative, size: Int64(st.st_size), mtime: FileStat(st).mtime))
            }
        }
    }
}

/// Directory listings by raw name bytes, sorted bytewise so runs are reproducible.
enum RawDirectory {
    static func list(_ folder: RawPath) -> Result<[[UInt8]], FileOpenError> {
        let fd = folder.withCString { open($0, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC) }
        if fd < 0 { return .failure(FileOpenError(errno: errno)) }
        guard let dir = fdopendir(fd) else {
            let code = errno
            close(fd)
            return .failure(FileOpenError(errno: code))
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return .success(names.sorted { $0.lexicographicallyPrecedes($1) })
    }
}

/// Size and modification time, read with stat(2) for sub-second precision.
struct FileStat: Equatable {
    var size: Int64
    var mtime: Double

    init(size: Int64, mtime: Double) {
        self.size = size
        self.mtime = mtime
    }

    init(_ st: stat) {
        size = Int64(st.st_size)
        mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
    }

    static func of(_ path: RawPath) -> FileStat? { path.status(followingLinks: true).map(FileStat.init) }
}
