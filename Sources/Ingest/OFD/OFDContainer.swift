import DocumentModel
import Foundation
import XMLStream

/// The ZIP container of an OFD file, read through `ZipArchive` under the same limits as DOCX, with the lookups
/// real producers need: case-insensitive names, locations relative to the wrong folder, and parts found by their
/// trailing path when a producer wrote a non-standard prefix.
final class OFDContainer {
    let archive: ZipArchive
    let limits: IngestLimits
    /// Lower-cased entry names, for the trailing-path fallback.
    private lazy var lowercasedNames: [(name: String, lowered: String)] = archive.entries
        .filter { !$0.isDirectory }.map { ($0.name, $0.name.lowercased()) }

    init(data: Data, budget: ZipBudget) throws(IngestError) {
        archive = try ZipArchive(data: data, budget: budget)
        limits = budget.limits
    }

    /// The entry name `location` refers to when written in a file inside `folder`, or nil when the package has no
    /// such part. The referrer's own resolution decides safety: an escape there is `unsafe` even when a fallback
    /// would have found something. `fallbacks` are further folders to try (the document's folder, the root).
    func locate(_ location: String, from folder: String, fallbacks: [String] = []) throws(IngestError) -> String? {
        let primary = try OFDPath.resolve(location, from: folder)
        guard !primary.isEmpty else { return nil }
        if let entry = archive.entry(named: primary), !entry.isDirectory { return entry.name }
        for base in fallbacks + [""] {
            guard let candidate = try? OFDPath.resolve(location, from: base), !candidate.isEmpty,
                let entry = archive.entry(named: candidate), !entry.isDirectory
            else { continue }
            return entry.name
        }
        // A producer-specific prefix: accept a unique entry that ends with the location's own path.
        let tail = "/" + ((try? OFDPath.resolve(location, from: "")) ?? primary).lowercased()
        let matches = lowercasedNames.filter { $0.lowered.hasSuffix(tail) }
        return matches.count == 1 ? matches[0].name : nil
    }

    func bytes(_ name: String) throws(IngestError) -> [UInt8] {
        guard let entry = archive.entry(named: name) else {
            throw IngestError(.corrupt, detail: "missing part \(name)")
        }
        return try archive.read(entry, maxBytes: limits.maxEntryBytes)
    }

    /// A small part (OFD.xml, Document.xml, resources) parsed as a tree.
    func tree(_ name: String, maxNodes: Int = 1_000_000) throws(IngestError) -> XMLTreeElement {
        let data = try bytes(name)
        do {
            return try XMLTreeElement.parse(data, maxBytes: limits.maxEntryBytes, maxNodes: maxNodes)
        } catch let error as XMLStreamError {
            throw Self.ingestError(error, part: name)
        } catch {
            throw IngestError(.corrupt, detail: "\(name): \(error)")
        }
    }

    static func ingestError(_ error: XMLStreamError, part: String) -> IngestError {
        switch error {
        case .unsafe(let why): return IngestError(.unsafe, detail: "\(part): \(why)")
        case .tooLarge(let size): return IngestError(.tooLarge, detail: "\(part): \(size)")
        case .malformed(let why): return IngestError(.corrupt, detail: "\(part): \(why)")
        }
    }
}

/// OFD files come with the standard namespace, a non-standard one ("http://www.ofdspec.org") or none at all, so
/// elements and attributes are matched by local name only.
extension XMLTreeElement {
    func first(_ name: String) -> XMLTreeElement? { children.first { $0.name == name } }

    func all(_ name: String) -> [XMLTreeElement] { children.filter { $0.name == name } }

    /// The attribute with this local name in any namespace.
    func value(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Trimmed direct text, nil when empty.
    var trimmedText: String? {
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
