import Testing

@testable import Check

@Suite struct TableRuleTests {
    static func budget(_ rows: String) -> String { "# 投资估算\n项目总投资如下表。\n| 序号 | 名称 | 金额（万元） |\n" + rows }

    @Test func tableWithColumnsRowsAndTotalsIsMet() throws {
        let finding = try #require(RuleKindFixture.finding(
            "kinds-budget-table", Self.budget("| 1 | 软件开发 | 120 |\n| 2 | 硬件购置 | 80.5 |\n| 合计 | | 200.5 |")))
        #expect(finding.status == .met)
    }

    @Test func totalThatDoesNotAddUpIsPartial() throws {
        let finding = try #require(RuleKindFixture.finding(
            "kinds-budget-table", Self.budget("| 1 | 软件开发 | 120 |\n| 2 | 硬件购置 | 80 |\n| 合计 | | 210 |")))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("合计为210"))
        #expect(finding.reason.contains("各行之和为200"))
    }

    @Test func tooFewRowsAndNoTotalArePartial() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-budget-table", Self.budget("| 1 | 软件开发 | 120 |")))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("少于2行"))
        #expect(finding.reason.contains("没有合计行"))
    }

    @Test func sectionWithoutTableIsMissing() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-budget-table", "# 投资估算\n项目总投资200万元。"))
        #expect(finding.status == .missing)
    }

    @Test func numbersInCells() {
        #expect(RequirementEvaluator.number("1,200.50") == 1200.5)
        #expect(RequirementEvaluator.number("35万元") == 35)
        #expect(RequirementEvaluator.number("软件") == nil)
    }
}
