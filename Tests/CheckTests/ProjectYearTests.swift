import Checklists
import DocumentModel
import Foundation
import Testing
import TestSupport
@testable import Check

/// The year statistics group a project by comes from the project, not from when a PDF was saved.
@Suite struct ProjectYearTests {
    let checker: Checker

    init() throws {
        checker = Checker(library: try CheckFixtures.library())
    }

    func document(created: String) -> Document {
        var document = CheckerTests.feasibility()
        document.metadata.created = created
        return document
    }

    @Test func printedDateWinsOverTheFileCreationDate() {
        let report = checker.check(ProjectInput(id: "p", documents: [document(created: "2019-05-01T08:00:00Z")]))
        #expect(report.project.year == 2026)
    }

    @Test func projectYamlYearWinsOverEverything() {
        var metadata = ProjectMetadata()
        metadata.year = 2025
        let report = checker.check(ProjectInput(id: "p", metadata: metadata,
                                                documents: [document(created: "2019-05-01T08:00:00Z")]))
        #expect(report.project.year == 2025)
    }
}
