import Foundation
import Testing
import TestSupport

/// `check`'s exit status and switches: nothing applicable is said plainly, --fail-on, -q and -o.
@Suite struct CheckOutcomeTests {
    let checklists = ["--checklists", TestPaths.checklists]

    func project(_ name: String) -> String { Gapcheck.corpus.appendingPathComponent(name).path }

    @Test func blankTemplateExitsThreeAndSaysSo() throws {
        let result = try Gapcheck.run(["check", project("29-dalateqi-feasibility-blank-template")] + checklists)
        #expect(result.status == 3)
        #expect(result.stderr.contains("没有适用于本项目的检查项"))
    }

    @Test func failOnDecidesWhichGapsFail() throws {
        let path = project("01-wendeng-feasibility-complete")
        let must = try Gapcheck.run(["check", path, "-q", "--fail-on", "must"] + checklists)
        let any = try Gapcheck.run(["check", path, "-q", "--fail-on", "any", "--format", "json"] + checklists)
        let json = try Gapcheck.run(["check", path, "--format", "json"] + checklists)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = (report?["findings"] as? [[String: Any]]) ?? []
        let open = findings.filter { ["missing", "partial", "not-checked"].contains($0["status"] as? String) }
        let mustOpen = open.filter { $0["severity"] as? String == "must" }
        #expect(must.status == (mustOpen.isEmpty ? 0 : 1))
        #expect(any.status == (open.isEmpty ? 0 : 1))
        #expect(any.stdout.isEmpty)
        #expect(must.stdout.isEmpty)
    }

    @Test func outputGoesToTheNamedFile() throws {
        let folder = try Gapcheck.temporaryFolder("out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.sarif")
        let result = try Gapcheck.run(["check", project("01-wendeng-feasibility-complete"), "--format", "sarif",
                                       "-o", file.path] + checklists)
        #expect(result.stdout.isEmpty)
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
    }

    @Test func junitHasOneCasePerFinding() throws {
        let result = try Gapcheck.run(["check", project("01-wendeng-feasibility-complete"), "--format", "junit"]
                                      + checklists)
        #expect(result.stdout.hasPrefix("<?xml"))
        #expect(result.stdout.contains("<testsuites"))
        #expect(result.stdout.contains("name=\"tool\" value=\"gapcheck "))
    }
}
