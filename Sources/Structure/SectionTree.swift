import DocumentModel

/// A heading of the body and the blocks it governs.
public struct Section: Sendable {
    /// Index of the heading block in `Document.blocks`.
    public var headingIndex: Int
    public var heading: Heading
    public var location: Location
    /// Displays of the ancestors and this heading, outermost first.
    public var path: [String]
    /// Blocks up to the next heading of any level (the section's own text).
    public var ownBody: Range<Int>
    /// Blocks up to the next heading of the same or a higher level (own text and subsections).
    public var fullBody: Range<Int>

    public var pathDisplay: String { path.joined(separator: " > ") }
}

/// The body's headings as a tree, flattened in document order. Headers, footers, footnotes and comments are never
/// part of a section: they are skipped when bodies are collected.
public struct SectionTree: Sendable {
    public let sections: [Section]

    public init(document: Document) {
        let blocks = document.blocks
        var headingIndices: [Int] = []
        for (i, block) in blocks.enumerated() where block.kind == .heading && block.part == .body && block.heading != nil {
            headingIndices.append(i)
        }
        var result: [Section] = []
        result.reserveCapacity(headingIndices.count)
        var ancestors: [(level: Int, display: String)] = []
        for (k, index) in headingIndices.enumerated() {
            let heading = blocks[index].heading!
            while let last = ancestors.last, last.level >= heading.level { ancestors.removeLast() }
            let path = ancestors.map(\.display) + [heading.display]
            ancestors.append((heading.level, heading.display))

            let nextAny = k + 1 < headingIndices.count ? headingIndices[k + 1] : blocks.count
            var nextSameOrHigher = blocks.count
            for j in headingIndices[(k + 1)...] where blocks[j].heading!.level <= heading.level {
                nextSameOrHigher = j
                break
            }
            result.append(
                Section(
                    headingIndex: index, heading: heading, location: blocks[index].location, path: path,
                    ownBody: (index + 1)..<nextAny, fullBody: (index + 1)..<nextSameOrHigher))
        }
        sections = result
    }

    /// The innermost section containing a block, if any.
    public func section(containing blockIndex: Int) -> Section? {
        var found: Section?
        for section in sections {
            if section.headingIndex == blockIndex { return section }
            if section.fullBody.contains(blockIndex) { found = section }
            if section.headingIndex > blockIndex { break }
        }
        return found
    }
}
