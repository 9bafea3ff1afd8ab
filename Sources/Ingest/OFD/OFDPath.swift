import DocumentModel
import Foundation

/// Locations written inside an OFD package (DocRoot, BaseLoc, MediaFile, …), resolved to container paths.
///
/// GB/T 33190 locations are relative to the folder of the file that names them, or absolute from the container
/// root when they start with "/". Producers also write backslashes and stray whitespace; those are tolerated.
/// A location that climbs above the container root or names a filesystem or network resource is hostile and
/// rejected as `unsafe`; entry names are never used as filesystem paths either way.
enum OFDPath {
    /// The container path `location` names when written in a file inside `folder` ("" for the root).
    static func resolve(_ location: String, from folder: String) throws(IngestError) -> String {
        var text = location.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw IngestError(.unsafe, detail: "location with a NUL character")
        }
        text = text.replacingOccurrences(of: "\\", with: "/")
        if isExternal(text) {
            throw IngestError(.unsafe, detail: "location outside the package: \(text.prefix(120))")
        }
        var segments: [Substring] = text.hasPrefix("/") ? [] : folder.split(separator: "/")
        for segment in text.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." {
                guard !segments.isEmpty else {
                    throw IngestError(.unsafe, detail: "location escapes the package: \(text.prefix(120))")
                }
                segments.removeLast()
                continue
            }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    /// The folder holding `path` ("" at the root).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Drive letters, UNC shares ("//server" once backslashes are folded) and URL schemes.
    static func isExternal(_ text: String) -> Bool {
        if text.hasPrefix("//") { return true }
        let scalars = Array(text.unicodeScalars.prefix(3))
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic, scalars[0].isASCII {
            return true
        }
        if let colon = text.firstIndex(of: ":") {
            let scheme = text[..<colon]
            // "file:", "http:", "ftp:" …: a scheme is ASCII letters (plus digits, "+", "-", ".") before a colon.
            if !scheme.isEmpty, scheme.count <= 10,
                scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "+-.".unicodeScalars.contains($0)) })
            {
                return true
            }
        }
        return false
    }
}
