import DocumentModel
import Foundation

/// OCR policy: `auto` recognises pages without a usable text layer, `force` every page, `off` none.
public enum OCRMode: String, Codable, Sendable, CaseIterable {
    case auto, off, force
}

/// Caps that keep hostile or broken input from exhausting the machine, and the modes of the optional engines.
/// Deployments may tighten or loosen them.
public struct IngestLimits: Codable, Sendable, Hashable {
    /// Largest file read at all.
    public var maxFileBytes: Int = 512 << 20
    /// Largest single ZIP entry or XML part, as actually inflated (declared sizes are not trusted).
    public var maxEntryBytes: Int = 128 << 20
    /// Sum of inflated bytes over one container, nested containers included.
    public var maxTotalUncompressedBytes: Int = 1 << 30
    /// Inflated / compressed bytes of an entry, checked on bytes produced, above 1 MiB.
    public var maxCompressionRatio: Int = 200
    public var maxEntries: Int = 10_000
    /// ZIP inside ZIP inside …
    public var maxNestingDepth: Int = 3
    /// Pages read from one PDF or OFD.
    public var maxPages: Int = 5_000
    /// When pages are recognised with OCR: only those without a usable text layer, never, or every page.
    public var ocr: OCRMode = .auto
    /// Pages recognised with OCR in one document; the rest are flagged as without text.
    public var maxOCRPages: Int = 200
    /// Time for one page's recognition (tesseract is killed after it).
    public var ocrPageTimeout: Double = 60
    /// Time for one LibreOffice conversion of a .doc, .wps or .rtf file.
    public var conversionTimeout: Double = 120

    public init() {}

    public static let `default` = IngestLimits()
}

/// The entry point of the ingest stage: bytes in, structured documents out. Never throws: a file that cannot be
/// read becomes a `Document` whose `error` names the kind of failure.
public enum Ingestor {
    /// Bumped whenever extraction output changes, so cached extractions are redone.
    public static let version = "6"

    /// The key under which an extraction is cached besides the file's hash: the reader version, the OCR mode and
    /// which optional tools this machine has, so installing tesseract or LibreOffice redoes what they could not read.
    public static func cacheVersion(limits: IngestLimits) -> String {
        let ocr = OCREngine.isAvailable ? "ocr" : "no-ocr"
        let office = LibreOfficeConverter.isAvailable ? "lo" : "no-lo"
        return "\(version)/\(limits.ocr.rawValue)/\(ocr)/\(office)"
    }

    /// Reads one file. A ZIP package yields one document per readable entry (recursively); anything else one.
    /// `displayPath` is what reports show (the path relative to the project folder).
    public static func ingest(file: URL, displayPath: String, limits: IngestLimits = .default) -> [Document] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the descriptor.
        let fd = open(file.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return [openFailure(displayPath, errno: errno)] }
        defer { close(fd) }
        return ingest(fileDescriptor: fd, displayPath: displayPath, limits: limits)
    }

    /// Reads an open file. Anything but a regular file (FIFO, device, socket) is refused without a read.
    public static func ingest(fileDescriptor fd: Int32, displayPath: String, limits: IngestLimits = .default) -> [Document] {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return [openFailure(displayPath, errno: errno)] }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            return [failed(displayPath, .unknown, .specialFile, IngestErrorKind.specialFile.chineseMessage, "not a regular file")]
        }
        let size = Int(st.st_size)
        if size > limits.maxFileBytes {
            return [tooLarge(displayPath, size: size, limits: limits)]
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var data = Data(capacity: size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                return [failed(displayPath, .unknown, .unreadable, IngestErrorKind.unreadable.chineseMessage,
                               "read: \(String(cString: strerror(errno)))")]
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[..<n])
            // A file that grows while read is bounded like one that was large from the start.
            if data.count > limits.maxFileBytes { return [tooLarge(displayPath, size: data.count, limits: limits)] }
        }
        return ingest(data: data, displayPath: displayPath, limits: limits, depth: 0)
    }

    /// A file that is gone is `vanished`; one that cannot be opened (permissions, I/O) is `unreadable`.
    public static func openFailure(_ path: String, errno code: Int32) -> Document {
        let kind: IngestErrorKind = (code == ENOENT || code == ENOTDIR) ? .vanished : .unreadable
        return failed(path, .unknown, kind, kind.chineseMessage, "open: \(String(cString: strerror(code)))")
    }

    /// Reads a document held in memory (e.g. a ZIP entry).
    public static func ingest(data: Data, displayPath: String, limits: IngestLimits = .default) -> [Document] {
        ingest(data: data, displayPath: displayPath, limits: limits, depth: 0)
    }

    /// `depth` is the ZIP nesting depth of the container holding these bytes (0 for a file on disk); the package
    /// reader calls this for its entries with its own depth + 1.
    static func ingest(data: Data, displayPath: String, limits: IngestLimits, depth: Int) -> [Document] {
        if data.isEmpty {
            return [failed(displayPath, .unknown, .corrupt, "文件为空（0 字节），无法解析", "empty file")]
        }
        if data.count > limits.maxFileBytes {
            return [tooLarge(displayPath, size: data.count, limits: limits)]
        }
        let sniffed = FormatSniffer.inspect(data, fileName: displayPath)
        // Encrypted, damaged or a non-document container: the bytes already tell, no reader is started.
        if let failure = sniffed.failure {
            return [Document.failed(path: displayPath, format: sniffed.format, error: failure)]
        }
        switch sniffed.format {
        case .pdf:
            return [PDFReader.read(data: data, displayPath: displayPath, limits: limits)]
        case .docx:
            return [DOCXReader.read(data: data, displayPath: displayPath, limits: limits)]
        case .zip:
            return ZIPPackageReader.read(data: data, displayPath: displayPath, limits: limits, depth: depth)
        case .ofd:
            return [OFDReader.read(data: data, displayPath: displayPath, limits: limits)]
        case .doc, .wps, .rtf:
            return [LegacyWordReader.read(data: data, format: sniffed.format, displayPath: displayPath, limits: limits)]
        case .unknown:
            return [unknownFormat(displayPath, note: sniffed.note)]
        }
    }

    /// An extension that promises a format the bytes do not have is a broken file; anything else is unsupported.
    static func unknownFormat(_ path: String, note: String?) -> Document {
        let ext = (path as NSString).pathExtension.lowercased()
        let detail = note ?? "unrecognised content"
        let claimed: [String: DocumentFormat] = [
            "pdf": .pdf, "docx": .docx, "zip": .zip, "ofd": .ofd, "doc": .doc, "wps": .wps, "rtf": .rtf,
        ]
        if let format = claimed[ext] {
            let found = detail == "HTML content" ? "，实际内容为 HTML 网页" : ""
            return failed(
                path, format, .corrupt, "文件扩展名为 .\(ext)，但内容不是有效的 \(ext.uppercased()) 文件\(found)，无法解析",
                "extension .\(ext) but \(detail)")
        }
        if detail.hasPrefix("OOXML package") {
            return failed(path, .unknown, .unsupported, "不支持的 Office 文件类型（支持 Word 文档 DOCX/DOC/WPS/RTF、PDF、OFD 和 ZIP 压缩包）", detail)
        }
        return failed(path, .unknown, .unsupported, "不支持的文件格式（支持 PDF、OFD、DOCX、DOC、WPS、RTF 和 ZIP 压缩包）", detail)
    }

    static func unsupported(_ path: String, _ format: DocumentFormat, _ message: String) -> Document {
        failed(path, format, .unsupported, message, "\(format.rawValue) needs conversion")
    }

    static func tooLarge(_ path: String, size: Int, limits: IngestLimits) -> Document {
        failed(
            path, .unknown, .tooLarge, "文件大小 \(size / (1 << 20)) MB 超过上限 \(limits.maxFileBytes / (1 << 20)) MB，未读取",
            "file has \(size) bytes, limit \(limits.maxFileBytes)")
    }

    static func failed(
        _ path: String, _ format: DocumentFormat, _ kind: IngestErrorKind, _ message: String, _ detail: String
    ) -> Document {
        Document.failed(path: path, format: format, error: IngestError(kind, message: message, detail: detail))
    }
}
