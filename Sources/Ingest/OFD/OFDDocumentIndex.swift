import DocumentModel
import Foundation
import XMLStream

/// What OFD.xml and Document.xml say about one document: its pages in order, template pages, resource files,
/// the outline and the descriptive metadata.
struct OFDDocumentIndex {
    struct PageRef {
        var id: String?
        /// Container path of the page's Content.xml; nil when the package lacks it.
        var entry: String?
        var location: String
    }

    struct TemplateRef {
        var entry: String?
        /// "Background" (default) or "Foreground": both are layers of every page that names the template.
        var zOrder: String?
    }

    struct OutlineItem {
        var title: String
        /// 0 for a top-level bookmark.
        var depth: Int
        /// 1-based page number of the destination, when it names a known page.
        var page: Int?
    }

    var metadata = DocumentMetadata()
    /// Container path of Document.xml.
    var documentEntry: String
    var documentFolder: String
    var pages: [PageRef] = []
    var templates: [String: TemplateRef] = [:]
    /// Resource files (PublicRes, DocumentRes) as container paths.
    var resourceEntries: [String] = []
    var outline: [OutlineItem] = []
    /// Default page size in millimetres (CommonData/PageArea/PhysicalBox).
    var pageBox: OFDRect?
    var warnings: [String] = []

    static let maxOutlineItems = 5_000
    static let maxOutlineDepth = 8

    /// Reads OFD.xml and the first document it names.
    static func read(_ container: OFDContainer) throws(IngestError) -> OFDDocumentIndex {
        guard let rootEntry = try container.locate("OFD.xml", from: "") else {
            throw IngestError(.corrupt, detail: "no OFD.xml in the package")
        }
        let root = try container.tree(rootEntry)
        let bodies = root.all("DocBody")
        guard !bodies.isEmpty else { throw IngestError(.corrupt, detail: "OFD.xml has no DocBody") }
        var found: (body: XMLTreeElement, entry: String)?
        for body in bodies {
            guard let location = body.first("DocRoot")?.trimmedText else { continue }
            // Checked for every body, so a hostile DocRoot is refused even when another one is usable.
            let entry = try container.locate(location, from: "")
            if found == nil, let entry { found = (body, entry) }
        }
        guard let found else { throw IngestError(.corrupt, detail: "no readable DocRoot in OFD.xml") }
        var index = OFDDocumentIndex(documentEntry: found.entry, documentFolder: OFDPath.folder(of: found.entry))
        if bodies.count > 1 {
            index.warnings.append("the package holds \(bodies.count) documents; only the first readable one was read")
        }
        index.metadata = metadata(found.body.first("DocInfo"))
        try index.readDocument(container)
        return index
    }

    private mutating func readDocument(_ container: OFDContainer) throws(IngestError) {
        let document = try container.tree(documentEntry)
        let folder = documentFolder
        func locate(_ location: String) throws(IngestError) -> String? {
            try container.locate(location, from: folder, fallbacks: [folder])
        }
        if let common = document.first("CommonData") {
            if let box = common.first("PageArea")?.first("PhysicalBox")?.trimmedText { pageBox = OFDRect(box) }
            for element in common.all("PublicRes") + common.all("DocumentRes") {
                guard let location = element.trimmedText else { continue }
                if let entry = try locate(location) {
                    resourceEntries.append(entry)
                } else {
                    warnings.append("resource file \(location) is missing")
                }
            }
            for element in common.all("TemplatePage") {
                guard let id = element.value("ID"), let location = element.value("BaseLoc") else { continue }
                templates[id] = TemplateRef(entry: try locate(location), zOrder: element.value("ZOrder"))
            }
        }
        for element in document.first("Pages")?.all("Page") ?? [] {
            guard let location = element.value("BaseLoc") else { continue }
            pages.append(PageRef(id: element.value("ID"), entry: try locate(location), location: location))
        }
        if let outlines = document.first("Outlines") {
            var pageNumbers: [String: Int] = [:]
            for (i, page) in pages.enumerated() {
                if let id = page.id, pageNumbers[id] == nil { pageNumbers[id] = i + 1 }
            }
            collectOutline(outlines, depth: 0, pageNumbers: pageNumbers)
        }
    }

    /// Depth-first, in document order; loops are impossible in a tree, runaway size and depth are cut.
    private mutating func collectOutline(_ parent: XMLTreeElement, depth: Int, pageNumbers: [String: Int]) {
        for element in parent.all("OutlineElem") {
            guard outline.count < Self.maxOutlineItems else { return }
            let title = TextNormalizer.collapseWhitespace(element.value("Title") ?? "")
            if !title.isEmpty {
                outline.append(OutlineItem(title: title, depth: depth, page: Self.destinationPage(element, pageNumbers)))
            }
            if depth + 1 < Self.maxOutlineDepth {
                collectOutline(element, depth: depth + 1, pageNumbers: pageNumbers)
            }
        }
    }

    /// The page of the first Goto action's destination (`Actions/Action/Goto/Dest@PageID`; some producers write
    /// `GotoA`), searched a few levels deep only.
    static func destinationPage(_ element: XMLTreeElement, _ pageNumbers: [String: Int]) -> Int? {
        for action in element.first("Actions")?.all("Action") ?? [] {
            for jump in action.children where jump.name == "Goto" || jump.name == "GotoA" {
                if let id = jump.first("Dest")?.value("PageID"), let page = pageNumbers[id] { return page }
            }
        }
        return nil
    }

    static func metadata(_ info: XMLTreeElement?) -> DocumentMetadata {
        var metadata = DocumentMetadata()
        guard let info else { return metadata }
        func text(_ name: String) -> String? {
            let value = TextNormalizer.collapseWhitespace(info.first(name)?.text ?? "")
            return value.isEmpty ? nil : value
        }
        metadata.title = text("Title")
        metadata.author = text("Author")
        metadata.created = text("CreationDate").map(isoDate)
        metadata.modified = text("ModDate").map(isoDate)
        return metadata
    }

    /// ISO dates stay as written; PDF-style "D:20220708103442+02'34'" (written by some converters) becomes ISO 8601.
    static func isoDate(_ raw: String) -> String {
        guard raw.hasPrefix("D:") else { return raw }
        let digits = Array(raw.dropFirst(2))
        func part(_ from: Int, _ length: Int) -> String? {
            guard digits.count >= from + length else { return nil }
            let slice = String(digits[from..<(from + length)])
            return slice.allSatisfy(\.isNumber) ? slice : nil
        }
        guard let year = part(0, 4) else { return raw }
        var out = year
        guard let month = part(4, 2) else { return out }
        out += "-" + month
        guard let day = part(6, 2) else { return out }
        out += "-" + day
        guard let hour = part(8, 2), let minute = part(10, 2) else { return out }
        out += "T\(hour):\(minute):" + (part(12, 2) ?? "00")
        let rest = digits.count > 14 ? String(digits[14...]) : ""
        if rest.hasPrefix("Z") {
            out += "Z"
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            let zone = rest.dropFirst().filter(\.isNumber)
            if zone.count >= 4 {
                out += "\(sign)\(zone.prefix(2)):\(zone.dropFirst(2).prefix(2))"
            } else if zone.count >= 2 {
                out += "\(sign)\(zone.prefix(2)):00"
            }
        }
        return out
    }
}

/// A rectangle in millimetres, origin top-left, as OFD writes boxes: "x y width height".
struct OFDRect: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    init?(_ text: String) {
        let numbers = OFDNumbers.parse(text, limit: 4)
        guard numbers.count == 4 else { return nil }
        self.init(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
    }
}
