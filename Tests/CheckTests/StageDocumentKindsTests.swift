import Checklists
import DocumentModel
import Testing

@testable import Check
@testable import Sections
import TestSupport

/// The document kinds of the construction and decommissioning stages, told by the shipped catalogue as a
/// department names and titles them, and the project stage they give.
@Suite struct StageDocumentKindsTests {
    let catalogue: CompiledCatalogue

    init() throws {
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        catalogue = CompiledCatalogue(library.catalogue)
    }

    func kind(_ path: String, title: String? = nil) -> String {
        var b = DocBuilder(path)
        if let title { b.para(title) }
        b.para("正文。")
        return DocumentClassifier.kind(of: IndexedDocument(document: b.document, ordinal: 0), catalogue: catalogue)
    }

    @Test func namesOfTheNewKinds() {
        #expect(kind("2024年第三季度项目执行情况报告.docx") == "progress-report")
        #expect(kind("关于项目逾期情况的报告.docx") == "incident-report")
        #expect(kind("应急指挥系统先行建设情况说明.docx") == "emergency-record")
        #expect(kind("业务系统停用方案.docx") == "decommission-plan")
        #expect(kind("材料3.docx", title: "城市网格化管理系统停用备案申请") == "decommission-plan")
    }

    @Test func theyGiveTheirStage() {
        let stages = ["progress-report", "incident-report", "emergency-record", "decommission-plan"]
            .map { catalogue.kind($0)?.definition.stage }
        #expect(stages == [.construction, .construction, .construction, .decommission])
    }
}

@Suite struct StageInferenceTests {
    @Test func quarterlyReportsInAnAcceptancePackageKeepItAcceptance() throws {
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        let catalogue = CompiledCatalogue(library.catalogue)
        func indexed(_ path: String, _ ordinal: Int) -> IndexedDocument {
            var b = DocBuilder(path)
            b.para("正文。")
            let doc = IndexedDocument(document: b.document, ordinal: ordinal)
            doc.kind = DocumentClassifier.kind(of: doc, catalogue: catalogue)
            return doc
        }
        let package = [indexed("项目竣工验收报告.docx", 0), indexed("2024年第一季度项目执行情况报告.docx", 1)]
        #expect(DocumentClassifier.stage(given: nil, metadata: ProjectMetadata(), documents: package, catalogue: catalogue) == .acceptance)
        let reports = [indexed("2024年第一季度项目执行情况报告.docx", 0)]
        #expect(DocumentClassifier.stage(given: nil, metadata: ProjectMetadata(), documents: reports, catalogue: catalogue) == .construction)
        let retired = [indexed("业务系统停用方案.docx", 0)]
        #expect(DocumentClassifier.stage(given: nil, metadata: ProjectMetadata(), documents: retired, catalogue: catalogue) == .decommission)
    }
}
