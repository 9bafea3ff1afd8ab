/// The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that a gapcheck log uses, restated with
/// their property lists, required members and enumerations, and with `$ref`s written out in place. Objects the
/// standard closes (`additionalProperties: false`) are closed here too, so a misspelt member fails validation.
/// Read-only constants; `nonisolated(unsafe)` because `[String: Any]` cannot be Sendable.
enum SARIFSchema {
    static func object(_ properties: [String: [String: Any]], required: [String] = []) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required, "additionalProperties": false]
    }

    static func names(_ list: [String], _ known: [String: [String: Any]] = [:]) -> [String: [String: Any]] {
        var properties: [String: [String: Any]] = [:]
        for name in list { properties[name] = known[name] ?? [:] }
        return properties
    }

    nonisolated(unsafe) static let propertyBag: [String: Any] = ["type": "object"]
    nonisolated(unsafe) static let level: [String: Any] = ["enum": ["none", "note", "warning", "error"]]
    nonisolated(unsafe) static let message = object(names(["text", "markdown", "id", "arguments", "properties"],
                                      ["text": ["type": "string"], "properties": propertyBag]))
    nonisolated(unsafe) static let multiformat = object(names(["text", "markdown", "properties"], ["text": ["type": "string"]]),
                                    required: ["text"])
    nonisolated(unsafe) static let artifactLocation = object(names(["uri", "uriBaseId", "index", "description", "properties"],
                                               ["uri": ["type": "string"], "index": ["type": "integer"]]))
    nonisolated(unsafe) static let logicalLocation = object(names(
        ["name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"],
        ["fullyQualifiedName": ["type": "string"], "kind": ["type": "string"]]))
    nonisolated(unsafe) static let physicalLocation = object(names(
        ["address", "artifactLocation", "region", "contextRegion", "properties"],
        ["artifactLocation": artifactLocation, "properties": propertyBag]))
    nonisolated(unsafe) static let location = object(names(
        ["id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"],
        ["physicalLocation": physicalLocation, "logicalLocations": ["type": "array", "items": logicalLocation],
         "message": message, "properties": propertyBag]))
    nonisolated(unsafe) static let result = object(names(
        ["ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
         "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs",
         "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
         "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties"],
        ["ruleId": ["type": "string"], "ruleIndex": ["type": "integer"], "level": level, "message": message,
         "kind": ["enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]],
         "locations": ["type": "array", "items": location]]), required: ["message"])
    nonisolated(unsafe) static let rule = object(names(
        ["id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
         "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties"],
        ["id": ["type": "string"], "name": ["type": "string"], "shortDescription": multiformat,
         "fullDescription": multiformat, "help": multiformat, "properties": propertyBag,
         "defaultConfiguration": object(names(["enabled", "level", "rank", "parameters", "properties"],
                                              ["level": level]))]), required: ["id"])
    nonisolated(unsafe) static let driver = object(names(
        ["guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName",
         "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
         "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language", "contents",
         "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
         "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"],
        ["name": ["type": "string"], "version": ["type": "string"], "informationUri": ["type": "string"],
         "rules": ["type": "array", "items": rule], "properties": propertyBag]), required: ["name"])
    nonisolated(unsafe) static let artifact = object(names(
        ["description", "location", "parentIndex", "offset", "length", "roles", "mimeType", "contents", "encoding",
         "sourceLanguage", "hashes", "lastModifiedTimeUtc", "properties"], ["location": artifactLocation]))
    nonisolated(unsafe) static let run = object(names(
        ["tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds",
         "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid",
         "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
         "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations",
         "policies", "webRequests", "webResponses", "specialLocations", "properties"],
        ["tool": object(names(["driver", "extensions", "properties"], ["driver": driver]), required: ["driver"]),
         "results": ["type": "array", "items": result], "artifacts": ["type": "array", "items": artifact],
         "properties": propertyBag]), required: ["tool"])
    nonisolated(unsafe) static let log = object(names(
        ["$schema", "version", "runs", "inlineExternalProperties", "properties"],
        ["$schema": ["type": "string"], "version": ["enum": ["2.1.0"]], "runs": ["type": "array", "items": run]]),
        required: ["version", "runs"])
}
