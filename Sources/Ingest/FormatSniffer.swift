import DocumentModel
import Foundation

/// What the first bytes of a file say it is.
public struct SniffResult: Sendable, Hashable {
    public var format: DocumentFormat
    /// An OLE2 container holding an `EncryptedPackage` stream: a password-protected OOXML file.
    public var encrypted: Bool
    /// English detail for logs and for the error of an unknown or mislabelled file.
    public var note: String?

    public init(format: DocumentFormat, encrypted: Bool = false, note: String? = nil) {
        self.format = format
        self.encrypted = encrypted
        self.note = note
    }
}

/// Tells a file's format from its first bytes: extensions lie (a .doc renamed .docx, an encrypted .docx is OLE2).
public enum FormatSniffer {
    public static func sniff(_ data: Data, fileName: String) -> DocumentFormat {
        inspect(data, fileName: fileName).format
    }

    public static func inspect(_ data: Data, fileName: String) -> SniffResult {
        guard !data.isEmpty else { return SniffResult(format: .unknown, note: "empty file") }
        let ext = (fileName as NSString).pathExtension.lowercased()
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> SniffResult in
            let bytes = raw.bindMemory(to: UInt8.self)
            if hasPrefix(bytes, [0x25, 0x50, 0x44, 0x46, 0x2D]) || find(bytes, Array("%PDF-".utf8), limit: 1024) != nil {
                return SniffResult(format: .pdf)
            }
            if hasPrefix(bytes, [0x50, 0x4B, 0x03, 0x04]) || hasPrefix(bytes, [0x50, 0x4B, 0x05, 0x06]) {
                return inspectZip(bytes)
            }
            if hasPrefix(bytes, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
                let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
                if find(bytes, marker, limit: bytes.count) != nil {
                    return SniffResult(format: ext == "docx" ? .docx : .unknown, encrypted: true, note: "OLE2 EncryptedPackage")
                }
                return SniffResult(format: ext == "wps" ? .wps : .doc, note: "OLE2 compound file")
            }
            if hasPrefix(bytes, Array("{\\rtf".utf8)) {
                return SniffResult(format: .rtf)
            }
            return SniffResult(format: .unknown, note: describeUnknown(bytes))
        }
    }

    /// ZIP: the central directory's names decide between DOCX, OFD and a plain package.
    static func inspectZip(_ bytes: UnsafeBufferPointer<UInt8>) -> SniffResult {
        let names = centralDirectoryNames(bytes)
        if names.contains("word/document.xml") { return SniffResult(format: .docx) }
        if names.contains("OFD.xml") { return SniffResult(format: .ofd) }
        if names.contains("[Content_Types].xml") {
            return SniffResult(format: .unknown, note: "OOXML package without word/document.xml (not a Word document)")
        }
        if names.isEmpty {
            // No readable central directory (truncated): fall back to the raw bytes, local headers carry names too.
            if find(bytes, Array("word/document.xml".utf8), limit: bytes.count) != nil { return SniffResult(format: .docx) }
            if find(bytes, Array("OFD.xml".utf8), limit: bytes.count) != nil { return SniffResult(format: .ofd) }
        }
        return SniffResult(format: .zip)
    }

    /// Entry names from the central directory, located through the end-of-central-directory record.
    static func centralDirectoryNames(_ bytes: UnsafeBufferPointer<UInt8>) -> Set<String> {
        let n = bytes.count
        guard n >= 22 else { return [] }
        var eocd = -1
        var i = n - 22
        let lowest = max(0, n - 22 - 65_535)
        while i >= lowest {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { return [] }
        let count = Int(le16(bytes, eocd + 10))
        var offset = Int(le32(bytes, eocd + 16))
        var names: Set<String> = []
        for _ in 0..<min(count, 100_000) {
            guard offset + 46 <= n, le32(bytes, offset) == 0x0201_4B50 else { break }
            let nameLength = Int(le16(bytes, offset + 28))
            let extraLength = Int(le16(bytes, offset + 30))
            let commentLength = Int(le16(bytes, offset + 32))
            guard offset + 46 + nameLength <= n else { break }
            let nameBytes = UnsafeBufferPointer(rebasing: bytes[(offset + 46)..<(offset + 46 + nameLength)])
            names.insert(String(decoding: nameBytes, as: UTF8.self))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return names
    }

    static func describeUnknown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 512)]), as: UTF8.self)
            .lowercased()
        if head.contains("<html") || head.contains("<!doctype html") { return "HTML content" }
        if head.hasPrefix("<?xml") { return "XML content" }
        if bytes.count >= 4, bytes[0] == 0x89, bytes[1] == 0x50, bytes[2] == 0x4E, bytes[3] == 0x47 { return "PNG image" }
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return "JPEG image" }
        return "unrecognised content"
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for (i, b) in prefix.enumerated() where bytes[i] != b { return false }
        return true
    }

    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], limit: Int) -> Int? {
        let end = min(bytes.count, limit) - needle.count
        guard end >= 0, let first = needle.first else { return nil }
        var i = 0
        outer: while i <= end {
            if bytes[i] == first {
                for j in 1..<needle.count where bytes[i + j] != needle[j] {
                    i += 1
                    continue outer
                }
                return i
            }
            i += 1
        }
        return nil
    }

    static func le16(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16 {
        guard i + 2 <= b.count else { return 0 }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func le32(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        guard i + 4 <= b.count else { return 0 }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
