import Checklists
import DocumentModel
import Foundation
import Testing

@testable import Check
@testable import Sections
import TestSupport

/// Section statuses on hand-built documents.
@Suite struct SectionLocatorTests {
    let catalogue: CompiledCatalogue

    init() throws {
        catalogue = CompiledCatalogue(try CheckFixtures.library().catalogue)
    }

    func locate(_ id: String, in docs: [Document], at index: Int = 0) -> SectionMatch {
        let indexed = docs.enumerated().map { IndexedDocument(document: $1, ordinal: $0) }
        for doc in indexed { doc.kind = DocumentClassifier.kind(of: doc, catalogue: catalogue) }
        let locator = SectionLocator(catalogue: catalogue, documents: indexed)
        return locator.locate(catalogue.section(id)!, in: indexed[index])
    }

    /// The text of the block a mention of `term` is cited from.
    func citedMention(of term: String, in document: Document) -> String? {
        let doc = IndexedDocument(document: document, ordinal: 0)
        let locator = SectionLocator(catalogue: catalogue, documents: [doc])
        return locator.mention(of: [term], in: doc).map { doc.keys[$0.index] }
    }

    @Test func aMentionInTheProjectsPlanIsCitedBeforeOneInTheCurrentState() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第二章", "现状分析")
        b.para("现有系统分散部署，无法实现资源的集约化配置。")
        b.heading(1, "第五章", "部署方案")
        b.para("本项目依托本级政务云开展集约化建设。")
        #expect(citedMention(of: "集约化", in: b.document)?.contains("依托本级政务云") == true)

        var only = DocBuilder("可研.docx")
        only.heading(1, "第二章", "现状分析")
        only.para("现有系统分散部署，无法实现资源的集约化配置。")
        #expect(citedMention(of: "集约化", in: only.document)?.contains("无法实现资源的集约化配置") == true)
    }

    @Test func theShippedCatalogueReadsALevelGivenWithTheStandardsVersion() throws {
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        let level = try #require(CompiledCatalogue(library.catalogue).contents["protection-level"])
        #expect(level.firstMatch(in: "操作系统遵循等保2.0三级要求进行加固") != nil)
        #expect(level.firstMatch(in: "按照等级保护2.0第三级要求建设") != nil)
        #expect(level.firstMatch(in: "满足等保2.0相关要求") == nil)
    }

    @Test func presentWithSubstantiveBody() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第八章", "安全方案")
        b.heading(2, "8.2", "密码应用")
        b.para("本项目采用国产商用密码算法，对身份鉴别和数据传输进行保护。")
        let match = locate("crypto", in: [b.document])
        #expect(match.status == .present)
        #expect(match.heading == "8.2 密码应用")
        #expect(match.evidence?.heading == "第八章 安全方案 > 8.2 密码应用")
        #expect(match.evidence?.excerpt.contains("国产商用密码") == true)
    }

    @Test func synonymAndFullWidthSpacing() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "九、", "商 用 密 码 应 用")
        b.para("按照等级保护三级要求配置服务器密码机和签名验签服务器。")
        #expect(locate("crypto", in: [b.document]).status == .present)
    }

    @Test func headingPatternMatchesWordingSynonymsMiss() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第十章", "投资及资金概算")
        b.table([["序号", "名称", "金额（万元）"], ["1", "硬件", "200"]])
        #expect(locate("budget", in: [b.document]).status == .present)
    }

    @Test func placeholderBodyIsEmpty() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第八章", "密码应用方案")
        b.para("本章内容略。")
        b.heading(1, "第九章", "运维方案")
        b.para("运维方案另行编制。")
        let crypto = locate("crypto", in: [b.document])
        #expect(crypto.status == .empty)
        #expect(crypto.placeholder?.contains("略") == true)
        #expect(locate("om", in: [b.document]).status == .empty)
    }

    @Test func headingWithNothingUnderItIsEmpty() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第八章", "密码应用")
        b.heading(1, "第九章", "其他")
        b.para("其他事项说明如下，包括进度安排。")
        #expect(locate("crypto", in: [b.document]).status == .empty)
    }

    @Test func bestMatchWinsOverEarlierEmptyOne() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第三章", "密码应用")
        b.para("待补充")
        b.heading(1, "第八章", "密码应用方案")
        b.para("采用SM2、SM3、SM4算法实现传输加密与完整性保护。")
        let match = locate("crypto", in: [b.document])
        #expect(match.status == .present)
        #expect(match.heading == "第八章 密码应用方案")
    }

    @Test func closestNamingHeadingIsChosen() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第三章", "现有商用密码应用情况")
        b.para("现有系统已部分使用商用密码产品，但未经评估。")
        b.heading(1, "第八章", "安全方案")
        b.heading(2, "8.2", "密码应用")
        b.para("新建系统采用SM2、SM3、SM4算法实现身份鉴别与传输加密。")
        let match = locate("crypto", in: [b.document])
        #expect(match.status == .present)
        #expect(match.heading == "8.2 密码应用")
    }

    @Test func tocOnly() {
        var b = DocBuilder("可研.docx")
        b.tocLine("第八章", "密码应用方案", page: 30)
        b.newPage()
        b.heading(1, "第一章", "项目概况")
        b.para("项目建设内容包括平台与终端。")
        let match = locate("crypto", in: [b.document])
        #expect(match.status == .tocOnly)
        #expect(match.evidence?.heading == "目录")
    }

    @Test func mentionOnlyAndHeaderMentionDoesNotCount() {
        var b = DocBuilder("可研.docx")
        b.para("商用密码应用安全性评估报告", part: .header)
        b.heading(1, "第一章", "项目概况")
        b.para("项目建设内容包括平台与终端。")
        #expect(locate("crypto", in: [b.document]).status == .missing)

        b.para("系统将按要求开展密码应用建设。")
        let match = locate("crypto", in: [b.document])
        #expect(match.status == .mentionOnly)
        #expect(match.evidence?.excerpt.contains("密码应用建设") == true)
    }

    @Test func excludePatternIsNotTheSection() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第八章", "密码应用安全性评估")
        b.para("项目建成后委托第三方机构开展评估工作，形成评估报告。")
        // Not a heading of the section; its words still count as a mention.
        #expect(locate("crypto", in: [b.document]).status == .mentionOnly)
    }

    @Test func headingInTextBox() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第一章", "项目概况")
        b.para("项目建设内容包括平台与终端。")
        b.para("八、密码应用方案", part: .textBox)
        b.para("采用国产密码算法对重要数据进行加密存储。", part: .textBox)
        let match = locate("crypto", in: [b.document])
        #expect(match.status == .present)
        #expect(match.heading == "八、 密码应用方案")
    }

    @Test func headingInTableCell() {
        var b = DocBuilder("建议书.docx")
        b.heading(1, "一、", "项目基本情况表")
        b.table([["项目名称", "智慧城市平台"], ["密码应用", "采用国密算法，部署密码服务平台"]])
        #expect(locate("crypto", in: [b.document]).status == .present)

        // A budget line that merely contains the words is not a heading.
        var c = DocBuilder("建议书.docx")
        c.heading(1, "一、", "投资明细")
        c.table([["密码应用改造费", "50万元"]])
        #expect(locate("crypto", in: [c.document]).status == .mentionOnly)
    }

    @Test func attachmentReferenceResolvesToAnotherDocument() {
        var main = DocBuilder("可行性研究报告.docx")
        main.heading(1, "第八章", "密码应用方案")
        main.para("详见附件3。")
        var attachment = DocBuilder("附件3 密码应用方案.pdf")
        attachment.para("某某项目商用密码应用方案")
        attachment.heading(1, "一、", "密码应用需求")
        attachment.para("分析系统的密码应用需求。")
        let match = locate("crypto", in: [main.document, attachment.document])
        #expect(match.status == .present)
        #expect(match.attachment == "附件3 密码应用方案.pdf")
        #expect(match.evidence?.document == "附件3 密码应用方案.pdf")

        // Without the attachment in the project, the reference is only a placeholder.
        #expect(locate("crypto", in: [main.document]).status == .empty)
    }

    @Test func namedAttachmentResolvesByKind() {
        var main = DocBuilder("可行性研究报告.docx")
        main.heading(1, "第八章", "密码应用")
        main.para("见附件《商用密码应用方案》。")
        var attachment = DocBuilder("plan.pdf")
        attachment.para("商用密码应用方案")
        attachment.para("本方案依据GB/T 39786编制。")
        let match = locate("crypto", in: [main.document, attachment.document])
        #expect(match.status == .present)
        #expect(match.attachment == "plan.pdf")
    }

    @Test func subElementsFoundAndMissing() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第五章", "数据资源目录")
        b.para("本项目共梳理数据资源32项。")
        b.table([["序号", "数据名称", "数据来源", "共享方式"], ["1", "人口信息", "公安局", "接口"]])
        let match = locate("data-catalogue", in: [b.document])
        #expect(match.status == .present)
        #expect(match.subElementsFound == ["数据来源"])
        #expect(match.subElementsMissing == ["更新频率"])

        var c = DocBuilder("可研.docx")
        c.heading(1, "第五章", "信息资源目录")
        c.para("各项数据按月更新，更新周期为一个月，数据来源为各委办局。")
        let full = locate("data-catalogue", in: [c.document])
        #expect(full.subElementsFound == ["数据来源", "更新频率"])
        #expect(full.subElementsMissing.isEmpty)
    }

    @Test func missingWhenNothingMatches() {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第一章", "项目概况")
        b.para("项目建设内容包括平台与终端。")
        let match = locate("data-catalogue", in: [b.document])
        #expect(match.status == .missing)
        #expect(match.subElementsMissing == ["数据来源", "更新频率"])
    }
}
