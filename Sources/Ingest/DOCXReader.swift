import DocumentModel
import Foundation
import XMLStream

/// Reads a DOCX (WordprocessingML) package through libzip and libxml2 into the document model.
///
/// document.xml is streamed; styles, numbering, relationships and properties are small and read as trees. Only
/// body and text-box blocks count as content; headers, footers, notes and comments are kept with their parts.
public enum DOCXReader {
    public static func read(data: Data, displayPath: String, limits: IngestLimits) -> Document {
        read(data: data, displayPath: displayPath, budget: ZipBudget(limits: limits))
    }

    static func read(data: Data, displayPath: String, budget: ZipBudget) -> Document {
        do {
            return try readPackage(data: data, displayPath: displayPath, budget: budget)
        } catch {
            return Document.failed(path: displayPath, format: .docx, error: error)
        }
    }

    private static func readPackage(data: Data, displayPath: String, budget: ZipBudget) throws(IngestError) -> Document {
        guard !data.isEmpty else { throw IngestError(.corrupt, detail: "empty file") }
        let archive = try ZipArchive(data: data, budget: budget)
        let package = DOCXPackage(archive: archive, limits: budget.limits)

        let rootRelationships = try package.relationships(of: "")
        let mainPath = rootRelationships.first { $0.type == "officeDocument" && !$0.isExternal }?.target
            ?? (package.has("word/document.xml") ? "word/document.xml" : nil)
        guard let mainPath, let mainBytes = try package.bytes(mainPath) else {
            throw IngestError(.corrupt, detail: "no main document part")
        }
        let relationships = try package.relationships(of: mainPath)
        func target(_ type: String) -> String? { relationships.first { $0.type == type && !$0.isExternal }?.target }
        func targets(_ type: String) -> [String] {
            var seen = Set<String>()
            return relationships.filter { $0.type == type && !$0.isExternal }.map(\.target).filter { seen.insert($0).inserted }
        }

        let styles = DOCXStyles(root: try target("styles").flatMap { path throws(IngestError) in try package.tree(path) })
        let numbering = DOCXNumbering(
            root: try target("numbering").flatMap { path throws(IngestError) in try package.tree(path) }, styles: styles)

        var document = Document(path: displayPath, format: .docx)
        let body = try parse(mainBytes, part: .body, name: mainPath, limits: budget.limits)
        var builder = DOCXBlockBuilder(styles: styles, numbering: numbering)
        builder.add(body.items)
        document.blocks = builder.blocks
        document.toc = builder.toc
        if body.altChunks > 0 {
            document.warnings.append("altChunk content not read (\(body.altChunks) imported part(s)); convert the file to read it")
        }

        // Running headers, footers, notes and comments: read, but kept apart from the body.
        let secondary: [(String, DocumentPart)] = targets("header").map { ($0, .header) }
            + targets("footer").map { ($0, .footer) } + targets("footnotes").map { ($0, .footnote) }
            + targets("endnotes").map { ($0, .endnote) } + targets("comments").map { ($0, .comment) }
        for (path, part) in secondary {
            guard let bytes = try package.bytes(path) else { continue }
            let parsed = try parse(bytes, part: part, name: path, limits: budget.limits)
            for item in parsed.items {
                switch item {
                case .paragraph(let paragraph):
                    let text = TextNormalizer.collapseWhitespace(paragraph.text)
                    guard !text.isEmpty else { continue }
                    document.blocks.append(Block(kind: .paragraph, text: text, location: Location(), part: part))
                case .table(let table):
                    document.blocks.append(Block(kind: .table, text: table.text, location: Location(), part: part))
                }
            }
        }

        let corePath = rootRelationships.first { $0.type == "core-properties" }?.target ?? "docProps/core.xml"
        document.metadata = DOCXProperties.metadata(try optionalTree(package, corePath))
        let appPath = rootRelationships.first { $0.type == "extended-properties" }?.target ?? "docProps/app.xml"
        document.pageCount = DOCXProperties.pageCount(try optionalTree(package, appPath))
        return document
    }

    /// A part whose damage should not sink the document (properties); unsafe markup still does.
    private static func optionalTree(_ package: DOCXPackage, _ path: String) throws(IngestError) -> XMLTreeElement? {
        do {
            return try package.tree(path)
        } catch {
            if error.kind == .unsafe || error.kind == .tooLarge { throw error }
            return nil
        }
    }

    private static func parse(_ bytes: [UInt8], part: DocumentPart, name: String, limits: IngestLimits) throws(IngestError)
        -> DOCXBodyParser
    {
        do {
            return try DOCXBodyParser.parse(bytes, part: part, maxBytes: limits.maxEntryBytes)
        } catch let error as XMLStreamError {
            throw DOCXPackage.ingestError(error, part: name)
        } catch {
            throw IngestError(.corrupt, detail: "\(name): \(error)")
        }
    }
}
