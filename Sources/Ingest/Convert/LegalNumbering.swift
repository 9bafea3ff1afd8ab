import DocumentModel
import Foundation
import Structure

/// Word's legal numbering: a list level flagged legal shows every number of its label in Arabic digits, so that
/// sections under 第一章 read 1.1, 1.2 (DOCX `w:isLgl`, .doc `LVLF.fLegal` [MS-DOC] 2.9.150, RTF `\levellegal1`).
/// It is how most Chinese reports number their sections. LibreOffice 7.4 drops the flag when it imports .doc and
/// RTF files, so its DOCX shows 一.1 where Word shows 1.1; the flag is read here from the original file and the
/// converted headings are put back to what Word displays.
enum LegalNumbering {
    /// List levels (0-based) flagged legal in any list of the file; empty when none are, or the file cannot say.
    static func levels(in data: Data, format: DocumentFormat) -> Set<Int> {
        switch format {
        case .rtf:
            return rtfLevels(Array(data.prefix(64 << 20)))
        case .doc, .wps:
            return data.withUnsafeBytes { raw in
                wordBinaryLevels(raw.bindMemory(to: UInt8.self))
            }
        default:
            return []
        }
    }

    /// Reads the list definitions of a Word 97 binary: the FIB locates PlfLst in the table stream; the LSTF
    /// array is followed by each list's LVL records (one for a simple list, nine otherwise).
    static func wordBinaryLevels(_ bytes: UnsafeBufferPointer<UInt8>) -> Set<Int> {
        guard let file = try? CompoundFile(bytes), let word = file.topLevelStream("WordDocument"),
            let fib = try? file.read(word, from: bytes, limit: 0x2EA), fib.count == 0x2EA,
            le16(fib, 0) == 0xA5EC,
            // FibRgW97 (14 words), FibRgLw97 (22 longs) and room for fcPlfLst/lcbPlfLst in FibRgFcLcb.
            le16(fib, 32) == 14, le16(fib, 62) == 22, le16(fib, 152) >= 74
        else { return [] }
        let tableName = le16(fib, 0x0A) & 0x0200 != 0 ? "1Table" : "0Table"
        let fc = Int(le32(fib, 0x2E2))
        let lcb = Int(le32(fib, 0x2E6))
        guard lcb >= 2, let tableEntry = file.topLevelStream(tableName),
            let table = try? file.read(tableEntry, from: bytes, limit: 64 << 20), fc + 2 <= table.count
        else { return [] }
        let count = Int(Int16(bitPattern: le16(table, fc)))
        guard count > 0, count < 10_000, fc + 2 + 28 * count <= table.count else { return [] }
        var legal = Set<Int>()
        var position = fc + 2 + 28 * count
        for list in 0..<count {
            let simple = table[fc + 2 + 28 * list + 26] & 0x01 != 0
            for level in 0..<(simple ? 1 : 9) {
                // LVLF is 28 bytes: iStartAt, nfc, then the flags byte whose bit 2 is fLegal; the sizes of the
                // paragraph and character property lists sit at 25 and 24, the level text (Xst) follows them.
                guard position + 28 <= table.count else { return legal }
                if table[position + 5] & 0x04 != 0 { legal.insert(level) }
                let textAt = position + 28 + Int(table[position + 25]) + Int(table[position + 24])
                guard textAt + 2 <= table.count else { return legal }
                position = textAt + 2 + 2 * Int(le16(table, textAt))
            }
        }
        return legal
    }

    /// In RTF the list table holds `{\list … {\listlevel …}×9 … \listid N}` groups; a level is legal when its
    /// group carries `\levellegal1`. RTF is 7-bit text, so a byte scan of the control words suffices.
    static func rtfLevels(_ rtf: [UInt8]) -> Set<Int> {
        guard let start = find(Array("\\listtable".utf8), in: rtf, from: 0) else { return [] }
        let end = find(Array("\\listoverridetable".utf8), in: rtf, from: start) ?? rtf.count
        var legal = Set<Int>()
        var level = -1
        var i = start
        while i < end {
            guard rtf[i] == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            var j = i + 1
            while j < end, (rtf[j] >= 0x61 && rtf[j] <= 0x7A) || (rtf[j] >= 0x41 && rtf[j] <= 0x5A) { j += 1 }
            guard j > i + 1 else {
                i += 2  // a control symbol: \\, \{, \'
                continue
            }
            var k = j
            if k < end, rtf[k] == UInt8(ascii: "-") { k += 1 }
            while k < end, rtf[k] >= 0x30 && rtf[k] <= 0x39 { k += 1 }
            switch String(decoding: rtf[(i + 1)..<j], as: UTF8.self) {
            case "listlevel": level += 1
            case "listid": level = -1
            case "levellegal" where rtf[j..<k].elementsEqual("1".utf8) && level >= 0: legal.insert(level)
            default: break
            }
            i = k
        }
        return legal
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Rewrites automatic heading numbers such as 一.1 or 二.3.1 as 1.1 and 2.3.1 on heading levels whose list
    /// level is legal. Typed numbers and single-component numbers (第一章) are left alone.
    static func apply(_ legal: Set<Int>, to document: inout Document) {
        guard !legal.isEmpty else { return }
        for index in document.blocks.indices {
            guard var heading = document.blocks[index].heading, heading.numbering == .automatic,
                legal.contains(heading.level - 1), let arabic = arabicForm(heading.number)
            else { continue }
            let text = document.blocks[index].text
            if text.hasPrefix(heading.number) {
                document.blocks[index].text = arabic + text.dropFirst(heading.number.count)
            }
            heading.number = arabic
            document.blocks[index].heading = heading
        }
    }

    /// "一.1" → "1.1"; nil unless the number has several dot-separated parts and some are Chinese numerals.
    static func arabicForm(_ number: String) -> String? { ChineseNumeral.legalArabicForm(number) }

    private static func le16(_ bytes: [UInt8], _ i: Int) -> UInt16 {
        guard i >= 0, i + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
    }

    private static func le32(_ bytes: [UInt8], _ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }
}
