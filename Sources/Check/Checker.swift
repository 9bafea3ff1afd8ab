import Checklists
import DocumentModel
import Foundation

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
    public var library: ChecklistLibrary

    public init(library: ChecklistLibrary) {
        self.library = library
    }

    /// Checks one project. `jurisdiction` and `stage` given here win over project.yaml and inference.
    public func check(_ input: ProjectInput, jurisdiction: String? = nil, stage: Stage? = nil, now: Date = Date())
        -> ProjectReport
    {
        // Placeholder until the evaluator lands: a report with the documents and no findings.
        let ref = ChecklistRef(
            id: "national", version: "0", regulation: "", number: nil, status: .inForce, expires: nil)
        let info = ProjectInfo(
            id: input.id, name: input.metadata.name ?? input.id, jurisdiction: "national", jurisdictionName: "",
            stage: stage ?? input.metadata.stage ?? .application, department: input.metadata.department,
            checklist: ref, facts: [])
        let docs = input.documents.map {
            DocumentReport(
                path: $0.path, kind: "unknown", kindName: "未识别", format: $0.format, pages: $0.pageCount,
                error: $0.error, outline: [], sections: [])
        }
        return ProjectReport(
            generated: ISO8601DateFormatter().string(from: now), project: info, documents: docs, findings: [],
            summary: Summary(findings: [], documents: docs))
    }
}
