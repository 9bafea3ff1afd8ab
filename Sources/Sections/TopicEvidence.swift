import DocumentModel

/// What a candidate section's text shows of its topic, with the reasons a reviewer reads.
struct TopicCheck {
    var satisfied: Bool
    /// e.g. 正文提到 SM2、SM4、GB/T 39786 — or, when lacking, what was looked for.
    var reason: String?
}

/// The text of a candidate section gathered once: headings included (sub-elements and evidence are looked for in
/// the whole section, its heading too), tables' header rows apart.
struct SectionText {
    var text: String
    var headerRows: [String]

    /// Evidence of the section's topic in its regulatory sense, where the catalogue asks for some.
    func evidence(for section: CompiledSection, terms whole: WholeTerms) -> TopicCheck {
        guard let definition = section.definition.evidence else { return TopicCheck(satisfied: true, reason: nil) }
        let displays = Dictionary(
            (definition.terms ?? []).map { (TextNormalizer.matchKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        let foundTerms = whole.all(of: section.evidenceTerms, in: text)
        let columns = section.evidenceColumns.filter { column in
            headerRows.contains { $0.has(column) } || text.has(column)
        }
        let columnDisplays = Dictionary(
            (definition.columns ?? []).map { (TextNormalizer.matchKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        let termsNeeded = definition.minimumTerms ?? 1
        let columnsNeeded = definition.minimumColumns ?? 2
        if !section.evidenceTerms.isEmpty, foundTerms.count >= termsNeeded {
            let shown = foundTerms.prefix(5).map { displays[$0] ?? $0 }.joined(separator: "、")
            return TopicCheck(satisfied: true, reason: "正文提到\(shown)")
        }
        if !section.evidenceColumns.isEmpty, columns.count >= columnsNeeded {
            let shown = columns.prefix(6).map { columnDisplays[$0] ?? $0 }.joined(separator: "、")
            return TopicCheck(satisfied: true, reason: "列明\(shown)")
        }
        return TopicCheck(satisfied: false, reason: "正文未见\(definition.description)")
    }

    /// The contents a requirement on the section asks for: which are shown (with what) and which are not.
    func contents(_ required: [CompiledContent]) -> (found: [String], missing: [String]) {
        var found: [String] = []
        var missing: [String] = []
        for content in required {
            if let match = content.firstMatch(in: text) { found.append("\(content.name)（\(match)）") } else { missing.append(content.name) }
        }
        return (found, missing)
    }
}
