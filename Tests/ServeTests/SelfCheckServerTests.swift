import Foundation
import Testing
import DOCXWriter
import TestSupport
@testable import Report
@testable import Serve

/// The self-check page served for real on a loopback port, checked in worker processes, rendered by Chromium.
@Suite(.serialized) struct SelfCheckServerTests {
    @Test func formUploadReportAndDownloads() async throws {
        let server = try await ServeFixture.start()
        defer { server.stop() }
        let (formStatus, form) = try await server.get()
        #expect(formStatus == 200)
        #expect(form.contains("enctype=\"multipart/form-data\""))
        #expect(form.contains("value=\"yangcheng\""))

        let before = ServeFixture.uploadFolders()
        let (status, page) = try await server.post(
            files: [("城管平台可行性研究报告.docx", try ServeFixture.feasibility("阳城县智慧城管平台"))],
            fields: ["jurisdiction": "yangcheng", "stage": "feasibility"])
        #expect(status == 200)
        #expect(page.contains("城管平台可行性研究报告.docx"))
        #expect(page.contains("需补正清单"))
        #expect(page.contains("阳城县"))
        for name in ["report.docx", "findings.xlsx", "report.html"] { #expect(page.contains("download=\"\(name)\"")) }
        let docx = try #require(Self.download("report.docx", in: page))
        #expect(docx.starts(with: Data("PK".utf8)))
        #expect(ServeFixture.uploadFolders() == before, "the upload's folder is removed before the answer")
        try Self.renderInChromium(page, expecting: "需补正清单")
    }

    /// Four uploads at once: each answer names its own file and none of the others'.
    @Test func concurrentUploadsStayApart() async throws {
        let server = try await ServeFixture.start()
        defer { server.stop() }
        let names = ["甲区政务云", "乙县数据中台", "丙镇网格平台", "丁市一网通办"]
        let pages = try await withThrowingTaskGroup(of: (String, Int, String).self) { group in
            for name in names {
                let data = try ServeFixture.feasibility(name)
                group.addTask {
                    let (status, page) = try await server.post(files: [("\(name)可研.docx", data)],
                                                               fields: ["jurisdiction": "yangcheng"])
                    return (name, status, page)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(pages.count == names.count)
        for (name, status, page) in pages {
            #expect(status == 200)
            #expect(page.contains("\(name)可研.docx"))
            for other in names where other != name { #expect(!page.contains(other), "\(name) shows \(other)") }
        }
    }

    @Test func hostileUploads() async throws {
        let server = try await ServeFixture.start(limits: ServeLimits(maxUploadBytes: 2 << 20, maxFiles: 3, documentSeconds: 60))
        defer { server.stop() }
        // A path in the file name is shown as a bare name and never used as a path.
        let (status, page) = try await server.post(files: [("../../etc/passwd.docx", Data("not a document".utf8)),
                                                           ("bomb.zip", try Self.zipBomb())])
        #expect(status == 200)
        #expect(page.contains("passwd.docx"))
        #expect(!page.contains("../"))
        #expect(page.contains("无法读取"))
        let (tooMany, tooManyPage) = try await server.post(files: (1...4).map { ("\($0).docx", Data("x".utf8)) })
        #expect(tooMany == 400)
        #expect(tooManyPage.contains("最多上传 3 个文件"))
        let (tooLarge, _) = try await server.post(files: [("big.pdf", Data(count: 3 << 20))])
        #expect(tooLarge == 413)
        let (empty, emptyPage) = try await server.post(files: [])
        #expect(empty == 400)
        #expect(emptyPage.contains("没有收到文件"))
        let (unknown, _) = try await server.post(files: [("a.docx", Data("x".utf8))], fields: ["jurisdiction": "nowhere"])
        #expect(unknown == 400)
    }

    @Test func multipartReaderKeepsBinaryAndRefusesTruncation() throws {
        let body = Data("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.bin\"\r\n\r\n".utf8)
            + Data([0, 13, 10, 45, 45, 97, 255]) + Data("\r\n--b--\r\n".utf8)
        let parts = try Multipart.parse(body, boundary: "b")
        #expect(parts.count == 1)
        #expect(parts.first?.data == Data([0, 13, 10, 45, 45, 97, 255]))
        #expect(throws: Multipart.Failure.self) { try Multipart.parse(body.prefix(body.count - 9), boundary: "b") }
        #expect(Multipart.boundary(contentType: "multipart/form-data; boundary=\"xyz\"") == "xyz")
        #expect(UploadForm.displayName("..\\..\\a\u{0}b.pdf", index: 0) == "ab.pdf")
        #expect(UploadForm.displayName("..", index: 1) == "文件2")
    }

    static func download(_ name: String, in page: String) -> Data? {
        guard let start = page.range(of: "download=\"\(name)\" href=\"data:"),
              let comma = page.range(of: ";base64,", range: start.upperBound..<page.endIndex),
              let end = page.range(of: "\"", range: comma.upperBound..<page.endIndex) else { return nil }
        return Data(base64Encoded: String(page[comma.upperBound..<end.lowerBound]))
    }

    /// A small ZIP whose one entry claims far more than the ingest limits allow once inflated.
    static func zipBomb() throws -> Data {
        var writer = ZipWriter()
        writer.add("a.docx", data: [UInt8](repeating: 0, count: 64 << 20))
        return try writer.data()
    }

    /// Renders the answer in headless Chromium: the DOM it builds has the findings, and a screenshot is taken.
    static func renderInChromium(_ page: String, expecting text: String) throws {
        let chromium = try #require(PDFPrinter.locate(), "Chromium is needed for the browser test")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-serve-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("answer.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let dom = try Browser.run(chromium, ["--dump-dom", file.absoluteString], profile: work.appendingPathComponent("p1"))
        #expect(dom.contains(text))
        let shot = work.appendingPathComponent("answer.png")
        _ = try Browser.run(chromium, ["--window-size=1366,900", "--screenshot=\(shot.path)", file.absoluteString],
                            profile: work.appendingPathComponent("p2"))
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: Data([0x89, 0x50, 0x4E, 0x47])))
        if let keep = ProcessInfo.processInfo.environment["GAPCHECK_SCREENSHOT_DIR"] {
            try? png.write(to: URL(fileURLWithPath: keep).appendingPathComponent("serve-report.png"))
        }
    }
}

enum Browser {
    static func run(_ chromium: String, _ args: [String], profile: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"] + args
        let out = profile.deletingLastPathComponent().appendingPathComponent(profile.lastPathComponent + ".out")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try String(contentsOf: out, encoding: .utf8)
    }
}
