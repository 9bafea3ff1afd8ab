import Checklists
import Foundation
import DocumentModel
import Sections

/// `must-not`: the project must not say it will do something a regulation forbids (新建数据中心, 新建机房, 新建App).
/// A mention the document negates in the same clause (不新建机房, 严禁自建机房, 不得由实施单位垫资建设) states
/// compliance, not intent.
extension RequirementEvaluator {
    static let negations = ["不", "无需", "无须", "禁止", "严禁", "不得", "避免", "杜绝", "未", "取消", "停止"]
    /// A negation governs the rest of its clause: 不得由实施单位垫资建设.
    static let clauseBreaks: Set<Character> = ["，", ",", "。", "；", ";", "：", ":", "！", "!", "？", "?"]

    func evaluateMustNot(_ rule: Rule, scope: [IndexedDocument]) -> RuleOutcome {
        let terms = (rule.terms ?? []).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        let whole = WholeTerms(compounds: catalogue.compounds)
        let section = rule.section.flatMap { catalogue.section($0) }
        for doc in scope {
            var range: Range<Int>?
            if let section {
                let match = locator.locate(section, in: doc)
                guard let body = body(of: match, in: doc) else { continue }
                range = body
            }
            let quiet = locator.roles(of: doc).quiet
            for i in contentIndices(of: doc, in: range) where !quiet[i] {
                let key = doc.keys[i]
                for term in whole.all(of: terms, in: key) where Self.affirmed(term, in: key) {
                    return RuleOutcome(
                        status: .missing, reasons: ["正文写有「\(term)」（\(doc.path)），属于规定不得建设的内容"],
                        evidence: [doc.evidence(block: i)])
                }
            }
        }
        let place = section.map { "「\($0.definition.name)」中" } ?? "正文中"
        return RuleOutcome(
            status: .met,
            reasons: ["\(place)未见\((rule.terms ?? []).map { "「\($0)」" }.joined(separator: "、"))等规定不得建设的内容"],
            evidence: [])
    }

    /// Whether some occurrence of the term in the text is not negated earlier in its clause.
    static func affirmed(_ term: String, in text: String) -> Bool {
        var searchStart = text.startIndex
        while let found = text.range(of: term, range: searchStart..<text.endIndex) {
            let clause = text[..<found.lowerBound].reversed().prefix { !clauseBreaks.contains($0) }
            let before = String(clause.reversed())
            if !negations.contains(where: { before.contains($0) }) { return true }
            searchStart = found.upperBound
        }
        return false
    }
}
