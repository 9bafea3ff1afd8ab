import Foundation

/// Reads amounts of money, durations and percentages as departments write them, in Arabic or Chinese numerals
/// (including the financial forms 壹贰叁 … and 佰仟).
public enum FigureParser {
    public struct Figure: Sendable, Hashable {
        /// Money in 万元, durations in months, percentages in percent.
        public var value: Double
        /// Character offsets of the figure in the text it was read from.
        public var range: Range<Int>
    }

    static let digitValues: [Character: Int] = [
        "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
        "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    ]
    static let smallUnits: [Character: Int] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]
    static let largeUnits: [Character: Double] = ["万": 10_000, "亿": 100_000_000]

    /// A number written in Arabic digits (with thousands separators and decimals) or in Chinese numerals.
    public static func parseNumber(_ raw: String) -> Double? {
        let text = raw.filter { $0 != "," && $0 != " " }
        guard !text.isEmpty else { return nil }
        if let value = Double(String(text.map { $0.halfWidthDigit })) { return value }
        // Arabic digits followed by a large unit: 1.5万, 3亿.
        if let last = text.last, let unit = largeUnits[last], let head = Double(String(text.dropLast().map { $0.halfWidthDigit })) {
            return head * unit
        }
        return parseChinese(text)
    }

    /// 五百, 一千二百三十, 十五, 一万五千, 伍佰, 三点五.
    static func parseChinese(_ text: String) -> Double? {
        var total: Double = 0
        var section: Double = 0
        var digit: Double = -1
        var chars = Array(text)
        var fraction: Double = 0
        if let point = chars.firstIndex(of: "点") {
            var scale = 0.1
            for ch in chars[(point + 1)...] {
                guard let d = digitValues[ch] else { return nil }
                fraction += Double(d) * scale
                scale /= 10
            }
            chars = Array(chars[..<point])
        }
        guard !chars.isEmpty else { return nil }
        for ch in chars {
            if let d = digitValues[ch] {
                digit = Double(d)
            } else if let unit = smallUnits[ch] {
                section += (digit < 0 ? 1 : digit) * Double(unit)
                digit = -1
            } else if let unit = largeUnits[ch] {
                section += max(digit, 0)
                total = (total + section) * unit
                section = 0
                digit = -1
            } else {
                return nil
            }
        }
        if digit >= 0 { section += digit }
        return total + section + fraction
    }

    /// The numeral run ending just before `end` (exclusive) in `chars`.
    static func numeralRun(in chars: [Character], endingAt end: Int, allowLargeUnits: Bool) -> Range<Int>? {
        var start = end
        while start > 0 {
            let ch = chars[start - 1]
            let ok = ch.isASCIIDigitOrFullWidth || ch == "." || ch == "," || ch == "点" || digitValues[ch] != nil
                || smallUnits[ch] != nil || (allowLargeUnits && largeUnits[ch] != nil)
            guard ok else { break }
            start -= 1
        }
        // Leading separators belong to the sentence, not the number.
        while start < end, chars[start] == "." || chars[start] == "," || chars[start] == "点" { start += 1 }
        return start < end ? start..<end : nil
    }

    /// Amounts of money, normalised to 万元: 500万元, 五百万元, 伍佰万元, 0.05亿元, 1,234.5万元, 3000000元.
    public static func money(in text: String) -> [Figure] {
        let chars = Array(text)
        var figures: [Figure] = []
        var i = 0
        while i < chars.count {
            guard chars[i] == "元" else { i += 1; continue }
            var unitStart = i
            var scale = 1.0 / 10_000
            if i > 0, chars[i - 1] == "万" {
                unitStart = i - 1; scale = 1
            } else if i > 0, chars[i - 1] == "亿" {
                unitStart = i - 1; scale = 10_000
            }
            // "人民币" or a space may sit between the number and the unit in tables; keep to the tight form.
            if let run = numeralRun(in: chars, endingAt: unitStart, allowLargeUnits: true),
                let number = parseNumber(String(chars[run]))
            {
                figures.append(Figure(value: number * scale, range: run.lowerBound..<(i + 1)))
            }
            i += 1
        }
        return figures
    }

    /// Durations, in months: 三年, 3年, 36个月, 一年半, 两年, 1.5年, 6个月. Calendar years (2024年) are skipped.
    public static func durations(in text: String) -> [Figure] {
        let chars = Array(text)
        var figures: [Figure] = []
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch == "年" {
                // 2024年 / 2024年7月 are dates; 年度 is not a duration.
                if let run = numeralRun(in: chars, endingAt: i, allowLargeUnits: false),
                    let number = parseNumber(String(chars[run])), number > 0, number < 100,
                    !(i + 1 < chars.count && chars[i + 1] == "度")
                {
                    var months = number * 12
                    var end = i + 1
                    if end < chars.count, chars[end] == "半" {
                        months += 6; end += 1
                    }
                    figures.append(Figure(value: months, range: run.lowerBound..<end))
                }
            } else if ch == "月", i > 0 {
                var numberEnd = i
                if chars[i - 1] == "个" { numberEnd = i - 1 }
                // Without 个, "3月" is a month of the year unless preceded by a duration cue; accept only 个月.
                if numberEnd < i,
                    let run = numeralRun(in: chars, endingAt: numberEnd, allowLargeUnits: false),
                    let number = parseNumber(String(chars[run])), number > 0
                {
                    figures.append(Figure(value: number, range: run.lowerBound..<(i + 1)))
                } else if numberEnd < i, numberEnd > 0, chars[numberEnd - 1] == "半" {
                    figures.append(Figure(value: 0.5, range: (numberEnd - 1)..<(i + 1)))
                }
            }
            i += 1
        }
        // 半年 on its own.
        for j in chars.indices where chars[j] == "半" && j + 1 < chars.count && chars[j + 1] == "年" {
            if !figures.contains(where: { $0.range.contains(j) }) {
                figures.append(Figure(value: 6, range: j..<(j + 2)))
            }
        }
        return figures.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Percentages: 10%, 10％, 12.5%, 百分之十五, 百分之12.
    public static func percentages(in text: String) -> [Figure] {
        let chars = Array(text)
        var figures: [Figure] = []
        var i = 0
        while i < chars.count {
            if chars[i] == "%" || chars[i] == "％" {
                if let run = numeralRun(in: chars, endingAt: i, allowLargeUnits: false),
                    let number = parseNumber(String(chars[run]))
                {
                    figures.append(Figure(value: number, range: run.lowerBound..<(i + 1)))
                }
            } else if i + 2 < chars.count, chars[i] == "百", chars[i + 1] == "分", chars[i + 2] == "之" {
                var end = i + 3
                while end < chars.count,
                    chars[end].isASCIIDigitOrFullWidth || chars[end] == "." || chars[end] == "点"
                        || digitValues[chars[end]] != nil || smallUnits[chars[end]] != nil
                {
                    end += 1
                }
                if end > i + 3, let number = parseNumber(String(chars[(i + 3)..<end])) {
                    figures.append(Figure(value: number, range: i..<end))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return figures
    }

    /// "500万元", "3年", "15%" for reasons; whole numbers without decimals.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension Character {
    var isASCIIDigitOrFullWidth: Bool { ("0"..."9").contains(self) || ("０"..."９").contains(self) }

    var halfWidthDigit: Character {
        guard let scalar = unicodeScalars.first, (0xFF10...0xFF19).contains(scalar.value) else {
            return self == "．" ? "." : self
        }
        return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
    }
}
