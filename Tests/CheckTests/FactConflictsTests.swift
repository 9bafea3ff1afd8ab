import Checklists
import DocumentModel
import Foundation
import Testing
import TestSupport
@testable import Check

/// project.yaml says 3 years of free maintenance, the document 两年: both are shown, and a finding says so.
@Suite struct FactConflictsTests {
    let checker: Checker

    init() throws {
        checker = Checker(library: try CheckFixtures.library())
    }

    @Test func disagreementIsShownWithBothSources() throws {
        var metadata = ProjectMetadata()
        metadata.freeMaintenanceYears = 3
        let report = checker.check(ProjectInput(id: "p", metadata: metadata, documents: [CheckerTests.feasibility()]))
        let conflict = try #require(report.findings.first { $0.requirement == "fact-conflict-free-maintenance-years" })
        #expect(conflict.status == .notChecked)
        #expect(conflict.severity == .must)
        #expect(conflict.reason.contains("project.yaml 填写的免费运维期为3年"))
        #expect(conflict.reason.contains("文件中写明2年"))
        let sources = report.project.facts.filter { $0.key == .freeMaintenanceYears }.map(\.source)
        #expect(sources == ["project.yaml", "document"])
        #expect(conflict.evidence.contains { $0.document.hasSuffix("可行性研究报告.docx") })
    }

    @Test func agreementRaisesNothing() throws {
        var metadata = ProjectMetadata()
        metadata.freeMaintenanceYears = 2
        let report = checker.check(ProjectInput(id: "p", metadata: metadata, documents: [CheckerTests.feasibility()]))
        #expect(!report.findings.contains { $0.requirement.hasPrefix("fact-conflict-") })
        #expect(report.project.facts.filter { $0.key == .freeMaintenanceYears }.count == 1)
    }
}
