/// Checks each rule kind's parameters at load time: the ones it needs are there, the ones it does not take are
/// absent, and every reference resolves in the catalogue. Problems come with the key path they sit at.
struct RuleParameters {
    let catalogue: Catalogue

    /// Parameters each kind may carry (besides `kind`).
    static let allowed: [RuleKind: Set<String>] = [
        .section: ["section", "subElements", "requireSubElements", "elements"],
        .document: ["documentKinds"],
        .figure: ["fact", "op", "value"],
        .mention: ["terms", "requires"],
        .all: ["rules"],
        .any: ["rules"],
        .mustNot: ["terms", "section"],
        .substance: ["section", "minimumCharacters"],
        .order: ["sections"],
        .table: ["section", "columns", "minimumRows", "totals"],
    ]

    func problems(_ rule: Rule, path: String) -> [(String, String)] {
        var problems: [(String, String)] = []
        func add(_ key: String, _ message: String) { problems.append(("\(path).\(key)", message)) }
        let given = Self.given(rule)
        for key in given.subtracting(Self.allowed[rule.kind] ?? []).sorted() {
            add(key, "\(rule.kind.rawValue) 规则不接受参数 \(key)（可用：\((Self.allowed[rule.kind] ?? []).sorted().joined(separator: ", "))）")
        }
        switch rule.kind {
        case .section: problems += sectionProblems(rule, path: path)
        case .document:
            let kinds = rule.documentKinds ?? []
            if kinds.isEmpty { add("kind", "document 规则缺少 documentKinds 参数") }
            let known = Set(catalogue.documentKinds.map(\.id))
            for (i, kind) in kinds.enumerated() where !known.contains(kind) { add("documentKinds[\(i)]", "文件类型“\(kind)”不在目录中") }
        case .figure:
            if let fact = rule.fact {
                if !ChecklistValidator.numericFacts.contains(fact) { add("fact", "figure 规则只能比较数值事实，“\(fact.rawValue)”不是数值") }
            } else {
                add("kind", "figure 规则缺少 fact 参数")
            }
            if rule.op == nil { add("kind", "figure 规则缺少 op 参数") }
            if rule.value == nil { add("kind", "figure 规则缺少 value 参数") }
        case .mention:
            if (rule.terms ?? []).filter({ !$0.isEmpty }).isEmpty { add("kind", "mention 规则缺少 terms 参数") }
            let known = Set((catalogue.contents ?? []).map(\.id))
            for (i, id) in (rule.requires ?? []).enumerated() where !known.contains(id) {
                add("requires[\(i)]", "requires 引用了目录中未定义的内容“\(id)”")
            }
        case .all, .any:
            let children = rule.rules ?? []
            if children.isEmpty { add("kind", "\(rule.kind.rawValue) 规则缺少 rules 参数") }
            for (i, child) in children.enumerated() { problems += self.problems(child, path: "\(path).rules[\(i)]") }
        case .mustNot:
            if (rule.terms ?? []).filter({ !$0.isEmpty }).isEmpty { add("kind", "must-not 规则缺少 terms 参数（不得出现的说法）") }
            problems += sectionReference(rule.section, path: path, required: false)
        case .substance:
            problems += sectionReference(rule.section, path: path, required: true)
            if (rule.minimumCharacters ?? 0) <= 0 { add("kind", "substance 规则缺少正整数 minimumCharacters 参数") }
        case .order:
            let ids = rule.sections ?? []
            if ids.count < 2 { add("kind", "order 规则的 sections 至少需要两个章节") }
            let known = Set(catalogue.sections.map(\.id))
            for (i, id) in ids.enumerated() where !known.contains(id) { add("sections[\(i)]", "章节“\(id)”不在目录（catalogue）中") }
            if Set(ids).count != ids.count { add("sections", "sections 中有重复的章节") }
        case .table:
            problems += sectionReference(rule.section, path: path, required: false)
            if (rule.columns ?? []).isEmpty && rule.minimumRows == nil && rule.totals != true {
                add("kind", "table 规则至少需要 columns、minimumRows 或 totals 之一")
            }
            if let rows = rule.minimumRows, rows <= 0 { add("minimumRows", "minimumRows 应为正整数") }
        }
        return problems
    }

    private func sectionProblems(_ rule: Rule, path: String) -> [(String, String)] {
        var problems = sectionReference(rule.section, path: path, required: true)
        guard let id = rule.section, let section = catalogue.sections.first(where: { $0.id == id }) else { return problems }
        let known = Set((section.subElements ?? []).map(\.name))
        for (i, name) in (rule.subElements ?? []).enumerated() where !known.contains(name) {
            problems.append(("\(path).subElements[\(i)]", "章节“\(id)”没有名为“\(name)”的要素（subElements）；本条目特有的要素请写在 elements 中"))
        }
        if rule.requireSubElements == true, known.isEmpty {
            problems.append(("\(path).requireSubElements", "requireSubElements 为 true，但章节“\(id)”在目录中没有要素"))
        }
        var names: Set<String> = []
        for (i, element) in (rule.elements ?? []).enumerated() {
            if !names.insert(element.name).inserted { problems.append(("\(path).elements[\(i)]", "要素“\(element.name)”重复")) }
            if element.patterns.filter({ !$0.isEmpty }).isEmpty {
                problems.append(("\(path).elements[\(i)]", "要素“\(element.name)”没有 patterns"))
            }
        }
        return problems
    }

    private func sectionReference(_ id: String?, path: String, required: Bool) -> [(String, String)] {
        guard let id else { return required ? [("\(path).kind", "规则缺少 section 参数")] : [] }
        if catalogue.sections.contains(where: { $0.id == id }) { return [] }
        return [("\(path).section", "章节“\(id)”不在目录（catalogue）中")]
    }

    /// Names of the parameters a rule carries.
    static func given(_ rule: Rule) -> Set<String> {
        let pairs: [(String, Bool)] = [
            ("section", rule.section != nil), ("subElements", rule.subElements != nil),
            ("requireSubElements", rule.requireSubElements != nil), ("documentKinds", rule.documentKinds != nil),
            ("fact", rule.fact != nil), ("op", rule.op != nil), ("value", rule.value != nil),
            ("terms", rule.terms != nil), ("requires", rule.requires != nil), ("rules", rule.rules != nil),
            ("elements", rule.elements != nil), ("minimumCharacters", rule.minimumCharacters != nil),
            ("sections", rule.sections != nil), ("columns", rule.columns != nil),
            ("minimumRows", rule.minimumRows != nil), ("totals", rule.totals != nil),
        ]
        return Set(pairs.filter(\.1).map(\.0))
    }
}
