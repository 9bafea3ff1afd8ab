import DocumentModel
import Foundation

/// Whether a section's body says something, or only holds placeholders and template guidance: 略, 另行编制,
/// 描述项目背景。, 【…】, xx万元, "业务范围：。", a sentence restating the heading, a table with headers only.
struct Substance {
    let catalogue: CompiledCatalogue

    /// Words that wrap a placeholder ("本章内容略") without adding content.
    static let fillers = ["本章", "本节", "本部分", "此部分", "该部分", "此处", "内容", "相关", "详见", "参见", "见", "暂"]
    /// Characters a sentence restating its heading adds around the heading's words (本项目…安排如下).
    static let restatement = Set("本项目的如下所示具体主要包括以下等和与及对进行相关情况内容安排计划说明详见其为是在将有按照根据参照执行开展做好确保")

    /// Returns nil when the body (its paragraphs, normalised) has substance, else the placeholder text shown in
    /// the report. Guidance (which may span paragraphs: a 【…】 note over several lines) is taken out of a growing
    /// opening of the body, until what is left is too long to be one sentence restating the heading, or the body
    /// is used up: a long chapter is decided by its first paragraphs, a template's by all of them.
    func placeholder(in paragraphs: [String], removing words: [String], heading: String) -> String? {
        var taken = 0
        var budget = 4 * Self.decidable
        var cleaned = ""
        while true {
            var bytes = 0
            taken = 0
            for paragraph in paragraphs {
                taken += 1
                bytes += paragraph.utf8.count + 1
                if bytes > budget { break }
            }
            cleaned = withoutGuidance(paragraphs[..<taken].joined(separator: "\n"))
            if taken == paragraphs.count || cleaned.utf8.count > Self.decidable { break }
            budget *= 4
        }
        if hasContent(cleaned, removing: words), !restates(cleaned, heading: heading) { return nil }
        let shown = TextNormalizer.excerpt(paragraphs.joined(separator: " "), limit: 40)
        return shown.isEmpty ? "（无正文）" : shown
    }

    /// Bytes of cleaned text beyond which a body is more than one short sentence (a restatement is at most 40
    /// characters, three bytes each) and holds enough to find four letters unless it is placeholders throughout.
    static let decidable = 600

    /// The text with the catalogue's guidance patterns (【…】, 描述…。, xx) blanked out.
    func withoutGuidance(_ text: String) -> String {
        var result = text
        for regex in catalogue.guidance {
            result = regex.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "\n")
        }
        return result
    }

    /// Four letters or digits left once names, references, placeholders and filler words are taken out. One pass,
    /// longest pattern first at each position, stopping at the fourth: bodies are long and this runs for every
    /// section of every document.
    func hasContent(_ text: String, removing words: [String]) -> Bool {
        var byFirst: [Character: [String]] = [:]
        for pattern in words + catalogue.placeholderKeys + Self.fillers {
            guard let first = pattern.first else { continue }
            byFirst[first, default: []].append(pattern)
        }
        for key in byFirst.keys { byFirst[key]!.sort { $0.count > $1.count } }
        var content = 0
        var i = text.startIndex
        scan: while i < text.endIndex {
            let c = text[i]
            for pattern in byFirst[c] ?? [] where text[i...].hasPrefix(pattern) {
                i = text.index(i, offsetBy: pattern.count)
                continue scan
            }
            if c.isLetter || c.isNumber {
                content += 1
                if content >= 4 { return true }
            }
            i = text.index(after: i)
        }
        return false
    }

    /// One short sentence whose words are the heading's own, e.g. 项目实施进度 → "本项目实施进度安排如下。".
    func restates(_ text: String, heading: String) -> Bool {
        guard text.utf8.count <= Self.decidable else { return false }
        let sentences = text.split(whereSeparator: { "。；;！!\n".contains($0) }).filter { $0.count >= 2 }
        guard sentences.count == 1, let only = sentences.first, only.count <= 40, !heading.isEmpty else { return false }
        let own = Set(heading)
        let extra = only.filter { ($0.isLetter || $0.isNumber) && !own.contains($0) && !Self.restatement.contains($0) }
        return extra.count < 3
    }

    /// 本项目不涉及 / 不适用 written into a heading: the document says the section does not apply.
    static func declaredAbsent(_ title: String) -> String? {
        for phrase in ["本项目不涉及", "不涉及", "不适用", "本项目无"] where title.has(phrase) { return phrase }
        return nil
    }

    /// A table with at least one row of values: headers alone, or rows of bare numbers, placeholders and template
    /// blanks (xx, xxxx年xx月), are empty.
    func hasValues(_ table: Table) -> Bool {
        guard table.rows.count >= 2 else { return false }
        for row in table.rows.dropFirst() {
            let cells = row.map { withoutGuidance(TextNormalizer.matchKey($0.text)) }
            // A leading index cell (1, 一, （1）) is not a value.
            let values = cells.enumerated().filter { index, cell in
                !(index == 0 && cell.count <= 4 && cell.allSatisfy { $0.isNumber || "()（）.、".contains($0) })
            }.map(\.element)
            let letters = values.joined().filter { $0.isLetter || $0.isNumber }
            let placeholder = letters.allSatisfy { "xX×".contains($0) }
            if letters.count >= 2, !placeholder { return true }
        }
        return false
    }
}
