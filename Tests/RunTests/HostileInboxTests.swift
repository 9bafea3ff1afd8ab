import Check
import DOCXWriter
import DocumentModel
import Foundation
import Report
import Testing
import TestSupport
@testable import Run

/// An inbox as a shared folder really is: FIFOs, links out and round in loops, GBK names from Windows, unreadable
/// folders, broken project.yaml files and formula-like names. The run must finish, report every readable
/// document, and name every skipped thing with its reason.
@Suite(.serialized) struct HostileInboxTests {
    static let gbkFolder: [UInt8] = [207, 238, 196, 191, 206, 196, 188, 254, 188, 208]  // 项目文件夹
    static let gbkFile: [UInt8] = [191, 201, 209, 208, 177, 168, 184, 230] + Array(".docx".utf8)  // 可研报告.docx

    static func docx(_ title: String) throws -> Data {
        try DOCXWriter(DocxSpec(numbering: .chapters, blocks: [.heading(title), .paragraph("项目建设内容说明。")])).data()
    }

    static func mkfifo(_ url: URL) throws {
        guard Glibc.mkfifo(url.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Builds the inbox; returns the project folders by role.
    static func makeInbox() throws -> URL {
        let inbox = try RunFixture.tempFolder("hostile")
        let fm = FileManager.default
        try RunFixture.write([
            "管道/可研报告.docx": try docx("项目概述"),
            "链接/可研报告.docx": try docx("项目概述"),
            "循环/可研报告.docx": try docx("项目概述"),
            "设置/可研报告.docx": try docx("项目概述"),
            "设置/project.yaml": RunFixture.bytes("name: 设置有误的项目\ntotalInvestment: 1e400\njurisdiction: 火星\nstage: feasibility\n"),
            "=HYPERLINK(\"http://x\")/可研报告.docx": try docx("项目概述"),
            "+cmd/可研报告.docx": try docx("项目概述"),
            "行\n2026-01-01T00:00:00Z forged line/可研报告.docx": try docx("项目概述"),
            "锁住/子目录/可研报告.docx": try docx("项目概述"),
            "锁住/可读.docx": try docx("项目概述"),
        ], under: inbox)
        try mkfifo(inbox.appendingPathComponent("管道/管道.pdf"))
        try mkfifo(inbox.appendingPathComponent("管道/fifo"))
        try mkfifo(inbox.appendingPathComponent("顶层管道"))
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("链接/零.pdf").path, withDestinationPath: "/dev/zero")
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("链接/etc").path, withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("循环/上层").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("循环/project.yaml").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: inbox.appendingPathComponent("循环/自己").path, withDestinationPath: ".")
        // GBK names, written by their bytes.
        let folder = RawPath(inbox).appending(gbkFolder)
        #expect(folder.withCString { mkdir($0, 0o755) } == 0)
        let file = folder.appending(gbkFile)
        let bytes = try docx("项目概述")
        let fd = file.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        #expect(fd >= 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(chmod(inbox.appendingPathComponent("锁住/子目录").path, 0) == 0)
        return inbox
    }

    /// Runs the binary; as root it runs as `nobody`, so that a folder without permissions is really unreadable. The
    /// binary is copied to a folder anyone may read first: the checkout may sit under a private home.
    static func runBinary(_ arguments: [String], deadline: Double = 180) throws -> (status: Int32, finished: Bool) {
        let process = Process()
        if geteuid() == 0 {
            let shared = try RunFixture.tempFolder("hostile-bin")
            let binary = shared.appendingPathComponent("gapcheck")
            try FileManager.default.copyItem(at: RunFixture.gapcheckBinary, to: binary)
            _ = chmod(shared.path, 0o755)
            _ = chmod(binary.path, 0o755)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments
        } else {
            process.executableURL = RunFixture.gapcheckBinary
            process.arguments = arguments
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let end = Date().addingTimeInterval(deadline)
        while process.isRunning && Date() < end { usleep(50_000) }
        let finished = !process.isRunning
        if !finished { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, finished)
    }

    static func allReadable(_ url: URL) {
        _ = chmod(url.path, 0o755)
        for p in (FileManager.default.subpaths(atPath: url.path) ?? []) {
            _ = chmod(url.appendingPathComponent(p).path, 0o755)
        }
    }

    @Test func aRunOverAHostileInboxFinishesAndNamesEverythingItSkips() throws {
        let inbox = try Self.makeInbox()
        let out = try RunFixture.tempFolder("hostile-out")
        _ = chmod(out.path, 0o777)
        _ = chmod(inbox.path, 0o755)
        let checklists = try RunFixture.tempFolder("hostile-checklists").appendingPathComponent("Checklists")
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Checklists"), to: checklists)
        Self.allReadable(checklists.deletingLastPathComponent())
        let result = try Self.runBinary(["run", inbox.path, "--out", out.path, "--checklists", checklists.path,
                                         "--workers", "2", "--settle-seconds", "0", "--timeout", "60"])
        defer { _ = chmod(inbox.appendingPathComponent("锁住/子目录").path, 0o755) }
        #expect(result.finished, "the run hung")
        #expect(result.status == RunExitCode.problems.rawValue)

        func documents(_ project: String) throws -> [DocumentReport] {
            let url = OutputLayout.projectFolder(out, project).appendingPathComponent("report.json")
            return try JSONReport.decode(Data(contentsOf: url)).documents
        }
        func kinds(_ project: String) throws -> [String: String] {
            Dictionary(try documents(project).map { ($0.path, $0.error?.kind.rawValue ?? "ok") }, uniquingKeysWith: { a, _ in a })
        }

        #expect(try kinds("管道") == ["可研报告.docx": "ok", "管道.pdf": "special-file", "fifo": "special-file"])
        let links = try kinds("链接")
        #expect(links["零.pdf"] == "unsafe-link")
        #expect(links["etc"] == "unsafe-link")
        #expect(links.keys.allSatisfy { !$0.hasPrefix("etc/") })
        let loop = try kinds("循环")
        #expect(loop["可研报告.docx"] == "ok")
        #expect(loop.count == 4, "\(loop)")  // the document once, the two loop links and project.yaml named
        let yamlLink = try #require(try documents("循环").first { $0.path == "project.yaml" })
        #expect(yamlLink.error?.kind == .invalidSettings)
        #expect(yamlLink.error?.message.contains("unsafe-link") == true)
        #expect(yamlLink.error?.message.contains("root:") == false)
        #expect(loop["上层"] == "unsafe-link" && loop["自己"] == "unsafe-link")
        #expect(try kinds("项目文件夹") == ["可研报告.docx": "ok"])
        let locked = try kinds("锁住")
        #expect(locked["可读.docx"] == "ok")
        if geteuid() == 0 || access(inbox.appendingPathComponent("锁住/子目录").path, R_OK) != 0 {
            #expect(locked["子目录"] == "unreadable")
        }

        let settings = try documents("设置")
        let yaml = try #require(settings.first { $0.path == "project.yaml" })
        #expect(yaml.error?.kind == .invalidSettings)
        #expect(yaml.error?.message.contains("第 2 行，键 totalInvestment") == true)
        #expect(yaml.error?.message.contains("火星") == true)
        #expect(yaml.error?.message.contains("wendeng") == true)
        #expect(settings.contains { $0.path == "可研报告.docx" && $0.error == nil })
        let settingsReport = try JSONReport.decode(Data(contentsOf: OutputLayout.projectFolder(out, "设置")
            .appendingPathComponent("report.json")))
        #expect(settingsReport.project.name == "设置有误的项目")  // the valid keys still apply

        let csv = String(decoding: try Data(contentsOf: out.appendingPathComponent("summary.csv")).dropFirst(3), as: UTF8.self)
        let cells = CSVCells.parse(csv).dropFirst().flatMap { $0 }
        #expect(cells.contains { $0.contains("HYPERLINK") })
        #expect(!cells.contains { $0.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false })

        let log = try String(contentsOf: out.appendingPathComponent("run.log"), encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("20") })
        #expect(!lines.contains { $0.hasPrefix("2026-01-01T00:00:00Z forged") })
        #expect(log.contains("行\\n2026-01-01T00:00:00Z forged line"))
        #expect(log.contains("顶层管道"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(Scratch.folderName).path))
    }

    @Test func selfCheckOfAFolderWithAFIFODoesNotHang() throws {
        let folder = try RunFixture.tempFolder("check-fifo")
        try RunFixture.write(["可研报告.docx": try Self.docx("项目概述")], under: folder)
        try Self.mkfifo(folder.appendingPathComponent("管道.pdf"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("零.docx").path,
                                                   withDestinationPath: "/dev/zero")
        let library = try RunFixture.library()
        let done = DispatchSemaphore(value: 0)
        let box = ResultSlots<ProjectReportBox>(count: 1)
        Thread {
            box.set(0, ProjectReportBox(report: SelfCheck.check(paths: [folder], library: library, jurisdiction: nil, stage: nil)))
            done.signal()
        }.start()
        #expect(done.wait(timeout: .now() + 60) == .success, "check of a folder with a FIFO hung")
        let report = try #require(box.get(0)?.report)
        let kinds: [String: String] = Dictionary(
            report.documents.map { ($0.path, $0.error?.kind.rawValue ?? "ok") }, uniquingKeysWith: { a, _ in a })
        #expect(kinds == ["管道.pdf": "special-file", "零.docx": "unsafe-link", "可研报告.docx": "ok"])
        // A FIFO given by name is refused too, without blocking.
        let direct = SelfCheck.check(paths: [folder.appendingPathComponent("管道.pdf")], library: library,
                                     jurisdiction: nil, stage: nil)
        #expect(direct.documents.first?.error?.kind == .specialFile)
    }

    @Test func namesThatAreNotUTF8AreDecodedOrEscaped() {
        #expect(RawPath.display(Self.gbkFolder) == "项目文件夹")
        #expect(RawPath.display([0x61, 0xFF, 0x62]) == "a\\xFFb")
        #expect(RawPath.display(Array("普通.pdf".utf8)) == "普通.pdf")
    }

    @Test func aFileGoneOrUnopenableIsNamedSo() throws {
        let folder = try RunFixture.tempFolder("gone")
        let gone = RawPath(folder.appendingPathComponent("没了.pdf"))
        guard case .failure(let failure) = Runner.hash(gone) else { Issue.record("hashed a missing file"); return }
        #expect(failure.error.kind == .vanished)
        let request = WorkerRequest(raw: gone, displayPath: "没了.pdf", limits: .default)
        #expect(WorkerMain.read(request).first?.error?.kind == .vanished)
        try Self.mkfifo(folder.appendingPathComponent("p"))
        guard case .failure(let fifo) = Runner.hash(RawPath(folder.appendingPathComponent("p"))) else {
            Issue.record("hashed a FIFO"); return
        }
        #expect(fifo.error.kind == .specialFile)
    }
}

struct ProjectReportBox: Sendable { var report: ProjectReport }

/// An RFC 4180 reader, to read summary.csv back.
enum CSVCells {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\r\n" || c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
            i += 1
        }
        return rows
    }
}
