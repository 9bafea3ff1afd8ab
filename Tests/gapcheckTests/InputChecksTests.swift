import Foundation
import Testing
import TestSupport

/// Inputs that cannot be right are refused before any checking, with the valid choices listed.
@Suite struct InputChecksTests {
    let project = Gapcheck.corpus.appendingPathComponent("01-wendeng-feasibility-complete").path
    let checklists = ["--checklists", TestPaths.checklists]

    @Test(arguments: ["nosuch", "顺义区"])
    func unknownJurisdictionIsRefused(_ name: String) throws {
        let result = try Gapcheck.run(["check", project, "--jurisdiction", name] + checklists)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("未知的辖区“\(name)”"))
        #expect(result.stderr.contains("wendeng（威海市文登区）"))
    }

    @Test func unknownStageIsRefusedWithTheChoices() throws {
        let result = try Gapcheck.run(["check", project, "--stage", "立项后"] + checklists)
        #expect(result.status == 2)
        #expect(result.stderr.contains("未知的阶段“立项后”"))
        #expect(result.stderr.contains("feasibility（可行性研究）"))
    }

    @Test func missingPathIsRefusedBeforeAnyChecking() throws {
        let result = try Gapcheck.run(["check", "/nonexistent.docx"] + checklists)
        #expect(result.status == 2)
        #expect(!result.stdout.contains("[缺失]"))
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("找不到文件或文件夹：/nonexistent.docx"))
    }

    @Test func errorsAreJSONUnderFormatJSON() throws {
        let result = try Gapcheck.run(["check", project, "--jurisdiction", "nosuch", "--format", "json"] + checklists)
        #expect(result.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        let error = object?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "unknown-jurisdiction")
        #expect((error?["message"] as? String)?.contains("wendeng") == true)
        #expect(error?["exitStatus"] as? Int == 2)
    }

    /// Chinese names for the jurisdiction and stage reach the same checklist as the ids.
    @Test func chineseNamesAreAccepted() throws {
        let byID = try Gapcheck.run(["check", project, "--jurisdiction", "wendeng", "--stage", "feasibility",
                                     "--format", "json"] + checklists)
        let byName = try Gapcheck.run(["check", project, "--jurisdiction", "文登", "--stage", "可研",
                                       "--format", "json"] + checklists)
        #expect(byName.status == byID.status)
        let a = try JSONSerialization.jsonObject(with: Data(byID.stdout.utf8)) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [String: Any]
        let projectA = a?["project"] as? [String: Any]
        let projectB = b?["project"] as? [String: Any]
        #expect(projectB?["jurisdiction"] as? String == "wendeng")
        #expect(projectB?["stage"] as? String == "feasibility")
        #expect((a?["findings"] as? [Any])?.count == (b?["findings"] as? [Any])?.count)
        #expect(projectA?["jurisdiction"] as? String == "wendeng")
    }
}

extension TestPaths {
    static var checklists: String { packageRoot.appendingPathComponent("Checklists").path }
}
