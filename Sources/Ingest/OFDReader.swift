import DocumentModel
import Foundation

/// Reads OFD (GB/T 33190-2016) files.
enum OFDReader {
    static func read(data: Data, displayPath: String, limits: IngestLimits) -> Document {
        Ingestor.unsupported(displayPath, .ofd, "OFD 版式文件暂不能读取")
    }
}
