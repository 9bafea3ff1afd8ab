import Checklists
import DocumentModel
import Foundation
import Structure

/// How a canonical section shows up in one document.
struct SectionMatch {
    var status: SectionStatus
    var heading: String?
    var location: Location?
    var evidence: Evidence?
    var subElementsFound: [String]
    var subElementsMissing: [String]
    /// Set when the section's body points to another document of the project that carries it.
    var attachment: String?
    /// Placeholder text when the status is `empty`.
    var placeholder: String?

    func finding(for section: SectionDefinition) -> SectionFinding {
        SectionFinding(
            name: section.name, id: section.id, status: status, heading: heading, page: location?.page,
            paragraph: location?.paragraph,
            subElementsFound: subElementsFound.isEmpty && subElementsMissing.isEmpty ? nil : subElementsFound,
            subElementsMissing: subElementsFound.isEmpty && subElementsMissing.isEmpty ? nil : subElementsMissing,
            evidence: evidence)
    }
}

/// A place a section title can sit: a body heading, a heading in a text box, or a heading-like table cell.
struct HeadingCandidate {
    var titleKey: String
    var display: String
    var blockIndex: Int
    /// Blocks governed by the heading (own text and subsections).
    var body: Range<Int>
    /// For table cells: the rest of the row (or the row below), normalised.
    var inlineBody: String?
    var path: String
    /// Table cells only count when the whole cell is a name of the section, or carries a typed number.
    var exact: Bool
    /// Outline level; text boxes and table cells rank below any heading.
    var level: Int = 99
}

/// Decides, for each document and catalogue section, whether the section is present, empty, TOC-only,
/// mention-only or missing. Results are cached per document and section.
final class SectionLocator {
    let catalogue: CompiledCatalogue
    let documents: [IndexedDocument]
    private var candidates: [Int: [HeadingCandidate]] = [:]
    private var cache: [String: SectionMatch] = [:]

    init(catalogue: CompiledCatalogue, documents: [IndexedDocument]) {
        self.catalogue = catalogue
        self.documents = documents
    }

    func locate(_ section: CompiledSection, in doc: IndexedDocument) -> SectionMatch {
        let cacheKey = "\(doc.ordinal)\u{1}\(section.definition.id)"
        if let hit = cache[cacheKey] { return hit }
        let result = compute(section, in: doc)
        cache[cacheKey] = result
        return result
    }

    private func compute(_ section: CompiledSection, in doc: IndexedDocument) -> SectionMatch {
        let subNames = section.subElements.map(\.name)
        // Best heading: present before empty, then the title that names the section most closely, then the
        // higher outline level, then document order.
        var best: (match: SectionMatch, score: (Int, Int, Int))?
        for candidate in headingCandidates(of: doc) where section.matches(title: candidate.titleKey, exact: candidate.exact) {
            let match = evaluate(candidate, section: section, in: doc)
            let score = (rank(match.status), section.closeness(title: candidate.titleKey), candidate.level)
            if best == nil || score < best!.score { best = (match, score) }
            if score.0 == 0, score.1 == 0 { break }
        }
        if let best { return best.match }

        for (i, key) in doc.tocKeys.enumerated() where section.matches(title: key) {
            let entry = doc.document.toc[i]
            let display = entry.number.isEmpty ? entry.title : "\(entry.number) \(entry.title)"
            return SectionMatch(
                status: .tocOnly, heading: display, location: entry.location,
                evidence: Evidence(
                    document: doc.path, page: entry.location.page, heading: "目录", excerpt: TextNormalizer.excerpt(display),
                    ocr: doc.ocrMark(page: entry.location.page)),
                subElementsFound: [], subElementsMissing: subNames)
        }

        if let (i, _) = doc.firstContentBlock(containingAnyOf: section.mentionKeys) {
            return SectionMatch(
                status: .mentionOnly, heading: nil, location: doc.document.blocks[i].location,
                evidence: doc.evidence(block: i), subElementsFound: [], subElementsMissing: subNames)
        }
        return SectionMatch(status: .missing, subElementsFound: [], subElementsMissing: subNames)
    }

    private func rank(_ status: SectionStatus) -> Int { SectionStatus.allCases.firstIndex(of: status)! }

    private func evaluate(_ candidate: HeadingCandidate, section: CompiledSection, in doc: IndexedDocument)
        -> SectionMatch
    {
        let blocks = doc.document.blocks
        var textParts: [String] = []
        var headerRows: [String] = []
        var hasTable = false
        var firstContent: Int?
        if let inline = candidate.inlineBody { textParts.append(inline) }
        for i in candidate.body where doc.isContent(i) && blocks[i].kind != .heading {
            let block = blocks[i]
            if block.kind == .table, let table = block.table {
                let cells = table.rows.flatMap { $0 }.map(\.text)
                if cells.contains(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                    hasTable = true
                    firstContent = firstContent ?? i
                }
                headerRows.append(TextNormalizer.matchKey(table.headerRow.joined(separator: " ")))
            } else if !doc.keys[i].isEmpty {
                textParts.append(doc.keys[i])
                firstContent = firstContent ?? i
            }
        }
        let bodyText = textParts.joined(separator: "\n")
        let location = blocks[candidate.blockIndex].location
        let path = candidate.path.isEmpty ? (doc.headingPath(of: candidate.blockIndex) ?? "表格") : candidate.path
        let headingEvidence = Evidence(
            document: doc.path, page: location.page, heading: path,
            excerpt: TextNormalizer.excerpt(candidate.display), ocr: doc.ocrMark(page: location.page))

        // 详见附件3 / 见附件《密码应用方案》: the section lives in another document of the project.
        let references = AttachmentReference.find(in: bodyText)
        for reference in references {
            if let other = resolve(reference, from: doc, section: section) {
                let (found, missing) = subElements(section, in: other)
                var evidence = other.documentEvidence()
                evidence.heading = path
                evidence.excerpt = "\(TextNormalizer.excerpt(candidate.display))：\(reference.text) → \(other.path)"
                return SectionMatch(
                    status: .present, heading: candidate.display, location: location, evidence: evidence,
                    subElementsFound: found, subElementsMissing: missing, attachment: other.path)
            }
        }

        let (substantive, placeholder) = isSubstantive(bodyText, references: references, hasTable: hasTable, section: section)
        if substantive {
            let found = section.subElements.filter { sub in
                sub.keys.contains { key in bodyText.has(key) || headerRows.contains { $0.has(key) } }
            }.map(\.name)
            let missing = section.subElements.map(\.name).filter { !found.contains($0) }
            var evidence = headingEvidence
            if let firstContent { evidence.excerpt += "：" + TextNormalizer.excerpt(blocks[firstContent].text, limit: 80) }
            else if let inline = candidate.inlineBody { evidence.excerpt += "：" + TextNormalizer.excerpt(inline, limit: 80) }
            return SectionMatch(
                status: .present, heading: candidate.display, location: location, evidence: evidence,
                subElementsFound: found, subElementsMissing: missing)
        }
        var evidence = headingEvidence
        if let placeholder, !placeholder.isEmpty { evidence.excerpt += "：" + placeholder }
        return SectionMatch(
            status: .empty, heading: candidate.display, location: location, evidence: evidence,
            subElementsFound: [], subElementsMissing: section.subElements.map(\.name), placeholder: placeholder)
    }

    /// Words that wrap a placeholder ("本章内容略") without adding content.
    private static let fillers = ["本章", "本节", "本部分", "此部分", "该部分", "此处", "内容", "相关", "详见", "参见", "见", "暂"]

    /// Whether body text says something beyond placeholders; returns the placeholder text when it does not.
    private func isSubstantive(
        _ text: String, references: [AttachmentReference], hasTable: Bool, section: CompiledSection
    ) -> (Bool, String?) {
        if hasTable { return (true, nil) }
        // What is left once the section's own name ("运维方案另行编制": restating the title adds nothing), attachment
        // references, placeholders and filler words are taken out must hold four letters or digits. One pass,
        // longest pattern first at each position, stopping at the fourth: bodies are long and this runs for every
        // section of every document.
        var byFirst: [Character: [String]] = [:]
        for pattern in section.nameKeys + references.map(\.text) + catalogue.placeholderKeys + Self.fillers {
            guard let first = pattern.first else { continue }
            byFirst[first, default: []].append(pattern)
        }
        for key in byFirst.keys { byFirst[key]!.sort { $0.count > $1.count } }
        var content = 0
        var i = text.startIndex
        scan: while i < text.endIndex {
            let c = text[i]
            for pattern in byFirst[c] ?? [] where text[i...].hasPrefix(pattern) {
                i = text.index(i, offsetBy: pattern.count)
                continue scan
            }
            if c.isLetter || c.isNumber {
                content += 1
                if content >= 4 { return (true, nil) }
            }
            i = text.index(after: i)
        }
        let shown = TextNormalizer.excerpt(text.replacingOccurrences(of: "\n", with: " "), limit: 40)
        return (false, shown.isEmpty ? "（无正文）" : shown)
    }

    /// Sub-elements looked for over a whole document (a section carried by an attachment).
    private func subElements(_ section: CompiledSection, in doc: IndexedDocument) -> ([String], [String]) {
        guard !section.subElements.isEmpty else { return ([], []) }
        var found: [String] = []
        for sub in section.subElements {
            let hit = doc.keys.indices.contains { i in
                guard doc.isContent(i) else { return false }
                if let table = doc.document.blocks[i].table {
                    let header = TextNormalizer.matchKey(table.headerRow.joined(separator: " "))
                    return sub.keys.contains { header.has($0) }
                }
                return sub.keys.contains { doc.keys[i].has($0) }
            }
            if hit { found.append(sub.name) }
        }
        return (found, section.subElements.map(\.name).filter { !found.contains($0) })
    }

    /// Another readable document of the project that is the referenced attachment.
    func resolve(_ reference: AttachmentReference, from doc: IndexedDocument, section: CompiledSection?) -> IndexedDocument? {
        for other in documents where other !== doc && other.readable {
            let names = [other.fileKey] + other.titleKeys.prefix(4)
            if let number = reference.number {
                let tags = ["附件\(number)", "附件\(ChineseNumerals.chinese(number))"]
                if names.contains(where: { name in
                    tags.contains { tag in
                        guard let range = name.range(of: tag) else { return false }
                        // 附件1 must not match 附件12.
                        guard range.upperBound < name.endIndex else { return true }
                        return !name[range.upperBound].isNumber
                    }
                }) { return other }
            }
            if let name = reference.name {
                if names.contains(where: { $0.contains(name) || (!$0.isEmpty && name.contains($0)) }) { return other }
                if let kind = catalogue.kind(other.kind), kind.nameKeys.contains(where: { name.contains($0) }) { return other }
                if let section, section.matches(title: name),
                    names.contains(where: { section.matches(title: $0) })
                {
                    return other
                }
            }
        }
        return nil
    }

    func headingCandidates(of doc: IndexedDocument) -> [HeadingCandidate] {
        if let known = candidates[doc.ordinal] { return known }
        var result: [HeadingCandidate] = []
        let blocks = doc.document.blocks
        for section in doc.tree.sections {
            result.append(HeadingCandidate(
                titleKey: IndexedDocument.titleKey(number: section.heading.number, title: section.heading.title),
                display: section.heading.display, blockIndex: section.headingIndex, body: section.fullBody,
                inlineBody: nil, path: section.pathDisplay, exact: false, level: section.heading.level))
        }
        // Headings inside text boxes: the tree only holds body headings.
        var boxHeadings: [(index: Int, title: String, display: String)] = []
        for (i, block) in blocks.enumerated() where block.part == .textBox && block.kind != .table {
            if let heading = block.heading {
                boxHeadings.append((i, heading.title, heading.display))
            } else if doc.keys[i].count <= 40, let parsed = HeadingPatterns.parse(block.text), !parsed.title.isEmpty {
                boxHeadings.append((i, parsed.title, "\(parsed.number) \(parsed.title)"))
            }
        }
        let boxIndices = Set(boxHeadings.map(\.index))
        for box in boxHeadings {
            var end = box.index + 1
            while end < blocks.count, !(blocks[end].kind == .heading && blocks[end].part == .body), !boxIndices.contains(end) {
                end += 1
            }
            result.append(HeadingCandidate(
                titleKey: IndexedDocument.titleKey(number: "", title: box.title), display: box.display,
                blockIndex: box.index, body: (box.index + 1)..<end, inlineBody: nil,
                path: doc.headingPath(of: box.index).map { "\($0) > \(box.display)" } ?? box.display, exact: false))
        }
        // Heading-like table cells: the section's text is the rest of the row, or the row below.
        for (i, block) in blocks.enumerated() where block.kind == .table && doc.isContent(i) {
            guard let table = block.table else { continue }
            let rowKeys = table.rows.map { row in row.map { TextNormalizer.matchKey($0.text) } }
            for (r, row) in table.rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    let key = rowKeys[r][c]
                    guard !key.isEmpty, key.count <= 30 else { continue }
                    let parsed = HeadingPatterns.parse(cell.text)
                    var inline = rowKeys[r][(c + 1)...].joined(separator: " ")
                    if inline.allSatisfy({ $0 == " " }), r + 1 < table.rows.count {
                        inline = rowKeys[r + 1].joined(separator: " ")
                    }
                    var titleKey = key
                    if let parsed { titleKey = TextNormalizer.matchKey(parsed.title) }
                    while let last = titleKey.last, "：:。.、 ".contains(last) { titleKey.removeLast() }
                    result.append(HeadingCandidate(
                        titleKey: titleKey, display: TextNormalizer.collapseWhitespace(cell.text), blockIndex: i,
                        body: i..<i, inlineBody: inline, path: "", exact: parsed == nil))
                }
            }
        }
        candidates[doc.ordinal] = result
        return result
    }
}

/// "详见附件3", "见附件《密码应用方案》", "附件2《…》" in normalised body text.
struct AttachmentReference: Hashable {
    var text: String
    var number: Int?
    /// Normalised name inside 《》.
    var name: String?

    private static let pattern = try! NSRegularExpression(
        pattern: "(?:详见|参见|见)?附件\\s*([0-9一二三四五六七八九十]+)?\\s*(?:《([^》]{1,40})》)?")

    static func find(in text: String) -> [AttachmentReference] {
        guard text.contains("附件") else { return [] }
        var result: [AttachmentReference] = []
        let ns = text as NSString
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let numberRange = match.range(at: 1)
            let nameRange = match.range(at: 2)
            let number = numberRange.location != NSNotFound
                ? FigureParser.parseNumber(ns.substring(with: numberRange)).map { Int($0) } : nil
            let name = nameRange.location != NSNotFound ? ns.substring(with: nameRange) : nil
            guard number != nil || name != nil else { continue }
            result.append(AttachmentReference(text: ns.substring(with: match.range), number: number, name: name))
        }
        return result
    }
}

enum ChineseNumerals {
    static func chinese(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 0..<10: return digits[n]
        case 10: return "十"
        case 11..<20: return "十" + digits[n - 10]
        case 20..<100: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        default: return String(n)
        }
    }
}
