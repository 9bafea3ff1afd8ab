import Foundation
@testable import Ingest

/// Reads generated Office files back with real components: the project's own ZIP layer and LibreOffice.
enum OfficeReadBack {
    /// The text of one part of an OOXML package.
    static func part(_ name: String, of data: Data) throws -> String {
        let archive = try ZipArchive(data: data, budget: ZipBudget(limits: .default))
        guard let entry = archive.entry(named: name) else { throw CocoaError(.fileNoSuchFile) }
        return String(decoding: try archive.read(entry), as: UTF8.self)
    }

    /// Converts `data` (saved as `name`) with LibreOffice headless to `format` and returns the output's bytes.
    static func convert(_ data: Data, name: String, to format: String, outputExtension: String) throws -> Data {
        guard let soffice = LibreOfficeConverter.executable else { throw CocoaError(.executableNotLoadable) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-readback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent(name)
        try data.write(to: input)
        let outcome = try ExternalTool.run(
            soffice, ["-env:UserInstallation=file://\(work.path)/profile", "--headless", "--norestore",
                      "--convert-to", format, "--outdir", work.path, input.path], timeout: 120)
        let output = input.deletingPathExtension().appendingPathExtension(outputExtension)
        guard let result = try? Data(contentsOf: output) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: String(decoding: outcome.stderr, as: UTF8.self)])
        }
        return result
    }
}
