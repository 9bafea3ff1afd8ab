import Testing
import XMLStream

@Suite struct XMLStreamTests {
    static let wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// Collects (kind, name, depth) of every element event, for checks independent of prefixes.
    func events(_ xml: String) throws -> [(XMLNodeKind, String, String, Int, Bool)] {
        let reader = try XMLStreamReader(bytes: Array(xml.utf8))
        var out: [(XMLNodeKind, String, String, Int, Bool)] = []
        while try reader.read() {
            out.append((reader.kind, reader.localName, reader.namespaceURI, reader.depth, reader.isEmptyElement))
        }
        return out
    }

    @Test func matchesNamespacesNotPrefixes() throws {
        let withW = #"<w:document xmlns:w="\#(Self.wNS)"><w:p w:rsid="1"><w:t>甲</w:t></w:p></w:document>"#
        let withNs0 = #"<ns0:document xmlns:ns0="\#(Self.wNS)"><ns0:p ns0:rsid="1"><ns0:t>甲</ns0:t></ns0:p></ns0:document>"#
        let defaultNS = #"<document xmlns="\#(Self.wNS)"><p><t>甲</t></p></document>"#
        for xml in [withW, withNs0, defaultNS] {
            let starts = try events(xml).filter { $0.0 == .startElement }
            #expect(starts.map(\.1) == ["document", "p", "t"])
            #expect(starts.allSatisfy { $0.2 == Self.wNS })
            #expect(starts.map(\.3) == [0, 1, 2])
        }
        let otherNS = #"<w:document xmlns:w="urn:other"><w:p/></w:document>"#
        #expect(try events(otherNS).allSatisfy { $0.2 == "urn:other" })
    }

    @Test func attributesByNamespaceAndEmptyElements() throws {
        let xml = #"<x:root xmlns:x="\#(Self.wNS)" plain="p"><x:pStyle x:val="标题1"/><x:b/></x:root>"#
        let reader = try XMLStreamReader(bytes: Array(xml.utf8))
        #expect(try reader.read())
        #expect(reader.attribute("plain") == "p")
        #expect(!reader.isEmptyElement)
        #expect(try reader.read())
        #expect(reader.localName == "pStyle")
        #expect(reader.isEmptyElement)
        #expect(reader.attribute("val", namespace: Self.wNS) == "标题1")
        #expect(reader.attribute("val", namespace: "urn:other") == nil)
        #expect(reader.attributes().map(\.value) == ["标题1"])
    }

    @Test func textWhitespaceAndCDATA() throws {
        let xml = #"<r xml:space="preserve"><t> </t><t>a&amp;b</t><c><![CDATA[<x>]]></c></r>"#
        let reader = try XMLStreamReader(bytes: Array(xml.utf8))
        var texts: [(XMLNodeKind, String)] = []
        while try reader.read() {
            if reader.kind != .startElement && reader.kind != .endElement { texts.append((reader.kind, reader.value)) }
        }
        #expect(texts.map(\.1) == [" ", "a&b", "<x>"])
        #expect(texts.map(\.0) == [.whitespace, .text, .cdata])
    }

    @Test func skipAndElementText() throws {
        let xml = "<a><b><c>x</c><d>y</d></b><e>z</e></a>"
        let reader = try XMLStreamReader(bytes: Array(xml.utf8))
        _ = try reader.read()  // a
        _ = try reader.read()  // b
        try reader.skipElement()
        _ = try reader.read()
        #expect(reader.localName == "e")
        #expect(try reader.elementText() == "z")
        #expect(reader.kind == .endElement && reader.localName == "e")
    }

    @Test func doctypeIsRefusedBeforeParsing() {
        let xxe = """
            <?xml version="1.0"?><!-- c --><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>
            """
        #expect(throws: XMLStreamError.unsafe("DOCTYPE declaration")) { _ = try XMLStreamReader(bytes: Array(xxe.utf8)) }
    }

    @Test func billionLaughsIsRefused() {
        var xml = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for i in 1...9 {
            let previous = i == 1 ? "lol" : "lol\(i - 1)"
            xml += "<!ENTITY lol\(i) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        xml += "]><lolz>&lol9;</lolz>"
        #expect(throws: XMLStreamError.self) { _ = try XMLTreeElement.parse(Array(xml.utf8)) }
    }

    @Test func undefinedEntityIsNotExpanded() {
        // No DOCTYPE, so the prolog check passes; the reader must still refuse the reference.
        let xml = "<r>&undefined;</r>"
        #expect(throws: XMLStreamError.self) {
            let reader = try XMLStreamReader(bytes: Array(xml.utf8))
            while try reader.read() {}
        }
    }

    @Test func sizeCapAndMalformedInput() {
        let xml = Array("<r>\(String(repeating: "x", count: 2000))</r>".utf8)
        #expect(throws: XMLStreamError.tooLarge(xml.count)) { _ = try XMLStreamReader(bytes: xml, maxBytes: 1000) }
        #expect(throws: XMLStreamError.self) { _ = try XMLTreeElement.parse(Array("<a><b></a>".utf8)) }
    }

    @Test func treeParsingWithNodeCap() throws {
        let xml = #"<w:styles xmlns:w="\#(Self.wNS)"><w:style w:styleId="1"><w:name w:val="heading 1"/></w:style>text</w:styles>"#
        let tree = try XMLTreeElement.parse(Array(xml.utf8))
        #expect(tree.name == "styles")
        #expect(tree.text == "text")
        let style = try #require(tree.child("style", namespace: Self.wNS))
        #expect(style.attribute("styleId", namespace: Self.wNS) == "1")
        #expect(style.child("name", namespace: Self.wNS)?.attribute("val", namespace: Self.wNS) == "heading 1")
        #expect(throws: XMLStreamError.tooLarge(3)) { _ = try XMLTreeElement.parse(Array(xml.utf8), maxNodes: 2) }
    }
}
