import DocumentModel

/// What a font name says about a line: PDF and OFD carry no weight flag, only the font's (PostScript) name.
public enum FontCues {
    /// Bold, heavy or a heading typeface by name (黑体, 小标宋 are the heavy faces of 公文 layouts).
    public static func isBold(fontName: String) -> Bool {
        let name = fontName.lowercased()
        for marker in ["bold", "heavy", "black", "semibold", "demibold", "medium", "-w7", "-w8", "-w9"]
        where name.contains(marker) {
            return true
        }
        return isHeadingFamily(fontName: fontName)
    }

    /// Typefaces 公文 and most Chinese templates reserve for headings: 黑体, 楷体 (level 2), 小标宋 (titles).
    public static func isHeadingFamily(fontName: String) -> Bool {
        let name = fontName.lowercased()
        for marker in ["hei", "黑体", "xiaobiaosong", "小标宋", "xbs", "kai", "楷体", "stxingkai"] where name.contains(marker) {
            return true
        }
        return false
    }

    /// Sans-serif by name: against a serif (宋/仿宋) body, a sans line stands out the way 黑体 does.
    public static func isSans(fontName: String) -> Bool {
        let name = fontName.lowercased()
        return name.contains("sans") || name.contains("hei") || name.contains("gothic") || name.contains("黑")
            || name.contains("arial") || name.contains("helvetica")
    }
}

/// Layout facts about one line, as a reader measured them.
public struct LineFeatures: Sendable {
    public var text: String
    public var fontSize: Double
    /// The body text size of the document (the most common size by characters).
    public var bodyFontSize: Double
    public var isBold: Bool
    /// The line's typeface is a heading face and differs from the body's.
    public var isHeadingFamily: Bool
    /// The line is a paragraph of its own (the next line starts a new paragraph or a new page).
    public var standsAlone: Bool
    /// The layout sets the line apart the way a heading face would (centred, say): the cue of text that has no
    /// font facts, such as OCR.
    public var hasLayoutCue: Bool
    /// The document's own table of contents lists this number and title: the strongest evidence a page offers.
    public var listedInTOC: Bool

    public init(
        text: String, fontSize: Double, bodyFontSize: Double, isBold: Bool, isHeadingFamily: Bool,
        standsAlone: Bool, hasLayoutCue: Bool = false, listedInTOC: Bool = false
    ) {
        self.text = text
        self.fontSize = fontSize
        self.bodyFontSize = bodyFontSize
        self.isBold = isBold
        self.isHeadingFamily = isHeadingFamily
        self.standsAlone = standsAlone
        self.hasLayoutCue = hasLayoutCue
        self.listedInTOC = listedInTOC
    }
}

/// Decides whether a visually formatted line (no heading style, no bookmark) is a heading.
public enum HeadingHeuristics {
    /// Longer lines are body text even when numbered.
    public static let maxHeadingLength = 40

    /// Removes whitespace between two CJK-like characters ("密 码 应 用" from letter spacing), keeping other spaces.
    public static func despaceCJK(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pending: [Unicode.Scalar] = []
        var lastWasCJK = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{3000}" {
                pending.append(scalar)
                continue
            }
            let cjk = TextNormalizer.isCJKLike(Character(scalar))
            if !pending.isEmpty {
                if !(lastWasCJK && cjk) && !out.isEmpty { out.append(" ") }
                pending.removeAll(keepingCapacity: true)
            }
            out.append(scalar)
            lastWasCJK = cjk
        }
        return String(out)
    }

    /// The line's number and title when it looks like a heading, nil for body text.
    public static func numberedTitle(for line: LineFeatures) -> NumberedTitle? {
        let text = TextNormalizer.collapseWhitespace(line.text)
        guard !text.isEmpty else { return nil }
        let compact = despaceCJK(text)
        guard compact.count <= maxHeadingLength, let last = compact.last, !"。；;，,".contains(last) else { return nil }
        // The letter-spaced form first, so "二、说 明" gets the title "说明".
        guard let parsed = HeadingPatterns.parse(compact) ?? HeadingPatterns.parse(text), !parsed.title.isEmpty
        else { return nil }
        if isTableRow(parsed.title) { return nil }
        // "1 使用前提：在……" and clauses with commas are list items or table cells, not headings, unless the
        // document's own TOC lists them ("3.3.1 夯实数据底座，提升……").
        let title = Array(parsed.title)
        if !line.listedInTOC {
            if let colon = title.firstIndex(where: { $0 == "：" || $0 == ":" }), title.count - colon > 3 { return nil }
            if title.count > 15, title.contains(where: { $0 == "，" || $0 == "；" || $0 == "," }) { return nil }
        }
        let larger = line.bodyFontSize > 0 && line.fontSize >= line.bodyFontSize * 1.08
        let fontCue = larger || line.isBold || line.isHeadingFamily || line.hasLayoutCue
        switch parsed.style {
        case .chapter, .section:
            // 第X章 is unambiguous when it stands as its own paragraph.
            guard fontCue || line.standsAlone else { return nil }
        default:
            guard fontCue, line.standsAlone else { return nil }
        }
        return parsed
    }
}

extension HeadingHeuristics {
    /// A row of a table read as one line: a title with no word in it ("+（二）+", a formula), or one that ends in a
    /// run of figures ("智算基础设施820.216.58", cells of amounts run together).
    static func isTableRow(_ title: String) -> Bool {
        guard title.contains(where: { $0.isLetter && !HeadingPatterns.chineseDigits.contains($0) }) else { return true }
        var figures = 0
        var separators = 0
        for ch in title.reversed() {
            if ch.isASCIIDigit {
                figures += 1
            } else if ch == "." || ch == "," || ch == "，" {
                separators += 1
            } else {
                break
            }
        }
        return figures + separators >= 4 && separators > 0 && figures > separators
    }
}

/// Turns a sequence of candidate lines into headings with levels, in document order.
public struct HeadingDetector: Sendable {
    private var assigner = LevelAssigner()

    public init() {}

    public mutating func heading(for line: LineFeatures) -> Heading? {
        guard let parsed = HeadingHeuristics.numberedTitle(for: line) else { return nil }
        return Heading(
            level: assigner.level(for: parsed.style), number: parsed.number, title: parsed.title,
            numbering: .typed, source: .pattern)
    }

    /// Records a heading found by a stronger signal so later levels stay consistent with it.
    public mutating func note(style: NumberStyle) {
        _ = assigner.level(for: style)
    }
}
