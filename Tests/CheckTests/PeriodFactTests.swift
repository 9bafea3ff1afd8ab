import Testing

@testable import Check

@Suite struct PeriodFactTests {
    @Test func dateRangesCountBothEndMonths() {
        #expect(PeriodFact.months(in: "建设期为2024年3月至2025年2月") == 12)
        #expect(PeriodFact.months(in: "建设周期:2024年1月-6月") == 6)
        #expect(PeriodFact.months(in: "2025年3月至2024年2月") == nil)
    }

    @Test func constructionMonthsFromRangeOrDuration() throws {
        let long = try #require(RuleKindFixture.finding("kinds-period", "# 实施进度\n项目建设周期为2025年3月至2026年8月。"))
        #expect(long.status == .missing)
        #expect(long.reason.contains("18个月"))
        let stated = try #require(RuleKindFixture.finding("kinds-period", "# 实施进度\n建设周期10个月。"))
        #expect(stated.status == .met)
    }

    @Test func anExtensionIsNotThePeriod() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-period", "# 实施进度\n建设周期延长6个月。"))
        #expect(finding.status == .partial)
    }

    @Test func buildNatureIsADeclaration() {
        #expect(BuildNatureFact.nature(in: "建设性质:续建") == "continued")
        #expect(BuildNatureFact.nature(in: "本项目为改扩建项目") == "renovation")
        #expect(BuildNatureFact.nature(in: "本项目新建数据共享模块") == nil)
    }
}
