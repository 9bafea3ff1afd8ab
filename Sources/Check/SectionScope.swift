import Checklists
import DocumentModel
import Sections

/// Where a section sits in a document, for rules that read its text or tables rather than its heading alone.
struct SectionPlace {
    var match: SectionMatch
    var doc: IndexedDocument
    /// Block indices of the heading's body with its subsections; nil when the section is not a body heading.
    var body: Range<Int>?
}

extension RequirementEvaluator {
    /// The section's best match over the scope: present before empty before toc-only, mention-only, missing.
    func bestPlace(of section: CompiledSection, in scope: [IndexedDocument]) -> SectionPlace? {
        let order = SectionStatus.allCases
        var best: SectionPlace?
        for doc in scope {
            let match = locator.locate(section, in: doc)
            if let current = best,
                order.firstIndex(of: match.status)! >= order.firstIndex(of: current.match.status)!
            {
                continue
            }
            best = SectionPlace(match: match, doc: doc, body: body(of: match, in: doc))
        }
        return best
    }

    /// The blocks under the matched heading, subsections included.
    func body(of match: SectionMatch, in doc: IndexedDocument) -> Range<Int>? {
        guard match.status == .present || match.status == .empty, let location = match.location else { return nil }
        return doc.tree.sections.first { $0.location == location }?.fullBody
    }

    /// Content block indices a rule reads: a section's body when given, else the whole document.
    func contentIndices(of doc: IndexedDocument, in range: Range<Int>?) -> [Int] {
        (range ?? doc.document.blocks.indices).filter { doc.isContent($0) }
    }
}
