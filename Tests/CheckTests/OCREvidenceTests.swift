import DocumentModel
import Foundation
import Ingest
import TestSupport
import Testing

@testable import Check
@testable import Sections
import TestSupport

/// Sections found in text recognised by OCR: their evidence says where the text came from.
@Suite struct OCREvidenceTests {
    @Test func sectionFromAScannedPDFIsMarkedOCR() throws {
        let url = TestPaths.packageRoot.appendingPathComponent("Tests/IngestTests/Fixtures/pdf/scanned-report.pdf")
        let documents = Ingestor.ingest(file: url, displayPath: "验收报告.pdf")
        let document = try #require(documents.first)
        #expect(document.error == nil)
        #expect(document.ocrPages == [1, 2])
        let catalogue = CompiledCatalogue(try CheckFixtures.library().catalogue)
        let indexed = IndexedDocument(document: document, ordinal: 0)
        indexed.kind = DocumentClassifier.kind(of: indexed, catalogue: catalogue)
        let locator = SectionLocator(catalogue: catalogue, documents: [indexed])
        let match = locator.locate(try #require(catalogue.section("crypto")), in: indexed)
        #expect(match.status == .present)
        #expect(match.evidence?.ocr == true)
        #expect(match.evidence?.page == 2)
        #expect(match.heading == "第三章 密码应用方案")
    }
}
