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
                // A package that opens is reported through its members (`package.zip!/member.docx`); one that does not
                // open is reported under its own path with the error.
                let members = report.documents.filter { $0.path.hasPrefix(path + "!/") }
                let readability: String
                if let found {
                    readability = found.error == nil ? "readable" : "error"
                } else if !members.isEmpty {
                    readability = members.contains { $0.error == nil } ? "readable" : "error"
                } else {
                    readability = "absent"
                }
                if document.expectError {
                    errors.pairs.append(("error", readability == "error" ? "error" : "readable", label))
                    continue
                }
                errors.pairs.append(("readable", readability, label))
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

    /// The hard cases that live in the bytes of the files, checked on the committed corpus itself.
    @Test func hardCaseFilesAreWhatTheirDescriptionsSay() throws {
        let inbox = Self.corpus.appendingPathComponent("inbox")
        // GBK entry names without the UTF-8 flag (general purpose bit 11) in the central directory.
        let gbkZip = try Data(contentsOf: inbox.appendingPathComponent("03-wendeng-acceptance-gbk-no-supervision/验收材料.zip"))
        let entries = Self.centralDirectory(Array(gbkZip))
        #expect(entries.count == 10)
        for entry in entries {
            #expect(entry.flags & 0x0800 == 0)
            #expect(String(validating: entry.name, as: UTF8.self) == nil)
        }
        // A nested ZIP inside the acceptance package.
        let nested = try Data(contentsOf: inbox.appendingPathComponent("09-yangcheng-acceptance-nested/竣工验收资料.zip"))
        let names = Self.centralDirectory(Array(nested)).compactMap { String(validating: $0.name, as: UTF8.self) }
        #expect(names.contains("测评报告.zip"))
        // Encrypted, image-only and truncated PDFs.
        let folder = inbox.appendingPathComponent("19-laizhou-acceptance-scanned-encrypted")
        let encrypted = try Data(contentsOf: folder.appendingPathComponent("软件测评报告.pdf"))
        #expect(encrypted.range(of: Data("/Encrypt".utf8)) != nil)
        let scanned = try Data(contentsOf: folder.appendingPathComponent("验收报告.pdf"))
        #expect(scanned.range(of: Data("/Font".utf8)) == nil)
        #expect(scanned.range(of: Data("/DCTDecode".utf8)) != nil)
        let truncated = try Data(contentsOf: folder.appendingPathComponent("审计报告.pdf"))
        #expect(truncated.suffix(1024).range(of: Data("%%EOF".utf8)) == nil)
        // Bookmarks in one PDF, none in the other.
        let withOutline = try Data(contentsOf: inbox.appendingPathComponent("17-laizhou-feasibility-two-years-pdf/可行性研究报告.pdf"))
        let withoutOutline = try Data(contentsOf: inbox.appendingPathComponent("18-laizhou-design-crypto-file/初步设计方案和投资概算.pdf"))
        #expect(withOutline.range(of: Data("/Outlines".utf8)) != nil)
        #expect(withoutOutline.range(of: Data("/Outlines".utf8)) == nil)
    }

    /// Entry names and flags from a ZIP's central directory (signature 0x02014b50), read by hand so that the
    /// raw name bytes are seen as written.
    static func centralDirectory(_ bytes: [UInt8]) -> [(name: [UInt8], flags: UInt16)] {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4b50 })
        else { return [] }
        var offset = u32(end + 16)
        var result: [(name: [UInt8], flags: UInt16)] = []
        for _ in 0..<u16(end + 10) {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4b50 else { break }
            let nameLength = u16(offset + 28)
            let name = Array(bytes[(offset + 46)..<(offset + 46 + nameLength)])
            result.append((name, UInt16(u16(offset + 8))))
            offset += 46 + nameLength + u16(offset + 30) + u16(offset + 32)
        }
        return result
    }

    static func loadExpected() throws -> ExpectedCorpus {
        let data = try Data(contentsOf: corpus.appendingPathComponent("expected.json"))
        return try JSONDecoder().decode(ExpectedCorpus.self, from: data)
    }
}
