import Check
import Checklists
import DocumentModel
import Foundation
import Ingest
import Yams

/// `gapcheck check`: one project made of the given files, read in this process, no state.
public enum SelfCheck {
    /// Document files under the given paths (folders searched recursively), with the display path reports show,
    /// and the project.yaml of a single given folder, if any.
    public static func collect(_ paths: [URL]) -> (files: [(url: URL, display: String)], metadata: ProjectMetadata) {
        var files: [(URL, String)] = []
        var metadata = ProjectMetadata()
        for path in paths {
            if Inbox.isDirectory(path) {
                let yaml = path.appendingPathComponent(Inbox.metadataFile)
                if paths.count == 1, let text = try? String(contentsOf: yaml, encoding: .utf8),
                   let decoded = try? YAMLDecoder().decode(ProjectMetadata.self, from: text) {
                    metadata = decoded
                }
                let walker = FileManager.default.enumerator(atPath: path.path)
                var found: [String] = []
                while let p = walker?.nextObject() as? String { found.append(p) }
                for p in found.sorted() {
                    let name = (p as NSString).lastPathComponent
                    let url = path.appendingPathComponent(p)
                    guard !p.split(separator: "/").contains(where: { Inbox.isIgnoredName(String($0)) }),
                          !Inbox.isDirectory(url),
                          Inbox.documentExtensions.contains((name as NSString).pathExtension.lowercased())
                    else { continue }
                    files.append((url, p))
                }
            } else {
                files.append((path, path.lastPathComponent))
            }
        }
        return (files, metadata)
    }

    /// The project id a self-check reports under: the folder or file name of the first path.
    public static func projectId(_ paths: [URL]) -> String {
        guard let first = paths.first else { return "project" }
        return Inbox.isDirectory(first) ? first.standardizedFileURL.lastPathComponent
            : first.deletingPathExtension().lastPathComponent
    }

    public static func check(paths: [URL], library: ChecklistLibrary, jurisdiction: String?, stage: Stage?,
                             limits: IngestLimits = .default, clock: ReportClock = ReportClock()) -> ProjectReport {
        let collected = collect(paths)
        let documents = collected.files.flatMap { file -> [Document] in
            if !FileManager.default.isReadableFile(atPath: file.url.path) {
                return [Document.failed(path: file.display, format: .unknown,
                                        error: IngestError(.corrupt, message: "文件不存在或无法读取", detail: file.url.path))]
            }
            return Ingestor.ingest(file: file.url, displayPath: file.display, limits: limits)
        }
        let input = ProjectInput(id: projectId(paths), metadata: collected.metadata, documents: documents)
        return Checker(library: library, clock: clock).check(input, jurisdiction: jurisdiction, stage: stage)
    }

    /// 0: every must-item met; 1: a must-item has a gap (or could not be checked); 2: input could not be read
    /// (no document, or any document with an error).
    public static func exitCode(for report: ProjectReport) -> Int32 {
        if report.documents.isEmpty || report.documents.contains(where: { $0.error != nil }) { return 2 }
        let mustOpen = report.findings.contains {
            $0.severity == .must && ($0.status.isGap || $0.status == .notChecked)
        }
        return mustOpen ? 1 : 0
    }
}
