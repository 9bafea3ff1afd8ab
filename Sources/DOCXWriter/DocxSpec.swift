/// A description of a Word document, detailed enough to reproduce how departments really write: automatic chapter
/// numbering, localized style ids, typed numbering with bold text, tables of contents of three kinds, tracked
/// changes, text boxes, running headers. Codable so that corpus descriptions can be YAML.
public struct DocxSpec: Codable, Sendable {
    public var title: String?
    public var author: String?
    /// ISO 8601, e.g. 2024-03-01T09:00:00Z.
    public var created: String?
    public var modified: String?
    /// Running header and footer text, on every page.
    public var header: String?
    public var footer: String?
    /// How heading styles are identified in styles.xml.
    public var styleIds: StyleIdConvention?
    /// Automatic numbering attached to the heading styles.
    public var numbering: NumberingPreset?
    /// Page count written to docProps/app.xml (Word writes it; readers may report it).
    public var pages: Int?
    /// Fonts and sizes; nil keeps Word's plain defaults (宋体 12pt).
    public var typography: Typography?
    /// A centred page number field in the footer, written as 公文 do: — 1 —.
    public var pageNumbers: Bool?
    public var blocks: [BlockSpec]

    public init(
        title: String? = nil, author: String? = nil, created: String? = nil, modified: String? = nil,
        header: String? = nil, footer: String? = nil, styleIds: StyleIdConvention? = nil,
        numbering: NumberingPreset? = nil, pages: Int? = nil, typography: Typography? = nil,
        pageNumbers: Bool? = nil, blocks: [BlockSpec]
    ) {
        self.title = title
        self.author = author
        self.created = created
        self.modified = modified
        self.header = header
        self.footer = footer
        self.styleIds = styleIds
        self.numbering = numbering
        self.pages = pages
        self.typography = typography
        self.pageNumbers = pageNumbers
        self.blocks = blocks
    }
}

public enum Typography: String, Codable, Sendable {
    /// Chinese official documents: body 仿宋 四号 (14pt), heading 1 黑体 三号, heading 2 楷体 三号, heading 3 仿宋 bold.
    case official
}

public enum Alignment: String, Codable, Sendable {
    case left, center, right, both
}

public enum StyleIdConvention: String, Codable, Sendable {
    /// `Heading1` … (English Word).
    case english
    /// `1`, `2`, `3` with names `heading 1` … (Chinese Word).
    case localized
    /// WPS-style numeric ids starting at 2 (`2` = heading 1), names `heading 1` ….
    case wps
}

public enum NumberingPreset: String, Codable, Sendable {
    /// No automatic numbering: numbers, if any, are typed.
    case none
    /// 第%1章 (chineseCounting), %1.%2 and %1.%2.%3 with isLgl, linked to heading 1–3 through the styles.
    case chapters
    /// 一、 (chineseCounting), （一） (chineseCounting), %3. (decimal): 公文-style, linked to heading 1–3.
    case official
    /// 1, 1.1, 1.1.1 (decimal), linked to heading 1–3.
    case decimal
}

public enum BlockType: String, Codable, Sendable {
    case heading
    case paragraph
    case table
    /// Paragraphs inside a floating text box (written as DrawingML with a VML fallback, as Word does).
    case textBox = "text-box"
    case pageBreak = "page-break"
    /// A table of contents listing the document's headings (plus `extraEntries`).
    case toc
}

public enum HeadingStyleKind: String, Codable, Sendable {
    /// The built-in heading style of its level (with automatic numbering when the document has a preset).
    case builtin
    /// A custom style (`项目标题N`) based on the built-in heading style.
    case custom
    /// A Normal paragraph carrying `w:outlineLvl` directly.
    case outlineLevel = "outline-level"
    /// A Normal paragraph, bold and larger, with no style and no outline level: the number must be typed.
    case manual
}

public enum TOCKind: String, Codable, Sendable {
    /// A TOC field inside a docPartGallery content control, with TOC 1–3 paragraph styles and _Toc links.
    case field
    /// A bare TOC field spanning the entry paragraphs: no content control, no TOC styles (as WPS writes).
    case fieldOnly = "field-only"
    /// Typed lines with dot leaders and page numbers, no field, no styles.
    case manual
}

public enum TrackedChange: String, Codable, Sendable {
    case inserted
    case deleted
}

public struct BlockSpec: Codable, Sendable {
    public var type: BlockType
    public var text: String?
    /// Heading level, 1-based.
    public var level: Int?
    public var style: HeadingStyleKind?
    /// For `manual` headings the typed number is part of `text`; for builtin ones, whether automatic numbering
    /// applies (default true when the document has a numbering preset).
    public var numbered: Bool?
    public var bold: Bool?
    /// Font size in points.
    public var size: Double?
    public var tracked: TrackedChange?
    /// Table rows. A cell "<<" extends the cell on its left (gridSpan); "^^" continues the cell above (vMerge).
    public var rows: [[String]]?
    /// Content of a text box.
    public var blocks: [BlockSpec]?
    /// For `toc`.
    public var toc: TOCKind?
    /// For `toc`: lines listed in the TOC although no such heading exists in the body.
    public var extraEntries: [String]?
    /// A footnote attached to this paragraph.
    public var footnote: String?
    /// A reviewer comment attached to this paragraph.
    public var comment: String?
    /// Paragraph alignment; nil leaves it to the style.
    public var align: Alignment?
    /// Indents the first line by two characters, as Chinese body text is set.
    public var indent: Bool?

    public init(
        type: BlockType, text: String? = nil, level: Int? = nil, style: HeadingStyleKind? = nil,
        numbered: Bool? = nil, bold: Bool? = nil, size: Double? = nil, tracked: TrackedChange? = nil,
        rows: [[String]]? = nil, blocks: [BlockSpec]? = nil, toc: TOCKind? = nil, extraEntries: [String]? = nil,
        footnote: String? = nil, comment: String? = nil, align: Alignment? = nil, indent: Bool? = nil
    ) {
        self.type = type
        self.text = text
        self.level = level
        self.style = style
        self.numbered = numbered
        self.bold = bold
        self.size = size
        self.tracked = tracked
        self.rows = rows
        self.blocks = blocks
        self.toc = toc
        self.extraEntries = extraEntries
        self.footnote = footnote
        self.comment = comment
        self.align = align
        self.indent = indent
    }

    public static func heading(_ text: String, level: Int = 1, style: HeadingStyleKind = .builtin) -> BlockSpec {
        BlockSpec(type: .heading, text: text, level: level, style: style)
    }

    public static func paragraph(_ text: String) -> BlockSpec {
        BlockSpec(type: .paragraph, text: text)
    }

    public static func table(_ rows: [[String]]) -> BlockSpec {
        BlockSpec(type: .table, rows: rows)
    }
}
