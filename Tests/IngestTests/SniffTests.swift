import DocumentModel
import Foundation
import Testing
@testable import Ingest

/// Builds a ZIP with stored (uncompressed) entries: enough structure for sniffing, no external tool needed.
func storedZip(_ entries: [(String, String)]) -> Data {
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }
    func crc32(_ bytes: [UInt8]) -> Int {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return Int(crc ^ 0xFFFF_FFFF)
    }
    var out: [UInt8] = []
    var central: [UInt8] = []
    for (name, content) in entries {
        let nameBytes = Array(name.utf8)
        let body = Array(content.utf8)
        let crc = crc32(body)
        let offset = out.count
        out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc) + le32(body.count)
            + le32(body.count) + le16(nameBytes.count) + le16(0) + nameBytes + body
        central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc)
            + le32(body.count) + le32(body.count) + le16(nameBytes.count) + le16(0) + le16(0) + le16(0) + le16(0)
            + le32(0) + le32(offset) + nameBytes
    }
    let cdOffset = out.count
    out += central
    out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count) + le32(central.count)
        + le32(cdOffset) + le16(0)
    return Data(out)
}

func ole2(containing streamName: String?) -> Data {
    var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
    if let streamName {
        bytes += streamName.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
    bytes += Array(repeating: 0, count: 64)
    return Data(bytes)
}

@Suite struct SniffTests {
    @Test func pdfMagicAtStartOrWithinFirstKilobyte() {
        #expect(FormatSniffer.sniff(Data("%PDF-1.7\n".utf8), fileName: "a.bin") == .pdf)
        let prefixed = Data(repeating: 0x20, count: 600) + Data("%PDF-1.4\n".utf8)
        #expect(FormatSniffer.sniff(prefixed, fileName: "a.pdf") == .pdf)
        let tooLate = Data(repeating: 0x20, count: 2000) + Data("%PDF-1.4\n".utf8)
        #expect(FormatSniffer.sniff(tooLate, fileName: "a.pdf") == .unknown)
    }

    @Test func zipContainersByCentralDirectoryNames() {
        let docx = storedZip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
        #expect(FormatSniffer.sniff(docx, fileName: "x.zip") == .docx)
        let ofd = storedZip([("OFD.xml", "<ofd:OFD/>"), ("Doc_0/Document.xml", "<ofd:Document/>")])
        #expect(FormatSniffer.sniff(ofd, fileName: "x.zip") == .ofd)
        let package = storedZip([("验收材料/说明.txt", "说明")])
        #expect(FormatSniffer.sniff(package, fileName: "x.docx") == .zip)
        let xlsx = storedZip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")])
        #expect(FormatSniffer.sniff(xlsx, fileName: "x.xlsx") == .unknown)
    }

    @Test func ole2EncryptedOrLegacy() {
        let encrypted = FormatSniffer.inspect(ole2(containing: "EncryptedPackage"), fileName: "报告.docx")
        #expect(encrypted.encrypted)
        let renamedDoc = FormatSniffer.inspect(ole2(containing: "WordDocument"), fileName: "报告.docx")
        #expect(renamedDoc.format == .doc)
        #expect(!renamedDoc.encrypted)
        #expect(FormatSniffer.sniff(ole2(containing: nil), fileName: "方案.wps") == .wps)
    }

    @Test func rtfHtmlAndEmpty() {
        #expect(FormatSniffer.sniff(Data("{\\rtf1\\ansi 文本}".utf8), fileName: "a.doc") == .rtf)
        let html = FormatSniffer.inspect(Data("<!DOCTYPE html><html><body>x</body></html>".utf8), fileName: "a.pdf")
        #expect(html.format == .unknown)
        #expect(html.note == "HTML content")
        #expect(FormatSniffer.sniff(Data(), fileName: "a.pdf") == .unknown)
    }
}

@Suite struct SniffDispatchTests {
    func single(_ data: Data, _ name: String, limits: IngestLimits = .default) -> Document {
        let documents = Ingestor.ingest(data: data, displayPath: name, limits: limits)
        #expect(documents.count == 1)
        return documents[0]
    }

    @Test func encryptedOOXMLWhateverTheExtension() {
        #expect(single(ole2(containing: "EncryptedPackage"), "报告.docx").error?.kind == .encrypted)
        #expect(single(ole2(containing: "EncryptedPackage"), "报告.doc").error?.kind == .encrypted)
    }

    @Test func legacyAndOFDAreUnsupportedWithGuidance() throws {
        // A Word binary whose compound-file directory cannot be read is damaged; readable ones are converted.
        let doc = single(ole2(containing: "WordDocument"), "报告.docx")
        #expect(doc.format == .doc)
        let error = try #require(doc.error)
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("损坏"))
        // OFD is read now: a package with only an empty OFD.xml is a broken OFD, not an unsupported format.
        let ofd = single(storedZip([("OFD.xml", "<ofd:OFD/>")]), "a.ofd")
        #expect(ofd.format == .ofd)
        #expect(ofd.error?.kind == .corrupt)
        let rtf = single(Data("{\\rtf1 x}".utf8), "a.rtf")
        #expect(rtf.format == .rtf)
        #expect(rtf.error == nil)
    }

    @Test func emptyAndMislabelledFilesAreCorrupt() throws {
        let empty = single(Data(), "空.pdf")
        #expect(empty.error?.kind == .corrupt)
        #expect(empty.error?.message.contains("为空") == true)
        let html = single(Data("<html><body>页面</body></html>".utf8), "报告.pdf")
        let error = try #require(html.error)
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("HTML"))
        let text = single(Data("plain text".utf8), "notes.txt")
        #expect(text.error?.kind == .unsupported)
    }

    @Test func sizeCapOnDataAndFile() throws {
        var limits = IngestLimits()
        limits.maxFileBytes = 16
        let big = Data(("%PDF-1.7\n" + String(repeating: "x", count: 100)).utf8)
        #expect(single(big, "a.pdf", limits: limits).error?.kind == .tooLarge)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-size-\(UUID().uuidString).pdf")
        try Data(repeating: 0x41, count: 64).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let documents = Ingestor.ingest(file: url, displayPath: "a.pdf", limits: limits)
        #expect(documents.first?.error?.kind == .tooLarge)
    }

    @Test func zeroByteFileOnDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-empty-\(UUID().uuidString).pdf")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let documents = Ingestor.ingest(file: url, displayPath: "空.pdf")
        #expect(documents.first?.error?.kind == .corrupt)
        #expect(documents.first?.path == "空.pdf")
    }
}
