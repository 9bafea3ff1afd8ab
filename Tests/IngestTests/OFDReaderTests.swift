import DocumentModel
import Foundation
import Testing
import TestSupport

@testable import Ingest

/// OFD packages written by TestSupport's OFDWriter, read back.
enum OFDFixture {
    static func read(_ spec: OFDSpec, limits: IngestLimits = .default, name: String = "fixture.ofd") throws -> Document {
        OFDReader.read(data: try OFDWriter.data(spec), displayPath: name, limits: limits)
    }

    static func body(_ document: Document, page: Int? = nil) -> [Block] {
        document.blocks.filter { $0.part == .body && (page == nil || $0.location.page == page) }
    }

    /// The body text of a page as one string, blocks joined without separators (as matching sees it).
    static func bodyText(_ document: Document, page: Int) -> String {
        body(document, page: page).map(\.text).joined()
    }

    static let scanPNG = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ofd/scan.png")

    /// A two-page report: a template page with a running title and a footer line, headings in 黑体 and bold,
    /// body lines drawn out of order, text nested three PageBlocks deep, two runs on one baseline, and an outline.
    static var report: OFDSpec {
        var spec = OFDSpec(pages: [
            OFDSpec.Page(
                [
                    // Drawn bottom-up: reading order must come from the coordinates.
                    .text(.init("第二段正文在第一段之后。", y: 70)),
                    .text(.init("第一段正文，说明项目的建设背景和必要", y: 55)),
                    .text(.init("性，以及与上位规划的关系。", y: 62)),
                    .text(.init("第一章 项目概述", y: 40, font: "heading", weight: 700)),
                    OFDWriter.nested(3, [
                        .text(.init("1.1 项目背景", y: 85, font: "heading", weight: 700)),
                        .block([
                            .text(.init("本项目", y: 97)),
                            // Same baseline, drawn as a separate object right after the first run.
                            .text(.init("依据国家政务信息化规划建设。", x: 25 + 3 * 5.6, y: 97)),
                        ]),
                    ]),
                ], templates: ["running"]),
            OFDSpec.Page(
                [
                    .block([.text(.init("第二章 建设方案", y: 40, font: "heading", weight: 700))]),
                    .text(.init("建设内容包括数据共享交换平台。", y: 55, deltaX: "5.6 5.6 g 12 5.6")),
                ], templates: ["running"]),
        ])
        spec.templates["running"] = [
            .text(.init("某市智慧交通项目可行性研究报告", x: 60, y: 15, size: 3.7)),
            .text(.init("某市大数据局 内部资料", x: 80, y: 285, size: 3.7)),
        ]
        spec.outline = [
            .init("第一章 项目概述", page: 0, children: [.init("1.1 项目背景", page: 0)]),
            .init("第二章 建设方案", page: 1),
        ]
        spec.title = "某市智慧交通项目可行性研究报告"
        spec.author = "某市大数据局"
        spec.created = "2024-03-01"
        spec.modified = "D:20240305101500+08'00'"
        return spec
    }
}

@Suite struct OFDReaderTests {
    @Test func reportReadsBackInReadingOrder() throws {
        let document = try OFDFixture.read(OFDFixture.report)
        #expect(document.error == nil)
        #expect(document.format == .ofd)
        #expect(document.pageCount == 2)
        let page1 = OFDFixture.body(document, page: 1).map(\.text)
        #expect(page1 == [
            "第一章 项目概述", "第一段正文，说明项目的建设背景和必要性，以及与上位规划的关系。", "第二段正文在第一段之后。",
            "1.1 项目背景", "本项目依据国家政务信息化规划建设。",
        ])
        #expect(OFDFixture.body(document, page: 2).map(\.text) == ["第二章 建设方案", "建设内容包括数据共享交换平台。"])
        #expect(document.pagesWithoutText.isEmpty)
    }

    @Test func templatePageTextIsKeptApartAsHeaderAndFooter() throws {
        let document = try OFDFixture.read(OFDFixture.report)
        for page in [1, 2] {
            let onPage = document.blocks.filter { $0.location.page == page }
            #expect(onPage.first?.part == .header)
            #expect(onPage.first?.text == "某市智慧交通项目可行性研究报告")
            #expect(onPage.last?.part == .footer)
            #expect(onPage.last?.text == "某市大数据局 内部资料")
        }
        #expect(!OFDFixture.body(document).contains { $0.text.contains("可行性研究报告") })
    }

    @Test func outlineGivesHeadingsWithLevelsAndPages() throws {
        let document = try OFDFixture.read(OFDFixture.report)
        let outline = document.outline
        #expect(outline.map(\.text) == ["第一章 项目概述", "1.1 项目背景", "第二章 建设方案"])
        #expect(outline.compactMap(\.heading).map(\.level) == [1, 2, 1])
        #expect(outline.compactMap(\.heading).map(\.source) == [.outline, .outline, .outline])
        #expect(outline.map(\.location.page) == [1, 1, 2])
        #expect(outline.first?.heading?.number == "第一章")
        #expect(outline.first?.heading?.title == "项目概述")
    }

    @Test func metadataFromDocInfo() throws {
        let document = try OFDFixture.read(OFDFixture.report)
        #expect(document.metadata.title == "某市智慧交通项目可行性研究报告")
        #expect(document.metadata.author == "某市大数据局")
        #expect(document.metadata.created == "2024-03-01")
        #expect(document.metadata.modified == "2024-03-05T10:15:00+08:00")
    }

    @Test func withoutOutlineHeadingsComeFromNumberingAndWeight() throws {
        var spec = OFDFixture.report
        spec.outline = []
        let document = try OFDFixture.read(spec)
        let headings = document.outline.compactMap(\.heading)
        #expect(headings.map(\.display) == ["第一章 项目概述", "1.1 项目背景", "第二章 建设方案"])
        #expect(headings.allSatisfy { $0.source == .pattern })
        #expect(headings.map(\.level) == [1, 2, 1])
    }

    @Test func gongwenHeadingInHeiTiAtBodySize() throws {
        // 公文: the level-1 heading differs from the 仿宋 body only by its 黑体 face.
        let spec = OFDSpec(pages: [
            OFDSpec.Page([
                .text(.init("关于某系统建设的请示", x: 50, y: 40, size: 7.7, font: "title")),
                .text(.init("一、总体要求", x: 36, y: 60, font: "heading")),
                .text(.init("按照有关要求，现将某系统建设的有关情况", x: 36, y: 70)),
                .text(.init("报告如下。", y: 80)),
                .text(.init("二、建设内容", x: 36, y: 95, font: "heading")),
                .text(.init("建设数据共享交换平台和统一身份认证系统。", x: 36, y: 105)),
            ])
        ])
        let document = try OFDFixture.read(spec)
        let headings = document.outline.compactMap(\.heading)
        #expect(headings.map(\.title) == ["总体要求", "建设内容"])
        #expect(headings.map(\.number) == ["一、", "二、"])
        #expect(headings.allSatisfy { $0.level == 1 && $0.source == .pattern })
    }

    @Test func tocPageBecomesTOCEntries() throws {
        let spec = OFDSpec(pages: [
            OFDSpec.Page([
                .text(.init("目 录", x: 95, y: 30)),
                .text(.init("第一章 项目概述……………………………1", y: 45)),
                .text(.init("第二章 建设方案……………………………5", y: 55)),
                .text(.init("第三章 密码应用方案………………………9", y: 65)),
            ]),
            OFDSpec.Page([
                .text(.init("第一章 项目概述", y: 40, font: "heading", weight: 700)),
                .text(.init("项目概述的正文。", y: 55)),
            ]),
        ])
        let document = try OFDFixture.read(spec)
        #expect(document.toc.map(\.title) == ["项目概述", "建设方案", "密码应用方案"])
        #expect(document.toc.map(\.printedPage) == [1, 5, 9])
        #expect(!OFDFixture.body(document).contains { $0.text.contains("密码应用方案") })
    }

    @Test func columnsOfProseAreReadOneAfterTheOther() throws {
        let left = ["左栏第一行文字内容较长一些", "左栏第二行文字内容较长一些", "左栏第三行文字内容较长一些", "左栏第四行文字内容较长一些"]
        let right = ["右栏第一行文字内容较长一些", "右栏第二行文字内容较长一些", "右栏第三行文字内容较长一些", "右栏第四行文字内容较长一些"]
        var items: [OFDSpec.Item] = []
        for i in 0..<4 {
            items.append(.text(.init(left[i], x: 20, y: 40 + Double(i) * 8, size: 4.2)))
            items.append(.text(.init(right[i], x: 20 + 14 * 4.2 + 8, y: 40 + Double(i) * 8, size: 4.2)))
        }
        let document = try OFDFixture.read(OFDSpec(pages: [OFDSpec.Page(items)]))
        let text = OFDFixture.bodyText(document, page: 1)
        #expect(text == (left + right).joined())
    }

    @Test func tableRowsStayRows() throws {
        var items: [OFDSpec.Item] = []
        let rows = [("序号", "资源名称", "共享方式"), ("1", "人口基础信息", "无条件共享"), ("2", "法人基础信息", "有条件共享"),
                    ("3", "电子证照信息", "有条件共享"), ("4", "信用信息", "无条件共享")]
        for (i, row) in rows.enumerated() {
            let y = 40 + Double(i) * 8
            items += [.text(.init(row.0, x: 20, y: y)), .text(.init(row.1, x: 50, y: y)), .text(.init(row.2, x: 120, y: y))]
        }
        let document = try OFDFixture.read(OFDSpec(pages: [OFDSpec.Page(items)]))
        let text = OFDFixture.bodyText(document, page: 1)
        #expect(text.contains("1 人口基础信息 无条件共享"))
        #expect(text.contains("4 信用信息 无条件共享"))
    }

    @Test func glyphByGlyphPagesReadAsLines() throws {
        // Some converters draw every character as its own object, in no particular order.
        let line = "政务信息化项目建设方案应当包括密码应用方案和安全保障措施"
        var items: [OFDSpec.Item] = []
        for row in 0..<45 {
            for (i, ch) in line.enumerated().reversed() {
                items.append(.text(.init(String(ch), x: 20 + Double(i) * 5.6, y: 30 + Double(row) * 5.6)))
            }
        }
        let document = try OFDFixture.read(OFDSpec(pages: [OFDSpec.Page(items.reversed())]))
        #expect(document.error == nil)
        #expect(OFDFixture.bodyText(document, page: 1) == String(repeating: line, count: 45))
    }

    @Test func nonStandardNamespaceAndLocations() throws {
        var spec = OFDSpec(pages: [
            OFDSpec.Page([.text(.init("绝对路径的页面", y: 40))], location: "/Doc_0/Pages/Page_0/Content.xml"),
            OFDSpec.Page([.text(.init("反斜杠和大小写不同的页面", y: 40))], location: "pages\\PAGE_1\\content.xml"),
            OFDSpec.Page([.text(.init("从容器根目录写的页面", y: 40))], location: "Doc_0/Pages/Page_2/Content.xml"),
        ])
        spec.namespace = "http://www.ofdspec.org"
        spec.docRoot = "/Doc_0/Document.xml"
        let document = try OFDFixture.read(spec)
        #expect(document.error == nil)
        #expect(OFDFixture.bodyText(document, page: 1) == "绝对路径的页面")
        #expect(OFDFixture.bodyText(document, page: 2) == "反斜杠和大小写不同的页面")
        #expect(OFDFixture.bodyText(document, page: 3) == "从容器根目录写的页面")
    }

    @Test func missingPageIsFlaggedNotFatal() throws {
        let spec = OFDSpec(pages: [
            OFDSpec.Page([.text(.init("第一页的正文。", y: 40))]),
            OFDSpec.Page([.text(.init("不存在的页面", y: 40))], location: "Pages/Page_9/Content.xml"),
        ])
        let document = try OFDFixture.read(spec)
        #expect(document.error == nil)
        #expect(document.pagesWithoutText == [2])
        #expect(document.warnings.contains { $0.contains("missing") })
    }

    @Test func pageLimitReadsTheFirstPages() throws {
        var limits = IngestLimits()
        limits.maxPages = 1
        let document = try OFDFixture.read(OFDFixture.report, limits: limits)
        #expect(document.pageCount == 2)
        #expect(OFDFixture.body(document, page: 2).isEmpty)
        #expect(document.warnings.contains { $0.contains("page limit") })
    }

    @Test func ingestorDispatchesOFDByContent() throws {
        let data = try OFDWriter.data(OFDFixture.report)
        for name in ["报告.ofd", "报告.zip", "报告"] {
            let documents = Ingestor.ingest(data: data, displayPath: name)
            #expect(documents.count == 1)
            #expect(documents.first?.format == .ofd)
            #expect(documents.first?.error == nil)
            #expect(documents.first?.outline.count == 3)
        }
    }
}

@Suite struct OFDImagePageTests {
    static func scanned(_ pages: Int = 1) throws -> OFDSpec {
        var spec = OFDSpec(pages: Array(repeating: OFDSpec.Page([.image(resource: "scan", x: 0, y: 0, width: 210, height: 152)]), count: pages))
        spec.images["scan"] = .init(file: "scan.png", bytes: Array(try Data(contentsOf: OFDFixture.scanPNG)))
        return spec
    }

    @Test func imageOnlyPagesGoToOCR() throws {
        let document = try OFDFixture.read(Self.scanned())
        guard OCREngine.isAvailable else {
            #expect(document.error?.kind == .ocrUnavailable)
            #expect(document.pagesWithoutText == [1])
            print("OCR part skipped: tesseract with chi_sim is not installed")
            return
        }
        #expect(document.error == nil)
        let blocks = OFDFixture.body(document, page: 1)
        #expect(!blocks.isEmpty)
        #expect(blocks.allSatisfy { ($0.ocrConfidence ?? 0) > 50 })
        let key = TextNormalizer.matchKey(blocks.map(\.text).joined())
        // Phrases tesseract reads reliably at this resolution.
        #expect(key.contains("一、总体要求"))
        #expect(key.contains("建设目标"))
        #expect(key.contains("三百五十万元"))
        #expect(document.pagesWithoutText.isEmpty)
    }

    @Test func withOCROffImageOnlyDocumentHasNoTextLayer() throws {
        var limits = IngestLimits()
        limits.ocr = .off
        let document = try OFDFixture.read(Self.scanned(), limits: limits)
        #expect(document.error?.kind == .noTextLayer)
        #expect(document.pagesWithoutText == [1])
        #expect(document.blocks.isEmpty)
    }

    @Test func ocrPageCapLeavesTheRestFlagged() throws {
        guard OCREngine.isAvailable else {
            print("skipped: tesseract with chi_sim is not installed")
            return
        }
        var limits = IngestLimits()
        limits.maxOCRPages = 1
        let document = try OFDFixture.read(try Self.scanned(2), limits: limits)
        #expect(document.error == nil)
        #expect(!OFDFixture.body(document, page: 1).isEmpty)
        #expect(document.pagesWithoutText == [2])
        #expect(document.warnings.contains { $0.contains("OCR page limit") })
    }

    @Test func textPageWithPictureIsNotRecognised() throws {
        var spec = try Self.scanned()
        let prose = "系统总体架构分为基础设施层、数据资源层、应用支撑层和业务应用层，各层之间通过标准接口交互。"
        spec.pages[0].items.append(.text(.init(prose, y: 160)))
        spec.pages[0].items.append(.text(.init("图1 系统架构图", y: 170)))
        let document = try OFDFixture.read(spec)
        #expect(document.error == nil)
        #expect(OFDFixture.body(document).map(\.text).joined().contains("图1 系统架构图"))
        #expect(OFDFixture.body(document).allSatisfy { $0.ocrConfidence == nil })
        #expect(document.ocrPages.isEmpty)
    }

    /// A page that is one big image with only a caption or page number as text is a scan: auto recognises it, as
    /// for PDF.
    @Test func sparseTextOnAScanIsRecognised() throws {
        guard OCREngine.isAvailable else {
            print("skipped: tesseract with chi_sim is not installed")
            return
        }
        var spec = try Self.scanned()
        spec.pages[0].items.append(.text(.init("第 1 页", y: 280)))
        let document = try OFDFixture.read(spec)
        #expect(document.error == nil)
        #expect(document.ocrPages == [1])
        #expect(OFDFixture.body(document).contains { $0.ocrConfidence != nil })
    }

    @Test func forceRecognisesImagePagesAndKeepsVectorPagesText() throws {
        guard OCREngine.isAvailable else {
            print("skipped: tesseract with chi_sim is not installed")
            return
        }
        var spec = try Self.scanned()
        let prose = "系统总体架构分为基础设施层、数据资源层、应用支撑层和业务应用层，各层之间通过标准接口交互。"
        spec.pages[0].items.append(.text(.init(prose, y: 160)))
        var limits = IngestLimits()
        limits.ocr = .force
        let document = try OFDFixture.read(spec, limits: limits)
        #expect(document.error == nil)
        #expect(document.ocrPages == [1])
    }
}
