import Check
import DocumentModel
import Foundation
import Ingest
import Report
import Testing
import TestSupport
@testable import Run

/// OCR through the worker processes of a run: real `gapcheck worker` children running tesseract.
@Suite(.serialized) struct OCRRunTests {
    let inbox: URL
    let out: URL
    static let scanned = TestPaths.packageRoot.appendingPathComponent("Tests/IngestTests/Fixtures/pdf/scanned-report.pdf")

    init() throws {
        inbox = try RunFixture.tempFolder("ocr-inbox")
        out = try RunFixture.tempFolder("ocr-out")
        try RunFixture.write([
            "扫描项目/验收报告.pdf": try Data(contentsOf: Self.scanned),
            "扫描项目/project.yaml": RunFixture.bytes("name: 扫描件项目\nstage: acceptance\n"),
        ], under: inbox)
    }

    func report() throws -> ProjectReport {
        try JSONReport.decode(Data(contentsOf: OutputLayout.projectFolder(out, "扫描项目").appendingPathComponent("report.json")))
    }

    @Test func scannedPDFIsReadInAWorkerAndReportedAsOCR() throws {
        // A base budget under what recognising two pages takes (about 3 s here), but ample for the worker to start
        // and send its first page to OCR: each page sent extends it by the page limit.
        var options = RunFixture.options(inbox: inbox, out: out, workers: 1, timeout: 2)
        options.limits.ocr = .auto
        let summary = try Runner(options: options, library: try RunFixture.library(), checklistsFolder: nil).run()
        #expect(summary.extracted == 1)
        let document = try #require(try report().documents.first)
        #expect(document.error == nil)
        #expect(document.ocrPages == [1, 2])
        #expect(document.pagesWithoutText == nil)
        #expect(document.outline.filter { $0.level == 1 }.map(\.title) == ["项目概况", "建设内容", "密码应用方案"])
        let json = try String(contentsOf: OutputLayout.projectFolder(out, "扫描项目").appendingPathComponent("report.json"), encoding: .utf8)
        #expect(json.contains("\"ocrPages\""))
    }

    @Test func workerWithoutTesseractReportsOCRUnavailable() throws {
        let empty = try RunFixture.tempFolder("empty-path")
        let options = RunFixture.options(inbox: inbox, out: out, workers: 1, timeout: 60, environment: ["PATH": empty.path])
        let summary = try Runner(options: options, library: try RunFixture.library(), checklistsFolder: nil).run()
        #expect(summary.errorsByKind["ocr-unavailable"] == 1)
        let document = try #require(try report().documents.first)
        #expect(document.error?.kind == .ocrUnavailable)
        #expect(document.error?.message == IngestErrorKind.ocrUnavailable.chineseMessage)
        #expect(document.pagesWithoutText == [1, 2])
    }

    @Test func ocrOffIsNoTextLayer() throws {
        var options = RunFixture.options(inbox: inbox, out: out, workers: 1)
        options.limits.ocr = .off
        _ = try Runner(options: options, library: try RunFixture.library(), checklistsFolder: nil).run()
        let document = try #require(try report().documents.first)
        #expect(document.error?.kind == .noTextLayer)
    }

    @Test func ocrModeComesFromGapcheckYAML() throws {
        try RunFixture.write(
            ["gapcheck.yaml": RunFixture.bytes("ocr: force\nlimits:\n  maxOCRPages: 3\n  ocrPageTimeout: 20\n")], under: inbox)
        let config = try InboxConfig.load(inbox: inbox)
        #expect(config.ocr == .force)
        let limits = (config.limits ?? LimitsConfig()).applied()
        #expect(limits.maxOCRPages == 3)
        #expect(limits.ocrPageTimeout == 20)
    }

    @Test func binaryTakesTheOCROption() throws {
        let process = Process()
        process.executableURL = RunFixture.gapcheckBinary
        process.arguments = ["extract", "--ocr", "off", Self.scanned.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(text.contains("[无文字层]"))
    }
}
