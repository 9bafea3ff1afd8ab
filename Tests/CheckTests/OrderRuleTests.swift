import Testing

@testable import Check

@Suite struct OrderRuleTests {
    static let crypto = "# 密码应用方案\n采用商用密码SM4加密存储，按GB/T 39786开展密评。"
    static let om = "# 运维方案\n由承建单位提供三年运维服务。"
    static let current = "# 现状分析\n现有系统运行五年，设备老化。"

    @Test func templateOrderIsMet() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-order", [Self.current, Self.crypto, Self.om].joined(separator: "\n")))
        #expect(finding.status == .met)
    }

    @Test func swappedChaptersArePartialNamingBoth() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-order", [Self.current, Self.om, Self.crypto].joined(separator: "\n")))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("「运维方案」出现在「密码应用」之前"))
    }

    @Test func fewerThanTwoChaptersCannotBeJudged() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-order", Self.om))
        #expect(finding.status == .notChecked)
    }
}
