import DOCXWriter
import DocumentModel
import Foundation
@testable import Ingest
import Testing

@Suite struct ZIPContainerTests {
    static let gbkName: [UInt8] = [
        209, 233, 202, 213, 178, 196, 193, 207, 47, 202, 253, 190, 221, 215, 202, 212, 180, 196, 191, 194, 188, 46, 100, 111,
        99, 120,
    ]

    @Test func gbkNamesWithoutTheUTF8FlagAreDecoded() throws {
        let data = try ZipWriter(entries: [.init(name: Self.gbkName, data: Array("x".utf8)), .init("plain/a.txt", Array("y".utf8))]).data()
        let archive = try ZipArchive(data: data, budget: ZipBudget(limits: .default))
        #expect(archive.entries.map(\.name) == ["验收材料/数据资源目录.docx", "plain/a.txt"])
        #expect(try archive.read(archive.entries[0]) == Array("x".utf8))
    }

    @Test func utf8NamesStayUTF8() throws {
        let data = try ZipWriter(entries: [.init("验收材料/初步设计方案.pdf", Array("x".utf8))]).data()
        let archive = try ZipArchive(data: data, budget: ZipBudget(limits: .default))
        #expect(archive.entries.map(\.name) == ["验收材料/初步设计方案.pdf"])
        #expect(archive.entry(named: "/验收材料/初步设计方案.PDF") != nil)
    }

    @Test func utf8FlagOnGBKNamesIsTolerated() throws {
        var bytes = [UInt8](try ZipWriter(entries: [.init(name: Self.gbkName, data: Array("x".utf8))]).data())
        // Set general-purpose bit 11 in the local and central headers, as some Chinese archivers do.
        for i in 0..<(bytes.count - 4) {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 3, bytes[i + 3] == 4 { bytes[i + 7] |= 0x08 }
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 1, bytes[i + 3] == 2 { bytes[i + 9] |= 0x08 }
        }
        let archive = try ZipArchive(data: Data(bytes), budget: ZipBudget(limits: .default))
        #expect(archive.entries.map(\.name) == ["验收材料/数据资源目录.docx"])
        #expect(try archive.read(archive.entries[0]) == Array("x".utf8))
    }

    @Test func undecodableNamesFallBackToCP437() {
        #expect(EntryNameDecoder.cp437([0x80, 0x81, 0x41]) == "ÇüA")
        #expect(EntryNameDecoder.decode([0xFF, 0x41], flaggedUTF8: false) == "\u{00A0}A")
        #expect(EntryNameDecoder.decode(Array("a/b.pdf".utf8), flaggedUTF8: false) == "a/b.pdf")
    }

    @Test func inflationBombStopsAtTheRatioCapWithBoundedOutput() throws {
        let zeros = [UInt8](repeating: 0, count: 24 << 20)
        let data = try ZipWriter(entries: [.init("bomb.xml", zeros)]).data()
        #expect(data.count < 256 << 10)
        let archive = try ZipArchive(data: data, budget: ZipBudget(limits: .default))
        #expect(throws: IngestError.self) { _ = try archive.read(archive.entries[0]) }
        do {
            _ = try archive.read(archive.entries[0])
        } catch {
            #expect(error.kind == .tooLarge)
            #expect(error.detail?.contains("200×") == true)
        }
    }

    @Test func perEntryAndTotalCapsCountProducedBytes() throws {
        var limits = IngestLimits()
        limits.maxEntryBytes = 100_000
        limits.maxTotalUncompressedBytes = 200_000
        let chunk = [UInt8](repeating: 7, count: 60_000)
        let data = try ZipWriter(entries: [
            .init("big.bin", [UInt8](repeating: 1, count: 200_000)), .init("a.bin", chunk), .init("b.bin", chunk),
            .init("c.bin", chunk),
        ]).data()
        let archive = try ZipArchive(data: data, budget: ZipBudget(limits: limits))
        // The refused entry still spent what it inflated before the cap (one 64 KiB chunk).
        #expect(throws: IngestError.self) { _ = try archive.read(archive.entries[0]) }
        #expect(try archive.read(archive.entries[1]).count == 60_000)
        #expect(try archive.read(archive.entries[2]).count == 60_000)
        #expect(throws: IngestError(.tooLarge, detail: "total inflated bytes over 200000")) {
            _ = try archive.read(archive.entries[3])
        }
    }

    @Test func tooManyEntriesAreRefused() throws {
        let entries = (0..<20_000).map { ZipWriter.Entry("f/\($0).txt", [UInt8(truncatingIfNeeded: $0)], stored: true) }
        let data = try ZipWriter(entries: entries).data()
        #expect(throws: IngestError.self) { _ = try ZipArchive(data: data, budget: ZipBudget(limits: .default)) }
        let documents = ZIPPackageReader.read(data: data, displayPath: "many.zip", limits: .default, depth: 0)
        #expect(documents.count == 1)
        #expect(documents.first?.error?.kind == .tooLarge)
    }

    @Test func encryptedEntryIsReportedEncrypted() throws {
        let data = try ZipWriter(entries: [
            .init(name: Array("加密/报告.docx".utf8), data: Array("secret".utf8), password: "123456"),
            .init("公开.txt", Array("open".utf8)),
        ]).data()
        let archive = try ZipArchive(data: data, budget: ZipBudget(limits: .default))
        #expect(archive.entries[0].isEncrypted)
        #expect(throws: IngestError(.encrypted, detail: "entry 加密/报告.docx is encrypted")) {
            _ = try archive.read(archive.entries[0])
        }
        let documents = ZIPPackageReader.read(data: data, displayPath: "包.zip", limits: .default, depth: 0)
        let encrypted = try #require(documents.first { $0.path == "包.zip!/加密/报告.docx" })
        #expect(encrypted.error?.kind == .encrypted)
        #expect(encrypted.format == .docx)
    }

    @Test func brokenArchivesAreCorrupt() throws {
        for data in [Data(), Data("not a zip".utf8), Data([0x50, 0x4B, 0x03, 0x04, 0, 0])] {
            #expect(throws: IngestError.self) { _ = try ZipArchive(data: data, budget: ZipBudget(limits: .default)) }
            let documents = ZIPPackageReader.read(data: data, displayPath: "bad.zip", limits: .default, depth: 0)
            #expect(documents.count == 1)
            #expect(documents.first?.error?.kind == .corrupt)
            #expect(documents.first?.path == "bad.zip")
        }
    }
}
