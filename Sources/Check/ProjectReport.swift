@_exported import Sections
import Checklists
import DocumentModel

/// The result of checking one project: what `report.json` holds (schema `gapcheck.report/1`, documented in README).
public struct ProjectReport: Codable, Sendable {
    public static let schemaVersion = "gapcheck.report/1"

    public var schema: String
    /// ISO 8601 time the report was made.
    public var generated: String
    public var project: ProjectInfo
    public var documents: [DocumentReport]
    public var findings: [Finding]
    public var summary: Summary
    /// What produced the report; absent in reports written before it was recorded.
    public var tool: ToolRef?

    public init(
        generated: String, project: ProjectInfo, documents: [DocumentReport], findings: [Finding], summary: Summary,
        tool: ToolRef? = nil
    ) {
        self.schema = Self.schemaVersion
        self.generated = generated
        self.project = project
        self.documents = documents
        self.findings = findings
        self.summary = summary
        self.tool = tool
    }
}

/// The tool and version that made a report; the checklist's own version is in `ProjectInfo.checklist`.
public struct ToolRef: Codable, Sendable, Hashable {
    public var name: String
    public var version: String

    public init(name: String = ToolInfo.name, version: String = ToolInfo.version) {
        self.name = name
        self.version = version
    }
}

public struct ChecklistRef: Codable, Sendable, Hashable {
    public var id: String
    public var version: String
    public var regulation: String
    public var number: String?
    public var status: RegulationStatus
    public var expires: String?

    public init(id: String, version: String, regulation: String, number: String?, status: RegulationStatus, expires: String?) {
        self.id = id
        self.version = version
        self.regulation = regulation
        self.number = number
        self.status = status
        self.expires = expires
    }
}

/// A figure the checks rest on, as found.
public struct Fact: Codable, Sendable, Hashable {
    public var key: FactKey
    public var value: FactValue
    /// Unit of a numeric value: 万元, 年, 月, %.
    public var unit: String?
    /// "project.yaml" or "document".
    public var source: String
    public var evidence: Evidence?

    public init(key: FactKey, value: FactValue, unit: String?, source: String, evidence: Evidence?) {
        self.key = key
        self.value = value
        self.unit = unit
        self.source = source
        self.evidence = evidence
    }
}

public struct ProjectInfo: Codable, Sendable {
    public var id: String
    public var name: String
    /// Checklist id, e.g. `yangcheng`; `national` when it could not be told.
    public var jurisdiction: String
    public var jurisdictionName: String
    public var stage: Stage
    public var department: String?
    public var checklist: ChecklistRef
    public var facts: [Fact]
    /// The year the project belongs to: project.yaml's `year`, else its documents' printed dates; nil when unknown.
    public var year: Int?

    public init(
        id: String, name: String, jurisdiction: String, jurisdictionName: String, stage: Stage, department: String?,
        checklist: ChecklistRef, facts: [Fact], year: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.jurisdictionName = jurisdictionName
        self.stage = stage
        self.department = department
        self.checklist = checklist
        self.facts = facts
        self.year = year
    }
}

public struct OutlineEntry: Codable, Sendable, Hashable {
    public var level: Int
    public var number: String
    public var title: String
    public var page: Int?

    public init(level: Int, number: String, title: String, page: Int?) {
        self.level = level
        self.number = number
        self.title = title
        self.page = page
    }
}

public struct DocumentReport: Codable, Sendable {
    public var path: String
    /// Document kind id from the catalogue, e.g. `feasibility`; `unknown` when it could not be told.
    public var kind: String
    public var kindName: String
    public var format: DocumentFormat
    public var pages: Int?
    public var error: IngestError?
    public var outline: [OutlineEntry]
    public var sections: [SectionFinding]
    /// Date the document carries (title page or metadata), ISO yyyy-mm-dd, when found.
    public var date: String?
    /// 1-based pages read by OCR; nil when none.
    public var ocrPages: [Int]?
    /// 1-based pages whose text could not be read (no text layer, OCR not run or without result); nil when none.
    public var pagesWithoutText: [Int]?
    /// What the document is for checking: a project document, or a template, tender, notice … whose content
    /// requirements are not looked for. Nil in reports written before it existed.
    public var nature: DocumentNature?

    public init(
        path: String, kind: String, kindName: String, format: DocumentFormat, pages: Int?, error: IngestError?,
        outline: [OutlineEntry], sections: [SectionFinding], date: String? = nil, ocrPages: [Int]? = nil,
        pagesWithoutText: [Int]? = nil, nature: DocumentNature? = nil
    ) {
        self.path = path
        self.kind = kind
        self.kindName = kindName
        self.format = format
        self.pages = pages
        self.error = error
        self.outline = outline
        self.sections = sections
        self.date = date
        self.ocrPages = ocrPages
        self.pagesWithoutText = pagesWithoutText
        self.nature = nature
    }

    enum CodingKeys: String, CodingKey {
        case path, kind, kindName, format, pages, error, outline, sections, date, ocrPages, pagesWithoutText, nature
    }

    /// `error` is written as null for a readable document, so consumers can test it without knowing the key may
    /// be absent; the other optional fields are left out when unknown.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(kind, forKey: .kind)
        try c.encode(kindName, forKey: .kindName)
        try c.encode(format, forKey: .format)
        try c.encodeIfPresent(pages, forKey: .pages)
        try c.encode(error, forKey: .error)
        try c.encode(outline, forKey: .outline)
        try c.encode(sections, forKey: .sections)
        try c.encodeIfPresent(nature, forKey: .nature)
        try c.encodeIfPresent(date, forKey: .date)
        try c.encodeIfPresent(ocrPages, forKey: .ocrPages)
        try c.encodeIfPresent(pagesWithoutText, forKey: .pagesWithoutText)
    }
}

public enum RequirementStatus: String, Codable, Sendable, CaseIterable {
    case met
    case partial
    case missing
    case notApplicable = "not-applicable"
    case notChecked = "not-checked"

    public var chineseName: String {
        switch self {
        case .met: return "满足"
        case .partial: return "部分满足"
        case .missing: return "缺失"
        case .notApplicable: return "不适用"
        case .notChecked: return "未能检查"
        }
    }

    /// A gap a reviewer must act on.
    public var isGap: Bool { self == .partial || self == .missing }
}

public struct FindingBasis: Codable, Sendable, Hashable {
    /// 《title》 with 文号, e.g. 《阳城县智慧城市建设项目管理办法》（阳政办发〔2024〕50号）.
    public var regulation: String
    /// Article and item, e.g. 第九条（二）.
    public var article: String
    public var quote: String

    public init(regulation: String, article: String, quote: String) {
        self.regulation = regulation
        self.article = article
        self.quote = quote
    }
}

public struct Finding: Codable, Sendable, Hashable {
    /// Checklist item id.
    public var requirement: String
    public var title: String
    public var stage: Stage
    public var status: RequirementStatus
    public var severity: Severity
    /// Why, in Chinese.
    public var reason: String
    public var evidence: [Evidence]
    public var basis: FindingBasis

    public init(
        requirement: String, title: String, stage: Stage, status: RequirementStatus, severity: Severity, reason: String,
        evidence: [Evidence], basis: FindingBasis
    ) {
        self.requirement = requirement
        self.title = title
        self.stage = stage
        self.status = status
        self.severity = severity
        self.reason = reason
        self.evidence = evidence
        self.basis = basis
    }
}

public struct Summary: Codable, Sendable, Hashable {
    /// Counts of findings per status.
    public var met: Int
    public var partial: Int
    public var missing: Int
    public var notApplicable: Int
    public var notChecked: Int
    /// Gaps (partial or missing) among must-items.
    public var mustGaps: Int
    /// Documents that could not be read.
    public var unreadableDocuments: Int

    public init(findings: [Finding], documents: [DocumentReport]) {
        met = findings.filter { $0.status == .met }.count
        partial = findings.filter { $0.status == .partial }.count
        missing = findings.filter { $0.status == .missing }.count
        notApplicable = findings.filter { $0.status == .notApplicable }.count
        notChecked = findings.filter { $0.status == .notChecked }.count
        mustGaps = findings.filter { $0.severity == .must && $0.status.isGap }.count
        unreadableDocuments = documents.filter { $0.error != nil }.count
    }
}
