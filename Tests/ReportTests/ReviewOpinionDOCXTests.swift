import Check
import Checklists
import DOCXWriter
import Foundation
import Testing
@testable import Ingest
@testable import Report

@Suite struct ReviewOpinionDOCXTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/review-opinion.document.xml")

    /// The body part is compared with a golden file; GAPCHECK_UPDATE_GOLDEN=1 rewrites it after a deliberate change.
    @Test func documentXMLMatchesGolden() throws {
        let xml = try #require(DOCXWriter(ReviewOpinionDOCX.spec(Sample.report())).parts().first { $0.path == "word/document.xml" }?.xml)
        if ProcessInfo.processInfo.environment["GAPCHECK_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try xml.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(xml == expected)
    }

    /// A4, 仿宋 body, 黑体 headings, a PAGE field in the footer.
    @Test func typographyAndPageNumbers() throws {
        let data = try ReviewOpinionDOCX.data(Sample.report())
        let document = try OfficeReadBack.part("word/document.xml", of: data)
        let styles = try OfficeReadBack.part("word/styles.xml", of: data)
        let footer = try OfficeReadBack.part("word/footer1.xml", of: data)
        #expect(document.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
        #expect(document.contains(#"<w:footerReference w:type="default" r:id="rIdFooter1"/>"#))
        #expect(styles.contains(#"w:eastAsia="仿宋""#))
        #expect(styles.contains(#"w:eastAsia="黑体""#))
        #expect(footer.contains(" PAGE "))
    }

    /// LibreOffice opens the file; its text has the parts in order and gaps in review order.
    @Test func libreOfficeReadsItInReviewOrder() throws {
        let txt = try OfficeReadBack.convert(try ReviewOpinionDOCX.data(Sample.report()), name: "report.docx",
                                             to: "txt:Text (encoded):UTF8", outputExtension: "txt")
        let text = String(decoding: txt, as: UTF8.self)
        let marks = ["技术审查意见", "一、项目基本情况", "阳城县城市管理局", "680万元", "二、审查依据", "阳政办发〔2024〕50号",
                     "已失效", "三、审查意见", "密码应用方案【必须·缺失】", "数据资源目录【应当·部分满足】",
                     "四、需补正材料清单", "五、审查结论", "审查人（签字）", "日期："]
        var last = text.startIndex
        for mark in marks {
            let found = try #require(text.range(of: mark, range: last..<text.endIndex), "\(mark) after the previous mark")
            last = found.upperBound
        }
        #expect(text.contains(Sample.quote))
        #expect(text.contains("以下 1 项已满足要求：建设内容"))
    }

    /// The project's own DOCX reader sees the five headings as headings.
    @Test func headingsReadBackAsHeadings() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opinion-\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: url) }
        try ReviewOpinionDOCX.data(Sample.report()).write(to: url)
        let doc = try #require(Ingestor.ingest(file: url, displayPath: "report.docx").first)
        let five = ["一、项目基本情况", "二、审查依据", "三、审查意见", "四、需补正材料清单", "五、审查结论"]
        let headings = doc.outline.compactMap(\.heading).map { $0.display.replacingOccurrences(of: " ", with: "") }
        #expect(headings.filter { five.contains($0) } == five, "\(headings)")
        #expect(headings.contains { $0.hasPrefix("（一）密码应用方案") })
    }

    @Test func noGapsSaysSo() throws {
        let met = Sample.report().findings.filter { $0.status == .met }
        let spec = ReviewOpinionDOCX.spec(Sample.report(findings: met))
        let texts = spec.blocks.compactMap(\.text)
        #expect(texts.contains("经检查，未发现需补正的缺口。"))
        #expect(texts.contains("无。"))
    }
}
