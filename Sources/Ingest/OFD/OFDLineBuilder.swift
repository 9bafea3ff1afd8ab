import DocumentModel
import Structure

/// Rebuilds reading order from positions: OFD draws text in any order (producers emit objects by layer, by font
/// or glyph by glyph), so runs are grouped into lines by baseline, lines sorted top-down and runs left to right.
enum OFDLineBuilder {
    static let pointsPerMillimetre = 72 / 25.4

    /// Lines in reading order. Pages are cut recursively at their widest gaps (an XY cut): a gutter between
    /// columns of prose splits the page into columns read left to right, any other gap into bands read top-down.
    /// Gutters between table or form columns are not cut, so rows stay rows.
    static func readingOrder(_ runs: [OFDTextRun]) -> [[OFDTextRun]] {
        var lines: [[OFDTextRun]] = []
        split(runs, depth: 0, into: &lines)
        return lines
    }

    /// Deep enough for any real layout; past it the rest is read by baseline alone.
    static let maxCutDepth = 48
    /// Gutters tried per cut: pages have a handful of columns; wide tables would otherwise cost a test per column.
    static let maxGutters = 6

    private static func split(_ runs: [OFDTextRun], depth: Int, into lines: inout [[OFDTextRun]]) {
        guard runs.count >= 8, depth < maxCutDepth else {
            lines += group(runs)
            return
        }
        let size = medianSize(runs)
        if let columns = columnCut(runs, size: size) {
            split(columns.left, depth: depth + 1, into: &lines)
            split(columns.right, depth: depth + 1, into: &lines)
            return
        }
        if let bands = bandCut(runs, size: size) {
            split(bands.upper, depth: depth + 1, into: &lines)
            split(bands.lower, depth: depth + 1, into: &lines)
            return
        }
        lines += group(runs)
    }

    static func medianSize(_ runs: [OFDTextRun]) -> Double {
        let sizes = runs.map(\.size).sorted()
        return max(sizes[sizes.count / 2], 0.1)
    }

    /// The first vertical strip no run crosses, from the left, that has a column of prose on its left and one or
    /// more columns of prose on its right. Gutters between table or form columns fail the prose test.
    private static func columnCut(_ runs: [OFDTextRun], size: Double) -> (left: [OFDTextRun], right: [OFDTextRun])? {
        for gap in gaps(runs.map { ($0.x0, $0.x1) }, minimum: 0.8 * size).prefix(maxGutters) {
            let left = runs.filter { $0.x1 <= gap.start }
            let right = runs.filter { $0.x1 > gap.start }
            if isProseColumn(left, size: size), isProseColumns(right, size: size, depth: 0) { return (left, right) }
        }
        return nil
    }

    private static func isProseColumns(_ runs: [OFDTextRun], size: Double, depth: Int) -> Bool {
        if isProseColumn(runs, size: size) { return true }
        guard depth < maxGutters else { return false }
        for gap in gaps(runs.map { ($0.x0, $0.x1) }, minimum: 0.8 * size).prefix(maxGutters) {
            let left = runs.filter { $0.x1 <= gap.start }
            if isProseColumn(left, size: size) {
                return isProseColumns(runs.filter { $0.x1 > gap.start }, size: size, depth: depth + 1)
            }
        }
        return false
    }

    /// Spaces between the merged intervals at least `minimum` wide, left to right (top to bottom).
    private static func gaps(_ intervals: [(Double, Double)], minimum: Double) -> [(start: Double, end: Double)] {
        let sorted = intervals.sorted { $0.0 < $1.0 }
        guard var reach = sorted.first?.1 else { return [] }
        var out: [(start: Double, end: Double)] = []
        for interval in sorted.dropFirst() {
            if interval.0 - reach >= minimum, interval.0 > reach { out.append((reach, interval.0)) }
            reach = max(reach, interval.1)
        }
        return out
    }

    /// The widest horizontal strip no run crosses, when there is one at all.
    private static func bandCut(_ runs: [OFDTextRun], size: Double) -> (upper: [OFDTextRun], lower: [OFDTextRun])? {
        let gaps = gaps(runs.map { ($0.baseline - 0.88 * $0.size, $0.baseline + 0.12 * $0.size) }, minimum: 0)
        guard let gap = gaps.max(by: { $0.end - $0.start < $1.end - $1.start }) else { return nil }
        let upper = runs.filter { $0.baseline + 0.12 * $0.size <= gap.start }
        let lower = runs.filter { $0.baseline + 0.12 * $0.size > gap.start }
        guard !upper.isEmpty, !lower.isEmpty else { return nil }
        return (upper, lower)
    }

    /// Several lines, most of them continuous text (no wide internal gap, as table rows have) and long enough to
    /// be prose rather than labels or cells.
    private static func isProseColumn(_ runs: [OFDTextRun], size: Double) -> Bool {
        let lines = group(runs)
        guard lines.count >= 4 else { return false }
        var continuous = 0
        var width = 0.0
        for line in lines {
            let gaps = zip(line, line.dropFirst()).map { $1.x0 - $0.x1 }
            if (gaps.max() ?? 0) <= 1.5 * size { continuous += 1 }
            width += (line.map(\.x1).max() ?? 0) - (line.map(\.x0).min() ?? 0)
        }
        return Double(continuous) >= 0.7 * Double(lines.count) && width / Double(lines.count) >= 6 * size
    }

    /// Runs grouped into lines, top-down, each line's runs left to right, repeated draws of the same text (a
    /// faux-bold second pass) dropped.
    static func group(_ runs: [OFDTextRun]) -> [[OFDTextRun]] {
        let sorted = runs.sorted { ($0.baseline, $0.x0) < ($1.baseline, $1.x0) }
        var lines: [(baseline: Double, size: Double, runs: [OFDTextRun])] = []
        for run in sorted {
            if var line = lines.last {
                // Runs share a line when their baselines are within about a third of the smaller font size;
                // measured against the line's first run so a drifting sequence cannot chain down the page.
                let tolerance = 0.35 * max(min(run.size, line.size), 0.1)
                if abs(run.baseline - line.baseline) <= tolerance {
                    line.runs.append(run)
                    line.size = max(line.size, run.size)
                    lines[lines.count - 1] = line
                    continue
                }
            }
            lines.append((run.baseline, run.size, [run]))
        }
        return lines.map { line in
            var kept: [OFDTextRun] = []
            for run in line.runs.sorted(by: { $0.x0 < $1.x0 }) {
                if let previous = kept.last, previous.text == run.text, abs(previous.x0 - run.x0) < 0.3 * max(run.size, 0.1) {
                    continue
                }
                kept.append(run)
            }
            return kept
        }
    }

    /// The line's text: CJK neighbours joined directly, Latin words and distant runs (table cells, tab stops)
    /// separated by a space.
    static func text(of runs: [OFDTextRun]) -> String {
        var out = ""
        var previous: OFDTextRun?
        for run in runs {
            if let previous, let last = out.last, let first = run.text.first {
                let gap = run.x0 - previous.x1
                let size = max(min(previous.size, run.size), 0.1)
                let cjk = TextNormalizer.isCJKLike(last) || TextNormalizer.isCJKLike(first)
                if gap > 1.2 * size || (!cjk && gap > 0.15 * size) {
                    if !last.isWhitespace && !first.isWhitespace { out += " " }
                }
            }
            out += run.text
            previous = run
        }
        return out
    }

    /// Lines in the layout assembler's terms: points, origin top-left, the dominant font of the line interned in
    /// `fonts`. Heavy text gets a ",Bold" name so the font cues read it as PDF bold faces are read.
    static func pageLines(
        _ runs: [OFDTextRun], pageHeight: Double, resources: OFDResources, fonts: inout FontTable
    ) -> [PageLine] {
        let k = pointsPerMillimetre
        var out: [PageLine] = []
        for line in readingOrder(runs) {
            let text = text(of: line)
            let weight = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
            guard weight > 0 else { continue }
            var characters: [Int: Int] = [:]
            for (i, run) in line.enumerated() { characters[i] = run.text.count }
            let dominant = line[characters.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key]
            let baseline = line.map(\.baseline).reduce(0, +) / Double(line.count)
            let size = line.map(\.size).max() ?? dominant.size
            let x0 = line.map(\.x0).min() ?? 0
            let x1 = line.map(\.x1).max() ?? 0
            let top = baseline - 0.88 * size
            let bottom = baseline + 0.12 * size
            var band = PageBand.middle
            let middle = (top + bottom) / 2
            if pageHeight > 0, middle < pageHeight * 0.1 {
                band = .top
            } else if pageHeight > 0, middle > pageHeight * 0.9 {
                band = .bottom
            }
            out.append(
                PageLine(
                    text: text, x0: x0 * k, y0: top * k, x1: x1 * k, y1: bottom * k, fontSize: dominant.size * k,
                    font: fonts.id(for: fontName(dominant, resources)), weight: weight, band: band))
        }
        return out
    }

    static func fontName(_ run: OFDTextRun, _ resources: OFDResources) -> String {
        let font = run.font.flatMap { resources.fonts[$0] }
        let name = font?.name ?? "Default"
        let bold = run.heavy || (font?.bold ?? false)
        return bold && !FontCues.isBold(fontName: name) ? name + ",Bold" : name
    }
}
