import ArgumentParser
import DOCXWriter
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Yams

@main
struct CorpusGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus-gen", abstract: "Generate the sample corpus from its descriptions.")

    static let metadataKeys = [
        "name", "jurisdiction", "stage", "department", "totalInvestment", "projectType", "crossDepartment",
        "softwareDevelopment", "purchasedService", "freeMaintenanceYears", "serviceTermYears", "trialRunMonths",
        "adjustmentPercent",
    ]

    @Argument(help: "Folder of project descriptions (one folder per project holding project.yaml).")
    var projects: String

    @Option(help: "Inbox to write: one folder per project.")
    var out: String

    @Option(help: "Where DOCX meant for PDF conversion go, with manifest.tsv for make-pdfs.sh.")
    var pdfSources: String?

    func run() throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: projects)
        let inbox = URL(fileURLWithPath: out)
        let pdfRoot = URL(fileURLWithPath: pdfSources ?? root.deletingLastPathComponent().appendingPathComponent("pdf-src").path)
        try fm.createDirectory(at: pdfRoot, withIntermediateDirectories: true)
        var manifest: [String] = []
        var expectations: [ExpectedProject] = []
        let names = try fm.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            let descriptionURL = root.appendingPathComponent(name).appendingPathComponent("project.yaml")
            guard fm.fileExists(atPath: descriptionURL.path) else { continue }
            let text = try String(contentsOf: descriptionURL, encoding: .utf8)
            let project: ProjectDescription
            do {
                project = try YAMLDecoder().decode(ProjectDescription.self, from: text)
            } catch {
                throw ValidationError("\(descriptionURL.path): \(error)")
            }
            let folder = inbox.appendingPathComponent(name)
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            // Keys in the order of Check.ProjectMetadata, so that the file reads the same on every run.
            var metadata = ""
            for key in Self.metadataKeys {
                guard let value = project.metadata[key] else { continue }
                metadata += "\(key): \(value.yaml)\n"
            }
            let unknown = Set(project.metadata.keys).subtracting(Self.metadataKeys)
            guard unknown.isEmpty else { throw ValidationError("\(name): unknown metadata \(unknown.sorted())") }
            try Data(metadata.utf8).write(to: folder.appendingPathComponent("project.yaml"))
            for (index, document) in project.documents.enumerated() {
                if let variant = document.pdf {
                    // LibreOffice makes the PDF later; keep the source DOCX beside the manifest.
                    let stem = (document.file as NSString).deletingPathExtension
                    let sourceFolder = pdfRoot.appendingPathComponent(name)
                    try fm.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
                    let bytes = try render(document, project: project, salt: index)
                    try bytes.write(to: sourceFolder.appendingPathComponent(stem + ".docx"))
                    manifest.append("\(name)\t\(stem)\t\(variant)")
                    continue
                }
                let bytes = try render(document, project: project, salt: index)
                try bytes.write(to: folder.appendingPathComponent(document.file))
            }
            expectations.append(ExpectedProject(name: name, project: project))
            print("\(name): \(project.documents.count) file(s)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(ExpectedCorpus(projects: expectations))
            .write(to: root.deletingLastPathComponent().appendingPathComponent("expected.json"))
        try Data((manifest.joined(separator: "\n") + "\n").utf8)
            .write(to: pdfRoot.appendingPathComponent("manifest.tsv"))
    }

    /// The bytes of one submitted file: a DOCX, or a ZIP of members (recursively), optionally truncated.
    func render(_ document: DocumentDescription, project: ProjectDescription, salt: Int) throws -> Data {
        var bytes: Data
        if let members = document.members {
            var writer = ZipWriter()
            writer.modificationTime = ZipWriter.wordTimestamp
            for (index, member) in members.enumerated() {
                let data = try render(member, project: project, salt: salt * 31 + index + 1)
                let name = document.gbkNames == true ? try gbk(member.file) : Array(member.file.utf8)
                writer.entries.append(ZipWriter.Entry(name: name, data: Array(data)))
            }
            bytes = try writer.data()
        } else {
            var composer = Composer(project: project, document: document, salt: salt)
            bytes = try DOCXWriter(composer.spec()).data()
        }
        if let fraction = document.truncate {
            bytes = bytes.prefix(Int(Double(bytes.count) * fraction))
        }
        return bytes
    }

    /// Encodes a file name in GBK, as Windows archivers in China write it (no UTF-8 flag).
    func gbk(_ name: String) throws -> [UInt8] {
        let converter = iconv_open("GBK", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { throw ValidationError("iconv has no GBK") }
        defer { iconv_close(converter) }
        var input = Array(name.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 4)
        var inLeft = input.count
        var outLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard result != -1 && inLeft == 0 else { throw ValidationError("cannot encode \(name) in GBK") }
        return output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
    }
}
