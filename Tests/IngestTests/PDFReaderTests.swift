import DocumentModel
import Foundation
import Structure
import TestSupport
import Testing
@testable import Ingest

/// PDFs made by Fixtures/make-pdf-fixtures.sh (LibreOffice, qpdf), read through poppler for real.
enum PDFFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pdf")

    static func read(_ name: String) throws -> Document {
        let url = folder.appendingPathComponent(name)
        let documents = Ingestor.ingest(file: url, displayPath: name)
        try #require(documents.count == 1)
        return documents[0]
    }
}

extension Document {
    var bodyBlocks: [Block] { blocks.filter { $0.part == .body } }

    func heading(_ display: String) -> Block? {
        outline.first { $0.heading?.display == display }
    }

    func bodyMentions(_ phrase: String) -> Bool {
        let key = TextNormalizer.matchKey(phrase)
        return bodyBlocks.contains { TextNormalizer.matchKey($0.text).contains(key) }
    }
}

@Suite struct PDFReaderTests {
    @Test func bookmarksVerifiedAgainstPageText() throws {
        let document = try PDFFixtures.read("outline.pdf")
        #expect(document.error == nil)
        #expect(document.format == .pdf)
        #expect(document.pageCount == 3)
        let chapter = try #require(document.heading("第八章 密码应用方案"))
        #expect(chapter.heading?.level == 1)
        #expect(chapter.heading?.source == .outline)
        #expect(chapter.location.page == 3)
        let sub = try #require(document.heading("8.1 密码应用需求"))
        #expect(sub.heading?.level == 2)
        #expect(document.outline.count == 6)
        #expect(document.outline.allSatisfy { $0.heading?.source == .outline })
        // The section owns the paragraph under it.
        let tree = SectionTree(document: document)
        let section = try #require(tree.sections.first { $0.heading.title == "密码应用需求" })
        #expect(document.blocks[section.ownBody].contains { $0.text.contains("商用密码应用安全性评估") })
        #expect(section.path == ["第八章 密码应用方案", "8.1 密码应用需求"])
    }

    @Test func bookmarkNotOnItsPageIsDropped() throws {
        let document = try PDFFixtures.read("stale-bookmark.pdf")
        #expect(document.error == nil)
        #expect(document.outline.count == 5)
        #expect(!document.outline.contains { $0.text.contains("数据资源目录") || $0.heading?.title == "数据资源目录" })
        #expect(!document.bodyMentions("数据资源目录"))
        #expect(document.warnings.contains { $0.contains("1 of 6 bookmarks") })
        // The line the bookmark used to point at is still there, as body text.
        #expect(document.bodyBlocks.contains { $0.kind == .paragraph && $0.text == "8.1 密码应用需求" })
    }

    @Test func taggedStructureHeadings() throws {
        let document = try PDFFixtures.read("tagged.pdf")
        #expect(document.error == nil)
        let displays = document.outline.compactMap { $0.heading.map { "\($0.level) \($0.title) \($0.source.rawValue)" } }
        #expect(displays == ["1 项目概况 style", "2 运维目标 style", "1 密码应用方案 style"])
    }

    @Test func doubleDecodedStructureTextIsRepaired() {
        #expect(PDFDocEncoding.repair("é¡¹çł®æ¦‡åƒµ") == "项目概况")
        #expect(PDFDocEncoding.repair("项目概况") == "项目概况")
        #expect(PDFDocEncoding.repair("Café") == "Café")  // not valid UTF-8 once re-encoded: kept
    }

    @Test func metadataFromTheInfoDictionary() throws {
        let document = try PDFFixtures.read("outline.pdf")
        #expect(document.metadata.title == "某市政务数据共享平台可行性研究报告")
        #expect(document.metadata.author == "测试编制单位")
        #expect(document.metadata.created?.hasPrefix("20") == true)
    }

    @Test func headingFontsWithoutBookmarks() throws {
        let document = try PDFFixtures.read("fonts.pdf")
        #expect(document.error == nil)
        let chapter = try #require(document.heading("第一章 项目概况"))
        #expect(chapter.heading?.level == 1)
        #expect(chapter.heading?.source == .pattern)
        #expect(chapter.location.page == 2)
        #expect(document.heading("1.1 建设单位")?.heading?.level == 2)
        #expect(document.heading("3.1 估算依据")?.heading?.level == 2)
        #expect(document.heading("第三章 投资估算")?.heading?.level == 1)
        // Years and amounts at a line start stay body text.
        #expect(document.bodyBlocks.contains { $0.kind == .paragraph && $0.text.hasPrefix("2023") })
        #expect(!document.outline.contains { $0.text.hasPrefix("2023") })
    }

    @Test func tocPageIsAClaimNotABody() throws {
        let document = try PDFFixtures.read("fonts.pdf")
        let entry = try #require(document.toc.first { $0.title == "数据资源目录" })
        #expect(entry.number == "第二章")
        #expect(entry.printedPage == 3)
        #expect(entry.location.page == 1)
        #expect(entry.level == 1)
        #expect(document.toc.count == 4)
        #expect(document.toc.first { $0.title == "建设单位" }?.level == 2)
        #expect(!document.bodyMentions("数据资源目录"))
        #expect(!SectionTree(document: document).sections.contains { $0.heading.title.contains("数据资源目录") })
        #expect(!document.blocks.contains { $0.text == "目录" })
        // The cover title above the 目录 heading is not a TOC entry.
        #expect(!document.toc.contains { $0.title.contains("建议书") })
    }

    @Test func gongwenHeadingsBySameSizeFamily() throws {
        let document = try PDFFixtures.read("gongwen.pdf")
        #expect(document.error == nil)
        let displays = document.outline.compactMap { $0.heading.map { "\($0.level) \($0.number)\($0.title)" } }
        #expect(displays == ["1 一、总体要求", "2 （一）建设目标", "2 （二）建设原则", "1 二、密码应用方案", "1 三、保障措施"])
    }

    @Test func letterSpacedHeadingMatchesNormalised() throws {
        let document = try PDFFixtures.read("gongwen.pdf")
        let spaced = try #require(document.outline.first { $0.heading?.number == "二、" })
        // Extracted with gaps between the glyphs; the match key closes them.
        #expect(spaced.text.contains(" "))
        #expect(TextNormalizer.matchKey(spaced.text).contains("密码应用方案"))
        #expect(spaced.heading?.title == "密码应用方案")
    }

    @Test func paragraphsRebuiltFromLines() throws {
        let document = try PDFFixtures.read("gongwen.pdf")
        let paragraphs = document.bodyBlocks.filter { $0.kind == .paragraph }
        #expect(paragraphs.count == 5)
        let first = try #require(paragraphs.first)
        #expect(first.text.hasPrefix("本项目依据国家和省市"))
        #expect(first.text.hasSuffix("跨部门协同能力。"))
        // CJK lines join without a space.
        #expect(first.text.contains("智慧城市建设的实际需要"))
        #expect(!first.text.contains(" "))
        // A heading line never merges with the body under it.
        #expect(!paragraphs.contains { $0.text.contains("建设目标") })
    }

    @Test func runningHeaderIsNotEvidence() throws {
        let document = try PDFFixtures.read("running-header.pdf")
        #expect(document.error == nil)
        #expect(document.pageCount == 4)
        let headers = document.blocks.filter { $0.part == .header }
        #expect(headers.count == 4)
        #expect(headers.allSatisfy { $0.text.contains("密码应用方案") })
        #expect(Set(headers.compactMap(\.location.page)) == [1, 2, 3, 4])
        #expect(document.blocks.filter { $0.part == .footer }.count == 4)
        #expect(!document.bodyMentions("密码应用方案"))
        #expect(!SectionTree(document: document).sections.contains { $0.heading.title.contains("密码") })
        #expect(document.outline.count == 4)
    }

    @Test func scannedPageListed() throws {
        let document = try PDFFixtures.read("scanned-page.pdf")
        #expect(document.error == nil)
        #expect(document.pageCount == 2)
        #expect(document.pagesWithoutText == [2])
        #expect(document.heading("第一章 项目概况") != nil)
    }

    @Test func scannedOnlyHasNoTextLayer() throws {
        let document = try PDFFixtures.read("scanned-only.pdf")
        #expect(document.error?.kind == .noTextLayer)
        #expect(document.pagesWithoutText == [1])
        #expect(document.blocks.isEmpty)
    }

    @Test func userPasswordIsEncrypted() throws {
        let document = try PDFFixtures.read("encrypted.pdf")
        #expect(document.error?.kind == .encrypted)
        #expect(document.format == .pdf)
        #expect(document.blocks.isEmpty)
    }

    @Test func ownerPasswordOnlyStillReads() throws {
        let document = try PDFFixtures.read("owner-only.pdf")
        #expect(document.error == nil)
        #expect(document.heading("第八章 密码应用方案") != nil)
    }

    @Test func truncatedIsCorrupt() throws {
        let document = try PDFFixtures.read("truncated.pdf")
        #expect(document.error?.kind == .corrupt)
        #expect(document.format == .pdf)
    }

    @Test func htmlNamedPDFIsCorruptNotACrash() throws {
        let html = Data("<!DOCTYPE html><html><head><title>报告</title></head><body>可行性研究报告</body></html>".utf8)
        let document = PDFReader.read(data: html, displayPath: "报告.pdf", limits: .default)
        #expect(document.error?.kind == .corrupt)
        let viaIngest = Ingestor.ingest(data: html, displayPath: "报告.pdf")
        #expect(viaIngest.first?.error?.kind == .corrupt)
    }

    @Test func zeroBytesStraightToPoppler() {
        let document = PDFReader.read(data: Data(), displayPath: "空.pdf", limits: .default)
        #expect(document.error?.kind == .corrupt)
    }

    @Test func pageLimitIsAWarning() throws {
        var limits = IngestLimits()
        limits.maxPages = 1
        let data = try Data(contentsOf: PDFFixtures.folder.appendingPathComponent("running-header.pdf"))
        let document = PDFReader.read(data: data, displayPath: "running-header.pdf", limits: limits)
        #expect(document.pageCount == 4)
        #expect(document.outline.count == 1)
        #expect(document.warnings.contains { $0.contains("page limit") })
    }

    @Test func garbageTextJudgement() {
        #expect(!TextLayerQuality.isGarbage("第一章 总论 Project 2024"))
        #expect(TextLayerQuality.isGarbage("\u{E001}\u{E002}\u{E003}\u{FFFD}\u{E004}"))
        // CIDs emitted as code points: scattered scripts, none of them CJK or ASCII.
        #expect(TextLayerQuality.isGarbage("ȃȄȅȆȇȈȉȊȋȌ"))
    }
}

@Suite struct PDFCorpusTests {
    @Test(
        .enabled(if: TestPaths.sharedFolder != nil, "skipped: ../shared/corpus-real is not available beside the checkout"),
        arguments: ["北京市政府采购公开招标示范文本.pdf", "浙江政府采购_服务类.pdf"])
    func realProcurementPDFs(name: String) throws {
        let shared = try #require(TestPaths.sharedFolder)
        let url = shared.appendingPathComponent("corpus-real/charlotty2026__bid-toolkit/\(name)")
        let documents = Ingestor.ingest(file: url, displayPath: name)
        let document = try #require(documents.first)
        #expect(document.error == nil)
        #expect((document.pageCount ?? 0) > 50)
        #expect(!document.outline.isEmpty)
        #expect(document.bodyBlocks.count > 100)
        #expect(document.outline.contains { $0.heading?.display.hasPrefix("第一章") == true })
        // Both print a 目录 page: its chapters are claims, set apart from the body.
        #expect(document.toc.contains { $0.number == "第二章" })
        #expect(document.blocks.contains { $0.part == .footer || $0.part == .header })
    }
}

@Suite struct PDFWarmUpTests {
    @Test func warmUpReadsItsProbePage() {
        #expect(PDFReader.warmUp())
    }
}
