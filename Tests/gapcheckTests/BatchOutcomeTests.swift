import Foundation
import Testing
import TestSupport

/// `run`'s exit status tells a scheduler what to act on.
@Suite struct BatchOutcomeTests {
    @Test func unreadableDocumentExitsFour() throws {
        let inbox = try Gapcheck.temporaryFolder("inbox")
        defer { try? FileManager.default.removeItem(at: inbox) }
        let project = inbox.appendingPathComponent("p1")
        try FileManager.default.copyItem(at: Gapcheck.corpus.appendingPathComponent("01-wendeng-feasibility-complete"),
                                         to: project)
        try Data("%PDF-1.7\nnot really a pdf".utf8).write(to: project.appendingPathComponent("附件.pdf"))
        let out = inbox.appendingPathComponent("Output")
        let result = try Gapcheck.run(["run", inbox.path, "--out", out.path, "--settle-seconds", "0", "--workers", "1",
                                       "--checklists", TestPaths.checklists])
        #expect(result.status == 4)
        #expect(result.stderr.contains("有文件无法读取"))
    }

    @Test func missingInboxExitsTwo() throws {
        let result = try Gapcheck.run(["run", "/nonexistent-inbox", "--checklists", TestPaths.checklists])
        #expect(result.status == 2)
        #expect(result.stderr.contains("找不到文件或文件夹"))
    }
}
