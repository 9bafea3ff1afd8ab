@testable import Checklists
import Foundation
import Testing
import TestSupport

/// Each kind's parameters are checked at load time, and `validate` catches the slips that let a wrong list load.
@Suite struct RuleParametersTests {
    static func errors(_ text: String, file: String = "jurisdictions/kinds.yaml") throws -> [ChecklistError] {
        ChecklistLibrary.validate(directory: try CheckFixtures.folder([file: text, "sources/kinds.txt": RuleKindFixtureSource.text])).errors
    }

    static func item(_ rule: String, id: String = "kinds-x", condition: String = "") -> String {
        """
        id: kinds
        name: 测试
        aliases: []
        version: "1"
        regulation: {title: 测试细则, issuer: 测试局, status: guideline, source: sources/kinds.txt}
        items:
          - id: \(id)
            title: 测试
            stage: feasibility
            documents: [feasibility]
        \(condition.isEmpty ? "" : "    condition: \(condition)\n")    rule: \(rule)
            severity: must
            basis: {article: 一, quote: 禁止自建机房}

        """
    }

    @Test func eachKindNeedsItsOwnParameters() throws {
        let cases: [(String, String)] = [
            ("{kind: must-not}", "terms"),
            ("{kind: substance, section: om}", "minimumCharacters"),
            ("{kind: order, sections: [om]}", "至少需要两个章节"),
            ("{kind: order, sections: [om, nosuch]}", "nosuch"),
            ("{kind: table}", "columns、minimumRows 或 totals"),
            ("{kind: table, section: nosuch, totals: true}", "nosuch"),
            ("{kind: mention, terms: [云], minimumRows: 2}", "不接受参数 minimumRows"),
            ("{kind: section, section: om, elements: [{name: 团队, patterns: []}]}", "没有 patterns"),
        ]
        for (rule, expected) in cases {
            let errors = try Self.errors(Self.item(rule))
            #expect(errors.contains { $0.message.contains(expected) }, "\(rule): \(errors)")
        }
    }

    @Test func errorPointsToTheOffendingKey() throws {
        let text = Self.item("\n      kind: order\n      sections:\n        - om\n        - nosuch")
        let errors = try Self.errors(text)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("- nosuch") }! + 1
        #expect(errors.contains { $0.message.contains("nosuch") && $0.line == line }, "\(errors)")
    }

    @Test func idFileNamePrefixAndDescriptionAreChecked() throws {
        let misnamed = try Self.errors(Self.item("{kind: must-not, terms: [机房]}"), file: "jurisdictions/other.yaml")
        #expect(misnamed.contains { $0.message.contains("应与文件名“other”一致") })
        let unprefixed = try Self.errors(Self.item("{kind: must-not, terms: [机房]}", id: "room"))
        #expect(unprefixed.contains { $0.message.contains("id 应以辖区 id 开头") })
        let undescribed = try Self.errors(Self.item(
            "{kind: must-not, terms: [机房]}", condition: "{fact: total-investment, op: \">=\", value: 30}"))
        #expect(undescribed.contains { $0.message.contains("condition 缺少 description") })
        let badSays = try Self.errors(Self.item(
            "{kind: must-not, terms: [机房]}", condition: "{says: [云], section: nosuch, description: 提到云}"))
        #expect(badSays.contains { $0.message.contains("nosuch") })
    }

    @Test func badRegexIsExplained() {
        #expect(RegexDiagnosis.problem("^投资(估算") == "第 4 个字符处的“(”没有对应的“)”")
        #expect(RegexDiagnosis.problem("+概算")?.contains("前面没有可重复的内容") == true)
        #expect(RegexDiagnosis.problem("[概算") == "第 1 个字符处的“[”没有对应的“]”")
        #expect(RegexDiagnosis.problem("概算\\") == "末尾的反斜杠“\\”后面缺少字符")
        #expect(RegexDiagnosis.problem("^投资(估算|概算)$") == nil)
    }
}

enum RuleKindFixtureSource {
    static let text = "一 禁止自建机房"
}
