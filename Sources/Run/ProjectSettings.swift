import Check
import Checklists
import Foundation
import Yams

/// One problem in a project's `project.yaml`: where it is and what is wrong, in Chinese for the report.
public struct SettingsProblem: Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var key: String?
    public var message: String

    public var description: String {
        let place = [line.map { "第 \($0) 行" }, key.map { "键 \($0)" }].compactMap { $0 }.joined(separator: "，")
        return place.isEmpty ? message : "\(place)：\(message)"
    }
}

/// Reads `project.yaml` key by key, so one bad value costs only that key: the others still apply, and every
/// problem is named with its line and key. Numbers are range-checked (1e400 is infinity, not an investment).
public enum ProjectSettings {
    public static func parse(_ text: String) -> (metadata: ProjectMetadata, problems: [SettingsProblem]) {
        var metadata = ProjectMetadata()
        var problems: [SettingsProblem] = []
        let pairs: [(key: String, value: Node, line: Int?)]
        do {
            guard let root = try Yams.compose(yaml: text) else { return (metadata, []) }
            guard case .mapping(let mapping) = root else {
                return (metadata, [SettingsProblem(line: root.mark?.line, key: nil, message: "应为“键: 值”形式的映射")])
            }
            pairs = mapping.compactMap { key, value in key.string.map { ($0, value, key.mark?.line) } }
        } catch {
            // A syntax error spoils the document; each top-level line is still read on its own.
            problems.append(SettingsProblem(line: syntaxErrorLine(error), key: nil, message: "YAML 语法错误：\(syntaxMessage(error))"))
            pairs = lineByLine(text)
        }
        var seen = Set<String>()
        for pair in pairs {
            guard seen.insert(pair.key).inserted else {
                problems.append(SettingsProblem(line: pair.line, key: pair.key, message: "重复的键，仅采用第一次出现的值"))
                continue
            }
            if let message = apply(pair.key, pair.value, to: &metadata) {
                problems.append(SettingsProblem(line: pair.line, key: pair.key, message: message))
            }
        }
        return (metadata, problems)
    }

    /// Sets one key; returns the problem with its value, if any.
    static func apply(_ key: String, _ node: Node, to m: inout ProjectMetadata) -> String? {
        switch key {
        case "name": return text(node) { m.name = $0 }
        case "jurisdiction": return text(node) { m.jurisdiction = $0 }
        case "department": return text(node) { m.department = $0 }
        case "stage":
            guard let raw = node.string, let stage = Stage(rawValue: raw) else {
                return "阶段应为以下之一：\(Stage.allCases.map(\.rawValue).joined(separator: "、"))"
            }
            m.stage = stage
        case "projectType":
            guard let raw = node.string, ["construction", "om"].contains(raw) else { return "应为 construction 或 om" }
            m.projectType = raw
        case "totalInvestment": return number(node, 0...1e9) { m.totalInvestment = $0 }
        case "freeMaintenanceYears": return number(node, 0...100) { m.freeMaintenanceYears = $0 }
        case "serviceTermYears": return number(node, 0...100) { m.serviceTermYears = $0 }
        case "trialRunMonths": return number(node, 0...1200) { m.trialRunMonths = $0 }
        case "adjustmentPercent": return number(node, 0...1000) { m.adjustmentPercent = $0 }
        case "crossDepartment": return flag(node) { m.crossDepartment = $0 }
        case "softwareDevelopment": return flag(node) { m.softwareDevelopment = $0 }
        case "purchasedService": return flag(node) { m.purchasedService = $0 }
        default: return "未知的键，已忽略"
        }
        return nil
    }

    static func text(_ node: Node, _ set: (String) -> Void) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else { return "应为一段文字" }
        set(scalar.string)
        return nil
    }

    static func number(_ node: Node, _ range: ClosedRange<Double>, _ set: (Double) -> Void) -> String? {
        guard case .scalar = node, let value = node.float, value.isFinite else { return "应为数字" }
        guard range.contains(value) else {
            return "数值 \(node.string ?? "") 超出允许范围（\(format(range.lowerBound))～\(format(range.upperBound))）"
        }
        set(value)
        return nil
    }

    static func flag(_ node: Node, _ set: (Bool) -> Void) -> String? {
        guard case .scalar = node, let value = node.bool else { return "应为 true 或 false" }
        set(value)
        return nil
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Top-level `key: value` lines, each composed alone.
    static func lineByLine(_ text: String) -> [(key: String, value: Node, line: Int?)] {
        var pairs: [(key: String, value: Node, line: Int?)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let first = line.first, first.isLetter,
                  case .mapping(let mapping)? = try? Yams.compose(yaml: String(line)),
                  let (key, value) = mapping.first, let name = key.string else { continue }
            pairs.append((name, value, index + 1))
        }
        return pairs
    }

    static func syntaxErrorLine(_ error: Error) -> Int? {
        guard let yaml = error as? YamlError else { return nil }
        switch yaml {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func syntaxMessage(_ error: Error) -> String {
        guard let yaml = error as? YamlError else { return "\(error)" }
        switch yaml {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(yaml)"
        }
    }
}
