import DocumentModel
import Foundation
import Structure
import XMLStream

/// Reads OFD (GB/T 33190-2016) files: the ZIP container through libzip and every XML part through the hardened
/// libxml2 reader, under the same limits as DOCX.
///
/// OFD.xml names the document; Document.xml lists the pages in order, the template pages, the resources and the
/// outline. Text is taken from TextObjects wherever they are drawn (layers, nested PageBlocks, composite units)
/// and put back in reading order from its coordinates. Template pages (running headers, letterheads) are kept
/// apart as header and footer text. Headings come from the outline when it matches the page text, otherwise
/// from numbering patterns and font cues, as for PDF. Image-only pages are recognised with OCR when allowed.
public enum OFDReader {
    public static func read(data: Data, displayPath: String, limits: IngestLimits) -> Document {
        read(data: data, displayPath: displayPath, budget: ZipBudget(limits: limits))
    }

    static func read(data: Data, displayPath: String, budget: ZipBudget) -> Document {
        do {
            return try OFDDocumentReader(data: data, displayPath: displayPath, budget: budget).read()
        } catch {
            return Document.failed(path: displayPath, format: .ofd, error: error)
        }
    }
}

/// One read of one OFD file.
private final class OFDDocumentReader {
    private let displayPath: String
    private let limits: IngestLimits
    private let container: OFDContainer
    private let resources = OFDResources()
    private var index: OFDDocumentIndex
    private var warnings: [String] = []
    private var templateCache: [String: OFDPageContent] = [:]

    init(data: Data, displayPath: String, budget: ZipBudget) throws(IngestError) {
        self.displayPath = displayPath
        limits = budget.limits
        container = try OFDContainer(data: data, budget: budget)
        index = try OFDDocumentIndex.read(container)
        warnings = index.warnings
        for entry in index.resourceEntries {
            try resources.load(entry, container: container, documentFolder: index.documentFolder)
        }
    }

    func read() throws(IngestError) -> Document {
        let pageCount = index.pages.count
        guard pageCount > 0 else { throw IngestError(.corrupt, detail: "Document.xml lists no pages") }
        var pages: [OFDPageSource.Page] = []
        for (i, reference) in index.pages.prefix(limits.maxPages).enumerated() {
            pages.append(try readPage(reference, number: i + 1))
        }
        let source = OFDPageSource(
            pages: pages, pageCount: pageCount, container: container, resources: resources, index: index)
        var reading = PagedReader(source: source, limits: limits, engine: OCREngine.installed).read()
        reading.warnings = warnings + reading.warnings
        guard reading.error == nil else {
            return reading.document(path: displayPath, format: .ofd, metadata: index.metadata, pageCount: pageCount)
        }
        reading.output.blocks = withTemplateText(reading.output.blocks, pages: pages)
        return reading.document(path: displayPath, format: .ofd, metadata: index.metadata, pageCount: pageCount)
    }

    /// Reading order per page: header text (template text above the page's middle first), the body, footers.
    private func withTemplateText(_ assembled: [Block], pages: [OFDPageSource.Page]) -> [Block] {
        var blocksByPage: [Int: [Block]] = [:]
        for block in assembled { blocksByPage[block.location.page ?? 0, default: []].append(block) }
        var blocks: [Block] = []
        var runningFont = FontTable()
        for page in pages {
            var above: [Block] = []
            var below: [Block] = []
            let lines = OFDLineBuilder.pageLines(page.templateRuns, pageHeight: page.height, resources: resources, fonts: &runningFont)
            let middle = page.height * OFDLineBuilder.pointsPerMillimetre / 2
            for line in lines {
                let header = (line.y0 + line.y1) / 2 < middle
                let block = Block(
                    kind: .paragraph, text: line.text, location: Location(page: page.number), part: header ? .header : .footer)
                if header { above.append(block) } else { below.append(block) }
            }
            // Running lines the assembler found go with the template's: above or below the page's own text.
            let own = blocksByPage[page.number] ?? []
            blocks += above + own.filter { $0.part == .header } + own.filter { $0.part != .header && $0.part != .footer }
                + own.filter { $0.part == .footer } + below
        }
        return blocks
    }

    // MARK: - Pages

    private func readPage(_ reference: OFDDocumentIndex.PageRef, number: Int) throws(IngestError) -> OFDPageSource.Page {
        let defaultBox = index.pageBox ?? OFDRect(x: 0, y: 0, width: 210, height: 297)
        var page = OFDPageSource.Page(number: number, content: nil, height: defaultBox.height, width: defaultBox.width)
        guard let entry = reference.entry else {
            warnings.append("page \(number): \(reference.location) is missing from the package")
            return page
        }
        guard var content = try parseContent(entry, what: "page \(number)") else { return page }
        // Page resources are named inside the page itself; composites drawn from them need a second pass.
        var added = false
        for location in content.pageResources {
            guard let resource = try container.locate(location, from: OFDPath.folder(of: entry), fallbacks: [index.documentFolder])
            else { continue }
            try resources.load(resource, container: container, documentFolder: index.documentFolder)
            added = true
        }
        if added, content.unresolvedComposites > 0, let again = try parseContent(entry, what: "page \(number)") {
            content = again
        }
        if let box = content.box, box.height > 0, box.width > 0 {
            page.height = box.height
            page.width = box.width
        }
        for use in content.templates {
            page.templateRuns += try template(use.id)?.runs ?? []
        }
        page.content = content
        return page
    }

    private func template(_ id: String) throws(IngestError) -> OFDPageContent? {
        if let cached = templateCache[id] { return cached }
        guard let reference = index.templates[id] else {
            warnings.append("template page \(id) is not defined in Document.xml")
            templateCache[id] = OFDPageContent()
            return nil
        }
        guard let entry = reference.entry else {
            warnings.append("template page \(id) is missing from the package")
            templateCache[id] = OFDPageContent()
            return nil
        }
        let content = try parseContent(entry, what: "template page \(id)") ?? OFDPageContent()
        templateCache[id] = content
        return content
    }

    /// A page's content; nil (with a warning) when it is damaged. Unsafe markup and limits end the document.
    private func parseContent(_ entry: String, what: String) throws(IngestError) -> OFDPageContent? {
        do {
            let bytes = try container.bytes(entry)
            return try OFDContentParser.parse(bytes, resources: resources, maxBytes: limits.maxEntryBytes)
        } catch let error as IngestError {
            guard error.kind == .corrupt else { throw error }
            warnings.append("\(what) could not be read (\(error.detail ?? "damaged"))")
            return nil
        } catch let error as XMLStreamError {
            let mapped = OFDContainer.ingestError(error, part: entry)
            guard mapped.kind == .corrupt else { throw mapped }
            warnings.append("\(what) could not be read (\(mapped.detail ?? "damaged"))")
            return nil
        } catch {
            warnings.append("\(what) could not be read (\(error))")
            return nil
        }
    }
}
