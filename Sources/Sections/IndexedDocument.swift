import Checklists
import DocumentModel
import Foundation
import Structure
#if canImport(Glibc)
import Glibc
#endif

/// A document with everything matching needs computed once: normalised block text, the section tree, TOC keys,
/// file name and title keys. Checks never normalise the same text twice.
package final class IndexedDocument {
    package let document: Document
    package let tree: SectionTree
    /// `TextNormalizer.matchKey` of each block's text, same indices as `document.blocks`.
    package let keys: [String]
    /// Normalised TOC titles, numbers stripped.
    package let tocKeys: [String]
    /// Locations of TOC lines, whose blocks are not body text.
    package let tocLocations: Set<Location>
    /// Normalised file name without folder and extension.
    package let fileKey: String
    /// Metadata title and the short lines that open the body: where a title page says what the document is.
    package let titleKeys: [String]
    /// All content keys joined: one search here tells whether a word occurs anywhere before blocks are scanned.
    package let contentText: String
    package var kind: String = "unknown"
    package var kindName: String = "未识别"
    /// Whether it is a document of the project's pipeline; content requirements are looked for only in those.
    package var nature: DocumentNature = .project
    /// Why it is not a project document, in Chinese.
    package var natureReason: String?
    /// Index in the project's document list.
    package let ordinal: Int

    package var readable: Bool { document.error == nil }
    package var path: String { document.path }

    package init(document: Document, ordinal: Int) {
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

    package static func fileKey(_ path: String) -> String {
        var name = Substring(path)
        if let bang = name.range(of: "!/", options: .backwards) { name = name[bang.upperBound...] }
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return TextNormalizer.matchKey(String(name))
    }

    /// The normalised title with any typed number removed ("8.2 密码应用" → "密码应用").
    package static func titleKey(number: String, title: String) -> String {
        var text = title
        if let parsed = HeadingPatterns.parse(title), !parsed.title.isEmpty { text = parsed.title }
        var key = TextNormalizer.matchKey(text)
        while let last = key.last, "：:。.、 ".contains(last) { key.removeLast() }
        return key
    }

    /// Blocks that are body content: body or text-box parts, not TOC lines.
    package func isContent(_ index: Int) -> Bool {
        let block = document.blocks[index]
        guard block.part == .body || block.part == .textBox else { return false }
        return tocLocations.isEmpty || !tocLocations.contains(block.location)
    }

    package func headingPath(of index: Int) -> String? {
        tree.section(containing: index)?.pathDisplay
    }

    /// `true` for a page whose text came from OCR, nil otherwise (the evidence field is left out).
    package func ocrMark(page: Int?) -> Bool? {
        guard let page, document.ocrPages.contains(page) else { return nil }
        return true
    }

    package func evidence(block index: Int, heading: String? = nil) -> Evidence {
        let block = document.blocks[index]
        return Evidence(
            document: document.path, page: block.location.page, heading: heading ?? headingPath(of: index),
            excerpt: TextNormalizer.excerpt(block.text), ocr: block.ocrConfidence != nil ? true : nil)
    }

    /// Evidence that the document itself is what was looked for (an attachment, a document rule).
    package func documentEvidence() -> Evidence {
        let first = document.blocks.firstIndex { $0.part == .body && !$0.text.isEmpty }
        let excerpt = first.map { TextNormalizer.excerpt(document.blocks[$0].text, limit: 60) } ?? document.path
        let page = first.flatMap { document.blocks[$0].location.page }
        return Evidence(document: document.path, page: page, heading: nil, excerpt: excerpt, ocr: ocrMark(page: page))
    }
}

extension NSRegularExpression {
    package func matches(_ text: String) -> Bool {
        firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Length of the first match, for ranking competing patterns.
    package func matchLength(_ text: String) -> Int? {
        firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).map(\.range.length)
    }
}

extension String {
    /// Substring test on UTF-8 bytes with memchr and memcmp: normalised keys are valid UTF-8 on both sides,
    /// so a byte match is a text match, and it is far cheaper than `contains` over Characters on long CJK text.
    package func has(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in n.isEmpty || h.firstOffset(of: n, from: 0) != nil } }
    }

    /// The UTF-8 byte ranges where `needle` occurs, each search going on after the last match (so they do not
    /// overlap), in order.
    package func utf8Ranges(of needle: String) -> [Range<Int>] {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                var found: [Range<Int>] = []
                guard !n.isEmpty else { return found }
                var from = 0
                while let start = h.firstOffset(of: n, from: from) {
                    found.append(start..<start + n.count)
                    from = start + n.count
                }
                return found
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The first offset at or after `from` where `needle` (not empty) occurs.
    func firstOffset(of needle: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard count - from >= needle.count, let hb = baseAddress, let nb = needle.baseAddress else { return nil }
        // memchr finds candidates for the needle's last byte at C speed (a continuation byte for CJK, far rarer
        // than the lead bytes every ideograph shares); memcmp confirms.
        let k = needle.count - 1
        let anchor = Int32(nb[k])
        var offset = from + k
        while offset < count {
            guard let hit = memchr(hb + offset, anchor, count - offset) else { return nil }
            let position = hb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(hb + position - k, nb, needle.count) == 0 { return position - k }
            offset = position + 1
        }
        return nil
    }
}
