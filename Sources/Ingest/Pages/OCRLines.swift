import Foundation

/// Tesseract's lines as page lines, for every paged format: noise dropped, side-by-side pieces joined into rows,
/// sizes evened out, so recognised pages go through the same layout and structure code as text pages.
enum OCRLines {
    /// Lines tesseract is less sure of than this are noise (specks, stamps, a photo read as letters): on real text
    /// it reports 80–97, on noise 10–55.
    static let minimumLineConfidence = 60.0
    /// A page whose kept lines average less than this is an unreadable image (too coarse, too faint), not text.
    static let minimumPageConfidence = 65.0

    /// Tesseract's lines as page lines: pixels to PDF points, noise dropped, sizes evened out.
    static func pageLines(_ recognised: [OCREngine.Line], scale: Double, font: Int) -> [PageLine] {
        var lines: [PageLine] = []
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
                PageLine(
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
    static func rows(_ lines: [PageLine]) -> [PageLine] {
        let sorted = lines.sorted { $0.y0 != $1.y0 ? $0.y0 < $1.y0 : $0.x0 < $1.x0 }
        var rows: [[PageLine]] = []
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
    static func evenedSizes(_ lines: [PageLine]) -> [PageLine] {
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
}
