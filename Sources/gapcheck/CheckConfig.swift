import Foundation
import Run

/// The gapcheck.yaml that applies to `check`: the nearest one above the first input, else above the working folder,
/// as linters find their configuration.
struct CheckConfig {
    var config: InboxConfig
    /// The folder holding gapcheck.yaml; relative paths in it are taken from here. Nil when none was found.
    var folder: URL?

    static func discover(paths: [URL], workingDirectory: URL) throws -> CheckConfig {
        var starts = paths.prefix(1).map { isDirectory($0) ? $0 : $0.deletingLastPathComponent() }
        starts.append(workingDirectory)
        for start in starts {
            if let folder = nearest(from: start.standardizedFileURL) {
                do {
                    return CheckConfig(config: try InboxConfig.load(inbox: folder), folder: folder)
                } catch {
                    throw CommandFailure(code: "config-invalid",
                                         message: "无法读取 \(folder.appendingPathComponent(InboxConfig.fileName).path)：\(error)")
                }
            }
        }
        return CheckConfig(config: InboxConfig(), folder: nil)
    }

    static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    static func nearest(from start: URL) -> URL? {
        var dir = start
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(InboxConfig.fileName).path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// The checklists folder gapcheck.yaml names, taken from the file's own folder.
    var checklists: URL? {
        guard let folder, let path = config.checklists else { return nil }
        return resolvePath(path, relativeTo: folder)
    }
}
