import Foundation

/// Serialises a `DocxSpec` into a WordprocessingML package, marked up the way Word and WPS write it.
public struct DOCXWriter {
    public let spec: DocxSpec

    public init(_ spec: DocxSpec) {
        self.spec = spec
    }

    /// The package's parts, by path. Tests that need markup no spec can describe may edit these before zipping.
    public func parts() -> [(path: String, xml: String)] {
        var state = BodyState(spec: spec)
        let body = state.renderBody()
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(state: state)),
            ("_rels/.rels", rootRels),
            ("docProps/core.xml", coreXML),
            ("docProps/app.xml", appXML),
            ("word/document.xml", documentXML(body: body, state: state)),
            ("word/styles.xml", StylesXML(spec: spec).render()),
            ("word/_rels/document.xml.rels", documentRels(state: state)),
        ]
        if spec.numbering != nil && spec.numbering != NumberingPreset.none {
            parts.append(("word/numbering.xml", NumberingXML(spec: spec).render()))
        }
        if let header = spec.header {
            parts.append(("word/header1.xml", headerFooter(tag: "hdr", text: header)))
        }
        if spec.pageNumbers == true {
            parts.append(("word/footer1.xml", pageNumberFooter))
        } else if let footer = spec.footer {
            parts.append(("word/footer1.xml", headerFooter(tag: "ftr", text: footer)))
        }
        if !state.footnotes.isEmpty {
            parts.append(("word/footnotes.xml", footnotesXML(state.footnotes)))
        }
        if !state.comments.isEmpty {
            parts.append(("word/comments.xml", commentsXML(state.comments)))
        }
        return parts
    }

    /// The DOCX file's bytes.
    public func data() throws -> Data {
        try zipWriter(parts: parts()).data()
    }

    public func write(to url: URL) throws {
        try zipWriter(parts: parts()).write(to: url)
    }

    /// Zips parts as given (e.g. after a test edited one).
    public static func package(_ parts: [(path: String, xml: String)]) throws -> Data {
        var writer = ZipWriter()
        writer.modificationTime = ZipWriter.wordTimestamp
        for part in parts { writer.add(part.path, text: part.xml) }
        return try writer.data()
    }

    private func zipWriter(parts: [(path: String, xml: String)]) -> ZipWriter {
        var writer = ZipWriter()
        writer.modificationTime = ZipWriter.wordTimestamp
        for part in parts { writer.add(part.path, text: part.xml) }
        return writer
    }

    // MARK: - Package parts

    private func contentTypes(state: BodyState) -> String {
        var overrides = """
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
            """
        if spec.numbering != nil && spec.numbering != NumberingPreset.none {
            overrides += #"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#
        }
        if spec.header != nil {
            overrides += #"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#
        }
        if hasFooter {
            overrides += #"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#
        }
        if !state.footnotes.isEmpty {
            overrides += #"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#
        }
        if !state.comments.isEmpty {
            overrides += #"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\(overrides)</Types>
            """
    }

    private var rootRels: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """
    }

    private func documentRels(state: BodyState) -> String {
        var rels = #"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        if spec.numbering != nil && spec.numbering != NumberingPreset.none {
            rels += #"<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#
        }
        if spec.header != nil {
            rels += #"<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#
        }
        if hasFooter {
            rels += #"<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#
        }
        if !state.footnotes.isEmpty {
            rels += #"<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#
        }
        if !state.comments.isEmpty {
            rels += #"<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """
    }

    private var coreXML: String {
        var props = ""
        if let title = spec.title { props += "<dc:title>\(xmlEscape(title))</dc:title>" }
        if let author = spec.author { props += "<dc:creator>\(xmlEscape(author))</dc:creator>" }
        if let created = spec.created {
            props += #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(xmlEscape(created))</dcterms:created>"#
        }
        if let modified = spec.modified ?? spec.created {
            props += #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(xmlEscape(modified))</dcterms:modified>"#
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\(props)</cp:coreProperties>
            """
    }

    private var appXML: String {
        let pages = spec.pages.map { "<Pages>\($0)</Pages>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
            <Application>Microsoft Office Word</Application>\(pages)</Properties>
            """
    }

    private func documentXML(body: String, state: BodyState) -> String {
        var sectPr = "<w:sectPr>"
        if spec.header != nil { sectPr += #"<w:headerReference w:type="default" r:id="rIdHeader1"/>"# }
        if hasFooter { sectPr += #"<w:footerReference w:type="default" r:id="rIdFooter1"/>"# }
        sectPr += #"<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document \(namespaces) mc:Ignorable="w14 wp14"><w:body>\(body)\(sectPr)</w:body></w:document>
            """
    }

    private var hasFooter: Bool { spec.footer != nil || spec.pageNumbers == true }

    /// A PAGE field between dashes, centred; Word and LibreOffice fill in the number.
    private var pageNumberFooter: String {
        let field = #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:ftr \(namespaces)><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>\
            <w:r><w:t xml:space="preserve">— </w:t></w:r>\(field)<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
            """
    }

    private func headerFooter(tag: String, text: String) -> String {
        let style = tag == "hdr" ? "Header" : "Footer"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:\(tag) \(namespaces)><w:p><w:pPr><w:pStyle w:val="\(style)"/></w:pPr><w:r><w:t xml:space="preserve">\(xmlEscape(text))</w:t></w:r></w:p></w:\(tag)>
            """
    }

    private func footnotesXML(_ notes: [String]) -> String {
        var xml = #"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
        for (i, note) in notes.enumerated() {
            xml += #"<w:footnote w:id="\#(i + 1)"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> \#(xmlEscape(note))</w:t></w:r></w:p></w:footnote>"#
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:footnotes \(namespaces)>\(xml)</w:footnotes>
            """
    }

    private func commentsXML(_ comments: [String]) -> String {
        var xml = ""
        for (i, comment) in comments.enumerated() {
            xml += #"<w:comment w:id="\#(i)" w:author="评审专家" w:date="2024-01-01T00:00:00Z"><w:p><w:r><w:t>\#(xmlEscape(comment))</w:t></w:r></w:p></w:comment>"#
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:comments \(namespaces)>\(xml)</w:comments>
            """
    }
}

let namespaces = """
    xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" \
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
    xmlns:o="urn:schemas-microsoft-com:office:office" \
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
    xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" \
    xmlns:v="urn:schemas-microsoft-com:vml" \
    xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" \
    xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
    xmlns:w10="urn:schemas-microsoft-com:office:word" \
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
    xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" \
    xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" \
    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
    """

/// Escapes text for XML element content and double-quoted attributes. Control characters XML 1.0 forbids even
/// escaped (text copied from a hostile document may carry them) become spaces, so the part stays well-formed.
public func xmlEscape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case _ where ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r": out += " "
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

/// Chinese counting numerals as Word's chineseCounting renders them below 100: 一 … 十, 十一, 二十一.
public func chineseCounting(_ n: Int) -> String {
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    guard n > 0 else { return digits[0] }
    if n < 10 { return digits[n] }
    if n < 20 { return "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
    if n < 100 { return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
    return String(n)
}
