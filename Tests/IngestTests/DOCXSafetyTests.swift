import DOCXWriter
import DocumentModel
import Foundation
import Ingest
import Testing

@Suite struct DOCXSafetyTests {
    static let validSpec = DocxSpec(numbering: .chapters, blocks: [.heading("项目概述"), .paragraph("正文。")])

    @Test func externalEntityInDocumentIsRefusedAndNothingRead() throws {
        let data = try DOCXFixture.raw(body: "", spec: Self.validSpec) { parts in
            for i in parts.indices where parts[i].path == "word/document.xml" {
                parts[i].xml = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                    <w:document xmlns:w="\(DOCXFixture.wNS)"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>
                    """
            }
        }
        let document = DOCXReader.read(data: data, displayPath: "xxe.docx", limits: .default)
        #expect(document.error?.kind == .unsafe)
        #expect(document.blocks.isEmpty)
        #expect(document.error?.message == IngestErrorKind.unsafe.chineseMessage)
    }

    @Test func billionLaughsInStylesIsRefused() throws {
        var styles = #"<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY l0 "lol">"#
        for i in 1...9 { styles += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        styles += #"]><w:styles xmlns:w="\#(DOCXFixture.wNS)"><w:style w:styleId="a"><w:name w:val="&l9;"/></w:style></w:styles>"#
        let data = try DOCXFixture.raw(body: DOCXFixture.paragraph("正文。"), styles: styles)
        let document = DOCXReader.read(data: data, displayPath: "lol.docx", limits: .default)
        #expect(document.error?.kind == .unsafe)
        #expect(document.blocks.isEmpty)
    }

    @Test func entityReferenceWithoutDoctypeIsNotReadAsText() throws {
        let data = try DOCXFixture.raw(body: "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>")
        let document = DOCXReader.read(data: data, displayPath: "entity.docx", limits: .default)
        #expect(document.error != nil)
        #expect(document.blocks.isEmpty)
    }

    @Test func inflationBombIsStoppedAtTheRatioCap() throws {
        // 32 MiB of blank space deflates to a few tens of KiB: far past 200× once a MiB has been produced.
        let blank = String(repeating: " ", count: 32 << 20)
        let data = try DOCXFixture.raw(body: "<w:p><w:r><w:t>a</w:t></w:r></w:p>\(blank)")
        #expect(data.count < 1 << 20)
        let document = DOCXReader.read(data: data, displayPath: "bomb.docx", limits: .default)
        #expect(document.error?.kind == .tooLarge)
        #expect(document.blocks.isEmpty)
    }

    @Test func partLargerThanTheEntryCapIsTooLarge() throws {
        var limits = IngestLimits()
        limits.maxEntryBytes = 64 << 10
        let long = (0..<4000).map { "<w:p><w:r><w:t>段落\($0)</w:t></w:r></w:p>" }.joined()
        let document = DOCXReader.read(data: try DOCXFixture.raw(body: long), displayPath: "big.docx", limits: limits)
        #expect(document.error?.kind == .tooLarge)
    }

    @Test func truncatedEmptyAndNonZipFilesAreCorrupt() throws {
        let valid = try DOCXWriter(Self.validSpec).data()
        #expect(DOCXReader.read(data: valid, displayPath: "ok.docx", limits: .default).error == nil)
        let truncated = valid.prefix(valid.count / 2)
        for (name, data) in [
            ("truncated.docx", Data(truncated)), ("empty.docx", Data()), ("text.docx", Data("这不是压缩包".utf8)),
        ] {
            let document = DOCXReader.read(data: data, displayPath: name, limits: .default)
            #expect(document.error?.kind == .corrupt, "\(name)")
            #expect(document.path == name)
            #expect(document.format == .docx)
        }
    }

    @Test func zipWithoutDocumentPartIsCorrupt() throws {
        var writer = ZipWriter()
        writer.add("readme.txt", text: "hello")
        let document = DOCXReader.read(data: try writer.data(), displayPath: "x.docx", limits: .default)
        #expect(document.error?.kind == .corrupt)
    }
}
