import Checklists
import DocumentModel
import Foundation
import Structure
#if canImport(Glibc)
import Glibc
#endif

/// A document with everything matching needs computed once: normalised block text, the section tree, TOC keys,
/// file name and title keys. Checks never normalise the same text twice.
final class IndexedDocument {
    let document: Document
    let tree: SectionTree
    /// `TextNormalizer.matchKey` of each block's text, same indices as `document.blocks`.
    let keys: [String]
    /// Normalised TOC titles, numbers stripped.
    let tocKeys: [String]
    /// Locations of TOC lines, whose blocks are not body text.
    let tocLocations: Set<Location>
    /// Normalised file name without folder and extension.
    let fileKey: String
    /// Metadata title and the short lines that open the body: where a title page says what the document is.
    let titleKeys: [String]
    /// All content keys joined: one search here tells whether a word occurs anywhere before blocks are scanned.
    let contentText: String
    var kind: String = "unknown"
    var kindName: String = "未识别"
    /// Index in the project's document list.
    let ordinal: Int

    var readable: Bool { document.error == nil }
    var path: String { document.path }

    init(document: Document, ordinal: Int) {
        self.document = document
        self.ordinal = ordinal
        tree = SectionTree(document: document)
        keys = document.blocks.map { TextNormalizer.matchKey($0.text) }
        tocKeys = document.toc.map { IndexedDocument.titleKey(number: $0.number, title: $0.title) }
        tocLocations = Set(document.toc.map(\.location))
        fileKey = IndexedDocument.fileKey(document.path)
        let tocSet = tocLocations
        contentText = zip(document.blocks, keys).filter { block, _ in
            (block.part == .body || block.part == .textBox) && (tocSet.isEmpty || !tocSet.contains(block.location))
        }.map(\.1).joined(separator: "\n")
        var titles: [String] = []
        if let title = document.metadata.title, !title.isEmpty { titles.append(TextNormalizer.matchKey(title)) }
        var taken = 0
        for (i, block) in document.blocks.enumerated() where block.part == .body && block.kind != .table {
            if taken >= 12 { break }
            let key = keys[i]
            guard !key.isEmpty else { continue }
            taken += 1
            if key.count <= 60 { titles.append(key) }
        }
        titleKeys = titles
    }

    static func fileKey(_ path: String) -> String {
        var name = Substring(path)
        if let bang = name.range(of: "!/", options: .backwards) { name = name[bang.upperBound...] }
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return TextNormalizer.matchKey(String(name))
    }

    /// The normalised title with any typed number removed ("8.2 密码应用" → "密码应用").
    static func titleKey(number: String, title: String) -> String {
        var text = title
        if let parsed = HeadingPatterns.parse(title), !parsed.title.isEmpty { text = parsed.title }
        var key = TextNormalizer.matchKey(text)
        while let last = key.last, "：:。.、 ".contains(last) { key.removeLast() }
        return key
    }

    /// The first content block containing any of the words, if any.
    func firstContentBlock(containingAnyOf words: [String]) -> (index: Int, word: String)? {
        let present = words.filter { contentText.has($0) }
        guard !present.isEmpty else { return nil }
        for i in keys.indices where isContent(i) {
            if let word = present.first(where: { keys[i].has($0) }) { return (i, word) }
        }
        return nil
    }

    /// Blocks that are body content: body or text-box parts, not TOC lines.
    func isContent(_ index: Int) -> Bool {
        let block = document.blocks[index]
        guard block.part == .body || block.part == .textBox else { return false }
        return tocLocations.isEmpty || !tocLocations.contains(block.location)
    }

    func headingPath(of index: Int) -> String? {
        tree.section(containing: index)?.pathDisplay
    }

    /// `true` for a page whose text came from OCR, nil otherwise (the evidence field is left out).
    func ocrMark(page: Int?) -> Bool? {
        guard let page, document.ocrPages.contains(page) else { return nil }
        return true
    }

    func evidence(block index: Int, heading: String? = nil) -> Evidence {
        let block = document.blocks[index]
        return Evidence(
            document: document.path, page: block.location.page, heading: heading ?? headingPath(of: index),
            excerpt: TextNormalizer.excerpt(block.text), ocr: block.ocrConfidence != nil ? true : nil)
    }

    /// Evidence that the document itself is what was looked for (an attachment, a document rule).
    func documentEvidence() -> Evidence {
        let first = document.blocks.firstIndex { $0.part == .body && !$0.text.isEmpty }
        let excerpt = first.map { TextNormalizer.excerpt(document.blocks[$0].text, limit: 60) } ?? document.path
        let page = first.flatMap { document.blocks[$0].location.page }
        return Evidence(document: document.path, page: page, heading: nil, excerpt: excerpt, ocr: ocrMark(page: page))
    }
}

/// Regular expressions compiled once per checker, and normalised synonym lists. Immutable after init, so one
/// instance serves concurrent checks.
final class CompiledCatalogue: @unchecked Sendable {
    let catalogue: Catalogue
    let sections: [CompiledSection]
    let placeholderKeys: [String]
    let kinds: [CompiledKind]

    init(_ catalogue: Catalogue) {
        self.catalogue = catalogue
        sections = catalogue.sections.map(CompiledSection.init)
        placeholderKeys = catalogue.placeholders.map(TextNormalizer.matchKey).filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
        kinds = catalogue.documentKinds.map(CompiledKind.init)
    }

    func section(_ id: String) -> CompiledSection? { sections.first { $0.definition.id == id } }
    func kind(_ id: String) -> CompiledKind? { kinds.first { $0.definition.id == id } }
}

final class CompiledSection {
    let definition: SectionDefinition
    /// Name and synonyms, normalised.
    let nameKeys: [String]
    let headingRegexes: [NSRegularExpression]
    let excludeRegexes: [NSRegularExpression]
    let mentionKeys: [String]
    let subElements: [(name: String, keys: [String])]

    init(_ definition: SectionDefinition) {
        self.definition = definition
        nameKeys = ([definition.name] + definition.synonyms).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        headingRegexes = (definition.headingPatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        excludeRegexes = (definition.excludePatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        mentionKeys = (definition.mentionPatterns ?? ([definition.name] + definition.synonyms))
            .map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        subElements = (definition.subElements ?? []).map {
            ($0.name, $0.patterns.map(TextNormalizer.matchKey).filter { !$0.isEmpty })
        }
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
    func matches(title: String, exact: Bool = false) -> Bool {
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

final class CompiledKind {
    let definition: DocumentKindDefinition
    let nameKeys: [String]
    let filenameRegexes: [NSRegularExpression]
    let titleRegexes: [NSRegularExpression]

    init(_ definition: DocumentKindDefinition) {
        self.definition = definition
        nameKeys = ([definition.name] + definition.synonyms).map(TextNormalizer.matchKey).filter { !$0.isEmpty }
        filenameRegexes = (definition.filenamePatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        titleRegexes = (definition.titlePatterns ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
    }
}

extension NSRegularExpression {
    func matches(_ text: String) -> Bool {
        firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Length of the first match, for ranking competing patterns.
    func matchLength(_ text: String) -> Int? {
        firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).map(\.range.length)
    }
}

extension String {
    /// Substring test on UTF-8 bytes with memchr and memcmp: normalised keys are valid UTF-8 on both sides,
    /// so a byte match is a text match, and it is far cheaper than `contains` over Characters on long CJK text.
    func has(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count > 0 else { return true }
                guard h.count >= n.count, let hb = h.baseAddress, let nb = n.baseAddress else { return false }
                // memchr finds candidates for the needle's last byte at C speed (a continuation byte for CJK, far
                // rarer than the lead bytes every ideograph shares); memcmp confirms.
                let k = n.count - 1
                let anchor = Int32(nb[k])
                var offset = k
                while offset < h.count {
                    guard let hit = memchr(hb + offset, anchor, h.count - offset) else { return false }
                    let position = hb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hb + position - k, nb, n.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
