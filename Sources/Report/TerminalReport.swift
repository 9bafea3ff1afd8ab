import Checklists
import Check
import DocumentModel
import Foundation

/// The text `gapcheck check` prints: gaps first, with where the requirement comes from.
public enum TerminalReport {
    /// Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org convention).
    public static func shouldColor(fileDescriptor: Int32 = STDOUT_FILENO,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["NO_COLOR"] == nil && isatty(fileDescriptor) == 1
    }

    public static func render(_ report: ProjectReport, color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func statusCode(_ s: RequirementStatus) -> String {
            switch s {
            case .met: return "32"
            case .partial: return "33"
            case .missing: return "31;1"
            case .notChecked: return "34"
            case .notApplicable: return "2"
            }
        }
        let p = report.project
        var out = paint("项目：\(p.name)", "1") + "\n"
        let jurisdiction = p.jurisdictionName.isEmpty ? p.jurisdiction : "\(p.jurisdictionName)（\(p.jurisdiction)）"
        out += "地区：\(jurisdiction)    阶段：\(p.stage.chineseName)\n"
        out += "依据：\(ReportText.regulationLine(p.checklist))（\(ReportText.validityName(p.checklist.status))），清单 \(p.checklist.id) 版本 \(p.checklist.version)\n"
        if let tool = report.tool { out += "工具：\(ToolInfo.line(tool))\n" }
        if let warning = ReportText.validityWarning(p.checklist) { out += paint(warning, "33;1") + "\n" }
        out += "\n"
        for group in ReportText.groupedFindings(report.findings) {
            out += paint("【\(group.stage.chineseName)】", "1") + "\n"
            for f in group.findings {
                out += "  " + paint("[\(f.status.chineseName)]", statusCode(f.status)) + " \(f.title)（\(f.severity.chineseName)）\n"
                if f.status != .met && f.status != .notApplicable { out += "      \(f.reason)\n" }
                for ev in f.evidence.prefix(3) { out += "      证据：\(ReportText.evidenceLocation(ev))\n" }
                // Notices about the check itself rest on no article; they carry no quote to show.
                if !f.basis.quote.isEmpty {
                    out += "      依据：\(f.basis.regulation)\(f.basis.article) “\(f.basis.quote)”\n"
                }
            }
        }
        for doc in report.documents where doc.error != nil {
            if let error = doc.error { out += paint("无法读取：\(doc.path)：\(error.message)", "31") + "\n" }
        }
        for doc in report.documents where doc.error == nil {
            let facts = ReportText.pageFacts(doc)
            if !facts.isEmpty { out += paint("\(doc.path)：\(facts.joined(separator: "；"))", "33") + "\n" }
        }
        out += "\n" + ReportText.summaryLine(report.summary) + "\n"
        return out
    }
}
