import Check
import Checklists
import DocumentModel
import Foundation
import Ingest
import Testing
import TestSupport
import Yams

/// The real documents of ../shared/corpus-real, each checked alone against the national checklist, judged against
/// the labels a careful reviewer gave them (RealCorpus/labels.yaml): no section may be reported present, and no
/// requirement met, that the labels reject, and a present section must cite a heading the labels accept.
@Suite(.serialized) struct RealCorpusTests {
    struct Labels: Decodable {
        var documents: [Labelled]
    }

    struct Labelled: Decodable {
        var file: String
        var pdf: Bool?
        var nature: String
        /// Other natures a reviewer would also accept.
        var natureAlternatives: [String]?
        var sections: [String: SectionLabel]?
        var met: [String]
    }

    struct SectionLabel: Decodable {
        var status: [String]
        var headings: [String]?
    }

    static let labelsFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("RealCorpus/labels.yaml")

    static var corpus: URL? { TestPaths.sharedFolder?.appendingPathComponent("corpus-real") }

    static func labels() throws -> Labels {
        try YAMLDecoder().decode(Labels.self, from: String(contentsOf: labelsFile, encoding: .utf8))
    }

    static func checker() throws -> Checker {
        Checker(library: try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists")))
    }

    @Test func labelsNameKnownSectionsAndRequirements() throws {
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        let sections = Set(library.catalogue.sections.map(\.id))
        let items = Set(library.checklists["national"]!.items.map(\.id))
        for doc in try Self.labels().documents {
            for id in (doc.sections ?? [:]).keys { #expect(sections.contains(id), "\(doc.file): unknown section \(id)") }
            for id in doc.met { #expect(items.contains(id), "\(doc.file): unknown requirement \(id)") }
        }
    }

    @Test func noFalsePresentOrMetOnRealDocuments() throws {
        guard let corpus = Self.corpus, FileManager.default.fileExists(atPath: corpus.path) else {
            print("skipped: ../shared/corpus-real is not available beside the checkout; the real-document labels were not checked")
            return
        }
        let checker = try Self.checker()
        var checked = 0
        for labelled in try Self.labels().documents {
            let url = corpus.appendingPathComponent(labelled.file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                Issue.record("\(labelled.file) is labelled but not in ../shared/corpus-real")
                continue
            }
            let documents = Ingestor.ingest(file: url, displayPath: url.lastPathComponent)
            judge(checker.check(ProjectInput(id: labelled.file, documents: documents), jurisdiction: "national"), by: labelled)
            checked += 1
        }
        #expect(checked >= 15)
    }

    /// The PDF LibreOffice exports from a labelled DOCX: same labels, headings compared by title.
    @Test func noFalsePresentOrMetOnPDFExports() throws {
        guard let corpus = Self.corpus, FileManager.default.fileExists(atPath: corpus.path) else {
            print("skipped: ../shared/corpus-real is not available beside the checkout; the PDF exports were not checked")
            return
        }
        guard let soffice = LibreOfficeConverter.executable else {
            print("skipped: LibreOffice (soffice) is not installed, so the PDF exports of the labelled DOCX were not made")
            return
        }
        let checker = try Self.checker()
        for labelled in try Self.labels().documents where labelled.pdf == true {
            let pdf = try Self.convertToPDF(corpus.appendingPathComponent(labelled.file), soffice: soffice)
            let documents = Ingestor.ingest(file: pdf, displayPath: pdf.lastPathComponent)
            #expect(documents.first?.format == .pdf)
            judge(checker.check(ProjectInput(id: labelled.file, documents: documents), jurisdiction: "national"), by: labelled)
        }
    }

    func judge(_ report: ProjectReport, by labelled: Labelled) {
        let name = labelled.file
        for doc in report.documents {
            #expect(doc.error == nil, "\(name): \(doc.error?.message ?? "")")
            let nature = doc.nature?.rawValue ?? "project"
            let accepted = ([labelled.nature] + (labelled.natureAlternatives ?? [])).map { $0 == "form" ? "template" : $0 }
            #expect(accepted.contains { ($0 == "project") == (nature == "project") }, "\(name): nature \(nature), labelled \(labelled.nature)")
            for section in doc.sections where section.status == .present {
                let label = labelled.sections?[section.id]
                guard let label, label.status.contains("present") else {
                    Issue.record("\(name): false present \(section.id) at 「\(section.heading ?? "")」")
                    continue
                }
                #expect(section.reasons?.isEmpty == false, "\(name): present \(section.id) without reasons")
                if let headings = label.headings, let heading = section.heading {
                    let title = Self.title(heading)
                    #expect(headings.contains { Self.title($0) == title }, "\(name): \(section.id) cites 「\(heading)」, labelled \(headings)")
                }
            }
        }
        for finding in report.findings where finding.status == .met {
            #expect(labelled.met.contains(finding.requirement), "\(name): false met \(finding.requirement): \(finding.reason)")
            #expect(!finding.reason.isEmpty)
        }
    }

    /// `soffice --headless --convert-to pdf` into a fresh folder, with a private profile.
    static func convertToPDF(_ source: URL, soffice: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf", "--outdir",
            folder.path, source.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let pdf = folder.appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".pdf")
        try #require(FileManager.default.fileExists(atPath: pdf.path), "soffice made no PDF of \(source.lastPathComponent)")
        return pdf
    }

    /// A heading's title without its number, normalised: "十三. 4 试运行" and "13.4 试运行" are both 试运行.
    static func title(_ heading: String) -> String {
        var key = TextNormalizer.matchKey(heading)
        while let first = key.first, !first.isLetter || "第章节一二三四五六七八九十".contains(first) { key.removeFirst() }
        while let last = key.last, ":：。".contains(last) { key.removeLast() }
        return key
    }
}
