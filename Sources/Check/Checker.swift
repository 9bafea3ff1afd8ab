import Checklists
import DocumentModel
import Foundation
import Sections

/// What `project.yaml` may state about a project; every field overrides what would be inferred from the documents.
public struct ProjectMetadata: Codable, Sendable, Hashable {
    public var name: String?
    /// Checklist id (e.g. `yangcheng`) or a Chinese name/alias (阳城县).
    public var jurisdiction: String?
    public var stage: Stage?
    public var department: String?
    /// 总投资 in 万元.
    public var totalInvestment: Double?
    /// `construction` (建设类) or `om` (运维类).
    public var projectType: String?
    public var crossDepartment: Bool?
    public var softwareDevelopment: Bool?
    public var purchasedService: Bool?
    public var freeMaintenanceYears: Double?
    public var serviceTermYears: Double?
    public var trialRunMonths: Double?
    public var adjustmentPercent: Double?
    /// 建设周期 in months.
    public var constructionMonths: Double?
    /// 软件开发费 in 万元.
    public var softwareInvestment: Double?
    /// 调整金额 in 万元.
    public var adjustmentAmount: Double?
    /// `new` (新建), `continued` (续建) or `renovation` (改建/扩建).
    public var buildNature: String?
    /// Last year's 绩效评价 score.
    public var previousPerformanceScore: Double?
    /// The year the project belongs to (申报/立项 year), for statistics; else taken from its documents' dates.
    public var year: Int?

    public init() {}
}

/// One project's documents and what is known about it, ready to check.
public struct ProjectInput: Sendable {
    /// Stable id: the project folder's name in an inbox, the file name for a single-file self-check.
    public var id: String
    public var metadata: ProjectMetadata
    public var documents: [Document]

    public init(id: String, metadata: ProjectMetadata = ProjectMetadata(), documents: [Document]) {
        self.id = id
        self.metadata = metadata
        self.documents = documents
    }
}

/// Evaluates a project against the checklist of its jurisdiction and stage.
public struct Checker: Sendable {
    public let library: ChecklistLibrary
    /// Compiled once: a batch checks thousands of projects against the same catalogue.
    let catalogue: CompiledCatalogue
    public let clock: ReportClock

    public init(library: ChecklistLibrary, clock: ReportClock = ReportClock()) {
        self.library = library
        self.clock = clock
        catalogue = CompiledCatalogue(library.catalogue)
    }

    /// Checks one project. `jurisdiction` and `stage` given here win over project.yaml and inference.
    /// Deterministic: the same input gives the same report, `generated` aside.
    public func check(_ input: ProjectInput, jurisdiction: String? = nil, stage: Stage? = nil, now: Date = Date())
        -> ProjectReport
    {
        // Documents in path order, so that the first fact found does not depend on directory listing order.
        let sorted = input.documents.sorted { $0.path < $1.path }
        let documents = sorted.enumerated().map { IndexedDocument(document: $1, ordinal: $0) }
        for doc in documents {
            doc.kind = DocumentClassifier.kind(of: doc, catalogue: catalogue)
            doc.kindName = catalogue.kind(doc.kind)?.definition.name ?? "未识别"
        }

        let place = DocumentClassifier.jurisdiction(
            given: jurisdiction, metadata: input.metadata, documents: documents, library: library)
        let checklist = library.checklist(for: place.id)
        let projectStage = DocumentClassifier.stage(
            given: stage, metadata: input.metadata, documents: documents, catalogue: catalogue)
        let facts = FactExtractor.extract(documents: documents, metadata: input.metadata)
        let conflicts = FactConflicts.find(facts: facts, documents: documents)
        let locator = SectionLocator(catalogue: catalogue, documents: documents)
        for doc in documents {
            (doc.nature, doc.natureReason) = NatureClassifier.nature(of: doc, catalogue: catalogue)
        }

        let reports = documents.map { doc -> DocumentReport in
            let outline = doc.document.outline.compactMap { block in
                block.heading.map {
                    OutlineEntry(level: $0.level, number: $0.number, title: $0.title, page: block.location.page)
                }
            }
            // A tender, a notice or a regulation text has no sections of a project; a blank template does, empty.
            let mapped = doc.readable && (doc.nature == .project || doc.nature == .template)
            let sections = mapped
                ? catalogue.sections.map { locator.locate($0, in: doc).finding(for: $0.definition) } : []
            return DocumentReport(
                path: doc.path, kind: doc.kind, kindName: doc.kindName, format: doc.document.format,
                pages: doc.document.pageCount, error: doc.document.error, outline: outline, sections: sections,
                date: doc.readable ? DocumentClassifier.date(of: doc) : nil,
                ocrPages: doc.document.ocrPages.isEmpty ? nil : doc.document.ocrPages,
                pagesWithoutText: doc.document.pagesWithoutText.isEmpty ? nil : doc.document.pagesWithoutText,
                nature: doc.readable ? doc.nature : nil)
        }

        var findings: [Finding] = []
        if let checklist {
            let evaluator = RequirementEvaluator(
                catalogue: catalogue, documents: documents, facts: facts, locator: locator)
            let stageKinds = Set(
                library.catalogue.documentKinds.filter { $0.stage == projectStage }.map(\.id))
            let notProject = Self.notProjectReason(documents)
            for item in checklist.items where Self.applies(item, at: projectStage, stageKinds: stageKinds) {
                var finding = notProject.map { evaluator.notApplicable(item, regulation: checklist.regulation, why: $0) }
                    ?? evaluator.evaluate(item, regulation: checklist.regulation)
                finding.stage = projectStage
                findings.append(finding)
            }
            if let notProject {
                let basis = FindingBasis(
                    regulation: RequirementEvaluator.regulationDisplay(checklist.regulation), article: "", quote: "")
                findings.append(Finding(
                    requirement: "documents-not-project", title: "提交的文件不是项目材料", stage: projectStage,
                    status: .notChecked, severity: .info, reason: notProject,
                    evidence: documents.filter(\.readable).map { $0.documentEvidence() }, basis: basis))
            }
            findings += Self.notices(
                checklist: checklist, reports: reports, stage: projectStage, determined: place.determined)
            findings += conflicts.map {
                FactConflicts.finding($0, stage: projectStage,
                                      regulation: RequirementEvaluator.regulationDisplay(checklist.regulation))
            }
        }
        findings.sort { a, b in
            if a.stage != b.stage { return a.stage < b.stage }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.requirement < b.requirement
        }

        let checklistID = checklist?.id ?? place.id
        let ref = ChecklistRef(
            id: checklistID, version: checklist?.version ?? "", regulation: checklist?.regulation.title ?? "",
            number: checklist?.regulation.number, status: checklist?.regulation.status ?? .inForce,
            expires: checklist?.regulation.expires)
        let info = ProjectInfo(
            id: input.id, name: input.metadata.name ?? input.id, jurisdiction: checklistID,
            jurisdictionName: checklist?.name ?? "", stage: projectStage, department: input.metadata.department,
            checklist: ref, facts: FactKey.allCases.compactMap { facts[$0] } + conflicts.map(\.found),
            year: ProjectYear.year(metadata: input.metadata, documents: documents))
        return ProjectReport(
            generated: clock.stamp(now), project: info, documents: reports,
            findings: findings, summary: Summary(findings: findings, documents: reports), tool: ToolRef())
    }

    /// An item applies at its own stage, and at any stage whose own document (初步设计方案 at the preliminary-design
    /// stage, 项目建议书 at the application stage) is among the documents that must carry it: a content rule written
    /// for 可研 and 初设 alike is checked in whichever of them is submitted. Rules that ask for a whole document
    /// belong to their stage only.
    static func applies(_ item: ChecklistItem, at stage: Stage, stageKinds: Set<String>) -> Bool {
        if item.stage == stage { return true }
        if item.rule.kind == .document { return false }
        return !stageKinds.isDisjoint(with: item.documents)
    }

    /// Why a project's requirements do not apply: none of its readable documents is a document of a project's
    /// pipeline (all are tenders, notices, blank templates …). Nil when one is, or when none could be read.
    static func notProjectReason(_ documents: [IndexedDocument]) -> String? {
        let readable = documents.filter(\.readable)
        guard !readable.isEmpty, readable.allSatisfy({ $0.nature != .project }) else { return nil }
        let list = readable.map { "\($0.path)（\($0.nature.chineseName)：\($0.natureReason ?? "")）" }
        return "提交的文件均不是项目建设材料，未按清单检查：" + list.joined(separator: "、")
    }

    /// Notices about the check itself: an expired or draft regulation, a jurisdiction that could not be told.
    /// They carry severity `info` and status `not-checked`, so they never count as gaps.
    static func notices(checklist: Checklist, reports: [DocumentReport], stage: Stage, determined: Bool) -> [Finding] {
        let regulation = checklist.regulation
        let basis = FindingBasis(regulation: RequirementEvaluator.regulationDisplay(regulation), article: "", quote: "")
        var notices: [Finding] = []
        if let expires = regulation.expires {
            let late = reports.filter { ($0.date ?? "") > expires }
            if !late.isEmpty {
                notices.append(Finding(
                    requirement: "\(checklist.id)-regulation-expired", title: "所依据的规定已失效", stage: stage,
                    status: .notChecked, severity: .info,
                    reason: "规定已于\(expires)失效，而文件日期晚于该日期（\(late.map { "\($0.path)：\($0.date!)" }.joined(separator: "、"))），请核对现行规定",
                    evidence: late.map { Evidence(document: $0.path, page: nil, heading: nil, excerpt: "文件日期 \($0.date!)") },
                    basis: basis))
            }
        }
        if regulation.status == .expired, regulation.expires == nil {
            notices.append(Finding(
                requirement: "\(checklist.id)-regulation-expired", title: "所依据的规定已失效", stage: stage,
                status: .notChecked, severity: .info,
                reason: "本清单依据的\(basis.regulation)已失效，请核对现行规定", evidence: [], basis: basis))
        }
        if regulation.status == .draft || regulation.title.contains("征求意见稿") {
            notices.append(Finding(
                requirement: "\(checklist.id)-regulation-draft", title: "所依据的规定为征求意见稿", stage: stage,
                status: .notChecked, severity: .info,
                reason: "本清单依据的\(basis.regulation)为征求意见稿，尚未正式施行，检查结果仅供参考", evidence: [],
                basis: basis))
        }
        if !determined {
            notices.append(Finding(
                requirement: "jurisdiction-undetermined", title: "未能确定项目所属辖区", stage: stage,
                status: .notChecked, severity: .info,
                reason: "未能从 project.yaml 或文件内容判断项目所属辖区，已按国家通用清单（\(checklist.name)）检查；如属特定辖区，请在 project.yaml 中填写 jurisdiction",
                evidence: [], basis: basis))
        }
        return notices
    }
}
