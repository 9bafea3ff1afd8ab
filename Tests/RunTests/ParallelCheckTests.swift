import Check
import Checklists
import Foundation
import Report
import Testing
import TestSupport
@testable import Run

/// Projects are checked and reported in parallel; the reports must not depend on how many lanes ran.
@Suite struct ParallelCheckTests {
    @Test func oneAndTwoWorkersWriteTheSameReports() throws {
        let inbox = try RunFixture.tempFolder("parallel-inbox")
        let corpus = TestPaths.packageRoot.appendingPathComponent("Corpus/inbox")
        let fm = FileManager.default
        let projects = try fm.contentsOfDirectory(atPath: corpus.path).filter { !$0.hasPrefix(".") }.sorted()
            .filter { !$0.contains("scanned") }.prefix(8)
        #expect(projects.count == 8)
        for project in projects {
            try fm.copyItem(at: corpus.appendingPathComponent(project), to: inbox.appendingPathComponent(project))
        }
        var reports: [[String: Data]] = []
        for workers in [1, 2] {
            let out = try RunFixture.tempFolder("parallel-out-\(workers)")
            let options = RunFixture.options(inbox: inbox, out: out, workers: workers)
            let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
            let summary = try Runner(options: options, library: library, checklistsFolder: nil).run()
            #expect(summary.projectsChecked == projects.count)
            var byProject: [String: Data] = [:]
            for project in projects {
                var report = try JSONReport.decode(
                    Data(contentsOf: OutputLayout.projectFolder(out, project).appendingPathComponent("report.json")))
                report.generated = ""
                byProject[project] = try JSONReport.encode(report)
            }
            reports.append(byProject)
        }
        for project in projects {
            #expect(reports[0][project] == reports[1][project], "\(project)")
        }
    }
}
