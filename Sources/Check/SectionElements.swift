import Checklists
import DocumentModel
import Sections

/// Sub-elements an item asks of a section (`elements`), beyond the catalogue's: a county can ask its 运维方案 for
/// 运维团队 and 应急响应 without editing the catalogue every other checklist reads. An element is shown by any of its
/// words in the section's text or its tables' header rows.
extension RequirementEvaluator {
    /// Names of the item's elements the section does not show.
    func missingElements(_ elements: [SubElement], place: SectionPlace) -> [String] {
        guard let body = place.body else {
            // Carried by an attachment or found without a body heading: the whole document is the section.
            return missing(elements, in: place.doc, indices: contentIndices(of: place.doc, in: nil))
        }
        return missing(elements, in: place.doc, indices: [body.lowerBound - 1] + contentIndices(of: place.doc, in: body))
    }

    private func missing(_ elements: [SubElement], in doc: IndexedDocument, indices: [Int]) -> [String] {
        let texts = indices.filter { doc.document.blocks.indices.contains($0) }.map { doc.keys[$0] }
        return elements.filter { element in
            let keys = element.patterns.map(TextNormalizer.matchKey).filter { !$0.isEmpty }
            return !texts.contains { text in keys.contains { text.contains($0) } }
        }.map(\.name)
    }
}
