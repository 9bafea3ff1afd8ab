import Foundation

/// The checks decoding cannot make: references into the catalogue, rule parameters, regular expressions, facts
/// and comparisons, and quotes against the regulation text.
struct ChecklistValidator {
    let catalogue: Catalogue
    let catalogueLines: [String: Int]
    let directory: URL

    static let numericFacts: Set<FactKey> = [
        .totalInvestment, .freeMaintenanceYears, .serviceTermYears, .trialRunMonths, .adjustmentPercent,
    ]
    static let booleanFacts: Set<FactKey> = [.crossDepartment, .softwareDevelopment, .purchasedService]
    static let projectTypes: Set<String> = ["construction", "om"]

    var sectionIDs: Set<String> { Set(catalogue.sections.map(\.id)) }
    var kindIDs: Set<String> { Set(catalogue.documentKinds.map(\.id)) }
    var contentIDs: Set<String> { Set((catalogue.contents ?? []).map(\.id)) }

    func validateCatalogue(file: String) -> [ChecklistError] {
        var errors: [ChecklistError] = []
        var seen: Set<String> = []
        for section in catalogue.sections {
            let line = catalogueLines["section:\(section.id)"]
            if !seen.insert(section.id).inserted {
                errors.append(ChecklistError(file: file, line: line, message: "章节 id “\(section.id)”重复"))
            }
            for pattern in (section.headingPatterns ?? []) + (section.excludePatterns ?? []) {
                if let problem = Self.regexProblem(pattern) {
                    errors.append(ChecklistError(
                        file: file, line: line, message: "章节“\(section.id)”的正则表达式“\(pattern)”无法编译：\(problem)"))
                }
            }
            for id in section.requires ?? [] where !contentIDs.contains(id) {
                errors.append(ChecklistError(file: file, line: line, message: "章节“\(section.id)”的 requires 引用了未定义的内容“\(id)”"))
            }
            var subNames: Set<String> = []
            for sub in section.subElements ?? [] {
                if !subNames.insert(sub.name).inserted {
                    errors.append(ChecklistError(file: file, line: line, message: "章节“\(section.id)”的要素“\(sub.name)”重复"))
                }
                if sub.patterns.isEmpty {
                    errors.append(ChecklistError(file: file, line: line, message: "章节“\(section.id)”的要素“\(sub.name)”没有 patterns"))
                }
            }
        }
        let roles = catalogue.roles
        let patterns = (catalogue.guidance ?? []) + (catalogue.contents ?? []).flatMap(\.patterns)
            + (roles?.frontMatter ?? []) + (roles?.appendix ?? []) + (roles?.notMentionSections ?? [])
        for pattern in patterns {
            if let problem = Self.regexProblem(pattern) {
                errors.append(ChecklistError(file: file, line: nil, message: "正则表达式“\(pattern)”无法编译：\(problem)"))
            }
        }
        seen = []
        for kind in catalogue.documentKinds {
            let line = catalogueLines["kind:\(kind.id)"]
            if !seen.insert(kind.id).inserted {
                errors.append(ChecklistError(file: file, line: line, message: "文件类型 id “\(kind.id)”重复"))
            }
            if kind.id == "unknown" {
                errors.append(ChecklistError(file: file, line: line, message: "文件类型 id “unknown”为保留值"))
            }
            for pattern in (kind.filenamePatterns ?? []) + (kind.titlePatterns ?? []) {
                if let problem = Self.regexProblem(pattern) {
                    errors.append(ChecklistError(
                        file: file, line: line, message: "文件类型“\(kind.id)”的正则表达式“\(pattern)”无法编译：\(problem)"))
                }
            }
        }
        return errors
    }

    func validate(_ raw: RawChecklist) -> [ChecklistError] {
        var errors: [ChecklistError] = []
        let checklist = raw.checklist
        let regulation = checklist.regulation
        for (name, value) in [("issued", regulation.issued), ("effective", regulation.effective), ("expires", regulation.expires)] {
            if let value, !Self.isISODate(value) {
                errors.append(ChecklistError(
                    file: raw.file, line: raw.regulationLine, message: "regulation.\(name) 应为 yyyy-mm-dd 格式的日期：\(value)"))
            }
        }
        var seen: Set<String> = []
        for item in checklist.items {
            let line = raw.itemLines[item.id]
            func add(_ message: String) { errors.append(ChecklistError(file: raw.file, line: line, message: "条目“\(item.id)”：\(message)")) }
            if !seen.insert(item.id).inserted { add("id 重复") }
            for kind in item.documents where !kindIDs.contains(kind) { add("documents 中的文件类型“\(kind)”不在目录（catalogue）中") }
            for problem in ruleProblems(item.rule) { add(problem) }
            if let condition = item.condition { for problem in conditionProblems(condition) { add(problem) } }
            if item.basis.quote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("basis.quote 不能为空") }
            if item.basis.article.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("basis.article 不能为空") }
        }
        for change in checklist.overrides ?? [] {
            let line = raw.overrideLines[change.id]
            func add(_ message: String) {
                errors.append(ChecklistError(file: raw.file, line: line, message: "overrides 条目“\(change.id)”：\(message)"))
            }
            for kind in change.documents ?? [] where !kindIDs.contains(kind) { add("documents 中的文件类型“\(kind)”不在目录中") }
            if let rule = change.rule { for problem in ruleProblems(rule) { add(problem) } }
            if let condition = change.condition { for problem in conditionProblems(condition) { add(problem) } }
        }
        if checklist.extends == nil, !(checklist.drop ?? []).isEmpty || !(checklist.overrides ?? []).isEmpty {
            errors.append(ChecklistError(file: raw.file, line: raw.line, message: "没有 extends 时不能使用 drop 或 overrides"))
        }
        return errors
    }

    func ruleProblems(_ rule: Rule) -> [String] {
        var problems: [String] = []
        switch rule.kind {
        case .section:
            guard let id = rule.section else { return ["section 规则缺少 section 参数"] }
            guard let section = catalogue.sections.first(where: { $0.id == id }) else {
                return ["章节“\(id)”不在目录（catalogue）中"]
            }
            let known = Set((section.subElements ?? []).map(\.name))
            for name in rule.subElements ?? [] where !known.contains(name) {
                problems.append("章节“\(id)”没有名为“\(name)”的要素（subElements）")
            }
            if rule.requireSubElements == true, known.isEmpty {
                problems.append("requireSubElements 为 true，但章节“\(id)”在目录中没有要素")
            }
        case .document:
            let kinds = rule.documentKinds ?? []
            if kinds.isEmpty { problems.append("document 规则缺少 documentKinds 参数") }
            for kind in kinds where !kindIDs.contains(kind) { problems.append("文件类型“\(kind)”不在目录中") }
        case .figure:
            if let fact = rule.fact {
                if !Self.numericFacts.contains(fact) { problems.append("figure 规则只能比较数值事实，“\(fact.rawValue)”不是数值") }
            } else {
                problems.append("figure 规则缺少 fact 参数")
            }
            if rule.op == nil { problems.append("figure 规则缺少 op 参数") }
            if rule.value == nil { problems.append("figure 规则缺少 value 参数") }
        case .mention:
            if (rule.terms ?? []).filter({ !$0.isEmpty }).isEmpty { problems.append("mention 规则缺少 terms 参数") }
            for id in rule.requires ?? [] where !contentIDs.contains(id) {
                problems.append("requires 引用了目录中未定义的内容“\(id)”")
            }
        case .all, .any:
            let children = rule.rules ?? []
            if children.isEmpty { problems.append("\(rule.kind.rawValue) 规则缺少 rules 参数") }
            for child in children { problems += ruleProblems(child) }
        }
        return problems
    }

    func conditionProblems(_ condition: Condition) -> [String] {
        var problems: [String] = []
        let hasChildren = !(condition.all ?? []).isEmpty || !(condition.any ?? []).isEmpty
        if let fact = condition.fact {
            guard let op = condition.op else { return ["条件缺少 op（比较符）"] }
            guard let value = condition.value else { return ["条件缺少 value"] }
            switch value {
            case .number:
                if !Self.numericFacts.contains(fact) { problems.append("事实“\(fact.rawValue)”不是数值，不能与数字比较") }
            case .bool:
                if !Self.booleanFacts.contains(fact) { problems.append("事实“\(fact.rawValue)”不是是/否，不能与 true/false 比较") }
                if op != .equal { problems.append("是/否事实只能用 == 比较") }
            case .text(let text):
                if fact != .projectType {
                    problems.append("事实“\(fact.rawValue)”不能与文字“\(text)”比较")
                } else if !Self.projectTypes.contains(text) {
                    problems.append("project-type 的取值应为 construction 或 om，而非“\(text)”")
                }
                if op != .equal { problems.append("文字事实只能用 == 比较") }
            }
        } else {
            if condition.op != nil || condition.value != nil { problems.append("条件有 op/value 但缺少 fact") }
            if !hasChildren { problems.append("条件为空：需要 fact/op/value 或 all/any") }
        }
        for child in (condition.all ?? []) + (condition.any ?? []) { problems += conditionProblems(child) }
        return problems
    }

    /// Checks each quote of the file's own items against its regulation's text, whitespace removed on both sides.
    func verifyQuotes(_ raw: RawChecklist) -> ([ChecklistError], [String]) {
        let source = raw.checklist.regulation.source
        guard let url = Self.resolveSource(source, directory: directory) else {
            return ([], ["\(raw.file)：未找到 shared/ 目录，未核对引文（\(source)）"])
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
        else {
            return ([ChecklistError(file: raw.file, line: raw.regulationLine, message: "无法读取规定原文 regulation.source：\(source)")], [])
        }
        let haystack = Self.withoutWhitespace(text)
        var errors: [ChecklistError] = []
        for item in raw.checklist.items {
            let quote = Self.withoutWhitespace(item.basis.quote)
            if !quote.isEmpty, !haystack.contains(quote) {
                errors.append(ChecklistError(
                    file: raw.file, line: raw.itemLines[item.id],
                    message: "条目“\(item.id)”：basis.quote 在规定原文（\(source)）中找不到：\(item.basis.quote)"))
            }
        }
        return (errors, [])
    }

    /// `shared:<path>` is relative to the `shared/` folder beside the checkout (looked for upwards from the
    /// checklist folder); anything else is relative to the checklist folder. Nil when `shared/` is absent.
    static func resolveSource(_ source: String, directory: URL) -> URL? {
        guard source.hasPrefix("shared:") else { return directory.appendingPathComponent(source) }
        let relative = String(source.dropFirst("shared:".count))
        var current = directory.standardizedFileURL.deletingLastPathComponent()
        while current.path != "/" && !current.path.isEmpty {
            let candidate = current.appendingPathComponent("shared")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate.appendingPathComponent(relative)
            }
            current = current.deletingLastPathComponent()
        }
        return nil
    }

    static func withoutWhitespace(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace && $0 != "\u{3000}" && $0 != "\u{FEFF}" })
    }

    static func regexProblem(_ pattern: String) -> String? {
        do {
            _ = try NSRegularExpression(pattern: pattern)
            return nil
        } catch {
            return "\(error.localizedDescription)"
        }
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }
}
