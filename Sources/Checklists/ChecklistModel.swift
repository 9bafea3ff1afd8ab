/// The data model of `Checklists/`: a catalogue of canonical sections and document kinds, and one checklist per
/// jurisdiction. Everything a requirement says lives in YAML; the code only knows the closed set of rule kinds.

/// The project stages a requirement can belong to.
public enum Stage: String, Codable, Sendable, CaseIterable, Comparable {
    case application
    case feasibility
    case preliminaryDesign = "preliminary-design"
    /// Between approval and acceptance: progress reports, reports of delays and losses, emergency records. Before
    /// acceptance, so an acceptance package holding quarterly reports is still an acceptance submission.
    case construction
    case om
    case change
    case acceptance
    case performance
    /// Taking a system out of use (停用, 报废): last, so a decommissioning submission is not taken for another stage.
    case decommission

    public var chineseName: String {
        switch self {
        case .application: return "申报/建议书"
        case .feasibility: return "可行性研究"
        case .preliminaryDesign: return "初步设计及概算"
        case .om: return "运维"
        case .change: return "变更"
        case .acceptance: return "验收"
        case .performance: return "绩效评价"
        case .construction: return "建设实施"
        case .decommission: return "停用报废"
        }
    }

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case must, should, info

    public var chineseName: String {
        switch self {
        case .must: return "必须"
        case .should: return "应当"
        case .info: return "提示"
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

// MARK: - Catalogue (Checklists/catalogue.yaml)

/// A named attribute or column a section must state, e.g. the 数据来源 attribute of a 数据资源目录.
public struct SubElement: Codable, Sendable, Hashable {
    public var name: String
    /// Words any one of which, found in the section's body or its tables' header rows, shows the element.
    public var patterns: [String]
}

/// A canonical section: what departments call it, how to tell a heading of it from a mention of it.
public struct SectionDefinition: Codable, Sendable, Hashable {
    /// Stable identifier, e.g. `crypto`.
    public var id: String
    /// The canonical Chinese name, e.g. 密码应用.
    public var name: String
    /// Other heading titles departments write for it (compared on normalised text, as substrings of the title).
    public var synonyms: [String]
    /// Regular expressions over the normalised heading title, for wordings synonyms cannot list.
    public var headingPatterns: [String]?
    /// Words that show the topic is mentioned in a body (for mention-only); defaults to name + synonyms.
    public var mentionPatterns: [String]?
    /// Heading titles that contain a synonym but are not this section (e.g. 密码应用安全性评估 is not 密码应用方案).
    public var excludePatterns: [String]?
    /// Attributes or table columns the section should state, where a regulation names them.
    public var subElements: [SubElement]?
    /// What the section's heading and body must show to be this topic in its regulatory sense (商用密码, not a
    /// login password). Absent: a heading that names the section and a body with substance suffice.
    public var evidence: TopicEvidence?
    /// Ids of `Catalogue.contents` a requirement on this section needs before it is met (a figure for 投资概算).
    public var requires: [String]?
}

/// What shows that a section is about its topic: terms in the section, or a table with enough of the columns.
public struct TopicEvidence: Codable, Sendable, Hashable {
    /// Words of the topic in its regulatory sense (商用密码, SM4, 密评 …).
    public var terms: [String]?
    /// How many different terms must appear; 1 when absent.
    public var minimumTerms: Int?
    /// Column names of the section's own table (数据来源, 更新周期 …); also counted when written as attributes in prose.
    public var columns: [String]?
    /// How many different columns must appear; 2 when absent.
    public var minimumColumns: Int?
    /// What the evidence is, in Chinese, for the report when it is lacking (e.g. 商用密码算法、密评等内容).
    public var description: String
}

/// Content a requirement asks for beyond a heading: a figure, a protection level, indicator values.
public struct ContentDefinition: Codable, Sendable, Hashable {
    public var id: String
    /// Chinese name shown when it is lacking, e.g. 投资金额.
    public var name: String
    /// ICU regular expressions over normalised text; any one shows the content.
    public var patterns: [String]
}

/// How headings are told apart: the project speaking about itself, or the software it builds.
public struct HeadingRoleRules: Codable, Sendable, Hashable {
    /// Regular expressions over a normalised heading title: cover, TOC, 编制说明 …
    public var frontMatter: [String]
    /// Regular expressions over a normalised heading (number and title): 附件, 附表 …
    public var appendix: [String]
    /// Words in an ancestor's title that open a description of the system being built (功能设计, 平台建设 …).
    public var designContainers: [String]
    /// Endings of a module or function heading (管理, 子系统, 模块 …).
    public var featureSuffixes: [String]
    /// Words that keep a heading a project chapter even inside a design chapter (方案, 体系, 措施 …).
    public var projectMarkers: [String]
    /// Words that open capability sentences (支持, 提供, 实现 …).
    public var capabilityWords: [String]
    /// Regular expressions over a heading title whose body never counts as a mention (编制依据, 设计原则 …).
    public var notMentionSections: [String]
    /// Ids of sections that argue for the project (建设必要性, 现状分析, 需求分析): another topic's heading inside
    /// one of them (4.5 安全需求分析, 3.3.4 实现全区办公系统互联互通) is a reason or a need, not that section.
    public var argumentSections: [String]?
    /// Ids of sections that lay out the project's phases (实施进度): a heading inside one (5.1.2 需求分析, 5.1.3 系统设计
    /// as steps of the work) is a step, not the section it names.
    public var phaseSections: [String]?
}

/// What a document is, as far as checking goes: a document of a project's pipeline, or something else that was
/// submitted or swept along.
public enum DocumentNature: String, Codable, Sendable, CaseIterable {
    case project
    /// A blank template or form: guidance and placeholders throughout.
    case template
    /// A tender or other procurement document.
    case procurement
    /// A notice, letter or other 公文 not about a project's content.
    case notice
    /// A personnel decision (任免, 聘任).
    case personnel
    /// An article, a law or regulation text, a guide.
    case article

    public var chineseName: String {
        switch self {
        case .project: return "项目文件"
        case .template: return "空白模板或表格"
        case .procurement: return "招标采购文件"
        case .notice: return "通知、函件等公文"
        case .personnel: return "人事任免文件"
        case .article: return "文章或法规政策文本"
        }
    }
}

/// A kind of document a project submits (项目建议书, 监理报告 …), recognised from title page, file name and content.
public struct DocumentKindDefinition: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var synonyms: [String]
    /// Regular expressions over the normalised file name (without extension).
    public var filenamePatterns: [String]?
    /// Regular expressions over the normalised title (first lines of the body, document metadata title).
    public var titlePatterns: [String]?
    /// The stage this kind of document is submitted at, used to infer a project's stage.
    public var stage: Stage?
    /// Absent for documents of a project's pipeline; set for kinds that are not (tenders, notices, personnel
    /// decisions): content requirements are never looked for in them.
    public var nature: DocumentNature?
}

public struct Catalogue: Codable, Sendable {
    public var version: String
    /// Body texts that mean "nothing here yet": 略, 待补充, 另行编制, 详见附件 (when no attachment resolves) …
    public var placeholders: [String]
    /// Regular expressions over normalised text for guidance left in a template (描述项目背景。, 【…】, xx万元):
    /// removed before a body is judged to have substance.
    public var guidance: [String]?
    /// Words that contain or straddle a mention term but mean something else (赋能 around 能效, 招标人 for 招标,
    /// 登录密码 for 密码): a term found inside one is no mention.
    public var compounds: [String]?
    public var roles: HeadingRoleRules?
    public var contents: [ContentDefinition]?
    public var sections: [SectionDefinition]
    public var documentKinds: [DocumentKindDefinition]
}

// MARK: - Jurisdiction checklists (Checklists/jurisdictions/*.yaml)

public enum RegulationStatus: String, Codable, Sendable {
    case inForce = "in-force"
    case expired
    case draft
    /// Review rules of an office (审查细则, 评审要点): neither a regulation in force nor a draft of one.
    case guideline
}

/// The regulation a checklist rests on, with its validity.
public struct Regulation: Codable, Sendable, Hashable {
    /// 《…》 title without the brackets.
    public var title: String
    public var issuer: String
    /// 文号, e.g. 威文政办发〔2016〕5号; absent for a draft without one.
    public var number: String?
    /// ISO dates (yyyy-mm-dd).
    public var issued: String?
    public var effective: String?
    public var expires: String?
    public var status: RegulationStatus
    /// Path, relative to `Checklists/`, of the regulation text the quotes are verified against.
    public var source: String
    /// Further texts the quotes may come from (a rule set published as several documents).
    public var sources: [String]?

    /// Every text a quote may be taken from.
    public var allSources: [String] { [source] + (sources ?? []) }
}

/// A comparison a figure or a fact must satisfy.
public enum Comparison: String, Codable, Sendable {
    case atLeast = ">="
    case greaterThan = ">"
    case atMost = "<="
    case lessThan = "<"
    case equal = "=="
}

/// Project facts a condition or a figure rule can read. Values come from project.yaml first, else from the documents.
public enum FactKey: String, Codable, Sendable, CaseIterable {
    /// 总投资, in 万元.
    case totalInvestment = "total-investment"
    /// 免费运维期 (质保期), in years.
    case freeMaintenanceYears = "free-maintenance-years"
    /// 政府购买服务期限, in years.
    case serviceTermYears = "service-term-years"
    /// 试运行期, in months.
    case trialRunMonths = "trial-run-months"
    /// Share of the approved 概算 that a change adjusts, in percent.
    case adjustmentPercent = "adjustment-percent"
    /// 建设类 or 运维类 (string facts: construction / om).
    case projectType = "project-type"
    /// Whether the project involves several departments (boolean).
    case crossDepartment = "cross-department"
    /// Whether the project develops software (boolean).
    case softwareDevelopment = "software-development"
    /// Whether the project purchases services (boolean).
    case purchasedService = "purchased-service"
    /// 建设周期, in months (stated, or the span of a date range such as 2024年3月至2025年2月).
    case constructionMonths = "construction-months"
    /// 软件开发费, in 万元.
    case softwareInvestment = "software-investment"
    /// The amount a change adjusts (调整金额), in 万元.
    case adjustmentAmount = "adjustment-amount"
    /// 建设性质 (string facts: new 新建, continued 续建, renovation 改建/扩建/升级改造).
    case buildNature = "build-nature"
    /// Last year's 绩效评价 score (project.yaml only: it is in no submitted document of this year).
    case previousPerformanceScore = "previous-performance-score"
}

/// When an item applies. All given parts must hold; an absent condition always holds.
public struct Condition: Codable, Sendable, Hashable {
    public var fact: FactKey?
    public var op: Comparison?
    /// A number (万元, years, months, percent), `true`/`false`, or a string such as `construction`.
    public var value: FactValue?
    /// All of these conditions hold.
    public var all: [Condition]?
    /// At least one of these holds.
    public var any: [Condition]?
    /// The documents say any one of these words (a statement condition: the 技术需求 chapter mentions 政务云).
    public var says: [String]?
    /// With `says`: only the text of this catalogue section counts.
    public var section: String?
    /// Chinese description for the report, e.g. 总投资500万元及以上.
    public var description: String?
}

public enum FactValue: Codable, Sendable, Hashable {
    case number(Double)
    case bool(Bool)
    case text(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let d): try container.encode(d)
        case .bool(let b): try container.encode(b)
        case .text(let s): try container.encode(s)
        }
    }
}

/// The closed set of rule kinds. Each item names one; its parameters sit beside it in `Rule`.
public enum RuleKind: String, Codable, Sendable {
    /// A canonical section must be present in one of the item's documents (optionally with sub-elements).
    case section
    /// A document of one of `documentKinds` must be part of the project (acceptance packages).
    case document
    /// A fact must satisfy `op value` (e.g. free-maintenance-years >= 3).
    case figure
    /// Any one of `terms` must appear in the body of the item's documents (not TOC, header or footer).
    case mention
    /// Each child rule must be met.
    case all
    /// At least one child rule must be met.
    case any
    /// None of `terms` may be said as the project's own intent (禁止新建机房); a negated mention (不新建机房) is fine.
    case mustNot = "must-not"
    /// The section must be present with at least `minimumCharacters` of its own text (内容过于简略 otherwise).
    case substance
    /// The present ones of `sections` must come in this order in the document.
    case order
    /// A table (in `section` when given) with `columns`, at least `minimumRows` rows, totals that add up.
    case table
}

public struct Rule: Codable, Sendable, Hashable {
    public var kind: RuleKind
    /// For `section`: a section id from the catalogue.
    public var section: String?
    /// For `section`: names of the catalogue's sub-elements that must be shown (all of them when absent and
    /// `requireSubElements` is true).
    public var subElements: [String]?
    public var requireSubElements: Bool?
    /// For `document`: any one of these document kind ids.
    public var documentKinds: [String]?
    /// For `figure`.
    public var fact: FactKey?
    public var op: Comparison?
    public var value: Double?
    /// For `mention`.
    public var terms: [String]?
    /// For `mention`: ids of `Catalogue.contents` that must stand with the term (in its paragraph or the section it
    /// sits in) for the rule to be met; found without them, the rule is partial.
    public var requires: [String]?
    /// For `all` / `any`.
    public var rules: [Rule]?
    /// For `section`: attributes this item asks of the section, beyond the catalogue's (名称 and words showing it).
    public var elements: [SubElement]?
    /// For `substance`: the least number of characters of the section's own text.
    public var minimumCharacters: Int?
    /// For `order`: section ids in the order the document must keep.
    public var sections: [String]?
    /// For `table`: column names a header row must show; `A|B` accepts either wording.
    public var columns: [String]?
    /// For `table`: the least number of data rows (header and 合计 rows not counted).
    public var minimumRows: Int?
    /// For `table`: a 合计 row must equal the sum of the rows above it in every numeric column.
    public var totals: Bool?

    public init(kind: RuleKind, section: String? = nil) {
        self.kind = kind
        self.section = section
    }
}

/// Where a requirement comes from: article, item and the verbatim words of the regulation.
public struct Basis: Codable, Sendable, Hashable {
    /// e.g. 第九条
    public var article: String
    /// e.g. （二）
    public var item: String?
    /// Verbatim from the source text (whitespace aside); a test checks it.
    public var quote: String
    /// The regulation the article belongs to. Set by the loader to the defining checklist's regulation, so an item
    /// a county inherits from the national baseline still cites the national measures.
    public var regulation: Regulation?
}

public struct ChecklistItem: Codable, Sendable, Hashable {
    /// Stable id, e.g. `yangcheng-09-2-data-catalogue`.
    public var id: String
    /// Short Chinese title of the requirement.
    public var title: String
    public var stage: Stage
    /// Document kind ids that must carry it; for a `document` rule, where the project is looked for.
    public var documents: [String]
    public var rule: Rule
    public var condition: Condition?
    public var severity: Severity
    public var basis: Basis
    /// Chinese note for the reviewer (how the check is done, what it cannot see).
    public var note: String?
    /// Passages that meet the item and passages that do not, run by a test like a linter's rule examples.
    public var examples: ItemExamples?
}

/// Passages of a submitted document, written as plain text: a line `# 标题` is a heading (one `#` per level), a
/// line `| a | b |` a table row, a first line `文件：名称.docx` the file name; anything else a paragraph.
public struct ItemExamples: Codable, Sendable, Hashable {
    /// Each of these meets the item.
    public var pass: [String]?
    /// None of these meets it (each is partial or missing).
    public var fail: [String]?
}

/// Changes a jurisdiction makes to the checklist it extends.
public struct ItemOverride: Codable, Sendable, Hashable {
    public var id: String
    public var severity: Severity?
    public var stage: Stage?
    public var documents: [String]?
    public var condition: Condition?
    public var rule: Rule?
}

public struct Checklist: Codable, Sendable {
    /// e.g. `yangcheng`; `national` for the baseline.
    public var id: String
    /// Chinese name, e.g. 阳城县.
    public var name: String
    /// Names the jurisdiction goes by in documents (阳城, 阳城县, 晋城市阳城县 …), for inference.
    public var aliases: [String]
    public var version: String
    public var regulation: Regulation
    /// Another checklist's id whose items this one takes first (typically `national`).
    public var extends: String?
    /// Ids of inherited items that do not apply here.
    public var drop: [String]?
    public var overrides: [ItemOverride]?
    public var items: [ChecklistItem]
}
