import Check
import Checklists
import Foundation

/// SARIF 2.1.0 (OASIS) for code-scanning tools: one rule per checklist item, one result per open item, located at
/// the document and page of its evidence. Messages are in Chinese, as the report is.
public enum SARIFReport {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public static func encode(_ report: ProjectReport) throws -> Data {
        var data = try JSONSerialization.data(
            withJSONObject: document(report), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    public static func document(_ report: ProjectReport) -> [String: Any] {
        let open = report.findings.filter(isOpen)
        let ruleIDs = uniqueRequirements(open)
        return [
            "$schema": schemaURI,
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": driver(report, rules: ruleIDs)],
                "results": open.map { result($0, ruleIndex: ruleIDs.firstIndex(of: $0.requirement) ?? 0) },
                "artifacts": report.documents.map { ["location": ["uri": uri($0.path)]] },
                "properties": ["project": report.project.id, "generated": report.generated],
            ] as [String: Any]],
        ]
    }

    /// Gaps, and items that could not be checked: what a reviewer has to act on.
    static func isOpen(_ finding: Finding) -> Bool {
        finding.status.isGap || finding.status == .notChecked
    }

    static func uniqueRequirements(_ findings: [Finding]) -> [String] {
        var seen: [String] = []
        for f in findings where !seen.contains(f.requirement) { seen.append(f.requirement) }
        return seen
    }

    static func driver(_ report: ProjectReport, rules: [String]) -> [String: Any] {
        let checklist = report.project.checklist
        return [
            "name": ToolInfo.name, "version": ToolInfo.version, "informationUri": ToolInfo.informationURI,
            "rules": rules.compactMap { id in report.findings.first { $0.requirement == id }.map(rule) },
            "properties": ["checklist": checklist.id, "checklistVersion": checklist.version,
                           "regulation": checklist.regulation],
        ]
    }

    static func rule(_ f: Finding) -> [String: Any] {
        let basis = [f.basis.regulation, f.basis.article].filter { !$0.isEmpty }.joined()
        var rule: [String: Any] = [
            "id": f.requirement, "name": f.requirement,
            "shortDescription": ["text": f.title],
            "defaultConfiguration": ["level": level(f.severity)],
            "properties": ["severity": f.severity.chineseName, "stage": f.stage.rawValue],
        ]
        if !f.basis.quote.isEmpty { rule["fullDescription"] = ["text": "\(basis)：“\(f.basis.quote)”"] }
        return rule
    }

    static func result(_ f: Finding, ruleIndex: Int) -> [String: Any] {
        var result: [String: Any] = [
            "ruleId": f.requirement, "ruleIndex": ruleIndex, "level": level(f.severity),
            "kind": f.status == .notChecked ? "review" : "fail",
            "message": ["text": "【\(f.status.chineseName)】\(f.title)：\(f.reason)"],
        ]
        let places = f.evidence.prefix(3).map(location)
        if !places.isEmpty { result["locations"] = Array(places) }
        return result
    }

    /// A page is not a line, so it is carried as a property and in the message rather than as a region.
    static func location(_ evidence: Evidence) -> [String: Any] {
        var place: [String: Any] = ["physicalLocation": ["artifactLocation": ["uri": uri(evidence.document)]]]
        var text = evidence.page.map { "第\($0)页" } ?? ""
        if let heading = evidence.heading {
            place["logicalLocations"] = [["fullyQualifiedName": heading, "kind": "section"]]
            text += text.isEmpty ? heading : " \(heading)"
        }
        if !text.isEmpty { place["message"] = ["text": text] }
        if let page = evidence.page { place["properties"] = ["page": page] }
        return place
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .must: return "error"
        case .should: return "warning"
        case .info: return "note"
        }
    }

    /// Relative URI references; Chinese file names are percent-encoded so every consumer can parse them.
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
