import Testing

@testable import Check

@Suite struct SectionElementsTests {
    @Test func itemElementShownInTheSectionIsMet() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-om-team", "# 运维方案\n组建运维团队五人，负责日常巡检。"))
        #expect(finding.status == .met)
        #expect(finding.reason.contains("运维团队"))
    }

    @Test func itemElementOutsideTheSectionDoesNotCount() throws {
        let text = "# 现状分析\n现有运维团队两人。\n# 运维方案\n由承建单位提供三年运维服务，负责日常巡检。"
        let finding = try #require(RuleKindFixture.finding("kinds-om-team", text))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("未写明：运维团队"))
    }
}
