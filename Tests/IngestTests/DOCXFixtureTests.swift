import DOCXWriter
import DocumentModel
import Foundation
@testable import Ingest
import Testing

/// Builds DOCX fixtures with the project's writer; `raw` variants replace parts for markup no spec describes.
enum DOCXFixture {
    static let wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func read(_ spec: DocxSpec, limits: IngestLimits = .default) throws -> Document {
        DOCXReader.read(data: try DOCXWriter(spec).data(), displayPath: "fixture.docx", limits: limits)
    }

    /// A package whose document body (and optionally numbering.xml / styles.xml) is given as raw XML.
    static func raw(
        body: String, numbering: String? = nil, styles: String? = nil, spec: DocxSpec = DocxSpec(numbering: .chapters, blocks: []),
        edit: (inout [(path: String, xml: String)]) -> Void = { _ in }
    ) throws -> Data {
        var parts = DOCXWriter(spec).parts()
        for index in parts.indices {
            switch parts[index].path {
            case "word/document.xml":
                parts[index].xml = """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <w:document xmlns:w="\(wNS)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
                    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
                    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
                    xmlns:v="urn:schemas-microsoft-com:vml"><w:body>\(body)</w:body></w:document>
                    """
            case "word/numbering.xml":
                if let numbering {
                    parts[index].xml = #"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="\#(wNS)">\#(numbering)</w:numbering>"#
                }
            case "word/styles.xml":
                if let styles { parts[index].xml = styles }
            default:
                break
            }
        }
        edit(&parts)
        return try DOCXWriter.package(parts)
    }

    static func readRaw(
        body: String, numbering: String? = nil, styles: String? = nil, spec: DocxSpec = DocxSpec(numbering: .chapters, blocks: []),
        edit: (inout [(path: String, xml: String)]) -> Void = { _ in }
    ) throws -> Document {
        DOCXReader.read(
            data: try raw(body: body, numbering: numbering, styles: styles, spec: spec, edit: edit), displayPath: "raw.docx",
            limits: .default)
    }

    static func paragraph(_ text: String, style: String? = nil, numId: Int? = nil, ilvl: Int? = nil, extraPPr: String = "", rPr: String = "")
        -> String
    {
        var pPr = ""
        if let style { pPr += #"<w:pStyle w:val="\#(style)"/>"# }
        if numId != nil || ilvl != nil {
            pPr += "<w:numPr>"
            if let ilvl { pPr += #"<w:ilvl w:val="\#(ilvl)"/>"# }
            if let numId { pPr += #"<w:numId w:val="\#(numId)"/>"# }
            pPr += "</w:numPr>"
        }
        pPr += extraPPr
        let runProps = rPr.isEmpty ? "" : "<w:rPr>\(rPr)</w:rPr>"
        return "<w:p>\(pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>")<w:r>\(runProps)<w:t>\(text)</w:t></w:r></w:p>"
    }

    static func bodyTexts(_ document: Document) -> [String] {
        document.blocks.filter { $0.part == .body }.map(\.text)
    }
}

@Suite struct DOCXFixtureTests {
    @Test func coreAndAppPropertiesBecomeMetadata() throws {
        let document = try DOCXFixture.read(
            DocxSpec(
                title: "某某区智慧城市项目可行性研究报告", author: "某某区大数据中心", created: "2024-03-01T09:00:00Z",
                modified: "2024-04-02T10:30:00Z", pages: 57, blocks: [.paragraph("正文")]))
        #expect(document.error == nil)
        #expect(document.format == .docx)
        #expect(document.metadata.title == "某某区智慧城市项目可行性研究报告")
        #expect(document.metadata.author == "某某区大数据中心")
        #expect(document.metadata.created == "2024-03-01T09:00:00Z")
        #expect(document.metadata.modified == "2024-04-02T10:30:00Z")
        #expect(document.pageCount == 57)
    }

    @Test func bodyLocationsAreBlockIndexes() throws {
        let document = try DOCXFixture.read(
            DocxSpec(blocks: [.heading("项目概述"), .paragraph("第一段。"), .table([["a", "b"]]), .paragraph("第二段。")]))
        let body = document.blocks.filter { $0.part == .body }
        #expect(body.map(\.kind) == [.heading, .paragraph, .table, .paragraph])
        #expect(body.map { $0.location.paragraph } == [0, 1, 2, 3])
    }
}
