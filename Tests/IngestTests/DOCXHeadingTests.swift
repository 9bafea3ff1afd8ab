import DOCXWriter
import DocumentModel
import Foundation
import Ingest
import Testing

@Suite struct DOCXHeadingTests {
    @Test func headingStylesAreKnownByNameNotId() throws {
        for convention in [StyleIdConvention.english, .localized, .wps] {
            let document = try DOCXFixture.read(
                DocxSpec(
                    styleIds: convention,
                    blocks: [
                        .heading("项目概述", level: 1), .paragraph("正文。"),
                        .heading("建设单位", level: 2, style: .custom), .paragraph("正文。"),
                        .heading("附录", level: 1, style: .outlineLevel), .paragraph("正文。"),
                    ]))
            let outline = document.outline.compactMap(\.heading)
            #expect(outline.map(\.title) == ["项目概述", "建设单位", "附录"], "\(convention)")
            #expect(outline.map(\.level) == [1, 2, 1], "\(convention)")
            #expect(outline.allSatisfy { $0.source == .style })
        }
    }

    @Test func outlineLevelNineUnderHeadingStyleIsBody() throws {
        let body = [
            DOCXFixture.paragraph("项目概述", style: "Heading1"),
            DOCXFixture.paragraph("加粗说明文字", style: "Heading1", extraPPr: #"<w:numPr><w:numId w:val="0"/></w:numPr><w:outlineLvl w:val="9"/>"#),
            DOCXFixture.paragraph("正文。"),
        ].joined()
        let document = try DOCXFixture.readRaw(body: body)
        #expect(document.outline.map(\.text) == ["第一章 项目概述"])
        #expect(document.blocks[1].kind == .paragraph)
        #expect(document.blocks[1].text == "加粗说明文字")
    }

    @Test func typedNumbersOnBoldShortLinesAreHeadings() throws {
        let document = try DOCXFixture.read(
            DocxSpec(blocks: [
                .heading("第一章 项目概述", level: 1, style: .manual),
                .paragraph("本章介绍项目基本情况。"),
                .heading("一、项目名称", level: 2, style: .manual),
                .paragraph("某某区数据底座项目。"),
                .heading("（一）建设单位", level: 3, style: .manual),
                .paragraph("某某区大数据中心。"),
                .heading("二、建设内容", level: 2, style: .manual),
                .paragraph("1. 本项目建设统一的数据共享交换平台，实现与市级平台的对接，并满足等级保护三级要求。"),
                BlockSpec(type: .paragraph, text: "2. 平台应支持统一身份认证和单点登录功能的接入。", bold: true),
                .paragraph("正文。"),
                .heading("第二章 需求分析", level: 1, style: .manual),
                .paragraph("正文。"),
            ]))
        let outline = document.outline.compactMap(\.heading)
        #expect(outline.map(\.display) == ["第一章 项目概述", "一、 项目名称", "（一） 建设单位", "二、 建设内容", "第二章 需求分析"])
        #expect(outline.map(\.level) == [1, 2, 3, 2, 1])
        #expect(outline.allSatisfy { $0.numbering == .typed && $0.source == .pattern })
        // Long numbered sentences and sentence-like bold lines stay body text.
        #expect(document.blocks.contains { $0.kind == .paragraph && $0.text.hasPrefix("1. 本项目建设") })
        #expect(document.blocks.contains { $0.kind == .paragraph && $0.text.hasPrefix("2. 平台应支持") })
    }

    @Test func plainNumberedLinesWithoutEmphasisAreBody() throws {
        let document = try DOCXFixture.read(
            DocxSpec(blocks: [.paragraph("一、项目名称"), .paragraph("某某区数据底座项目。"), .paragraph("1.1 建设单位"), .paragraph("正文。")]))
        #expect(document.outline.isEmpty)
    }

    @Test func typedNumbersInsideHeadingStylesAreKeptAsTyped() throws {
        let document = try DOCXFixture.read(DocxSpec(blocks: [.heading("第三章 总体设计"), .paragraph("正文。")]))
        let heading = try #require(document.outline.first?.heading)
        #expect(heading.number == "第三章")
        #expect(heading.title == "总体设计")
        #expect(heading.numbering == .typed)
        #expect(heading.source == .style)
    }

    @Test func headingInsideOneCellTableIsRecognised() throws {
        let body = """
            <w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t>第五章 安全保障方案</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            \(DOCXFixture.paragraph("本章说明安全保障。"))\
            <w:tbl><w:tr><w:tc>\(DOCXFixture.paragraph("网络安全", style: "Heading2"))</w:tc><w:tc><w:p><w:r><w:t>等级保护</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>1.2 不是标题</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
            """
        let document = try DOCXFixture.readRaw(body: body, spec: DocxSpec(blocks: []))
        let outline = document.outline.compactMap(\.heading)
        #expect(outline.map(\.display) == ["第五章 安全保障方案", "网络安全"])
        #expect(document.blocks.filter { $0.kind == .table }.count == 2)
    }
}
