import DocumentModel

/// The numbering conventions Chinese government documents type at the start of a heading.
public enum NumberStyle: Hashable, Sendable {
    /// 第一章 / 第1章 / 第一篇 / 第一部分
    case chapter
    /// 第一节
    case section
    /// 一、
    case chineseComma
    /// （一） or (一)
    case chineseParen
    /// 1 / 1.1 / 1.1.1 with the given number of components (depth 1 requires a separator: "1." "1、" "1 ").
    case decimal(depth: Int)
    /// （1） or (1)
    case arabicParen
    /// ① ②
    case circled

    /// Typical outline rank when nothing else is known: smaller is higher.
    public var defaultRank: Int {
        switch self {
        case .chapter: return 0
        case .section: return 1
        case .chineseComma: return 2
        case .chineseParen: return 3
        case .decimal(let depth): return 3 + depth
        case .arabicParen: return 10
        case .circled: return 11
        }
    }
}

/// A heading-like line split into its number and title.
public struct NumberedTitle: Hashable, Sendable {
    public var number: String
    public var title: String
    public var style: NumberStyle
}

public enum HeadingPatterns {
    static let chineseDigits: Set<Character> = Set("一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾")

    /// Splits a line into a typed number and a title, or nil when the line does not start with one.
    /// Works on the original text; full-width digits and dots are accepted.
    public static func parse(_ raw: String) -> NumberedTitle? {
        let text = TextNormalizer.collapseWhitespace(raw)
        // Every pattern below starts with one of these; most body paragraphs end here, before the copy into an array.
        guard let first = text.first,
            first == "第" || chineseDigits.contains(first) || first == "（" || first == "(" || first.isASCIIDigit
                || (0x2460...0x2473).contains(first.unicodeScalars.first!.value)
        else { return nil }
        let chars = Array(text)

        // 第X章 / 第X节 / 第X篇 / 第X部分
        if chars[0] == "第" {
            var i = 1
            while i < chars.count, chineseDigits.contains(chars[i]) || chars[i].isASCIIDigit { i += 1 }
            if i > 1, i < chars.count {
                let unitLength: Int
                let style: NumberStyle
                if ["章", "篇"].contains(chars[i]) {
                    unitLength = 1; style = .chapter
                } else if chars[i] == "节" {
                    unitLength = 1; style = .section
                } else if i + 1 < chars.count, chars[i] == "部", chars[i + 1] == "分" {
                    unitLength = 2; style = .chapter
                } else {
                    return nil
                }
                let number = String(chars[0..<(i + unitLength)])
                let title = trimTitle(chars[(i + unitLength)...])
                return NumberedTitle(number: number, title: title, style: style)
            }
            return nil
        }

        // 一、
        if chineseDigits.contains(chars[0]) {
            var i = 0
            while i < chars.count, chineseDigits.contains(chars[i]) { i += 1 }
            // 一.6 / 十一.2.1: a legal-numbered level printed by a converter that lost the flag (Word shows 1.6).
            if i + 1 < chars.count, chars[i].isDot, chars[i + 1].isASCIIDigit {
                return legalDecimal(chars, numeralEnd: i)
            }
            if i < chars.count, chars[i] == "、" || chars[i].isDot {
                return NumberedTitle(
                    number: String(chars[0...i]), title: trimTitle(chars[(i + 1)...]), style: .chineseComma)
            }
            return nil
        }

        // （一） (一) （1） (1)
        if chars[0] == "（" || chars[0] == "(" {
            var i = 1
            while i < chars.count, chineseDigits.contains(chars[i]) || chars[i].isASCIIDigit { i += 1 }
            if i > 1, i < chars.count, chars[i] == "）" || chars[i] == ")" {
                let inner = chars[1..<i]
                let style: NumberStyle = inner.allSatisfy(\.isASCIIDigit) ? .arabicParen : .chineseParen
                if style == .chineseParen, !inner.allSatisfy({ chineseDigits.contains($0) }) { return nil }
                return NumberedTitle(number: String(chars[0...i]), title: trimTitle(chars[(i + 1)...]), style: style)
            }
            return nil
        }

        // ① …
        if let scalar = chars[0].unicodeScalars.first, (0x2460...0x2473).contains(scalar.value) {
            return NumberedTitle(number: String(chars[0]), title: trimTitle(chars[1...]), style: .circled)
        }

        // 1 / 1.1 / 1.1.1
        if chars[0].isASCIIDigit {
            var i = 0
            var depth = 1
            while i < chars.count {
                if chars[i].isASCIIDigit {
                    i += 1
                } else if chars[i].isDot, i + 1 < chars.count, chars[i + 1].isASCIIDigit {
                    depth += 1
                    i += 1
                } else {
                    break
                }
            }
            let number = String(chars[0..<i])
            // A bare "2023年" or "100万元" is not a heading number.
            guard i < chars.count else { return nil }
            let next = chars[i]
            if depth == 1 {
                guard next.isDot || next == "、" || next == " " else { return nil }
                // "2024 年 5 月", "0012": years, codes and amounts, not heading numbers.
                guard number.count <= 2, number.first != "0" || number.count == 1 else { return nil }
                // "1.5亿元" style decimals were consumed above; "1. " needs a title after it.
                let rest = trimTitle(chars[(i + 1)...])
                guard !rest.isEmpty, let first = rest.first, !first.isASCIIDigit, !"万亿元%年月日个".contains(first)
                else { return nil }
                return NumberedTitle(number: number, title: rest, style: .decimal(depth: 1))
            }
            guard next == " " || next == "、" || next.isDot || next == "\t" || TextNormalizer.isCJKLike(next)
                || next.isLetter
            else { return nil }
            if depth > 6 { return nil }
            var rest = chars[i...]
            if next.isDot || next == "、" { rest = chars[(i + 1)...] }
            let title = trimTitle(rest)
            guard !title.isEmpty else { return nil }
            // "3.5 万元" or "1.2%" are figures, not headings.
            if depth <= 2, startsWithUnit(title) { return nil }
            return NumberedTitle(number: number, title: title, style: .decimal(depth: depth))
        }
        return nil
    }

    /// A decimal number whose first part is a Chinese numeral, read as the Arabic number it stands for.
    private static func legalDecimal(_ chars: [Character], numeralEnd: Int) -> NumberedTitle? {
        var i = numeralEnd
        var depth = 1
        while i + 1 < chars.count, chars[i].isDot, chars[i + 1].isASCIIDigit {
            depth += 1
            i += 1
            while i < chars.count, chars[i].isASCIIDigit { i += 1 }
        }
        guard depth <= 6, let arabic = ChineseNumeral.legalArabicForm(String(chars[0..<i]).replacingDots) else {
            return nil
        }
        // The title follows a space, or starts at once with a word (not a digit run that would be part of it).
        guard i < chars.count, chars[i] == " " || chars[i] == "\t" || TextNormalizer.isCJKLike(chars[i]) else { return nil }
        let title = trimTitle(chars[i...])
        guard !title.isEmpty, depth > 2 || !startsWithUnit(title) else { return nil }
        return NumberedTitle(number: arabic, title: title, style: .decimal(depth: depth))
    }

    /// "3.5 万元", "1.2%", "2.5 年": a figure with its unit, not a numbered title. Words that merely begin with such a
    /// character (元数据, 个人中心, 年度) are titles.
    static func startsWithUnit(_ title: String) -> Bool {
        let chars = Array(title.prefix(2))
        guard let first = chars.first else { return false }
        let second: Character? = chars.count > 1 ? chars[1] : nil
        let secondIsWord = second.map { TextNormalizer.isCJKLike($0) && !"，。；、：）".contains($0) } ?? false
        switch first {
        case "%", "万", "亿": return true
        case "元": return !secondIsWord
        case "年", "月": return second != "度"
        case "个": return !(second.map { "人性体".contains($0) } ?? false)
        default: return false
        }
    }

    static func trimTitle(_ chars: ArraySlice<Character>) -> String {
        var slice = chars
        while let first = slice.first, first == " " || first == "\t" || first == "、" || first == "：" || first == ":"
            || first == "．"
        {
            slice = slice.dropFirst()
        }
        return String(slice).trimmingSpaces
    }
}

/// Assigns outline levels to a sequence of numbering styles the way a reader infers them: a style seen before
/// returns to its level; a new style nests one deeper than the current one. Decimal depths keep their own
/// order (1.1 under 1, 1.1.1 under 1.1) whatever came before.
public struct LevelAssigner: Sendable {
    private var stack: [NumberStyle] = []

    public init() {}

    public mutating func level(for style: NumberStyle) -> Int {
        if let index = stack.firstIndex(of: style) {
            stack.removeSubrange((index + 1)...)
            return index + 1
        }
        // A style that ranks above something on the stack closes those deeper levels.
        while let last = stack.last, last.defaultRank > style.defaultRank {
            stack.removeLast()
        }
        stack.append(style)
        return stack.count
    }
}

extension Character {
    /// ASCII or full-width digit: departments type both.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) || ("０"..."９").contains(self) }
    var isDot: Bool { self == "." || self == "．" }
}

extension String {
    /// Full-width dots and digits as ASCII, for numbers read from typed text.
    var replacingDots: String {
        String(map { ch -> Character in
            if ch == "．" { return "." }
            if let v = ch.unicodeScalars.first?.value, (0xFF10...0xFF19).contains(v) {
                return Character(Unicode.Scalar(v - 0xFF10 + 0x30)!)
            }
            return ch
        })
    }

    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
