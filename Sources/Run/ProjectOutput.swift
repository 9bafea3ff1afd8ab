import Check
import Foundation
import Report

/// Reading and writing the files of an output folder.
public enum ProjectOutput {
    /// Writes a project's report.json, report.md, report.html, report.docx (审查意见) and diff.json as one set: all
    /// into a new folder beside the project's, which is then swapped in. A kill or a full disk leaves the old set or
    /// the new one, never a mix.
    public static func write(_ report: ProjectReport, diff: ReportDiff?, to folder: URL) throws {
        var files: [(String, Data)] = [
            ("report.md", Data(MarkdownReport.render(report, diff: diff).utf8)),
            ("report.html", Data(HTMLReport.render(report, diff: diff).utf8)),
            ("report.docx", try ReviewOpinionDOCX.data(report)),
            ("report.json", try JSONReport.encode(report)),
        ]
        if let diff { files.append(("diff.json", try JSONReport.encoder().encode(diff))) }
        try ReportSet.replace(folder, with: files)
    }

    /// The index entry of a project already written to `out`, if any.
    public static func load(out: URL, id: String) -> IndexEntry? {
        let folder = OutputLayout.projectFolder(out, id)
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("report.json")),
              let report = try? JSONReport.decode(data) else { return nil }
        let diff = (try? Data(contentsOf: folder.appendingPathComponent("diff.json")))
            .flatMap { try? JSONDecoder().decode(ReportDiff.self, from: $0) }
        return IndexEntry(report: report, link: OutputLayout.link(id), diff: diff)
    }

    /// Every project folder with a report under `out/projects`.
    public static func loadAll(out: URL) -> [(id: String, entry: IndexEntry)] {
        let projects = out.appendingPathComponent("projects")
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: projects.path)) ?? []).filter { !$0.hasPrefix(".") }
        return ids.sorted().compactMap { id in load(out: out, id: id).map { (id, $0) } }
    }

    /// Changes whenever digests or the batch files built from them change shape, so files written by an older
    /// version are written again.
    static let batchVersion = 1

    public static func writeBatch(entries: [IndexEntry], run: RunSummary?, statistics: Bool, to out: URL) throws {
        try writeBatch(DigestList(entries: entries), run: run, statistics: statistics, to: out)
    }

    /// index.html, summary.csv and findings.xlsx, each streamed from the digests into a file swapped in whole.
    public static func writeBatch(_ digests: DigestSource, run: RunSummary?, statistics: Bool, to out: URL) throws {
        try writeIndex(digests, run: run, statistics: statistics, to: out)
        try writeSummaryCSV(digests, to: out)
        try FindingsWorkbook.write(digests, to: out.appendingPathComponent("findings.xlsx"))
    }

    static func writeIndex(_ digests: DigestSource, run: RunSummary?, statistics: Bool, to out: URL) throws {
        try StreamedFile.write(to: out.appendingPathComponent("index.html")) { file in
            try IndexPage.write(digests, run: run, statistics: statistics) { try file.write($0) }
        }
    }

    static func writeSummaryCSV(_ digests: DigestSource, to out: URL) throws {
        try StreamedFile.write(to: out.appendingPathComponent("summary.csv")) { try CSVSummary.write(digests, to: $0) }
    }

    /// Joins the outputs of sharded sweeps: copies their project folders into `out`, each as one set, and writes one
    /// index and summary, holding `out`'s lock. A project present in several inputs keeps the last one given.
    public static func merge(_ inputs: [URL], into out: URL) throws -> RunSummary {
        let fm = FileManager.default
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        let lock = try OutputLock(out: out)
        defer { withExtendedLifetime(lock) {} }
        let started = ISO8601DateFormatter().string(from: Date())
        var seen = Set<String>()
        for input in inputs {
            for (id, _) in loadAll(out: input) {
                let source = OutputLayout.projectFolder(input, id)
                let names = try fm.contentsOfDirectory(atPath: source.path).filter { !$0.hasPrefix(".") }.sorted()
                let files = try names.map { ($0, try Data(contentsOf: source.appendingPathComponent($0))) }
                try ReportSet.replace(OutputLayout.projectFolder(out, id), with: files)
                seen.insert(id)
            }
        }
        let entries = loadAll(out: out).filter { seen.contains($0.id) }.map(\.entry)
        var summary = RunSummary(id: "merge-" + started, mode: "merge", started: started, projects: entries.count)
        for entry in entries {
            for doc in entry.report.documents { if let e = doc.error { summary.errorsByKind[e.kind.rawValue, default: 0] += 1 } }
        }
        summary.finished = ISO8601DateFormatter().string(from: Date())
        try writeBatch(entries: entries, run: summary, statistics: true, to: out)
        return summary
    }
}
