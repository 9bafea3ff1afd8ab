/// Style ids per convention: readers must key on names, never on ids, and these make sure they do.
struct StyleIds {
    let convention: StyleIdConvention

    var normal: String { convention == .english ? "Normal" : "a" }

    func heading(_ level: Int) -> String {
        switch convention {
        case .english: return "Heading\(level)"
        case .localized: return "\(level)"
        case .wps: return "\(level + 1)"
        }
    }

    func custom(_ level: Int) -> String { "ProjectHeading\(level)" }

    func toc(_ level: Int) -> String {
        switch convention {
        case .english: return "TOC\(level)"
        case .localized, .wps: return "\(level)\(level)"
        }
    }
}

struct StylesXML {
    let spec: DocxSpec

    func render() -> String {
        let ids = StyleIds(convention: spec.styleIds ?? .english)
        let numbered = spec.numbering != nil && spec.numbering != NumberingPreset.none
        let official = spec.typography == .official
        var styles = """
            <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="\(official ? "仿宋" : "宋体")" w:hAnsi="Times New Roman"/>\
            <w:sz w:val="\(official ? 28 : 24)"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="\(ids.normal)"><w:name w:val="Normal"/><w:qFormat/></w:style>
            """
        let sizes = [1: 32, 2: 28, 3: 24]
        for level in 1...3 {
            var numPr = ""
            if numbered {
                // Level 1 is linked only through the numbering level's pStyle; deeper levels also carry ilvl.
                numPr = level == 1
                    ? #"<w:numPr><w:numId w:val="1"/></w:numPr>"#
                    : #"<w:numPr><w:ilvl w:val="\#(level - 1)"/><w:numId w:val="1"/></w:numPr>"#
            }
            styles += """
                <w:style w:type="paragraph" w:styleId="\(ids.heading(level))"><w:name w:val="heading \(level)"/>\
                <w:basedOn w:val="\(ids.normal)"/><w:next w:val="\(ids.normal)"/><w:qFormat/>\
                <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>\(numPr)<w:outlineLvl w:val="\(level - 1)"/></w:pPr>\
                <w:rPr><w:rFonts w:eastAsia="\(headingFont(level))"/><w:b/><w:sz w:val="\(headingSize(level, sizes))"/></w:rPr></w:style>
                """
            styles += """
                <w:style w:type="paragraph" w:customStyle="1" w:styleId="\(ids.custom(level))"><w:name w:val="项目标题\(level)"/>\
                <w:basedOn w:val="\(ids.heading(level))"/><w:qFormat/></w:style>
                """
            styles += """
                <w:style w:type="paragraph" w:styleId="\(ids.toc(level))"><w:name w:val="toc \(level)"/>\
                <w:basedOn w:val="\(ids.normal)"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs>\
                <w:ind w:left="\((level - 1) * 420)"/></w:pPr></w:style>
                """
        }
        styles += """
            <w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="\(ids.heading(1))"/>\
            <w:pPr><w:numPr><w:numId w:val="0"/></w:numPr><w:outlineLvl w:val="9"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="\(ids.normal)"/></w:style>\
            <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="\(ids.normal)"/></w:style>\
            <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
            <w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
            <w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
            <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
            </w:tblBorders></w:tblPr></w:style>
            """
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles \(namespaces)>\(styles)</w:styles>
            """
    }

    /// 公文 set levels 1–3 in 黑体, 楷体 and 仿宋; Word's plain headings are all 黑体 here.
    private func headingFont(_ level: Int) -> String {
        guard spec.typography == .official else { return "黑体" }
        return ["黑体", "楷体", "仿宋"][level - 1]
    }

    private func headingSize(_ level: Int, _ sizes: [Int: Int]) -> Int {
        spec.typography == .official ? [32, 30, 28][level - 1] : sizes[level]!
    }
}

/// How each preset numbers levels 1–3: the numFmt, the lvlText and whether inherited numbers print as decimals.
struct LevelFormat {
    let numFmt: String
    let lvlText: String
    let isLgl: Bool
    let suffix: String

    static func formats(for preset: NumberingPreset) -> [LevelFormat] {
        switch preset {
        case .chapters:
            return [
                LevelFormat(numFmt: "chineseCounting", lvlText: "第%1章", isLgl: false, suffix: "space"),
                LevelFormat(numFmt: "decimal", lvlText: "%1.%2", isLgl: true, suffix: "space"),
                LevelFormat(numFmt: "decimal", lvlText: "%1.%2.%3", isLgl: true, suffix: "space"),
            ]
        case .official:
            return [
                LevelFormat(numFmt: "chineseCounting", lvlText: "%1、", isLgl: false, suffix: "nothing"),
                LevelFormat(numFmt: "chineseCounting", lvlText: "（%2）", isLgl: false, suffix: "nothing"),
                LevelFormat(numFmt: "decimal", lvlText: "%3.", isLgl: false, suffix: "space"),
            ]
        case .decimal:
            return [
                LevelFormat(numFmt: "decimal", lvlText: "%1", isLgl: false, suffix: "space"),
                LevelFormat(numFmt: "decimal", lvlText: "%1.%2", isLgl: false, suffix: "space"),
                LevelFormat(numFmt: "decimal", lvlText: "%1.%2.%3", isLgl: false, suffix: "space"),
            ]
        case .none:
            return []
        }
    }

    /// The label Word shows for these counters (1-based levels), so TOC entries read like the headings.
    static func label(preset: NumberingPreset, counters: [Int]) -> String {
        let formats = self.formats(for: preset)
        guard !counters.isEmpty, counters.count <= formats.count else { return "" }
        let current = formats[counters.count - 1]
        var text = current.lvlText
        for (i, value) in counters.enumerated() {
            let format = formats[i]
            let rendered = (format.numFmt == "chineseCounting" && !current.isLgl) ? chineseCounting(value) : String(value)
            text = text.replacingOccurrences(of: "%\(i + 1)", with: rendered)
        }
        return text
    }
}

struct NumberingXML {
    let spec: DocxSpec

    func render() -> String {
        let ids = StyleIds(convention: spec.styleIds ?? .english)
        let formats = LevelFormat.formats(for: spec.numbering ?? .none)
        var levels = ""
        for (i, format) in formats.enumerated() {
            levels += """
                <w:lvl w:ilvl="\(i)"><w:start w:val="1"/><w:numFmt w:val="\(format.numFmt)"/>\
                \(format.isLgl ? "<w:isLgl/>" : "")<w:pStyle w:val="\(ids.heading(i + 1))"/>\
                <w:suff w:val="\(format.suffix)"/><w:lvlText w:val="\(format.lvlText)"/><w:lvlJc w:val="left"/></w:lvl>
                """
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:numbering \(namespaces)><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>\(levels)</w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
            """
    }
}
