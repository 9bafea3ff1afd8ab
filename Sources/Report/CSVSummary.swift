import Check
import Foundation

/// Batch `summary.csv`: one row per project and finding, UTF-8 with a byte-order mark so Excel reads the Chinese
/// text; fields quoted per RFC 4180, lines ended with CRLF.
public enum CSVSummary {
    public static let header = ["项目", "地区", "阶段", "检查项", "标题", "结论", "严重程度", "文件", "页码", "条款"]

    public static func render(_ reports: [ProjectReport]) -> Data {
        var text = line(header)
        for report in reports.sorted(by: { $0.project.id < $1.project.id }) {
            let p = report.project
            let jurisdiction = p.jurisdictionName.isEmpty ? p.jurisdiction : p.jurisdictionName
            if report.findings.isEmpty {
                // Keeps a project without findings visible in the sheet.
                text += line([p.name, jurisdiction, p.stage.chineseName, "", "", "", "", "", "", ""])
                continue
            }
            for f in report.findings {
                let ev = f.evidence.first
                text += line([
                    p.name, jurisdiction, f.stage.chineseName, f.requirement, f.title, f.status.chineseName,
                    f.severity.chineseName, ev?.document ?? "", ev?.page.map(String.init) ?? "", f.basis.article,
                ])
            }
        }
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(text.utf8))
        return data
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    /// Quotes a field when it holds a comma, quote, CR or LF; doubles inner quotes. A field that a spreadsheet
    /// would take for a formula (starting with = + - @, tab or CR: OWASP CSV injection) gets a leading apostrophe.
    static func quote(_ raw: String) -> String {
        let field = raw.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + raw : raw
        let needs = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
