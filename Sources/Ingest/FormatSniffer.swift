import DocumentModel
import Foundation

/// What the first bytes of a file say it is.
public struct SniffResult: Sendable, Hashable {
    public var format: DocumentFormat
    /// Password-protected: an OLE2 container holding an `EncryptedPackage` stream (OOXML), or a Word binary whose
    /// header has the `fEncrypted` flag.
    public var encrypted: Bool
    /// English detail for logs and for the error of an unknown or mislabelled file.
    public var note: String?
    /// A verdict the bytes settle without any reader: encrypted, damaged, or a kind of file no reader takes.
    public var failure: IngestError?

    public init(format: DocumentFormat, encrypted: Bool = false, note: String? = nil, failure: IngestError? = nil) {
        self.format = format
        self.encrypted = encrypted
        self.note = note
        self.failure = failure ?? (encrypted ? IngestError(.encrypted, detail: note) : nil)
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
            if hasPrefix(bytes, CompoundFile.signature) {
                return inspectCompoundFile(bytes, ext: ext)
            }
            if hasPrefix(bytes, Array("{\\rtf".utf8)) {
                return SniffResult(format: .rtf)
            }
            return SniffResult(format: .unknown, note: describeUnknown(bytes))
        }
    }

    /// OLE2 compound file: its directory tells a Word binary (.doc, and .wps as WPS Office writes it) from an
    /// encrypted OOXML package, a workbook or a presentation; the Word header tells whether it needs a password.
    static func inspectCompoundFile(_ bytes: UnsafeBufferPointer<UInt8>, ext: String) -> SniffResult {
        // Kingsoft WPS 文字 saves .wps files in the Word 97-2003 binary format, byte for byte: only the name
        // differs, so the extension picks the label among Word binaries (LibreOffice reads both alike).
        let wordLabel: DocumentFormat = ext == "wps" ? .wps : .doc
        let file: CompoundFile
        do {
            file = try CompoundFile(bytes)
        } catch {
            // Too damaged to list its streams: the raw bytes may still name them.
            if find(bytes, utf16("EncryptedPackage"), limit: bytes.count) != nil {
                return SniffResult(format: ext == "docx" ? .docx : .unknown, encrypted: true, note: "OLE2 EncryptedPackage")
            }
            let wordLike = find(bytes, utf16("WordDocument"), limit: bytes.count) != nil || ["doc", "dot", "wps"].contains(ext)
            return damaged(wordLike ? wordLabel : .unknown, "damaged OLE2 compound file: \(error)")
        }
        if file.has("EncryptedPackage") || file.has("EncryptionInfo") {
            return SniffResult(format: ext == "docx" ? .docx : .unknown, encrypted: true, note: "OLE2 EncryptedPackage")
        }
        if let word = file.topLevelStream("WordDocument") {
            return inspectWordBinary(file, word, bytes, label: wordLabel)
        }
        if file.has("Workbook") || file.has("Book") {
            return unsupported("不支持的文件类型：这是 Excel 电子表格（.xls/.et），不是文字文档，请提交 Word、WPS、PDF 或 OFD 格式的文档",
                               "OLE2 Excel workbook")
        }
        if file.has("PowerPoint Document") {
            return unsupported("不支持的文件类型：这是 PowerPoint 演示文稿（.ppt/.dps），不是文字文档，请提交 Word、WPS、PDF 或 OFD 格式的文档",
                               "OLE2 PowerPoint presentation")
        }
        if file.has("CONTENTS") && ext == "wps" {
            // Microsoft Works word processor (also .wps): LibreOffice reads it through libwps.
            return SniffResult(format: .wps, note: "OLE2 Microsoft Works document")
        }
        return unsupported("不支持的文件类型（OLE2 复合文档，但不是 Word 文档）", "OLE2 compound file without a WordDocument stream")
    }

    /// A Word binary's File Information Block ([MS-DOC] 2.5.2 FibBase): the signature, the password flag and which
    /// table stream holds the document's structure, which must be present and whole.
    static func inspectWordBinary(
        _ file: CompoundFile, _ word: CompoundFile.Entry, _ bytes: UnsafeBufferPointer<UInt8>, label: DocumentFormat
    ) -> SniffResult {
        guard let fib = try? file.read(word, from: bytes, limit: 32), fib.count == 32 else {
            return damaged(label, "WordDocument stream unreadable or shorter than a FIB")
        }
        let ident = UInt16(fib[0]) | UInt16(fib[1]) << 8
        guard ident == 0xA5EC || ident == 0xA5DC else {
            return damaged(label, String(format: "WordDocument stream without a Word signature (0x%04X)", ident))
        }
        let flags = UInt16(fib[0x0A]) | UInt16(fib[0x0B]) << 8
        if flags & 0x0100 != 0 {
            // fEncrypted; with fObfuscated (0x8000) it is Word's XOR obfuscation, which also asks for a password.
            let how = flags & 0x8000 != 0 ? "XOR-obfuscated" : "encrypted"
            return SniffResult(format: label, encrypted: true, note: "Word binary \(how) with a password to open (FIB fEncrypted)")
        }
        guard file.isComplete(word, in: bytes) else {
            return damaged(label, "WordDocument stream incomplete: sectors missing (file cut short?)")
        }
        if ident == 0xA5EC {
            // Word 97 and later keep styles, lists and the piece table in 0Table or 1Table (fWhichTblStm).
            let tableName = flags & 0x0200 != 0 ? "1Table" : "0Table"
            guard let table = file.topLevelStream(tableName), file.isComplete(table, in: bytes) else {
                return damaged(label, "\(tableName) stream missing or incomplete")
            }
            return SniffResult(format: label, note: "Word 97-2003 binary")
        }
        return SniffResult(format: label, note: "Word 6/95 binary")
    }

    static func damaged(_ format: DocumentFormat, _ detail: String) -> SniffResult {
        SniffResult(format: format, note: detail, failure: IngestError(.corrupt, detail: detail))
    }

    static func unsupported(_ message: String, _ detail: String) -> SniffResult {
        SniffResult(format: .unknown, note: detail, failure: IngestError(.unsupported, message: message, detail: detail))
    }

    static func utf16(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
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
