import DOCXWriter
import DocumentModel
import Foundation
import Testing
import TestSupport

@testable import Ingest

/// Inputs that crashed a reader, found by the fuzzers in Fuzz/ (scripts/fuzz.sh) or written to match what they
/// found: each must now read to a document or a named error, and numbers out of range are clamped where parsed.
@Suite struct FuzzRegressionTests {
    static let crashes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    static let extremeContent = """
        <ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1">\
        <ofd:TextObject ID="2" Boundary="0 0 1e40 1e40" Size="1e40" CTM="1e300 0 0 1e300 0 0" HScale="1e308">\
        <ofd:TextCode X="nan" Y="1e308" DeltaX="1e300 g 3 -1e300">项目概述总投资</ofd:TextCode></ofd:TextObject>\
        <ofd:TextObject ID="3" Size="5"><ofd:TextCode X="-inf" Y="20">建设内容</ofd:TextCode></ofd:TextObject>\
        <ofd:ImageObject ID="4" ResourceID="9" Boundary="1e40 1e40 1e40 1e40" CTM="1e300 0 0 1e300 1e300 1e300"/>\
        </ofd:Layer></ofd:Content></ofd:Page>
        """

    @Test func ofdNumbersAreClampedWhereParsed() throws {
        let content = try OFDContentParser.parse(
            Array(Self.extremeContent.utf8), resources: OFDResources(), maxBytes: 1 << 20)
        #expect(content.runs.map(\.text).joined().contains("项目概述"))
        #expect(content.runs.map(\.text).joined().contains("建设内容"))
        let values = content.runs.flatMap { [$0.x0, $0.x1, $0.baseline, $0.size] }
            + content.images.flatMap { [$0.x0, $0.y0, $0.x1, $0.y1] }
        #expect(!content.images.isEmpty)
        #expect(values.allSatisfy { $0.isFinite && abs($0) <= OFDNumbers.maxMagnitude })
    }

    /// A TextObject with Size="1e40" trapped (SIGILL) converting its size to an integer during layout.
    @Test func ofdHugeTextSizeReadsInsteadOfTrapping() throws {
        let huge = #"<ofd:TextObject ID="90" Boundary="25 30 150 10" Size="1e40"><ofd:TextCode X="0" Y="5">第一章 项目概述</ofd:TextCode></ofd:TextObject>"#
        let spec = OFDSpec(pages: [OFDSpec.Page([.raw(huge), .text(.init("本项目依据规划建设。", y: 60))])])
        let document = try OFDFixture.read(spec)
        #expect(document.error == nil)
        let text = OFDFixture.bodyText(document, page: 1)
        #expect(text.contains("项目概述"))
        #expect(text.contains("本项目依据规划建设"))
    }

    /// Start values past Int's range (or negative) once reached the counters as written; they are clamped to Word's.
    @Test func docxNumberingStartsAreClamped() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="1">\
            <w:lvl w:ilvl="0"><w:start w:val="-7"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>\
            <w:lvl w:ilvl="1"><w:start w:val="99999999999"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>\
            </w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>\
            <w:num w:numId="2"><w:abstractNumId w:val="1"/>\
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="9223372036854775807"/></w:lvlOverride></w:num>
            """
        let body = [
            DOCXFixture.paragraph("项目概述", style: "Heading1", numId: 1, ilvl: 0),
            DOCXFixture.paragraph("建设背景", style: "Heading2", numId: 1, ilvl: 1),
            DOCXFixture.paragraph("建设方案", style: "Heading1", numId: 2, ilvl: 0),
            DOCXFixture.paragraph("投资估算", style: "Heading1", numId: 2, ilvl: 0),
            DOCXFixture.paragraph("正文。"),
        ].joined()
        let document = try DOCXFixture.readRaw(body: body, numbering: numbering)
        #expect(document.error == nil)
        #expect(document.outline.compactMap(\.heading).map(\.number) == ["0.", "0.32767", "32767.", "32768."])
    }

    /// Every kept crash input reads through the entry point without trapping.
    @Test func keptCrashInputsRead() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.crashes, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent != "README.md" }
        #expect(!files.isEmpty)
        var limits = IngestLimits()
        limits.ocr = .off
        for file in files {
            let documents = Ingestor.ingest(data: try Data(contentsOf: file), displayPath: file.lastPathComponent, limits: limits)
            #expect(!documents.isEmpty, "\(file.lastPathComponent)")
        }
    }
}
