import DocumentModel
import Foundation
import Structure

/// Turns the raw paragraphs and tables of document.xml into blocks and TOC entries: headings by style or outline
/// level, automatic numbers rendered as Word shows them, typed numbers recognised only on heading-like lines, TOC
/// lines (field, content control, TOC styles, typed) kept out of the blocks.
struct DOCXBlockBuilder {
    let styles: DOCXStyles
    let numbering: DOCXNumbering

    private(set) var blocks: [Block] = []
    private(set) var toc: [TOCEntry] = []

    private var sawBodyHeading = false
    private var lastStyledLevel: Int?
    private var typedLevels = LevelAssigner()
    private var tocLevels = LevelAssigner()
    private var anyStyledHeading = false

    init(styles: DOCXStyles, numbering: DOCXNumbering) {
        self.styles = styles
        self.numbering = numbering
    }

    /// A classified paragraph: what kind of block it makes, or that it is a TOC line or nothing.
    private enum Classified {
        case block(kind: BlockKind, text: String, heading: Heading?)
        case tocEntry(TOCEntry)
        case skip
    }

    mutating func add(_ items: [RawItem]) {
        anyStyledHeading = items.contains { item in
            if case .paragraph(let p) = item { return styledLevel(p, styles.resolve(p.styleId)) != nil }
            return false
        }
        var previousWasTOC = false
        for (index, item) in items.enumerated() {
            switch item {
            case .paragraph(let paragraph):
                let followedByText = items[(index + 1)...].prefix(6).contains { next in
                    switch next {
                    case .paragraph(let p): return !p.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    case .table: return true
                    }
                }
                switch classify(paragraph, followedByText: followedByText, previousWasTOC: previousWasTOC, inTable: false) {
                case .block(let kind, let text, let heading):
                    previousWasTOC = false
                    append(kind: kind, text: text, heading: heading, part: paragraph.part)
                case .tocEntry(var entry):
                    previousWasTOC = true
                    entry.location = Location(paragraph: blocks.count)
                    toc.append(entry)
                case .skip:
                    break
                }
            case .table(let raw):
                previousWasTOC = false
                addTable(raw)
            }
        }
    }

    private mutating func append(kind: BlockKind, text: String, heading: Heading?, part: DocumentPart) {
        if heading != nil, part == .body { sawBodyHeading = true }
        blocks.append(Block(kind: kind, text: text, heading: heading, location: Location(paragraph: blocks.count), part: part))
    }

    private mutating func addTable(_ raw: RawTable) {
        let singleCell = raw.rows.count == 1 && raw.rows[0].count == 1
        var rows: [[TableCell]] = []
        for row in raw.rows {
            var cells: [TableCell] = []
            for cell in row {
                // Headings typed in cells (a one-cell table used as a title box, or a heading-styled cell paragraph).
                for (i, paragraph) in cell.paragraphs.enumerated() {
                    let style = styles.resolve(paragraph.styleId)
                    guard styledLevel(paragraph, style) != nil || singleCell else { continue }
                    let followed = i + 1 < cell.paragraphs.count || singleCell
                    if case .block(.heading, let text, let heading) = classify(
                        paragraph, followedByText: followed, previousWasTOC: false, inTable: true)
                    {
                        append(kind: .heading, text: text, heading: heading, part: raw.part)
                    }
                }
                let merged = cell.verticalMerge == .continuation
                cells.append(TableCell(text: merged ? "" : cell.text, columnSpan: cell.columnSpan, mergedFromAbove: merged))
            }
            rows.append(cells)
        }
        let table = Table(rows: rows)
        let text = rows.map { $0.map { $0.text.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t") }
            .joined(separator: "\n")
        blocks.append(Block(kind: .table, text: text, table: table, location: Location(paragraph: blocks.count), part: raw.part))
    }

    /// The outline level a paragraph's style or direct outline level gives, nil for body text.
    private func styledLevel(_ paragraph: RawParagraph, _ style: ResolvedStyle) -> Int? {
        if style.isExcluded { return nil }
        if let direct = paragraph.outlineLevel { return (0...8).contains(direct) ? direct + 1 : nil }
        return style.headingLevel
    }

    private mutating func classify(_ paragraph: RawParagraph, followedByText: Bool, previousWasTOC: Bool, inTable: Bool)
        -> Classified
    {
        let style = styles.resolve(paragraph.styleId)
        let trimmed = TextNormalizer.collapseWhitespace(paragraph.text)
        let raw = paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines)

        // Numbering advances even for paragraphs that end up as TOC lines or body text, as in Word; but not for an
        // empty paragraph that only holds a section break (a heading-styled one closing the TOC's section), which
        // Word's own TOC and LibreOffice leave unnumbered.
        var numberLabel: (label: String, suffix: String)?
        if (!paragraph.markDeleted || !trimmed.isEmpty) && !(paragraph.endsSection && trimmed.isEmpty) {
            let numId = paragraph.numId ?? style.numId
            if let numId, numId != 0 {
                let ilvl = paragraph.ilvl ?? (paragraph.numId == nil ? style.ilvl : nil)
                    ?? numbering.linkedLevel(numId: numId, styleChain: style.chain)
                numberLabel = numbering.next(numId: numId, ilvl: ilvl)
            }
        }
        if trimmed.isEmpty { return .skip }

        // TOC lines: field result, TOC content control, "toc N" style, _Toc links, or typed leader lines near the top.
        let isTOCMarkup = paragraph.inTOCField || paragraph.inTOCContentControl || style.tocLevel != nil
        let typedTOCLine = !inTable && (TOCDetector.parseLine(raw).map { $0.title.count <= 60 } ?? false)
            && (!sawBodyHeading || previousWasTOC || paragraph.hasTOCLink)
        if isTOCMarkup || typedTOCLine || (paragraph.hasTOCLink && TOCDetector.pageReference(raw) != nil) {
            if TOCDetector.isTOCTitle(trimmed) { return .skip }
            return .tocEntry(tocEntry(raw, level: style.tocLevel))
        }

        let styled = styledLevel(paragraph, style)
        if let level = styled {
            lastStyledLevel = level
            typedLevels = LevelAssigner()
            if let numberLabel {
                let heading = Heading(
                    level: level, number: numberLabel.label, title: trimmed, numbering: .automatic, source: .style)
                return .block(kind: .heading, text: joined(numberLabel, trimmed), heading: heading)
            }
            if let typed = HeadingPatterns.parse(trimmed), !typed.title.isEmpty {
                let heading = Heading(level: level, number: typed.number, title: typed.title, numbering: .typed, source: .style)
                return .block(kind: .heading, text: trimmed, heading: heading)
            }
            return .block(
                kind: .heading, text: trimmed,
                heading: Heading(level: level, number: "", title: trimmed, numbering: .none, source: .style))
        }

        // Typed or list-numbered headings on Normal paragraphs: only when the line looks like a heading.
        let full = numberLabel.map { joined($0, trimmed) } ?? trimmed
        if !style.isExcluded, let typed = HeadingPatterns.parse(full), looksLikeHeading(paragraph, style, typed, followedByText) {
            let relative = typedLevels.level(for: typed.style)
            let level = min(9, (anyStyledHeading ? (lastStyledLevel ?? 0) : 0) + relative)
            let heading = Heading(
                level: level, number: typed.number, title: typed.title,
                numbering: numberLabel == nil ? .typed : .automatic, source: .pattern)
            return .block(kind: .heading, text: full, heading: heading)
        }
        if numberLabel != nil { return .block(kind: .listItem, text: full, heading: nil) }
        return .block(kind: .paragraph, text: trimmed, heading: nil)
    }

    private func joined(_ label: (label: String, suffix: String), _ title: String) -> String {
        label.suffix == "nothing" ? label.label + title : label.label + " " + title
    }

    /// Short, emphasised (bold, larger than body text or a heading typeface), not a sentence, followed by text.
    private func looksLikeHeading(_ paragraph: RawParagraph, _ style: ResolvedStyle, _ typed: NumberedTitle, _ followed: Bool)
        -> Bool
    {
        let title = typed.title
        guard !title.isEmpty, title.count <= 40, followed else { return false }
        if let last = title.last, "。；;，,".contains(last) { return false }
        if title.contains("。") { return false }
        let bold = paragraph.characters > 0 && paragraph.boldCharacters * 2 >= paragraph.characters
            || (style.bold && paragraph.boldCharacters == 0 && paragraph.characters > 0)
        let size = paragraph.maxSize ?? style.size ?? styles.bodySize
        let larger = size > styles.bodySize
        let fonts = paragraph.eastAsiaFonts.union(style.eastAsiaFont.map { [$0] } ?? [])
        let headingFont = fonts.contains { font in
            ["黑体", "小标宋", "楷体", "SimHei", "KaiTi", "Heiti"].contains { font.contains($0) }
        }
        return bold || larger || headingFont
    }

    private mutating func tocEntry(_ line: String, level styleLevel: Int?) -> TOCEntry {
        var title = line
        var page: Int?
        if let reference = TOCDetector.pageReference(line) {
            title = reference.title
            page = reference.page
        }
        title = TOCDetector.withoutLeaders(title)
        var number = ""
        var level = styleLevel
        if let typed = HeadingPatterns.parse(title), !typed.title.isEmpty {
            number = typed.number
            title = typed.title
            let assigned = tocLevels.level(for: typed.style)
            if level == nil { level = assigned }
        }
        return TOCEntry(level: level, number: number, title: title, printedPage: page, location: Location())
    }
}
