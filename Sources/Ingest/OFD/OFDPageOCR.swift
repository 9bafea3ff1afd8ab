import DocumentModel
import Foundation

/// Recognises image-only pages (the OFD form of a scan): the page's largest images are taken from the package,
/// written to a private temporary folder and read with tesseract. OFD pages are never rendered here, so pages
/// that do carry text are not recognised, whatever the OCR mode.
final class OFDPageOCR {
    /// Lines tesseract is less sure of than this are noise (photos, seals, decorative lettering).
    static let minConfidence = 35.0
    /// Images recognised per page, largest first; smaller ones are logos, seals and signatures.
    static let maxImagesPerPage = 4

    private let container: OFDContainer
    private let resources: OFDResources
    private let timeout: Double
    private var folder: URL?
    private var counter = 0

    init(container: OFDContainer, resources: OFDResources, timeout: Double) {
        self.container = container
        self.resources = resources
        self.timeout = timeout
    }

    deinit {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// The images worth recognising on a page: those that exist in the package and cover a real share of it.
    func candidates(_ page: OFDPageContent, pageArea: Double) -> [(placement: OFDImagePlacement, entry: String)] {
        let found = page.images.compactMap { image -> (OFDImagePlacement, String)? in
            guard let entry = resources.media[image.resourceID]?.entry else { return nil }
            return (image, entry)
        }
        guard let largest = found.map(\.0.area).max(), largest > 0 else { return [] }
        let floor = max(largest * 0.25, pageArea * 0.05)
        return found.filter { $0.0.area >= floor }.sorted { $0.0.area > $1.0.area }
            .prefix(Self.maxImagesPerPage)
            .sorted { ($0.0.y0, $0.0.x0) < ($1.0.y0, $1.0.x0) }
            .map { (placement: $0.0, entry: $0.1) }
    }

    /// Recognised lines of the page's images, top to bottom, with low-confidence lines dropped. Each image's
    /// lines are shifted below the previous image's so one page reads as one column of pixels.
    func recognize(_ images: [(placement: OFDImagePlacement, entry: String)]) -> Result<[OCREngine.Line], IngestError> {
        let deadline = Date().addingTimeInterval(timeout)
        var lines: [OCREngine.Line] = []
        var offset = 0
        var lastError: IngestError?
        for image in images {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 1 else {
                lastError = IngestError(.timeout, message: "文字识别（OCR）超时，已中止", detail: "page recognition time used up")
                break
            }
            let file: URL
            switch write(image.entry) {
            case .success(let url): file = url
            case .failure(let error):
                lastError = error
                continue
            }
            defer { try? FileManager.default.removeItem(at: file) }
            switch OCREngine.recognize(image: file, timeout: remaining) {
            case .success(let recognised):
                var bottom = offset
                for var line in recognised {
                    bottom = max(bottom, offset + line.top + line.height)
                    guard line.confidence >= Self.minConfidence else { continue }
                    line.top += offset
                    lines.append(line)
                }
                offset = bottom + 1
            case .failure(let error):
                if error.kind == .ocrUnavailable { return .failure(error) }
                lastError = error
            }
        }
        if lines.isEmpty, let lastError { return .failure(lastError) }
        return .success(lines)
    }

    /// Copies an image entry to a file tesseract can open, named by what its bytes are.
    private func write(_ entry: String) -> Result<URL, IngestError> {
        let bytes: [UInt8]
        do {
            bytes = try container.bytes(entry)
        } catch {
            return .failure(error)
        }
        guard let ext = Self.imageExtension(bytes) else {
            return .failure(IngestError(.unsupported, detail: "\(entry): image format tesseract cannot read"))
        }
        do {
            let folder = try privateFolder()
            counter += 1
            let url = folder.appendingPathComponent("image-\(counter).\(ext)")
            try Data(bytes).write(to: url)
            return .success(url)
        } catch {
            return .failure(IngestError(.crashed, detail: "cannot write a temporary image: \(error)"))
        }
    }

    /// A folder only this user can read: page images may be confidential.
    private func privateFolder() throws -> URL {
        if let folder { return folder }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-ofd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        folder = url
        return url
    }

    /// JPEG, PNG, BMP and TIFF by magic bytes; nil for what tesseract's image library is not known to read here
    /// (JBIG2, JPEG 2000, GIF).
    static func imageExtension(_ bytes: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        if starts([0xFF, 0xD8, 0xFF]) { return "jpg" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if starts([0x42, 0x4D]) { return "bmp" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "tif" }
        return nil
    }
}
