import Checklists
import DocumentModel
import Foundation
import Testing
import TestSupport

@testable import Sections

/// Section understanding with the shipped catalogue: module headings are features, 密码 means commercial
/// cryptography, placeholders and guidance are empty, the topmost heading is the evidence, mentions are whole terms.
@Suite struct SectionUnderstandingTests {
    let catalogue: CompiledCatalogue

    init() throws {
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        catalogue = CompiledCatalogue(library.catalogue)
    }

    func locate(_ id: String, in document: Document) -> SectionMatch {
        let doc = IndexedDocument(document: document, ordinal: 0)
        return SectionLocator(catalogue: catalogue, documents: [doc]).locate(catalogue.section(id)!, in: doc)
    }

    /// A proposal whose function-design chapter has modules named like sections.
    func moduleTree() -> DocBuilder {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第五章", "应用系统设计")
        b.para("本项目建设统一业务平台，包括以下子系统。")
        b.heading(2, "5.1", "基础支撑子系统")
        b.heading(3, "5.1.1", "用户与密码管理")
        b.para("支持用户登录密码的设置、修改和重置，提供口令复杂度校验功能。")
        b.heading(3, "5.1.2", "数据目录管理")
        b.para("支持数据目录的注册、变更、审批和发布，提供目录检索功能。")
        b.heading(3, "5.1.3", "档案管理")
        b.para("提供电子文件的采集、归档和利用功能。")
        return b
    }

    @Test func moduleHeadingsAreNotSections() {
        let doc = moduleTree().document
        #expect(locate("crypto", in: doc).status == .missing)
        #expect(locate("data-catalogue", in: doc).status == .missing)
        #expect(locate("archives", in: doc).status == .missing)
    }

    @Test func passwordIsNotCryptography() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第九章", "密码安全")
        b.para("用户登录密码长度不少于8位，口令须定期修改，连续输错5次锁定账号。")
        #expect(locate("crypto", in: b.document).status == .missing)
    }

    @Test func nestedCommercialCryptoIsPresentWithReasons() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第九章", "安全保障体系")
        b.para("按照网络安全等级保护第三级要求建设，已完成定级备案。")
        b.heading(2, "9.3", "商用密码应用方案")
        b.para("采用SM2、SM4算法，按照GB/T 39786-2021要求设计，建设完成后开展密评。")
        let match = locate("crypto", in: b.document)
        #expect(match.status == .present)
        #expect(match.heading == "9.3 商用密码应用方案")
        #expect(match.reasons.contains { $0.contains("SM2") })
        #expect(match.contentsMissing.isEmpty)
        #expect(locate("mlps", in: b.document).status != .present || locate("mlps", in: b.document).contentsMissing.isEmpty)
    }

    @Test func combinedHeadingCountsForBoth() {
        var b = DocBuilder("建议书.docx")
        b.heading(1, "七、", "网络安全与密码应用方案")
        b.para("部署防火墙、入侵检测和日志审计设备，采用商用密码SM4算法对重要数据加密存储。")
        #expect(locate("security-plan", in: b.document).status == .present)
        #expect(locate("crypto", in: b.document).status == .present)
    }

    @Test func topmostHeadingIsTheEvidence() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第一章", "项目概述")
        b.heading(2, "1.5", "建设周期")
        b.para("项目建设周期为12个月。")
        b.heading(1, "第十三章", "项目实施进度")
        b.para("项目分三个阶段实施：2025年1月至3月完成需求调研，4月至9月完成开发部署，10月至12月试运行并验收。")
        #expect(locate("schedule", in: b.document).heading == "第十三章 项目实施进度")
    }

    @Test func guidanceAndBlanksAreEmpty() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "1", "项目背景")
        b.para("描述项目背景。")
        b.heading(1, "2", "投资估算")
        b.para("项目总投资xx万元，其中建设投资xx万元。")
        b.heading(1, "3", "实施进度")
        b.para("【此处填写项目实施进度安排】")
        b.heading(1, "4", "资源使用清单")
        b.table([["序号", "资源类型", "规格配置", "数量"]])
        b.heading(1, "5", "运维方案")
        b.para("运维方案详见《运维方案》（另册）。")
        let doc = b.document
        for id in ["necessity", "investment", "schedule", "resource-list", "om"] {
            #expect(locate(id, in: doc).status == .empty, "\(id)")
        }
    }

    @Test func wholeTermsOnly() {
        let whole = WholeTerms(compounds: catalogue.compounds)
        #expect(whole.first(of: ["能效"], in: "进阶赋能效应深度显现") == nil)
        #expect(whole.first(of: ["招标"], in: "招标人应当按规定提交") == nil)
        #expect(whole.first(of: ["公开招标"], in: "本项目采用公开招标方式采购") == "公开招标")
        #expect(whole.first(of: ["SM2"], in: "型号SM20") == nil)
        #expect(whole.first(of: ["等级保护"], in: "依据《信息安全技术网络安全等级保护基本要求》") == nil)
    }

    @Test func basisAndPrinciplesAreNotMentions() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "1.7", "编制依据")
        b.para("《信息安全技术 信息系统密码应用基本要求》（GB/T 39786-2021），商用密码管理条例。")
        b.heading(1, "5.1", "建设原则")
        b.para("坚持集约建设、共享开放、安全可控的原则，节能降耗。")
        let doc = b.document
        #expect(locate("crypto", in: doc).status == .missing)
        #expect(locate("energy", in: doc).status == .missing)
        #expect(locate("secure-reliable", in: doc).status == .missing)
    }

    @Test func blankTemplateIsNotAProjectDocument() {
        var b = DocBuilder("可行性研究报告.docx")
        for (n, title) in ["项目背景", "建设目标", "建设内容", "投资估算", "实施进度"].enumerated() {
            b.heading(1, "\(n + 1)", title)
            b.para("描述\(title)。")
        }
        let doc = IndexedDocument(document: b.document, ordinal: 0)
        #expect(NatureClassifier.nature(of: doc, catalogue: catalogue).nature == .template)
    }
}
