import Check
import Checklists
import DocumentModel
import Foundation
import Ingest
import TestSupport
import Testing

/// Runs ingest and checking in-process over `Corpus/inbox` and compares with `Corpus/expected.json` (gathered by
/// corpus-gen from the descriptions in `Corpus/projects`). Prints precision and recall per status.
@Suite struct CorpusTests {
    struct ExpectedCorpus: Decodable {
        var projects: [ExpectedProject]
    }

    struct ExpectedProject: Decodable {
        var id: String
        var metadata: ProjectMetadata
        var documents: [ExpectedDocument]
        var requirements: [String: String]
    }

    struct ExpectedDocument: Decodable {
        var file: String
        var kind: String?
        var expectError: Bool
        var sections: [String: String]
    }

    /// Expected and actual values of one kind (sections or requirements), for the scores.
    struct Tally {
        var pairs: [(expected: String, actual: String, label: String)] = []

        var mismatches: [String] {
            pairs.filter { $0.expected != $0.actual }.map { "\($0.label): expected \($0.expected), got \($0.actual)" }
        }

        func table(title: String) -> String {
            var lines = ["\(title): \(pairs.count - mismatches.count)/\(pairs.count) match"]
            let statuses = Set(pairs.map(\.expected)).union(pairs.map(\.actual)).sorted()
            for status in statuses {
                let truePositives = pairs.filter { $0.expected == status && $0.actual == status }.count
                let predicted = pairs.filter { $0.actual == status }.count
                let relevant = pairs.filter { $0.expected == status }.count
                let precision = predicted == 0 ? "-" : String(format: "%.2f", Double(truePositives) / Double(predicted))
                let recall = relevant == 0 ? "-" : String(format: "%.2f", Double(truePositives) / Double(relevant))
                lines.append("  \(status.padding(toLength: 15, withPad: " ", startingAt: 0)) precision \(precision)  recall \(recall)  (expected \(relevant), reported \(predicted))")
            }
            return lines.joined(separator: "\n")
        }
    }

    static let corpus = TestPaths.packageRoot.appendingPathComponent("Corpus")

    @Test func expectationsCoverEveryJurisdictionStageAndStatus() throws {
        let expected = try Self.loadExpected()
        #expect(expected.projects.count >= 25)
        let jurisdictions = Set(expected.projects.compactMap { $0.metadata.jurisdiction })
        #expect(jurisdictions.isSuperset(of: ["wendeng", "yangcheng", "shangrao", "laizhou", "dalateqi"]))
        let stages = Set(expected.projects.compactMap { $0.metadata.stage })
        #expect(stages == Set(Stage.allCases))
        let sectionStatuses = Set(expected.projects.flatMap { $0.documents.flatMap { $0.sections.values } })
        #expect(sectionStatuses.isSuperset(of: SectionStatus.allCases.map(\.rawValue)))
        let requirementStatuses = Set(expected.projects.flatMap { $0.requirements.values })
        #expect(requirementStatuses.isSuperset(of: ["met", "partial", "missing"]))
        // Every file the expectations name exists in the inbox.
        for project in expected.projects {
            for document in project.documents {
                let url = Self.corpus.appendingPathComponent("inbox/\(project.id)/\(document.file)")
                #expect(FileManager.default.fileExists(atPath: url.path), Comment(rawValue: "\(project.id)/\(document.file)"))
            }
        }
    }

    @Test func pipelineMatchesExpectations() throws {
        let expected = try Self.loadExpected()
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        let checker = Checker(library: library)
        var sections = Tally()
        var requirements = Tally()
        var errors = Tally()
        let fm = FileManager.default
        for project in expected.projects {
            let folder = Self.corpus.appendingPathComponent("inbox/\(project.id)")
            let files = try fm.contentsOfDirectory(atPath: folder.path).filter { $0 != "project.yaml" }.sorted()
            var documents: [Document] = []
            for file in files {
                documents += Ingestor.ingest(
                    file: folder.appendingPathComponent(file), displayPath: "\(project.id)/\(file)")
            }
            let report = checker.check(
                ProjectInput(id: project.id, metadata: project.metadata, documents: documents),
                now: Date(timeIntervalSince1970: 1_735_689_600))
            for document in project.documents {
                let path = "\(project.id)/\(document.file)"
                let found = report.documents.first { $0.path == path }
                let label = path
                if document.expectError {
                    errors.pairs.append(("error", found?.error == nil ? "readable" : "error", label))
                    continue
                }
                errors.pairs.append(("readable", found == nil ? "absent" : (found?.error == nil ? "readable" : "error"), label))
                for (name, status) in document.sections.sorted(by: { $0.key < $1.key }) {
                    // A section the report does not list counts as missing.
                    let actual = found?.sections.first { $0.name == name }?.status.rawValue ?? "missing"
                    sections.pairs.append((status, actual, "\(path) § \(name)"))
                }
            }
            for (id, status) in project.requirements.sorted(by: { $0.key < $1.key }) {
                let actual = report.findings.first { $0.requirement == id }?.status.rawValue ?? "(not reported)"
                requirements.pairs.append((status, actual, "\(project.id) \(id)"))
            }
        }
        print(sections.table(title: "Sections"))
        print(requirements.table(title: "Requirements"))
        print(errors.table(title: "Readability"))
        let mismatches = errors.mismatches + sections.mismatches + requirements.mismatches
        #expect(mismatches.isEmpty, Comment(rawValue: "\(mismatches.count) mismatches:\n" + mismatches.joined(separator: "\n")))
    }

    static func loadExpected() throws -> ExpectedCorpus {
        let data = try Data(contentsOf: corpus.appendingPathComponent("expected.json"))
        return try JSONDecoder().decode(ExpectedCorpus.self, from: data)
    }
}
