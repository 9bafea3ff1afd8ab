import Check
import Checklists
import DOCXWriter
import Foundation

/// `report.docx`: a draft 技术审查意见 a reviewer edits and circulates. Set as Chinese official documents are: A4,
/// 仿宋 body, 黑体/楷体 headings, page numbers; gaps in review order, a 需补正材料清单, and a conclusion block left
/// for the reviewer.
public enum ReviewOpinionDOCX {
    public static func data(_ report: ProjectReport) throws -> Data {
        try DOCXWriter(spec(report)).data()
    }

    public static func spec(_ report: ProjectReport) -> DocxSpec {
        let blocks = title(report) + basics(report) + basis(report) + opinions(report) + corrections(report)
            + conclusion()
        return DocxSpec(title: "\(report.project.name) 技术审查意见", author: "gapcheck", created: report.generated,
                        typography: .official, pageNumbers: true, blocks: blocks)
    }

    static func title(_ report: ProjectReport) -> [BlockSpec] {
        [
            BlockSpec(type: .paragraph, text: "关于《\(report.project.name)》\(report.project.stage.chineseName)阶段文件的",
                      bold: true, size: 22, align: .center),
            BlockSpec(type: .paragraph, text: "技术审查意见（初稿）", bold: true, size: 22, align: .center),
        ]
    }

    static func basics(_ report: ProjectReport) -> [BlockSpec] {
        let p = report.project
        var rows = [["项目", "内容"], ["项目名称", p.name], ["建设单位", p.department ?? "（未载明）"],
                    ["适用地区", ReportText.jurisdictionText(p)], ["项目阶段", p.stage.chineseName],
                    ["总投资", ReportText.investmentText(p) ?? "（未在文件中找到）"]]
        rows.append(["审查文件", report.documents.map(\.path).joined(separator: "；")])
        return [.heading("一、项目基本情况"), .table(rows)]
    }

    static func basis(_ report: ProjectReport) -> [BlockSpec] {
        let ref = report.project.checklist
        var blocks: [BlockSpec] = [.heading("二、审查依据")]
        for (i, line) in ReportText.regulations(report).enumerated() {
            var text = "\(i + 1). \(line)"
            if i == 0 { text += "（\(ReportText.validityName(ref.status))；检查清单 \(ref.id) 版本 \(ref.version)）" }
            blocks.append(body(text))
        }
        if let warning = ReportText.validityWarning(ref) { blocks.append(body(warning)) }
        return blocks
    }

    static func opinions(_ report: ProjectReport) -> [BlockSpec] {
        let ordered = ReportText.reviewOrder(report.findings)
        let gaps = ordered.filter(\.status.isGap)
        var blocks: [BlockSpec] = [.heading("三、审查意见"), body(ReportText.summaryLine(report.summary))]
        if gaps.isEmpty { blocks.append(body("经检查，未发现需补正的缺口。")) }
        for (i, f) in gaps.enumerated() {
            blocks.append(.heading("（\(chineseCounting(i + 1))）\(f.title)【\(f.severity.chineseName)·\(f.status.chineseName)】", level: 2))
            blocks.append(body("审查情况：\(f.reason)"))
            blocks.append(body("文件位置：\(ReportText.whereText(f, documents: report.documents))"))
            if let excerpt = f.evidence.first?.excerpt, !excerpt.isEmpty { blocks.append(body("原文摘录：“\(excerpt)”")) }
            blocks.append(body("依据：\(f.basis.regulation)\(f.basis.article)：“\(f.basis.quote)”"))
        }
        return blocks + uncheckedAndMet(ordered)
    }

    /// Items that could not be checked are named so the reviewer looks at them by hand; met ones only listed.
    static func uncheckedAndMet(_ ordered: [Finding]) -> [BlockSpec] {
        var blocks: [BlockSpec] = []
        let unchecked = ordered.filter { $0.status == .notChecked }
        if !unchecked.isEmpty {
            blocks.append(body("以下 \(unchecked.count) 项因文件无法读取未能检查，需人工核对："
                + unchecked.map { "\($0.title)（\($0.reason)）" }.joined(separator: "；") + "。"))
        }
        let met = ordered.filter { $0.status == .met }
        if !met.isEmpty {
            blocks.append(body("以下 \(met.count) 项已满足要求：" + met.map(\.title).joined(separator: "、") + "。"))
        }
        return blocks
    }

    static func corrections(_ report: ProjectReport) -> [BlockSpec] {
        let gaps = ReportText.reviewOrder(report.findings).filter(\.status.isGap)
        let blocks: [BlockSpec] = [.heading("四、需补正材料清单")]
        if gaps.isEmpty { return blocks + [body("无。")] }
        var rows = [["序号", "需补正内容", "类别", "依据"]]
        for (i, f) in gaps.enumerated() {
            rows.append(["\(i + 1)", "\(f.title)（\(f.status.chineseName)）", f.severity.chineseName,
                         "\(f.basis.regulation)\(f.basis.article)"])
        }
        return blocks + [.table(rows)]
    }

    static func conclusion() -> [BlockSpec] {
        [
            .heading("五、审查结论"),
            body("审查结论：□ 通过　□ 修改完善后通过　□ 不予通过"),
            body("（以上审查意见由 gapcheck 依据所列规定自动生成，审查人核实后填写结论。）"),
            BlockSpec(type: .paragraph, text: "审查人（签字）：＿＿＿＿＿＿＿＿", align: .right),
            BlockSpec(type: .paragraph, text: "日期：　　　　年　　月　　日", align: .right),
        ]
    }

    static func body(_ text: String) -> BlockSpec {
        BlockSpec(type: .paragraph, text: text, indent: true)
    }
}
