import ArgumentParser
import Check
import Foundation
import Run

/// `run` and `sweep`'s exit status, for a scheduler to act on (documented in README and usage):
/// 0 every document read and no must-gap; 1 must-gaps; 2 the batch could not run; 4 unreadable documents or entries;
/// 64, 74 and 75 from `RunExitCode`.
enum BatchOutcome {
    static let unreadableDocuments: Int32 = RunExitCode.problems.rawValue

    static let discussion = """
        Exit status: 0 every document read and no must-gap; 1 a project has must-gaps; \
        2 the batch could not run (gapcheck.yaml, checklists, unknown jurisdiction); \
        4 some document, folder entry or project.yaml could not be read (named in the reports and run.log); \
        64 invalid options; 74 inbox unreadable or output unwritable; 75 another run holds the output folder.
        """

    /// Ends a finished batch: a line saying why when the status is not 0, then the status. The runner judged it on
    /// the reports it read back for the index, so nothing is read again here.
    static func finish(_ run: RunExitCode) throws {
        let status = run.rawValue
        if let sentence = sentence(status) { FileHandle.standardError.write(Data("\(sentence)\n".utf8)) }
        if status != 0 { throw ExitCode(status) }
    }

    /// A line for the log, so the exit status is never the only place the reason shows.
    static func sentence(_ status: Int32) -> String? {
        switch status {
        case unreadableDocuments: return "有文件无法读取（退出码 4），详见各项目报告"
        case RunExitCode.mustGaps.rawValue: return "有项目存在必须项缺口（退出码 1）"
        default: return nil
        }
    }
}
