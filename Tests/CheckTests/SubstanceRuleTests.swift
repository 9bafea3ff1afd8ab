import Testing

@testable import Check

@Suite struct SubstanceRuleTests {
    @Test func shortSectionIsWeak() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-om-substance", "# 运维方案\n由承建单位负责运维。"))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("内容过于简略"))
    }

    @Test func sectionWithEnoughTextIsMet() throws {
        let text = "# 运维方案\n系统上线后由承建单位提供三年免费运维，设立运维团队五人，实行7×24小时值守，故障响应时间不超过两小时，每季度提交运维报告。"
        let finding = try #require(RuleKindFixture.finding("kinds-om-substance", text))
        #expect(finding.status == .met)
    }

    @Test func absentSectionIsMissing() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-om-substance", "# 现状分析\n现有系统老旧。"))
        #expect(finding.status == .missing)
    }
}
