import DocumentModel

/// Where a finding rests: document, page, heading path and excerpt.
public struct Evidence: Codable, Sendable, Hashable {
    public var document: String
    public var page: Int?
    /// Heading path, e.g. "第八章 安全方案 > 8.2 密码应用".
    public var heading: String?
    public var excerpt: String
    /// True when the text came from OCR.
    public var ocr: Bool?

    public init(document: String, page: Int?, heading: String?, excerpt: String, ocr: Bool? = nil) {
        self.document = document
        self.page = page
        self.heading = heading
        self.excerpt = excerpt
        self.ocr = ocr
    }
}

public enum SectionStatus: String, Codable, Sendable, CaseIterable {
    case present
    case empty
    case tocOnly = "toc-only"
    case mentionOnly = "mention-only"
    case missing

    public var chineseName: String {
        switch self {
        case .present: return "有"
        case .empty: return "仅有标题（内容为占位）"
        case .tocOnly: return "仅见于目录"
        case .mentionOnly: return "仅被提及，无独立章节"
        case .missing: return "缺失"
        }
    }
}

public struct SectionFinding: Codable, Sendable, Hashable {
    /// Canonical section name, e.g. 密码应用.
    public var name: String
    public var id: String
    public var status: SectionStatus
    /// The heading as shown (number and title), when there is one.
    public var heading: String?
    public var page: Int?
    public var paragraph: Int?
    /// Sub-elements (attributes, columns) found and missing, where the catalogue names some.
    public var subElementsFound: [String]?
    public var subElementsMissing: [String]?
    public var evidence: Evidence?
    /// Why the status was given, in Chinese: the heading, the topic's evidence (正文提到 SM2、SM4), the mention.
    public var reasons: [String]?

    public init(
        name: String, id: String, status: SectionStatus, heading: String? = nil, page: Int? = nil,
        paragraph: Int? = nil, subElementsFound: [String]? = nil, subElementsMissing: [String]? = nil,
        evidence: Evidence? = nil, reasons: [String]? = nil
    ) {
        self.name = name
        self.id = id
        self.status = status
        self.heading = heading
        self.page = page
        self.paragraph = paragraph
        self.subElementsFound = subElementsFound
        self.subElementsMissing = subElementsMissing
        self.evidence = evidence
        self.reasons = reasons
    }
}

