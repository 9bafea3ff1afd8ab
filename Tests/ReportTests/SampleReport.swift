import Check
import Checklists
import DocumentModel

/// A hand-built report with every status, an expired regulation and text that needs escaping.
enum Sample {
    static let quote = "项目建设单位应当编制密码应用方案，并同步规划、同步建设、同步运行。"
    static let tricky = "含有<script>alert(\"x\")</script> & 逗号,以及\"引号\""

    static func report(id: String = "p1", name: String = "阳城县智慧城管平台项目", jurisdiction: String = "yangcheng",
                       status: RegulationStatus = .expired, findings: [Finding]? = nil,
                       documents: [DocumentReport]? = nil) -> ProjectReport {
        let ref = ChecklistRef(id: jurisdiction, version: "2024.1", regulation: "阳城县智慧城市建设项目管理办法",
                               number: "阳政办发〔2024〕50号", status: status, expires: status == .expired ? "2025-12-31" : nil)
        let info = ProjectInfo(
            id: id, name: name, jurisdiction: jurisdiction, jurisdictionName: "阳城县", stage: .feasibility,
            department: "阳城县城市管理局", checklist: ref,
            facts: [Fact(key: .totalInvestment, value: .number(680), unit: "万元", source: "document",
                         evidence: Evidence(document: "可研.pdf", page: 5, heading: "第一章 概述", excerpt: "总投资680万元"))])
        let basis = FindingBasis(regulation: "《阳城县智慧城市建设项目管理办法》（阳政办发〔2024〕50号）",
                                 article: "第九条（二）", quote: quote)
        let allFindings = findings ?? [
            Finding(requirement: "yc-met", title: "建设内容", stage: .feasibility, status: .met, severity: .must,
                    reason: "已找到“建设内容”章节。",
                    evidence: [Evidence(document: "可研.pdf", page: 12, heading: "第三章 建设内容", excerpt: "本项目建设内容包括")],
                    basis: basis),
            Finding(requirement: "yc-crypto", title: "密码应用方案", stage: .feasibility, status: .missing, severity: .must,
                    reason: "未找到密码应用方案章节。", evidence: [], basis: basis),
            Finding(requirement: "yc-data", title: "数据资源目录", stage: .feasibility, status: .partial, severity: .should,
                    reason: tricky,
                    evidence: [Evidence(document: "可研.pdf", page: 3, heading: "第八章 安全方案 > 8.2 数据", excerpt: tricky, ocr: true)],
                    basis: basis),
            Finding(requirement: "yc-na", title: "跨部门协同", stage: .application, status: .notApplicable, severity: .info,
                    reason: "不涉及跨部门。", evidence: [], basis: basis),
        ]
        let docs = documents ?? [
            DocumentReport(path: "可研.pdf", kind: "feasibility", kindName: "可行性研究报告", format: .pdf, pages: 40,
                           error: nil, outline: [OutlineEntry(level: 1, number: "第一章", title: "概述", page: 1)],
                           sections: [SectionFinding(name: "密码应用", id: "crypto", status: .missing),
                                      SectionFinding(name: "数据资源目录", id: "data-catalogue", status: .present,
                                                     heading: "8.2 数据", page: 3, subElementsMissing: ["数据来源"],
                                                     reasons: ["标题「8.2 数据」", "列明格式、更新周期"])],
                           date: "2024-05-01", ocrPages: [3, 4, 5, 9], pagesWithoutText: [40]),
            DocumentReport(path: "附件/扫描件.pdf", kind: "unknown", kindName: "未识别", format: .pdf, pages: nil,
                           error: IngestError(.noTextLayer), outline: [], sections: []),
        ]
        return ProjectReport(generated: "2026-03-01T02:00:00Z", project: info, documents: docs, findings: allFindings,
                             summary: Summary(findings: allFindings, documents: docs))
    }
}
