import Yams

/// The shape of the checklist YAML, mirrored from `ChecklistModel.swift`, so a composed node tree can be checked
/// before decoding: decoding alone ignores unknown keys and reports no line numbers.
indirect enum Shape: Sendable {
    case string
    case number
    case bool
    /// Any scalar (a `FactValue`).
    case scalar
    case oneOf([String])
    case list(Shape)
    case object([String: Field])

    struct Field: Sendable {
        var shape: Shape
        var required: Bool
    }
}

private func req(_ shape: Shape) -> Shape.Field { Shape.Field(shape: shape, required: true) }
private func opt(_ shape: Shape) -> Shape.Field { Shape.Field(shape: shape, required: false) }

enum ChecklistSchema {
    static let stage = Shape.oneOf(Stage.allCases.map(\.rawValue))
    static let severity = Shape.oneOf(Severity.allCases.map(\.rawValue))
    static let fact = Shape.oneOf(FactKey.allCases.map(\.rawValue))
    static let comparison = Shape.oneOf([">=", ">", "<=", "<", "=="])
    static let ruleKind = Shape.oneOf([
        "section", "document", "figure", "mention", "all", "any", "must-not", "substance", "order", "table",
    ])
    static let subElements = Shape.list(.object(["name": req(.string), "patterns": req(strings)]))
    static let strings = Shape.list(.string)
    static let nature = Shape.oneOf(DocumentNature.allCases.map(\.rawValue))

    static let catalogue = Shape.object([
        "version": req(.string),
        "placeholders": req(strings),
        "guidance": opt(strings),
        "compounds": opt(strings),
        "roles": opt(.object([
            "frontMatter": req(strings), "appendix": req(strings), "designContainers": req(strings),
            "featureSuffixes": req(strings), "projectMarkers": req(strings), "capabilityWords": req(strings),
            "notMentionSections": req(strings), "argumentSections": opt(strings), "phaseSections": opt(strings),
        ])),
        "contents": opt(.list(.object(["id": req(.string), "name": req(.string), "patterns": req(strings)]))),
        "sections": req(.list(.object([
            "id": req(.string), "name": req(.string), "synonyms": req(strings),
            "headingPatterns": opt(strings), "mentionPatterns": opt(strings), "excludePatterns": opt(strings),
            "subElements": opt(subElements),
            "evidence": opt(.object([
                "terms": opt(strings), "minimumTerms": opt(.number), "columns": opt(strings),
                "minimumColumns": opt(.number), "description": req(.string),
            ])),
            "requires": opt(strings),
        ]))),
        "documentKinds": req(.list(.object([
            "id": req(.string), "name": req(.string), "synonyms": req(strings),
            "filenamePatterns": opt(strings), "titlePatterns": opt(strings), "stage": opt(stage),
            "nature": opt(nature),
        ]))),
    ])

    static var condition: Shape {
        // Conditions nest; two levels of all/any are plenty for the regulations at hand, three for safety.
        func level(_ depth: Int) -> Shape {
            var fields: [String: Shape.Field] = [
                "fact": opt(fact), "op": opt(comparison), "value": opt(.scalar), "description": opt(.string),
                "says": opt(strings), "section": opt(.string),
            ]
            if depth > 0 {
                fields["all"] = opt(.list(level(depth - 1)))
                fields["any"] = opt(.list(level(depth - 1)))
            }
            return .object(fields)
        }
        return level(3)
    }

    static var rule: Shape {
        func level(_ depth: Int) -> Shape {
            var fields: [String: Shape.Field] = [
                "kind": req(ruleKind), "section": opt(.string), "subElements": opt(strings),
                "requireSubElements": opt(.bool), "documentKinds": opt(strings), "fact": opt(fact),
                "op": opt(comparison), "value": opt(.number), "terms": opt(strings), "requires": opt(strings),
                "elements": opt(subElements), "minimumCharacters": opt(.number), "sections": opt(strings),
                "columns": opt(strings), "minimumRows": opt(.number), "totals": opt(.bool),
            ]
            if depth > 0 { fields["rules"] = opt(.list(level(depth - 1))) }
            return .object(fields)
        }
        return level(3)
    }

    static var checklist: Shape {
        .object([
            "id": req(.string), "name": req(.string), "aliases": req(strings), "version": req(.string),
            "regulation": req(.object([
                "title": req(.string), "issuer": req(.string), "number": opt(.string), "issued": opt(.string),
                "effective": opt(.string), "expires": opt(.string),
                "status": req(.oneOf(["in-force", "expired", "draft", "guideline"])), "source": req(.string),
                "sources": opt(strings),
            ])),
            "extends": opt(.string), "drop": opt(strings),
            "overrides": opt(.list(.object([
                "id": req(.string), "severity": opt(severity), "stage": opt(stage), "documents": opt(strings),
                "condition": opt(condition), "rule": opt(rule),
            ]))),
            "items": req(.list(.object([
                "id": req(.string), "title": req(.string), "stage": req(stage), "documents": req(strings),
                "rule": req(rule), "condition": opt(condition), "severity": req(severity),
                "basis": req(.object(["article": req(.string), "item": opt(.string), "quote": req(.string)])),
                "note": opt(.string),
                "examples": opt(.object(["pass": opt(strings), "fail": opt(strings)])),
            ]))),
        ])
    }

    /// Every mismatch between a node tree and a shape, with the line it sits on.
    static func check(_ node: Node, against shape: Shape, path: String, file: String) -> [ChecklistError] {
        let line = node.mark?.line
        func error(_ message: String) -> [ChecklistError] {
            [ChecklistError(file: file, line: line, message: "\(path.isEmpty ? "" : "\(path)：")\(message)")]
        }
        switch shape {
        case .string, .scalar:
            guard case .scalar = node else { return error("应为标量（文字或数字）") }
            return []
        case .number:
            guard case .scalar = node, node.float != nil else { return error("应为数字") }
            return []
        case .bool:
            guard case .scalar = node, node.bool != nil else { return error("应为 true 或 false") }
            return []
        case .oneOf(let allowed):
            guard case .scalar(let scalar) = node else { return error("应为以下取值之一：\(allowed.joined(separator: ", "))") }
            guard allowed.contains(scalar.string) else {
                return error("取值“\(scalar.string)”无效，应为以下之一：\(allowed.joined(separator: ", "))")
            }
            return []
        case .list(let element):
            guard case .sequence(let sequence) = node else { return error("应为列表") }
            var errors: [ChecklistError] = []
            for (i, child) in sequence.enumerated() {
                errors += check(child, against: element, path: "\(path)[\(i)]", file: file)
            }
            return errors
        case .object(let fields):
            guard case .mapping(let mapping) = node else { return error("应为映射（键: 值）") }
            var errors: [ChecklistError] = []
            var seen: Set<String> = []
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard let field = fields[key] else {
                    let known = fields.keys.sorted().joined(separator: ", ")
                    errors.append(ChecklistError(
                        file: file, line: keyNode.mark?.line,
                        message: "未知的键“\(childPath)”（可用的键：\(known)）"))
                    continue
                }
                seen.insert(key)
                errors += check(value, against: field.shape, path: childPath, file: file)
            }
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) where field.required && !seen.contains(key) {
                errors += error("缺少必填的键“\(key)”")
            }
            return errors
        }
    }
}
