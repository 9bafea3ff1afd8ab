/// Finding a term as a whole word in normalised Chinese text, which has no spaces to tell words apart.
///
/// A term does not count where it sits inside a longer word that means something else: the catalogue lists such
/// words (`compounds`: 赋能, 效应 around 能效; 招标人 around 招标; 登录密码 around 密码). An occurrence is void when a
/// compound overlaps it and reaches beyond it on either side. Terms that begin or end with a Latin letter or digit
/// (SM2, PUE) must not run on into more of them (SM20, PUEX). Titles in 《》 name documents and standards, not the
/// project, so they are left out.
package struct WholeTerms: Sendable {
    let compounds: [[Character]]

    package init(compounds: [String]) {
        self.compounds = compounds.map(Array.init).filter { !$0.isEmpty }
    }

    /// The first of `terms` found as a whole term in `text`, if any.
    package func first(of terms: [String], in text: String) -> String? {
        let candidates = terms.filter { text.has($0) }
        guard !candidates.isEmpty else { return nil }
        let chars = Self.withoutTitles(Array(text))
        return candidates.first { contains(Array($0), in: chars) }
    }

    /// Every one of `terms` found as a whole term in `text`, in the order given.
    package func all(of terms: [String], in text: String) -> [String] {
        let candidates = terms.filter { text.has($0) }
        guard !candidates.isEmpty else { return [] }
        let chars = Self.withoutTitles(Array(text))
        return candidates.filter { contains(Array($0), in: chars) }
    }

    func contains(_ term: [Character], in chars: [Character]) -> Bool {
        guard !term.isEmpty, chars.count >= term.count else { return false }
        var start = 0
        while start + term.count <= chars.count {
            if chars[start] == term[0], chars[start..<(start + term.count)].elementsEqual(term),
                isWhole(start..<(start + term.count), in: chars)
            {
                return true
            }
            start += 1
        }
        return false
    }

    func isWhole(_ range: Range<Int>, in chars: [Character]) -> Bool {
        if let first = chars[range].first, first.isASCIILetterOrDigit, range.lowerBound > 0,
            chars[range.lowerBound - 1].isASCIILetterOrDigit
        {
            return false
        }
        if let last = chars[range].last, last.isASCIILetterOrDigit, range.upperBound < chars.count,
            chars[range.upperBound].isASCIILetterOrDigit
        {
            return false
        }
        for compound in compounds where compound.count > 1 {
            // Any placement of the compound that overlaps the term and reaches beyond it voids the occurrence.
            let lowest = max(0, range.lowerBound - compound.count + 1)
            let highest = min(chars.count - compound.count, range.upperBound - 1)
            guard lowest <= highest else { continue }
            for s in lowest...highest {
                let e = s + compound.count
                guard s < range.lowerBound || e > range.upperBound else { continue }
                if chars[s] == compound[0], chars[s..<e].elementsEqual(compound) { return false }
            }
        }
        return true
    }

    /// The text with every 《…》 title blanked out (kept as a separator so words do not join across it).
    static func withoutTitles(_ chars: [Character]) -> [Character] {
        guard chars.contains("《") else { return chars }
        var result: [Character] = []
        result.reserveCapacity(chars.count)
        var depth = 0
        for c in chars {
            if c == "《" { depth += 1; continue }
            if c == "》", depth > 0 { depth -= 1; result.append("|"); continue }
            if depth == 0 { result.append(c) }
        }
        return result
    }
}

extension Character {
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
