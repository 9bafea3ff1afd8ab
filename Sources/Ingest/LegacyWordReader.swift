import DocumentModel
import Foundation

/// Reads .doc, .wps and .rtf files by converting them to DOCX with LibreOffice and reading that with the DOCX
/// reader, so that heading styles, outline levels and automatic numbering (第一章, 1.1) survive; the legal-numbering
/// flag LibreOffice loses on the way is read from the original (`LegalNumbering`). The document keeps its original
/// format and path; a warning records the conversion.
enum LegacyWordReader {
    static func read(data: Data, format: DocumentFormat, displayPath: String, limits: IngestLimits) -> Document {
        read(
            data: data, format: format, displayPath: displayPath, limits: limits,
            environment: ProcessInfo.processInfo.environment, workRoot: FileManager.default.temporaryDirectory)
    }

    /// `environment` is where LibreOffice is looked for (its PATH) and what it runs with.
    static func read(
        data: Data, format: DocumentFormat, displayPath: String, limits: IngestLimits, environment: [String: String],
        workRoot: URL
    ) -> Document {
        let converted = LibreOfficeConverter.convertToDOCX(
            data: data, fileExtension: inputExtension(format, data: data), timeout: limits.conversionTimeout,
            maxOutputBytes: limits.maxFileBytes, environment: environment, workRoot: workRoot)
        switch converted {
        case .failure(let error):
            return Document.failed(path: displayPath, format: format, error: error)
        case .success(let docx):
            var document = DOCXReader.read(data: docx, displayPath: displayPath, limits: limits)
            document.path = displayPath
            document.format = format
            guard document.error == nil else { return document }
            LegalNumbering.apply(LegalNumbering.levels(in: data, format: format), to: &document)
            document.warnings.insert(
                "已用 LibreOffice 将 .\(format.rawValue) 转换为 DOCX 后读取；页码、域等版式细节可能与原文件不同", at: 0)
            return document
        }
    }

    /// The extension LibreOffice is shown. Word binaries always go in as .doc, whatever their label: the Kingsoft
    /// .wps is the same format, and a .wps name would also let LibreOffice consider its Microsoft Works importers.
    static func inputExtension(_ format: DocumentFormat, data: Data) -> String {
        switch format {
        case .rtf: return "rtf"
        case .wps:
            let works = FormatSniffer.inspect(data, fileName: "input.wps").note?.contains("Works") == true
            return works ? "wps" : "doc"
        default: return "doc"
        }
    }
}
