import Foundation
import Report

/// A project waiting for a lane: walked by a run's survey, or only its folder known (a sweep walks it in the lane).
enum PendingProject: Sendable {
    /// Boxed, so a sweep's list of folders stays a few words per project.
    indirect case planned(PlannedProject)
    case folder(InboxEntry)
}

/// A new or changed file the survey looks at twice, to tell a file still being copied.
private struct Watched {
    var project: String
    var key: String
    var raw: RawPath
    var first: FileStat
}

extension Runner {
    /// Walks every project of a run, one at a time, and keeps only those to check: not unchanged, and with no file
    /// still being written. A file is still being written when it was modified within the settle time, or when its
    /// size or time change over the stability interval; a file whose size and time are those an earlier run read is
    /// not being copied, so only new and changed files are watched.
    func survey(_ entries: [InboxEntry], state: StateStore, into summary: inout RunSummary) throws -> [PendingProject] {
        var kept: [PlannedProject] = []
        var watched: [Watched] = []
        let now = Date().timeIntervalSince1970
        for entry in entries {
            let project = walk(entry)
            let recorded = try state.recorded(project: project.id)
            var settled = true
            for file in project.files {
                let key = "\(project.id)/\(file.relativePath)"
                let record = recorded.files[file.relativePath]
                let seen = record.map { $0.size == file.size && $0.mtime == file.mtime } ?? false
                if now - file.mtime < options.settleSeconds {
                    summary.skipped.append(.init(path: key, reason: "文件刚被修改，可能仍在复制，下次运行再处理"))
                    settled = false
                } else if !seen {
                    watched.append(Watched(project: project.id, key: key, raw: file.raw,
                                           first: FileStat(size: file.size, mtime: file.mtime)))
                }
            }
            guard settled else { continue }
            let planned = plan(project, recorded: recorded)
            if isUnchanged(planned) {
                summary.projectsUnchanged += 1
                summary.files += project.files.count
                summary.cached += project.files.count
            } else {
                kept.append(planned)
            }
        }
        let changing = stillChanging(watched, into: &summary)
        for s in summary.skipped { log("skipped: \(s.path)") }
        return kept.filter { !changing.contains($0.project.id) }.map(PendingProject.planned)
    }

    /// The projects of watched files whose size or time changed over the stability interval.
    private func stillChanging(_ watched: [Watched], into summary: inout RunSummary) -> Set<String> {
        guard !watched.isEmpty else { return [] }
        if options.stabilityInterval > 0 { Thread.sleep(forTimeInterval: options.stabilityInterval) }
        var changing = Set<String>()
        for file in watched {
            guard let now = FileStat.of(file.raw), now != file.first else { continue }
            summary.skipped.append(.init(path: file.key, reason: "文件大小或修改时间仍在变化，可能仍在复制，下次运行再处理"))
            changing.insert(file.project)
        }
        return changing
    }

    /// A walked project with its jurisdiction and the state's records of it.
    func plan(_ project: InboxProject, recorded: StateStore.ProjectRecord) -> PlannedProject {
        let given = options.jurisdiction ?? (project.metadata.jurisdiction == nil ? options.defaultJurisdiction : nil)
        let jurisdiction = given.map { Jurisdictions.resolve($0, in: library) ?? $0 }
        return PlannedProject(project: project, jurisdiction: jurisdiction, known: recorded.files,
                              recordedFingerprint: recorded.fingerprint)
    }

    /// Judged from the state alone: every file has the size and time an earlier run recorded, with its outcome, the
    /// fingerprint these give is the recorded one, and the report is still there.
    private func isUnchanged(_ planned: PlannedProject) -> Bool {
        guard let recorded = planned.recordedFingerprint else { return false }
        var states: [FileState] = []
        for file in planned.project.files {
            guard let r = planned.known[file.relativePath], r.size == file.size, r.mtime == file.mtime,
                  let outcome = r.outcome
            else { return false }
            states.append(FileState(sha: r.sha256, outcome: outcome))
        }
        let now = fingerprint(planned.project, jurisdiction: planned.jurisdiction, checklistHash: checklistHashValue,
                              files: states)
        var info = stat()
        let report = OutputLayout.projectFolder(options.out, planned.project.id).appendingPathComponent("report.json")
        return now == recorded && stat(report.path, &info) == 0
    }
}
