/// Renders the body: paragraphs, headings with bookmarks, tables, text boxes, TOCs, tracked changes, notes.
struct BodyState {
    let spec: DocxSpec
    let ids: StyleIds
    let preset: NumberingPreset
    var footnotes: [String] = []
    var comments: [String] = []
    private var revisionId = 100
    private var shapeId = 1

    /// What a TOC lists for each live heading: its label as Word shows it and its bookmark.
    private var tocEntries: [(level: Int, text: String, bookmark: String)] = []
    private var headingBookmarks: [Int: String] = [:]

    init(spec: DocxSpec) {
        self.spec = spec
        self.ids = StyleIds(convention: spec.styleIds ?? .english)
        self.preset = spec.numbering ?? .none
        planHeadings()
    }

    /// Numbers the headings as Word would in the accepted view (deleted headings do not count).
    private mutating func planHeadings() {
        var counters: [Int] = []
        for (index, block) in spec.blocks.enumerated() where block.type == .heading && block.tracked != .deleted {
            let level = max(1, min(block.level ?? 1, 3))
            let text = block.text ?? ""
            var label = ""
            if usesAutomaticNumbering(block) {
                if counters.count >= level {
                    counters = Array(counters.prefix(level))
                    counters[level - 1] += 1
                } else {
                    while counters.count < level { counters.append(1) }
                }
                label = LevelFormat.label(preset: preset, counters: counters)
            }
            let bookmark = "_Toc\(100_000 + index)"
            headingBookmarks[index] = bookmark
            tocEntries.append((level, label.isEmpty ? text : "\(label) \(text)", bookmark))
        }
    }

    private func usesAutomaticNumbering(_ block: BlockSpec) -> Bool {
        guard preset != .none, block.numbered ?? true else { return false }
        let style = block.style ?? .builtin
        return style == .builtin || style == .custom
    }

    mutating func renderBody() -> String {
        var out = ""
        for (index, block) in spec.blocks.enumerated() {
            out += render(block, index: index)
        }
        return out
    }

    private mutating func render(_ block: BlockSpec, index: Int?) -> String {
        switch block.type {
        case .heading: return heading(block, index: index)
        case .paragraph: return paragraph(block)
        case .table: return table(block.rows ?? [])
        case .textBox: return textBox(block)
        case .pageBreak: return #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
        case .toc: return toc(block)
        }
    }

    // MARK: Paragraphs

    private mutating func heading(_ block: BlockSpec, index: Int?) -> String {
        let level = max(1, min(block.level ?? 1, 9))
        var pPr = ""
        var rPr = ""
        switch block.style ?? .builtin {
        case .builtin:
            pPr += #"<w:pStyle w:val="\#(ids.heading(min(level, 3)))"/>"#
            if preset != .none, block.numbered == false {
                pPr += #"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>"#
            }
        case .custom:
            pPr += #"<w:pStyle w:val="\#(ids.custom(min(level, 3)))"/>"#
        case .outlineLevel:
            pPr += #"<w:outlineLvl w:val="\#(level - 1)"/>"#
            rPr += "<w:b/>"
        case .manual:
            rPr += #"<w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="\#(Int((block.size ?? 16) * 2))"/>"#
        }
        let bookmark = index.flatMap { headingBookmarks[$0] }
        return paragraphXML(
            text: block.text ?? "", pPr: pPr, rPr: rPr, tracked: block.tracked, bookmark: bookmark,
            footnote: block.footnote, comment: block.comment)
    }

    private mutating func paragraph(_ block: BlockSpec) -> String {
        var rPr = ""
        if block.bold == true { rPr += "<w:b/>" }
        if let size = block.size { rPr += #"<w:sz w:val="\#(Int(size * 2))"/>"# }
        return paragraphXML(
            text: block.text ?? "", pPr: Self.layout(block), rPr: rPr, tracked: block.tracked, bookmark: nil,
            footnote: block.footnote, comment: block.comment)
    }

    /// Indent and alignment properties, in the order the schema wants them (w:ind before w:jc).
    static func layout(_ block: BlockSpec) -> String {
        var pPr = ""
        if block.indent == true { pPr += #"<w:ind w:firstLineChars="200" w:firstLine="560"/>"# }
        if let align = block.align { pPr += #"<w:jc w:val="\#(align.rawValue)"/>"# }
        return pPr
    }

    private mutating func nextRevision() -> Int {
        revisionId += 1
        return revisionId
    }

    private mutating func paragraphXML(
        text: String, pPr: String, rPr: String, tracked: TrackedChange?, bookmark: String?, footnote: String?,
        comment: String?
    ) -> String {
        let runProps = rPr.isEmpty ? "" : "<w:rPr>\(rPr)</w:rPr>"
        var runs = ""
        let revision = #"w:author="审核人" w:date="2024-05-01T10:00:00Z""#
        switch tracked {
        case .deleted:
            let id = nextRevision()
            runs = #"<w:del w:id="\#(id)" \#(revision)><w:r>\#(runProps)<w:delText xml:space="preserve">\#(xmlEscape(text))</w:delText></w:r></w:del>"#
        case .inserted:
            let id = nextRevision()
            runs = #"<w:ins w:id="\#(id)" \#(revision)><w:r>\#(runProps)<w:t xml:space="preserve">\#(xmlEscape(text))</w:t></w:r></w:ins>"#
        case nil:
            runs = #"<w:r>\#(runProps)<w:t xml:space="preserve">\#(xmlEscape(text))</w:t></w:r>"#
        }
        if let bookmark {
            let id = nextRevision()
            runs = #"<w:bookmarkStart w:id="\#(id)" w:name="\#(bookmark)"/>\#(runs)<w:bookmarkEnd w:id="\#(id)"/>"#
        }
        if let footnote {
            footnotes.append(footnote)
            runs += #"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="\#(footnotes.count)"/></w:r>"#
        }
        if let comment {
            let id = comments.count
            comments.append(comment)
            runs = #"<w:commentRangeStart w:id="\#(id)"/>\#(runs)<w:commentRangeEnd w:id="\#(id)"/><w:r><w:commentReference w:id="\#(id)"/></w:r>"#
        }
        var mark = ""
        switch tracked {
        case .deleted: mark = #"<w:rPr><w:del w:id="\#(nextRevision())" \#(revision)/></w:rPr>"#
        case .inserted: mark = #"<w:rPr><w:ins w:id="\#(nextRevision())" \#(revision)/></w:rPr>"#
        case nil: break
        }
        let props = pPr + mark
        return "<w:p>\(props.isEmpty ? "" : "<w:pPr>\(props)</w:pPr>")\(runs)</w:p>"
    }

    // MARK: Tables

    private mutating func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        guard columns > 0 else { return "" }
        let width = 8296 / columns
        var xml = #"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>"#
        for _ in 0..<columns { xml += #"<w:gridCol w:w="\#(width)"/>"# }
        xml += "</w:tblGrid>"
        for (r, row) in rows.enumerated() {
            xml += "<w:tr>"
            var c = 0
            while c < row.count {
                let text = row[c]
                if text == "<<" {
                    c += 1
                    continue
                }
                var span = 1
                while c + span < row.count, row[c + span] == "<<" { span += 1 }
                var tcPr = #"<w:tcW w:w="\#(width * span)" w:type="dxa"/>"#
                if span > 1 { tcPr += #"<w:gridSpan w:val="\#(span)"/>"# }
                let continuesAbove = text == "^^"
                let continuedBelow = r + 1 < rows.count && c < rows[r + 1].count && rows[r + 1][c] == "^^"
                if continuesAbove {
                    tcPr += "<w:vMerge/>"
                } else if continuedBelow {
                    tcPr += #"<w:vMerge w:val="restart"/>"#
                }
                let content = continuesAbove ? "<w:p/>" : #"<w:p><w:r>\#(cellRunProps(row: r))<w:t xml:space="preserve">\#(xmlEscape(text))</w:t></w:r></w:p>"#
                xml += "<w:tc><w:tcPr>\(tcPr)</w:tcPr>\(content)</w:tc>"
                c += span
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    /// Official typography sets tables a size smaller than the body (小四), with a bold header row.
    private func cellRunProps(row: Int) -> String {
        guard spec.typography == .official else { return "" }
        return row == 0 ? #"<w:rPr><w:b/><w:sz w:val="24"/></w:rPr>"# : #"<w:rPr><w:sz w:val="24"/></w:rPr>"#
    }

    // MARK: Text boxes

    private mutating func textBox(_ block: BlockSpec) -> String {
        var inner = ""
        for child in block.blocks ?? [] {
            inner += render(child, index: nil)
        }
        shapeId += 1
        let id = shapeId
        // Word writes the box twice, as DrawingML for new readers and VML for old ones; readers must take one.
        let drawing = """
            <w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="\(id)" \
            behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>\
            <wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>\
            <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>\
            <wp:extent cx="5274310" cy="1485900"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>\
            <wp:docPr id="\(id)" name="文本框 \(id)"/><wp:cNvGraphicFramePr/>\
            <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">\
            <wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5274310" cy="1485900"/></a:xfrm>\
            <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>\
            <wps:txbx><w:txbxContent>\(inner)</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
            """
        let vml = """
            <w:pict><v:shape id="文本框\(id)" type="#_x0000_t202" style="width:415.3pt;height:117pt">\
            <v:textbox><w:txbxContent>\(inner)</w:txbxContent></v:textbox></v:shape></w:pict>
            """
        return """
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">\(drawing)</mc:Choice>\
            <mc:Fallback>\(vml)</mc:Fallback></mc:AlternateContent></w:r></w:p>
            """
    }

    // MARK: Table of contents

    private mutating func toc(_ block: BlockSpec) -> String {
        let kind = block.toc ?? .field
        var entries = tocEntries
        for (i, extra) in (block.extraEntries ?? []).enumerated() {
            // A stale entry: its bookmark exists nowhere in the body.
            entries.append((1, extra, "_Toc\(900_000 + i)"))
        }
        var page = 3
        var xml = ""
        switch kind {
        case .manual:
            xml += #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t>目  录</w:t></w:r></w:p>"#
            for entry in entries {
                page += 2
                let indent = String(repeating: "  ", count: entry.level - 1)
                xml += #"<w:p><w:r><w:t xml:space="preserve">\#(indent)\#(xmlEscape(entry.text))……………………\#(page)</w:t></w:r></w:p>"#
            }
            return xml
        case .field, .fieldOnly:
            let styled = kind == .field
            if styled {
                xml += #"<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>"#
            } else {
                xml += #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>目  录</w:t></w:r></w:p>"#
            }
            for (i, entry) in entries.enumerated() {
                page += 2
                let pPr = styled
                    ? #"<w:pPr><w:pStyle w:val="\#(ids.toc(min(entry.level, 3)))"/></w:pPr>"#
                    : #"<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs></w:pPr>"#
                var runs = ""
                if i == 0 {
                    runs += #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
                }
                runs += """
                    <w:hyperlink w:anchor="\(entry.bookmark)" w:history="1"><w:r><w:t xml:space="preserve">\(xmlEscape(entry.text))</w:t></w:r>\
                    <w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
                    <w:r><w:instrText xml:space="preserve"> PAGEREF \(entry.bookmark) \\h </w:instrText></w:r>\
                    <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>\(page)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>
                    """
                if i == entries.count - 1 {
                    runs += #"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
                }
                xml += "<w:p>\(pPr)\(runs)</w:p>"
            }
            if styled {
                return """
                    <w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>\
                    <w:sdtContent>\(xml)</w:sdtContent></w:sdt>
                    """
            }
            return xml
        }
    }
}
