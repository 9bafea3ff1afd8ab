import Check
import Foundation
import Run

/// `run` and `sweep`'s exit status, for a scheduler to act on (documented in README and usage):
/// 0 every document read and no must-gap; 1 must-gaps; 2 the batch could not run; 4 unreadable documents.
enum BatchOutcome {
    static let unreadableDocuments: Int32 = 4

    static let discussion = """
        Exit status: 0 every document read and no must-gap; 1 a project has must-gaps; \
        2 the batch could not run (missing folder, gapcheck.yaml, checklists, unknown jurisdiction); \
        4 some document could not be read.
        """

    /// Judged on every project report now in the output folder, checked this time or unchanged since.
    static func exitStatus(out: URL) -> Int32 {
        exitStatus(reports: ProjectOutput.loadAll(out: out).map(\.entry.report))
    }

    static func exitStatus(reports: [ProjectReport]) -> Int32 {
        if reports.contains(where: { $0.summary.unreadableDocuments > 0 }) { return unreadableDocuments }
        if reports.contains(where: { $0.summary.mustGaps > 0 }) { return 1 }
        return 0
    }

    /// A line for the log, so the exit status is never the only place the reason shows.
    static func sentence(_ status: Int32) -> String? {
        switch status {
        case unreadableDocuments: return "有文件无法读取（退出码 4），详见各项目报告"
        case 1: return "有项目存在必须项缺口（退出码 1）"
        default: return nil
        }
    }
}
