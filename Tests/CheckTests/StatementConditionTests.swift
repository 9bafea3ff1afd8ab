import Testing

@testable import Check

@Suite struct StatementConditionTests {
    @Test func conditionHoldsWhenTheSectionSaysIt() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-cloud-fee", "# 运维方案\n系统部署在政务云，由云服务商保障。"))
        #expect(finding.status == .missing)
        #expect(finding.reason.isEmpty == false)
    }

    @Test func saidOutsideTheSectionTheItemDoesNotApply() throws {
        let text = "# 现状分析\n本市已建成政务云。\n# 运维方案\n由承建单位提供三年运维服务。"
        let finding = try #require(RuleKindFixture.finding("kinds-cloud-fee", text))
        #expect(finding.status == .notApplicable)
        #expect(finding.reason.contains("未提到政务云"))
    }

    @Test func metWhenSaidAndTheRuleHolds() throws {
        let text = "# 运维方案\n系统部署在政务云，云资源租赁费每年12万元。"
        let finding = try #require(RuleKindFixture.finding("kinds-cloud-fee", text))
        #expect(finding.status == .met)
    }
}
