import DocumentModel
import Foundation
import Report
import Testing
@testable import Run

@Suite(.serialized) struct StateStoreTests {
    @Test func aDamagedDatabaseIsMovedAsideAndRebuilt() throws {
        let inbox = try RunFixture.tempFolder("heal-inbox")
        let out = try RunFixture.tempFolder("heal-out")
        try RunFixture.write(["p/a.pdf": RunFixture.bytes("%PDF-1.4 broken")], under: inbox)
        let library = try RunFixture.library()
        _ = try Runner(options: RunFixture.options(inbox: inbox, out: out), library: library, checklistsFolder: nil).run()
        // Truncate the database in the middle of its pages.
        let url = OutputLayout.stateURL(out)
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2 + 100).write(to: url)

        let summary = try Runner(options: RunFixture.options(inbox: inbox, out: out), library: library,
                                 checklistsFolder: nil).run()
        #expect(summary.projectsChecked == 1)
        #expect(summary.extracted == 1)  // rebuilt from the documents
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names.contains { $0.hasPrefix("state.sqlite.damaged-") })
        let log = try String(contentsOf: out.appendingPathComponent("run.log"), encoding: .utf8)
        #expect(log.contains("warning: state database \(url.path) was damaged"))
        #expect(try StateStore(url: url).runCount() == 1)
    }

    @Test func timeoutsAreRetriedABoundedNumberOfTimesAndWhenLimitsRise() throws {
        let inbox = try RunFixture.tempFolder("retry-inbox")
        let out = try RunFixture.tempFolder("retry-out")
        try RunFixture.write(["p/hang-here.pdf": RunFixture.bytes("%PDF-1.4 broken")], under: inbox)
        let library = try RunFixture.library()
        func run(timeout: Double, hang: Bool) throws -> RunSummary {
            var options = RunFixture.options(inbox: inbox, out: out, timeout: timeout,
                                             environment: hang ? [WorkerMain.faultInjectionVariable: "hang:hang-here"] : [:])
            options.maxAttempts = 2
            return try Runner(options: options, library: library, checklistsFolder: nil).run()
        }
        func kind() throws -> IngestErrorKind? {
            try JSONReport.decode(Data(contentsOf: OutputLayout.projectFolder(out, "p").appendingPathComponent("report.json")))
                .documents.first?.error?.kind
        }
        #expect(try run(timeout: 1, hang: true).extracted == 1)
        #expect(try kind() == .timeout)
        #expect(try run(timeout: 1, hang: true).extracted == 1)  // second attempt
        #expect(try run(timeout: 1, hang: true).extracted == 0)  // attempts spent, same limits: the failure stands
        #expect(try kind() == .timeout)
        let raised = try run(timeout: 30, hang: false)  // a larger limit: tried again
        #expect(raised.extracted == 1)
        #expect(try kind() == .corrupt)
        #expect(try run(timeout: 30, hang: false).extracted == 0)  // a real result is cached
    }
}
