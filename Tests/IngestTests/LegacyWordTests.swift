import DocumentModel
import Foundation
import Structure
import Testing
import TestSupport
@testable import Ingest

#if canImport(Glibc)
    import Glibc
#endif

/// The numbered fixture's expected structure and helpers for conversions (files: `LegacyFixtures`).
extension LegacyFixtures {
    /// The outline Word shows for numbered.docx: 第%1章 chapters (chineseCounting), legal %1.%2 sections.
    static let outline: [(level: Int, display: String)] = [
        (1, "第一章 项目概况"), (2, "1.1 项目名称"), (2, "1.2 建设单位"),
        (1, "第二章 建设方案"), (2, "2.1 总体架构"), (2, "2.2 数据架构设计"),
        (1, "第三章 资源使用清单"),
        (1, "第四章 密码应用方案"), (2, "4.1 密码应用需求"),
    ]

    static func outline(_ document: Document) -> [(level: Int, display: String)] {
        document.outline.compactMap(\.heading).map { ($0.level, $0.display) }
    }

    static func expectNumberedOutline(_ document: Document, _ context: String) {
        #expect(document.error == nil, "\(context): \(String(describing: document.error))")
        let found = outline(document)
        #expect(found.map(\.display) == outline.map(\.display), "\(context)")
        #expect(found.map(\.level) == outline.map(\.level), "\(context)")
        #expect(document.outline.compactMap(\.heading).allSatisfy { $0.numbering == .automatic }, "\(context)")
        let table = document.blocks.first { $0.kind == .table && $0.part == .body }?.table
        #expect(table?.headerRow == ["序号", "资源类型", "规格配置", "数量", "用途"], "\(context)")
        #expect((table?.rows.count ?? 0) >= 5, "\(context)")
        #expect(document.metadata.title == "某区政务数据共享平台建设项目建议书", "\(context)")
        #expect(document.warnings.first?.contains("LibreOffice") == true, "\(context)")
    }

    /// A fresh folder for a conversion's private folders, so a test can see what is left behind.
    static func workRoot() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-legacy-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func leftovers(_ root: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { !$0.hasPrefix("gapcheck-lo-profile-") }
    }

    /// Live (non-zombie) processes whose command line mentions `text`.
    static func processes(mentioning text: String) -> [Int32] {
        let proc = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return proc.compactMap { Int32($0) }.filter { pid in
            guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                String(decoding: cmdline, as: UTF8.self).contains(text)
            else { return false }
            return !ExternalToolTests.isZombieOrGone(pid)
        }
    }
}

/// Collects results from threads.
final class LockedResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Value] = [:]

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        values[index] = value
    }

    subscript(index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}

/// Through LibreOffice for real: each test costs one or two conversions (about a second each).
@Suite struct LegacyConversionTests {
    @Test func docAndWpsConvertAtOnceWithPrivateProfilesAndKeepNumberedHeadings() throws {
        let root = try LegacyFixtures.workRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs: [(String, DocumentFormat, String)] = [
            ("numbered.doc", .doc, "申报材料/项目建议书.doc"), ("numbered.wps", .wps, "申报材料/项目建议书.wps"),
        ]
        let data = try inputs.map { try LegacyFixtures.data($0.0) }
        for (index, input) in inputs.enumerated() {
            #expect(FormatSniffer.sniff(data[index], fileName: input.2) == input.1)
        }
        let results = LockedResults<Document>()
        let environment = ProcessInfo.processInfo.environment
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let document = LegacyWordReader.read(
                data: data[index], format: inputs[index].1, displayPath: inputs[index].2, limits: .default,
                environment: environment, workRoot: root)
            results.set(index, document)
        }
        for (index, input) in inputs.enumerated() {
            let document = try #require(results[index])
            #expect(document.format == input.1)
            #expect(document.path == input.2)
            LegacyFixtures.expectNumberedOutline(document, input.0)
        }
        // The private folders are gone; the first successful profile was kept as the template for the next ones.
        #expect(LegacyFixtures.leftovers(root).isEmpty, "left behind: \(LegacyFixtures.leftovers(root))")
        let templates = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(templates.count == 1 && templates[0].hasPrefix("gapcheck-lo-profile-\(getuid())-"))
        // Later conversions start from it.
        let soffice = try #require(LibreOfficeConverter.locate())
        let probe = root.appendingPathComponent("probe")
        #expect(ProfileTemplate(root: root, soffice: soffice).copy(to: probe))
        #expect(FileManager.default.fileExists(atPath: probe.appendingPathComponent("user").path))
    }

    @Test func rtfThroughTheIngestorKeepsNumberedHeadings() throws {
        let documents = Ingestor.ingest(data: try LegacyFixtures.data("numbered.rtf"), displayPath: "附件/建议书.rtf")
        try #require(documents.count == 1)
        #expect(documents[0].format == .rtf)
        #expect(documents[0].path == "附件/建议书.rtf")
        LegacyFixtures.expectNumberedOutline(documents[0], "numbered.rtf")
    }

    @Test func timeoutKillsLibreOfficeAndRemovesItsFolder() throws {
        let root = try LegacyFixtures.workRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        var limits = IngestLimits()
        limits.conversionTimeout = 0.3
        let started = Date()
        let document = LegacyWordReader.read(
            data: try LegacyFixtures.data("numbered.doc"), format: .doc, displayPath: "慢.doc", limits: limits,
            environment: ProcessInfo.processInfo.environment, workRoot: root)
        #expect(Date().timeIntervalSince(started) < 10)
        let error = try #require(document.error)
        #expect(error.kind == .timeout)
        #expect(error.message.contains("超时"))
        #expect(document.format == .doc)
        #expect(LegacyFixtures.leftovers(root).isEmpty, "left behind: \(LegacyFixtures.leftovers(root))")
        // Killed as a group: neither the launcher nor soffice.bin survives.
        var alive = LegacyFixtures.processes(mentioning: root.path)
        for _ in 0..<20 where !alive.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            alive = LegacyFixtures.processes(mentioning: root.path)
        }
        #expect(alive.isEmpty, "still running: \(alive)")
    }

    @Test func withoutLibreOfficeOnThePathTheFileIsUnsupportedWithAnInstallHint() throws {
        let emptyBin = try LegacyFixtures.workRoot()
        defer { try? FileManager.default.removeItem(at: emptyBin) }
        let environment = ["PATH": emptyBin.path, "HOME": emptyBin.path]
        #expect(LibreOfficeConverter.locate(environment: environment) == nil)
        let document = LegacyWordReader.read(
            data: try LegacyFixtures.data("numbered.doc"), format: .doc, displayPath: "报告.doc", limits: .default,
            environment: environment, workRoot: emptyBin)
        let error = try #require(document.error)
        #expect(error.kind == .unsupported)
        #expect(error.message.contains("libreoffice-writer-nogui"))
        #expect(error.message.contains("DOCX/PDF"))
        #expect(document.format == .doc)
        #expect(document.path == "报告.doc")
        #expect(try FileManager.default.contentsOfDirectory(atPath: emptyBin.path).isEmpty)
    }

    /// Real public documents from ../shared/corpus-real: a Word 97 .doc and a .dot template, each beside a DOCX
    /// of the same document, which must give the same outline.
    @Test func realDocAndDotReadWithTheirHeadings() throws {
        guard let shared = TestPaths.sharedFolder else {
            print("skipped: ../shared/corpus-real is not available beside the checkout")
            return
        }
        let corpus = shared.appendingPathComponent("corpus-real")
        let cases: [(legacy: String, sibling: String, expected: [(Int, String)])] = [
            ("AmC4Tech__plan_builder/xx项目建议书.doc", "AmC4Tech__plan_builder/xx项目建议书.docx",
             [(1, "1 项目说明"), (1, "2 项目背景"), (2, "2.1 项目背景"), (2, "5.4 保密承诺")]),
            ("gisaacj__Develop-document-examples/一、可行性研究报告.dot", "gisaacj__Develop-document-examples/可行性研究报告.docx",
             [(1, "1 引言"), (2, "1.1 编写目的"), (1, "7 其他可供选择的方案")]),
        ]
        let root = try LegacyFixtures.workRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        for item in cases {
            let data = try Data(contentsOf: corpus.appendingPathComponent(item.legacy))
            let sniffed = FormatSniffer.inspect(data, fileName: item.legacy)
            #expect(sniffed.format == .doc && sniffed.failure == nil, "\(item.legacy): \(String(describing: sniffed.note))")
            let document = LegacyWordReader.read(
                data: data, format: .doc, displayPath: item.legacy, limits: .default,
                environment: ProcessInfo.processInfo.environment, workRoot: root)
            #expect(document.error == nil, "\(item.legacy): \(String(describing: document.error))")
            let outline = LegacyFixtures.outline(document)
            for (level, display) in item.expected {
                #expect(outline.contains { $0.level == level && $0.display == display }, "\(item.legacy): \(display)")
            }
            #expect(!document.toc.isEmpty, "\(item.legacy): its TOC field is kept apart")
            let siblingURL = corpus.appendingPathComponent(item.sibling)
            if let sibling = try? Data(contentsOf: siblingURL) {
                let docx = DOCXReader.read(data: sibling, displayPath: item.sibling, limits: .default)
                #expect(outline.map(\.display) == LegacyFixtures.outline(docx).map(\.display), "\(item.legacy)")
                #expect(outline.map(\.level) == LegacyFixtures.outline(docx).map(\.level), "\(item.legacy)")
            }
        }
    }

    @Test func legalNumberingIsReadFromTheOriginals() throws {
        #expect(LegalNumbering.levels(in: try LegacyFixtures.data("numbered.doc"), format: .doc) == Set(1...8))
        #expect(LegalNumbering.levels(in: try LegacyFixtures.data("numbered.rtf"), format: .rtf) == Set(1...8))
        #expect(LegalNumbering.levels(in: try LegacyFixtures.data("truncated.doc"), format: .doc).isEmpty)
        #expect(LegalNumbering.arabicForm("一.1") == "1.1")
        #expect(LegalNumbering.arabicForm("十二.3.1") == "12.3.1")
        #expect(LegalNumbering.arabicForm("二十.1") == "20.1")
        #expect(LegalNumbering.arabicForm("第一章") == nil)
        #expect(LegalNumbering.arabicForm("1.1") == nil)
        #expect(LegalNumbering.arabicForm("一、1") == nil)
        #expect(ChineseNumeral.value("一百零五") == 105)
        // Damaged list tables end the scan instead of reading past the buffer.
        let full = Array(try LegacyFixtures.data("numbered.doc"))
        var random = SplitMix(seed: 7)
        for _ in 0..<300 {
            var bytes = full
            for _ in 0..<(1 + random.below(16)) {
                bytes[8 + random.below(bytes.count - 8)] = UInt8(truncatingIfNeeded: random.next())
            }
            _ = LegalNumbering.levels(in: Data(bytes), format: .doc)
        }
        let rtf = Array(try LegacyFixtures.data("numbered.rtf"))
        for _ in 0..<100 {
            var bytes = Array(rtf.prefix(1 + random.below(rtf.count)))
            bytes[random.below(bytes.count)] = UInt8(ascii: "\\")
            _ = LegalNumbering.levels(in: Data(bytes), format: .rtf)
        }
    }
}
