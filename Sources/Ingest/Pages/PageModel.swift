import DocumentModel
import Structure

/// One line of a page's text with the geometry and font facts that structure detection needs.
struct PageLine {
    var text: String
    /// Bounding box in PDF points, origin top-left.
    var x0: Double
    var y0: Double
    var x1: Double
    var y1: Double
    var fontSize: Double
    /// Index into `FontTable.fonts`.
    var font: Int
    /// Characters in the line, whitespace excluded.
    var weight: Int
    var band: PageBand = .middle
    /// Set on lines recognised by OCR: the engine's confidence, 0–100.
    var ocrConfidence: Double?
}

/// Fonts seen in one document, with what their names say, interned so each name is judged once.
struct FontTable {
    struct Font {
        var name: String
        var isBold: Bool
        var isHeadingFamily: Bool
        var isSans: Bool
    }

    private(set) var fonts: [Font] = [Font(name: "Default", isBold: false, isHeadingFamily: false, isSans: false)]
    private var index: [String: Int] = ["Default": 0]

    mutating func id(for name: String) -> Int {
        if let id = index[name] { return id }
        let font = Font(
            name: name, isBold: FontCues.isBold(fontName: name), isHeadingFamily: FontCues.isHeadingFamily(fontName: name),
            isSans: FontCues.isSans(fontName: name))
        fonts.append(font)
        index[name] = fonts.count - 1
        return fonts.count - 1
    }
}

/// The text of one page as lines, or why it has none.
struct PageText {
    enum Status { case text, empty, garbage }

    var status: Status
    var lines: [PageLine]
    var width: Double
    var height: Double
    /// Non-whitespace characters of the text layer, garbage included.
    var visibleCharacters = 0
    /// The lines come from OCR, not from the text layer.
    var isOCR = false

    /// Top and bottom tenths of the page are where running headers and footers live.
    mutating func assignBands() {
        for i in lines.indices {
            let mid = (lines[i].y0 + lines[i].y1) / 2
            if height > 0, mid < height * 0.1 {
                lines[i].band = .top
            } else if height > 0, mid > height * 0.9 {
                lines[i].band = .bottom
            }
        }
    }
}

/// An entry of a document's own outline (PDF bookmarks, OFD Outlines, a tagged PDF's heading elements).
struct OutlineEntry {
    var title: String
    /// 0 for top-level entries.
    var depth: Int
    /// 1-based target page, when the entry has one.
    var page: Int?

    init(title: String, depth: Int, page: Int?) {
        // Producers leave zero-width spaces and other invisible characters in titles.
        self.title = String(title.filter { !TextNormalizer.isInvisible($0) })
        self.depth = depth
        self.page = page
    }
}

/// Coordinates and sizes come from untrusted documents. Non-finite or huge values would trap the integer conversions
/// of layout (font-size histograms, page raster sizes), so every page is brought into range before layout sees it.
enum PageGeometry {
    /// Far beyond any real page (a 5 m sheet is about 14,000 pt), small enough for any later integer arithmetic.
    static let limit = 1_000_000.0

    static func clamped(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return min(max(value, -limit), limit)
    }
}

extension PageText {
    /// The page with every coordinate, size and confidence in range.
    func sanitized() -> PageText {
        var page = self
        page.width = max(0, PageGeometry.clamped(width))
        page.height = max(0, PageGeometry.clamped(height))
        for i in page.lines.indices {
            page.lines[i].x0 = PageGeometry.clamped(page.lines[i].x0)
            page.lines[i].y0 = PageGeometry.clamped(page.lines[i].y0)
            page.lines[i].x1 = PageGeometry.clamped(page.lines[i].x1)
            page.lines[i].y1 = PageGeometry.clamped(page.lines[i].y1)
            page.lines[i].fontSize = max(0, PageGeometry.clamped(page.lines[i].fontSize))
            page.lines[i].ocrConfidence = page.lines[i].ocrConfidence.map { min(max(PageGeometry.clamped($0), 0), 100) }
        }
        return page
    }
}
