import Foundation

/// The checks decoding cannot make: references into the catalogue, rule parameters, regular expressions, facts
/// and comparisons, and quotes against the regulation text.
struct ChecklistValidator {
    let catalogue: Catalogue
    let catalogueLines: [String: Int]
    let directory: URL

    static let numericFacts: Set<FactKey> = [
        .totalInvestment, .freeMaintenanceYears, .serviceTermYears, .trialRunMonths, .adjustmentPercent,
        .constructionMonths, .softwareInvestment, .adjustmentAmount, .previousPerformanceScore,
    ]
    static let booleanFacts: Set<FactKey> = [.crossDepartment, .softwareDevelopment, .purchasedService]
    /// String facts and the values they take.
    static let textFacts: [FactKey: Set<String>] = [
        .projectType: ["construction", "om"], .buildNature: ["new", "continued", "renovation"],
    ]

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

    func validate(_ raw: RawChecklist, prefixes: [String]) -> [ChecklistError] {
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
            func add(_ message: String, at key: String? = nil) {
                errors.append(ChecklistError(
                    file: raw.file, line: raw.line(of: item.id, key: key), message: "条目“\(item.id)”：\(message)"))
            }
            if !seen.insert(item.id).inserted {
                let lines = raw.duplicateLines[item.id] ?? []
                errors.append(ChecklistError(
                    file: raw.file, line: lines.first ?? raw.itemLines[item.id], message: "条目“\(item.id)”：id 重复"))
            }
            if !prefixes.contains(where: { item.id.hasPrefix("\($0)-") }) {
                add("id 应以辖区 id 开头（“\(checklist.id)-…”）", at: "id")
            }
            for (i, kind) in item.documents.enumerated() where !kindIDs.contains(kind) {
                add("documents 中的文件类型“\(kind)”不在目录（catalogue）中", at: "documents[\(i)]")
            }
            for (key, problem) in ruleProblems(item.rule, path: "rule") { add(problem, at: key) }
            if let condition = item.condition {
                if condition.description?.isEmpty ?? true { add("condition 缺少 description（报告中说明适用条件的中文）", at: "condition") }
                for (key, problem) in conditionProblems(condition, path: "condition") { add(problem, at: key) }
            }
            if item.basis.quote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("basis.quote 不能为空", at: "basis.quote") }
            if item.basis.article.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("basis.article 不能为空", at: "basis.article") }
        }
        for change in checklist.overrides ?? [] {
            let line = raw.overrideLines[change.id]
            func add(_ message: String) {
                errors.append(ChecklistError(file: raw.file, line: line, message: "overrides 条目“\(change.id)”：\(message)"))
            }
            for kind in change.documents ?? [] where !kindIDs.contains(kind) { add("documents 中的文件类型“\(kind)”不在目录中") }
            if let rule = change.rule { for (_, problem) in ruleProblems(rule, path: "rule") { add(problem) } }
            if let condition = change.condition {
                if condition.description?.isEmpty ?? true { add("condition 缺少 description") }
                for (_, problem) in conditionProblems(condition, path: "condition") { add(problem) }
            }
        }
        if checklist.extends == nil, !(checklist.drop ?? []).isEmpty || !(checklist.overrides ?? []).isEmpty {
            errors.append(ChecklistError(file: raw.file, line: raw.line, message: "没有 extends 时不能使用 drop 或 overrides"))
        }
        return errors
    }

    /// Problems of a rule's parameters, each with the key path it sits at.
    func ruleProblems(_ rule: Rule, path: String) -> [(String, String)] {
        RuleParameters(catalogue: catalogue).problems(rule, path: path)
    }

    func conditionProblems(_ condition: Condition, path: String) -> [(String, String)] {
        var problems: [(String, String)] = []
        func add(_ key: String, _ message: String) { problems.append(("\(path).\(key)", message)) }
        let hasChildren = !(condition.all ?? []).isEmpty || !(condition.any ?? []).isEmpty
        if let fact = condition.fact {
            guard let op = condition.op else { return [(path, "条件缺少 op（比较符）")] }
            guard let value = condition.value else { return [(path, "条件缺少 value")] }
            switch value {
            case .number:
                if !Self.numericFacts.contains(fact) { add("value", "事实“\(fact.rawValue)”不是数值，不能与数字比较") }
            case .bool:
                if !Self.booleanFacts.contains(fact) { add("value", "事实“\(fact.rawValue)”不是是/否，不能与 true/false 比较") }
                if op != .equal { add("op", "是/否事实只能用 == 比较") }
            case .text(let text):
                if let allowed = Self.textFacts[fact] {
                    if !allowed.contains(text) {
                        add("value", "\(fact.rawValue) 的取值应为 \(allowed.sorted().joined(separator: "、"))，而非“\(text)”")
                    }
                } else {
                    add("value", "事实“\(fact.rawValue)”不能与文字“\(text)”比较")
                }
                if op != .equal { add("op", "文字事实只能用 == 比较") }
            }
        } else if let says = condition.says {
            if says.filter({ !$0.isEmpty }).isEmpty { add("says", "says 不能为空") }
            if let id = condition.section, !sectionIDs.contains(id) { add("section", "章节“\(id)”不在目录（catalogue）中") }
        } else {
            if condition.op != nil || condition.value != nil { problems.append((path, "条件有 op/value 但缺少 fact")) }
            if !hasChildren { problems.append((path, "条件为空：需要 fact/op/value、says 或 all/any")) }
        }
        if condition.section != nil, condition.says == nil { add("section", "section 只能与 says 一起使用") }
        for (i, child) in (condition.all ?? []).enumerated() { problems += conditionProblems(child, path: "\(path).all[\(i)]") }
        for (i, child) in (condition.any ?? []).enumerated() { problems += conditionProblems(child, path: "\(path).any[\(i)]") }
        return problems
    }

    /// Checks each quote of the file's own items against its regulation's text, whitespace removed on both sides.
    func verifyQuotes(_ raw: RawChecklist) -> ([ChecklistError], [String]) {
        var texts: [String] = []
        var notes: [String] = []
        for source in raw.checklist.regulation.allSources {
            guard let url = Self.resolveSource(source, directory: directory) else {
                notes.append("\(raw.file)：未找到 shared/ 目录，未核对引文（\(source)）")
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
            else {
                return ([ChecklistError(file: raw.file, line: raw.regulationLine, message: "无法读取规定原文 regulation.source：\(source)")], [])
            }
            texts.append(Self.withoutWhitespace(text))
        }
        guard !texts.isEmpty else { return ([], notes) }
        let shown = raw.checklist.regulation.allSources.joined(separator: "、")
        var errors: [ChecklistError] = []
        for item in raw.checklist.items {
            let quote = Self.withoutWhitespace(item.basis.quote)
            if !quote.isEmpty, !texts.contains(where: { $0.contains(quote) }) {
                errors.append(ChecklistError(
                    file: raw.file, line: raw.line(of: item.id, key: "basis.quote"),
                    message: "条目“\(item.id)”：basis.quote 在规定原文（\(shown)）中找不到：\(item.basis.quote)"))
            }
        }
        return (errors, notes)
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
        RegexDiagnosis.problem(pattern)
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
    }
}
