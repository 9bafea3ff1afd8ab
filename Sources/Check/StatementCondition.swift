import Checklists
import DocumentModel
import Sections

/// A condition on what the documents say (`says`): an item that applies only when the project states something,
/// e.g. the 技术需求 chapter mentions 政务云. Unlike a fact, a statement is never unknown: the documents are there
/// to read, and a project that does not say it does not meet the condition.
extension RequirementEvaluator {
    func holdsStatement(_ condition: Condition) -> (Bool, String) {
        let terms = (condition.says ?? []).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        let label = condition.description ?? "文件提到" + (condition.says ?? []).joined(separator: "或")
        let section = condition.section.flatMap { catalogue.section($0) }
        let whole = WholeTerms(compounds: catalogue.compounds)
        for doc in documents where doc.nature == .project && doc.readable {
            if let section {
                let match = locator.locate(section, in: doc)
                guard let body = body(of: match, in: doc) else { continue }
                for i in contentIndices(of: doc, in: body) {
                    if let term = whole.first(of: terms, in: doc.keys[i]) {
                        return (true, "条件“\(label)”满足（「\(section.definition.name)」中写有「\(term)」，\(doc.path)）")
                    }
                }
            } else if let (_, term) = locator.mention(of: terms, in: doc) {
                return (true, "条件“\(label)”满足（正文写有「\(term)」，\(doc.path)）")
            }
        }
        let place = section.map { "「\($0.definition.name)」中" } ?? "文件中"
        return (false, "\(place)未提到\((condition.says ?? []).joined(separator: "、"))（条件为“\(label)”）")
    }
}
