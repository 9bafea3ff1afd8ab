import ArgumentParser
import Check
import Checklists

/// `check`'s exit status, documented in the README and the man page:
/// 0 nothing to act on, 1 gaps at or above `--fail-on`, 2 input refused or unreadable, 3 no checklist item applies.
enum CheckOutcome {
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case must, should, any
    }

    static let noApplicableItem: Int32 = 3

    static func exitStatus(for report: ProjectReport, failOn: FailOn) -> Int32 {
        if report.documents.isEmpty || report.documents.contains(where: { $0.error != nil }) { return 2 }
        if applicable(report).isEmpty { return noApplicableItem }
        return report.findings.contains { counts($0, failOn: failOn) } ? 1 : 0
    }

    /// Items of the checklist that apply to this project; notices about the check itself (severity info) aside.
    static func applicable(_ report: ProjectReport) -> [Finding] {
        report.findings.filter { $0.severity != .info && $0.status != .notApplicable }
    }

    /// A must-item that could not be checked still fails: "not checked" is not "met".
    static func counts(_ finding: Finding, failOn: FailOn) -> Bool {
        let open = finding.status.isGap || (finding.status == .notChecked && finding.severity != .info)
        switch failOn {
        case .must: return open && finding.severity == .must
        case .should: return open && finding.severity <= .should
        case .any: return open
        }
    }

    /// The plain sentence shown when nothing applies, so 满足 0 / 缺失 0 is never read as "all well".
    static let noApplicableMessage =
        "没有适用于本项目的检查项（可能是空白模板、非项目材料，或阶段与文件不符），未作任何检查；请核对 --stage 与提交的文件"
}
