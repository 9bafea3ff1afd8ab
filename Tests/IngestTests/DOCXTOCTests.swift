import DOCXWriter
import DocumentModel
import Foundation
import Ingest
import Testing

@Suite struct DOCXTOCTests {
    static func spec(_ kind: TOCKind, numbering: NumberingPreset = .chapters, manualHeadings: Bool = false) -> DocxSpec {
        let style: HeadingStyleKind = manualHeadings ? .manual : .builtin
        let first = manualHeadings ? "第一章 项目概述" : "项目概述"
        let second = manualHeadings ? "第二章 需求分析" : "需求分析"
        let sub = manualHeadings ? "2.1 业务需求" : "业务需求"
        return DocxSpec(
            numbering: manualHeadings ? NumberingPreset.none : numbering,
            blocks: [
                .paragraph("某某区智慧城市项目可行性研究报告"),
                BlockSpec(type: .toc, toc: kind, extraEntries: ["第九章 密码应用方案"]),
                .heading(first, level: 1, style: style), .paragraph("本章介绍项目。"),
                .heading(second, level: 1, style: style), .paragraph("本章分析需求。"),
                .heading(sub, level: 2, style: style), .paragraph("业务需求正文。"),
            ])
    }

    func check(_ document: Document, _ label: String) {
        #expect(document.error == nil, "\(label)")
        let outline = document.outline.compactMap(\.heading)
        #expect(outline.map(\.display) == ["第一章 项目概述", "第二章 需求分析", "2.1 业务需求"], "\(label)")
        let entries = document.toc.map { $0.number.isEmpty ? $0.title : "\($0.number) \($0.title)" }
        #expect(entries == ["第一章 项目概述", "第二章 需求分析", "2.1 业务需求", "第九章 密码应用方案"], "\(label)")
        #expect(document.toc.allSatisfy { $0.printedPage != nil }, "\(label)")
        // The stale entry is listed but is no section, and no TOC line leaks into the blocks.
        #expect(!document.blocks.contains { $0.text.contains("密码应用方案") }, "\(label)")
        #expect(document.blocks.filter { $0.text.contains("项目概述") }.count == 1, "\(label)")
    }

    @Test func tocFieldInsideContentControl() throws {
        let document = try DOCXFixture.read(Self.spec(.field))
        check(document, "field")
        #expect(document.toc.first?.level == 1)
        #expect(document.toc[2].level == 2)
    }

    @Test func bareTOCFieldWithoutStylesOrControl() throws {
        check(try DOCXFixture.read(Self.spec(.fieldOnly)), "field-only")
    }

    @Test func typedTOCWithDotLeaders() throws {
        let document = try DOCXFixture.read(Self.spec(.manual, manualHeadings: true))
        check(document, "manual")
        #expect(document.toc.first?.printedPage == 5)
    }

    @Test func fldSimpleTOCAndTabbedTypedLines() throws {
        let body = """
            <w:p><w:fldSimple w:instr=" TOC \\o &quot;1-3&quot; "><w:r><w:t>第一章 项目概述</w:t></w:r><w:r><w:tab/><w:t>3</w:t></w:r></w:fldSimple></w:p>\
            <w:p><w:r><w:t>第二章 需求分析</w:t></w:r><w:r><w:tab/><w:t>7</w:t></w:r></w:p>\
            \(DOCXFixture.paragraph("项目概述", style: "Heading1"))\(DOCXFixture.paragraph("正文。"))
            """
        let document = try DOCXFixture.readRaw(body: body)
        #expect(document.toc.map(\.title) == ["项目概述", "需求分析"])
        #expect(document.toc.map(\.printedPage) == [3, 7])
        #expect(document.outline.map(\.text) == ["第一章 项目概述"])
    }
}
