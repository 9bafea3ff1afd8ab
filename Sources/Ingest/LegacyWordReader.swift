import DocumentModel
import Foundation

/// Reads .doc, .wps and .rtf files by converting them to DOCX.
enum LegacyWordReader {
    static func read(data: Data, format: DocumentFormat, displayPath: String, limits: IngestLimits) -> Document {
        Ingestor.unsupported(displayPath, format, "旧版文字处理文件暂不能读取")
    }
}
