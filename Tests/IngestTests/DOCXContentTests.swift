import DOCXWriter
import DocumentModel
import Foundation
import Ingest
import Testing

@Suite struct DOCXContentTests {
    @Test func trackedChangesAreReadAccepted() throws {
        let document = try DOCXFixture.read(
            DocxSpec(
                numbering: .chapters,
                blocks: [
                    .heading("项目概述"), .paragraph("正文。"),
                    BlockSpec(type: .heading, text: "密码应用方案", level: 1, tracked: .deleted),
                    BlockSpec(type: .paragraph, text: "已删除的正文。", tracked: .deleted),
                    BlockSpec(type: .heading, text: "安全保障方案", level: 1, tracked: .inserted), .paragraph("正文。"),
                ]))
        #expect(document.outline.map(\.text) == ["第一章 项目概述", "第二章 安全保障方案"])
        #expect(!document.blocks.contains { $0.text.contains("密码应用方案") || $0.text.contains("已删除") })
    }

    @Test func oldPropertiesInChangeRecordsAreIgnored() throws {
        let body = """
            <w:p><w:pPr><w:pPrChange w:id="1" w:author="a"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr>\
            <w:r><w:t>原来是标题</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange w:id="2" w:author="a"><w:pPr/></w:pPrChange></w:pPr>\
            <w:r><w:rPr><w:rPrChange w:id="3" w:author="a"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>现在是标题</w:t></w:r></w:p>\
            <w:p><w:r><w:t>正文。</w:t></w:r><w:ins w:id="4" w:author="a"><w:r><w:t>插入的文字。</w:t></w:r></w:ins>\
            <w:moveFrom w:id="5" w:author="a"><w:r><w:t>移走的文字</w:t></w:r></w:moveFrom>\
            <w:moveTo w:id="6" w:author="a"><w:r><w:t>移来的文字。</w:t></w:r></w:moveTo></w:p>
            """
        let document = try DOCXFixture.readRaw(body: body)
        #expect(document.outline.map(\.text) == ["第一章 现在是标题"])
        #expect(DOCXFixture.bodyTexts(document) == ["原来是标题", "第一章 现在是标题", "正文。插入的文字。移来的文字。"])
    }

    @Test func textBoxIsReadOnceWithItsHeadings() throws {
        let document = try DOCXFixture.read(
            DocxSpec(
                numbering: .chapters,
                blocks: [
                    .heading("项目概述"), .paragraph("正文。"),
                    BlockSpec(type: .textBox, blocks: [.heading("数据资源目录", level: 2), .paragraph("文本框里的资源目录说明。")]),
                    .paragraph("后续正文。"),
                ]))
        let boxed = document.blocks.filter { $0.part == .textBox }
        #expect(boxed.map(\.text) == ["1.1 数据资源目录", "文本框里的资源目录说明。"])
        #expect(document.blocks.filter { $0.text.contains("资源目录说明") }.count == 1)
        #expect(boxed.first?.heading?.level == 2)
    }

    @Test func vmlFallbackIsReadWhenThereIsNoDrawingMLChoice() throws {
        let body = """
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:t>新版文字</w:t></mc:Choice>\
            <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>旧版文本框</w:t></w:r></w:p></w:txbxContent>\
            </v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            """
        let document = try DOCXFixture.readRaw(body: body)
        #expect(document.blocks.map(\.text) == ["旧版文本框"])
        #expect(document.blocks.first?.part == .textBox)
    }

    @Test func headersFootersNotesAndCommentsAreNotBody() throws {
        let document = try DOCXFixture.read(
            DocxSpec(
                header: "某某区智慧城市项目可行性研究报告", footer: "第 1 页",
                blocks: [
                    .heading("项目概述"),
                    BlockSpec(type: .paragraph, text: "正文内容。", footnote: "数据来源：统计年鉴", comment: "缺少密码应用方案"),
                ]))
        func parts(containing text: String) -> [DocumentPart] {
            document.blocks.filter { $0.text.contains(text) }.map(\.part)
        }
        #expect(parts(containing: "可行性研究报告") == [.header])
        #expect(parts(containing: "第 1 页") == [.footer])
        #expect(parts(containing: "统计年鉴") == [.footnote])
        #expect(parts(containing: "密码应用方案") == [.comment])
        #expect(DOCXFixture.bodyTexts(document) == ["项目概述", "正文内容。"])
    }

    @Test func tablesKeepSpansAndVerticalMerges() throws {
        let document = try DOCXFixture.read(
            DocxSpec(blocks: [
                .table([
                    ["资源名称", "提供单位", "<<", "更新频率"],
                    ["人口库", "公安局", "民政局", "每日"],
                    ["^^", "卫健委", "医保局", "每月"],
                ])
            ]))
        let block = try #require(document.blocks.first { $0.kind == .table })
        let table = try #require(block.table)
        #expect(table.headerRow == ["资源名称", "提供单位", "更新频率"])
        #expect(table.rows[0][1].columnSpan == 2)
        #expect(table.rows[2][0].mergedFromAbove)
        #expect(table.rows[2][0].text.isEmpty)
        #expect(table.rows[1][0].text == "人口库")
        #expect(block.text.split(separator: "\n").first == "资源名称\t提供单位\t更新频率")
    }

    @Test func contentControlsNestedTablesHiddenTextAndAltChunks() throws {
        let body = """
            <w:sdt><w:sdtPr><w:alias w:val="标题"/><w:rPr><w:b/></w:rPr></w:sdtPr><w:sdtContent>\
            \(DOCXFixture.paragraph("资源使用清单", style: "Heading1"))</w:sdtContent></w:sdt>\
            <w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>行内控件文字</w:t></w:r></w:sdtContent></w:sdt>\
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r></w:p>\
            <w:tbl><w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>服务器</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt>\
            <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内层甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内层乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p/></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>\
            <w:altChunk r:id="rIdChunk"/>
            """
        let document = try DOCXFixture.readRaw(body: body)
        #expect(document.outline.map(\.text) == ["第一章 资源使用清单"])
        #expect(DOCXFixture.bodyTexts(document).contains("行内控件文字"))
        #expect(!document.blocks.contains { $0.text.contains("隐藏文字") })
        let table = try #require(document.blocks.first { $0.kind == .table }?.table)
        #expect(table.rows.count == 1)
        #expect(table.rows[0].map(\.text) == ["服务器", "内层甲\t内层乙"])
        #expect(document.warnings.contains { $0.contains("altChunk") })
    }
}
