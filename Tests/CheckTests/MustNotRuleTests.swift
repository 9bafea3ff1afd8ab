import Testing

@testable import Check

@Suite struct MustNotRuleTests {
    @Test func affirmedTermIsAViolationWithEvidence() throws {
        let finding = try #require(RuleKindFixture.finding("kinds-no-machine-room", "# 建设内容\n本项目新建机房一间，面积80平方米。"))
        #expect(finding.status == .missing)
        #expect(finding.reason.contains("新建机房"))
        #expect(finding.evidence.first?.excerpt.contains("新建机房") == true)
    }

    @Test func negatedTermInItsClauseIsCompliance() throws {
        for text in ["本项目不新建机房，依托政务云部署。", "严禁由承建单位自建机房。", "项目依托政务云，无需新建机房。"] {
            let finding = try #require(RuleKindFixture.finding("kinds-no-machine-room", "# 部署方式\n\(text)"))
            #expect(finding.status == .met, "\(text)")
        }
    }

    @Test func negationDoesNotReachAcrossAClause() {
        #expect(RequirementEvaluator.affirmed("新建机房", in: "不使用原有设备,新建机房"))
        #expect(!RequirementEvaluator.affirmed("新建机房", in: "不得由承建单位新建机房"))
    }
}
