import DocumentModel
import Structure

/// Turns the lines of all pages into blocks: running headers and footers set apart, TOC pages turned into TOC
/// entries, headings found (bookmarks verified against the page, else numbering plus font cues) and the remaining
/// lines joined into paragraphs.
struct PageLayoutAssembler {
    /// 1-based page number and its text.
    var pages: [(number: Int, text: PageText)]
    var fonts: FontTable
    var bookmarks: [OutlineEntry]
    /// Headings of the tagged-PDF structure tree, when there is one: the strongest signal.
    var taggedHeadings: [OutlineEntry] = []

    struct Output {
        var blocks: [Block] = []
        var toc: [TOCEntry] = []
        var warnings: [String] = []
    }

    private enum Role {
        case body
        case running(DocumentPart)
        case toc
        case heading(Heading, continuation: Bool)
    }

    func assemble() -> Output {
        var output = Output()
        var roles: [[Role]] = pages.map { Array(repeating: .body, count: $0.text.lines.count) }

        // Running headers and footers.
        let bands = pages.map { page in page.text.lines.map { BandLine(text: $0.text, band: $0.band) } }
        let parts = RunningHeaders.detect(pages: bands)
        for p in pages.indices {
            for i in pages[p].text.lines.indices {
                if let part = parts[p][i] { roles[p][i] = .running(part) }
            }
        }

        // TOC pages.
        var previousWasTOC = false
        var tocAssigner = LevelAssigner()
        for p in pages.indices {
            let indices = pages[p].text.lines.indices.filter { if case .body = roles[p][$0] { return true } else { return false } }
            let texts = indices.map { pages[p].text.lines[$0].text }
            let isOCR = pages[p].text.isOCR
            let isTOC = isOCR
                ? TOCDetector.isRecognisedTOCPage(lines: texts, continuing: previousWasTOC)
                : TOCDetector.isTOCPage(lines: texts, continuing: previousWasTOC)
            guard isTOC else {
                previousWasTOC = false
                continue
            }
            previousWasTOC = true
            func parse(_ text: String) -> TOCLine? {
                isOCR ? TOCDetector.parseRecognisedLine(text) : TOCDetector.parseLine(text)
            }
            let lastTOCLine = indices.lastIndex { parse(pages[p].text.lines[$0].text) != nil } ?? -1
            var pending = ""
            // Lines above the 目录 title (a cover title, a document name) stay body text.
            // The title may be split over two lines ("目" and "录" spread across the page width).
            var titleLine = -1
            for k in indices.indices.prefix(6) {
                let text = pages[p].text.lines[indices[k]].text
                if TOCDetector.isTOCTitle(text) {
                    titleLine = k
                    break
                }
                if k + 1 < indices.count, text.count <= 2,
                    TOCDetector.isTOCTitle(text + pages[p].text.lines[indices[k + 1]].text)
                {
                    roles[p][indices[k]] = .toc
                    titleLine = k + 1
                    break
                }
            }
            if titleLine >= 0 { roles[p][indices[titleLine]] = .toc }
            for (k, i) in indices.enumerated() where k > titleLine && k <= lastTOCLine {
                let text = pages[p].text.lines[i].text
                roles[p][i] = .toc
                // A wrapped entry: its first part has no page number; join it with the next line.
                let joined = pending.isEmpty ? text : pending + (endsCJK(pending) ? "" : " ") + text
                // On an OCR page a line that fails to parse is more often a misread leader than a wrapped title.
                if let line = parse(joined) ?? (isOCR && !pending.isEmpty ? parse(text) : nil) {
                    let level = line.style.map { tocAssigner.level(for: $0) }
                    output.toc.append(
                        TOCEntry(
                            level: level, number: line.number, title: line.title, printedPage: line.printedPage,
                            location: Location(page: pages[p].number)))
                    pending = ""
                } else {
                    pending = joined
                }
            }
        }

        // Headings.
        let bodySize = dominantBodySize(roles: roles)
        let bodyFont = dominantBodyFont(roles: roles)
        var patternRoles = roles
        let tocKeys = Set(output.toc.map { Self.tocKey($0.number + " " + $0.title) }).subtracting([""])
        let patternCount = applyHeuristics(&patternRoles, bodySize: bodySize, bodyFont: bodyFont, tocKeys: tocKeys)
        var taggedRoles = roles
        let taggedVerified = taggedHeadings.isEmpty ? 0 : applyBookmarks(taggedHeadings, source: .style, &taggedRoles).verified
        if taggedVerified > 0, taggedVerified * 2 >= patternCount {
            roles = taggedRoles
        } else if !bookmarks.isEmpty {
            var outlineRoles = roles
            let (verified, dropped) = applyBookmarks(bookmarks, source: .outline, &outlineRoles)
            if dropped > 0 {
                output.warnings.append("\(dropped) of \(bookmarks.count) bookmarks not found on their target page; ignored")
            }
            // Verified bookmarks win unless numbering and fonts find far more headings: some producers (WPS) export
            // a handful of stray paragraphs as the outline.
            if verified > 0, verified * 2 >= patternCount {
                roles = outlineRoles
            } else {
                roles = patternRoles
                if verified > 0 {
                    output.warnings.append(
                        "bookmarks cover \(verified) headings against \(patternCount) found by numbering; headings taken from numbering")
                }
            }
        } else {
            roles = patternRoles
        }

        // Blocks in reading order.
        for p in pages.indices {
            let page = pages[p]
            let lines = page.text.lines
            let metrics = PageMetrics(lines: lines, roles: roles[p])
            // OCR confidence of a paragraph: its lines' confidences weighted by their characters.
            var paragraph: (text: String, last: PageLine, confidence: Double, weight: Int)?
            func flush() {
                if let current = paragraph {
                    let confidence = page.text.isOCR ? current.confidence / Double(max(1, current.weight)) : nil
                    output.blocks.append(
                        Block(
                            kind: .paragraph, text: current.text, location: Location(page: page.number),
                            ocrConfidence: confidence))
                    paragraph = nil
                }
            }
            for i in lines.indices {
                let line = lines[i]
                switch roles[p][i] {
                case .toc:
                    continue
                case .running(let part):
                    output.blocks.append(
                        Block(
                            kind: .paragraph, text: line.text, location: Location(page: page.number), part: part,
                            ocrConfidence: line.ocrConfidence))
                case .heading(let heading, let continuation):
                    if continuation, let last = output.blocks.indices.last, output.blocks[last].kind == .heading {
                        output.blocks[last].text += (endsCJK(output.blocks[last].text) ? "" : " ") + line.text
                        continue
                    }
                    flush()
                    output.blocks.append(
                        Block(
                            kind: .heading, text: line.text, heading: heading, location: Location(page: page.number),
                            ocrConfidence: line.ocrConfidence))
                case .body:
                    let weighted = (line.ocrConfidence ?? 0) * Double(line.weight)
                    if let current = paragraph, !metrics.startsNewParagraph(previous: current.last, next: line) {
                        paragraph = (
                            join(current.text, line.text), line, current.confidence + weighted, current.weight + line.weight
                        )
                    } else {
                        flush()
                        paragraph = (line.text, line, weighted, line.weight)
                    }
                }
            }
            flush()
        }
        return output
    }

    // MARK: - Headings

    /// Bookmarks (or tagged headings) become headings only where their title is on the target page's body text.
    private func applyBookmarks(
        _ bookmarks: [OutlineEntry], source: HeadingSource, _ roles: inout [[Role]]
    ) -> (verified: Int, dropped: Int) {
        var pageIndex: [Int: Int] = [:]
        for (i, page) in pages.enumerated() { pageIndex[page.number] = i }
        // Match keys are computed lazily: a search usually stops a few lines after the previous match.
        var keyCache: [Int: [String?]] = [:]
        var nextLine: [Int: Int] = [:]
        var verified = 0
        var dropped = 0
        for bookmark in bookmarks {
            guard let number = bookmark.page, let p = pageIndex[number] else {
                dropped += 1
                continue
            }
            let lines = pages[p].text.lines
            var keys = keyCache[p] ?? Array(repeating: nil, count: lines.count)
            defer { keyCache[p] = keys }
            func key(_ i: Int) -> String {
                if let k = keys[i] { return k }
                let k = TextNormalizer.matchKey(lines[i].text)
                keys[i] = k
                return k
            }
            let titleKey = TextNormalizer.matchKey(bookmark.title)
            // A sentence exported as a bookmark (a body paragraph with an outline level) is not a heading.
            guard !titleKey.isEmpty, titleKey.count <= 60, !bookmark.title.hasSuffix("。") else {
                dropped += 1
                continue
            }
            let parsed = HeadingPatterns.parse(bookmark.title)
                ?? HeadingPatterns.parse(HeadingHeuristics.despaceCJK(bookmark.title))
            let start = nextLine[p] ?? 0
            var found = Self.findTitle(titleKey, in: lines.count, from: start, roles: roles[p], key: key)
            // A list label set apart from its title by a wide gap is a line of its own ("1", then the title): find
            // the title alone, and take the label with it when it is the line just before.
            if found == nil, let parsed, !parsed.title.isEmpty,
                let titleOnly = Self.findTitle(
                    TextNormalizer.matchKey(parsed.title), in: lines.count, from: start, roles: roles[p], key: key)
            {
                found = titleOnly
                let label = titleOnly.first - 1
                if label >= start, Self.isLabel(key(label), of: parsed.number) { found?.first = label }
            }
            guard let found else {
                dropped += 1
                continue
            }
            let heading = Heading(
                level: bookmark.depth + 1, number: parsed?.number ?? "", title: parsed?.title ?? bookmark.title,
                numbering: parsed == nil ? .none : .typed, source: source)
            for k in found.first...found.last {
                roles[p][k] = .heading(heading, continuation: k != found.first)
            }
            nextLine[p] = found.last + 1
            verified += 1
        }
        return (verified, dropped)
    }

    /// Number and title of a TOC entry or a line as one key, numbers in the form the parser gives them.
    static func tocKey(_ text: String) -> String {
        guard let parsed = HeadingPatterns.parse(text) else { return "" }
        return parsed.number + "|" + TextNormalizer.matchKey(parsed.title)
    }

    /// The first body line at or after `start` where the title starts, and the line it ends on when it wraps.
    private static func findTitle(
        _ titleKey: String, in count: Int, from start: Int, roles: [Role], key: (Int) -> String
    ) -> (first: Int, last: Int)? {
        var i = start
        while i < count {
            guard case .body = roles[i] else {
                i += 1
                continue
            }
            let lineKey = key(i)
            if lineKey == titleKey || (lineKey.hasPrefix(titleKey) && lineKey.count <= titleKey.count + 4) {
                return (i, i)
            }
            if !lineKey.isEmpty, titleKey.hasPrefix(lineKey) {
                // The title wraps over several lines.
                var combined = lineKey
                var j = i + 1
                while j < count, combined.count < titleKey.count {
                    guard case .body = roles[j] else { break }
                    combined += key(j)
                    j += 1
                }
                if combined.hasPrefix(titleKey) { return (i, j - 1) }
            }
            i += 1
        }
        return nil
    }

    /// The line is the heading's number alone ("1", "1.", "（一）"), whatever role it was given (a lone digit at the
    /// top of a page passes for a running header).
    private static func isLabel(_ lineKey: String, of number: String) -> Bool {
        let label = TextNormalizer.matchKey(number)
        guard !label.isEmpty else { return false }
        return lineKey == label || lineKey == label + "." || lineKey + "." == label || lineKey == label + "、"
    }

    @discardableResult
    private func applyHeuristics(
        _ roles: inout [[Role]], bodySize: Double, bodyFont: Int, tocKeys: Set<String>
    ) -> Int {
        var detector = HeadingDetector()
        var count = 0
        let body = fonts.fonts[bodyFont]
        for p in pages.indices {
            let lines = pages[p].text.lines
            let isOCR = pages[p].text.isOCR
            let metrics = PageMetrics(lines: lines, roles: roles[p])
            for i in lines.indices {
                guard case .body = roles[p][i] else { continue }
                let line = lines[i]
                guard line.weight <= HeadingHeuristics.maxHeadingLength + 4, let first = line.text.unicodeScalars.first,
                    Self.mayStartHeading(first)
                else { continue }
                let font = fonts.fonts[line.font]
                // A heading face counts only when the body is not set in one.
                let family = line.font != bodyFont && !body.isHeadingFamily && !body.isBold
                    && (font.isHeadingFamily || (font.isSans && !body.isSans))
                let bold = font.isBold && !body.isBold
                let cue = family || bold || (bodySize > 0 && line.fontSize >= bodySize * 1.08)
                // Without a font cue only 第X章 / 第X节 can be a heading; skip the parse for everything else.
                // OCR lines have no font facts at all: their cues come from layout, weighed below.
                guard cue || first == "第" || isOCR else { continue }
                var next: PageLine?
                var k = i + 1
                while k < lines.count {
                    if case .body = roles[p][k] {
                        next = lines[k]
                        break
                    }
                    k += 1
                }
                let alone = next.map { metrics.startsNewParagraph(previous: line, next: $0) || $0.fontSize != line.fontSize
                    || $0.font != line.font } ?? true
                let layout = isOCR && (metrics.isCentered(line) || (alone && Self.isShortOrdinalHeading(line)))
                let features = LineFeatures(
                    text: line.text, fontSize: line.fontSize, bodyFontSize: bodySize,
                    isBold: bold, isHeadingFamily: family, standsAlone: alone, hasLayoutCue: layout,
                    listedInTOC: tocKeys.contains(Self.tocKey(HeadingHeuristics.despaceCJK(line.text))))
                if let heading = detector.heading(for: features) {
                    roles[p][i] = .heading(heading, continuation: false)
                    count += 1
                }
            }
        }
        return count
    }

    /// On an OCR page, where weight and typeface are unknown, a short line of its own numbered 一、, （一） or 1.1 is
    /// taken as set apart like a heading: body paragraphs run longer, and list items use 1. or （1）.
    static func isShortOrdinalHeading(_ line: PageLine) -> Bool {
        guard line.weight <= 20, let last = line.text.last, !"。；;，,：:".contains(last),
            let parsed = HeadingPatterns.parse(HeadingHeuristics.despaceCJK(line.text))
        else { return false }
        switch parsed.style {
        case .chineseComma, .chineseParen: return true
        case .decimal(let depth): return depth >= 2
        default: return false
        }
    }

    /// Cheap pre-filter before pattern parsing: headings start with a digit, 第, a bracket, a Chinese numeral or ①.
    static func mayStartHeading(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0xFF10...0xFF19, 0x28, 0xFF08, 0x2460...0x2473: return true
        default: return "第一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾".unicodeScalars.contains(s)
        }
    }

    private func dominantBodySize(roles: [[Role]]) -> Double {
        var histogram: [Int: Int] = [:]
        for (p, page) in pages.enumerated() {
            for (i, line) in page.text.lines.enumerated() {
                if case .body = roles[p][i] { histogram[Int((min(line.fontSize, PageGeometry.limit) * 2).rounded()), default: 0] += line.weight }
            }
        }
        guard let best = histogram.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
            return 0
        }
        return Double(best.key) / 2
    }

    private func dominantBodyFont(roles: [[Role]]) -> Int {
        var histogram: [Int: Int] = [:]
        for (p, page) in pages.enumerated() {
            for (i, line) in page.text.lines.enumerated() {
                if case .body = roles[p][i] { histogram[line.font, default: 0] += line.weight }
            }
        }
        return histogram.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key ?? 0
    }

    // MARK: - Paragraphs

    private func join(_ a: String, _ b: String) -> String {
        if endsCJK(a) || startsCJK(b) { return a + b }
        if a.hasSuffix("-") { return a + b }
        return a + " " + b
    }

    private func endsCJK(_ s: String) -> Bool { s.last.map(TextNormalizer.isCJKLike) ?? false }
    private func startsCJK(_ s: String) -> Bool { s.first.map(TextNormalizer.isCJKLike) ?? false }

    /// Per-page measures of the body text column: margins and the usual gap between lines.
    private struct PageMetrics {
        var left: Double
        var right: Double
        var lineGap: Double

        init(lines: [PageLine], roles: [Role]) {
            var left = Double.greatestFiniteMagnitude
            var right = 0.0
            var gaps: [Double] = []
            var previous: PageLine?
            for (i, line) in lines.enumerated() {
                guard case .body = roles[i] else { continue }
                left = min(left, line.x0)
                right = max(right, line.x1)
                if let previous {
                    let gap = line.y0 - previous.y1
                    if gap >= 0 { gaps.append(gap) }
                }
                previous = line
            }
            self.left = left == .greatestFiniteMagnitude ? 0 : left
            self.right = right
            gaps.sort()
            lineGap = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
        }

        /// Centred in the text column with room on both sides: a title or heading, not a full line of body.
        func isCentered(_ line: PageLine) -> Bool {
            let column = right - left
            guard column > 0 else { return false }
            let size = max(line.fontSize, 1)
            let margin = min(line.x0 - left, right - line.x1)
            return margin > size * 2 && abs((line.x0 + line.x1) / 2 - (left + right) / 2) < column * 0.05
        }

        func startsNewParagraph(previous: PageLine, next: PageLine) -> Bool {
            let size = max(previous.fontSize, 1)
            let gap = next.y0 - previous.y1
            // Lines overlapping vertically or far apart, another size, an indented first line, or a previous
            // line that stopped well short of the right margin.
            if gap < -size * 0.5 || gap > lineGap * 1.5 + size * 0.3 { return true }
            if abs(next.fontSize - previous.fontSize) > size * 0.1 { return true }
            if next.x0 > left + size * 0.8 { return true }
            if previous.x1 < right - size * 2 { return true }
            // A numbered line after a finished sentence starts a new block (a list item or an unmarked heading).
            if let end = previous.text.unicodeScalars.last, "。！？；：!?;:".unicodeScalars.contains(end),
                let first = next.text.unicodeScalars.first, PageLayoutAssembler.mayStartHeading(first),
                HeadingPatterns.parse(next.text) != nil
            {
                return true
            }
            return false
        }
    }
}
