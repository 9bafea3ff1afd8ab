import DocumentModel
import Foundation

/// Converts legacy word-processor files (.doc, .wps, .rtf) to DOCX with LibreOffice headless, so that the DOCX
/// reader sees their heading styles and numbering (plain-text converters lose both).
public enum LibreOfficeConverter {
    public static var isAvailable: Bool { executable != nil }

    static var executable: String? {
        ExternalTool.find("soffice", extraDirectories: ["/usr/lib/libreoffice/program", "/opt/libreoffice/program"])
    }

    /// Converts `data` (a file whose name ends in `fileExtension`) and returns the DOCX bytes.
    /// Each conversion gets a private profile: LibreOffice's shared profile lock makes concurrent runs fail silently.
    public static func convertToDOCX(data: Data, fileExtension: String, timeout: TimeInterval = 120) -> Result<Data, IngestError> {
        guard let soffice = executable else {
            return .failure(
                IngestError(
                    .unsupported,
                    message: "读取 .doc/.wps/.rtf 文件需要安装 LibreOffice（libreoffice-writer-nogui），请安装后重试或提交 DOCX/PDF 版本",
                    detail: "soffice not found"))
        }
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("gapcheck-lo-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        do {
            let outDir = work.appendingPathComponent("out")
            try fm.createDirectory(at: outDir, withIntermediateDirectories: true)
            // A neutral ASCII name: the original name may be GBK, long or hostile.
            let ext = fileExtension.lowercased().filter { $0.isLetter || $0.isNumber }
            let input = work.appendingPathComponent("input.\(ext.isEmpty ? "doc" : ext)")
            try data.write(to: input)
            let profile = work.appendingPathComponent("profile")
            let outcome = try ExternalTool.run(
                soffice,
                [
                    "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--nologo",
                    "--nodefault", "--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir.path, input.path,
                ],
                timeout: timeout, environment: ["HOME": work.path])
            if outcome.timedOut {
                return .failure(IngestError(.timeout, message: "格式转换超时（LibreOffice），已中止", detail: "soffice timed out after \(Int(timeout)) s"))
            }
            // LibreOffice can exit 0 without writing anything: the output file is the only proof.
            let output = outDir.appendingPathComponent("input.docx")
            guard let converted = try? Data(contentsOf: output), !converted.isEmpty else {
                let stderr = String(decoding: outcome.stderr.prefix(500), as: UTF8.self)
                return .failure(
                    IngestError(
                        .corrupt, message: "文件无法转换为可读格式，可能已损坏",
                        detail: "soffice exit \(outcome.status), no output: \(stderr)"))
            }
            return .success(converted)
        } catch {
            return .failure(IngestError(.unsupported, detail: "conversion failed: \(error)"))
        }
    }
}
