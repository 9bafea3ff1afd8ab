import Checklists
import DocumentModel
import Sections

/// `substance`: a section present by heading but written in a line or two is weak (内容过于简略): the rule asks for
/// a least number of characters of the section's own text, its subsections and tables included.
extension RequirementEvaluator {
    func evaluateSubstance(_ rule: Rule, scope: [IndexedDocument]) -> RuleOutcome {
        let sectionRule = Rule(kind: .section, section: rule.section)
        let located = evaluate(sectionRule, scope: scope)
        guard located.status == .met, let id = rule.section, let section = catalogue.section(id),
            let place = bestPlace(of: section, in: scope), let body = place.body
        else { return located }
        let minimum = rule.minimumCharacters ?? 0
        let count = contentIndices(of: place.doc, in: body)
            .filter { place.doc.document.blocks[$0].kind != .heading }
            .reduce(0) { $0 + Self.characters(place.doc.keys[$1]) }
        let name = section.definition.name
        let heading = place.match.heading.map { "「\($0)」" } ?? "「\(name)」"
        if count >= minimum {
            return RuleOutcome(
                status: .met, reasons: ["\(heading)（\(place.doc.path)）正文约\(count)字，不少于\(minimum)字"],
                evidence: located.evidence)
        }
        return RuleOutcome(
            status: .partial, reasons: ["\(heading)（\(place.doc.path)）内容过于简略：正文约\(count)字，少于\(minimum)字"],
            evidence: located.evidence)
    }

    /// Letters and digits: punctuation and table separators say nothing.
    static func characters(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1.isLetter || $1.isNumber ? 1 : 0) }
    }
}
