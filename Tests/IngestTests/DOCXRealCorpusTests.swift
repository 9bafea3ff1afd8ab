import DocumentModel
import Foundation
import Ingest
import Testing
import TestSupport

/// Real public documents from ../shared/corpus-real (never copied into the project).
@Suite struct DOCXRealCorpusTests {
    static func corpusDOCX() -> [URL] {
        guard let shared = TestPaths.sharedFolder else { return [] }
        let root = shared.appendingPathComponent("corpus-real")
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension.lowercased() == "docx" }
            .sorted { $0.path < $1.path }
    }

    @Test func everyRealDOCXReadsWithoutError() throws {
        let files = Self.corpusDOCX()
        guard !files.isEmpty else {
            print("skipped: ../shared/corpus-real is not available beside the checkout")
            return
        }
        for file in files {
            let data = try Data(contentsOf: file)
            let document = DOCXReader.read(data: data, displayPath: file.lastPathComponent, limits: .default)
            #expect(document.error == nil, "\(file.lastPathComponent): \(String(describing: document.error))")
            #expect(!document.blocks.filter { $0.part == .body }.isEmpty, "\(file.lastPathComponent) has no body text")
        }
    }

    @Test func shunyiOutlineUsesAutomaticNumbersAndKeepsTOCApart() throws {
        guard let file = Self.corpusDOCX().first(where: { $0.lastPathComponent.hasPrefix("顺义区数据和智慧城市底座") }) else {
            print("skipped: the 顺义 DOCX of ../shared/corpus-real is not available")
            return
        }
        let document = DOCXReader.read(data: try Data(contentsOf: file), displayPath: file.lastPathComponent, limits: .default)
        #expect(document.error == nil)
        let outline = document.outline.compactMap(\.heading)
        if ProcessInfo.processInfo.environment["GAPCHECK_DUMP"] != nil {
            for h in outline.prefix(80) { print("H\(h.level) [\(h.number)] \(h.title) \(h.numbering)") }
            for t in document.toc.prefix(20) { print("TOC \(t.level ?? 0) [\(t.number)] \(t.title) p\(t.printedPage ?? -1)") }
            print("blocks \(document.blocks.count) toc \(document.toc.count) pages \(String(describing: document.pageCount))")
        }
        try #require(outline.count >= 2)
        #expect(outline[0].display == "第一章 项目概述")
        #expect(outline[0].numbering == .automatic)
        #expect(outline[1].display == "1.1 项目名称")
        #expect(outline.contains { $0.display == "4.5 安全需求分析" })
        #expect(!document.toc.isEmpty)
        // TOC lines are claims, not sections: the first heading comes after them and none of them is a block.
        let tocTitles = Set(document.toc.map(\.title))
        #expect(tocTitles.contains("项目概述"))
        #expect(document.blocks.filter { $0.part == .body && $0.kind != .heading }.allSatisfy { !$0.text.contains("……") })
    }

    @Test func outlineDesignNumbersStartAtItsFirstChapter() throws {
        guard let file = Self.corpusDOCX().first(where: { $0.lastPathComponent.contains("概要设计说明书") }) else {
            print("skipped: the 概要设计说明书 DOCX of ../shared/corpus-real is not available")
            return
        }
        let document = DOCXReader.read(data: try Data(contentsOf: file), displayPath: file.lastPathComponent, limits: .default)
        let outline = document.outline.compactMap(\.heading)
        try #require(outline.count >= 90)
        // The 目录 heading closes its own section and takes no number: the first chapter is 第一章, not 第二章.
        #expect(outline[0].display == "第一章 综述")
        #expect(outline[1].display == "1.1 编制目的")
        #expect(!outline.contains { $0.title == "目录" })
    }
}
