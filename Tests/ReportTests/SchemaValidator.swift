import Foundation

/// Validates a JSON value against the subset of JSON Schema the report schema uses:
/// type, required, properties, items, enum, and `additionalProperties: false`.
enum SchemaValidator {
    static func errors(_ value: Any, _ schema: [String: Any], path: String = "$") -> [String] {
        var errors: [String] = []
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [(type as? String) ?? ""]
            if !types.contains(where: { matches(value, $0) }) {
                return ["\(path): expected \(types.joined(separator: "|")), got \(Swift.type(of: value))"]
            }
        }
        if let allowed = schema["enum"] as? [Any] {
            let ok = allowed.contains { ($0 as? NSObject)?.isEqual(value) ?? false }
            if !ok { errors.append("\(path): \(value) not in enum") }
        }
        if let object = value as? [String: Any] {
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil {
                errors.append("\(path): missing required \(key)")
            }
            let properties = (schema["properties"] as? [String: [String: Any]]) ?? [:]
            if schema["additionalProperties"] as? Bool == false {
                for key in object.keys.sorted() where properties[key] == nil {
                    errors.append("\(path): property \(key) not allowed")
                }
            }
            for (key, sub) in properties {
                if let child = object[key] { errors += Self.errors(child, sub, path: "\(path).\(key)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, child) in array.enumerated() { errors += Self.errors(child, items, path: "\(path)[\(i)]") }
        }
        return errors
    }

    static func matches(_ value: Any, _ type: String) -> Bool {
        // JSONSerialization gives booleans as a boolean NSNumber subclass on every platform.
        let isBool = String(describing: Swift.type(of: value)).contains("Boolean")
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool
        case "number": return !isBool && value is NSNumber
        case "integer":
            guard !isBool, let n = value as? NSNumber else { return false }
            return n.doubleValue == n.doubleValue.rounded()
        case "null": return value is NSNull
        default: return false
        }
    }
}
