import DocumentModel

/// One line of a table of contents as printed.
public struct TOCLine: Sendable, Hashable {
    public var number: String
    public var title: String
    public var printedPage: Int?
    public var style: NumberStyle?
}

/// Recognises tables of contents typed or generated into a document: a 目录 title and lines ending in leaders
/// and a page number. A TOC line claims a section exists; it never proves it.
public enum TOCDetector {
    static let titleKeys: Set<String> = ["目录", "目次", "contents", "tableofcontents", "table of contents"]
    static let dotLeaders: Set<Character> = [".", "…", "·", "．", "⋯", "‥", "・", "-", "—", "_", "─", "•"]

    /// A TOC heading such as "目录" or "目 录".
    public static func isTOCTitle(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= 40 else { return false }
        let key = TextNormalizer.matchKey(text)
        return titleKeys.contains(key)
    }

    /// A line's trailing page number, the title before it and the leader between them.
    public struct PageReference: Sendable, Hashable {
        public var title: String
        public var page: Int
        public var dots = 0
        public var tabs = 0
        public var spaces = 0
        /// Dot leaders or a tab, as TOC fields and typists write them; spaces alone are weak.
        public var hasStrongLeader: Bool { dots >= 3 || tabs >= 1 }
    }

    /// Splits "第一章 项目概况……2" into its title, page 2 and the leader; nil unless the line ends in a page number
    /// of at most 5 digits (ASCII or full-width) preceded by a leader character, a tab or a space.
    public static func pageReference(_ raw: String) -> PageReference? {
        // Cheap rejection first: most lines do not end in a digit.
        guard let lastVisible = raw.unicodeScalars.last(where: { !$0.properties.isWhitespace }),
            ("0"..."9").contains(lastVisible) || (0xFF10...0xFF19).contains(lastVisible.value)
        else { return nil }
        var chars = Array(raw)
        while let last = chars.last, last.isWhitespace { chars.removeLast() }
        var end = chars.count
        var page = 0
        var scale = 1
        while end > 0, chars.count - end < 5, let digit = asciiValue(chars[end - 1]) {
            page += digit * scale
            scale *= 10
            end -= 1
        }
        guard end < chars.count, end > 0 else { return nil }
        var reference = PageReference(title: "", page: page)
        var i = end
        while i > 0 {
            let c = chars[i - 1]
            // A run of 。 is a typist's leader; a single one ends a sentence.
            if c == "。" {
                var run = 0
                while i - run > 0, chars[i - run - 1] == "。" { run += 1 }
                guard run >= 2 else { break }
                reference.dots += run
                i -= run
                continue
            }
            if dotLeaders.contains(c) {
                reference.dots += (c == "…" || c == "⋯") ? 3 : 1
            } else if c == "\t" {
                reference.tabs += 1
            } else if c.isWhitespace {
                reference.spaces += 1
            } else {
                break
            }
            i -= 1
        }
        guard i < end else { return nil }
        reference.title = TextNormalizer.collapseWhitespace(String(chars[..<i]))
        return reference
    }

    private static func asciiValue(_ c: Character) -> Int? {
        guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return nil }
        if (0x30...0x39).contains(v) { return Int(v - 0x30) }
        if (0xFF10...0xFF19).contains(v) { return Int(v - 0xFF10) }
        return nil
    }

    /// Parses "第一章 项目概况……2", "1.1 建设单位 .......... 2" or "数据资源目录\t12"; nil for anything else.
    public static func parseLine(_ raw: String) -> TOCLine? {
        guard let reference = pageReference(raw), let last = reference.title.last, last != "。", last != "，"
        else { return nil }
        let parsed = HeadingPatterns.parse(reference.title)
        // Spaces alone are a weak leader: only a numbered title qualifies.
        guard reference.hasStrongLeader || (reference.spaces >= 2 && parsed != nil) else { return nil }
        if let parsed {
            return TOCLine(number: parsed.number, title: parsed.title, printedPage: reference.page, style: parsed.style)
        }
        return TOCLine(number: "", title: reference.title, printedPage: reference.page, style: nil)
    }

    /// The title of a TOC entry with any leader run after it removed ("项目概况……" → "项目概况").
    public static func withoutLeaders(_ text: String) -> String {
        var rest = Substring(text)
        while let last = rest.last {
            if dotLeaders.contains(last) || last.isWhitespace {
                rest = rest.dropLast()
            } else if rest.hasSuffix("。。") {
                rest = rest.dropLast(rest.reversed().prefix { $0 == "。" }.count)
            } else {
                break
            }
        }
        return TextNormalizer.collapseWhitespace(String(rest))
    }

    /// A TOC line as OCR reads it: OCR turns dot leaders into junk and often swallows the page number with them
    /// ("第一章 项目概况.Ne"), so a numbered short line, with or without a page number, is taken.
    public static func parseRecognisedLine(_ raw: String) -> TOCLine? {
        if let line = parseLine(raw) { return line }
        var chars = Array(TextNormalizer.collapseWhitespace(raw))
        var digits = 0
        var value = 0
        var scale = 1
        while let last = chars.last, let digit = asciiValue(last) {
            chars.removeLast()
            if digits < 9 { value += digit * scale }
            scale = digits < 9 ? scale * 10 : scale
            digits += 1
        }
        while let last = chars.last, last.isWhitespace || ".·…．-_—".contains(last) { chars.removeLast() }
        let page = digits > 0 && digits <= 4 ? value : nil
        let text = HeadingHeuristics.despaceCJK(String(chars))
        guard text.count <= HeadingHeuristics.maxHeadingLength, let last = text.last, !"。；;，,".contains(last),
            let parsed = HeadingPatterns.parse(text), !parsed.title.isEmpty
        else { return nil }
        return TOCLine(number: parsed.number, title: parsed.title, printedPage: page, style: parsed.style)
    }

    /// On an OCR page: a 目录 title followed mostly by numbered short lines, or (after a TOC page) a page of nothing
    /// else.
    public static func isRecognisedTOCPage(lines: [String], continuing: Bool) -> Bool {
        if isTOCPage(lines: lines, continuing: continuing) { return true }
        let nonEmpty = lines.filter { !$0.allSatisfy(\.isWhitespace) }
        guard !nonEmpty.isEmpty else { return false }
        let title = nonEmpty.prefix(6).firstIndex(where: isTOCTitle)
        let after = title.map { Array(nonEmpty[($0 + 1)...]) } ?? nonEmpty
        let numbered = after.filter { parseRecognisedLine($0) != nil }.count
        if title != nil { return numbered >= 2 && numbered * 2 >= after.count }
        return continuing && numbered >= 3 && numbered * 5 >= nonEmpty.count * 4
    }

    /// Whether a page (its lines, headers and footers already removed) is a TOC page.
    /// `continuing` is true when the previous page was one: a TOC spanning pages has no title on its later pages.
    public static func isTOCPage(lines: [String], continuing: Bool) -> Bool {
        let nonEmpty = lines.filter { !$0.allSatisfy(\.isWhitespace) }
        guard !nonEmpty.isEmpty else { return false }
        let tocCount = nonEmpty.reduce(0) { $0 + (parseLine($1) != nil ? 1 : 0) }
        let head = Array(nonEmpty.prefix(6))
        var hasTitle = head.contains(where: isTOCTitle)
        for k in head.indices.dropLast() where !hasTitle && head[k].count <= 2 {
            hasTitle = isTOCTitle(head[k] + head[k + 1])
        }
        if hasTitle, tocCount >= 1 { return true }
        if continuing, tocCount >= 3, tocCount * 2 >= nonEmpty.count { return true }
        return tocCount >= 5 && tocCount * 2 >= nonEmpty.count
    }
}
