import Checklists
import DocumentModel
import Foundation
import Testing

@testable import Check
@testable import Sections
import TestSupport

/// The whole Check stage on hand-built projects against the fixture checklists.
@Suite struct CheckerTests {
    let checker: Checker

    init() throws {
        checker = Checker(library: try CheckFixtures.library())
    }

    /// A feasibility study of 测试县 with crypto, data catalogue (no 更新频率), 300万元 and 2 years of free O&M.
    static func feasibility(investment: String = "300万元", expert: Bool = false) -> Document {
        var b = DocBuilder("测试县智慧城管项目可行性研究报告.docx")
        b.para("测试县智慧城管项目")
        b.para("可行性研究报告")
        b.para("测试县城市管理局 2026年3月")
        b.newPage()
        b.heading(1, "第一章", "项目概况")
        b.para("本项目总投资\(investment)，建设周期一年。")
        if expert { b.para("本报告已组织专家评审并按意见修改。") }
        b.heading(1, "第五章", "数据资源目录")
        b.table([["序号", "数据名称", "数据来源"], ["1", "案件信息", "城管局"]])
        b.heading(1, "第八章", "密码应用方案")
        b.para("采用国产商用密码算法，部署密码服务平台，保障传输与存储安全。")
        b.heading(1, "第九章", "运维方案")
        b.para("项目建成后免费运维期两年。")
        return b.document
    }

    func finding(_ report: ProjectReport, _ id: String) throws -> Finding {
        try #require(report.findings.first { $0.requirement == id })
    }

    @Test func evaluatesEachRuleKind() throws {
        let report = checker.check(ProjectInput(id: "p1", documents: [Self.feasibility()]), now: Date(timeIntervalSince1970: 0))
        #expect(report.project.jurisdiction == "testcounty")
        #expect(report.project.stage == .feasibility)
        #expect(report.documents.first?.kind == "feasibility")

        // section, met; inherited with the override's severity.
        let crypto = try finding(report, "national-crypto")
        #expect(crypto.status == .met)
        #expect(crypto.severity == .should)
        #expect(crypto.evidence.first?.heading == "第八章 密码应用方案")
        // Inherited from the national test checklist: it cites the national text, not the county's.
        #expect(crypto.basis.regulation == "《测试用国家规定》（测发〔2020〕1号）")
        #expect(crypto.basis.article == "第五条")

        // section with a sub-element missing → partial.
        let data = try finding(report, "testcounty-data")
        #expect(data.status == .partial)
        #expect(data.reason.contains("更新频率"))
        #expect(data.basis.article == "第九条（二）")

        // figure below the requirement → missing, with the evidence it rests on.
        let om = try finding(report, "testcounty-free-om")
        #expect(om.status == .missing)
        #expect(om.reason.contains("2年"))
        #expect(om.evidence.first?.excerpt.contains("免费运维期两年") == true)

        // any: the section satisfies it.
        #expect(try finding(report, "testcounty-crypto-either").status == .met)

        // Dropped items and items of other stages are not reported.
        #expect(report.findings.allSatisfy { $0.requirement != "national-om" && $0.stage == .feasibility })
        #expect(report.findings.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func conditionThresholdBothSides() throws {
        let below = checker.check(ProjectInput(id: "p", documents: [Self.feasibility(investment: "499万元")]))
        let belowFinding = try finding(below, "testcounty-expert")
        #expect(belowFinding.status == .notApplicable)
        #expect(belowFinding.reason.contains("总投资500万元及以上"))
        #expect(belowFinding.reason.contains("499万元"))

        let at = checker.check(ProjectInput(id: "p", documents: [Self.feasibility(investment: "五百万元")]))
        #expect(try finding(at, "testcounty-expert").status == .missing)

        let withReview = checker.check(ProjectInput(id: "p", documents: [Self.feasibility(investment: "0.06亿元", expert: true)]))
        let met = try finding(withReview, "testcounty-expert")
        #expect(met.status == .met)
        #expect(met.evidence.first?.excerpt.contains("专家评审") == true)
    }

    @Test func projectYamlOverridesTheDocument() throws {
        var metadata = ProjectMetadata()
        metadata.totalInvestment = 800
        metadata.freeMaintenanceYears = 3
        let report = checker.check(ProjectInput(id: "p", metadata: metadata, documents: [Self.feasibility()]))
        #expect(try finding(report, "testcounty-expert").status == .missing)
        let om = try finding(report, "testcounty-free-om")
        #expect(om.status == .met)
        #expect(om.evidence.first?.document == "project.yaml")
        #expect(report.project.facts.first { $0.key == .totalInvestment }?.source == "project.yaml")
    }

    @Test func figureNotFoundIsPartial() throws {
        var b = DocBuilder("可行性研究报告.docx")
        b.para("测试县某项目可行性研究报告")
        b.heading(1, "第一章", "概况")
        b.para("建设内容包括平台。")
        let report = checker.check(ProjectInput(id: "p", documents: [b.document]))
        let om = try finding(report, "testcounty-free-om")
        #expect(om.status == .partial)
        #expect(om.reason.contains("未找到免费运维期"))
    }

    @Test func unreadableDocumentsAreNotChecked() throws {
        let broken = Document.failed(path: "可研报告.pdf", format: .pdf, error: IngestError(.encrypted))
        var metadata = ProjectMetadata()
        metadata.jurisdiction = "测试县"
        metadata.stage = .feasibility
        let report = checker.check(ProjectInput(id: "p", metadata: metadata, documents: [broken]))
        #expect(report.documents.first?.kind == "feasibility")
        let crypto = try finding(report, "national-crypto")
        #expect(crypto.status == .notChecked)
        #expect(crypto.reason.contains("已加密"))
        #expect(report.summary.unreadableDocuments == 1)
        #expect(report.documents.first?.sections.isEmpty == true)
    }

    @Test func sectionRulesSearchAllDocumentsWhenTheKindIsAbsent() throws {
        var b = DocBuilder("说明材料.docx")
        b.heading(1, "一、", "密码应用")
        b.para("采用国密算法保护业务数据的机密性和完整性。")
        let report = checker.check(ProjectInput(id: "p", documents: [b.document]), jurisdiction: "testcounty", stage: .feasibility)
        let crypto = try finding(report, "national-crypto")
        #expect(crypto.status == .met)
        #expect(crypto.reason.contains("未识别出《可行性研究报告》"))
    }

    @Test func documentRulesAndAllOfThem() throws {
        var acceptance = DocBuilder("验收报告.pdf")
        acceptance.para("测试县智慧城管项目竣工验收报告")
        let only = checker.check(ProjectInput(id: "p", documents: [acceptance.document]), jurisdiction: "testcounty")
        #expect(only.project.stage == .acceptance)
        let partial = try finding(only, "testcounty-acceptance-package")
        #expect(partial.status == .partial)
        #expect(partial.reason.contains("《监理报告》"))

        var supervision = DocBuilder("监理总结报告.pdf")
        supervision.para("监理总结报告")
        let both = checker.check(ProjectInput(id: "p", documents: [acceptance.document, supervision.document]), jurisdiction: "testcounty")
        let met = try finding(both, "testcounty-acceptance-package")
        #expect(met.status == .met)
        #expect(met.evidence.count == 2)

        let unreadable = Document.failed(path: "监理报告.pdf", format: .pdf, error: IngestError(.corrupt))
        let broken = checker.check(ProjectInput(id: "p", documents: [acceptance.document, unreadable]), jurisdiction: "testcounty")
        #expect(try finding(broken, "testcounty-acceptance-package").status == .partial)
        #expect(try finding(broken, "testcounty-acceptance-package").reason.contains("无法读取"))
    }

    @Test func aBlankTemplateOfARequiredDocumentIsNotThatDocument() throws {
        var blank = DocBuilder("验收报告.docx")
        blank.para("竣工验收报告")
        blank.heading(1, "一、", "项目概况")
        blank.para("略")
        blank.heading(1, "二、", "验收结论")
        blank.para("待补充")
        blank.heading(1, "三、", "验收意见")
        blank.para("另行编制")
        var supervision = DocBuilder("监理总结报告.pdf")
        supervision.para("测试县智慧城管项目监理总结报告")
        let report = checker.check(ProjectInput(id: "p", documents: [blank.document, supervision.document]),
                                   jurisdiction: "testcounty", stage: .acceptance)
        let template = try #require(report.documents.first { $0.path == "验收报告.docx" })
        #expect(template.kind == "acceptance-report")
        #expect(template.nature == .template)
        let package = try finding(report, "testcounty-acceptance-package")
        #expect(package.status == .partial)
        #expect(package.reason.contains("提交的《验收报告》不是本项目的文件：验收报告.docx（空白模板或表格）"))
        #expect(!package.reason.contains("已提交《验收报告》"))
        #expect(package.reason.contains("已提交《监理报告》"))
    }

    @Test func anyIsMetBySeparateDocument() throws {
        var main = DocBuilder("可研报告.docx")
        main.heading(1, "第一章", "概况")
        main.para("测试县项目建设内容。")
        var plan = DocBuilder("商用密码应用方案.pdf")
        plan.para("商用密码应用方案")
        let report = checker.check(ProjectInput(id: "p", documents: [main.document, plan.document]), stage: .feasibility)
        #expect(try finding(report, "testcounty-crypto-either").status == .met)
        #expect(try finding(report, "national-crypto").status == .missing)
    }

    @Test func expiredRegulationAndUndeterminedJurisdictionNotices() throws {
        let report = checker.check(ProjectInput(id: "p", documents: [Self.feasibility()]))
        let expired = try finding(report, "testcounty-regulation-expired")
        #expect(expired.severity == .info)
        #expect(expired.reason.contains("规定已于2025-12-31失效"))
        #expect(report.documents.first?.date == "2026-03-01")

        var anonymous = DocBuilder("可研报告.docx")
        anonymous.heading(1, "第一章", "概况")
        anonymous.para("项目建设内容。")
        let national = checker.check(ProjectInput(id: "p", documents: [anonymous.document]))
        #expect(national.project.jurisdiction == "national")
        let notice = try finding(national, "jurisdiction-undetermined")
        #expect(notice.severity == .info)
        #expect(!notice.status.isGap)
    }

    @Test func draftRegulationNotice() throws {
        let draft = CheckFixtures.local.replacingOccurrences(of: "status: in-force", with: "status: draft")
        let library = try ChecklistLibrary.load(from: CheckFixtures.folder(["jurisdictions/testcounty.yaml": draft]))
        let report = Checker(library: library).check(ProjectInput(id: "p", documents: [Self.feasibility()]))
        let notice = try finding(report, "testcounty-regulation-draft")
        #expect(notice.reason.contains("征求意见稿"))
    }

    @Test func reportIsDeterministicAndSorted() throws {
        var other = DocBuilder("附件1 说明.docx")
        other.para("补充说明。")
        let input = ProjectInput(id: "p", documents: [Self.feasibility(), other.document])
        let reversed = ProjectInput(id: "p", documents: [other.document, Self.feasibility()])
        let date = Date(timeIntervalSince1970: 1_000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let a = try encoder.encode(checker.check(input, now: date))
        let b = try encoder.encode(checker.check(reversed, now: date))
        #expect(a == b)
        let report = checker.check(input, now: date)
        let keys = report.findings.map { [$0.stage.rawValue, $0.severity.rawValue, $0.requirement] }
        let sorted = report.findings.sorted { x, y in
            (x.stage, x.severity, x.requirement) < (y.stage, y.severity, y.requirement)
        }.map { [$0.stage.rawValue, $0.severity.rawValue, $0.requirement] }
        #expect(keys == sorted)
        // Every readable document lists every catalogue section, and its outline.
        #expect(report.documents.allSatisfy { $0.sections.count == 5 })
        #expect(report.documents.first { $0.path.contains("可行性") }?.outline.first?.title == "项目概况")
    }

    /// A content item written for the 可研 and the 建议书 alike is checked at the application stage in the 建议书,
    /// reported under that stage; an item asking for a whole document stays at its own stage.
    @Test func itemsApplyWhereTheirDocumentsBelongToTheStage() throws {
        let national = """
            id: national
            name: 国家通用
            aliases: []
            version: "1"
            regulation: {title: 测试用国家规定, issuer: 测试部门, number: 测发〔2020〕1号, status: in-force, source: sources/national.txt}
            items:
              - id: national-crypto
                title: 应有密码应用章节
                stage: feasibility
                documents: [proposal, feasibility]
                rule: {kind: section, section: crypto}
                severity: must
                basis: {article: 第五条, quote: 应当同步规划、同步建设、同步运行密码保障系统}
              - id: national-om
                title: 应有运维方案
                stage: feasibility
                documents: [feasibility]
                rule: {kind: section, section: om}
                severity: should
                basis: {article: 第六条, quote: 应当编制运维方案}
              - id: national-crypto-plan
                title: 提交密码应用方案
                stage: feasibility
                documents: [proposal, feasibility]
                rule: {kind: document, documentKinds: [crypto-plan]}
                severity: must
                basis: {article: 第五条, quote: 应当同步规划、同步建设、同步运行密码保障系统}
            """
        let library = try ChecklistLibrary.load(from: CheckFixtures.folder(["jurisdictions/national.yaml": national]))
        var b = DocBuilder("项目建议书.docx")
        b.heading(1, "一、", "项目概况")
        b.para("本项目为测试县政务服务平台升级改造，建设周期一年，由测试县数据局负责实施。")
        b.heading(1, "二、", "密码应用方案")
        b.para("系统采用SM2、SM3、SM4国产密码算法，实现身份鉴别、传输加密和存储加密，密钥由密码服务平台统一管理。")
        let report = Checker(library: library).check(
            ProjectInput(id: "p", documents: [b.document]), jurisdiction: "national", stage: .application)
        let crypto = try finding(report, "national-crypto")
        #expect(crypto.status == .met)
        #expect(crypto.stage == .application)
        #expect(!report.findings.contains { $0.requirement == "national-om" })
        #expect(!report.findings.contains { $0.requirement == "national-crypto-plan" })
    }

    /// A heading whose body is only a placeholder, or a chapter only in the TOC, does not meet a section rule.
    @Test func placeholderAndTOCOnlySectionsAreMissingRequirements() throws {
        var b = DocBuilder("可行性研究报告.docx")
        b.toc.append(TOCEntry(level: 1, number: "第九章", title: "运维方案", printedPage: 30, location: Location(page: 2)))
        b.heading(1, "第一章", "项目概况")
        b.para("本项目建设测试县政务服务平台，实现事项统一受理和办件全流程跟踪，建设周期一年。")
        b.heading(1, "第八章", "密码应用方案")
        b.para("略")
        let report = checker.check(
            ProjectInput(id: "p", documents: [b.document]), jurisdiction: "national", stage: .feasibility)
        let crypto = try finding(report, "national-crypto")
        #expect(crypto.status == .missing)
        #expect(crypto.reason.contains("占位"))
        #expect(crypto.evidence.first?.heading == "第八章 密码应用方案")
        let om = try finding(report, "national-om")
        #expect(om.status == .missing)
        #expect(om.reason.contains("目录"))
        let sections = try #require(report.documents.first?.sections)
        #expect(sections.first { $0.name == "密码应用" }?.status == .empty)
        #expect(sections.first { $0.name == "运维方案" }?.status == .tocOnly)
    }
}
