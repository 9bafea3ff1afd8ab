import Checklists
import Foundation
import Sections

/// A figure stated in project.yaml that the documents state differently (免费运维期 3 years in project.yaml, 两年 in
/// the PDF). project.yaml still decides the checks, but the report shows both values with their sources and a
/// finding asks for the figure to be settled, so a requirement met on project.yaml's word is not taken on trust.
enum FactConflicts {
    static func number(_ value: FactValue) -> Double? {
        if case .number(let n) = value { return n }
        return nil
    }

    struct Conflict {
        var stated: Fact
        var found: Fact
    }

    /// Numeric facts only: flags and project types are not figures a document states.
    static func find(facts: [FactKey: Fact], documents: [IndexedDocument]) -> [Conflict] {
        let stated = facts.values.filter { $0.source == "project.yaml" && number($0.value) != nil }
        guard !stated.isEmpty else { return [] }
        let found = FactExtractor.extract(documents: documents, metadata: ProjectMetadata())
        return stated.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { fact in
            guard let other = found[fact.key], let a = number(fact.value), let b = number(other.value),
                  abs(a - b) > 1e-6 else { return nil }
            return Conflict(stated: fact, found: other)
        }
    }

    /// A must-level item that could not be checked: the figure is in doubt until someone settles it.
    static func finding(_ conflict: Conflict, stage: Stage, regulation: String) -> Finding {
        let key = conflict.stated.key
        let name = FactExtractor.name(key)
        let stated = FactExtractor.describe(conflict.stated.value, key: key)
        let found = FactExtractor.describe(conflict.found.value, key: key)
        let place = conflict.found.evidence.map { "（\($0.document)\($0.page.map { "第\($0)页" } ?? "")）" } ?? ""
        return Finding(
            requirement: "fact-conflict-\(key.rawValue)", title: "\(name)前后不一致", stage: stage,
            status: .notChecked, severity: .must,
            reason: "project.yaml 填写的\(name)为\(stated)，而文件中写明\(found)\(place)；"
                + "检查按 project.yaml 进行，请核实后统一两处数值",
            evidence: [Evidence(document: "project.yaml", page: nil, heading: nil, excerpt: "\(name)：\(stated)")]
                + (conflict.found.evidence.map { [$0] } ?? []),
            basis: FindingBasis(regulation: regulation, article: "", quote: ""))
    }
}
