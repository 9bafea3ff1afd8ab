import Check
import Foundation
import Yams

/// One file of a project folder.
public struct InboxFile: Sendable, Hashable {
    public var url: URL
    /// Path relative to the project folder: what reports show.
    public var relativePath: String
    public var size: Int64
    /// Modification time, seconds since 1970.
    public var mtime: Double
}

/// One folder directly under the inbox.
public struct InboxProject: Sendable {
    public var id: String
    public var folder: URL
    public var files: [InboxFile]
    public var metadata: ProjectMetadata
    /// Raw project.yaml text, part of the project's fingerprint.
    public var metadataText: String
    /// Files present but not documents, relative to the inbox.
    public var ignored: [String]
}

public struct InboxScanError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Finds projects and their documents in an inbox folder.
public enum Inbox {
    public static let documentExtensions: Set<String> = ["pdf", "docx", "zip", "ofd", "doc", "wps", "rtf"]
    public static let metadataFile = "project.yaml"

    /// Hidden files and Word's `~$` lock files are never documents.
    static func isIgnoredName(_ name: String) -> Bool { name.hasPrefix(".") || name.hasPrefix("~$") }

    public static func scan(_ inbox: URL) throws -> (projects: [InboxProject], errors: [InboxScanError]) {
        let fm = FileManager.default
        let entries = try fm.contentsOfDirectory(
            at: inbox, includingPropertiesForKeys: [.isDirectoryKey], options: [])
        var projects: [InboxProject] = []
        var errors: [InboxScanError] = []
        for entry in entries.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let name = entry.lastPathComponent
            guard !isIgnoredName(name), isDirectory(entry) else { continue }
            var metadata = ProjectMetadata()
            var metadataText = ""
            let yamlURL = entry.appendingPathComponent(metadataFile)
            if fm.fileExists(atPath: yamlURL.path) {
                do {
                    metadataText = try String(contentsOf: yamlURL, encoding: .utf8)
                    if !metadataText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        metadata = try YAMLDecoder().decode(ProjectMetadata.self, from: metadataText)
                    }
                } catch {
                    errors.append(InboxScanError(path: "\(name)/\(metadataFile)", message: "\(error)"))
                }
            }
            var files: [InboxFile] = []
            var ignored: [String] = []
            collect(folder: entry, prefix: "", into: &files, ignored: &ignored, project: name)
            projects.append(InboxProject(
                id: name, folder: entry, files: files.sorted { $0.relativePath < $1.relativePath },
                metadata: metadata, metadataText: metadataText, ignored: ignored))
        }
        return (projects, errors)
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    private static func collect(folder: URL, prefix: String, into files: inout [InboxFile], ignored: inout [String],
                                project: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in entries.sorted() where !isIgnoredName(name) {
            let url = folder.appendingPathComponent(name)
            let relative = prefix.isEmpty ? name : "\(prefix)/\(name)"
            if isDirectory(url) {
                collect(folder: url, prefix: relative, into: &files, ignored: &ignored, project: project)
                continue
            }
            if prefix.isEmpty && name == metadataFile { continue }
            let ext = (name as NSString).pathExtension.lowercased()
            guard documentExtensions.contains(ext) else {
                ignored.append("\(project)/\(relative)")
                continue
            }
            guard let stat = FileStat.of(url) else { continue }
            files.append(InboxFile(url: url, relativePath: relative, size: stat.size, mtime: stat.mtime))
        }
    }
}

/// Size and modification time, read with stat(2) for sub-second precision.
struct FileStat: Equatable {
    var size: Int64
    var mtime: Double

    static func of(_ url: URL) -> FileStat? {
        var st = stat()
        guard stat(url.path, &st) == 0 else { return nil }
        let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        return FileStat(size: Int64(st.st_size), mtime: mtime)
    }
}
