import DOCXWriter
import DocumentModel
import Foundation
@testable import Ingest
import Testing

@Suite struct DOCXNumberingTests {
    @Test func chapterNumberExistsOnlyInNumberingXML() throws {
        var blocks: [BlockSpec] = []
        for title in ["项目概述", "项目单位概况", "需求分析", "总体设计", "数据资源", "安全设计", "运维方案", "密码应用方案"] {
            blocks.append(.heading(title, level: 1))
            blocks.append(.paragraph("本章说明\(title)的有关内容。"))
        }
        blocks.append(.heading("密码应用需求", level: 2))
        blocks.append(.paragraph("按照密码应用要求建设。"))
        blocks.append(.heading("密评要求", level: 3))
        blocks.append(.paragraph("正文。"))
        // Localized style ids ("1" named "heading 1"): the level is linked only through w:lvl/w:pStyle.
        let document = try DOCXFixture.read(DocxSpec(styleIds: .localized, numbering: .chapters, blocks: blocks))
        #expect(document.error == nil)
        let outline = document.outline.compactMap(\.heading)
        #expect(outline.count == 10)
        let eighth = outline[7]
        #expect(eighth.number == "第八章")
        #expect(eighth.title == "密码应用方案")
        #expect(eighth.level == 1)
        #expect(eighth.numbering == .automatic)
        #expect(eighth.source == .style)
        #expect(document.outline[7].text == "第八章 密码应用方案")
        // isLgl: inherited chapter numbers print as decimals.
        #expect(outline[8].display == "8.1 密码应用需求")
        #expect(outline[8].level == 2)
        #expect(outline[9].display == "8.1.1 密评要求")
    }

    static let twoLevelAbstract = """
        <w:abstractNum w:abstractNumId="0">\
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1、"/><w:pStyle w:val="Heading1"/></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:suff w:val="nothing"/><w:lvlText w:val="%2"/></w:lvl>\
        </w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        """

    @Test func ideographTraditionalAndEnclosedCircleFormats() throws {
        let body = [
            DOCXFixture.paragraph("建设背景", style: "Heading1", numId: 1),
            DOCXFixture.paragraph("正文。"),
            DOCXFixture.paragraph("建设目标", style: "Heading1", numId: 1),
            DOCXFixture.paragraph("总体目标", style: "Heading2", numId: 1, ilvl: 1),
            DOCXFixture.paragraph("阶段目标", style: "Heading2", numId: 1, ilvl: 1),
            DOCXFixture.paragraph("正文。"),
        ].joined()
        let document = try DOCXFixture.readRaw(body: body, numbering: Self.twoLevelAbstract)
        let outline = document.outline.compactMap(\.heading)
        #expect(outline.map(\.number) == ["甲、", "乙、", "①", "②"])
        #expect(document.outline[2].text == "①总体目标")
    }

    @Test func startOverrideRestartsAndHigherLevelsRestartLowerOnes() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="5">\
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>\
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>\
            </w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>\
            <w:num w:numId="2"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            """
        let body = [
            DOCXFixture.paragraph("甲", style: "Heading1", numId: 1, ilvl: 0),
            DOCXFixture.paragraph("甲一", style: "Heading2", numId: 1, ilvl: 1),
            DOCXFixture.paragraph("甲二", style: "Heading2", numId: 1, ilvl: 1),
            DOCXFixture.paragraph("乙", style: "Heading1", numId: 1, ilvl: 0),
            DOCXFixture.paragraph("乙一", style: "Heading2", numId: 1, ilvl: 1),
            DOCXFixture.paragraph("重新开始", style: "Heading1", numId: 2, ilvl: 0),
            DOCXFixture.paragraph("继续", style: "Heading1", numId: 2, ilvl: 0),
            DOCXFixture.paragraph("正文。"),
        ].joined()
        let document = try DOCXFixture.readRaw(body: body, numbering: numbering)
        #expect(document.outline.compactMap(\.heading).map(\.number) == ["1.", "1.1", "1.2", "2.", "2.1", "1.", "2."])
    }

    @Test func numIdZeroRemovesInheritedNumbering() throws {
        let document = try DOCXFixture.read(
            DocxSpec(
                numbering: .chapters,
                blocks: [
                    .heading("项目概述"), .paragraph("正文。"),
                    BlockSpec(type: .heading, text: "附件", level: 1, style: .builtin, numbered: false), .paragraph("正文。"),
                    .heading("需求分析"), .paragraph("正文。"),
                ]))
        let outline = document.outline.compactMap(\.heading)
        #expect(outline.map(\.display) == ["第一章 项目概述", "附件", "第二章 需求分析"])
        #expect(outline[1].numbering == .none)
    }

    @Test func officialPresetNumbersLikeGovernmentDocuments() throws {
        let document = try DOCXFixture.read(
            DocxSpec(
                styleIds: .wps, numbering: .official,
                blocks: [
                    .heading("项目概况"), .heading("建设单位", level: 2), .paragraph("正文。"), .heading("建设内容", level: 2),
                    .heading("应用系统", level: 3), .paragraph("正文。"), .heading("需求分析"), .paragraph("正文。"),
                ]))
        #expect(document.outline.map(\.text) == ["一、项目概况", "（一）建设单位", "（二）建设内容", "1. 应用系统", "二、需求分析"])
        #expect(document.outline.compactMap(\.heading).map(\.level) == [1, 2, 2, 3, 1])
    }

    @Test func numberFormatsRenderAsWordShowsThem() {
        #expect(NumberFormat.render(8, format: "chineseCounting") == "八")
        #expect(NumberFormat.render(11, format: "chineseCounting") == "十一")
        #expect(NumberFormat.render(20, format: "chineseCountingThousand") == "二十")
        #expect(NumberFormat.render(101, format: "chineseCountingThousand") == "一百零一")
        #expect(NumberFormat.render(10, format: "ideographDigital") == "一〇")
        #expect(NumberFormat.render(3, format: "chineseLegalSimplified") == "叁")
        #expect(NumberFormat.render(12, format: "chineseLegalSimplified") == "拾贰")
        #expect(NumberFormat.render(2, format: "ideographTraditional") == "乙")
        #expect(NumberFormat.render(20, format: "decimalEnclosedCircle") == "⑳")
        #expect(NumberFormat.render(21, format: "decimalEnclosedCircle") == "21")
        #expect(NumberFormat.render(3, format: "decimalEnclosedCircleChinese") == "③")
        #expect(NumberFormat.render(12, format: "decimalFullWidth") == "１２")
        #expect(NumberFormat.render(14, format: "upperRoman") == "XIV")
        #expect(NumberFormat.render(4, format: "lowerRoman") == "iv")
        #expect(NumberFormat.render(28, format: "upperLetter") == "BB")
        #expect(NumberFormat.render(2, format: "lowerLetter") == "b")
        #expect(NumberFormat.render(5, format: "none") == "")
    }

    @Test func bulletListsAreListItemsNotHeadings() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl></w:abstractNum>\
            <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>\
            <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
            """
        let body = [
            DOCXFixture.paragraph("要点甲", numId: 3, ilvl: 0),
            DOCXFixture.paragraph("系统应当支持统一身份认证，并与市级平台对接，满足等级保护三级的要求。", numId: 4, ilvl: 0),
            DOCXFixture.paragraph("正文。"),
        ].joined()
        let document = try DOCXFixture.readRaw(body: body, numbering: numbering)
        #expect(document.outline.isEmpty)
        #expect(document.blocks[1].kind == .listItem)
        #expect(document.blocks[1].text.hasPrefix("1. 系统应当支持"))
    }
}
