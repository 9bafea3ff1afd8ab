import CPoppler
import DocumentModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lets whoever runs ingest hear about OCR as it goes. A worker process uses it to tell its parent that a page
/// went to OCR, so that the parent's time limit for the document grows with the pages recognised.
///
/// The handler belongs to the calling thread (ingest is synchronous), so readers running on other threads at the
/// same time do not report to it. A thread-local rather than a task-local: optimised builds crashed pushing a
/// task-local value from the synchronous worker loop.
public enum OCRProgress {
    private final class Handler {
        let call: @Sendable () -> Void
        init(_ call: @escaping @Sendable () -> Void) { self.call = call }
    }

    private static let key = "gapcheck.ocr-progress"

    /// Runs `body` with `handler` called, on this thread, just before each page is rendered for recognition.
    public static func withHandler<T>(_ handler: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        let storage = Thread.current.threadDictionary
        let previous = storage[key]
        storage[key] = Handler(handler)
        defer { storage[key] = previous }
        return try body()
    }

    static func pageStarted() {
        (Thread.current.threadDictionary[key] as? Handler)?.call()
    }
}

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
    /// Lines tesseract is less sure of than this are noise (specks, stamps, a photo read as letters): on real text
    /// it reports 80–97, on noise 10–55.
    static let minimumLineConfidence = 60.0
    /// A page whose kept lines average less than this is an unreadable image (too coarse, too faint), not text.
    static let minimumPageConfidence = 65.0

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
        OCRProgress.pageStarted()
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
            let lines = Self.pageLines(recognised, scale: scale, font: font)
            let characters = lines.reduce(0) { $0 + $1.weight }
            let mean = lines.reduce(0.0) { $0 + ($1.ocrConfidence ?? 0) * Double($1.weight) } / Double(max(1, characters))
            guard !lines.isEmpty, mean >= Self.minimumPageConfidence else { return .success(nil) }
            var text = PageText(
                status: .text, lines: lines, width: width, height: height, visibleCharacters: characters, isOCR: true)
            text.assignBands()
            return .success(text)
        }
    }

    /// Tesseract's lines as page lines: pixels to PDF points, noise dropped, sizes evened out.
    static func pageLines(_ recognised: [OCREngine.Line], scale: Double, font: Int) -> [PDFLine] {
        var lines: [PDFLine] = []
        for line in recognised where line.confidence >= minimumLineConfidence {
            let text = line.text.trimmingCharacters(in: .whitespaces)
            let weight = text.unicodeScalars.filter { !TextLayerQuality.isSpace($0) }.count
            guard weight > 0, text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
            else { continue }
            // One or two letters alone on a line ("i", "Il") are specks and rules read as letters; a page number
            // or a Chinese word of that length is kept.
            if weight <= 2, !text.unicodeScalars.contains(where: { ("0"..."9").contains($0) || $0.properties.isIdeographic }) {
                continue
            }
            // Ink height of CJK glyphs is about nine tenths of the em.
            let size = Double(line.glyphHeight) / scale / 0.9
            lines.append(
                PDFLine(
                    text: text, x0: Double(line.left) / scale, y0: Double(line.top) / scale,
                    x1: Double(line.left + line.width) / scale, y1: Double(line.top + line.height) / scale,
                    fontSize: size, font: font, weight: weight, ocrConfidence: line.confidence))
        }
        return evenedSizes(rows(lines))
    }

    /// Tesseract puts text it sees as a separate column into blocks of its own: the page numbers of a TOC, the
    /// cells of a table. Lines side by side on the same baseline are joined back into one row, left to right, with
    /// a tab where the gap is wide (as a TOC leader or a cell border leaves it), and rows are put in top-to-bottom
    /// order. Government documents are set in one column, so side-by-side text is a row, not a second column.
    static func rows(_ lines: [PDFLine]) -> [PDFLine] {
        let sorted = lines.sorted { $0.y0 != $1.y0 ? $0.y0 < $1.y0 : $0.x0 < $1.x0 }
        var rows: [[PDFLine]] = []
        for line in sorted {
            let height = line.y1 - line.y0
            let match = rows.indices.suffix(4).last { r in
                let top = rows[r].map(\.y0).min() ?? 0
                let bottom = rows[r].map(\.y1).max() ?? 0
                let overlap = min(bottom, line.y1) - max(top, line.y0)
                let disjoint = rows[r].allSatisfy { $0.x1 <= line.x0 || line.x1 <= $0.x0 }
                return disjoint && overlap >= 0.6 * min(height, bottom - top)
            }
            if let match { rows[match].append(line) } else { rows.append([line]) }
        }
        return rows.map { members in
            guard members.count > 1 else { return members[0] }
            let ordered = members.sorted { $0.x0 < $1.x0 }
            let main = ordered.max { $0.weight < $1.weight } ?? ordered[0]
            var joined = ordered[0]
            var confidence = (joined.ocrConfidence ?? 0) * Double(joined.weight)
            for next in ordered.dropFirst() {
                let gap = next.x0 - joined.x1
                joined.text += gap > max(main.fontSize, 1) ? "\t" : " "
                joined.text += next.text
                joined.x1 = next.x1
                joined.y0 = min(joined.y0, next.y0)
                joined.y1 = max(joined.y1, next.y1)
                joined.weight += next.weight
                confidence += (next.ocrConfidence ?? 0) * Double(next.weight)
            }
            joined.fontSize = main.fontSize
            joined.ocrConfidence = confidence / Double(max(1, joined.weight))
            return joined
        }
    }

    /// Measured glyph heights scatter by a few percent around the true size; lines within 12 % of the page's usual
    /// size get exactly that size, so that only really larger lines look larger.
    static func evenedSizes(_ lines: [PDFLine]) -> [PDFLine] {
        let sizes = lines.flatMap { Array(repeating: $0.fontSize, count: min($0.weight, 200)) }.sorted()
        guard !sizes.isEmpty else { return lines }
        let usual = sizes[sizes.count / 2]
        let rounded = (usual * 2).rounded() / 2
        return lines.map { line in
            var line = line
            if abs(line.fontSize - usual) <= usual * 0.12 {
                line.fontSize = rounded
            } else {
                line.fontSize = (line.fontSize * 2).rounded() / 2
            }
            return line
        }
    }

    /// A folder only this process can read (mkdtemp makes it 0700).
    private func scratchFolder() throws -> URL {
        if let folder { return folder }
        var template = Array(
            FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-ocr-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            mkdtemp(buffer.baseAddress!) != nil
        }
        guard made else { throw CocoaError(.fileWriteUnknown) }
        let url = URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
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
