import Checklists
import Check
import DocumentModel

/// `report.md`: the project report as Markdown, for reading in any editor or converting with pandoc.
public enum MarkdownReport {
    public static func render(_ report: ProjectReport, diff: ReportDiff? = nil) -> String {
        var md = ""
        let project = report.project
        let ref = project.checklist
        md += "# 项目文件完整性检查报告：\(inline(project.name))\n\n"
        md += "| 项目 | 内容 |\n| --- | --- |\n"
        md += "| 项目名称 | \(cell(project.name)) |\n"
        md += "| 项目编号 | \(cell(project.id)) |\n"
        let jurisdiction = project.jurisdictionName.isEmpty ? project.jurisdiction : "\(project.jurisdictionName)（\(project.jurisdiction)）"
        md += "| 适用地区 | \(cell(jurisdiction)) |\n"
        md += "| 项目阶段 | \(cell(project.stage.chineseName)) |\n"
        if let department = project.department { md += "| 建设单位 | \(cell(department)) |\n" }
        md += "| 检查清单 | \(cell(ref.id)) 版本 \(cell(ref.version)) |\n"
        md += "| 依据规定 | \(cell(ReportText.regulationLine(ref))) |\n"
        md += "| 规定效力 | \(cell(ReportText.validityName(ref.status))) |\n"
        if let tool = report.tool { md += "| 生成工具 | \(cell(ToolInfo.line(tool))) |\n" }
        md += "| 生成时间 | \(cell(report.generated)) |\n\n"
        if let warning = ReportText.validityWarning(ref) { md += "> **\(inline(warning))**\n\n" }

        md += "## 概要\n\n\(ReportText.summaryLine(report.summary))\n\n"
        if let diff, diff.previousRun != nil {
            md += "与上次检查（\(inline(diff.previousRun ?? ""))）相比：新增缺口 \(diff.newGaps.count) 项，已解决缺口 \(diff.resolvedGaps.count) 项。\n\n"
            for item in diff.newGaps { md += "- 新增缺口：\(inline(item.title))（`\(item.requirement)`）\n" }
            for item in diff.resolvedGaps { md += "- 已解决：\(inline(item.title))（`\(item.requirement)`）\n" }
            if !diff.newGaps.isEmpty || !diff.resolvedGaps.isEmpty { md += "\n" }
        }
        if !project.facts.isEmpty {
            md += "### 项目基本数据\n\n"
            for fact in project.facts {
                var line = "- \(ReportText.factName(fact.key))：\(inline(ReportText.factValue(fact)))（来源：\(inline(ReportText.factSource(fact.source)))"
                if let ev = fact.evidence { line += "，\(inline(ReportText.evidenceLocation(ev)))" }
                md += line + "）\n"
            }
            md += "\n"
        }

        md += "## 检查结果\n\n"
        if report.findings.isEmpty { md += "没有适用的检查项。\n\n" }
        for group in ReportText.groupedFindings(report.findings) {
            md += "### \(group.stage.chineseName)阶段\n\n"
            for finding in group.findings {
                md += "#### 【\(finding.status.chineseName)】\(inline(finding.title))（\(finding.severity.chineseName)）\n\n"
                md += "- 检查项：`\(finding.requirement)`\n"
                md += "- 结论：\(finding.status.chineseName)\n"
                md += "- 说明：\(inline(finding.reason))\n"
                for ev in finding.evidence {
                    md += "- 证据：\(inline(ReportText.evidenceLocation(ev)))"
                    if !ev.excerpt.isEmpty { md += "：“\(inline(ev.excerpt))”" }
                    md += "\n"
                }
                md += "- 依据：\(inline(finding.basis.regulation)) \(inline(finding.basis.article))\n\n"
                if !finding.basis.quote.isEmpty { md += "  > \(inline(finding.basis.quote))\n\n" }
            }
        }

        md += "## 文件\n\n"
        for doc in report.documents {
            md += "### \(inline(doc.path))\n\n"
            md += inline(ReportText.documentFacts(doc).joined(separator: "；")) + "\n\n"
            if let error = doc.error { md += "**无法读取（\(error.kind.chineseName)）：\(inline(error.message))**\n\n" }
            if !doc.sections.isEmpty {
                md += "| 章节 | 状态 | 标题 | 页码 |\n| --- | --- | --- | --- |\n"
                for section in doc.sections {
                    md += "| \(cell(section.name)) | \(cell(ReportText.sectionLine(section))) | \(cell(section.heading ?? "")) | \(ReportText.page(section.page) ?? "") |\n"
                }
                md += "\n"
            }
        }
        let errors = report.documents.filter { $0.error != nil }
        if !errors.isEmpty {
            md += "## 读取错误\n\n"
            for doc in errors {
                guard let error = doc.error else { continue }
                md += "- \(inline(doc.path))：\(inline(error.message))（\(error.kind.chineseName)）\n"
            }
            md += "\n"
        }
        return md
    }

    /// Keeps text on one line so it cannot break the surrounding Markdown structure.
    static func inline(_ text: String) -> String {
        // Most text has no line break: a byte scan spares it two Foundation passes.
        guard text.utf8.contains(0x0A) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static func cell(_ text: String) -> String {
        let line = inline(text)
        guard line.utf8.contains(UInt8(ascii: "|")) else { return line }
        return line.replacingOccurrences(of: "|", with: "\\|")
    }
}
