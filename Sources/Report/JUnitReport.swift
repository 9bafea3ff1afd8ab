import Check
import Checklists
import DOCXWriter
import Foundation

/// JUnit XML for CI dashboards: one test suite per stage, one test case per checklist item; a gap is a failure,
/// an item that could not be checked an error, a not-applicable item skipped.
public enum JUnitReport {
    public static func render(_ report: ProjectReport) -> String {
        let findings = report.findings
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(escape(report.project.name))\" tests=\"\(findings.count)\""
            + " failures=\(quoted(findings.filter { $0.status.isGap }.count))"
            + " errors=\(quoted(findings.filter { $0.status == .notChecked }.count))>\n"
        for group in ReportText.groupedFindings(findings) {
            out += suite(group.stage, group.findings, report: report)
        }
        out += "</testsuites>\n"
        return out
    }

    static func suite(_ stage: Stage, _ findings: [Finding], report: ProjectReport) -> String {
        var out = "  <testsuite name=\"\(escape(stage.chineseName))\" tests=\"\(findings.count)\""
            + " failures=\(quoted(findings.filter { $0.status.isGap }.count))"
            + " errors=\(quoted(findings.filter { $0.status == .notChecked }.count))"
            + " skipped=\(quoted(findings.filter { $0.status == .notApplicable }.count))"
            + " timestamp=\"\(escape(report.generated))\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"tool\" value=\"\(escape("\(ToolInfo.name) \(ToolInfo.version)"))\"/>\n"
        out += "      <property name=\"checklist\" value=\"\(escape(report.project.checklist.id))\"/>\n"
        out += "      <property name=\"checklistVersion\" value=\"\(escape(report.project.checklist.version))\"/>\n"
        out += "    </properties>\n"
        for f in findings { out += testCase(f, classname: report.project.checklist.id) }
        out += "  </testsuite>\n"
        return out
    }

    static func testCase(_ f: Finding, classname: String) -> String {
        let open = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape("\(f.requirement) \(f.title)"))\""
        let message = escape("【\(f.severity.chineseName)】\(f.reason)")
        switch f.status {
        case .met: return open + "/>\n"
        case .notApplicable: return open + ">\n      <skipped message=\"\(message)\"/>\n    </testcase>\n"
        case .notChecked: return open + ">\n      <error message=\"\(message)\"/>\n    </testcase>\n"
        case .missing, .partial:
            return open + ">\n      <failure message=\"\(message)\" type=\"\(f.status.rawValue)\">"
                + escape(details(f)) + "</failure>\n    </testcase>\n"
        }
    }

    static func details(_ f: Finding) -> String {
        var lines = f.evidence.prefix(3).map { "证据：\(ReportText.evidenceLocation($0))" }
        if !f.basis.quote.isEmpty { lines.append("依据：\(f.basis.regulation)\(f.basis.article)“\(f.basis.quote)”") }
        return lines.joined(separator: "\n")
    }

    static func quoted(_ n: Int) -> String { "\"\(n)\"" }

    /// The DOCX writer's escaping: the same five characters and forbidden control characters.
    static func escape(_ text: String) -> String { xmlEscape(text) }
}
