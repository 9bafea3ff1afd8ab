import DocumentModel
import Foundation
import Testing
import TestSupport

@testable import Ingest

/// Hostile OFD packages: each is refused with the right kind of error, without reading outside the package.
@Suite struct OFDSafetyTests {
    static func page(_ text: String = "正文。") -> OFDSpec.Page { OFDSpec.Page([.text(.init(text, y: 40))]) }

    @Test func docRootEscapingThePackageIsUnsafe() throws {
        for root in ["../../etc/passwd", "Doc_0/../../../etc/passwd", "..\\..\\etc\\passwd"] {
            var spec = OFDSpec(pages: [Self.page()])
            spec.docRoot = root
            let document = try OFDFixture.read(spec)
            #expect(document.error?.kind == .unsafe, "\(root)")
            #expect(document.blocks.isEmpty)
        }
    }

    @Test func filesystemAndNetworkLocationsAreUnsafe() throws {
        for root in ["C:\\Windows\\win.ini", "file:///etc/passwd", "\\\\server\\share\\Document.xml", "http://example.com/Document.xml"] {
            var spec = OFDSpec(pages: [Self.page()])
            spec.docRoot = root
            #expect(try OFDFixture.read(spec).error?.kind == .unsafe, "\(root)")
        }
    }

    @Test func pageBaseLocEscapingThePackageIsUnsafe() throws {
        let spec = OFDSpec(pages: [Self.page(), OFDSpec.Page([], location: "../../../../etc/passwd")])
        let document = try OFDFixture.read(spec)
        #expect(document.error?.kind == .unsafe)
        #expect(document.blocks.isEmpty)
    }

    @Test func mediaFileEscapingThePackageIsUnsafe() throws {
        var spec = OFDSpec(pages: [Self.page()])
        spec.images["x"] = .init(file: "../../../../etc/passwd", bytes: [])
        #expect(try OFDFixture.read(spec).error?.kind == .unsafe)
    }

    @Test func absurdDeltaRepeatCountIsRefused() throws {
        let spec = OFDSpec(pages: [OFDSpec.Page([.text(.init("正文", y: 40, deltaX: "g 100000000 1"))])])
        let document = try OFDFixture.read(spec)
        #expect(document.error?.kind == .unsafe)
        #expect(document.blocks.isEmpty)
        let deltaY = OFDSpec(pages: [OFDSpec.Page([.text(.init("正文", y: 40, deltaY: "g 99999999 0"))])])
        #expect(try OFDFixture.read(deltaY).error?.kind == .unsafe)
    }

    @Test func deepPageBlockNestingIsRefused() throws {
        let spec = OFDSpec(pages: [OFDSpec.Page([OFDWriter.nested(200, [.text(.init("深处的文字", y: 40))])])])
        let document = try OFDFixture.read(spec)
        #expect(document.error?.kind == .unsafe)
        #expect(document.blocks.isEmpty)
    }

    @Test func moderateNestingIsRead() throws {
        let spec = OFDSpec(pages: [OFDSpec.Page([OFDWriter.nested(40, [.text(.init("深处的文字", y: 40))])])])
        let document = try OFDFixture.read(spec)
        #expect(document.error == nil)
        #expect(OFDFixture.bodyText(document, page: 1) == "深处的文字")
    }

    @Test func hugeTextCodeIsTooLarge() throws {
        let text = String(repeating: "字", count: 300_000)
        let spec = OFDSpec(pages: [OFDSpec.Page([.text(.init(text, y: 40, deltaX: "g 299999 5.6"))])])
        let document = try OFDFixture.read(spec)
        #expect(document.error?.kind == .tooLarge)
        #expect(document.blocks.isEmpty)
    }

    @Test func doctypeInPageContentIsUnsafe() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE ofd:Page [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="0 0 100 10" Font="1" Size="5"><ofd:TextCode X="0" Y="5">&xxe;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>
            """
        let spec = OFDSpec(pages: [OFDSpec.Page([], rawContent: xml)])
        let document = try OFDFixture.read(spec)
        #expect(document.error?.kind == .unsafe)
        #expect(document.blocks.isEmpty)
    }

    @Test func inflationBombIsStoppedAtTheRatioCap() throws {
        let blank = String(repeating: " ", count: 16 << 20)
        let spec = OFDSpec(pages: [OFDSpec.Page([.text(.init("正文", y: 40)), .raw(blank)])])
        let data = try OFDWriter.data(spec)
        #expect(data.count < 1 << 20)
        let document = OFDReader.read(data: data, displayPath: "bomb.ofd", limits: .default)
        #expect(document.error?.kind == .tooLarge)
    }

    @Test func brokenContainersAreCorrupt() throws {
        #expect(OFDReader.read(data: Data("not a zip".utf8), displayPath: "a.ofd", limits: .default).error?.kind == .corrupt)
        let noRoot = storedZip([("Doc_0/Document.xml", "<ofd:Document/>")])
        #expect(OFDReader.read(data: noRoot, displayPath: "a.ofd", limits: .default).error?.kind == .corrupt)
        let rootOnly = storedZip([("OFD.xml", #"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>"#)])
        #expect(OFDReader.read(data: rootOnly, displayPath: "a.ofd", limits: .default).error?.kind == .corrupt)
        let data = try OFDWriter.data(OFDFixture.report)
        let truncated = data.prefix(data.count / 2)
        #expect(OFDReader.read(data: Data(truncated), displayPath: "a.ofd", limits: .default).error?.kind == .corrupt)
    }

    @Test func documentWithoutAnyTextHasNoTextLayer() throws {
        let document = try OFDFixture.read(OFDSpec(pages: [OFDSpec.Page([]), OFDSpec.Page([])]))
        #expect(document.error?.kind == .noTextLayer)
        #expect(document.pagesWithoutText == [1, 2])
    }
}

@Suite struct OFDPartsTests {
    @Test func locationsResolveAgainstTheReferringFolder() throws {
        #expect(try OFDPath.resolve("Pages/Page_0/Content.xml", from: "Doc_0") == "Doc_0/Pages/Page_0/Content.xml")
        #expect(try OFDPath.resolve("/Doc_0/Document.xml", from: "Doc_0/Pages") == "Doc_0/Document.xml")
        #expect(try OFDPath.resolve(" Res\\image.png\n", from: "Doc_0") == "Doc_0/Res/image.png")
        #expect(try OFDPath.resolve("../Res/./a.png", from: "Doc_0/Pages") == "Doc_0/Res/a.png")
        #expect(try OFDPath.resolve("这是一个中文目录/数据文件.txt", from: "Doc_0/Res") == "Doc_0/Res/这是一个中文目录/数据文件.txt")
        #expect(throws: IngestError.self) { try OFDPath.resolve("../../x", from: "Doc_0") }
        #expect(throws: IngestError.self) { try OFDPath.resolve("/../x", from: "") }
        #expect(throws: IngestError.self) { try OFDPath.resolve("D:/x.xml", from: "") }
        #expect(throws: IngestError.self) { try OFDPath.resolve("a\u{0}b", from: "") }
    }

    @Test func deltasExpandTheCompressedForm() throws {
        #expect(try OFDDeltas.expand("g 3 1.5 2", needed: 10) == [1.5, 1.5, 1.5, 2])
        #expect(try OFDDeltas.expand("1 2 3 4", needed: 2) == [1, 2])
        #expect(try OFDDeltas.expand("g 5000 1", needed: 3) == [1, 1, 1])
        #expect(try OFDDeltas.expand("1 x 3", needed: 3) == [1])
        #expect(try OFDDeltas.expand(nil, needed: 3) == [])
        #expect(throws: IngestError.self) { try OFDDeltas.expand("g 100000001 1", needed: 3) }
        #expect(throws: IngestError.self) { try OFDDeltas.expand("g -5 1", needed: 3) }
    }

    @Test func pdfStyleDatesBecomeISO() {
        #expect(OFDDocumentIndex.isoDate("D:20220708103442+02'34'") == "2022-07-08T10:34:42+02:34")
        #expect(OFDDocumentIndex.isoDate("D:20200615") == "2020-06-15")
        #expect(OFDDocumentIndex.isoDate("2020-06-15T07:29:24+08:00") == "2020-06-15T07:29:24+08:00")
    }

    @Test func transformsCompose() {
        let outer = OFDMatrix(a: 0.5, b: 0, c: 0, d: 0.5, e: 10, f: 20)
        let inner = OFDMatrix.translation(4, 6)
        let point = outer.concatenating(inner).apply(2, 2)
        #expect(point.x == 13)
        #expect(point.y == 24)
    }
}
