/// Chinese counting numerals as they appear in heading numbers (一, 十二, 二十, 一百零五).
public enum ChineseNumeral {
    private static let digits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
    ]
    private static let units: [Character: Int] = ["十": 10, "拾": 10, "百": 100, "千": 1000]

    /// The value of a numeral below ten thousand, nil for anything else.
    public static func value<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        var pending: Int?
        for character in text {
            if let digit = digits[character] {
                pending = digit
            } else if let unit = units[character] {
                total += (pending ?? 1) * unit
                pending = nil
            } else {
                return nil
            }
        }
        return total + (pending ?? 0)
    }

    /// "一.1" → "1.1", "十一.2.3" → "11.2.3": the number Word shows on a legal-numbered list level, from the form a
    /// converter prints when it loses that flag. Nil unless there are several dot-separated parts and some are
    /// Chinese numerals.
    public static func legalArabicForm(_ number: String) -> String? {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        var converted: [String] = []
        var changed = false
        for part in parts {
            if !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }) {
                converted.append(String(part))
            } else if let value = value(part) {
                converted.append(String(value))
                changed = true
            } else {
                return nil
            }
        }
        return changed ? converted.joined(separator: ".") : nil
    }
}
