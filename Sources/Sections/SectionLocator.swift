import Checklists
import DocumentModel
import Foundation
import Structure

/// How a canonical section shows up in one document.
package struct SectionMatch: Sendable {
    package var status: SectionStatus
    package var heading: String?
    package var location: Location?
    package var evidence: Evidence?
    package var subElementsFound: [String]
    package var subElementsMissing: [String]
    /// Set when the section's body points to another document of the project that carries it.
    package var attachment: String?
    /// Placeholder text when the status is `empty`.
    package var placeholder: String?
    /// Why the status was given, in Chinese: the heading, the topic's evidence, the mention found.
    package var reasons: [String] = []
    /// Contents a requirement on the section asks for (`SectionDefinition.requires`): shown (with what) or not.
    package var contentsFound: [String] = []
    package var contentsMissing: [String] = []

    package func finding(for section: SectionDefinition) -> SectionFinding {
        let hasSubs = !(subElementsFound.isEmpty && subElementsMissing.isEmpty)
        return SectionFinding(
            name: section.name, id: section.id, status: status, heading: heading, page: location?.page,
            paragraph: location?.paragraph, subElementsFound: hasSubs ? subElementsFound : nil,
            subElementsMissing: hasSubs ? subElementsMissing : nil, evidence: evidence,
            reasons: reasons.isEmpty ? nil : reasons)
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
    /// Depth in the outline (1 = chapter); text boxes and table cells rank below any heading.
    var depth: Int = 99
    var role: HeadingRole = .projectChapter
    /// Normalised titles of the headings above it, outermost first.
    var ancestorTitles: [String] = []
}

/// Decides, for each document and catalogue section, whether the document has its own section on the topic:
/// present, empty, TOC-only, mention-only or missing. A section is a heading that speaks about the project (not a
/// module of the software it builds), whose body has substance and shows the topic in its regulatory sense; the
/// evidence is the topmost such heading. Results are cached per document and section.
package final class SectionLocator {
    let catalogue: CompiledCatalogue
    let documents: [IndexedDocument]
    let whole: WholeTerms
    private var candidates: [Int: [HeadingCandidate]] = [:]
    private var roles: [Int: HeadingRoles] = [:]
    private var arguing: [Int: [Bool]] = [:]
    private var cache: [String: SectionMatch] = [:]

    package init(catalogue: CompiledCatalogue, documents: [IndexedDocument]) {
        self.catalogue = catalogue
        self.documents = documents
        whole = WholeTerms(compounds: catalogue.compounds)
    }

    package func locate(_ section: CompiledSection, in doc: IndexedDocument) -> SectionMatch {
        let cacheKey = "\(doc.ordinal)\u{1}\(section.definition.id)"
        if let hit = cache[cacheKey] { return hit }
        let result = compute(section, in: doc)
        cache[cacheKey] = result
        return result
    }

    package func roles(of doc: IndexedDocument) -> HeadingRoles {
        if let known = roles[doc.ordinal] { return known }
        let computed = HeadingRoles(doc: doc, rules: catalogue.roles)
        roles[doc.ordinal] = computed
        return computed
    }

    private func compute(_ section: CompiledSection, in doc: IndexedDocument) -> SectionMatch {
        let subNames = section.subElements.map(\.name)
        // Best heading: present before empty, then the topmost (the chapter, not a summary line of the overview),
        // then the title that names the section most closely, then document order.
        // Candidates are tried topmost and closest first (a stable sort keeps document order among equals), so the
        // first present one is the best and the rest of a long document's headings need no reading.
        let named = headingCandidates(of: doc).filter { candidate in
            candidate.role.canBeSection && section.matches(title: candidate.titleKey, exact: candidate.exact)
                && !insideArgument(candidate, for: section, in: doc)
        }.map { (candidate: $0, depth: $0.depth, closeness: section.closeness(title: $0.titleKey)) }
        let ordered = named.enumerated().sorted { a, b in
            (a.element.depth, a.element.closeness, a.offset) < (b.element.depth, b.element.closeness, b.offset)
        }.map(\.element)
        var best: (match: SectionMatch, score: (Int, Int, Int))?
        for (candidate, depth, closeness) in ordered {
            guard let match = evaluate(candidate, section: section, in: doc) else { continue }
            if match.status == .present { return match }
            let score = (rank(match.status), depth, closeness)
            if best == nil || score < best!.score { best = (match, score) }
        }
        if let best { return best.match }

        // A TOC line counts only for a chapter the body lacks: a module heading listed in the TOC is in the body.
        let bodyTitles = Set(headingCandidates(of: doc).filter { $0.depth < 99 }.map(\.titleKey))
        for (i, key) in doc.tocKeys.enumerated() where section.matches(title: key) && !bodyTitles.contains(key) {
            let entry = doc.document.toc[i]
            let display = entry.number.isEmpty ? entry.title : "\(entry.number) \(entry.title)"
            return SectionMatch(
                status: .tocOnly, heading: display, location: entry.location,
                evidence: Evidence(
                    document: doc.path, page: entry.location.page, heading: "目录", excerpt: TextNormalizer.excerpt(display),
                    ocr: doc.ocrMark(page: entry.location.page)),
                subElementsFound: [], subElementsMissing: subNames, reasons: ["目录列有「\(display)」，正文中没有该章节"])
        }

        if let (i, term) = mention(of: section.mentionKeys, in: doc) {
            return SectionMatch(
                status: .mentionOnly, heading: nil, location: doc.document.blocks[i].location,
                evidence: doc.evidence(block: i), subElementsFound: [], subElementsMissing: subNames,
                reasons: ["正文提到「\(term)」，但没有专门章节"])
        }
        return SectionMatch(status: .missing, subElementsFound: [], subElementsMissing: subNames)
    }

    /// The first block that mentions any of the terms in the regulatory sense: a whole term in the project's own
    /// prose, not in a feature description, a standard's title, 编制依据 or 设计原则.
    package func mention(of terms: [String], in doc: IndexedDocument) -> (index: Int, term: String)? {
        let present = terms.filter { doc.contentText.has($0) }
        guard !present.isEmpty else { return nil }
        let quiet = roles(of: doc).quiet
        let argument = argumentBlocks(of: doc)
        // The project's own plan first: 必要性, 现状 and 需求分析 say what is lacking or wanted ("无法实现资源的集约化
        // 配置"), which is cited only when nothing else names the term.
        for arguing in [false, true] {
            for i in doc.keys.indices where !quiet[i] && argument[i] == arguing {
                if let term = whole.first(of: present, in: doc.keys[i]) { return (i, term) }
            }
        }
        return nil
    }

    /// Which blocks lie in a chapter that argues for the project (必要性, 现状, 需求分析: the catalogue's
    /// argument sections).
    func argumentBlocks(of doc: IndexedDocument) -> [Bool] {
        if let known = arguing[doc.ordinal] { return known }
        var inside = Array(repeating: false, count: doc.keys.count)
        let titles = roles(of: doc).titles
        for (k, section) in doc.tree.sections.enumerated()
        where catalogue.argumentSections.contains(where: { $0.matches(title: titles[k]) }) {
            for i in section.fullBody where i < inside.count { inside[i] = true }
            if section.headingIndex < inside.count { inside[section.headingIndex] = true }
        }
        arguing[doc.ordinal] = inside
        return inside
    }

    /// The text around a block: the block itself first (so what is found there is cited before the rest), then
    /// the heading and the other text of the section it sits in, up to the next heading.
    package func context(of index: Int, in doc: IndexedDocument) -> String {
        guard let section = doc.tree.section(containing: index) else { return doc.keys[index] }
        let rest = (section.headingIndex..<section.ownBody.upperBound).filter { $0 != index }.map { doc.keys[$0] }
        return ([doc.keys[index]] + rest).joined(separator: "\n")
    }

    /// Whether the candidate sits inside a chapter that argues for the project (必要性, 现状, 需求分析) while naming
    /// another topic, or inside the schedule: 3.3.4 实现全区办公系统互联互通 under 项目建设的必要性 is a reason to
    /// build, not the interface section; 4.5 安全需求分析 is a requirement, not the security plan; 5.1.3 系统设计
    /// under 实施策略及计划 is a step of the work.
    private func insideArgument(_ candidate: HeadingCandidate, for section: CompiledSection, in doc: IndexedDocument)
        -> Bool
    {
        let titles = candidate.ancestorTitles
        let phases = catalogue.phaseSections.filter { $0 !== section }
        if titles.contains(where: { title in phases.contains { $0.matches(title: title) } }) { return true }
        guard !catalogue.argumentSections.contains(where: { $0 === section }) else { return false }
        // Headings only: a text box or table cell is not placed in the chapters.
        return candidate.depth < 99 && argumentBlocks(of: doc)[candidate.blockIndex]
    }

    private func rank(_ status: SectionStatus) -> Int { SectionStatus.allCases.firstIndex(of: status)! }

    /// The candidate as a section: present, empty, or nil when it is not this section at all (its body does not
    /// show the topic in the regulatory sense).
    private func evaluate(_ candidate: HeadingCandidate, section: CompiledSection, in doc: IndexedDocument)
        -> SectionMatch?
    {
        let gathered = gather(candidate, in: doc)
        let location = doc.document.blocks[candidate.blockIndex].location
        let path = candidate.path.isEmpty ? (doc.headingPath(of: candidate.blockIndex) ?? "表格") : candidate.path
        let headingEvidence = Evidence(
            document: doc.path, page: location.page, heading: path,
            excerpt: TextNormalizer.excerpt(candidate.display), ocr: doc.ocrMark(page: location.page))
        let headingReason = "标题「\(candidate.display)」"

        // 详见附件3 / 见附件《密码应用方案》 / 详见《…》（另册）: the section lives in another document of the project.
        let references = AttachmentReference.find(in: gathered.body)
        for reference in references {
            if let other = resolve(reference, from: doc, section: section) {
                let (found, missing) = subElements(section, in: other)
                var evidence = other.documentEvidence()
                evidence.heading = path
                evidence.excerpt = "\(TextNormalizer.excerpt(candidate.display))：\(reference.text) → \(other.path)"
                let contents = SectionText(text: other.contentText, headerRows: []).contents(section.requires)
                return SectionMatch(
                    status: .present, heading: candidate.display, location: location, evidence: evidence,
                    subElementsFound: found, subElementsMissing: missing, attachment: other.path,
                    reasons: [headingReason, "正文指向项目中的另一文件 \(other.path)"],
                    contentsFound: contents.found, contentsMissing: contents.missing)
            }
        }

        // Empty: the heading declares the section does not apply, or the body holds only placeholders and guidance.
        func empty(_ placeholder: String, _ why: String) -> SectionMatch {
            var evidence = headingEvidence
            evidence.excerpt += "：" + placeholder
            return SectionMatch(
                status: .empty, heading: candidate.display, location: location, evidence: evidence,
                subElementsFound: [], subElementsMissing: section.subElements.map(\.name), placeholder: placeholder,
                reasons: [headingReason, why])
        }
        if let declared = Substance.declaredAbsent(candidate.titleKey) { return empty(declared, "标题注明“\(declared)”") }
        let words = section.nameKeys + references.map(\.text)
        if !gathered.hasTable, let placeholder = Substance(catalogue: catalogue)
            .placeholder(in: gathered.paragraphs, removing: words, heading: candidate.titleKey)
        {
            return empty(placeholder, "正文只有占位或编写提示：\(placeholder)")
        }

        let text = SectionText(text: candidate.titleKey + "\n" + gathered.all, headerRows: gathered.headerRows)
        let topic = text.evidence(for: section, terms: whole)
        guard topic.satisfied else { return nil }
        let found = section.subElements.filter { sub in
            sub.keys.contains { key in text.text.has(key) || text.headerRows.contains { $0.has(key) } }
        }.map(\.name)
        let missing = section.subElements.map(\.name).filter { !found.contains($0) }
        var evidence = headingEvidence
        if let first = gathered.firstContent {
            evidence.excerpt += "：" + TextNormalizer.excerpt(doc.document.blocks[first].text, limit: 80)
        } else if let inline = candidate.inlineBody {
            evidence.excerpt += "：" + TextNormalizer.excerpt(inline, limit: 80)
        }
        let contents = text.contents(section.requires)
        return SectionMatch(
            status: .present, heading: candidate.display, location: location, evidence: evidence,
            subElementsFound: found, subElementsMissing: missing, reasons: [headingReason] + [topic.reason].compactMap { $0 },
            contentsFound: contents.found, contentsMissing: contents.missing)
    }

    /// A candidate's text: `body` for the substance test (its own prose and tables' cells, subsection headings
    /// left out), `all` for evidence and sub-elements (subsection headings included).
    private struct Gathered {
        var body = ""
        var paragraphs: [String] = []
        var all = ""
        var headerRows: [String] = []
        var hasTable = false
        var firstContent: Int?
    }

    private func gather(_ candidate: HeadingCandidate, in doc: IndexedDocument) -> Gathered {
        let blocks = doc.document.blocks
        let feature = roles(of: doc).feature
        let substance = Substance(catalogue: catalogue)
        var body: [String] = []
        var all: [String] = []
        var result = Gathered()
        if let inline = candidate.inlineBody { body.append(inline); all.append(inline) }
        for i in candidate.body where doc.isContent(i) {
            let block = blocks[i]
            // A module's description counts towards substance, never towards the topic's evidence.
            if feature[i] {
                if block.kind != .heading { body.append(doc.keys[i]) }
                continue
            }
            if block.kind == .heading {
                all.append(doc.keys[i])
            } else if block.kind == .table, let table = block.table {
                if substance.hasValues(table) {
                    result.hasTable = true
                    result.firstContent = result.firstContent ?? i
                }
                result.headerRows.append(TextNormalizer.matchKey(table.headerRow.joined(separator: " ")))
                all.append(doc.keys[i])
            } else if !doc.keys[i].isEmpty {
                body.append(doc.keys[i])
                all.append(doc.keys[i])
                // The excerpt cites the first paragraph that says something, not a guidance note (【说明…】).
                if result.firstContent == nil, substance.withoutGuidance(doc.keys[i]).contains(where: \.isLetter) {
                    result.firstContent = i
                }
            }
        }
        result.paragraphs = body
        result.body = body.joined(separator: "\n")
        result.all = all.joined(separator: "\n")
        return result
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
        let known = roles(of: doc)
        let headingRoles = known.roles
        var result: [HeadingCandidate] = []
        var stack: [(level: Int, title: String)] = []
        for (k, section) in doc.tree.sections.enumerated() {
            while let last = stack.last, last.level >= section.heading.level { stack.removeLast() }
            let title = known.titles[k]
            result.append(HeadingCandidate(
                titleKey: title, display: section.heading.display, blockIndex: section.headingIndex,
                body: section.fullBody, inlineBody: nil, path: section.pathDisplay, exact: false,
                depth: section.path.count, role: headingRoles[k], ancestorTitles: stack.map(\.title)))
            stack.append((section.heading.level, title))
        }
        result += textBoxCandidates(of: doc)
        result += tableCellCandidates(of: doc)
        candidates[doc.ordinal] = result
        return result
    }

    /// Headings inside text boxes: the tree only holds body headings.
    private func textBoxCandidates(of doc: IndexedDocument) -> [HeadingCandidate] {
        let blocks = doc.document.blocks
        var boxHeadings: [(index: Int, title: String, display: String)] = []
        for (i, block) in blocks.enumerated() where block.part == .textBox && block.kind != .table {
            if let heading = block.heading {
                boxHeadings.append((i, heading.title, heading.display))
            } else if doc.keys[i].count <= 40, let parsed = HeadingPatterns.parse(block.text), !parsed.title.isEmpty {
                boxHeadings.append((i, parsed.title, "\(parsed.number) \(parsed.title)"))
            }
        }
        let boxIndices = Set(boxHeadings.map(\.index))
        return boxHeadings.map { box in
            var end = box.index + 1
            while end < blocks.count, !(blocks[end].kind == .heading && blocks[end].part == .body), !boxIndices.contains(end) {
                end += 1
            }
            return HeadingCandidate(
                titleKey: IndexedDocument.titleKey(number: "", title: box.title), display: box.display,
                blockIndex: box.index, body: (box.index + 1)..<end, inlineBody: nil,
                path: doc.headingPath(of: box.index).map { "\($0) > \(box.display)" } ?? box.display, exact: false)
        }
    }

    /// Heading-like table cells: the section's text is the rest of the row, or the row below. Only form-like
    /// tables (申报表: a label and its text, at most four columns) hold sections; cells of wider tables (a work
    /// breakdown listing 培训, 试运行, 运行维护 as tasks) and of tables inside a module's description do not.
    private func tableCellCandidates(of doc: IndexedDocument) -> [HeadingCandidate] {
        let quiet = roles(of: doc).quiet
        var result: [HeadingCandidate] = []
        for (i, block) in doc.document.blocks.enumerated() where block.kind == .table && doc.isContent(i) && !quiet[i] {
            guard let table = block.table, table.rows.allSatisfy({ $0.count <= 4 }) else { continue }
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
        return result
    }
}
