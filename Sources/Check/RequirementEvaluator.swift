import Checklists
import DocumentModel
import Foundation
import Sections

/// What a rule came to, before it becomes a finding.
struct RuleOutcome {
    var status: RequirementStatus
    var reasons: [String]
    var evidence: [Evidence]
}

/// Evaluates checklist items against a project's documents and facts.
final class RequirementEvaluator {
    let catalogue: CompiledCatalogue
    let documents: [IndexedDocument]
    let facts: [FactKey: Fact]
    let locator: SectionLocator

    init(catalogue: CompiledCatalogue, documents: [IndexedDocument], facts: [FactKey: Fact], locator: SectionLocator) {
        self.catalogue = catalogue
        self.documents = documents
        self.facts = facts
        self.locator = locator
    }

    func evaluate(_ item: ChecklistItem, regulation: Regulation) -> Finding {
        finding(item, regulation: regulation, outcome: outcome(of: item))
    }

    /// The item reported not-applicable without looking at the documents (none is a project document).
    func notApplicable(_ item: ChecklistItem, regulation: Regulation, why: String) -> Finding {
        finding(item, regulation: regulation, outcome: RuleOutcome(status: .notApplicable, reasons: ["不适用：\(why)"], evidence: []))
    }

    private func finding(_ item: ChecklistItem, regulation: Regulation, outcome: RuleOutcome) -> Finding {
        let basis = FindingBasis(
            regulation: Self.regulationDisplay(item.basis.regulation ?? regulation), article: item.basis.article + (item.basis.item ?? ""),
            quote: item.basis.quote)
        return Finding(
            requirement: item.id, title: item.title, stage: item.stage, status: outcome.status,
            severity: item.severity, reason: outcome.reasons.joined(separator: "；"), evidence: outcome.evidence,
            basis: basis)
    }

    static func regulationDisplay(_ regulation: Regulation) -> String {
        "《\(regulation.title)》" + (regulation.number.map { "（\($0)）" } ?? "")
    }

    private func outcome(of item: ChecklistItem) -> RuleOutcome {
        var notes: [String] = []
        if let condition = item.condition {
            let (holds, why) = self.holds(condition)
            switch holds {
            case false:
                return RuleOutcome(status: .notApplicable, reasons: ["不适用：\(why)"], evidence: conditionEvidence(condition))
            case nil:
                notes.append("未能确定适用条件（\(why)），按适用处理")
            case true:
                break
            }
        }

        // Where to look: the item's documents; all documents when none of them is part of the project. Tenders,
        // notices and blank templates are never where a project's content is looked for.
        let kinds = Set(item.documents)
        let projectDocuments = documents.filter { $0.nature == .project }
        let ofKinds = kinds.isEmpty ? projectDocuments : projectDocuments.filter { kinds.contains($0.kind) }
        var scope = ofKinds.filter(\.readable)
        if item.rule.kind != .document {
            if !ofKinds.isEmpty, scope.isEmpty {
                let list = ofKinds.map { "\($0.path)（\($0.document.error?.message ?? "无法读取")）" }.joined(separator: "、")
                return RuleOutcome(status: .notChecked, reasons: notes + ["应检查的文件无法读取：\(list)"], evidence: [])
            }
            if ofKinds.isEmpty {
                scope = projectDocuments.filter(\.readable)
                if usesDocuments(item.rule) {
                    notes.append("项目中未识别出\(kindNames(item.documents))，已在全部文件中查找")
                }
            }
        }
        var result = evaluate(item.rule, scope: scope)
        result.reasons = notes + result.reasons
        return result
    }

    private func usesDocuments(_ rule: Rule) -> Bool {
        switch rule.kind {
        case .section, .mention, .mustNot, .substance, .order, .table: return true
        case .document, .figure: return false
        case .all, .any: return (rule.rules ?? []).contains(where: usesDocuments)
        }
    }

    func kindNames(_ ids: [String]) -> String {
        ids.map { id in "《\(catalogue.kind(id)?.definition.name ?? id)》" }.joined(separator: "或")
    }

    func evaluate(_ rule: Rule, scope: [IndexedDocument]) -> RuleOutcome {
        switch rule.kind {
        case .section: return evaluateSection(rule, scope: scope)
        case .document: return evaluateDocument(rule)
        case .figure: return evaluateFigure(rule)
        case .mention: return evaluateMention(rule, scope: scope)
        case .mustNot: return evaluateMustNot(rule, scope: scope)
        case .substance: return evaluateSubstance(rule, scope: scope)
        case .order: return evaluateOrder(rule, scope: scope)
        case .table: return evaluateTable(rule, scope: scope)
        case .all, .any:
            let children = (rule.rules ?? []).map { evaluate($0, scope: scope) }
            let statuses = children.map(\.status)
            let status: RequirementStatus
            if rule.kind == .all {
                if statuses.allSatisfy({ $0 == .met }) { status = .met }
                else if statuses.allSatisfy({ $0 == .missing }) { status = .missing }
                else if statuses.allSatisfy({ $0 == .notChecked }) { status = .notChecked }
                else { status = .partial }
            } else {
                if statuses.contains(.met) { status = .met }
                else if statuses.contains(.partial) { status = .partial }
                else if !statuses.isEmpty, statuses.allSatisfy({ $0 == .notChecked }) { status = .notChecked }
                else { status = .missing }
            }
            var reasons = children.flatMap(\.reasons)
            if rule.kind == .any, status == .met { reasons = children.filter { $0.status == .met }.flatMap(\.reasons) }
            return RuleOutcome(status: status, reasons: reasons, evidence: children.flatMap(\.evidence))
        }
    }

    private func evaluateSection(_ rule: Rule, scope: [IndexedDocument]) -> RuleOutcome {
        guard let id = rule.section, let section = catalogue.section(id) else {
            return RuleOutcome(status: .notChecked, reasons: ["目录中没有章节“\(rule.section ?? "")”"], evidence: [])
        }
        let name = section.definition.name
        let required: [String] = rule.subElements ?? (rule.requireSubElements == true ? section.subElements.map(\.name) : [])
        let order = SectionStatus.allCases
        var best: (match: SectionMatch, doc: IndexedDocument)?
        for doc in scope {
            let match = locator.locate(section, in: doc)
            guard let current = best else { best = (match, doc); continue }
            let a = order.firstIndex(of: match.status)!, b = order.firstIndex(of: current.match.status)!
            if a < b { best = (match, doc); continue }
            // Among present ones, prefer the one that shows more of the required sub-elements.
            if a == b, match.status == .present,
                required.filter(match.subElementsMissing.contains).count
                    < required.filter(current.match.subElementsMissing.contains).count
            {
                best = (match, doc)
            }
        }
        guard let (match, doc) = best else {
            return RuleOutcome(status: .missing, reasons: ["项目中没有可检查的文件，未找到「\(name)」"], evidence: [])
        }
        let evidence = match.evidence.map { [$0] } ?? []
        let place = match.heading.map { "「\($0)」（\(doc.path)）" } ?? "（\(doc.path)）"
        switch match.status {
        case .present:
            let missing = required.filter(match.subElementsMissing.contains)
            let why = match.reasons.isEmpty ? "" : "（\(match.reasons.joined(separator: "；"))）"
            if !match.contentsMissing.isEmpty {
                var reason = "\(place)有「\(name)」章节\(why)，但未写明：\(match.contentsMissing.joined(separator: "、"))"
                if !missing.isEmpty { reason += "；缺少：\(missing.joined(separator: "、"))" }
                return RuleOutcome(status: .partial, reasons: [reason], evidence: evidence)
            }
            let shown = match.contentsFound.isEmpty ? "" : "，写明\(match.contentsFound.joined(separator: "、"))"
            if let attachment = match.attachment, missing.isEmpty {
                return RuleOutcome(
                    status: .met, reasons: ["「\(name)」见附件 \(attachment)（由\(place)引用）\(shown)"], evidence: evidence)
            }
            if !missing.isEmpty {
                let found = required.filter { !missing.contains($0) }
                var reason = "\(place)有「\(name)」章节，但缺少：\(missing.joined(separator: "、"))"
                if !found.isEmpty { reason += "（已有：\(found.joined(separator: "、"))）" }
                return RuleOutcome(status: .partial, reasons: [reason], evidence: evidence)
            }
            let elements = rule.elements ?? []
            let lacking = elements.isEmpty
                ? [] : missingElements(elements, place: SectionPlace(match: match, doc: doc, body: body(of: match, in: doc)))
            if !lacking.isEmpty {
                return RuleOutcome(
                    status: .partial, reasons: ["\(place)有「\(name)」章节，但未写明：\(lacking.joined(separator: "、"))"],
                    evidence: evidence)
            }
            var reason = "已有「\(name)」章节：\(place)\(why)\(shown)"
            let shownElements = required + elements.map(\.name)
            if !shownElements.isEmpty { reason += "，含\(shownElements.joined(separator: "、"))" }
            return RuleOutcome(status: .met, reasons: [reason], evidence: evidence)
        // A bare heading or a TOC line claims the section without giving it: nothing of the content is there, so
        // the requirement is missing (the reason says what was found). Text that only mentions it is partial.
        case .empty:
            let filler = match.placeholder.map { "（\($0)）" } ?? ""
            return RuleOutcome(
                status: .missing, reasons: ["「\(name)」章节\(place)只有标题，正文为占位内容\(filler)"], evidence: evidence)
        case .tocOnly:
            return RuleOutcome(
                status: .missing, reasons: ["「\(name)」只出现在目录中\(place)，正文中没有对应章节"], evidence: evidence)
        case .mentionOnly:
            let term = match.reasons.first.map { "：\($0)" } ?? ""
            return RuleOutcome(
                status: .partial, reasons: ["正文提及「\(name)」（\(doc.path)），但没有独立章节\(term)"], evidence: evidence)
        case .missing:
            let where_ = scope.count == 1 ? scope[0].path : "\(scope.count) 个文件"
            return RuleOutcome(status: .missing, reasons: ["在\(where_)中未找到「\(name)」章节或相关内容"], evidence: [])
        }
    }

    private func evaluateDocument(_ rule: Rule) -> RuleOutcome {
        let kinds = rule.documentKinds ?? []
        let found = documents.filter { kinds.contains($0.kind) }
        let names = kindNames(kinds)
        let readable = found.filter(\.readable)
        // A blank template, a tender or a notice of that kind is not the project's own document.
        let own = readable.filter { $0.nature == .project }
        if !own.isEmpty {
            return RuleOutcome(
                status: .met, reasons: ["已提交\(names)：\(own.map(\.path).joined(separator: "、"))"],
                evidence: own.prefix(3).map { $0.documentEvidence() })
        }
        if !readable.isEmpty {
            let list = readable.map { "\($0.path)（\($0.nature.chineseName)）" }.joined(separator: "、")
            return RuleOutcome(status: .missing, reasons: ["提交的\(names)不是本项目的文件：\(list)"],
                               evidence: readable.prefix(3).map { $0.documentEvidence() })
        }
        if !found.isEmpty {
            let list = found.map { "\($0.path)（\($0.document.error?.message ?? "无法读取")）" }.joined(separator: "、")
            return RuleOutcome(status: .notChecked, reasons: ["已提交\(names)，但无法读取：\(list)"], evidence: [])
        }
        return RuleOutcome(status: .missing, reasons: ["项目文件中没有\(names)"], evidence: [])
    }

    private func evaluateFigure(_ rule: Rule) -> RuleOutcome {
        guard let key = rule.fact, let op = rule.op, let required = rule.value else {
            return RuleOutcome(status: .notChecked, reasons: ["规则参数不完整"], evidence: [])
        }
        let name = FactExtractor.name(key)
        let requirement = "\(Self.symbol(op))\(FigureParser.format(required))\(FactExtractor.unit(key))"
        guard let fact = facts[key], case .number(let value) = fact.value else {
            return RuleOutcome(status: .partial, reasons: ["未找到\(name)，无法核对是否\(requirement)"], evidence: [])
        }
        let shown = FactExtractor.describe(fact.value, key: key)
        let evidence = [Self.evidence(of: fact)]
        if Self.compare(value, op, required) {
            return RuleOutcome(status: .met, reasons: ["\(name)为\(shown)，满足\(requirement)的要求"], evidence: evidence)
        }
        return RuleOutcome(status: .missing, reasons: ["\(name)为\(shown)，不满足\(requirement)的要求"], evidence: evidence)
    }

    /// Met by a whole term in the project's own prose (not a feature description, 编制依据 or 设计原则), standing
    /// with the contents the rule requires (an amount beside 运维经费); found without them, partial.
    private func evaluateMention(_ rule: Rule, scope: [IndexedDocument]) -> RuleOutcome {
        let terms = (rule.terms ?? []).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        let required = (rule.requires ?? []).compactMap { catalogue.contents[$0] }
        var partial: RuleOutcome?
        for doc in scope {
            guard let (i, term) = locator.mention(of: terms, in: doc) else { continue }
            let said = "正文提到「\(term)」（\(doc.path)）"
            guard !required.isEmpty else {
                return RuleOutcome(status: .met, reasons: [said], evidence: [doc.evidence(block: i)])
            }
            let context = locator.context(of: i, in: doc)
            let matches = required.map { $0.firstMatch(in: context) }
            let lacking = zip(required, matches).filter { $1 == nil }.map(\.0.name)
            if lacking.isEmpty {
                let found = zip(required, matches).map { "\($0.name)（\($1!)）" }
                return RuleOutcome(
                    status: .met, reasons: ["\(said)，并写明\(found.joined(separator: "、"))"], evidence: [doc.evidence(block: i)])
            }
            partial = partial ?? RuleOutcome(
                status: .partial, reasons: ["\(said)，但未写明\(lacking.joined(separator: "、"))"],
                evidence: [doc.evidence(block: i)])
        }
        if let partial { return partial }
        return RuleOutcome(
            status: .missing, reasons: ["正文中未提到\((rule.terms ?? []).map { "「\($0)」" }.joined(separator: "、"))中的任何一项"],
            evidence: [])
    }

    // MARK: - Conditions

    /// Whether a condition holds (nil when a fact it needs is unknown), and why, in Chinese.
    func holds(_ condition: Condition) -> (Bool?, String) {
        if condition.says != nil {
            let (value, why) = holdsStatement(condition)
            return (value, why)
        }
        let label = condition.description
        if let key = condition.fact, let op = condition.op, let expected = condition.value {
            let name = FactExtractor.name(key)
            let wanted = label ?? "\(name)\(Self.symbol(op))\(FactExtractor.describe(expected, key: key))"
            guard let fact = facts[key] else { return (nil, "未找到\(name)，条件为“\(wanted)”") }
            let actual = FactExtractor.describe(fact.value, key: key)
            let source = fact.source == "project.yaml" ? "project.yaml" : (fact.evidence?.document ?? "文件")
            let result: Bool?
            switch (fact.value, expected) {
            case (.number(let a), .number(let b)): result = Self.compare(a, op, b)
            case (.bool(let a), .bool(let b)): result = op == .equal ? a == b : nil
            case (.text(let a), .text(let b)): result = op == .equal ? a == b : nil
            default: result = nil
            }
            let verdict = result == true ? "满足" : "不满足"
            return (result, "条件“\(wanted)”\(verdict)（\(name)为\(actual)，来源：\(source)）")
        }
        var parts: [(Bool?, String)] = []
        if let all = condition.all, !all.isEmpty {
            let children = all.map(holds)
            let value: Bool? = children.contains { $0.0 == false } ? false : (children.contains { $0.0 == nil } ? nil : true)
            parts.append((value, children.map(\.1).joined(separator: "；")))
        }
        if let any = condition.any, !any.isEmpty {
            let children = any.map(holds)
            let value: Bool? = children.contains { $0.0 == true } ? true : (children.contains { $0.0 == nil } ? nil : false)
            parts.append((value, children.map(\.1).joined(separator: "；")))
        }
        guard !parts.isEmpty else { return (true, label ?? "") }
        let value: Bool? = parts.contains { $0.0 == false } ? false : (parts.contains { $0.0 == nil } ? nil : true)
        let why = parts.map(\.1).joined(separator: "；")
        return (value, label.map { "条件“\($0)”\(value == false ? "不满足" : "满足")：\(why)" } ?? why)
    }

    private func conditionEvidence(_ condition: Condition) -> [Evidence] {
        var keys: [FactKey] = []
        func collect(_ c: Condition) {
            if let k = c.fact, !keys.contains(k) { keys.append(k) }
            (c.all ?? []).forEach(collect)
            (c.any ?? []).forEach(collect)
        }
        collect(condition)
        return keys.compactMap { facts[$0] }.map(Self.evidence)
    }

    static func evidence(of fact: Fact) -> Evidence {
        if let evidence = fact.evidence { return evidence }
        return Evidence(
            document: "project.yaml", page: nil, heading: nil,
            excerpt: "\(FactExtractor.name(fact.key))：\(FactExtractor.describe(fact.value, key: fact.key))")
    }

    static func compare(_ a: Double, _ op: Comparison, _ b: Double) -> Bool {
        let epsilon = 1e-9
        switch op {
        case .atLeast: return a >= b - epsilon
        case .greaterThan: return a > b + epsilon
        case .atMost: return a <= b + epsilon
        case .lessThan: return a < b - epsilon
        case .equal: return abs(a - b) <= epsilon
        }
    }

    static func symbol(_ op: Comparison) -> String {
        switch op {
        case .atLeast: return "≥"
        case .greaterThan: return "＞"
        case .atMost: return "≤"
        case .lessThan: return "＜"
        case .equal: return "＝"
        }
    }
}
