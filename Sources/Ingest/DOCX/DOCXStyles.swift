import Foundation
import XMLStream

/// One style as declared in styles.xml (only the properties heading detection needs).
struct DOCXStyle {
    var id: String
    /// `w:name`, lower-cased: built-in names stay English ("heading 1") whatever the UI language or style id.
    var name: String
    var type: String
    var basedOn: String?
    var outlineLevel: Int?
    var numId: Int?
    var ilvl: Int?
    var bold: Bool?
    /// Half-points.
    var size: Int?
    var eastAsiaFont: String?
}

/// A style's effective properties after walking its `basedOn` chain.
struct ResolvedStyle {
    /// 1-based outline level when the style makes a heading; nil for body text.
    var headingLevel: Int?
    /// TOC, caption, header and footer styles: never headings, whatever they are based on.
    var isExcluded = false
    /// N for a "toc N" style.
    var tocLevel: Int?
    var numId: Int?
    var ilvl: Int?
    var bold = false
    var size: Int?
    var eastAsiaFont: String?
    /// The style and its ancestors, nearest first (to find the numbering level linked through `w:lvl/w:pStyle`).
    var chain: [String] = []
}

final class DOCXStyles {
    private(set) var styles: [String: DOCXStyle] = [:]
    private(set) var defaultParagraphStyle: String?
    /// Body text size in half-points (docDefaults, then the default paragraph style); Word's default is 10.5 pt.
    private(set) var bodySize = 21
    private var cache: [String: ResolvedStyle] = [:]

    init(root: XMLTreeElement?) {
        guard let root else { return }
        for child in root.children where OOXML.isW(child.namespace) {
            if child.name == "docDefaults" {
                let rPr = child.child("rPrDefault", namespace: child.namespace)?.child("rPr", namespace: child.namespace)
                if let size = rPr.flatMap({ DOCXStyles.fontSize($0.child("sz", namespace: $0.namespace)) }) {
                    bodySize = size
                }
                continue
            }
            guard child.name == "style", let id = child.attribute("styleId", namespace: child.namespace) else { continue }
            let ns = child.namespace
            var style = DOCXStyle(
                id: id,
                name: (child.child("name", namespace: ns)?.attribute("val", namespace: ns) ?? id).lowercased(),
                type: child.attribute("type", namespace: ns) ?? "paragraph")
            style.basedOn = child.child("basedOn", namespace: ns)?.attribute("val", namespace: ns)
            if let pPr = child.child("pPr", namespace: ns) {
                style.outlineLevel = DOCXStyles.intValue(pPr.child("outlineLvl", namespace: ns))
                if let numPr = pPr.child("numPr", namespace: ns) {
                    style.numId = DOCXStyles.intValue(numPr.child("numId", namespace: ns))
                    style.ilvl = DOCXStyles.intValue(numPr.child("ilvl", namespace: ns))
                }
            }
            if let rPr = child.child("rPr", namespace: ns) {
                if let b = rPr.child("b", namespace: ns) { style.bold = DOCXStyles.isOn(b.attribute("val", namespace: ns)) }
                style.size = DOCXStyles.fontSize(rPr.child("sz", namespace: ns))
                style.eastAsiaFont = rPr.child("rFonts", namespace: ns)?.attribute("eastAsia", namespace: ns)
            }
            if style.type == "paragraph", child.attribute("default", namespace: ns).map(DOCXStyles.isOn) == true {
                defaultParagraphStyle = id
            }
            styles[id] = style
        }
        if let normal = defaultParagraphStyle.map({ resolve($0) }), let size = normal.size { bodySize = size }
    }

    /// Effective properties of a paragraph style (the default paragraph style when `id` is nil or unknown).
    func resolve(_ id: String?) -> ResolvedStyle {
        let key = id.flatMap { styles[$0] != nil ? $0 : nil } ?? defaultParagraphStyle ?? ""
        if let cached = cache[key] { return cached }
        var resolved = ResolvedStyle()
        var current: String? = key
        var seen = Set<String>()
        var levelDecided = false
        var numberingDecided = false
        var boldDecided = false
        // Walk the basedOn chain nearest first, with a cycle guard and a hop cap.
        while let styleId = current, let style = styles[styleId], !seen.contains(styleId), seen.count < 20 {
            seen.insert(styleId)
            resolved.chain.append(styleId)
            if resolved.chain.count == 1 || !resolved.isExcluded {
                if let toc = DOCXStyles.tocLevel(style.name) {
                    resolved.isExcluded = true
                    resolved.tocLevel = resolved.tocLevel ?? toc
                } else if DOCXStyles.excludedNames.contains(style.name), resolved.chain.count == 1 {
                    resolved.isExcluded = true
                }
            }
            if !levelDecided {
                if let level = style.outlineLevel {
                    resolved.headingLevel = (0...8).contains(level) ? level + 1 : nil
                    levelDecided = true
                } else if let level = DOCXStyles.headingLevel(fromName: style.name) {
                    resolved.headingLevel = level
                    levelDecided = true
                }
            }
            if !numberingDecided, style.numId != nil {
                resolved.numId = style.numId
                resolved.ilvl = style.ilvl
                numberingDecided = true
            }
            if !boldDecided, let bold = style.bold {
                resolved.bold = bold
                boldDecided = true
            }
            if resolved.size == nil { resolved.size = style.size }
            if resolved.eastAsiaFont == nil { resolved.eastAsiaFont = style.eastAsiaFont }
            current = style.basedOn
        }
        if resolved.isExcluded { resolved.headingLevel = nil }
        cache[key] = resolved
        return resolved
    }

    /// The numbering instance a numbering style (`w:numStyleLink` target) points at.
    func numIdOfNumberingStyle(_ id: String) -> Int? { styles[id]?.numId }

    static let excludedNames: Set<String> = [
        "toc heading", "caption", "header", "footer", "table of figures", "footnote text", "endnote text",
        "annotation text", "页眉", "页脚", "题注", "目录标题",
    ]

    /// "heading 3" → 3; also WPS's Chinese built-in names "标题 3".
    static func headingLevel(fromName name: String) -> Int? {
        for prefix in ["heading ", "heading", "标题 ", "标题"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let level = Int(rest), (1...9).contains(level) { return level }
        }
        return nil
    }

    /// "toc 2" → 2 (also "目录 2").
    static func tocLevel(_ name: String) -> Int? {
        for prefix in ["toc ", "目录 ", "目录"] where name.hasPrefix(prefix) {
            if let level = Int(name.dropFirst(prefix.count)), (1...9).contains(level) { return level }
        }
        return nil
    }

    static func intValue(_ element: XMLTreeElement?) -> Int? {
        guard let element, let value = element.attribute("val", namespace: element.namespace) else { return nil }
        return Int(value.trimmingCharacters(in: .whitespaces))
    }

    /// A `w:sz` in half-points, clamped to what Word allows (1 to 1638 pt).
    static func fontSize(_ element: XMLTreeElement?) -> Int? {
        intValue(element).map(clampedFontSize)
    }

    static func clampedFontSize(_ halfPoints: Int) -> Int {
        min(max(halfPoints, 1), 3_276)
    }

    /// OOXML on/off values: absent `w:val` means on.
    static func isOn(_ value: String?) -> Bool {
        guard let value else { return true }
        return !(value == "0" || value == "false" || value == "off" || value == "none")
    }
}
