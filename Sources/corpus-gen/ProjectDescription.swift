import DOCXWriter

/// One project of the sample corpus: what departments submit, how it is written, and what checking must find.
struct ProjectDescription: Codable {
    /// Written to the inbox as `project.yaml` (keys of `Check.ProjectMetadata`); omitted keys are left to inference.
    var metadata: [String: MetadataValue]
    /// Seeds the choice of paragraphs, so that wording varies across projects but not across runs.
    var seed: Int
    /// 建设单位 and system names that project-specific sentences use.
    var department: String
    var system: String
    var documents: [DocumentDescription]
    /// Requirement id → expected status (met, partial, missing, not-applicable).
    var requirements: [String: String]?
}

/// A scalar in `project.yaml`.
enum MetadataValue: Codable {
    case string(String)
    case number(Double)
    case bool(Bool)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// The value as a plain YAML scalar: whole numbers without a fraction, text unquoted unless YAML needs quotes.
    var yaml: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value):
            let special = value.contains(where: { ":#{}[],&*!|>'\"%@`".contains($0) }) || value.isEmpty
            return special ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}

/// A submitted file: a Word document, a PDF made from one, or a ZIP package of further files.
struct DocumentDescription: Codable {
    var file: String
    /// Document kind id (feasibility, supervision-report …), for the reader of the description and the test.
    var kind: String?
    var title: String?
    /// Lines under the title; default 建设单位 and 编制日期 (a blank template keeps its 填写说明 here).
    var cover: [String]?
    var numbering: NumberingPreset?
    var styleIds: StyleIdConvention?
    /// Heading style for every chapter unless a section says otherwise.
    var headingStyle: HeadingStyleKind?
    /// When `headingStyle` is manual: typed chapter numbers in this form (chapter 第一章, official 一、, decimal 1).
    var typedNumbers: String?
    var toc: TOCKind?
    /// Chapters the TOC lists but the body lacks.
    var tocExtra: [String]?
    var header: String?
    /// Paragraphs per section (each paragraph is several sentences).
    var paragraphs: Int?
    var sections: [SectionDescription]?
    /// For a PDF: which variant `Corpus/tools/make-pdfs.sh` makes from the generated DOCX.
    var pdf: String?
    /// Cut the written file to this fraction of its bytes.
    var truncate: Double?
    /// For a ZIP: its members, and whether their names are written in GBK without the UTF-8 flag.
    var members: [DocumentDescription]?
    var gbkNames: Bool?
    /// The file cannot be read (truncated, encrypted, image-only): ingest must report an error for it.
    var expectError: Bool?
    /// Expected status per canonical section name.
    var expect: [String: String]?
}

/// One chapter. Without `placeholder`, `in` or `tracked`, a chapter written in full.
struct SectionDescription: Codable {
    /// Canonical section name from the catalogue; picks the paragraph bank.
    var name: String
    /// The heading as written, when it differs from the canonical name (synonyms, longer titles).
    var title: String?
    /// The whole body, e.g. 略, 待补充, 另行编制, 详见附件.
    var placeholder: String?
    /// Project-specific sentences, placed first.
    var text: [String]?
    /// Column headers of the chapter's table (数据资源目录, 资源使用清单 …); rows are generated.
    var table: [String]?
    /// A table written cell by cell, after `table`: the first row is the header; a header alone is an unfilled form.
    var rows: [[String]]?
    var style: HeadingStyleKind?
    /// `false`: the heading takes no automatic number (附件 chapters after the numbered ones).
    var numbered: Bool?
    /// `table` puts the chapter into a one-cell layout table, `text-box` into a floating text box.
    var container: String?
    var tracked: TrackedChange?
    /// Sub-sections (level 2) with their own paragraphs.
    var subsections: [String]?
    /// Nested headings (level 2 and deeper) with their own text, tables and children, after `subsections`.
    var children: [SubsectionDescription]?
    /// Sentences that name other topics in passing, without a chapter of their own.
    var mentions: [String]?
    var paragraphs: Int?
}

/// A heading below a chapter, at any depth, with a body of its own: a software module in a 功能设计 tree, a 商用密码应用方案
/// under a 安全保障体系 chapter, a resource table under 投资估算. Level 4 and deeper are written as bold paragraphs with an
/// outline level and a typed （1） number, as Word users do where the template stops at 标题 3.
struct SubsectionDescription: Codable {
    var title: String
    /// Paragraph bank (a canonical section name) for generated paragraphs; without it only `text` is written.
    var topic: String?
    /// Generated paragraphs from `topic`; default 1 when a topic is given.
    var paragraphs: Int?
    /// Sentences written first, one paragraph each.
    var text: [String]?
    /// Column headers of a table with generated rows.
    var table: [String]?
    /// A table written cell by cell; the first row is the header.
    var rows: [[String]]?
    var children: [SubsectionDescription]?
}
