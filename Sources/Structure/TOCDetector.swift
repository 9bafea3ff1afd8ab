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

    /// Parses "第一章 项目概况……2", "1.1 建设单位 .......... 2" or "数据资源目录\t12"; nil for anything else.
    public static func parseLine(_ raw: String) -> TOCLine? {
        // Cheap rejection first: most lines do not end in a digit.
        guard let lastVisible = raw.unicodeScalars.last(where: { !$0.properties.isWhitespace }),
            ("0"..."9").contains(lastVisible) || (0xFF10...0xFF19).contains(lastVisible.value)
        else { return nil }
        var chars = Array(raw)
        while let last = chars.last, last.isWhitespace { chars.removeLast() }
        // Trailing page number (ASCII or full-width digits), at most 4 digits.
        var end = chars.count
        while end > 0, chars[end - 1].isASCIIDigit { end -= 1 }
        let digitCount = chars.count - end
        guard digitCount >= 1, digitCount <= 4 else { return nil }
        let pageText = String(chars[end...]).map { c -> Character in
            if let v = c.unicodeScalars.first?.value, (0xFF10...0xFF19).contains(v) {
                return Character(Unicode.Scalar(v - 0xFF10 + 0x30)!)
            }
            return c
        }
        let page = Int(String(pageText))
        // The leader before it: dots, ellipses, a tab or a run of spaces.
        var i = end
        var dots = 0
        var spaces = 0
        var tabs = 0
        while i > 0 {
            let c = chars[i - 1]
            if dotLeaders.contains(c) {
                dots += (c == "…" || c == "⋯") ? 3 : 1
            } else if c == "\t" {
                tabs += 1
            } else if c.isWhitespace {
                spaces += 1
            } else {
                break
            }
            i -= 1
        }
        let titlePart = TextNormalizer.collapseWhitespace(String(chars[..<i]))
        guard !titlePart.isEmpty, let last = titlePart.last, last != "。", last != "，" else { return nil }
        let parsed = HeadingPatterns.parse(titlePart)
        let strongLeader = dots >= 3 || tabs >= 1
        // Spaces alone are a weak leader: only a numbered title qualifies.
        guard strongLeader || (spaces >= 2 && parsed != nil) else { return nil }
        if let parsed {
            return TOCLine(number: parsed.number, title: parsed.title, printedPage: page, style: parsed.style)
        }
        return TOCLine(number: "", title: titlePart, printedPage: page, style: nil)
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
