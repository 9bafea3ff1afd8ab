import Foundation
import XMLStream

/// One level of a numbering definition (ECMA-376 §17.9).
struct NumberingLevel {
    var start = 0
    var numFmt = "decimal"
    var lvlText = ""
    var isLegal = false
    /// "tab" (default), "space" or "nothing".
    var suffix = "tab"
    var pStyle: String?

    /// Word accepts start values up to 32767; larger or negative ones in a file are clamped, so counting from them
    /// can never overflow.
    static let startRange = 0...32_767

    static func clampedStart(_ value: Int) -> Int {
        min(max(value, startRange.lowerBound), startRange.upperBound)
    }
}

/// numbering.xml, plus the counters of a pass over a document in reading order. Word keeps counting across
/// `w:num` instances that share an abstract definition (a restart is a new num with `w:startOverride`), so counters
/// are kept per abstractNum.
final class DOCXNumbering {
    private struct Instance {
        var abstractId: Int
        var startOverrides: [Int: Int] = [:]
        var levelOverrides: [Int: NumberingLevel] = [:]
    }

    private struct Abstract {
        var levels: [Int: NumberingLevel] = [:]
        var numStyleLink: String?
    }

    private var abstracts: [Int: Abstract] = [:]
    private var instances: [Int: Instance] = [:]
    private var counters: [Int: [Int?]] = [:]
    private var pendingStarts: [Int: [Int: Int]] = [:]
    private var usedInstances = Set<Int>()

    init(root: XMLTreeElement?, styles: DOCXStyles) {
        guard let root else { return }
        for child in root.children where OOXML.isW(child.namespace) {
            let ns = child.namespace
            if child.name == "abstractNum", let id = child.attribute("abstractNumId", namespace: ns).flatMap({ Int($0) }) {
                var abstract = Abstract()
                abstract.numStyleLink = child.child("numStyleLink", namespace: ns)?.attribute("val", namespace: ns)
                for lvl in child.children("lvl", namespace: ns) {
                    guard let ilvl = lvl.attribute("ilvl", namespace: ns).flatMap({ Int($0) }), (0...8).contains(ilvl)
                    else { continue }
                    abstract.levels[ilvl] = DOCXNumbering.level(lvl)
                }
                abstracts[id] = abstract
            } else if child.name == "num", let numId = child.attribute("numId", namespace: ns).flatMap({ Int($0) }),
                let abstractId = DOCXStyles.intValue(child.child("abstractNumId", namespace: ns))
            {
                var instance = Instance(abstractId: abstractId)
                for override in child.children("lvlOverride", namespace: ns) {
                    guard let ilvl = override.attribute("ilvl", namespace: ns).flatMap({ Int($0) }), (0...8).contains(ilvl)
                    else { continue }
                    if let start = DOCXStyles.intValue(override.child("startOverride", namespace: ns)) {
                        instance.startOverrides[ilvl] = NumberingLevel.clampedStart(start)
                    }
                    if let lvl = override.child("lvl", namespace: ns) {
                        instance.levelOverrides[ilvl] = DOCXNumbering.level(lvl)
                    }
                }
                instances[numId] = instance
            }
        }
        // An abstractNum that only links to a numbering style takes its levels from the definition that style uses.
        for (id, abstract) in abstracts where abstract.levels.isEmpty {
            var link = abstract.numStyleLink
            var hops = 0
            while let styleId = link, hops < 5 {
                hops += 1
                guard let numId = styles.numIdOfNumberingStyle(styleId), let target = instances[numId],
                    let targetAbstract = abstracts[target.abstractId]
                else { break }
                if !targetAbstract.levels.isEmpty {
                    abstracts[id]?.levels = targetAbstract.levels
                    break
                }
                link = targetAbstract.numStyleLink
            }
        }
    }

    var isEmpty: Bool { instances.isEmpty }

    private static func level(_ lvl: XMLTreeElement) -> NumberingLevel {
        let ns = lvl.namespace
        var level = NumberingLevel()
        level.start = NumberingLevel.clampedStart(DOCXStyles.intValue(lvl.child("start", namespace: ns)) ?? 0)
        level.numFmt = lvl.child("numFmt", namespace: ns)?.attribute("val", namespace: ns) ?? "decimal"
        level.lvlText = lvl.child("lvlText", namespace: ns)?.attribute("val", namespace: ns) ?? ""
        if let legal = lvl.child("isLgl", namespace: ns) { level.isLegal = DOCXStyles.isOn(legal.attribute("val", namespace: ns)) }
        level.suffix = lvl.child("suff", namespace: ns)?.attribute("val", namespace: ns) ?? "tab"
        level.pStyle = lvl.child("pStyle", namespace: ns)?.attribute("val", namespace: ns)
        return level
    }

    private func levelDefinition(_ instance: Instance, _ ilvl: Int) -> NumberingLevel? {
        instance.levelOverrides[ilvl] ?? abstracts[instance.abstractId]?.levels[ilvl]
    }

    /// The level a paragraph uses when only the numId is known: the level whose `w:pStyle` names the paragraph's
    /// style or one of its ancestors, else level 0.
    func linkedLevel(numId: Int, styleChain: [String]) -> Int {
        guard let instance = instances[numId], let abstract = abstracts[instance.abstractId] else { return 0 }
        for styleId in styleChain {
            if let match = abstract.levels.first(where: { $0.value.pStyle == styleId }) { return match.key }
        }
        return 0
    }

    /// Advances the counters for a numbered paragraph and returns its label ("第八章", "8.1", "（三）") and the
    /// suffix Word puts after it. Nil for numId 0, an unknown instance, or a level with no label.
    func next(numId: Int, ilvl rawLevel: Int) -> (label: String, suffix: String)? {
        guard numId != 0, let instance = instances[numId] else { return nil }
        let ilvl = min(max(rawLevel, 0), 8)
        guard let definition = levelDefinition(instance, ilvl) else { return nil }
        let abstractId = instance.abstractId
        if !usedInstances.contains(numId) {
            usedInstances.insert(numId)
            // A num with startOverride restarts those levels the first time it is used.
            for (level, start) in instance.startOverrides {
                counters[abstractId, default: Array(repeating: nil, count: 9)][level] = nil
                pendingStarts[abstractId, default: [:]][level] = start
            }
        }
        var values = counters[abstractId] ?? Array(repeating: nil, count: 9)
        if let current = values[ilvl] {
            values[ilvl] = current + 1
        } else {
            values[ilvl] = pendingStarts[abstractId]?.removeValue(forKey: ilvl) ?? definition.start
        }
        // Using a level restarts every deeper level.
        for deeper in (ilvl + 1)..<9 { values[deeper] = nil }
        counters[abstractId] = values

        if definition.numFmt == "bullet" { return nil }
        var label = ""
        var chars = Array(definition.lvlText.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i] == "%", i + 1 < chars.count, let digit = Int(String(chars[i + 1])), (1...9).contains(digit) {
                let level = digit - 1
                if level <= ilvl {
                    let levelDefinition = self.levelDefinition(instance, level) ?? NumberingLevel()
                    let value = values[level] ?? pendingStarts[abstractId]?[level] ?? levelDefinition.start
                    let format = definition.isLegal && level < ilvl ? "decimal" : levelDefinition.numFmt
                    label += NumberFormat.render(value, format: format)
                }
                i += 2
                continue
            }
            label.unicodeScalars.append(chars[i])
            i += 1
        }
        chars.removeAll()
        label = label.trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty else { return nil }
        return (label, definition.suffix)
    }
}

/// Renders a counter in a WordprocessingML number format (ST_NumberFormat), following what Word displays.
enum NumberFormat {
    static func render(_ value: Int, format: String) -> String {
        switch format {
        case "none": return ""
        case "decimal", "decimalHalfWidth": return String(value)
        case "decimalZero": return value < 10 && value >= 0 ? "0\(value)" : String(value)
        case "upperRoman": return roman(value)
        case "lowerRoman": return roman(value).lowercased()
        case "upperLetter": return letter(value)
        case "lowerLetter": return letter(value).lowercased()
        case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
            "japaneseCounting":
            return chineseCounting(value, digits: Array("零一二三四五六七八九"), ten: "十", hundred: "百", thousand: "千")
        case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
            return String(String(value).map { ch in ch.wholeNumberValue.map { Array("〇一二三四五六七八九")[$0] } ?? ch })
        case "chineseLegalSimplified":
            return chineseCounting(value, digits: Array("零壹贰叁肆伍陆柒捌玖"), ten: "拾", hundred: "佰", thousand: "仟")
        case "ideographLegalTraditional":
            return chineseCounting(value, digits: Array("零壹貳參肆伍陸柒捌玖"), ten: "拾", hundred: "佰", thousand: "仟")
        case "ideographTraditional":
            return cycle(value, Array("甲乙丙丁戊己庚辛壬癸"))
        case "ideographZodiac":
            return cycle(value, Array("子丑寅卯辰巳午未申酉戌亥"))
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
            guard (1...20).contains(value), let scalar = Unicode.Scalar(0x2460 + value - 1) else { return String(value) }
            return String(Character(scalar))
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(value).unicodeScalars.map { scalar -> Character in
                guard ("0"..."9").contains(scalar), let wide = Unicode.Scalar(scalar.value + 0xFEE0) else {
                    return Character(scalar)
                }
                return Character(wide)
            })
        default:
            return String(value)
        }
    }

    static func roman(_ value: Int) -> String {
        guard value > 0, value < 4000 else { return String(value) }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var rest = value
        var out = ""
        for (amount, symbol) in table {
            while rest >= amount {
                out += symbol
                rest -= amount
            }
        }
        return out
    }

    /// Word's letters: A … Z, then AA … ZZ, AAA ….
    static func letter(_ value: Int) -> String {
        guard value > 0 else { return String(value) }
        let letter = Character(Unicode.Scalar(UInt8(65 + (value - 1) % 26)))
        return String(repeating: letter, count: (value - 1) / 26 + 1)
    }

    static func cycle(_ value: Int, _ symbols: [Character]) -> String {
        guard value > 0 else { return String(value) }
        return String(symbols[(value - 1) % symbols.count])
    }

    /// 一 … 十, 十一, 二十, 一百零一; below 10 000, else decimal.
    static func chineseCounting(_ value: Int, digits: [Character], ten: Character, hundred: Character, thousand: Character)
        -> String
    {
        guard value > 0 else { return value == 0 ? String(digits[0]) : String(value) }
        guard value < 10_000 else { return String(value) }
        if value < 10 { return String(digits[value]) }
        if value < 20 { return String(ten) + (value % 10 == 0 ? "" : String(digits[value % 10])) }
        let units: [(Int, Character?)] = [(1000, thousand), (100, hundred), (10, ten), (1, nil)]
        var out = ""
        var pendingZero = false
        for (unit, symbol) in units {
            let digit = (value / unit) % 10
            if digit == 0 {
                if !out.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero {
                out.append(digits[0])
                pendingZero = false
            }
            out.append(digits[digit])
            if let symbol { out.append(symbol) }
        }
        return out
    }
}
