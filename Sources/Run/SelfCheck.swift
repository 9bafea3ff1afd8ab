import Check
import Checklists
import DocumentModel
import Foundation
import Ingest

/// `gapcheck check`: one project made of the given files, read in this process, no state.
public enum SelfCheck {
    /// Document files under the given paths (folders walked as an inbox project is: special files and links out
    /// of the folder named, not opened), with the display path reports show; the project.yaml of a single given
    /// folder, if any; and documents standing for what was skipped.
    public static func collect(_ paths: [URL]) -> (files: [(raw: RawPath, display: String)], metadata: ProjectMetadata,
                                                    skipped: [Document]) {
        var files: [(RawPath, String)] = []
        var metadata = ProjectMetadata()
        var skipped: [Document] = []
        for path in paths {
            let raw = RawPath(path)
            guard raw.status(followingLinks: true) != nil else {
                skipped.append(Document.failed(path: path.lastPathComponent, format: .unknown, error: IngestError(
                    .unreadable, message: "文件不存在或无法读取", detail: "\(path.path): \(String(cString: strerror(errno)))")))
                continue
            }
            guard Inbox.isDirectory(path), let folder = raw.resolved() else {
                files.append((raw, path.lastPathComponent))
                continue
            }
            var project = Inbox.project(id: path.lastPathComponent, folder: folder)
            if paths.count == 1 { metadata = project.metadata } else { project.settingsProblems = [] }
            files += project.files.map { ($0.raw, $0.relativePath) }
            skipped += Runner.problemDocuments(project)
        }
        return (files, metadata, skipped)
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
        let documents = collected.skipped + collected.files.flatMap { file -> [Document] in
            WorkerMain.read(WorkerRequest(raw: file.raw, displayPath: file.display, limits: limits))
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
