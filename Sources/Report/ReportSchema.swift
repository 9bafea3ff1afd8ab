import Check
import Checklists
import DocumentModel
import Foundation

/// The JSON Schema (draft 2020-12) of `report.json`, `gapcheck.report/1`. Built from the model's enums so the
/// allowed values cannot drift from the code; `gapcheck check --format json` prints the same shape.
public enum ReportSchema {
    public static let id = "https://gapcheck.invalid/schema/report-1.json"

    /// The schema as a JSON-compatible value (dictionaries, arrays, strings, booleans).
    public static var schema: [String: Any] {
        var root = object(
            [
                "schema": ["type": "string", "enum": [ProjectReport.schemaVersion]],
                "generated": string,
                "project": project,
                "documents": array(document),
                "findings": array(finding),
                "summary": summary,
                "tool": object(["name": string, "version": string], required: ["name", "version"]),
            ], required: ["schema", "generated", "project", "documents", "findings", "summary"])
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = id
        root["title"] = "gapcheck project report"
        return root
    }

    public static func jsonData() throws -> Data {
        try JSONSerialization.data(withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    // MARK: - Building blocks

    static var string: [String: Any] { ["type": "string"] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var boolean: [String: Any] { ["type": "boolean"] }

    static func enumeration<E: RawRepresentable & CaseIterable>(_: E.Type) -> [String: Any] where E.RawValue == String {
        ["type": "string", "enum": E.allCases.map(\.rawValue)]
    }

    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }

    static func object(_ properties: [String: [String: Any]], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    static var evidence: [String: Any] {
        object(
            ["document": string, "page": integer, "heading": string, "excerpt": string, "ocr": boolean],
            required: ["document", "excerpt"])
    }

    static var factValue: [String: Any] { ["type": ["number", "boolean", "string"]] }

    static var project: [String: Any] {
        let checklist = object(
            [
                "id": string, "version": string, "regulation": string, "number": string,
                "status": ["type": "string", "enum": ["in-force", "expired", "draft", "guideline"]], "expires": string,
            ], required: ["id", "version", "regulation", "status"])
        let fact = object(
            [
                "key": enumeration(FactKey.self), "value": factValue, "unit": string, "source": string,
                "evidence": evidence,
            ], required: ["key", "value", "source"])
        return object(
            [
                "id": string, "name": string, "jurisdiction": string, "jurisdictionName": string,
                "stage": enumeration(Stage.self), "department": string, "checklist": checklist, "facts": array(fact),
                "year": integer,
            ], required: ["id", "name", "jurisdiction", "jurisdictionName", "stage", "checklist", "facts"])
    }

    static var document: [String: Any] {
        var error = object(
            ["kind": enumeration(IngestErrorKind.self), "message": string, "detail": string],
            required: ["kind", "message"])
        error["type"] = ["object", "null"]
        let outline = object(
            ["level": integer, "number": string, "title": string, "page": integer],
            required: ["level", "number", "title"])
        let section = object(
            [
                "name": string, "id": string, "status": enumeration(SectionStatus.self), "heading": string,
                "page": integer, "paragraph": integer, "subElementsFound": array(string),
                "subElementsMissing": array(string), "evidence": evidence, "reasons": array(string),
            ], required: ["name", "id", "status"])
        return object(
            [
                "path": string, "kind": string, "kindName": string, "format": enumeration(DocumentFormat.self),
                "pages": integer, "error": error, "outline": array(outline), "sections": array(section), "date": string,
                "ocrPages": array(integer), "pagesWithoutText": array(integer),
                "nature": enumeration(DocumentNature.self),
            ], required: ["path", "kind", "kindName", "format", "error", "outline", "sections"])
    }

    static var finding: [String: Any] {
        let basis = object(["regulation": string, "article": string, "quote": string],
                           required: ["regulation", "article", "quote"])
        return object(
            [
                "requirement": string, "title": string, "stage": enumeration(Stage.self),
                "status": enumeration(RequirementStatus.self), "severity": enumeration(Severity.self),
                "reason": string, "evidence": array(evidence), "basis": basis,
            ], required: ["requirement", "title", "stage", "status", "severity", "reason", "evidence", "basis"])
    }

    static var summary: [String: Any] {
        let keys = ["met", "partial", "missing", "notApplicable", "notChecked", "mustGaps", "unreadableDocuments"]
        return object(Dictionary(uniqueKeysWithValues: keys.map { ($0, integer) }), required: keys)
    }
}
