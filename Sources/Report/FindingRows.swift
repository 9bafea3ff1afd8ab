import Check
import Foundation

/// The rows that circulate as spreadsheets: `summary.csv` and both sheets of `findings.xlsx` take their columns
/// from here, so the two never disagree.
public enum FindingRows {
    public static let findingHeader = [
        "项目", "项目编号", "地区", "阶段", "文件", "检查项", "标题", "严重程度", "结论", "原因", "页码", "章节", "摘录",
        "规定", "条款", "原文",
    ]
    public static let projectHeader = [
        "项目", "项目编号", "地区", "阶段", "建设单位", "必须项缺口", "缺失", "部分满足", "未能检查", "满足", "不适用",
        "无法读取的文件", "报告",
    ]

    /// Column 10 (页码) holds a number; the workbook writes it as one.
    public static let pageColumn = 10

    /// One row per finding in review order, projects sorted by id; a project without findings keeps one row.
    public static func findings(_ reports: [ProjectReport]) -> [[String]] {
        var rows: [[String]] = []
        for report in reports.sorted(by: { $0.project.id < $1.project.id }) {
            let p = report.project
            let lead = [p.name, p.id, ReportText.jurisdictionText(p), p.stage.chineseName]
            if report.findings.isEmpty {
                rows.append(lead + Array(repeating: "", count: findingHeader.count - lead.count))
            }
            for f in ReportText.reviewOrder(report.findings) {
                let ev = f.evidence.first
                rows.append(lead + [
                    ev?.document ?? "", f.requirement, f.title, f.severity.chineseName, f.status.chineseName, f.reason,
                    ev?.page.map(String.init) ?? "", ev?.heading ?? "", ev?.excerpt ?? "", f.basis.regulation,
                    f.basis.article, f.basis.quote,
                ])
            }
        }
        return rows
    }

    public static func projects(_ entries: [IndexEntry]) -> [[String]] {
        entries.sorted { $0.report.project.id < $1.report.project.id }.map { entry in
            let p = entry.report.project, s = entry.report.summary
            return [p.name, p.id, ReportText.jurisdictionText(p), p.stage.chineseName, p.department ?? "",
                    "\(s.mustGaps)", "\(s.missing)", "\(s.partial)", "\(s.notChecked)", "\(s.met)", "\(s.notApplicable)",
                    "\(s.unreadableDocuments)", entry.link]
        }
    }
}

/// Text that a spreadsheet would run as a formula (= + - @, and tab or CR that some tools strip first) is
/// prefixed with an apostrophe, so a cell copied from a hostile document stays text in Excel, WPS and LibreOffice.
public enum SpreadsheetCell {
    /// The first scalar decides, as it does for a spreadsheet: "=" followed by a combining mark is still a formula.
    public static func isFormulaLike(_ text: String) -> Bool {
        switch text.unicodeScalars.first {
        case "=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠": return true
        default: return false
        }
    }

    public static func neutralised(_ text: String) -> String {
        isFormulaLike(text) ? "'" + text : text
    }
}
