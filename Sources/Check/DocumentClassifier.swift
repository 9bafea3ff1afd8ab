import Checklists
import DocumentModel
import Foundation
import Sections

/// Tells what a document is (kind from the catalogue), which jurisdiction a project belongs to and which stage
/// it is at.
enum DocumentClassifier {
    /// The kind id, or `unknown`. File name patterns are the strongest signal, then title patterns, then names
    /// and synonyms in the title lines, then in the file name; among several, the longest match wins.
    static func kind(of doc: IndexedDocument, catalogue: CompiledCatalogue) -> String {
        var best: (score: Int, id: String)?
        func consider(_ score: Int, _ id: String) {
            if best == nil || score > best!.score { best = (score, id) }
        }
        for kind in catalogue.kinds {
            let id = kind.definition.id
            for regex in kind.filenameRegexes { if let n = regex.matchLength(doc.fileKey) { consider(4000 + n, id) } }
            for title in doc.titleKeys {
                for regex in kind.titleRegexes { if let n = regex.matchLength(title) { consider(3000 + n, id) } }
            }
            for name in kind.nameKeys {
                // A title line that is mostly the kind's name (项目建议书, 可行性研究报告（代项目建议书）…).
                if doc.titleKeys.contains(where: { $0.has(name) }) { consider(2000 + name.count, id) }
                if doc.fileKey.has(name) { consider(1000 + name.count, id) }
            }
        }
        return best?.id ?? "unknown"
    }

    struct JurisdictionResult {
        var id: String
        var determined: Bool
        /// How it was told, in Chinese (for the report), nil when given.
        var how: String?
    }

    /// Given id > project.yaml (id, name or alias) > aliases in the opening pages of the documents (most
    /// frequent wins) > `national`, undetermined.
    static func jurisdiction(
        given: String?, metadata: ProjectMetadata, documents: [IndexedDocument], library: ChecklistLibrary
    ) -> JurisdictionResult {
        for candidate in [given, metadata.jurisdiction].compactMap({ $0 }) {
            if let id = lookup(candidate, library: library) { return JurisdictionResult(id: id, determined: true, how: nil) }
        }
        var counts: [String: Int] = [:]
        let local = library.orderedIDs.filter { $0 != "national" }
        for doc in documents where doc.readable {
            // The opening of a document: title page and first pages, where the issuing body is named.
            let opening = openingText(of: doc)
            for id in local {
                guard let checklist = library.checklists[id] else { continue }
                let names = Set(([checklist.name] + checklist.aliases).map(TextNormalizer.matchKey).filter { $0.count >= 2 })
                // Each place counts once however many aliases cover it (晋城市阳城县 is one mention, not three),
                // so a jurisdiction with many aliases is not favoured.
                let n = placesNamed(by: names, in: opening)
                if n > 0 { counts[id, default: 0] += n }
            }
        }
        if let top = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            return JurisdictionResult(id: top.key, determined: true, how: "根据文件首页及前几页出现的地名判断")
        }
        return JurisdictionResult(id: "national", determined: false, how: nil)
    }

    static func lookup(_ text: String, library: ChecklistLibrary) -> String? {
        if library.checklists[text] != nil { return text }
        let key = TextNormalizer.matchKey(text)
        for id in library.orderedIDs {
            guard let checklist = library.checklists[id] else { continue }
            let names = ([checklist.name] + checklist.aliases).map(TextNormalizer.matchKey)
            if names.contains(key) { return id }
        }
        return nil
    }

    static func openingText(of doc: IndexedDocument) -> String {
        var parts: [String] = []
        for (i, block) in doc.document.blocks.enumerated() where doc.isContent(i) {
            if let page = block.location.page, page > 3 { break }
            // Without pages (or with everything on one page) the first blocks stand for the first pages.
            if parts.count >= (block.location.page == nil ? 40 : 150) { break }
            parts.append(doc.keys[i])
        }
        if let title = doc.document.metadata.title { parts.append(TextNormalizer.matchKey(title)) }
        parts.append(doc.fileKey)
        return parts.joined(separator: "\n")
    }

    /// Number of separate places where any of the names occurs; overlapping occurrences count once.
    static func placesNamed(by names: Set<String>, in haystack: String) -> Int {
        // Byte ranges: names and haystack are match keys, valid UTF-8 on both sides.
        var ranges = names.flatMap { haystack.utf8Ranges(of: $0) }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var count = 0
        var end: Int?
        for range in ranges {
            if let end, range.lowerBound < end { continue }
            count += 1
            end = range.upperBound
        }
        return count
    }

    /// Given > project.yaml > the latest stage among the kinds present; `application` when nothing tells.
    static func stage(given: Stage?, metadata: ProjectMetadata, documents: [IndexedDocument], catalogue: CompiledCatalogue)
        -> Stage
    {
        if let given { return given }
        if let stage = metadata.stage { return stage }
        let stages = documents.compactMap { catalogue.kind($0.kind)?.definition.stage }
        return stages.max() ?? .application
    }

    /// A date the document carries: a 编制日期-like date on its opening lines, else the metadata creation date.
    static func date(of doc: IndexedDocument) -> String? {
        if let printed = printedDate(of: doc) { return printed }
        if let created = doc.document.metadata.created, created.count >= 10 {
            let prefix = String(created.prefix(10))
            if prefix.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil { return prefix }
        }
        return nil
    }

    /// The date printed on the title page (2026年3月), as opposed to the file's creation date, which is when
    /// someone saved or converted it.
    static func printedDate(of doc: IndexedDocument) -> String? {
        let pattern = try! NSRegularExpression(pattern: "((?:19|20)[0-9]{2})年([0-9]{1,2})月(?:([0-9]{1,2})日)?")
        for title in doc.titleKeys {
            let ns = title as NSString
            guard let m = pattern.firstMatch(in: title, range: NSRange(location: 0, length: ns.length)) else { continue }
            let year = ns.substring(with: m.range(at: 1))
            let month = Int(ns.substring(with: m.range(at: 2))) ?? 1
            let day = m.range(at: 3).location != NSNotFound ? Int(ns.substring(with: m.range(at: 3))) ?? 1 : 1
            guard (1...12).contains(month), (1...31).contains(day) else { continue }
            return year + "-" + String(format: "%02d-%02d", month, day)
        }
        return nil
    }
}
