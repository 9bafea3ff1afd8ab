import CPoppler
import DocumentModel
import Foundation
import Structure

/// One line of a page's text with the geometry and font facts that structure detection needs.
struct PDFLine {
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
    var lines: [PDFLine]
    var width: Double
    var height: Double
}

enum PageTextExtractor {
    /// Text, layout and attributes all come from the same PopplerPage, so poppler builds its TextPage once.
    static func extract(page: OpaquePointer, fonts: inout FontTable) -> PageText {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard let cText = poppler_page_get_text(page) else {
            return PageText(status: .empty, lines: [], width: width, height: height)
        }
        defer { g_free(cText) }
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var rectCount: guint = 0
        let hasLayout = poppler_page_get_text_layout(page, &rects, &rectCount) != 0
        defer { g_free(rects) }
        let scalars = Array(String(cString: cText).unicodeScalars)
        guard hasLayout, rectCount > 0, !scalars.isEmpty else {
            return PageText(status: .empty, lines: [], width: width, height: height)
        }
        let spans = attributeSpans(page: page, fonts: &fonts)

        var lines: [PDFLine] = []
        var good = 0
        var bad = 0
        var visible = 0
        let n = scalars.count
        let rectLimit = Int(rectCount)
        var start = 0
        var spanCursor = 0
        while start < n {
            var end = start
            while end < n, scalars[end] != "\n" { end += 1 }
            // Trim whitespace at both ends of the line.
            var a = start
            var b = end
            while a < b, isSpace(scalars[a]) { a += 1 }
            while b > a, isSpace(scalars[b - 1]) { b -= 1 }
            if a < b {
                var x0 = Double.greatestFiniteMagnitude
                var y0 = Double.greatestFiniteMagnitude
                var x1 = -Double.greatestFiniteMagnitude
                var y1 = -Double.greatestFiniteMagnitude
                var weight = 0
                for k in a..<b {
                    let s = scalars[k]
                    if isSpace(s) { continue }
                    weight += 1
                    switch classify(s) {
                    case .good: good += 1
                    case .bad: bad += 1
                    case .neutral: break
                    }
                    if k < rectLimit, let r = rects?[k] {
                        x0 = min(x0, r.x1)
                        x1 = max(x1, r.x2)
                        y0 = min(y0, r.y1)
                        y1 = max(y1, r.y2)
                    }
                }
                visible += weight
                if x0 > x1 {
                    x0 = 0
                    x1 = 0
                    y0 = lines.last?.y1 ?? 0
                    y1 = y0
                }
                // The font covering most of the line.
                while spanCursor < spans.count, spans[spanCursor].end < a { spanCursor += 1 }
                var best = (font: 0, size: 0.0, overlap: 0)
                var j = spanCursor
                while j < spans.count, spans[j].start < b {
                    let overlap = min(spans[j].end + 1, b) - max(spans[j].start, a)
                    if overlap > best.overlap { best = (spans[j].font, spans[j].size, overlap) }
                    j += 1
                }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[a..<b])
                lines.append(
                    PDFLine(
                        text: String(view), x0: x0, y0: y0, x1: x1, y1: y1,
                        fontSize: best.size > 0 ? best.size : max(0, y1 - y0), font: best.font, weight: weight))
            }
            start = end + 1
        }
        if visible == 0 { return PageText(status: .empty, lines: [], width: width, height: height) }
        // Text without a usable ToUnicode map decodes to replacement characters, private-use glyphs or
        // scattered code points: such a page has no usable text layer.
        if isGarbage(good: good, bad: bad, visible: visible) { return PageText(status: .garbage, lines: [], width: width, height: height) }
        for i in lines.indices {
            let mid = (lines[i].y0 + lines[i].y1) / 2
            if height > 0, mid < height * 0.1 {
                lines[i].band = .top
            } else if height > 0, mid > height * 0.9 {
                lines[i].band = .bottom
            }
        }
        return PageText(status: .text, lines: lines, width: width, height: height)
    }

    /// Under 60 % CJK/ASCII-printable characters, or over 10 % replacement, private-use or control characters.
    static func isGarbage(good: Int, bad: Int, visible: Int) -> Bool {
        Double(good) < 0.6 * Double(visible) || Double(bad) > 0.1 * Double(visible)
    }

    /// The same judgement on a string (whitespace ignored).
    static func isGarbage(_ text: String) -> Bool {
        var good = 0
        var bad = 0
        var visible = 0
        for s in text.unicodeScalars where !isSpace(s) {
            visible += 1
            switch classify(s) {
            case .good: good += 1
            case .bad: bad += 1
            case .neutral: break
            }
        }
        return visible > 0 && isGarbage(good: good, bad: bad, visible: visible)
    }

    struct Span {
        var start: Int
        /// Inclusive, as poppler reports it.
        var end: Int
        var font: Int
        var size: Double
    }

    static func attributeSpans(page: OpaquePointer, fonts: inout FontTable) -> [Span] {
        guard let list = poppler_page_get_text_attributes(page) else { return [] }
        defer { poppler_page_free_text_attributes(list) }
        var spans: [Span] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let raw = current.pointee.data {
                let attr = raw.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                let name = attr.font_name.map { String(cString: $0) } ?? "Default"
                spans.append(
                    Span(start: Int(attr.start_index), end: Int(attr.end_index), font: fonts.id(for: name), size: attr.font_size))
            }
            node = current.pointee.next
        }
        spans.sort { $0.start < $1.start }
        return spans
    }

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\r" || s == "\n" || s == "\u{3000}" || s == "\u{A0}"
    }

    enum CharClass { case good, bad, neutral }

    @inline(__always) static func classify(_ s: Unicode.Scalar) -> CharClass {
        let v = s.value
        switch v {
        case 0x21...0x7E, 0x4E00...0x9FFF, 0x3000...0x303F, 0xFF00...0xFFEF, 0x3400...0x4DBF, 0x2000...0x206F,
            0x00B7, 0x00D7, 0x2160...0x217F, 0x2460...0x24FF, 0x2190...0x21FF, 0x2200...0x22FF, 0x25A0...0x25FF:
            return .good
        case 0xFFFD, 0xE000...0xF8FF, 0x00...0x1F, 0x7F...0x9F:
            return .bad
        default:
            return .neutral
        }
    }
}
