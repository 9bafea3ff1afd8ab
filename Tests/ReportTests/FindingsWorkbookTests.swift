import Check
import Checklists
import Foundation
import Testing
@testable import Report

@Suite struct FindingsWorkbookTests {
    static let hostile = "=HYPERLINK(\"http://example.invalid\",\"点我\")"

    static func entries() -> [IndexEntry] {
        var report = Sample.report(id: "p2", name: "莱州项目", jurisdiction: "laizhou")
        report.findings[0].reason = hostile
        return [IndexEntry(report: Sample.report(), link: "projects/p1/report.html"),
                IndexEntry(report: report, link: "projects/p2/report.html")]
    }

    /// Two sheets with filters over every row and a frozen header; no formula anywhere; formula-like text kept as
    /// text with an apostrophe in front.
    @Test func sheetsFiltersFrozenHeadersAndNoFormulas() throws {
        let data = try FindingsWorkbook.data(Self.entries())
        let workbook = try OfficeReadBack.part("xl/workbook.xml", of: data)
        #expect(workbook.contains("name=\"项目汇总\""))
        #expect(workbook.contains("name=\"检查结果\""))
        let summary = try OfficeReadBack.part("xl/worksheets/sheet1.xml", of: data)
        let findings = try OfficeReadBack.part("xl/worksheets/sheet2.xml", of: data)
        #expect(summary.contains("<autoFilter ref=\"A1:M3\"/>"))
        #expect(findings.contains("<autoFilter ref=\"A1:P9\"/>"))
        for sheet in [summary, findings] {
            #expect(sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""))
            #expect(!sheet.contains("<f>"))
            #expect(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""))
        }
        // Written row by row in constant memory: strings are inline in the sheet, not in a shared table.
        let strings = summary + findings
        #expect(strings.contains("<is><t"))
        #expect(strings.contains("'=HYPERLINK("))
        #expect(strings.contains(Sample.quote))
        #expect(strings.contains("第八章 安全方案 &gt; 8.2 数据"))
    }

    /// LibreOffice opens the workbook; its first sheet reads back one row per project.
    @Test func libreOfficeReadsTheSummarySheet() throws {
        let csv = try OfficeReadBack.convert(try FindingsWorkbook.data(Self.entries()), name: "findings.xlsx",
                                             to: "csv:Text - txt - csv (StarCalc):44,34,76", outputExtension: "csv")
        let rows = CSVSummaryTests.parse(String(decoding: csv, as: UTF8.self))
        #expect(rows.first == FindingRows.projectHeader)
        #expect(rows.count == 3)
        #expect(rows[1][0] == "阳城县智慧城管平台项目")
        #expect(rows[1][5] == "1")
    }

    @Test func writesAtomicallyIntoAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FindingsWorkbook.write(Self.entries(), to: folder.appendingPathComponent("findings.xlsx"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["findings.xlsx"])
    }
}

@Suite struct SpreadsheetCellTests {
    @Test func formulaTriggersAreNeutralised() {
        for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1"] {
            #expect(SpreadsheetCell.neutralised(text) == "'" + text, "\(text)")
        }
        #expect(SpreadsheetCell.isFormulaLike("=\u{301}1"))
        #expect(SpreadsheetCell.isFormulaLike("\r\n=1"))
        for text in ["第九条", "", "1-2", "a=b", "'已转义"] {
            #expect(SpreadsheetCell.neutralised(text) == text, "\(text)")
        }
    }
}
