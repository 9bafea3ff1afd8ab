import DocumentModel
import Foundation
import XMLStream

/// A paragraph as read from the markup, before it is classified as heading, list item, body text or TOC line.
struct RawParagraph {
    var text = ""
    var part: DocumentPart
    var styleId: String?
    /// Direct `w:outlineLvl` (0–9).
    var outlineLevel: Int?
    var numId: Int?
    var ilvl: Int?
    /// The paragraph mark itself is a tracked deletion (Word merges it into the next paragraph on accept).
    var markDeleted = false
    /// The paragraph mark carries a section break (`w:sectPr` in its properties).
    var endsSection = false
    /// Inside a TOC field result (fldChar or fldSimple).
    var inTOCField = false
    /// Inside a content control whose docPartGallery is "Table of Contents".
    var inTOCContentControl = false
    /// Holds a hyperlink to a `_Toc` bookmark.
    var hasTOCLink = false
    /// Characters of visible text by formatting, for the typed-heading heuristic.
    var boldCharacters = 0
    var characters = 0
    /// Largest explicit run size, half-points.
    var maxSize: Int?
    var eastAsiaFonts: Set<String> = []
    var bookmarks: [String] = []
}

enum VerticalMerge {
    case restart
    case continuation
}

struct RawCell {
    var paragraphs: [RawParagraph] = []
    /// Text of tables nested in this cell, flattened.
    var nestedText: [String] = []
    var columnSpan = 1
    var verticalMerge: VerticalMerge?

    var text: String {
        var lines = paragraphs.map(\.text).filter { !$0.isEmpty }
        lines.append(contentsOf: nestedText.filter { !$0.isEmpty })
        return lines.joined(separator: "\n")
    }
}

struct RawTable {
    var rows: [[RawCell]] = []
    var part: DocumentPart

    /// Cells joined by tabs, rows by newlines.
    var text: String {
        rows.map { row in row.map { $0.text.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t") }
            .joined(separator: "\n")
    }
}

enum RawItem {
    case paragraph(RawParagraph)
    case table(RawTable)
}

/// Streams one WordprocessingML part (document, header, footer, notes, comments) into raw paragraphs and tables in
/// reading order, applying the accepted view of tracked changes, unwrapping content controls, taking one branch of
/// each `mc:AlternateContent` and dropping hidden text.
struct DOCXBodyParser {
    private struct ParagraphState {
        var paragraph: RawParagraph
        var depth: Int
        var pPrDepth: Int?
        var markRPrDepth: Int?
        var inRun = false
        var runRPrDepth: Int?
        var runBold = false
        var runHidden = false
        var runSize: Int?
        var runFont: String?
    }

    private struct Field {
        var instruction = ""
        var separated = false
        var isTOC: Bool { instruction.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix("TOC") }
    }

    private enum Context {
        case body
        case cell
        case textBox
    }

    let part: DocumentPart
    private(set) var items: [RawItem] = []
    private(set) var altChunks = 0

    private var paragraphs: [ParagraphState] = []
    private var contexts: [Context] = [.body]
    private var tables: [RawTable] = []
    private var fields: [Field] = []
    /// One flag per open `w:sdt`: whether it is a TOC content control.
    private var contentControls: [Bool] = []
    /// One flag per open `mc:AlternateContent`: whether a branch was taken already.
    private var alternates: [Bool] = []

    init(part: DocumentPart) {
        self.part = part
    }

    /// Parses a part's bytes. Errors: `XMLStreamError` (unsafe, too large, malformed).
    static func parse(_ bytes: [UInt8], part: DocumentPart, maxBytes: Int) throws -> DOCXBodyParser {
        var parser = DOCXBodyParser(part: part)
        let reader = try XMLStreamReader(bytes: bytes, maxBytes: maxBytes)
        try parser.run(reader)
        return parser
    }

    private var tocFieldActive: Bool { fields.contains { $0.isTOC } }
    private var fieldCodeActive: Bool { fields.contains { !$0.separated } }
    private var tocControlActive: Bool { contentControls.contains(true) }

    private mutating func run(_ reader: XMLStreamReader) throws {
        while try reader.read() {
            switch reader.kind {
            case .startElement:
                if OOXML.isW(reader.namespaceURI) {
                    try start(reader)
                } else if reader.namespaceURI == OOXML.mc {
                    try alternateContent(reader)
                }
            case .endElement:
                if OOXML.isW(reader.namespaceURI) {
                    end(reader.localName, depth: reader.depth)
                } else if reader.namespaceURI == OOXML.mc, reader.localName == "AlternateContent" {
                    _ = alternates.popLast()
                }
            default:
                break
            }
        }
    }

    /// Takes exactly one branch: the Choice requiring wps (DrawingML text boxes) if any, else the Fallback.
    private mutating func alternateContent(_ reader: XMLStreamReader) throws {
        switch reader.localName {
        case "AlternateContent":
            if reader.isEmptyElement { return }
            alternates.append(false)
        case "Choice":
            let requires = (reader.attribute("Requires") ?? "").split(separator: " ")
            if alternates.last == false, requires.contains("wps") {
                alternates[alternates.count - 1] = true
            } else {
                try reader.skipElement()
            }
        case "Fallback":
            if alternates.last == false {
                alternates[alternates.count - 1] = true
            } else {
                try reader.skipElement()
            }
        default:
            break
        }
    }

    private mutating func start(_ reader: XMLStreamReader) throws {
        let name = reader.localName
        let depth = reader.depth
        let ns = reader.namespaceURI
        if var state = paragraphs.last {
            var handled = true
            // Paragraph properties: only the live ones (the *Change elements hold the old ones and are skipped).
            if let pPrDepth = state.pPrDepth, depth > pPrDepth {
                if let markDepth = state.markRPrDepth, depth > markDepth {
                    if name == "del" || name == "moveFrom" { state.paragraph.markDeleted = true }
                    if name.hasSuffix("Change") { try reader.skipElement() }
                } else {
                    switch name {
                    case "pStyle": state.paragraph.styleId = reader.attribute("val", namespace: ns)
                    case "outlineLvl": state.paragraph.outlineLevel = reader.attribute("val", namespace: ns).flatMap { Int($0) }
                    case "ilvl": state.paragraph.ilvl = reader.attribute("val", namespace: ns).flatMap { Int($0) }
                    case "numId": state.paragraph.numId = reader.attribute("val", namespace: ns).flatMap { Int($0) }
                    case "rPr": if !reader.isEmptyElement { state.markRPrDepth = depth }
                    case "sectPr":
                        state.paragraph.endsSection = true
                        try reader.skipElement()
                    case "pPrChange", "numberingChange", "tabs", "rPrChange": try reader.skipElement()
                    default: break
                    }
                }
                paragraphs[paragraphs.count - 1] = state
                return
            }
            if let rPrDepth = state.runRPrDepth, depth > rPrDepth {
                switch name {
                case "b": state.runBold = DOCXStyles.isOn(reader.attribute("val", namespace: ns))
                case "vanish": state.runHidden = DOCXStyles.isOn(reader.attribute("val", namespace: ns))
                case "sz": state.runSize = reader.attribute("val", namespace: ns).flatMap { Int($0) }.map(DOCXStyles.clampedFontSize)
                case "rFonts": state.runFont = reader.attribute("eastAsia", namespace: ns) ?? state.runFont
                case "rPrChange": try reader.skipElement()
                default: break
                }
                paragraphs[paragraphs.count - 1] = state
                return
            }
            switch name {
            case "pPr" where depth == state.depth + 1:
                if !reader.isEmptyElement { state.pPrDepth = depth }
            case "r":
                state.inRun = true
                state.runBold = false
                state.runHidden = false
                state.runSize = nil
                state.runFont = nil
            case "rPr" where state.inRun:
                if !reader.isEmptyElement { state.runRPrDepth = depth }
            case "t" where state.inRun:
                let text = try reader.elementText()
                if !state.runHidden, !fieldCodeActive { append(text, to: &state) }
            case "tab" where state.inRun:
                if !state.runHidden, !fieldCodeActive { append("\t", to: &state) }
            case "br", "cr":
                if state.inRun, !state.runHidden, !fieldCodeActive { append("\n", to: &state) }
            case "noBreakHyphen":
                if state.inRun, !state.runHidden, !fieldCodeActive { append("-", to: &state) }
            case "instrText":
                let text = try reader.elementText()
                if !fields.isEmpty { fields[fields.count - 1].instruction += text }
            case "fldChar":
                switch reader.attribute("fldCharType", namespace: ns) {
                case "begin":
                    fields.append(Field())
                case "separate":
                    if !fields.isEmpty {
                        fields[fields.count - 1].separated = true
                        if fields[fields.count - 1].isTOC { state.paragraph.inTOCField = true }
                    }
                case "end":
                    if let field = fields.popLast(), field.isTOC { state.paragraph.inTOCField = true }
                default:
                    break
                }
            case "fldSimple":
                let instruction = reader.attribute("instr", namespace: ns) ?? ""
                if instruction.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix("TOC") {
                    state.paragraph.inTOCField = true
                }
            case "hyperlink":
                if let anchor = reader.attribute("anchor", namespace: ns), anchor.hasPrefix("_Toc") {
                    state.paragraph.hasTOCLink = true
                }
            case "bookmarkStart":
                if let bookmark = reader.attribute("name", namespace: ns) { state.paragraph.bookmarks.append(bookmark) }
            case "del", "moveFrom", "delText", "delInstrText", "rPrChange", "pPrChange":
                try reader.skipElement()
            default:
                handled = false
            }
            if handled {
                paragraphs[paragraphs.count - 1] = state
                return
            }
        }
        try structural(reader, name: name, depth: depth, ns: ns)
    }

    /// Elements that open or shape containers: paragraphs, tables, text boxes, content controls.
    private mutating func structural(_ reader: XMLStreamReader, name: String, depth: Int, ns: String) throws {
        switch name {
        case "p":
            var paragraph = RawParagraph(part: contexts.last == .textBox ? .textBox : part)
            paragraph.inTOCField = tocFieldActive
            paragraph.inTOCContentControl = tocControlActive
            if reader.isEmptyElement {
                deliver(paragraph)
            } else {
                paragraphs.append(ParagraphState(paragraph: paragraph, depth: depth))
            }
        case "tbl":
            if reader.isEmptyElement { return }
            tables.append(RawTable(part: contexts.contains(.textBox) ? .textBox : part))
        case "tr":
            if !tables.isEmpty, !reader.isEmptyElement { tables[tables.count - 1].rows.append([]) }
        case "tc":
            guard !tables.isEmpty else { return }
            if tables[tables.count - 1].rows.isEmpty { tables[tables.count - 1].rows.append([]) }
            let row = tables[tables.count - 1].rows.count - 1
            tables[tables.count - 1].rows[row].append(RawCell())
            if !reader.isEmptyElement { contexts.append(.cell) }
        case "gridSpan":
            if let span = reader.attribute("val", namespace: ns).flatMap({ Int($0) }), span > 1 {
                updateCurrentCell { $0.columnSpan = min(span, 64) }
            }
        case "vMerge":
            let value = reader.attribute("val", namespace: ns)
            updateCurrentCell { $0.verticalMerge = value == "restart" ? .restart : .continuation }
        case "txbxContent":
            if !reader.isEmptyElement { contexts.append(.textBox) }
        case "sdt":
            if !reader.isEmptyElement { contentControls.append(false) }
        case "sdtPr":
            // Only the gallery matters here; the rest (placeholders, run properties) must not leak into the text.
            guard !reader.isEmptyElement else { return }
            let target = reader.depth
            while try reader.read() {
                if reader.kind == .endElement, reader.depth == target { break }
                if reader.kind == .startElement, reader.localName == "docPartGallery",
                    (reader.attribute("val", namespace: reader.namespaceURI) ?? "").lowercased().contains("table of contents"),
                    !contentControls.isEmpty
                {
                    contentControls[contentControls.count - 1] = true
                }
            }
        case "altChunk":
            altChunks += 1
        case "del", "moveFrom", "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange", "sectPr",
            "tblGrid", "tblPr", "sdtEndPr":
            try reader.skipElement()
        default:
            break
        }
    }

    private mutating func end(_ name: String, depth: Int) {
        if var state = paragraphs.last {
            if let pPrDepth = state.pPrDepth, depth >= pPrDepth {
                if let markDepth = state.markRPrDepth, depth == markDepth { state.markRPrDepth = nil }
                if depth == pPrDepth, name == "pPr" { state.pPrDepth = nil }
                paragraphs[paragraphs.count - 1] = state
                return
            }
            if let rPrDepth = state.runRPrDepth, depth >= rPrDepth {
                if depth == rPrDepth { state.runRPrDepth = nil }
                paragraphs[paragraphs.count - 1] = state
                return
            }
            if name == "r" {
                state.inRun = false
                paragraphs[paragraphs.count - 1] = state
                return
            }
            if name == "p", depth == state.depth {
                paragraphs.removeLast()
                deliver(state.paragraph)
                return
            }
        }
        switch name {
        case "tc":
            if contexts.last == .cell { contexts.removeLast() }
        case "tbl":
            guard let table = tables.popLast() else { return }
            if contexts.last == .cell, !tables.isEmpty {
                // Nested tables are flattened into the enclosing cell's text.
                let text = table.text
                updateCurrentCell { $0.nestedText.append(text) }
            } else {
                items.append(.table(table))
            }
        case "txbxContent":
            if contexts.last == .textBox { contexts.removeLast() }
        case "sdt":
            _ = contentControls.popLast()
        default:
            break
        }
    }

    private func append(_ rawText: String, to state: inout ParagraphState) {
        // Zero-width spaces, BOMs and soft hyphens are invisible yet break title matching.
        let text = rawText.contains { DOCXBodyParser.invisible.contains($0) }
            ? String(rawText.filter { !DOCXBodyParser.invisible.contains($0) }) : rawText
        state.paragraph.text += text
        if tocFieldActive { state.paragraph.inTOCField = true }
        var visible = 0
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace { visible += 1 }
        guard visible > 0 else { return }
        state.paragraph.characters += visible
        if state.runBold { state.paragraph.boldCharacters += visible }
        if let size = state.runSize { state.paragraph.maxSize = max(state.paragraph.maxSize ?? 0, size) }
        if let font = state.runFont { state.paragraph.eastAsiaFonts.insert(font) }
    }

    private static let invisible: Set<Character> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{2060}"]

    private mutating func deliver(_ paragraph: RawParagraph) {
        if contexts.last == .cell, !tables.isEmpty {
            updateCurrentCell { $0.paragraphs.append(paragraph) }
        } else {
            items.append(.paragraph(paragraph))
        }
    }

    private mutating func updateCurrentCell(_ update: (inout RawCell) -> Void) {
        guard !tables.isEmpty else { return }
        let t = tables.count - 1
        guard let r = tables[t].rows.indices.last, let c = tables[t].rows[r].indices.last else { return }
        update(&tables[t].rows[r][c])
    }
}
