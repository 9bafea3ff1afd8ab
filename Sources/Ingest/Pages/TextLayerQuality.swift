import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether extracted text is text or glyph soup. Fonts without a usable ToUnicode map decode to replacement
/// characters, private-use code points, control characters, or their glyph ids taken as code points: ASCII
/// punctuation and letters for small subset fonts, scattered ideographs, Hangul and other scripts for large ones.
/// Each of these fails one of the tests below, while real Chinese and English text passes all of them.
struct TextLayerQuality {
    /// Non-whitespace characters seen.
    private(set) var visible = 0
    /// Replacement, private-use and control characters: never in real text.
    private(set) var bad = 0
    /// Characters real text is made of (see `add`).
    private(set) var plausible = 0
    /// CJK ideographs, and those among them in everyday use.
    private(set) var ideographs = 0
    private(set) var commonIdeographs = 0
    private var asciiPunctuation = 0
    private var asciiAlphanumerics = 0
    private var previous: Unicode.Scalar = " "

    /// Fewer ideographs than this are too few to judge how common they are.
    static let minimumIdeographs = 12

    mutating func add(_ s: Unicode.Scalar) {
        if Self.isSpace(s) {
            previous = s
            return
        }
        defer { previous = s }
        visible += 1
        let v = s.value
        switch v {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
            asciiAlphanumerics += 1
            plausible += 1
        case 0x21...0x7E:
            // A run of one character is a leader or a rule (……, ----, ____ blanks to fill in), not soup.
            if s == previous { plausible += 1 } else { asciiPunctuation += 1 }
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            ideographs += 1
            if Self.isCommonIdeograph(v) {
                commonIdeographs += 1
                plausible += 1
            }
        case 0x3000...0x30FF, 0xFF00...0xFFEF, 0x2E80...0x2FDF, 0x3200...0x33FF,
            // General punctuation, letter-like symbols, number forms, arrows, maths, enclosed numbers, box drawing,
            // shapes; and the Latin-1 signs Chinese documents use (·, ×, ÷, °, ±, §, ¥).
            0x2000...0x206F, 0x2100...0x21FF, 0x2200...0x22FF, 0x2460...0x24FF, 0x2500...0x25FF, 0x2600...0x26FF,
            0xB7, 0xD7, 0xF7, 0xB0, 0xB1, 0xA7, 0xA5:
            plausible += 1
        case 0xFFFD, 0xE000...0xF8FF, 0x00...0x1F, 0x7F...0x9F:
            bad += 1
        default:
            break
        }
    }

    mutating func add<S: Sequence>(contentsOf scalars: S) where S.Element == Unicode.Scalar {
        for s in scalars { add(s) }
    }

    /// ASCII punctuation up to a third of the ASCII letters and digits beside it (plus a couple) is ordinary: "1.1",
    /// "(GB/T 22239-2019)", a URL. Beyond that it is the `!"#$%&'()*+` of glyph ids 1–94.
    private var plausibleTotal: Int {
        plausible + min(asciiPunctuation, 2 + asciiAlphanumerics / 3)
    }

    /// Garbage when more than 10 % are replacement, private-use or control characters, when fewer than 60 % are
    /// characters real text is made of, or when most ideographs are ones nobody writes (glyph ids that landed in the
    /// CJK block: random ideographs are common ones less than 40 % of the time, real Chinese over 99 %).
    var isGarbage: Bool {
        guard visible > 0 else { return false }
        if Double(bad) > 0.1 * Double(visible) { return true }
        if Double(plausibleTotal) < 0.6 * Double(visible) { return true }
        if ideographs >= Self.minimumIdeographs, Double(commonIdeographs) < 0.5 * Double(ideographs) { return true }
        return false
    }

    /// The same judgement on a string.
    static func isGarbage(_ text: String) -> Bool {
        var quality = TextLayerQuality()
        quality.add(contentsOf: text.unicodeScalars)
        return quality.isGarbage
    }

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\r" || s == "\n" || s == "\u{3000}" || s == "\u{A0}"
    }

    // MARK: - Everyday ideographs

    /// GB 2312 (6,763 simplified characters, covering over 99.9 % of mainland text) and Big5's frequently used
    /// set (5,401 traditional characters), as a bitmap over the unified ideographs block. Built once from glibc's
    /// converters; empty (the test is skipped) where they are missing.
    private static let commonIdeographBitmap: [UInt64] = {
        var bitmap = [UInt64](repeating: 0, count: (0xA000 - 0x4E00) / 64 + 1)
        func mark(_ text: String) {
            for s in text.unicodeScalars where (0x4E00...0x9FFF).contains(s.value) {
                let bit = Int(s.value - 0x4E00)
                bitmap[bit / 64] |= 1 << UInt64(bit % 64)
            }
        }
        // GB 2312: rows 0xB0–0xF7, cells 0xA1–0xFE.
        var gb: [UInt8] = []
        for row in UInt8(0xB0)...0xF7 {
            for cell in UInt8(0xA1)...0xFE { gb += [row, cell] }
        }
        mark(decode(gb, from: "GB2312"))
        // Big5 frequently used characters: lead bytes 0xA4–0xC6, trail 0x40–0x7E and 0xA1–0xFE.
        var big5: [UInt8] = []
        for lead in UInt8(0xA4)...0xC6 {
            for trail in Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE) { big5 += [lead, trail] }
        }
        mark(decode(big5, from: "BIG5"))
        return bitmap.contains { $0 != 0 } ? bitmap : []
    }()

    static func isCommonIdeograph(_ value: UInt32) -> Bool {
        let bitmap = commonIdeographBitmap
        // Without the converters every ideograph counts as common, which leaves the other tests in force.
        guard !bitmap.isEmpty else { return true }
        guard (0x4E00...0x9FFF).contains(value) else { return false }
        let bit = Int(value - 0x4E00)
        return bitmap[bit / 64] & (1 << UInt64(bit % 64)) != 0
    }

    /// Converts a legacy-encoded buffer to a string through iconv, skipping unassigned codes one pair at a time.
    private static func decode(_ bytes: [UInt8], from encoding: String) -> String {
        let descriptor = iconv_open("UTF-8", encoding)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return "" }
        defer { iconv_close(descriptor) }
        var out = ""
        var index = 0
        var input = bytes.map { CChar(bitPattern: $0) }
        var buffer = [CChar](repeating: 0, count: 16)
        while index + 1 < input.count {
            let produced = input.withUnsafeMutableBufferPointer { inBuffer -> Int in
                buffer.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress! + index
                    var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                    var inLeft = 2
                    var outLeft = outBuffer.count
                    guard iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                        // Reset the converter's state after an invalid sequence.
                        iconv(descriptor, nil, nil, nil, nil)
                        return 0
                    }
                    return outBuffer.count - outLeft
                }
            }
            if produced > 0 {
                out += String(decoding: buffer[0..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            index += 2
        }
        return out
    }
}
