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

    /// A page as read: its content, or nothing when it could not be read.
    private struct Page {
        var number: Int
        var content: OFDPageContent?
        var height: Double
        var width: Double
        /// Text drawn by its template pages.
        var templateRuns: [OFDTextRun] = []
    }

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
        let readable = min(pageCount, limits.maxPages)
        if readable < pageCount {
            warnings.append("only the first \(readable) of \(pageCount) pages were read (page limit)")
        }
        var pages: [Page] = []
        for (i, reference) in index.pages.prefix(readable).enumerated() {
            pages.append(try readPage(reference, number: i + 1))
        }

        // Pages with usable text, image-only pages (OCR candidates) and the rest.
        var fonts = FontTable()
        var textPages: [(number: Int, text: PageText)] = []
        var imagePages: [Page] = []
        var pagesWithoutText: [Int] = []
        var garbagePages = 0
        for page in pages {
            guard let content = page.content else {
                pagesWithoutText.append(page.number)
                continue
            }
            let k = OFDLineBuilder.pointsPerMillimetre
            let lines = OFDLineBuilder.pdfLines(content.runs, pageHeight: page.height, resources: resources, fonts: &fonts)
            let garbage = !lines.isEmpty && PageTextExtractor.isGarbage(lines.map(\.text).joined(separator: "\n"))
            if !lines.isEmpty && !garbage {
                textPages.append((page.number, PageText(status: .text, lines: lines, width: page.width * k, height: page.height * k)))
                continue
            }
            if garbage { garbagePages += 1 }
            if content.images.isEmpty {
                pagesWithoutText.append(page.number)
            } else {
                imagePages.append(page)
            }
        }
        if garbagePages > 0 {
            warnings.append("\(garbagePages) pages have unreadable text (glyph codes without Unicode text); treated as without text")
        }

        var output = PDFLayoutAssembler.Output()
        if !textPages.isEmpty {
            let bookmarks = index.outline.map { PopplerDocument.Bookmark(title: $0.title, depth: $0.depth, page: $0.page) }
            output = PDFLayoutAssembler(pages: textPages, fonts: fonts, bookmarks: bookmarks).assemble()
        }
        let ocr = recognize(imagePages)
        pagesWithoutText += ocr.pagesWithoutText
        warnings += ocr.warnings

        var blocksByPage: [Int: [Block]] = [:]
        for block in output.blocks + ocr.output.blocks { blocksByPage[block.location.page ?? 0, default: []].append(block) }
        let hasBodyText = !textPages.isEmpty || !ocr.output.blocks.isEmpty
        guard hasBodyText else {
            var failed = Document(
                path: displayPath, format: .ofd, metadata: index.metadata, pageCount: pageCount,
                pagesWithoutText: pagesWithoutText.sorted(), warnings: warnings)
            failed.error = ocr.error ?? IngestError(.noTextLayer, detail: "no page of \(pageCount) has text")
            return failed
        }

        // Reading order per page: header text (template text above the page's middle first), the body, footers.
        var blocks: [Block] = []
        var runningFont = FontTable()
        for page in pages {
            var above: [Block] = []
            var below: [Block] = []
            let lines = OFDLineBuilder.pdfLines(page.templateRuns, pageHeight: page.height, resources: resources, fonts: &runningFont)
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
        let toc = (output.toc + ocr.output.toc).enumerated()
            .sorted { ($0.element.location.page ?? 0, $0.offset) < ($1.element.location.page ?? 0, $1.offset) }.map(\.element)
        return Document(
            path: displayPath, format: .ofd, metadata: index.metadata, pageCount: pageCount, blocks: blocks, toc: toc,
            pagesWithoutText: pagesWithoutText.sorted(), warnings: warnings + output.warnings + ocr.output.warnings,
            ocrPages: Set(ocr.output.blocks.compactMap(\.location.page)).sorted())
    }

    // MARK: - Pages

    private func readPage(_ reference: OFDDocumentIndex.PageRef, number: Int) throws(IngestError) -> Page {
        let defaultBox = index.pageBox ?? OFDRect(x: 0, y: 0, width: 210, height: 297)
        var page = Page(number: number, content: nil, height: defaultBox.height, width: defaultBox.width)
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

    // MARK: - OCR

    private struct OCRResult {
        var output = PDFLayoutAssembler.Output()
        var pagesWithoutText: [Int] = []
        var warnings: [String] = []
        /// Why a document without any text has none, when OCR was the reason.
        var error: IngestError?
    }

    /// Image-only pages through tesseract, up to the page cap. Recognised lines are laid out like text lines (in
    /// image pixels, so their own assembler) and carry the page's mean confidence.
    private func recognize(_ pages: [Page]) -> OCRResult {
        var result = OCRResult()
        guard !pages.isEmpty else { return result }
        let numbers = pages.map(\.number)
        guard limits.ocr != .off else {
            result.pagesWithoutText = numbers
            result.warnings.append("\(pages.count) image-only pages not recognised (OCR is off)")
            result.error = IngestError(.noTextLayer, detail: "image-only pages and OCR is off")
            return result
        }
        if case .failure(let error) = OCREngine.availability {
            result.pagesWithoutText = numbers
            result.warnings.append("\(pages.count) image-only pages not recognised: \(error.detail ?? "OCR unavailable")")
            result.error = error
            return result
        }
        let engine = OFDPageOCR(container: container, resources: resources, timeout: limits.ocrPageTimeout)
        var ocrPages: [(number: Int, text: PageText)] = []
        var confidence: [Int: Double] = [:]
        var empty = 0
        var failures: [String] = []
        for (i, page) in pages.enumerated() {
            guard i < limits.maxOCRPages else {
                result.pagesWithoutText.append(page.number)
                continue
            }
            let images = engine.candidates(page.content ?? OFDPageContent(), pageArea: page.width * page.height)
            guard !images.isEmpty else {
                result.pagesWithoutText.append(page.number)
                failures.append("page \(page.number): its images are missing from the package")
                continue
            }
            switch engine.recognize(images) {
            case .success(let recognised):
                let lines = recognised.compactMap { line -> PDFLine? in
                    let text = TextNormalizer.collapseWhitespace(line.text)
                    guard !text.isEmpty else { return nil }
                    let width = Double(line.height) * Double(text.count)
                    return PDFLine(
                        text: text, x0: Double(line.left), y0: Double(line.top), x1: Double(line.left) + width,
                        y1: Double(line.top + line.height), fontSize: Double(line.height), font: 0,
                        weight: text.unicodeScalars.filter { !$0.properties.isWhitespace }.count)
                }
                guard !lines.isEmpty, !PageTextExtractor.isGarbage(lines.map(\.text).joined(separator: "\n")) else {
                    result.pagesWithoutText.append(page.number)
                    empty += 1
                    continue
                }
                ocrPages.append((page.number, PageText(status: .text, lines: lines, width: 0, height: 0)))
                confidence[page.number] = recognised.map(\.confidence).reduce(0, +) / Double(recognised.count)
            case .failure(let error):
                result.pagesWithoutText.append(page.number)
                failures.append("page \(page.number): \(error.detail ?? error.message)")
                if error.kind == .ocrUnavailable { result.error = error }
            }
        }
        if pages.count > limits.maxOCRPages {
            result.warnings.append(
                "only \(limits.maxOCRPages) of \(pages.count) image-only pages were recognised (OCR page limit)")
        }
        if empty > 0 { result.warnings.append("OCR found no legible text on \(empty) image-only pages") }
        if !failures.isEmpty { result.warnings.append("OCR failed: " + failures.prefix(5).joined(separator: "; ")) }
        if !ocrPages.isEmpty {
            result.output = PDFLayoutAssembler(pages: ocrPages, fonts: FontTable(), bookmarks: []).assemble()
            for i in result.output.blocks.indices {
                result.output.blocks[i].ocrConfidence = result.output.blocks[i].location.page.flatMap { confidence[$0] }
            }
            result.warnings.append("\(ocrPages.count) image-only pages read with OCR")
        } else if result.error == nil {
            result.error = IngestError(.noTextLayer, detail: "image-only pages; OCR found no legible text")
        }
        return result
    }
}
