import Checklists
import DocumentModel
import Testing

@testable import Check
@testable import Sections
import TestSupport

@Suite struct ClassifierTests {
    let library: ChecklistLibrary
    let catalogue: CompiledCatalogue

    init() throws {
        library = try CheckFixtures.library()
        catalogue = CompiledCatalogue(library.catalogue)
    }

    func kind(_ document: Document) -> String {
        DocumentClassifier.kind(of: IndexedDocument(document: document, ordinal: 0), catalogue: catalogue)
    }

    @Test func kindFromFileName() {
        #expect(kind(DocBuilder("项目申报/某某平台项目建议书.docx").document) == "proposal")
        #expect(kind(DocBuilder("package.zip!/材料/02-可研（送审稿）.pdf").document) == "feasibility")
    }

    @Test func kindFromTitle() {
        var b = DocBuilder("doc001.pdf")
        b.para("测试县数字乡村项目")
        b.para("可 行 性 研 究 报 告")
        #expect(kind(b.document) == "feasibility")

        var m = DocBuilder("scan.pdf")
        m.metadata = DocumentMetadata(title: "竣工验收报告")
        #expect(kind(m.document) == "acceptance-report")
    }

    @Test func unknownWhenNothingMatches() {
        var b = DocBuilder("材料1.docx")
        b.para("会议纪要")
        #expect(kind(b.document) == "unknown")
    }

    @Test func jurisdictionFromMetadataAndText() {
        var metadata = ProjectMetadata()
        metadata.jurisdiction = "测试县"
        let doc = IndexedDocument(document: DocBuilder("a.docx").document, ordinal: 0)
        #expect(DocumentClassifier.jurisdiction(given: nil, metadata: metadata, documents: [doc], library: library).id == "testcounty")

        var b = DocBuilder("a.docx")
        b.para("测试县大数据中心")
        let fromText = DocumentClassifier.jurisdiction(
            given: nil, metadata: ProjectMetadata(), documents: [IndexedDocument(document: b.document, ordinal: 0)], library: library)
        #expect(fromText.id == "testcounty")
        #expect(fromText.determined)

        let none = DocumentClassifier.jurisdiction(given: nil, metadata: ProjectMetadata(), documents: [doc], library: library)
        #expect(none.id == "national")
        #expect(!none.determined)
    }

    @Test func stagePrecedence() {
        var b = DocBuilder("验收报告.pdf")
        b.para("验收报告")
        let docs = [IndexedDocument(document: DocBuilder("项目建议书.docx").document, ordinal: 0),
                    IndexedDocument(document: b.document, ordinal: 1)]
        for doc in docs { doc.kind = DocumentClassifier.kind(of: doc, catalogue: catalogue) }
        var metadata = ProjectMetadata()
        #expect(DocumentClassifier.stage(given: nil, metadata: metadata, documents: docs, catalogue: catalogue) == .acceptance)
        metadata.stage = .om
        #expect(DocumentClassifier.stage(given: nil, metadata: metadata, documents: docs, catalogue: catalogue) == .om)
        #expect(DocumentClassifier.stage(given: .change, metadata: metadata, documents: docs, catalogue: catalogue) == .change)
    }

    @Test func mostFrequentJurisdictionWinsAndOverlappingAliasesCountOnce() throws {
        let other = """
            id: othertown
            name: 别的镇
            aliases: [别的镇]
            version: "1"
            regulation: {title: 别的镇办法, issuer: 别的镇, status: in-force, source: sources/national.txt}
            extends: national
            items: []
            """
        let library = try ChecklistLibrary.load(from: CheckFixtures.folder(["jurisdictions/othertown.yaml": other]))
        var b = DocBuilder("a.docx")
        b.para("测试县与别的镇合作项目")
        b.para("别的镇大数据中心承建，测试县配合")
        b.para("别的镇人民政府")
        let result = DocumentClassifier.jurisdiction(
            given: nil, metadata: ProjectMetadata(), documents: [IndexedDocument(document: b.document, ordinal: 0)],
            library: library)
        // 测试县 also matches the alias 测试: counted per place it would win 4 to 3.
        #expect(result.id == "othertown")
        #expect(library.checklists["othertown"]?.items.count == 2)
    }

    @Test func aPlaceNamedByOverlappingAliasesCountsOnce() {
        let names: Set<String> = ["晋城市阳城县", "阳城县", "阳城"]
        #expect(DocumentClassifier.placesNamed(by: names, in: "晋城市阳城县发展和改革局") == 1)
        #expect(DocumentClassifier.placesNamed(by: names, in: "晋城市阳城县……阳城县政务云……阳城") == 3)
        #expect(DocumentClassifier.placesNamed(by: names, in: "城阳区") == 0)
    }
}
