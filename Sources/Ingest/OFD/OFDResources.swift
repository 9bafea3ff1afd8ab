import DocumentModel
import Foundation
import XMLStream

/// Fonts, images and composite graphic units of one document, gathered from PublicRes, DocumentRes and the pages'
/// own PageRes files. Resource IDs are unique within a document, so one table serves every page.
final class OFDResources {
    struct Font {
        /// The font's name without a subset tag ("ABCDEF+SimSun" → "SimSun").
        var name: String
        var bold: Bool
    }

    struct Media {
        /// Container path of the file; nil when the package lacks it.
        var entry: String?
        var location: String
    }

    private(set) var fonts: [String: Font] = [:]
    private(set) var media: [String: Media] = [:]
    /// The `Content` element of each CompositeGraphicUnit: drawn wherever a CompositeObject names the unit.
    private(set) var units: [String: XMLTreeElement] = [:]
    private(set) var warnings: [String] = []
    private var loaded: Set<String> = []

    /// Reads one resource file. Damage is a warning (the text may not need the resource); unsafe locations and
    /// limits still end the document.
    func load(_ entry: String, container: OFDContainer, documentFolder: String) throws(IngestError) {
        guard loaded.insert(entry.lowercased()).inserted else { return }
        let root: XMLTreeElement
        do {
            root = try container.tree(entry)
        } catch {
            if error.kind == .corrupt {
                warnings.append("resource file \(entry) could not be read (\(error.detail ?? "damaged"))")
                return
            }
            throw error
        }
        let folder = OFDPath.folder(of: entry)
        // Media files are named relative to the file's BaseLoc folder.
        var base = folder
        if let baseLoc = root.value("BaseLoc") { base = try OFDPath.resolve(baseLoc, from: folder) }

        for font in root.first("Fonts")?.all("Font") ?? [] {
            guard let id = font.value("ID"), fonts[id] == nil else { continue }
            let name = Self.stripSubsetTag(font.value("FontName") ?? font.value("FamilyName") ?? "")
            fonts[id] = Font(name: name.isEmpty ? "Default" : name, bold: font.value("Bold")?.lowercased() == "true")
        }
        for item in root.first("MultiMedias")?.all("MultiMedia") ?? [] {
            guard let id = item.value("ID"), media[id] == nil, let location = item.first("MediaFile")?.trimmedText else {
                continue
            }
            let found = try container.locate(location, from: base, fallbacks: [folder, documentFolder])
            media[id] = Media(entry: found, location: location)
        }
        for unit in root.first("CompositeGraphicUnits")?.all("CompositeGraphicUnit") ?? [] {
            guard let id = unit.value("ID"), units[id] == nil, let content = unit.first("Content") else { continue }
            units[id] = content
        }
    }

    static func stripSubsetTag(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let plus = trimmed.firstIndex(of: "+"), trimmed.distance(from: trimmed.startIndex, to: plus) == 6,
            trimmed[..<plus].allSatisfy({ $0.isASCII && $0.isUppercase })
        else { return trimmed }
        return String(trimmed[trimmed.index(after: plus)...])
    }
}
