import DocumentModel
import Foundation
import Testing
@testable import Ingest

/// Files made by Fixtures/make-legacy-fixtures.sh from Fixtures/legacy/numbered.yaml (see Fixtures/legacy/README.md).
enum LegacyFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/legacy")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }
}

/// Verdicts the bytes settle: no LibreOffice involved.
@Suite struct LegacySniffTests {
    func single(_ data: Data, _ name: String) -> Document {
        let documents = Ingestor.ingest(data: data, displayPath: name)
        #expect(documents.count == 1)
        return documents[0]
    }

    @Test func fixturesAreToldApartByTheirBytes() throws {
        let doc = FormatSniffer.inspect(try LegacyFixtures.data("numbered.doc"), fileName: "a.doc")
        #expect(doc.format == .doc && doc.failure == nil && doc.note == "Word 97-2003 binary")
        #expect(FormatSniffer.sniff(try LegacyFixtures.data("numbered.doc"), fileName: "报告.docx") == .doc)
        #expect(FormatSniffer.sniff(try LegacyFixtures.data("numbered.wps"), fileName: "方案.wps") == .wps)
        #expect(FormatSniffer.sniff(try LegacyFixtures.data("numbered.rtf"), fileName: "方案.doc") == .rtf)
        #expect(FormatSniffer.sniff(try LegacyFixtures.data("numbered.docx"), fileName: "方案.doc") == .docx)
    }

    @Test func passwordProtectedDocIsEncryptedBeforeAnyConversion() throws {
        let sniffed = FormatSniffer.inspect(try LegacyFixtures.data("encrypted.doc"), fileName: "加密.doc")
        #expect(sniffed.encrypted)
        #expect(sniffed.format == .doc)
        #expect(sniffed.note?.contains("fEncrypted") == true)
        // Ingest stops at the sniffer's verdict: with no LibreOffice on PATH the result is the same.
        let document = single(try LegacyFixtures.data("encrypted.doc"), "加密.doc")
        #expect(document.error?.kind == .encrypted)
        #expect(document.format == .doc)
        #expect(single(try LegacyFixtures.data("encrypted.doc"), "加密.wps").format == .wps)
    }

    @Test func passwordProtectedDocxIsEncryptedWhateverTheName() throws {
        let data = try LegacyFixtures.data("encrypted.docx")
        let docx = single(data, "可研报告.docx")
        #expect(docx.error?.kind == .encrypted)
        #expect(docx.format == .docx)
        #expect(single(data, "可研报告.doc").error?.kind == .encrypted)
        #expect(single(data, "可研报告").error?.kind == .encrypted)
    }

    @Test func truncatedDocIsCorrupt() throws {
        let document = single(try LegacyFixtures.data("truncated.doc"), "不完整.doc")
        let error = try #require(document.error)
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("损坏"))
        #expect(document.format == .doc)
    }

    @Test func everyPrefixOfADocIsDamagedAndNoneTraps() throws {
        let full = try LegacyFixtures.data("numbered.doc")
        var accepted: [Int] = []
        for length in stride(from: 8, to: full.count, by: 256) {
            let result = FormatSniffer.inspect(full.prefix(length), fileName: "a.doc")
            if result.failure == nil { accepted.append(length) }
        }
        #expect(accepted.isEmpty, "prefixes read as whole documents: \(accepted)")
    }

    @Test func mutatedHeadersAndDirectoriesNeverHangOrTrap() throws {
        let full = Array(try LegacyFixtures.data("numbered.doc"))
        var random = SplitMix(seed: 20_261_123)
        let started = Date()
        for _ in 0..<400 {
            var bytes = full
            for _ in 0..<(1 + random.below(12)) {
                // Mostly the header, FAT and directory; sometimes anywhere.
                let limit = random.below(4) == 0 ? bytes.count : min(bytes.count, 1536)
                bytes[8 + random.below(limit - 8)] = UInt8(truncatingIfNeeded: random.next())
            }
            _ = FormatSniffer.inspect(Data(bytes), fileName: "a.doc")
        }
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func loopsInSectorChainsAndDirectoryTreesEnd() throws {
        let word = CFBFixture.fib(flags: 0x0200)
        // Directory chain pointing at itself.
        var looped = CFBFixture.make([("WordDocument", word), ("1Table", [1])])
        CFBFixture.setFAT(&looped, sector: 1, to: 1)
        let result = FormatSniffer.inspect(Data(looped), fileName: "a.doc")
        #expect(result.failure?.kind == .corrupt)
        #expect(result.format == .doc)
        // A stream chain that loops back on itself.
        var streamLoop = CFBFixture.make([("WordDocument", word), ("1Table", [1])])
        CFBFixture.setFAT(&streamLoop, sector: 3, to: 2)
        #expect(FormatSniffer.inspect(Data(streamLoop), fileName: "a.doc").failure?.kind == .corrupt)
        // A sibling cycle in the directory tree: still listed once, still read.
        var cycle = CFBFixture.make([("WordDocument", word), ("1Table", [1])])
        CFBFixture.setEntry(&cycle, entry: 2, field: 72, to: 1)
        let cyclic = FormatSniffer.inspect(Data(cycle), fileName: "a.doc")
        #expect(cyclic.format == .doc && cyclic.failure == nil)
        // Absurd header counts.
        var huge = CFBFixture.make([("WordDocument", word)])
        huge.replaceSubrange(0x2C..<0x30, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(FormatSniffer.inspect(Data(huge), fileName: "a.doc").failure?.kind == .corrupt)
    }

    @Test func wordHeaderDecidesEncryptedDamagedOrReadable() throws {
        func sniff(_ streams: [(String, [UInt8])], _ name: String = "a.doc") -> SniffResult {
            FormatSniffer.inspect(Data(CFBFixture.make(streams)), fileName: name)
        }
        #expect(sniff([("WordDocument", CFBFixture.fib(flags: 0x0200)), ("1Table", [1])]).failure == nil)
        #expect(sniff([("WordDocument", CFBFixture.fib(flags: 0x0000)), ("0Table", [1])]).failure == nil)
        let obfuscated = sniff([("WordDocument", CFBFixture.fib(flags: 0x8300)), ("1Table", [1])])
        #expect(obfuscated.encrypted && obfuscated.failure?.kind == .encrypted)
        #expect(sniff([("WordDocument", CFBFixture.fib(flags: 0x0200))]).failure?.kind == .corrupt)
        #expect(sniff([("WordDocument", CFBFixture.fib(flags: 0x0200, ident: 0x1234)), ("1Table", [1])]).failure?.kind == .corrupt)
        let word95 = sniff([("WordDocument", CFBFixture.fib(flags: 0, ident: 0xA5DC))], "旧.wps")
        #expect(word95.format == .wps && word95.failure == nil)
        // Word's encrypted OOXML may carry a stub WordDocument stream: the encryption streams win.
        let wrapped = sniff([("EncryptionInfo", [4, 0, 4, 0]), ("EncryptedPackage", [0]), ("WordDocument", CFBFixture.fib(flags: 0))], "a.docx")
        #expect(wrapped.encrypted && wrapped.format == .docx)
    }

    @Test func workbooksPresentationsAndOtherContainersAreUnsupportedWithAReason() throws {
        let xls = single(Data(CFBFixture.make([("Workbook", [9, 8])])), "预算表.xls")
        #expect(xls.error?.kind == .unsupported)
        #expect(xls.error?.message.contains("Excel") == true)
        let ppt = single(Data(CFBFixture.make([("PowerPoint Document", [0])])), "汇报.ppt")
        #expect(ppt.error?.kind == .unsupported)
        #expect(ppt.error?.message.contains("PowerPoint") == true)
        let other = single(Data(CFBFixture.make([("__substg1.0_0037001F", [0])])), "邮件.msg")
        #expect(other.error?.kind == .unsupported)
        let works = FormatSniffer.inspect(Data(CFBFixture.make([("CONTENTS", [0])])), fileName: "旧文档.wps")
        #expect(works.format == .wps && works.failure == nil)
    }

}

/// Version-3 compound files written by hand: a FAT sector, a directory sector, then each stream in regular sectors
/// (padded to 4096 bytes, so none goes to the mini stream).
enum CFBFixture {
    static let end: UInt32 = 0xFFFF_FFFE
    static let free: UInt32 = 0xFFFF_FFFF

    static func make(_ streams: [(String, [UInt8])]) -> [UInt8] {
        precondition(streams.count <= 3)
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        var header: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 16)
        header += le16(0x3E) + le16(3) + le16(0xFFFE) + le16(9) + le16(6) + Array(repeating: 0, count: 6)
        header += le32(0) + le32(1) + le32(1) + le32(0) + le32(4096) + le32(end) + le32(0) + le32(end) + le32(0)
        header += le32(0) + Array(repeating: 0xFF, count: 108 * 4)
        var fat = [UInt32(0xFFFF_FFFD), end]
        var data: [UInt8] = []
        var starts: [UInt32] = []
        for (_, content) in streams {
            let padded = content + Array(repeating: 0, count: max(0, 4096 - content.count))
            let first = UInt32(fat.count)
            starts.append(first)
            let sectors = (padded.count + 511) / 512
            for i in 0..<sectors { fat.append(i == sectors - 1 ? end : first + UInt32(i) + 1) }
            data += padded + Array(repeating: 0, count: sectors * 512 - padded.count)
        }
        fat += Array(repeating: free, count: 128 - fat.count)
        func entry(_ name: String, type: UInt8, right: UInt32, child: UInt32, start: UInt32, size: Int) -> [UInt8] {
            let units = Array(name.utf16)
            var bytes: [UInt8] = units.flatMap { (unit: UInt16) -> [UInt8] in le16(Int(unit)) }
            bytes += [0, 0]
            let nameLength = bytes.count
            bytes += Array(repeating: 0, count: 64 - bytes.count)
            bytes += le16(nameLength)
            bytes += [type, 1]
            bytes += le32(free) + le32(right) + le32(child)
            bytes += Array(repeating: 0, count: 36)
            bytes += le32(start) + le32(UInt32(size)) + le32(0)
            return bytes
        }
        var directory = entry("Root Entry", type: 5, right: free, child: streams.isEmpty ? free : 1, start: end, size: 0)
        for (index, stream) in streams.enumerated() {
            let right = index + 1 < streams.count ? UInt32(index + 2) : free
            directory += entry(stream.0, type: 2, right: right, child: free, start: starts[index], size: max(stream.1.count, 4096))
        }
        directory += Array(repeating: 0, count: 512 - directory.count)
        return header + fat.flatMap { le32($0) } + directory + data
    }

    /// A FibBase with the given signature and flags (0x0200 = 1Table, 0x0100 = fEncrypted, 0x8000 = fObfuscated).
    static func fib(flags: UInt16, ident: UInt16 = 0xA5EC) -> [UInt8] {
        var bytes = [UInt8(ident & 0xFF), UInt8(ident >> 8), 0xC1, 0x00] + Array(repeating: 0, count: 60)
        bytes[0x0A] = UInt8(flags & 0xFF)
        bytes[0x0B] = UInt8(flags >> 8)
        return bytes
    }

    static func setFAT(_ file: inout [UInt8], sector: Int, to value: UInt32) {
        let at = 512 + 4 * sector
        file.replaceSubrange(at..<(at + 4), with: [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)])
    }

    static func setEntry(_ file: inout [UInt8], entry: Int, field: Int, to value: UInt32) {
        let at = 1024 + 128 * entry + field
        file.replaceSubrange(at..<(at + 4), with: [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)])
    }
}

/// A reproducible generator for the mutation test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
