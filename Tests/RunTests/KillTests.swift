import Checklists
import Foundation
import Report
import Testing
import TestSupport
@testable import Run

/// A run killed with SIGKILL at any moment must leave the previous reports readable and let the next run finish.
@Suite struct KillTests {
    static let projects = 40

    func assertOutputsIntact(_ out: URL, context: String) throws {
        for i in 0..<Self.projects {
            let folder = OutputLayout.projectFolder(out, "project-\(i)")
            let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
            #expect((try? JSONReport.decode(data)) != nil, "\(context): project-\(i)/report.json unreadable")
            let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.hasSuffix("</html>\n"), "\(context): project-\(i)/report.html truncated")
        }
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.hasSuffix("</html>\n"), "\(context): index.html truncated")
        #expect(try StateStore(url: OutputLayout.stateURL(out)).runCount() >= 1)
    }

    @Test func killedRunLeavesPreviousReportsAndTheNextRunCompletes() throws {
        let inbox = try RunFixture.tempFolder("kill-inbox")
        let out = try RunFixture.tempFolder("kill-out")
        func fill(_ version: Int) throws {
            var files: [String: Data] = [:]
            for i in 0..<Self.projects {
                for name in ["可研报告.pdf", "概算.docx", "附件.zip"] {
                    files["project-\(i)/\(name)"] = RunFixture.bytes("\(name) \(i) version \(version)")
                }
            }
            try RunFixture.write(files, under: inbox)
        }
        try fill(1)
        let library = try RunFixture.library()
        let first = try Runner(options: RunFixture.options(inbox: inbox, out: out), library: library,
                               checklistsFolder: nil).run()
        #expect(first.projectsChecked == Self.projects)
        try fill(2)

        // The binary loads the project's own Checklists/ folder; where that cannot be loaded the command stops at
        // once, and only the integrity half of this test is exercised.
        let checklists = TestPaths.packageRoot.appendingPathComponent("Checklists")
        let binaryCanRun = (try? ChecklistLibrary.load(from: checklists)) != nil
        for delay in [0.3, 1.1, 1.4, 1.8, 2.5] {
            let process = Process()
            process.executableURL = RunFixture.gapcheckBinary
            process.arguments = ["run", inbox.path, "--out", out.path, "--checklists", checklists.path,
                                 "--workers", "2", "--settle-seconds", "0"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            let wasRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if binaryCanRun && delay < 1 {
                #expect(wasRunning, "the run finished before it could be killed")
            }
            try assertOutputsIntact(out, context: "after kill at \(delay)s")
        }

        let last = try Runner(options: RunFixture.options(inbox: inbox, out: out), library: library,
                              checklistsFolder: nil).run()
        #expect(last.projectsChecked + last.projectsUnchanged == Self.projects)
        #expect(last.extracted <= Self.projects * 3)
        try assertOutputsIntact(out, context: "after the completing run")
        let leftovers = (try FileManager.default.subpathsOfDirectory(atPath: out.path)).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        let again = try Runner(options: RunFixture.options(inbox: inbox, out: out), library: library,
                               checklistsFolder: nil).run()
        #expect(again.extracted == 0)
        #expect(again.projectsUnchanged == Self.projects)
    }
}
