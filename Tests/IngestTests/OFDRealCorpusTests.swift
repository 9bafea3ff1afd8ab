import DocumentModel
import Foundation
import Testing
import TestSupport

@testable import Ingest

/// Real OFD files from several producers in ../shared/corpus-real/ofdrw__ofdrw (never copied into the project).
@Suite struct OFDRealCorpusTests {
    static var folder: URL? {
        guard let shared = TestPaths.sharedFolder else { return nil }
        let url = shared.appendingPathComponent("corpus-real/ofdrw__ofdrw")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static func read(_ name: String, limits: IngestLimits = .default) throws -> Document? {
        guard let folder else { return nil }
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return OFDReader.read(data: data, displayPath: name, limits: limits)
    }

    /// Everything a reader sees on the pages (body, headers, footers), joined for matching.
    static func key(_ document: Document, parts: Set<DocumentPart> = [.body]) -> String {
        TextNormalizer.matchKey(document.blocks.filter { parts.contains($0.part) }.map(\.text).joined())
    }

    /// Text-bearing files and phrases each must yield, checked by looking at the files' pages.
    static let expected: [(file: String, pages: Int, phrases: [String])] = [
        ("ofdrw-converter__n.ofd", 2, ["测试符路桥区卫生局文件", "路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复", "同意张阿三同志辞职", "2011年3月10日印发"]),
        ("ofdrw-converter__signout.ofd", 1, ["XX市政府文件处理", "府办专督〔2020〕", "市委主要领导同志调研后续落实事项的通知", "发至市商务局"]),
        ("ofdrw-converter__testPathFillOpacity.ofd", 1, ["关于加快南货场铁路涵洞下穿建设的函", "蚌山区政府", "2023年第7次会议", "此函。"]),
        ("ofdrw-converter__z.ofd", 4, ["11.4字型变换", "TextCode中字符编码的起始位置", "1、一对一", "4、多对多"]),
        ("ofdrw-converter__y.ofd", 3, ["建设新时代海关数字档案室", "当前，随着信息技术的飞速发展和“互联网+”的无限延伸", "责任编辑：李俊豪"]),
        ("ofdrw-crypto__hello.ofd", 2, ["拿来主义", "鲁迅", "中国一向是所谓“闭关主义”", "文艺不能自成为新文艺。"]),
        ("ofdrw-layout__AddWatermarkAnnot.ofd", 6, ["中华民国十五年三月二十五日", "刘和珍君"]),
        ("ofdrw-reader__chineseDir.ofd", 1, ["你好呀，OFD Reader&Writer！"]),
        ("ofdrw-reader__helloworld_with_pageblock.ofd", 1, ["你好呀，OFD Reader&Writer！"]),
        ("ofdrw-reader__path_unstd.ofd", 2, ["立案决定书", "（存根）", "根据《中华人民共和国刑事诉讼法》第", "立案侦查。", "案件名称"]),
        ("ofdrw-sign__namespace_no_std.ofd", 1, ["你好呀，OFD Reader&Writer！"]),
        ("ofdrw-sign__doc1File.ofd", 11, ["1、一日不见兮，思之如狂。", "《凤求凰·琴歌》"]),
    ]

    @Test func everyRealOFDReadsWithItsText() throws {
        guard let folder = Self.folder else {
            print("skipped: ../shared/corpus-real/ofdrw__ofdrw is not available beside the checkout")
            return
        }
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ofd") }
        let imageOnly: Set<String> = ["ofdrw-converter__containsJPEG.ofd"]
        // Every file in the folder is covered here or by the image-only test.
        #expect(Set(onDisk) == Set(Self.expected.map(\.file)).union(imageOnly))
        for item in Self.expected {
            let document = try #require(try Self.read(item.file))
            #expect(document.error == nil, "\(item.file): \(String(describing: document.error))")
            #expect(document.format == .ofd)
            #expect(document.pageCount == item.pages, "\(item.file)")
            #expect(document.pagesWithoutText.isEmpty, "\(item.file): \(document.pagesWithoutText)")
            let key = Self.key(document, parts: [.body, .header, .footer])
            for phrase in item.phrases {
                #expect(key.contains(TextNormalizer.matchKey(phrase)), "\(item.file) lacks \(phrase)")
            }
        }
    }

    @Test func countyGongwenKeepsPageNumbersApart() throws {
        guard let document = try Self.read("ofdrw-converter__n.ofd") else {
            print("skipped: ../shared/corpus-real/ofdrw__ofdrw is not available beside the checkout")
            return
        }
        let footers = document.blocks.filter { $0.part == .footer }
        #expect(footers.map(\.text) == ["— 1 —", "— 2 —"])
        #expect(footers.map(\.location.page) == [1, 2])
        // The page number closes its page.
        #expect(document.blocks.last { $0.location.page == 1 }?.part == .footer)
        #expect(document.metadata.created == "2020-01-25")
    }

    @Test func outlineOfTheStandardExcerptGivesHeadings() throws {
        guard let document = try Self.read("ofdrw-converter__z.ofd") else {
            print("skipped: ../shared/corpus-real/ofdrw__ofdrw is not available beside the checkout")
            return
        }
        let outline = document.outline
        #expect(outline.map(\.text) == ["11.4字型变换", "1、一对一", "2、多对一", "3、一对多", "4、多对多"])
        #expect(outline.allSatisfy { $0.heading?.source == .outline })
        #expect(outline.map(\.location.page) == [1, 1, 2, 3, 4])
        #expect(document.metadata.title == "11.4 字型变换")
        #expect(document.metadata.author == "朱文荣")
    }

    @Test func magazineColumnsReadInOrder() throws {
        guard let document = try Self.read("ofdrw-converter__y.ofd") else {
            print("skipped: ../shared/corpus-real/ofdrw__ofdrw is not available beside the checkout")
            return
        }
        // Text drawn from composite graphic units, three columns per page read one after the other.
        let page2 = TextNormalizer.matchKey(OFDFixture.bodyText(document, page: 2))
        for phrase in [
            "档案管理工作基本实现了从档案实体管理向档案信息管理的过渡", "在完成文书档案全文数字化的基础上，按照珍贵程度、濒危程度、利用程度",
            "制定了五年建设规划，组织了10个直属海关单位共同参与",
        ] {
            #expect(page2.contains(TextNormalizer.matchKey(phrase)), "\(phrase)")
        }
    }

    @Test func photoOnlyPagesGoToOCRAndAreFlagged() throws {
        guard let document = try Self.read("ofdrw-converter__containsJPEG.ofd") else {
            print("skipped: ../shared/corpus-real/ofdrw__ofdrw is not available beside the checkout")
            return
        }
        // Two pages, each a photo of a projection screen showing stylised calligraphy (我和我的祖国): no text objects,
        // and nothing tesseract reads with confidence.
        #expect(document.pageCount == 2)
        #expect(document.pagesWithoutText == [1, 2])
        #expect(document.blocks.isEmpty)
        if OCREngine.isAvailable {
            #expect(document.error?.kind == .noTextLayer)
            #expect(document.warnings.contains { $0.contains("OCR found no text") && $0.hasSuffix("pages 1, 2") })
        } else {
            #expect(document.error?.kind == .ocrUnavailable)
        }
        var off = IngestLimits()
        off.ocr = .off
        let unrecognised = try #require(try Self.read("ofdrw-converter__containsJPEG.ofd", limits: off))
        #expect(unrecognised.error?.kind == .noTextLayer)
        #expect(unrecognised.warnings.contains { $0.contains("OCR is off") })
    }
}
