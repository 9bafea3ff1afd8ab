import DocumentModel
import Foundation

/// Recognises the images of OFD pages (the OFD form of a scan): the page's largest images are taken from the
/// package, written to a private temporary folder and read with tesseract, and the lines placed where the image is
/// drawn on the page. OFD pages are never rendered here, so text drawn as text or paths is never recognised.
final class OFDPageOCR {
    /// Images recognised per page, largest first; smaller ones are logos, seals and signatures.
    static let maxImagesPerPage = 4

    private let container: OFDContainer
    private let resources: OFDResources
    private var folder: URL?
    private var counter = 0

    init(container: OFDContainer, resources: OFDResources) {
        self.container = container
        self.resources = resources
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

    /// Recognised lines of the page's images in page points, each image's lines placed where it is drawn.
    func recognize(
        _ images: [(placement: OFDImagePlacement, entry: String)], engine: OCREngine.Tesseract, timeout: Double, font: Int
    ) -> Result<[PageLine], IngestError> {
        let deadline = Date().addingTimeInterval(timeout)
        var lines: [PageLine] = []
        var lastError: IngestError?
        for image in images {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 1 else {
                lastError = IngestError(.timeout, message: "文字识别（OCR）超时，已中止", detail: "page recognition time used up")
                break
            }
            let written: (url: URL, pixels: (width: Int, height: Int)?)
            switch write(image.entry) {
            case .success(let file): written = file
            case .failure(let error):
                lastError = error
                continue
            }
            defer { try? FileManager.default.removeItem(at: written.url) }
            switch engine.recognize(image: written.url, timeout: remaining) {
            case .success(let recognised):
                lines += Self.place(recognised, of: image.placement, pixels: written.pixels, font: font)
            case .failure(let error):
                if error.kind == .ocrUnavailable { return .failure(error) }
                lastError = error
            }
        }
        if lines.isEmpty, let lastError { return .failure(lastError) }
        return .success(lines.sorted { ($0.y0, $0.x0) < ($1.y0, $1.x0) })
    }

    /// Lines in image pixels moved onto the page: scaled by the image's pixels per point (from its header, else
    /// from the extent of the text read) and shifted to where the image is drawn.
    static func place(
        _ recognised: [OCREngine.Line], of placement: OFDImagePlacement, pixels: (width: Int, height: Int)?, font: Int
    ) -> [PageLine] {
        let k = OFDLineBuilder.pointsPerMillimetre
        let widthPoints = max(1, (placement.x1 - placement.x0) * k)
        let extent = recognised.map { $0.left + $0.width }.max() ?? 0
        let pixelWidth = pixels?.width ?? extent
        let scale = pixelWidth > 0 ? Double(pixelWidth) / widthPoints : 1
        return OCRLines.pageLines(recognised, scale: scale, font: font).map { line in
            var line = line
            line.x0 += placement.x0 * k
            line.x1 += placement.x0 * k
            line.y0 += placement.y0 * k
            line.y1 += placement.y0 * k
            return line
        }
    }

    /// Copies an image entry to a file tesseract can open, named by what its bytes are.
    private func write(_ entry: String) -> Result<(url: URL, pixels: (width: Int, height: Int)?), IngestError> {
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
            return .success((url, Self.pixelSize(bytes)))
        } catch {
            return .failure(IngestError(.crashed, detail: "cannot write a temporary image: \(error)"))
        }
    }

    private func privateFolder() throws -> URL {
        if let folder { return folder }
        let url = try OCRScratch.makeFolder()
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

    /// Width and height in pixels from a PNG, BMP or JPEG header; nil when the header does not say.
    static func pixelSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        func be(_ i: Int, _ n: Int) -> Int? {
            guard i >= 0, i + n <= bytes.count else { return nil }
            return bytes[i..<(i + n)].reduce(0) { $0 << 8 | Int($1) }
        }
        func le(_ i: Int, _ n: Int) -> Int? {
            guard i >= 0, i + n <= bytes.count else { return nil }
            return bytes[i..<(i + n)].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        let size: (Int, Int)?
        switch imageExtension(bytes) {
        case "png": size = be(16, 4).flatMap { w in be(20, 4).map { (w, $0) } }
        case "bmp": size = le(18, 4).flatMap { w in le(22, 4).map { (w, abs(Int(Int32(truncatingIfNeeded: $0)))) } }
        case "jpg": size = jpegSize(bytes)
        default: size = nil
        }
        guard let (width, height) = size, (1...100_000).contains(width), (1...100_000).contains(height) else { return nil }
        return (width, height)
    }

    /// The frame size from a JPEG's first start-of-frame marker.
    private static func jpegSize(_ bytes: [UInt8]) -> (Int, Int)? {
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                i += 2
                continue
            }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                let height = Int(bytes[i + 5]) << 8 | Int(bytes[i + 6])
                let width = Int(bytes[i + 7]) << 8 | Int(bytes[i + 8])
                return (width, height)
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }
}
