import Checklists
import DocumentModel
import Sections

/// `order`: chapters a template fixes in sequence (建设背景 before 需求分析 before 建设方案) must keep it. Sections that
/// are absent are another rule's concern; only the order of those present is judged, in the document that has most.
extension RequirementEvaluator {
    func evaluateOrder(_ rule: Rule, scope: [IndexedDocument]) -> RuleOutcome {
        let sections = (rule.sections ?? []).compactMap { catalogue.section($0) }
        var best: (doc: IndexedDocument, found: [(name: String, index: Int)])?
        for doc in scope {
            let found = sections.compactMap { section -> (String, Int)? in
                let match = locator.locate(section, in: doc)
                guard match.status == .present || match.status == .empty, let location = match.location,
                    let index = doc.document.blocks.firstIndex(where: { $0.location == location })
                else { return nil }
                return (section.definition.name, index)
            }
            if found.count > (best?.found.count ?? 0) { best = (doc, found) }
        }
        guard let best, best.found.count >= 2 else {
            return RuleOutcome(status: .notChecked, reasons: ["规定顺序中的章节不足两个，无法核对章节顺序"], evidence: [])
        }
        let names = best.found.map { "「\($0.name)」" }.joined(separator: "→")
        for (a, b) in zip(best.found, best.found.dropFirst()) where a.index > b.index {
            return RuleOutcome(
                status: .partial,
                reasons: ["\(best.doc.path)中「\(b.name)」出现在「\(a.name)」之前，不符合规定的章节顺序（\(names)）"],
                evidence: [best.doc.evidence(block: b.index)])
        }
        return RuleOutcome(status: .met, reasons: ["\(best.doc.path)的章节顺序符合规定：\(names)"], evidence: [])
    }
}
