import Checklists
import Foundation
import Testing
import TestSupport

@testable import Check

/// Every example passage of every checklist, run as the linter runs its rules' examples.
@Suite struct ExampleRunnerTests {
    @Test func everyExampleOfTheShippedChecklistsBehaves() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Checklists", isDirectory: true)
        let results = ExampleRunner.run(try ChecklistLibrary.load(from: folder))
        #expect(results.count >= 70)
        #expect(results.contains { $0.expectation == "fail" })
        for failure in results where !failure.ok { Issue.record("\(failure.description)") }
    }

    @Test func aWrongExampleIsReported() throws {
        let text = RuleKindFixture.checklist.replacingOccurrences(
            of: "    basis: {article: 一, quote: 禁止自建机房}\n",
            with: "    basis: {article: 一, quote: 禁止自建机房}\n    examples: {pass: [\"本项目新建机房一间。\"], fail: [\"本项目不新建机房。\"]}\n")
        let folder = try CheckFixtures.folder(["jurisdictions/kinds.yaml": text, "sources/kinds.txt": RuleKindFixture.source])
        let results = ExampleRunner.run(try ChecklistLibrary.load(from: folder))
        #expect(results.count == 2)
        #expect(results.allSatisfy { !$0.ok })
        #expect(results.first?.description.contains("kinds-no-machine-room") == true)
    }

    @Test func passagesBecomeDocuments() {
        let docs = ExamplePassage.documents("# 概述\n正文\n| a | b |\n| 1 | 2 |\n文件：监理报告.docx\n## 监理\n结论", defaultName: "x.docx")
        #expect(docs.map(\.path) == ["x.docx", "监理报告.docx"])
        #expect(docs[0].blocks.map(\.kind) == [.heading, .paragraph, .table])
        #expect(docs[0].blocks[2].table?.rows.count == 2)
        #expect(docs[1].blocks.first?.heading?.level == 2)
    }
}
