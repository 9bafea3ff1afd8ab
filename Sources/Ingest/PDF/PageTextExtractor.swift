import CPoppler
import DocumentModel
import Foundation
import Structure

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

        var lines: [PageLine] = []
        var quality = TextLayerQuality()
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
                    quality.add(s)
                    if isSpace(s) { continue }
                    weight += 1
                    if k < rectLimit, let r = rects?[k] {
                        x0 = min(x0, r.x1)
                        x1 = max(x1, r.x2)
                        y0 = min(y0, r.y1)
                        y1 = max(y1, r.y2)
                    }
                }
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
                    PageLine(
                        text: String(view), x0: x0, y0: y0, x1: x1, y1: y1,
                        fontSize: best.size > 0 ? best.size : max(0, y1 - y0), font: best.font, weight: weight))
            }
            start = end + 1
        }
        let visible = quality.visible
        if visible == 0 { return PageText(status: .empty, lines: [], width: width, height: height) }
        // Text without a usable ToUnicode map decodes to replacement characters, private-use glyphs or
        // scattered code points: such a page has no usable text layer. One bad font is enough when it carries a
        // real share of the page (its headings, say), even if the body font decodes well.
        if quality.isGarbage || hasGarbageFont(scalars: scalars, spans: spans, pageVisible: visible) {
            return PageText(status: .garbage, lines: [], width: width, height: height, visibleCharacters: visible)
        }
        var page = PageText(status: .text, lines: lines, width: width, height: height, visibleCharacters: visible)
        page.assignBands()
        return page
    }

    /// A font whose own characters are garbage and make up at least a tenth of the page (and 20 characters).
    static func hasGarbageFont(scalars: [Unicode.Scalar], spans: [Span], pageVisible: Int) -> Bool {
        var byFont: [Int: TextLayerQuality] = [:]
        for span in spans {
            let lower = max(0, span.start)
            let upper = min(scalars.count - 1, span.end)
            guard lower <= upper else { continue }
            byFont[span.font, default: TextLayerQuality()].add(contentsOf: scalars[lower...upper])
        }
        return byFont.values.contains { q in
            q.visible >= 20 && q.visible * 10 >= pageVisible && q.isGarbage
        }
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

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool { TextLayerQuality.isSpace(s) }
}
