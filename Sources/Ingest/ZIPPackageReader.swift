import DocumentModel
import Foundation

/// Reads an acceptance package (ZIP) in memory: every entry is ingested recursively, never extracted to disk.
public enum ZIPPackageReader {
    /// `depth` is the nesting depth of this package (0 for a file on disk).
    public static func read(data: Data, displayPath: String, limits: IngestLimits, depth: Int) -> [Document] {
        read(data: data, displayPath: displayPath, budget: ZipBudget(limits: limits), depth: depth, ingestEntry: Ingestor.ingest)
    }

    /// The reader proper. `ingestEntry` reads one non-ZIP entry (the `Ingestor` dispatch in production); nested ZIPs
    /// are read here so that depth and the inflated-bytes budget carry across nesting levels.
    static func read(
        data: Data, displayPath: String, budget: ZipBudget, depth: Int,
        ingestEntry: (Data, String, IngestLimits) -> [Document]
    ) -> [Document] {
        let limits = budget.limits
        guard depth <= limits.maxNestingDepth else {
            return [
                Document.failed(
                    path: displayPath, format: .zip,
                    error: IngestError(.tooLarge, detail: "nesting deeper than \(limits.maxNestingDepth)"))
            ]
        }
        let archive: ZipArchive
        do {
            archive = try ZipArchive(data: data, budget: budget)
        } catch {
            return [Document.failed(path: displayPath, format: .zip, error: error)]
        }
        var documents: [Document] = []
        for entry in archive.entries where shouldRead(entry.name) && !entry.isDirectory {
            let path = displayPath + "!/" + entry.name
            let format = formatFromName(entry.name)
            if escapesPackage(entry.name) {
                // Never extracted, but a name meant to escape marks a hostile package: say so, read nothing.
                documents.append(Document.failed(path: path, format: format, error: IngestError(
                    .unsafe, message: "压缩包内的条目名称含路径穿越（../ 或绝对路径），已拒绝读取该条目",
                    detail: "entry name \(entry.name) escapes the package")))
                continue
            }
            let bytes: [UInt8]
            do {
                bytes = try archive.read(entry)
            } catch {
                documents.append(Document.failed(path: path, format: format, error: error))
                // Past the package-wide budget nothing more can be read.
                if error.kind == .tooLarge, budget.totalBytes > limits.maxTotalUncompressedBytes { break }
                continue
            }
            let entryData = Data(bytes)
            if isNestedPackage(name: entry.name, bytes: bytes) {
                documents.append(
                    contentsOf: read(data: entryData, displayPath: path, budget: budget, depth: depth + 1, ingestEntry: ingestEntry))
            } else {
                var entryLimits = limits
                entryLimits.maxTotalUncompressedBytes = max(0, limits.maxTotalUncompressedBytes - budget.totalBytes)
                documents.append(contentsOf: ingestEntry(entryData, path, entryLimits))
            }
        }
        return documents
    }

    /// Directories, macOS resource forks and hidden or system files carry no project content.
    static func shouldRead(_ name: String) -> Bool {
        if name.hasSuffix("/") || name.hasPrefix("__MACOSX/") { return false }
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        // Hidden files and folders (.DS_Store, .git/); "." and ".." are left to `escapesPackage`.
        if components.contains(where: { $0.hasPrefix(".") && $0 != "." && $0 != ".." }) { return false }
        let last = components.last.map { $0.lowercased() } ?? ""
        return !last.isEmpty && last != "thumbs.db" && last != "desktop.ini"
    }

    /// An absolute name (`/x`, `\\x`, `C:x`) or one with a `..` component would land outside an extraction folder.
    static func escapesPackage(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.hasPrefix("\\") { return true }
        let scalars = Array(name.unicodeScalars.prefix(2))
        if scalars.count == 2, scalars[1] == ":", scalars[0].isASCII, scalars[0].properties.isAlphabetic { return true }
        return name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    static func isNestedPackage(name: String, bytes: [UInt8]) -> Bool {
        let isZipMagic = bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 3 || bytes[2] == 5)
        return isZipMagic && name.lowercased().hasSuffix(".zip")
    }

    /// The format a failed entry's name suggests; only used to label documents that could not be read.
    static func formatFromName(_ name: String) -> DocumentFormat {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return DocumentFormat(rawValue: ext) ?? .unknown
    }
}
