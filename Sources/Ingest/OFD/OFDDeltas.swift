import DocumentModel

/// DeltaX / DeltaY of a TextCode: the offset of each glyph from the one before, with the compressed form
/// "g <count> <value>" standing for `count` copies of `value` (GB/T 33190 §11.3).
enum OFDDeltas {
    /// A TextCode longer than this is refused, and so is a "g" count above it: no line of text needs more.
    static let maxCount = 100_000

    /// The first `needed` offsets, each clamped to ±`OFDNumbers.maxMagnitude` (fewer when the list is shorter; missing ones are estimated by the caller).
    /// The string is scanned only as far as needed, so an absurd list costs nothing once enough values are read,
    /// but an absurd repeat count is refused as `unsafe` wherever it is met.
    static func expand(_ text: String?, needed: Int) throws(IngestError) -> [Double] {
        guard let text, needed > 0 else { return [] }
        var out: [Double] = []
        out.reserveCapacity(min(needed, 4096))
        var tokens = Tokenizer(text.utf8)
        while out.count < needed, let token = tokens.next() {
            if token == "g" || token == "G" {
                guard let countToken = tokens.next(), let count = Int(countToken) else { break }
                guard count >= 0, count <= maxCount else {
                    throw IngestError(.unsafe, detail: "delta repeat count \(countToken.prefix(20)) over \(maxCount)")
                }
                guard let value = OFDNumbers.value(tokens.next()) else { break }
                let copies = min(count, needed - out.count)
                out.append(contentsOf: repeatElement(value, count: copies))
            } else {
                // A malformed list ends here; the glyphs after it fall back to estimated advances.
                guard let value = OFDNumbers.value(token) else { break }
                out.append(value)
            }
        }
        return out
    }

    /// Whitespace-separated tokens, produced one at a time so a huge attribute is never split in full.
    private struct Tokenizer {
        var bytes: String.UTF8View
        var index: String.UTF8View.Index

        init(_ bytes: String.UTF8View) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        mutating func next() -> String? {
            while index < bytes.endIndex, Self.isSeparator(bytes[index]) { index = bytes.index(after: index) }
            guard index < bytes.endIndex else { return nil }
            let start = index
            var length = 0
            while index < bytes.endIndex, !Self.isSeparator(bytes[index]) {
                index = bytes.index(after: index)
                length += 1
                // No number is this long: stop the token rather than copy megabytes of it.
                if length > 64 { return "" }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x2C }
    }
}
