import Foundation

/// Turns extracted text into a key for matching, while excerpts keep the original.
///
/// Extraction inserts spaces between CJK glyphs (letter-spaced headings, OCR), mixes full- and half-width forms,
/// breaks headings over lines and sometimes emits Kangxi radicals instead of ideographs; none of that may decide
/// whether a section is found.
public enum TextNormalizer {
    /// NFKC (full-width → half-width, Kangxi radicals → ideographs), whitespace between CJK characters removed,
    /// runs of other whitespace folded to one space, Latin letters lower-cased.
    public static func matchKey(_ text: String) -> String {
        plainMatchKey(text) ?? normalisedMatchKey(text)
    }

    /// `matchKey` without the normalisation pass, for text made only of characters NFKC leaves alone and that
    /// never combine (ASCII, CJK ideographs, common CJK and typographic punctuation) or maps one to one (full-width
    /// ASCII): nearly every paragraph of a Chinese document. Nil for any other character, and the full path runs.
    static func plainMatchKey(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var lastIsCJK: Bool?
        for scalar in text.unicodeScalars {
            var value = scalar.value
            switch value {
            case 0x09...0x0D, 0x20, 0x3000:
                pendingSpace = true
                continue
            case 0xFF01...0xFF5E: value -= 0xFEE0
            case 0x00...0x7F, 0xB7, 0x2013...0x2014, 0x2018...0x2019, 0x201C...0x201D, 0x3001...0x3002,
                 0x3008...0x3011, 0x3014...0x301B, 0x4E00...0x9FFF:
                break
            default: return nil
            }
            if (0x41...0x5A).contains(value) { value += 0x20 }
            let isCJK = value >= 0x3000
            if pendingSpace {
                if let last = lastIsCJK, !(last || isCJK) { out.append(" ") }
                pendingSpace = false
            }
            out.append(Unicode.Scalar(value)!)
            lastIsCJK = isCJK
        }
        return String(out)
    }

    /// The full path of `matchKey`: NFKC first, then Character by Character.
    static func normalisedMatchKey(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping
        var out: [Character] = []
        out.reserveCapacity(folded.count)
        var pendingSpace = false
        for ch in folded {
            if ch.isWhitespace || ch == "\u{3000}" {
                pendingSpace = true
                continue
            }
            if isInvisible(ch) { continue }
            if pendingSpace {
                if let last = out.last, !(isCJKLike(last) || isCJKLike(ch)) {
                    out.append(" ")
                }
                pendingSpace = false
            }
            out.append(contentsOf: ch.lowercased())
        }
        return String(out)
    }

    /// Zero-width spaces and joiners, the byte-order mark, soft hyphens and other format characters: present in
    /// titles (a bookmark ending in U+200B), never seen by a reader.
    @inline(__always)
    public static func isInvisible(_ ch: Character) -> Bool {
        guard let scalar = ch.unicodeScalars.first, scalar.value >= 0xAD, ch.unicodeScalars.count == 1 else { return false }
        switch scalar.value {
        case 0xAD, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF: return true
        case 0x4E00...0x9FFF: return false
        default: return scalar.properties.generalCategory == .format
        }
    }

    /// Whitespace folded to single spaces and trimmed, for display (excerpts, outline titles).
    public static func collapseWhitespace(_ text: String) -> String {
        // Scalar by scalar, with the Unicode property looked up only outside ASCII and the CJK block: this runs on
        // every paragraph of every document.
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespaceScalar(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Unicode whitespace (the ideographic space U+3000 among it).
    @inline(__always)
    static func isWhitespaceScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0x21..<0x80, 0x4E00...0x9FFF: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// CJK ideographs, CJK punctuation and full-width forms: characters between which a space is an artefact.
    public static func isCJKLike(_ ch: Character) -> Bool {
        guard let scalar = ch.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x2E80...0x2FDF,  // radicals
            0x3000...0x303F,  // CJK punctuation
            0x3040...0x30FF,  // kana (Japanese-subset fonts)
            0x3400...0x4DBF,  // extension A
            0x4E00...0x9FFF,  // unified ideographs
            0xF900...0xFAFF,  // compatibility ideographs
            0xFF00...0xFFEF,  // full-width forms
            0x20000...0x2FA1F:  // extensions B–F
            return true
        default:
            return false
        }
    }

    /// Cuts an excerpt of at most `limit` characters from original text, whitespace collapsed.
    public static func excerpt(_ text: String, limit: Int = 120) -> String {
        let collapsed = collapseWhitespace(text)
        guard collapsed.count > limit else { return collapsed }
        return String(collapsed.prefix(limit)) + "…"
    }
}
