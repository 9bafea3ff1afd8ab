import Checklists
import DocumentModel
import Testing

@testable import Check
@testable import Sections
import TestSupport

@Suite struct FactExtractorTests {
    func facts(_ docs: [Document], _ metadata: ProjectMetadata = ProjectMetadata()) -> [FactKey: Fact] {
        FactExtractor.extract(documents: docs.enumerated().map { IndexedDocument(document: $1, ordinal: $0) }, metadata: metadata)
    }

    var feasibility: Document {
        var b = DocBuilder("可研.docx")
        b.heading(1, "第九章", "投资估算")
        b.para("本项目估算总投资为伍佰贰拾万元，其中建设投资480万元。")
        b.para("项目建成后提供免费运维期两年，试运行期三个月。")
        b.table([["政府购买服务期限", "5年"]])
        b.heading(1, "第十章", "变更说明")
        b.para("本次调整金额占原批复概算的8%。")
        return b.document
    }

    @Test func factsFromDocumentsWithEvidence() throws {
        let found = facts([feasibility])
        #expect(found[.totalInvestment]?.value == .number(520))
        #expect(found[.totalInvestment]?.unit == "万元")
        #expect(found[.freeMaintenanceYears]?.value == .number(2))
        #expect(found[.trialRunMonths]?.value == .number(3))
        #expect(found[.serviceTermYears]?.value == .number(5))
        #expect(found[.adjustmentPercent]?.value == .number(8))
        let evidence = try #require(found[.totalInvestment]?.evidence)
        #expect(evidence.document == "可研.docx")
        #expect(evidence.heading == "第九章 投资估算")
        #expect(evidence.excerpt.contains("估算总投资"))
        #expect(found[.totalInvestment]?.source == "document")
    }

    @Test func projectYamlWins() {
        var metadata = ProjectMetadata()
        metadata.totalInvestment = 300
        metadata.softwareDevelopment = true
        let found = facts([feasibility], metadata)
        #expect(found[.totalInvestment]?.value == .number(300))
        #expect(found[.totalInvestment]?.source == "project.yaml")
        #expect(found[.totalInvestment]?.evidence == nil)
        #expect(found[.softwareDevelopment]?.value == .bool(true))
        // Facts project.yaml does not state still come from the documents.
        #expect(found[.freeMaintenanceYears]?.source == "document")
    }

    @Test func headerTextIsNotAFactSource() {
        var b = DocBuilder("可研.docx")
        b.para("项目总投资800万元", part: .header)
        b.para("项目概况说明。")
        #expect(facts([b.document])[.totalInvestment] == nil)
    }
}
