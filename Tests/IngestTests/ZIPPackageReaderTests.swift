import DOCXWriter
import DocumentModel
import Foundation
@testable import Ingest
import Testing

@Suite struct ZIPPackageReaderTests {
    /// Reads DOCX entries with the DOCX reader directly, so these tests do not depend on format sniffing.
    static func readDOCX(_ data: Data, _ path: String, _ limits: IngestLimits) -> [Document] {
        [DOCXReader.read(data: data, displayPath: path, limits: limits)]
    }

    static func docx(_ title: String) throws -> [UInt8] {
        [UInt8](try DOCXWriter(DocxSpec(numbering: .chapters, blocks: [.heading(title), .paragraph("正文。")])).data())
    }

    static func read(_ data: Data, _ path: String, limits: IngestLimits = .default) -> [Document] {
        ZIPPackageReader.read(data: data, displayPath: path, budget: ZipBudget(limits: limits), depth: 0, ingestEntry: readDOCX)
    }

    @Test func entriesAreReadInMemoryWithPackagePaths() throws {
        let data = try ZipWriter(entries: [
            .init("验收材料/", []),
            .init(name: ZIPContainerTests.gbkName, data: try Self.docx("数据资源目录")),
            .init("__MACOSX/验收材料/._a.docx", Array("junk".utf8)),
            .init("验收材料/.DS_Store", Array("junk".utf8)),
            .init("../../逃逸.docx", try Self.docx("项目概述")),
        ]).data()
        let documents = Self.read(data, "项目包.zip")
        #expect(documents.map(\.path) == ["项目包.zip!/验收材料/数据资源目录.docx", "项目包.zip!/../../逃逸.docx"])
        #expect(documents[0].error == nil)
        #expect(documents[1].error?.kind == .unsafe)
        #expect(documents[0].outline.map(\.text) == ["第一章 数据资源目录"])
    }

    @Test func entryNamesThatEscapeThePackageAreUnsafe() throws {
        let data = try ZipWriter(entries: [
            .init("a/../../x.docx", try Self.docx("项目概述")),
            .init("/etc/abs.docx", try Self.docx("项目概述")),
            .init("C:\\win.docx", try Self.docx("项目概述")),
            .init("a/ok..name.docx", try Self.docx("项目概述")),
        ]).data()
        let kinds = Self.read(data, "p.zip").map { $0.error?.kind }
        #expect(kinds == [.unsafe, .unsafe, .unsafe, nil])
    }

    @Test func nestedPackagesAreReadRecursivelyUpToTheDepthCap() throws {
        let inner = try ZipWriter(entries: [.init("c.docx", try Self.docx("密码应用方案"))]).data()
        let middle = try ZipWriter(entries: [.init("b.zip", [UInt8](inner), stored: true)]).data()
        let outer = try ZipWriter(entries: [.init("a/b.zip", [UInt8](middle)), .init("x.docx", try Self.docx("总体设计"))]).data()

        let documents = Self.read(outer, "包.zip")
        #expect(documents.map(\.path) == ["包.zip!/a/b.zip!/b.zip!/c.docx", "包.zip!/x.docx"])
        #expect(documents[0].outline.map(\.text) == ["第一章 密码应用方案"])

        var limits = IngestLimits()
        limits.maxNestingDepth = 1
        let capped = Self.read(outer, "包.zip", limits: limits)
        #expect(capped.map(\.path) == ["包.zip!/a/b.zip!/b.zip", "包.zip!/x.docx"])
        #expect(capped[0].error?.kind == .tooLarge)
        #expect(capped[1].error == nil)
    }

    @Test func budgetIsSharedAcrossNesting() throws {
        let payload = [UInt8](repeating: 9, count: 80_000)
        let inner = try ZipWriter(entries: [.init("one.bin", payload), .init("two.bin", payload)]).data()
        let outer = try ZipWriter(entries: [.init("inner.zip", [UInt8](inner), stored: true)]).data()
        var limits = IngestLimits()
        limits.maxTotalUncompressedBytes = 150_000 + inner.count
        var seen: [String] = []
        let documents = ZIPPackageReader.read(
            data: outer, displayPath: "p.zip", budget: ZipBudget(limits: limits), depth: 0,
            ingestEntry: { _, path, _ in
                seen.append(path)
                return [Document(path: path, format: .unknown)]
            })
        #expect(seen == ["p.zip!/inner.zip!/one.bin"])
        #expect(documents.last?.error?.kind == .tooLarge)
    }

    @Test func bombEntryFailsAloneAndOtherEntriesAreRead() throws {
        let data = try ZipWriter(entries: [
            .init("bomb.docx", [UInt8](repeating: 0, count: 16 << 20)), .init("ok.docx", try Self.docx("项目概述")),
        ]).data()
        let documents = Self.read(data, "p.zip")
        #expect(documents.count == 2)
        #expect(documents[0].error?.kind == .tooLarge)
        #expect(documents[0].format == .docx)
        #expect(documents[1].error == nil)
    }
}
