import Foundation

/// Temporary space for workers (OCR page images, LibreOffice profiles) under the output folder's own `.scratch/`,
/// given to them as TMPDIR. A killed run's leftovers are therefore in a known place and removed at the next start,
/// instead of piling up in /tmp.
public enum Scratch {
    public static let folderName = ".scratch"

    public static func folder(_ out: URL) -> URL { out.appendingPathComponent(folderName) }

    /// Empties the scratch folder (only one run holds the output, so nothing in it is in use) and recreates it.
    @discardableResult
    public static func reset(_ out: URL) throws -> URL {
        let folder = folder(out)
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.path) {
            makeWritable(folder)
            try fm.removeItem(at: folder)
        }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A tool may leave read-only folders behind; removal needs them writable.
    static func makeWritable(_ folder: URL) {
        let fm = FileManager.default
        _ = chmod(folder.path, 0o700)
        guard let walker = fm.enumerator(atPath: folder.path) else { return }
        while let p = walker.nextObject() as? String {
            let path = folder.appendingPathComponent(p).path
            if Inbox.isDirectory(URL(fileURLWithPath: path)) { _ = chmod(path, 0o700) }
        }
    }
}
