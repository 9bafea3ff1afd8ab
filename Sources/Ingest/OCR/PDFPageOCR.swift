import CPoppler
import DocumentModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Renders PDF pages and recognises them, turning tesseract's lines into page lines in PDF points, so that OCR
/// pages go through the same layout and structure code as pages with a text layer.
final class PDFPageOCR {
    let engine: OCREngine.Tesseract
    let timeout: Double
    let dpi: Double
    /// Private scratch folder for the page images, made on first use and removed with this object.
    private(set) var folder: URL?

    /// The pseudo-font of recognised lines: OCR knows no typefaces, so none of the font cues apply.
    static let fontName = "(ocr)"

    init(engine: OCREngine.Tesseract, timeout: Double, dpi: Double = 300) {
        self.engine = engine
        self.timeout = timeout
        self.dpi = dpi
    }

    deinit {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// The page's recognised text, nil when OCR found none.
    func recognize(page: OpaquePointer, number: Int, fonts: inout FontTable) -> Result<PageText?, IngestError> {
        let folder: URL
        do { folder = try scratchFolder() } catch {
            return .failure(IngestError(.corrupt, message: "无法创建文字识别临时目录", detail: "\(error)"))
        }
        let image = folder.appendingPathComponent("page-\(number).pgm")
        defer { try? FileManager.default.removeItem(at: image) }
        guard let scale = PageRenderer.renderGrayscale(page: page, dpi: dpi, to: image) else {
            return .failure(IngestError(.corrupt, message: "页面无法渲染为图像", detail: "cairo could not render page \(number)"))
        }
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        switch engine.recognize(image: image, timeout: timeout, dpi: Int((scale * 72).rounded())) {
        case .failure(let error):
            return .failure(error)
        case .success(let recognised):
            let font = fonts.id(for: Self.fontName)
            let lines = OCRLines.pageLines(recognised, scale: scale, font: font)
            let characters = lines.reduce(0) { $0 + $1.weight }
            let mean = lines.reduce(0.0) { $0 + ($1.ocrConfidence ?? 0) * Double($1.weight) } / Double(max(1, characters))
            guard !lines.isEmpty, mean >= OCRLines.minimumPageConfidence else { return .success(nil) }
            var text = PageText(
                status: .text, lines: lines, width: width, height: height, visibleCharacters: characters, isOCR: true)
            text.assignBands()
            return .success(text)
        }
    }

    private func scratchFolder() throws -> URL {
        if let folder { return folder }
        let url = try OCRScratch.makeFolder()
        folder = url
        return url
    }

    /// Share of the page covered by its largest image: a scanned page is one image over (nearly) all of it.
    static func largestImageCoverage(page: OpaquePointer) -> Double {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard width > 0, height > 0, let list = poppler_page_get_image_mapping(page) else { return 0 }
        defer { poppler_page_free_image_mapping(list) }
        var best = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let raw = current.pointee.data {
                let area = raw.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                let w = max(0, min(area.x2, width) - max(area.x1, 0))
                let h = max(0, min(area.y2, height) - max(area.y1, 0))
                best = max(best, w * h / (width * height))
            }
            node = current.pointee.next
        }
        return best
    }
}
