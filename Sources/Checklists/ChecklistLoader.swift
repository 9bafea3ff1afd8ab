import Foundation
import Yams

/// Every checklist of a deployment, with `extends` resolved, and the catalogue they refer to.
public struct ChecklistLibrary: Sendable {
    public var catalogue: Catalogue
    /// By checklist id, after applying `extends`, `drop` and `overrides`.
    public var checklists: [String: Checklist]
    /// The folder it was loaded from (quotes are verified against `regulation.source` relative to it).
    public var directory: URL
    /// By checklist id: the file it came from, relative to `directory` (e.g. `jurisdictions/yangcheng.yaml`).
    public var files: [String: String] = [:]

    public init(catalogue: Catalogue, checklists: [String: Checklist], directory: URL) {
        self.catalogue = catalogue
        self.checklists = checklists
        self.directory = directory
    }

    /// Loads `catalogue.yaml` and `jurisdictions/*.yaml` from a `Checklists/` folder. Throws the first problem
    /// found (schema, references, rule parameters, regular expressions); quotes are not verified here, see
    /// `validate(directory:)`.
    public static func load(from directory: URL) throws -> ChecklistLibrary {
        let result = ChecklistLoader(directory: directory).run(verifyQuotes: false)
        if let first = result.errors.first {
            var error = first
            if result.errors.count > 1 {
                error.message += "（另有 \(result.errors.count - 1) 处错误，可运行 gapcheck checklists validate 查看全部）"
            }
            throw error
        }
        guard let library = result.library else {
            throw ChecklistError(file: directory.path, line: nil, message: "未能读取清单目录")
        }
        return library
    }

    /// Loads and checks everything, quotes included, and returns every problem rather than the first.
    public static func validate(directory: URL) -> ChecklistValidation {
        ChecklistLoader(directory: directory).run(verifyQuotes: true)
    }

    /// The checklist for a jurisdiction id, or the national baseline when absent.
    public func checklist(for id: String?) -> Checklist? {
        if let id, let found = checklists[id] { return found }
        return checklists["national"]
    }

    /// Checklist ids in a stable order: `national` first, then by id.
    public var orderedIDs: [String] {
        checklists.keys.sorted { a, b in
            if a == "national" || b == "national" { return a == "national" && b != "national" }
            return a < b
        }
    }
}

/// The outcome of `ChecklistLibrary.validate(directory:)`.
public struct ChecklistValidation: Sendable {
    /// Nil when the files could not be parsed or decoded at all.
    public var library: ChecklistLibrary?
    public var errors: [ChecklistError]
    /// Things that were not checked (e.g. a regulation source outside the checkout), in Chinese.
    public var notes: [String]
}

/// A problem in a checklist file, located by file and line where the YAML parser can tell.
public struct ChecklistError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line.map(String.init) ?? "-"): \(message)" }
}

/// One parsed checklist file before `extends` is resolved, with the lines its parts sit on.
struct RawChecklist {
    var checklist: Checklist
    var file: String
    var line: Int?
    var itemLines: [String: Int]
    var overrideLines: [String: Int]
    var dropLines: [String: Int]
    var regulationLine: Int?
    /// By item id: the line of each key inside the item ("rule.section", "basis.quote", "rule.rules[1].terms").
    var keyLines: [String: [String: Int]] = [:]
    /// Lines of the second and later items that repeat an id.
    var duplicateLines: [String: [Int]] = [:]

    /// The line of a key of an item, else the item's own line.
    func line(of item: String, key: String?) -> Int? {
        if let key, let line = keyLines[item]?[key] { return line }
        return itemLines[item]
    }
}

struct ChecklistLoader {
    let directory: URL

    func run(verifyQuotes: Bool) -> ChecklistValidation {
        var errors: [ChecklistError] = []
        var notes: [String] = []
        // Checklists whose file did not pass the schema: their children are not blamed for it.
        var failedIDs: Set<String> = []
        let fm = FileManager.default

        let catalogueFile = "catalogue.yaml"
        guard let (catalogue, catalogueLines) = parse(
            Catalogue.self, file: catalogueFile, shape: ChecklistSchema.catalogue, errors: &errors, failedIDs: &failedIDs,
            lines: catalogueLineMap)
        else {
            return ChecklistValidation(library: nil, errors: errors, notes: notes)
        }

        let jurisdictionsDir = directory.appendingPathComponent("jurisdictions")
        let names = ((try? fm.contentsOfDirectory(atPath: jurisdictionsDir.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if names.isEmpty {
            errors.append(ChecklistError(file: "jurisdictions/", line: nil, message: "没有找到任何辖区清单（*.yaml）"))
        }
        var raws: [String: RawChecklist] = [:]
        for name in names {
            let file = "jurisdictions/\(name)"
            guard let (checklist, lines) = parse(
                Checklist.self, file: file, shape: ChecklistSchema.checklist, errors: &errors, failedIDs: &failedIDs,
                lines: Self.checklistLineMap)
            else { continue }
            let stem = (name as NSString).deletingPathExtension
            if checklist.id != stem {
                // An id that differs from the file name is how --jurisdiction quietly picked another list.
                errors.append(ChecklistError(
                    file: file, line: lines["@id"], message: "id “\(checklist.id)”应与文件名“\(stem)”一致"))
            }
            if let existing = raws[checklist.id] {
                errors.append(ChecklistError(
                    file: file, line: lines["@id"],
                    message: "清单 id “\(checklist.id)”与 \(existing.file) 重复"))
                continue
            }
            raws[checklist.id] = RawChecklist(
                checklist: checklist, file: file, line: lines["@id"],
                itemLines: lines.filter { $0.key.hasPrefix("item:") }.reduce(into: [:]) { $0[String($1.key.dropFirst(5))] = $1.value },
                overrideLines: lines.filter { $0.key.hasPrefix("override:") }.reduce(into: [:]) { $0[String($1.key.dropFirst(9))] = $1.value },
                dropLines: lines.filter { $0.key.hasPrefix("drop:") }.reduce(into: [:]) { $0[String($1.key.dropFirst(5))] = $1.value },
                regulationLine: lines["@regulation"], keyLines: Self.keyLineMap(node(of: file)),
                duplicateLines: Self.duplicateLineMap(node(of: file)))
        }

        let validator = ChecklistValidator(catalogue: catalogue, catalogueLines: catalogueLines, directory: directory)
        errors += validator.validateCatalogue(file: catalogueFile)
        for id in raws.keys.sorted() {
            errors += validator.validate(raws[id]!, prefixes: Self.ancestry(of: id, raws: raws))
        }

        var resolved: [String: Checklist] = [:]
        for id in raws.keys.sorted() {
            var stack: [String] = []
            _ = resolve(id, raws: raws, failed: failedIDs, resolved: &resolved, stack: &stack, errors: &errors)
        }

        if verifyQuotes {
            for id in raws.keys.sorted() {
                let (quoteErrors, quoteNotes) = validator.verifyQuotes(raws[id]!)
                errors += quoteErrors
                notes += quoteNotes
            }
        }

        var library = ChecklistLibrary(catalogue: catalogue, checklists: resolved, directory: directory)
        library.files = raws.mapValues(\.file)
        return ChecklistValidation(library: library, errors: errors, notes: notes)
    }

    /// Composes the YAML to check it against the schema with line numbers, then decodes it.
    private func parse<T: Decodable>(
        _ type: T.Type, file: String, shape: Shape, errors: inout [ChecklistError], failedIDs: inout Set<String>,
        lines: (Node) -> [String: Int]
    ) -> (T, [String: Int])? {
        let url = directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            errors.append(ChecklistError(file: file, line: nil, message: exists ? "无法读取文件" : "文件不存在：\(url.path)"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            errors.append(ChecklistError(file: file, line: nil, message: "文件不是 UTF-8 编码"))
            return nil
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                errors.append(ChecklistError(file: file, line: nil, message: "文件为空"))
                return nil
            }
            node = composed
        } catch let error as YamlError {
            errors.append(ChecklistError(file: file, line: Self.line(of: error), message: "YAML 语法错误：\(Self.problem(of: error))"))
            return nil
        } catch {
            errors.append(ChecklistError(file: file, line: nil, message: "YAML 语法错误：\(error)"))
            return nil
        }
        let schemaErrors = ChecklistSchema.check(node, against: shape, path: "", file: file)
        if !schemaErrors.isEmpty {
            errors += schemaErrors
            if let id = node["id"]?.string { failedIDs.insert(id) }
            return nil
        }
        do {
            let value = try YAMLDecoder().decode(T.self, from: text)
            return (value, lines(node))
        } catch {
            errors.append(ChecklistError(file: file, line: nil, message: "无法解码：\(error)"))
            return nil
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)"
        }
    }

    /// Lines of the catalogue's sections and document kinds by id ("section:crypto", "kind:feasibility").
    private func catalogueLineMap(_ node: Node) -> [String: Int] {
        var lines: [String: Int] = [:]
        for (key, prefix) in [("sections", "section:"), ("documentKinds", "kind:")] {
            guard let sequence = node[key]?.sequence else { continue }
            for element in sequence {
                if let id = element["id"]?.string { lines[prefix + id] = element.mark?.line }
            }
        }
        return lines
    }

    static func checklistLineMap(_ node: Node) -> [String: Int] {
        var lines: [String: Int] = [:]
        lines["@id"] = node["id"]?.mark?.line
        lines["@regulation"] = node["regulation"]?.mark?.line
        for (key, prefix) in [("items", "item:"), ("overrides", "override:")] {
            guard let sequence = node[key]?.sequence else { continue }
            for element in sequence {
                // The first line of an item wins when an id is duplicated: that is the one to point at.
                if let id = element["id"]?.string, lines[prefix + id] == nil { lines[prefix + id] = element.mark?.line }
            }
        }
        for element in node["drop"]?.sequence ?? [] {
            if let id = element.string { lines["drop:" + id] = element.mark?.line }
        }
        return lines
    }

    /// The checklist's id and those it extends, directly or not: an item id begins with one of them (an own item
    /// may replace an inherited one by its id).
    static func ancestry(of id: String, raws: [String: RawChecklist]) -> [String] {
        var chain: [String] = []
        var next: String? = id
        while let current = next, !chain.contains(current) {
            chain.append(current)
            next = raws[current]?.checklist.extends
        }
        return chain
    }

    /// The composed node of a file that already parsed (for key lines).
    private func node(of file: String) -> Node? {
        let url = directory.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return try? Yams.compose(yaml: text)
    }

    /// By item id, the line of every key path inside the item.
    static func keyLineMap(_ node: Node?) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for element in node?["items"]?.sequence ?? [] {
            guard let id = element["id"]?.string, result[id] == nil else { continue }
            var lines: [String: Int] = [:]
            collectKeys(element, path: "", into: &lines)
            result[id] = lines
        }
        return result
    }

    private static func collectKeys(_ node: Node, path: String, into lines: inout [String: Int]) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? ""
                let child = path.isEmpty ? name : "\(path).\(name)"
                lines[child] = key.mark?.line
                collectKeys(value, path: child, into: &lines)
            }
        case .sequence(let sequence):
            for (i, value) in sequence.enumerated() {
                lines["\(path)[\(i)]"] = value.mark?.line
                collectKeys(value, path: "\(path)[\(i)]", into: &lines)
            }
        default:
            break
        }
    }

    /// Lines of the `id` keys of items that repeat an earlier item's id.
    static func duplicateLineMap(_ node: Node?) -> [String: [Int]] {
        var seen: Set<String> = []
        var result: [String: [Int]] = [:]
        for element in node?["items"]?.sequence ?? [] {
            guard let idNode = element["id"], let id = idNode.string else { continue }
            if !seen.insert(id).inserted, let line = idNode.mark?.line { result[id, default: []].append(line) }
        }
        return result
    }

    /// Resolves `extends` depth first; a cycle is reported once and breaks the chain.
    private func resolve(
        _ id: String, raws: [String: RawChecklist], failed: Set<String>, resolved: inout [String: Checklist],
        stack: inout [String],
        errors: inout [ChecklistError]
    ) -> Checklist? {
        if let done = resolved[id] { return done }
        guard let raw = raws[id] else { return nil }
        if stack.contains(id) {
            errors.append(ChecklistError(
                file: raw.file, line: raw.line,
                message: "extends 形成循环：\((stack + [id]).joined(separator: " → "))"))
            return nil
        }
        stack.append(id)
        defer { stack.removeLast() }

        var checklist = raw.checklist
        var items: [ChecklistItem] = []
        if let parentID = checklist.extends {
            if failed.contains(parentID) {
                // Already reported in the parent's file; resolving against nothing would only add noise.
                return nil
            } else if raws[parentID] == nil {
                errors.append(ChecklistError(file: raw.file, line: raw.line, message: "extends 指向不存在的清单“\(parentID)”"))
            } else if let parent = resolve(
                parentID, raws: raws, failed: failed, resolved: &resolved, stack: &stack, errors: &errors)
            {
                items = parent.items
            }
        }
        let inherited = Set(items.map(\.id))
        for dropped in checklist.drop ?? [] where !inherited.contains(dropped) {
            errors.append(ChecklistError(
                file: raw.file, line: raw.dropLines[dropped], message: "drop 的条目“\(dropped)”不在所继承的清单中"))
        }
        let dropped = Set(checklist.drop ?? [])
        items.removeAll { dropped.contains($0.id) }
        for change in checklist.overrides ?? [] {
            guard let index = items.firstIndex(where: { $0.id == change.id }) else {
                errors.append(ChecklistError(
                    file: raw.file, line: raw.overrideLines[change.id],
                    message: "overrides 的条目“\(change.id)”不在所继承的清单中（或已被 drop）"))
                continue
            }
            if let v = change.severity { items[index].severity = v }
            if let v = change.stage { items[index].stage = v }
            if let v = change.documents { items[index].documents = v }
            if let v = change.condition { items[index].condition = v }
            if let v = change.rule { items[index].rule = v }
        }
        for var item in checklist.items {
            if item.basis.regulation == nil { item.basis.regulation = checklist.regulation }
            if let index = items.firstIndex(where: { $0.id == item.id }) {
                items[index] = item
            } else {
                items.append(item)
            }
        }
        checklist.items = items
        resolved[id] = checklist
        return checklist
    }
}
