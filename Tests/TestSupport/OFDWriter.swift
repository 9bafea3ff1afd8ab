import DOCXWriter
import Foundation

/// A small description of an OFD document (GB/T 33190-2016) for tests: pages of positioned text, nested
/// PageBlocks, images, template pages, an outline and DocInfo. Fields that real producers vary (namespace,
/// locations) and hostile variants (escaping locations, absurd deltas) can be set directly.
public struct OFDSpec {
    /// One TextObject with one TextCode. Positions are page millimetres: `x` of the first character, `y` of the
    /// baseline.
    public struct Text {
        public var text: String
        public var x: Double
        public var y: Double
        public var size: Double
        /// A font key of `OFDSpec.fonts`.
        public var font: String
        public var weight: Int?
        /// Written as is instead of the computed offsets (e.g. "g 100000000 1").
        public var deltaX: String?
        public var deltaY: String?

        public init(
            _ text: String, x: Double = 25, y: Double, size: Double = 5.6, font: String = "body", weight: Int? = nil,
            deltaX: String? = nil, deltaY: String? = nil
        ) {
            self.text = text
            self.x = x
            self.y = y
            self.size = size
            self.font = font
            self.weight = weight
            self.deltaX = deltaX
            self.deltaY = deltaY
        }
    }

    public indirect enum Item {
        case text(Text)
        /// A PageBlock around its items.
        case block([Item])
        /// An ImageObject drawing `OFDSpec.images[resource]` over the rectangle (millimetres).
        case image(resource: String, x: Double, y: Double, width: Double, height: Double)
        /// Raw content XML, for cases the description has no word for.
        case raw(String)
    }

    public struct Page {
        public var items: [Item]
        /// IDs of `OFDSpec.templates` this page draws.
        public var templates: [String]
        /// Overrides the page's BaseLoc as written in Document.xml.
        public var location: String?
        /// The whole Content.xml, written instead of one made from `items`.
        public var rawContent: String?

        public init(_ items: [Item], templates: [String] = [], location: String? = nil, rawContent: String? = nil) {
            self.items = items
            self.templates = templates
            self.location = location
            self.rawContent = rawContent
        }
    }

    public struct Bookmark {
        public var title: String
        /// 0-based index into `pages`.
        public var page: Int
        public var children: [Bookmark]

        public init(_ title: String, page: Int, children: [Bookmark] = []) {
            self.title = title
            self.page = page
            self.children = children
        }
    }

    public struct Image {
        public var file: String
        public var bytes: [UInt8]

        public init(file: String, bytes: [UInt8]) {
            self.file = file
            self.bytes = bytes
        }
    }

    public var pages: [Page]
    /// Template pages by ID.
    public var templates: [String: [Item]] = [:]
    public var outline: [Bookmark] = []
    /// Font key → FontName.
    public var fonts: [String: String] = ["body": "仿宋_GB2312", "heading": "黑体", "title": "方正小标宋简体"]
    /// Image resources by key (the MultiMedia ID is derived from the key's order).
    public var images: [String: Image] = [:]
    public var title: String?
    public var author: String?
    public var created: String?
    public var modified: String?
    public var namespace = "http://www.ofdspec.org/2016"
    /// DocRoot as written in OFD.xml.
    public var docRoot = "Doc_0/Document.xml"
    /// Further entries written as they are (name, bytes).
    public var extraEntries: [(String, [UInt8])] = []

    public init(pages: [Page]) {
        self.pages = pages
    }
}

/// Writes `OFDSpec`s as OFD packages through the repository's ZIP writer.
public enum OFDWriter {
    public static func data(_ spec: OFDSpec) throws -> Data {
        var state = IDs()
        let fontIDs = Dictionary(uniqueKeysWithValues: spec.fonts.keys.sorted().map { ($0, state.next()) })
        let imageIDs = Dictionary(uniqueKeysWithValues: spec.images.keys.sorted().map { ($0, state.next()) })
        let templateIDs = Dictionary(uniqueKeysWithValues: spec.templates.keys.sorted().map { ($0, state.next()) })
        let pageIDs = spec.pages.map { _ in state.next() }
        let ns = spec.namespace
        var zip = ZipWriter()
        zip.modificationTime = ZipWriter.wordTimestamp

        var info = ""
        for (name, value) in [("Title", spec.title), ("Author", spec.author), ("CreationDate", spec.created), ("ModDate", spec.modified)] {
            if let value { info += "<ofd:\(name)>\(xmlEscape(value))</ofd:\(name)>" }
        }
        zip.add(
            "OFD.xml",
            text: """
                <?xml version="1.0" encoding="UTF-8"?>
                <ofd:OFD xmlns:ofd="\(ns)" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>00000000000000000000000000000001</ofd:DocID>\(info)</ofd:DocInfo><ofd:DocRoot>\(xmlEscape(spec.docRoot))</ofd:DocRoot></ofd:DocBody></ofd:OFD>
                """)

        var templates = ""
        for key in spec.templates.keys.sorted() {
            let id = templateIDs[key]!
            templates += #"<ofd:TemplatePage ID="\#(id)" BaseLoc="Tpls/Tpl_\#(key)/Content.xml" ZOrder="Background"/>"#
            zip.add(
                "Doc_0/Tpls/Tpl_\(key)/Content.xml",
                text: page(spec.templates[key]!, templates: [], spec: spec, fonts: fontIDs, images: imageIDs, state: &state))
        }
        var pages = ""
        for (i, item) in spec.pages.enumerated() {
            let location = item.location ?? "Pages/Page_\(i)/Content.xml"
            pages += #"<ofd:Page ID="\#(pageIDs[i])" BaseLoc="\#(xmlEscape(location))"/>"#
            let uses = item.templates.compactMap { templateIDs[$0] }
            zip.add(
                "Doc_0/Pages/Page_\(i)/Content.xml",
                text: item.rawContent
                    ?? page(item.items, templates: uses, spec: spec, fonts: fontIDs, images: imageIDs, state: &state))
        }
        var outline = ""
        func bookmark(_ b: OFDSpec.Bookmark) -> String {
            let target = b.page < pageIDs.count ? pageIDs[b.page] : 0
            return #"<ofd:OutlineElem Title="\#(xmlEscape(b.title))"><ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="\#(target)" Left="0" Top="0" Zoom="1"/></ofd:Goto></ofd:Action></ofd:Actions>"#
                + b.children.map(bookmark).joined() + "</ofd:OutlineElem>"
        }
        if !spec.outline.isEmpty { outline = "<ofd:Outlines>" + spec.outline.map(bookmark).joined() + "</ofd:Outlines>" }
        zip.add(
            "Doc_0/Document.xml",
            text: """
                <?xml version="1.0" encoding="UTF-8"?>
                <ofd:Document xmlns:ofd="\(ns)"><ofd:CommonData><ofd:MaxUnitID>\(state.last)</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>\(templates)</ofd:CommonData><ofd:Pages>\(pages)</ofd:Pages>\(outline)</ofd:Document>
                """)

        let fonts = spec.fonts.keys.sorted().map { #"<ofd:Font ID="\#(fontIDs[$0]!)" FontName="\#(xmlEscape(spec.fonts[$0]!))" FamilyName="\#(xmlEscape(spec.fonts[$0]!))"/>"# }
            .joined()
        zip.add(
            "Doc_0/PublicRes.xml",
            text: #"<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="\#(ns)" BaseLoc="Res"><ofd:Fonts>\#(fonts)</ofd:Fonts></ofd:Res>"#)
        var media = ""
        for key in spec.images.keys.sorted() {
            let image = spec.images[key]!
            media += #"<ofd:MultiMedia ID="\#(imageIDs[key]!)" Type="Image"><ofd:MediaFile>\#(xmlEscape(image.file))</ofd:MediaFile></ofd:MultiMedia>"#
            if !image.file.contains("..") && !image.file.hasPrefix("/") {
                zip.add("Doc_0/Res/\(image.file)", data: image.bytes, stored: true)
            }
        }
        zip.add(
            "Doc_0/DocumentRes.xml",
            text: #"<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="\#(ns)" BaseLoc="Res"><ofd:MultiMedias>\#(media)</ofd:MultiMedias></ofd:Res>"#)
        for (name, bytes) in spec.extraEntries { zip.add(name, data: bytes) }
        return try zip.data()
    }

    /// Nests `items` in `depth` PageBlocks.
    public static func nested(_ depth: Int, _ items: [OFDSpec.Item]) -> OFDSpec.Item {
        var item = OFDSpec.Item.block(items)
        for _ in 1..<max(depth, 1) { item = .block([item]) }
        return item
    }

    private struct IDs {
        var last = 0
        mutating func next() -> Int {
            last += 1
            return last
        }
    }

    private static func page(
        _ items: [OFDSpec.Item], templates: [Int], spec: OFDSpec, fonts: [String: Int], images: [String: Int],
        state: inout IDs
    ) -> String {
        var body = ""
        func write(_ item: OFDSpec.Item) {
            switch item {
            case .text(let text):
                body += textObject(text, id: state.next(), font: fonts[text.font] ?? 0)
            case .block(let items):
                body += #"<ofd:PageBlock ID="\#(state.next())">"#
                items.forEach(write)
                body += "</ofd:PageBlock>"
            case .image(let resource, let x, let y, let width, let height):
                body += #"<ofd:ImageObject ID="\#(state.next())" ResourceID="\#(images[resource] ?? 0)" Boundary="\#(x) \#(y) \#(width) \#(height)" CTM="\#(width) 0 0 \#(height) 0 0"/>"#
            case .raw(let xml):
                body += xml
            }
        }
        items.forEach(write)
        let uses = templates.map { #"<ofd:Template TemplateID="\#($0)" ZOrder="Background"/>"# }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:Page xmlns:ofd="\(spec.namespace)">\(uses)<ofd:Content><ofd:Layer ID="\(state.next())">\(body)</ofd:Layer></ofd:Content></ofd:Page>
            """
    }

    /// Boundary from the baseline up one size; the TextCode's baseline sits at the font size inside it. Offsets are
    /// a full size for CJK characters and half for the rest, written in the compressed "g n v" form where they
    /// repeat, as real producers do.
    static func textObject(_ text: OFDSpec.Text, id: Int, font: Int) -> String {
        let characters = Array(text.text.unicodeScalars)
        let advances = characters.dropLast().map { isWide($0) ? text.size : text.size / 2 }
        let width = advances.reduce(0, +) + (characters.last.map { isWide($0) ? text.size : text.size / 2 } ?? 0)
        let deltaX = text.deltaX ?? compress(advances)
        var attributes = #"ID="\#(id)" Boundary="\#(text.x) \#(text.y - text.size) \#(width) \#(text.size * 1.2)" Font="\#(font)" Size="\#(text.size)""#
        if let weight = text.weight { attributes += #" Weight="\#(weight)""# }
        var code = #"X="0" Y="\#(text.size)""#
        if !deltaX.isEmpty { code += #" DeltaX="\#(xmlEscape(deltaX))""# }
        if let deltaY = text.deltaY { code += #" DeltaY="\#(xmlEscape(deltaY))""# }
        return #"<ofd:TextObject \#(attributes)><ofd:FillColor Value="0 0 0"/><ofd:TextCode \#(code)>\#(xmlEscape(text.text))</ofd:TextCode></ofd:TextObject>"#
    }

    static func compress(_ values: [Double]) -> String {
        var out: [String] = []
        var i = 0
        while i < values.count {
            var j = i
            while j < values.count, values[j] == values[i] { j += 1 }
            if j - i >= 3 {
                out.append("g \(j - i) \(format(values[i]))")
            } else {
                out += values[i..<j].map(format)
            }
            i = j
        }
        return out.joined(separator: " ")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

}
