import Checklists
import DocumentModel
import Foundation

/// Regular expressions compiled once per checker, and normalised synonym lists. Immutable after init, so one
/// instance serves concurrent checks.
package final class CompiledCatalogue: @unchecked Sendable {
    package let catalogue: Catalogue
    package let sections: [CompiledSection]
    package let placeholderKeys: [String]
    package let guidance: [NSRegularExpression]
    package let compounds: [String]
    package let roles: CompiledRoles
    package let contents: [String: CompiledContent]
    package let kinds: [CompiledKind]
    /// Sections that argue for the project (必要性, 现状, 需求); other topics named inside them are not sections.
    package let argumentSections: [CompiledSection]
    /// Sections that lay out the project's phases (实施进度); headings inside them are steps.
    package let phaseSections: [CompiledSection]

    package init(_ catalogue: Catalogue) {
        self.catalogue = catalogue
        let contents = Dictionary(
            (catalogue.contents ?? []).map { ($0.id, CompiledContent($0)) }, uniquingKeysWith: { a, _ in a })
        self.contents = contents
        sections = catalogue.sections.map { CompiledSection($0, contents: contents) }
        placeholderKeys = catalogue.placeholders.map(TextNormalizer.matchKey).filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
        guidance = (catalogue.guidance ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        compounds = (catalogue.compounds ?? []).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        roles = CompiledRoles(catalogue.roles)
        kinds = catalogue.documentKinds.map(CompiledKind.init)
        let argumentIDs = Set(catalogue.roles?.argumentSections ?? [])
        argumentSections = sections.filter { argumentIDs.contains($0.definition.id) }
        let phaseIDs = Set(catalogue.roles?.phaseSections ?? [])
        phaseSections = sections.filter { phaseIDs.contains($0.definition.id) }
    }

    package func section(_ id: String) -> CompiledSection? { sections.first { $0.definition.id == id } }
    package func kind(_ id: String) -> CompiledKind? { kinds.first { $0.definition.id == id } }
}

/// A named kind of content (金额, 安全保护等级 …) as compiled patterns.
package struct CompiledContent: @unchecked Sendable {
    package let id: String
    package let name: String
    package let regexes: [NSRegularExpression]

    init(_ definition: ContentDefinition) {
        id = definition.id
        name = definition.name
        regexes = definition.patterns.compactMap { try? NSRegularExpression(pattern: $0) }
    }

    /// The first match in normalised text, if any.
    package func firstMatch(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        for regex in regexes {
            if let match = regex.firstMatch(in: text, range: range), let r = Range(match.range, in: text) {
                return String(text[r])
            }
        }
        return nil
    }
}

/// The catalogue's heading-role rules, normalised and compiled.
package struct CompiledRoles: @unchecked Sendable {
    let frontMatter: [NSRegularExpression]
    let appendix: [NSRegularExpression]
    let designContainers: [String]
    let featureSuffixes: [String]
    let projectMarkers: [String]
    let capabilityWords: [String]
    let notMentionSections: [NSRegularExpression]

    init(_ rules: HeadingRoleRules?) {
        func regexes(_ patterns: [String]?) -> [NSRegularExpression] {
            (patterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        }
        func keys(_ words: [String]?) -> [String] { (words ?? []).map(TextNormalizer.matchKey).filter { !$0.isEmpty } }
        frontMatter = regexes(rules?.frontMatter)
        appendix = regexes(rules?.appendix)
        designContainers = keys(rules?.designContainers)
        featureSuffixes = keys(rules?.featureSuffixes)
        projectMarkers = keys(rules?.projectMarkers)
        capabilityWords = keys(rules?.capabilityWords)
        notMentionSections = regexes(rules?.notMentionSections)
    }
}

package final class CompiledSection: @unchecked Sendable {
    package let definition: SectionDefinition
    /// Name and synonyms, normalised.
    package let nameKeys: [String]
    let headingRegexes: [NSRegularExpression]
    let excludeRegexes: [NSRegularExpression]
    package let mentionKeys: [String]
    package let subElements: [(name: String, keys: [String])]
    let evidenceTerms: [String]
    let evidenceColumns: [String]
    /// Contents a requirement on this section needs before it is met.
    package let requires: [CompiledContent]

    init(_ definition: SectionDefinition, contents: [String: CompiledContent]) {
        self.definition = definition
        nameKeys = ([definition.name] + definition.synonyms).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        headingRegexes = (definition.headingPatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        excludeRegexes = (definition.excludePatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        mentionKeys = (definition.mentionPatterns ?? ([definition.name] + definition.synonyms))
            .map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        subElements = (definition.subElements ?? []).map {
            ($0.name, $0.patterns.map(TextNormalizer.matchKey).filter { !$0.isEmpty })
        }
        evidenceTerms = (definition.evidence?.terms ?? []).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        evidenceColumns = (definition.evidence?.columns ?? []).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        requires = (definition.requires ?? []).compactMap { contents[$0] }
    }

    /// How closely a matching title names the section: 0 when it is a name, 1 when it starts with one, 2 when it
    /// contains one, 3 when only a heading pattern matches. Used to pick the best of several headings.
    func closeness(title: String) -> Int {
        if nameKeys.contains(title) { return 0 }
        if nameKeys.contains(where: { title.hasPrefix($0) }) { return 1 }
        if nameKeys.contains(where: { title.has($0) }) { return 2 }
        return 3
    }

    /// Whether a normalised heading title names this section. `exact` asks for the whole title to be a name
    /// (table cells, where a substring would catch budget lines such as 密码应用改造费).
    package func matches(title: String, exact: Bool = false) -> Bool {
        guard !title.isEmpty else { return false }
        let named: Bool
        if exact {
            named = nameKeys.contains(title)
        } else {
            named = nameKeys.contains(where: { title.has($0) }) || headingRegexes.contains { $0.matches(title) }
        }
        // Exclusions are tried last: most titles name no section at all.
        return named && !excludeRegexes.contains(where: { $0.matches(title) })
    }
}

package final class CompiledKind: @unchecked Sendable {
    package let definition: DocumentKindDefinition
    package let nameKeys: [String]
    package let filenameRegexes: [NSRegularExpression]
    package let titleRegexes: [NSRegularExpression]

    init(_ definition: DocumentKindDefinition) {
        self.definition = definition
        nameKeys = ([definition.name] + definition.synonyms).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        filenameRegexes = (definition.filenamePatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        titleRegexes = (definition.titlePatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
    }
}
