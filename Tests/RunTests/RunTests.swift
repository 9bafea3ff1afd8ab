import Check
import Checklists
import DocumentModel
import Foundation
import Report
import Testing
import TestSupport
@testable import Ingest
@testable import Run

@Suite(.serialized) struct InboxRunTests {
    let inbox: URL
    let out: URL

    init() throws {
        inbox = try RunFixture.tempFolder("inbox")
        out = try RunFixture.tempFolder("out")
        try RunFixture.write([
            "项目甲/可研报告.pdf": RunFixture.bytes("%PDF-1.4 not really a pdf A"),
            "项目甲/附件/概算.docx": RunFixture.bytes("PK not really a docx A"),
            "项目甲/说明.txt": RunFixture.bytes("not a document"),
            "项目甲/~$可研报告.docx": RunFixture.bytes("lock"),
            "项目甲/.DS_Store": RunFixture.bytes("hidden"),
            "项目甲/project.yaml": RunFixture.bytes("name: 智慧城管平台\nstage: feasibility\ntotalInvestment: 680\n"),
            "项目乙/建议书.doc": RunFixture.bytes("doc B"),
            "项目丙/package.zip": RunFixture.bytes("PK zip C"),
            "gapcheck.yaml": RunFixture.bytes("workers: 3\ntimeoutSeconds: 30\nlimits:\n  maxPages: 10\n"),
        ], under: inbox)
    }

    func run(_ mode: RunOptions.Mode = .run, library: ChecklistLibrary? = nil, checklists: URL? = nil,
             environment: [String: String] = [:], timeout: Double = 60, settle: Double = 0) throws -> RunSummary {
        let runner = Runner(
            options: RunFixture.options(inbox: inbox, out: out, mode: mode, timeout: timeout, environment: environment,
                                        settle: settle),
            library: try library ?? RunFixture.library(), checklistsFolder: checklists)
        return try runner.run()
    }

    func report(_ project: String) throws -> ProjectReport {
        try JSONReport.decode(Data(contentsOf: OutputLayout.projectFolder(out, project).appendingPathComponent("report.json")))
    }

    @Test func scanFindsDocumentsAndIgnoresTheRest() throws {
        let listed = try Inbox.list(inbox)
        #expect(listed.entries.map(\.id) == ["项目丙", "项目乙", "项目甲"].sorted())
        let jia = Inbox.project(try #require(listed.entries.first { $0.id == "项目甲" }))
        #expect(jia.files.map(\.relativePath) == ["可研报告.pdf", "附件/概算.docx"])
        #expect(jia.ignored == ["项目甲/说明.txt"])
        #expect(jia.metadata.name == "智慧城管平台")
        #expect(jia.metadata.stage == .feasibility)
        #expect(jia.metadata.totalInvestment == 680)
        let config = try InboxConfig.load(inbox: inbox)
        #expect(config.workers == 3)
        #expect(config.limits?.applied().maxPages == 10)
    }

    @Test func firstRunWritesReportsForEveryProject() throws {
        let summary = try run()
        #expect(summary.projects == 3)
        #expect(summary.extracted == 4)
        #expect(summary.cached == 0)
        #expect(summary.projectsChecked == 3)
        #expect(summary.ignored == ["项目甲/说明.txt"])
        for project in ["项目甲", "项目乙", "项目丙"] {
            let folder = OutputLayout.projectFolder(out, project)
            for name in ["report.json", "report.md", "report.html", "report.docx"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(project)/\(name)")
            }
        }
        let jia = try report("项目甲")
        #expect(jia.documents.map(\.path) == ["可研报告.pdf", "附件/概算.docx"])
        #expect(jia.project.name == "智慧城管平台")
        #expect(jia.documents.allSatisfy { $0.error != nil && $0.error?.kind != .crashed && $0.error?.kind != .timeout })
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("智慧城管平台"))
        let csv = try Data(contentsOf: out.appendingPathComponent("summary.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(try Data(contentsOf: out.appendingPathComponent("findings.xlsx")).starts(with: Data("PK".utf8)))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("runs/\(summary.id).json").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("run.log").path))
        #expect(try StateStore(url: OutputLayout.stateURL(out)).runCount() == 1)
    }

    @Test func theLogIsKeptPerRunAndRunLogIsTheLatest() throws {
        let first = try run()
        let second = try run()
        let runs = out.appendingPathComponent("runs")
        let firstLog = try String(contentsOf: runs.appendingPathComponent("\(first.id).log"), encoding: .utf8)
        let secondLog = try String(contentsOf: runs.appendingPathComponent("\(second.id).log"), encoding: .utf8)
        #expect(firstLog.contains("run \(first.id) (run)") && firstLog.contains("checked 项目甲"))
        #expect(firstLog.contains("ignored (not a document): 项目甲/说明.txt"))
        #expect(secondLog.contains("run \(second.id) (run)") && secondLog.hasSuffix("\n"))
        #expect(try String(contentsOf: out.appendingPathComponent("run.log"), encoding: .utf8) == secondLog)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func secondRunExtractsNothingAndRewritesNothing() throws {
        _ = try run()
        let reportURL = OutputLayout.projectFolder(out, "项目甲").appendingPathComponent("report.json")
        let before = try FileManager.default.attributesOfItem(atPath: reportURL.path)[.modificationDate] as? Date
        let second = try run()
        #expect(second.extracted == 0)
        #expect(second.cached == 4)
        #expect(second.projectsUnchanged == 3)
        #expect(second.projectsChecked == 0)
        let after = try FileManager.default.attributesOfItem(atPath: reportURL.path)[.modificationDate] as? Date
        #expect(before == after)
    }

    @Test func changedFileIsExtractedAlone() throws {
        _ = try run()
        try RunFixture.write(["项目乙/建议书.doc": RunFixture.bytes("doc B, second version")], under: inbox)
        let second = try run()
        #expect(second.extracted == 1)
        #expect(second.projectsChecked == 1)
        #expect(second.projectsUnchanged == 2)
    }

    @Test func sameContentUnderANewNameUsesTheCacheWithTheNewPath() throws {
        _ = try run()
        try FileManager.default.moveItem(at: inbox.appendingPathComponent("项目乙/建议书.doc"),
                                         to: inbox.appendingPathComponent("项目乙/项目建议书.doc"))
        let second = try run()
        #expect(second.extracted == 0)
        #expect(second.projectsChecked == 1)
        #expect(try report("项目乙").documents.map(\.path) == ["项目建议书.doc"])
    }

    @Test func changedChecklistRechecksWithoutExtracting() throws {
        let checklists = try RunFixture.tempFolder("checklists")
        try RunFixture.write(["jurisdictions/national.yaml": RunFixture.bytes("version: 1\n")], under: checklists)
        _ = try run(checklists: checklists)
        try RunFixture.write(["jurisdictions/national.yaml": RunFixture.bytes("version: 2\n")], under: checklists)
        let second = try run(checklists: checklists)
        #expect(second.extracted == 0)
        #expect(second.projectsChecked == 3)
        let third = try run(library: try RunFixture.library(version: "2"), checklists: checklists)
        #expect(third.extracted == 0)
        #expect(third.projectsChecked == 3)
    }

    @Test func filesStillBeingCopiedWaitForTheNextRun() throws {
        let summary = try run(settle: 3600)
        #expect(summary.skipped.count == 4)
        #expect(summary.extracted == 0)
        #expect(summary.projectsChecked == 0)
        #expect(!FileManager.default.fileExists(
            atPath: OutputLayout.projectFolder(out, "项目甲").appendingPathComponent("report.json").path))
        let later = try run()
        #expect(later.projectsChecked == 3)
    }

    /// The workbook is written by a worker; when that worker dies, the run writes it itself, with every project.
    @Test func aWorkbookWorkerThatDiesLeavesTheWorkbookToTheRun() throws {
        let summary = try run(environment: [WorkerMain.faultInjectionVariable: "crash:findings.xlsx"])
        #expect(summary.projectsChecked == 3)
        let log = try String(contentsOf: out.appendingPathComponent("run.log"), encoding: .utf8)
        #expect(log.contains("findings.xlsx: worker failed"))
        let workbook = try Data(contentsOf: out.appendingPathComponent("findings.xlsx"))
        let archive = try ZipArchive(data: workbook, budget: ZipBudget(limits: .default))
        let entry = try #require(archive.entry(named: "xl/worksheets/sheet1.xml"))
        let sheet = String(decoding: try archive.read(entry), as: UTF8.self)
        for id in ["项目甲", "项目乙", "项目丙"] { #expect(sheet.contains(id)) }
        _ = try run()
        let quiet = try String(contentsOf: out.appendingPathComponent("run.log"), encoding: .utf8)
        #expect(!quiet.contains("findings.xlsx: worker failed"))
        #expect((summary.workerPeakMB ?? 0) > 0)
    }

    @Test func crashingAndHangingDocumentsDoNotStopTheRun() throws {
        try RunFixture.write([
            "项目乙/crash-here.pdf": RunFixture.bytes("crash"),
            "项目丙/hang-here.pdf": RunFixture.bytes("hang"),
        ], under: inbox)
        let summary = try run(environment: [WorkerMain.faultInjectionVariable: "crash:crash-here,hang:hang-here"],
                              timeout: 3)
        #expect(summary.projectsChecked == 3)
        #expect(summary.extracted == 6)
        let yi = try report("项目乙")
        #expect(yi.documents.first { $0.path == "crash-here.pdf" }?.error?.kind == .crashed)
        #expect(yi.documents.first { $0.path == "建议书.doc" }?.error?.kind != .crashed)
        let bing = try report("项目丙")
        #expect(bing.documents.first { $0.path == "hang-here.pdf" }?.error?.kind == .timeout)
        #expect(bing.documents.first { $0.path == "package.zip" }?.error?.kind != .timeout)
        #expect(summary.errorsByKind["crashed"] == 1)
        #expect(summary.errorsByKind["timeout"] == 1)
        let jia = try report("项目甲")
        #expect(jia.documents.count == 2)
    }

    @Test func aDocumentExceedingTheMemoryLimitCrashesOnlyItsWorker() throws {
        try RunFixture.write(["项目乙/huge-here.pdf": RunFixture.bytes("huge")], under: inbox)
        var options = RunFixture.options(inbox: inbox, out: out, timeout: 60,
                                         environment: [WorkerMain.faultInjectionVariable: "memory:huge-here"])
        options.worker.memoryMB = 512
        let summary = try Runner(options: options, library: try RunFixture.library(), checklistsFolder: nil).run()
        #expect(summary.projectsChecked == 3)
        let yi = try report("项目乙")
        #expect(yi.documents.first { $0.path == "huge-here.pdf" }?.error?.kind == .crashed)
        #expect(yi.documents.first { $0.path == "建议书.doc" }?.error?.kind != .crashed)
    }

    @Test func newAndResolvedGapsAreRecorded() throws {
        _ = try run()
        let store = try StateStore(url: OutputLayout.stateURL(out))
        let gap = FindingRecord(requirement: "r-1", title: "密码应用方案", stage: .feasibility, status: .missing,
                                severity: .must)
        try store.recordProject(id: "项目乙", fingerprint: "stale", run: "earlier", findings: [gap])
        _ = try run()
        let diffData = try Data(contentsOf: OutputLayout.projectFolder(out, "项目乙").appendingPathComponent("diff.json"))
        let diff = try JSONDecoder().decode(ReportDiff.self, from: diffData)
        #expect(diff.previousRun == "earlier")
        #expect(diff.resolvedGaps.map(\.requirement) == ["r-1"])
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("已解决 1"))
    }

    @Test func shardedSweepsMergeIntoOneIndex() throws {
        let outA = try RunFixture.tempFolder("shard-a"), outB = try RunFixture.tempFolder("shard-b")
        let merged = try RunFixture.tempFolder("merged")
        var total = 0
        for (i, target) in [outA, outB].enumerated() {
            var options = RunFixture.options(inbox: inbox, out: target, mode: .sweep)
            options.shard = (i + 1, 2)
            let summary = try Runner(options: options, library: try RunFixture.library(), checklistsFolder: nil).run()
            total += summary.projects
        }
        #expect(total == 3)
        let summary = try ProjectOutput.merge([outA, outB], into: merged)
        #expect(summary.projects == 3)
        let index = try String(contentsOf: merged.appendingPathComponent("index.html"), encoding: .utf8)
        for id in ["项目甲", "项目乙", "项目丙"] {
            #expect(index.contains(OutputLayout.link(id)))
            #expect(FileManager.default.fileExists(
                atPath: OutputLayout.projectFolder(merged, id).appendingPathComponent("report.html").path))
        }
        #expect(index.contains("<svg"))
    }

    @Test func sweepExtractsEverythingAgain() throws {
        _ = try run()
        let sweep = try run(.sweep)
        #expect(sweep.extracted == 4)
        #expect(sweep.projectsChecked == 3)
    }
}

@Suite struct ShardTests {
    @Test func everyProjectFallsInExactlyOneShard() {
        let names = (0..<200).map { "项目\($0)" }
        for n in 1...5 {
            let counts = names.map { name in (1...n).filter { Int(stableHash(name) % UInt64(n)) == $0 - 1 }.count }
            #expect(counts.allSatisfy { $0 == 1 })
        }
        #expect(stableHash("项目甲") == stableHash("项目甲"))
        #expect(stableHash("a") == 0xaf63dc4c8601ec8c)
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256Hasher.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func fileHashMatchesSha256sum() throws {
        let folder = try RunFixture.tempFolder("sha")
        let url = folder.appendingPathComponent("blob.bin")
        var data = Data(count: 3 << 20 | 77)
        for i in data.indices { data[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        try data.write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(try SHA256Hasher.hex(fileAt: url) == String(output.prefix(64)))
    }
}

@Suite struct SelfCheckTests {
    func report(findings: [Finding], documents: [DocumentReport]) -> ProjectReport {
        let ref = ChecklistRef(id: "national", version: "1", regulation: "", number: nil, status: .inForce, expires: nil)
        let info = ProjectInfo(id: "p", name: "p", jurisdiction: "national", jurisdictionName: "", stage: .feasibility,
                               department: nil, checklist: ref, facts: [])
        return ProjectReport(generated: "2026-01-01T00:00:00Z", project: info, documents: documents, findings: findings,
                             summary: Summary(findings: findings, documents: documents))
    }

    func finding(_ status: RequirementStatus, _ severity: Severity) -> Finding {
        Finding(requirement: "r-\(status.rawValue)-\(severity.rawValue)", title: "t", stage: .feasibility, status: status,
                severity: severity, reason: "", evidence: [], basis: FindingBasis(regulation: "", article: "", quote: ""))
    }

    let readable = DocumentReport(path: "a.pdf", kind: "feasibility", kindName: "可研", format: .pdf, pages: 3,
                                  error: nil, outline: [], sections: [])

    @Test func exitCodes() {
        #expect(SelfCheck.exitCode(for: report(findings: [finding(.met, .must), finding(.missing, .should)],
                                               documents: [readable])) == 0)
        #expect(SelfCheck.exitCode(for: report(findings: [finding(.met, .must), finding(.partial, .must)],
                                               documents: [readable])) == 1)
        #expect(SelfCheck.exitCode(for: report(findings: [finding(.met, .must)], documents: [])) == 2)
        var broken = readable
        broken.error = IngestError(.encrypted)
        #expect(SelfCheck.exitCode(for: report(findings: [finding(.met, .must)], documents: [readable, broken])) == 2)
    }

    @Test func unreadableInputGivesExitCodeTwo() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/可研报告.pdf")
        let r = SelfCheck.check(paths: [missing], library: try RunFixture.library(), jurisdiction: nil, stage: nil)
        #expect(r.documents.count == 1)
        #expect(SelfCheck.exitCode(for: r) == 2)
        let empty = try RunFixture.tempFolder("empty")
        let none = SelfCheck.check(paths: [empty], library: try RunFixture.library(), jurisdiction: nil, stage: nil)
        #expect(none.documents.isEmpty)
        #expect(SelfCheck.exitCode(for: none) == 2)
    }

    @Test func binaryExitsTwoOnUnreadableInput() throws {
        let process = Process()
        process.executableURL = RunFixture.gapcheckBinary
        process.arguments = ["check", "/nonexistent/可研报告.pdf", "--checklists", TestPaths.packageRoot.appendingPathComponent("Checklists").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
    }
}
