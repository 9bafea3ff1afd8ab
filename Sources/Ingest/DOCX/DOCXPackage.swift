import DocumentModel
import Foundation
import XMLStream

/// Namespace URIs, transitional and strict: match on these, never on prefixes.
enum OOXML {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let wStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let rStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    static let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let extendedProperties = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

    @inline(__always) static func isW(_ namespace: String) -> Bool { namespace == w || namespace == wStrict }
}

/// One relationship of a part, its target resolved to a package path.
struct DOCXRelationship {
    var id: String
    /// The last segment of the relationship type URI, e.g. "officeDocument", "styles", "header".
    var type: String
    var target: String
    var isExternal: Bool
}

/// The OPC package of a DOCX: parts by path, reached through relationships.
final class DOCXPackage {
    let archive: ZipArchive
    let maxPartBytes: Int

    init(archive: ZipArchive, limits: IngestLimits) {
        self.archive = archive
        self.maxPartBytes = limits.maxEntryBytes
    }

    func has(_ path: String) -> Bool { archive.entry(named: path) != nil }

    /// The part's bytes, or nil when the package has no such part.
    func bytes(_ path: String) throws(IngestError) -> [UInt8]? {
        guard let entry = archive.entry(named: path) else { return nil }
        return try archive.read(entry, maxBytes: maxPartBytes)
    }

    /// The part parsed as a small tree, or nil when absent.
    func tree(_ path: String) throws(IngestError) -> XMLTreeElement? {
        guard let bytes = try bytes(path) else { return nil }
        do {
            return try XMLTreeElement.parse(bytes, maxBytes: maxPartBytes)
        } catch let error as XMLStreamError {
            throw DOCXPackage.ingestError(error, part: path)
        } catch {
            throw IngestError(.corrupt, detail: "\(path): \(error)")
        }
    }

    /// Relationships of `part` ("" for the package itself), from its `_rels/<name>.rels` part.
    func relationships(of part: String) throws(IngestError) -> [DOCXRelationship] {
        let folder = DOCXPackage.folder(of: part)
        let name = part.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        guard let root = try tree(relsPath) else { return [] }
        var result: [DOCXRelationship] = []
        for element in root.children where element.name == "Relationship" {
            guard let id = element.attribute("Id"), let type = element.attribute("Type"),
                let target = element.attribute("Target")
            else { continue }
            let external = element.attribute("TargetMode")?.lowercased() == "external"
            let shortType = type.split(separator: "/").last.map(String.init) ?? type
            result.append(
                DOCXRelationship(
                    id: id, type: shortType, target: external ? target : DOCXPackage.resolve(target, from: folder),
                    isExternal: external))
        }
        return result
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// Resolves a relationship target against the source part's folder, folding "." and ".." segments.
    static func resolve(_ target: String, from folder: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring] = decoded.hasPrefix("/") ? [] : folder.split(separator: "/")
        for segment in decoded.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    static func ingestError(_ error: XMLStreamError, part: String) -> IngestError {
        switch error {
        case .unsafe(let why): return IngestError(.unsafe, detail: "\(part): \(why)")
        case .tooLarge(let size): return IngestError(.tooLarge, detail: "\(part): \(size)")
        case .malformed(let why): return IngestError(.corrupt, detail: "\(part): \(why)")
        }
    }
}

/// docProps/core.xml and docProps/app.xml.
enum DOCXProperties {
    static func metadata(_ root: XMLTreeElement?) -> DocumentMetadata {
        var metadata = DocumentMetadata()
        guard let root else { return metadata }
        func value(_ name: String, _ namespace: String) -> String? {
            let text = root.child(name, namespace: namespace)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return (text?.isEmpty ?? true) ? nil : text
        }
        metadata.title = value("title", OOXML.dc)
        metadata.author = value("creator", OOXML.dc)
        metadata.created = value("created", OOXML.dcterms)
        metadata.modified = value("modified", OOXML.dcterms)
        return metadata
    }

    static func pageCount(_ root: XMLTreeElement?) -> Int? {
        guard let root else { return nil }
        let text = root.children.first { $0.name == "Pages" }?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let text, let pages = Int(text), pages > 0 else { return nil }
        return pages
    }
}
