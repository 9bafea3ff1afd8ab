import Check
import Checklists
import DocumentModel
import Foundation
import Testing
@testable import Ingest
@testable import Report

@Suite struct MarkdownReportTests {
    @Test func containsQuotePagesAndValidityWarning() {
        let md = MarkdownReport.render(Sample.report())
        #expect(md.contains(Sample.quote))
        #expect(md.contains("第12页"))
        #expect(md.contains("第3页"))
        #expect(md.contains("第八章 安全方案 > 8.2 数据"))
        #expect(md.contains("已失效"))
        #expect(md.contains("第九条（二）"))
        #expect(md.contains("附件/扫描件.pdf"))
        #expect(md.contains(IngestErrorKind.noTextLayer.chineseMessage))
        // Pages read by OCR, and evidence from them, say so.
        #expect(md.contains("文字识别（OCR）页：3–5、9"))
        #expect(md.contains("未能读取文字的页：40"))
        #expect(md.contains("（文字识别所得）"))
    }

    /// A section's reasons show beside its status; the heading reason is left to the heading column.
    @Test func sectionReasonsAreShown() {
        let md = MarkdownReport.render(Sample.report())
        let html = HTMLReport.render(Sample.report())
        #expect(md.contains("| 有：列明格式、更新周期；缺少要素：数据来源 |"))
        #expect(html.contains("有：列明格式、更新周期；缺少要素：数据来源"))
        #expect(!md.contains("有：标题「8.2 数据」"))
    }

    @Test func gapsComeBeforeMetWithinAStage() throws {
        let md = MarkdownReport.render(Sample.report())
        let missing = try #require(md.range(of: "【缺失】密码应用方案"))
        let partial = try #require(md.range(of: "【部分满足】数据资源目录"))
        let met = try #require(md.range(of: "【满足】建设内容"))
        #expect(missing.lowerBound < partial.lowerBound)
        #expect(partial.lowerBound < met.lowerBound)
    }

    @Test func draftRegulationIsFlagged() {
        let md = MarkdownReport.render(Sample.report(status: .draft))
        #expect(md.contains("征求意见稿"))
        #expect(!MarkdownReport.render(Sample.report(status: .inForce)).contains("注意："))
    }

    @Test func diffIsShown() {
        let diff = ReportDiff(previousRun: "20260301T020000.000Z",
                              newGaps: [.init(requirement: "yc-crypto", title: "密码应用方案")],
                              resolvedGaps: [.init(requirement: "yc-old", title: "旧缺口")])
        let md = MarkdownReport.render(Sample.report(), diff: diff)
        #expect(md.contains("新增缺口 1 项"))
        #expect(md.contains("已解决：旧缺口"))
    }
}

@Suite struct PrintableHTMLTests {
    /// A4 with page numbers, the 需补正清单 first, gaps in review order, met items in a short table, a signature.
    @Test func printableLayout() throws {
        let html = HTMLReport.render(Sample.report())
        #expect(html.contains("@page{size:A4"))
        #expect(html.contains("counter(page)"))
        let list = try #require(html.range(of: "需补正清单（必须项）"))
        let results = try #require(html.range(of: "<h2>检查结果</h2>"))
        #expect(list.lowerBound < results.lowerBound)
        let corrections = html[list.upperBound..<results.lowerBound]
        #expect(corrections.contains("密码应用方案"))
        #expect(!corrections.contains("数据资源目录"), "a should-gap is not a must-correction")
        let crypto = try #require(html.range(of: "id=\"yc-crypto\""))
        let data = try #require(html.range(of: "id=\"yc-data\""))
        let met = try #require(html.range(of: "已满足的检查项（1 项）"))
        #expect(crypto.lowerBound < data.lowerBound && data.lowerBound < met.lowerBound)
        #expect(html.contains("<tr id=\"yc-met\"><td>建设内容</td>"))
        #expect(html.contains("审查人（签字）"))
        #expect(html.contains("在以下文件中均未找到：可研.pdf"))
    }

    /// Chromium prints it on A4 (595 × 842 pt) with the page numbers in the bottom margin.
    @Test func chromiumPrintsA4WithPageNumbers() throws {
        let pdf = try PDFPrinter.pdf(html: HTMLReport.render(Sample.report()))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("printed-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try pdf.write(to: url)
        let doc = try #require(Ingestor.ingest(file: url, displayPath: "report.pdf").first)
        let text = doc.blocks.map(\.text).joined(separator: "\n")
        #expect(text.contains("第 1 页，共"))
        let raw = String(decoding: pdf, as: UTF8.self)
        // A4 is 595.28 × 841.89 pt; Chromium writes it rounded to its own units, e.g. [0 0 594.95996 841.91998].
        #expect(raw.contains("/MediaBox [0 0 594.9") && raw.contains(" 841.9"))
        #expect(!raw.contains("/MediaBox [0 0 612 792]"), "not US Letter")
    }

    @Test func withoutChromiumTheErrorIsNamedAndSaysWhatToInstall() {
        #expect(throws: PDFPrinter.Failure.chromiumUnavailable) {
            try PDFPrinter.pdf(html: "<p>x</p>", environment: ["GAPCHECK_CHROMIUM": "/nonexistent/chromium"])
        }
        #expect(PDFPrinter.Failure.chromiumUnavailable.kind == "chromium-unavailable")
        #expect(PDFPrinter.Failure.chromiumUnavailable.description.contains("apt-get install chromium"))
    }
}

@Suite struct HTMLReportTests {
    @Test func wellFormedEscapedAndSelfContained() {
        let html = HTMLReport.render(Sample.report())
        #expect(HTMLCheck.balanceProblem(html) == nil, "\(HTMLCheck.balanceProblem(html) ?? "")")
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)"))
        #expect(!HTMLCheck.hasExternalReference(html))
        #expect(html.contains("@media print"))
        #expect(html.contains("<blockquote>\(Sample.quote)</blockquote>"))
        #expect(html.contains("文字识别（OCR）页：3–5、9"))
        #expect(html.contains("第3页"))
        #expect(html.contains("已失效"))
    }

    /// A quote or bracket followed by a combining mark is one Character, yet its byte still ends an attribute or
    /// opens a tag: it is escaped all the same.
    @Test func escapeWorksOnBytesNotCharacters() {
        #expect(HTML.escape("x\"\u{301} onmouseover=alert(1)") == "x&quot;\u{301} onmouseover=alert(1)")
        #expect(HTML.escape("<\u{301}script>") == "&lt;\u{301}script&gt;")
        #expect(HTML.escape("第八章 密码应用方案") == "第八章 密码应用方案")
        #expect(HTML.escape("A&B'<>\"") == "A&amp;B&#39;&lt;&gt;&quot;")
    }

    @Test func balanceCheckCatchesBrokenMarkup() {
        #expect(HTMLCheck.balanceProblem("<div><p>x</div></p>") != nil)
        #expect(HTMLCheck.balanceProblem("<div><p>x</p>") != nil)
        #expect(HTMLCheck.balanceProblem("<div><br><p>x</p></div>") == nil)
    }
}

@Suite struct JSONReportTests {
    func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: ReportSchema.jsonData()) as? [String: Any])
    }

    @Test func producedJSONValidatesAgainstSchema() throws {
        let data = try JSONReport.encode(Sample.report())
        let value = try JSONSerialization.jsonObject(with: data)
        let errors = SchemaValidator.errors(value, try schema())
        #expect(errors.isEmpty, "\(errors)")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schema\" : \"gapcheck.report/1\""))
        let decoded = try JSONReport.decode(data)
        #expect(decoded.findings == Sample.report().findings)
    }

    @Test func schemaRejectsAReportMissingARequiredField() throws {
        let data = try JSONReport.encode(Sample.report())
        var value = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var findings = try #require(value["findings"] as? [[String: Any]])
        findings[0].removeValue(forKey: "basis")
        findings[1]["status"] = "unknown-status"
        value["findings"] = findings
        let errors = SchemaValidator.errors(value, try schema())
        #expect(errors.contains { $0.contains("missing required basis") })
        #expect(errors.contains { $0.contains("not in enum") })
    }

    @Test func ocrPagesAreInTheJSONAndTheSchemaChecksThem() throws {
        let data = try JSONReport.encode(Sample.report())
        var value = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var documents = try #require(value["documents"] as? [[String: Any]])
        #expect(documents[0]["ocrPages"] as? [Int] == [3, 4, 5, 9])
        #expect(documents[0]["pagesWithoutText"] as? [Int] == [40])
        // Documents without OCR pages leave the keys out.
        #expect(documents[1]["ocrPages"] == nil)
        documents[0]["ocrPages"] = ["3"]
        value["documents"] = documents
        #expect(SchemaValidator.errors(value, try schema()).contains { $0.contains("ocrPages[0]") })
    }

    @Test func schemaDeclaresDraft2020() throws {
        let s = try schema()
        #expect(s["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }
}

@Suite struct CSVSummaryTests {
    /// RFC 4180 reader, to check the writer's quoting by reading it back.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text), i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
            i += 1
        }
        chars = []
        return rows
    }

    @Test func aCommaOrQuoteBeforeACombiningMarkIsQuoted() {
        #expect(CSVSummary.quote("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(CSVSummary.quote("\"\u{301}") == "\"\"\"\u{301}\"")
        #expect(CSVSummary.quote("无需引号") == "无需引号")
    }

    @Test func startsWithBOMAndQuotesPerRFC4180() throws {
        let tricky = Finding(requirement: "x-1", title: "标题,含逗号\"和引号\"\n换行", stage: .feasibility,
                             status: .missing, severity: .must, reason: "", evidence: [],
                             basis: FindingBasis(regulation: "", article: "第一条", quote: ""))
        let data = CSVSummary.render([Sample.report(), Sample.report(id: "p2", name: "空项目", findings: [tricky])])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.contains("\"标题,含逗号\"\"和引号\"\"\n换行\""))
        let rows = Self.parse(text)
        #expect(rows.first == CSVSummary.header)
        #expect(rows.count == 1 + 4 + 1)
        #expect(rows.allSatisfy { $0.count == CSVSummary.header.count })
        let trickyRow = try #require(rows.first { $0[5] == "x-1" })
        #expect(trickyRow[6] == tricky.title)
        let partialRow = try #require(rows.first { $0[5] == "yc-data" })
        #expect(partialRow[8] == "部分满足")
        #expect(partialRow[10] == "3")
        #expect(partialRow[11] == "第八章 安全方案 > 8.2 数据")
        #expect(partialRow[13] == "《阳城县智慧城市建设项目管理办法》（阳政办发〔2024〕50号）")
        #expect(partialRow[15] == Sample.quote)
    }

    /// Rows come in review order, and a formula-like reason is prefixed so a spreadsheet keeps it as text.
    @Test func reviewOrderAndFormulasNeutralised() throws {
        var report = Sample.report()
        report.findings[1].reason = "=cmd|' /C calc'!A0"
        let rows = Self.parse(String(decoding: CSVSummary.render([report]).dropFirst(3), as: UTF8.self))
        #expect(rows.dropFirst().map { $0[5] } == ["yc-crypto", "yc-data", "yc-met", "yc-na"])
        #expect(rows[1][9] == "'=cmd|' /C calc'!A0")
    }

    @Test func cellsThatASpreadsheetWouldRunAsFormulasAreNeutralised() throws {
        let names = ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "普通项目"]
        let reports = names.enumerated().map { Sample.report(id: "p\($0.offset)", name: $0.element) }
        let rows = Self.parse(String(decoding: CSVSummary.render(reports).dropFirst(3), as: UTF8.self))
        let cells = rows.dropFirst().flatMap { $0 }
        #expect(!cells.isEmpty)
        for cell in cells {
            #expect(!(cell.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false), "\(cell)")
        }
        #expect(cells.contains("'=HYPERLINK(\"http://x\")"))
        #expect(cells.contains("普通项目"))
    }
}

@Suite struct IndexPageTests {
    @Test func rowsMatrixFiltersLinksAndStatistics() {
        let entries = [
            IndexEntry(report: Sample.report(), link: "projects/p1/report.html",
                       diff: ReportDiff(previousRun: "r0", newGaps: [.init(requirement: "yc-crypto", title: "密码应用方案")], resolvedGaps: [])),
            IndexEntry(report: Sample.report(id: "p2", name: "莱州项目<b>", jurisdiction: "laizhou"), link: "projects/p2/report.html"),
        ]
        let run = RunSummary(id: "r1", mode: "sweep", started: "2026-03-01T02:00:00Z", projects: 2,
                             skipped: [.init(path: "p3/a.pdf", reason: "仍在复制")])
        let html = IndexPage.render(entries: entries, run: run, statistics: true)
        #expect(HTMLCheck.balanceProblem(html) == nil, "\(HTMLCheck.balanceProblem(html) ?? "")")
        #expect(!HTMLCheck.hasExternalReference(html))
        #expect(html.contains("href=\"projects/p1/report.html\""))
        #expect(html.contains("莱州项目&lt;b&gt;"))
        for id in ["f-jurisdiction", "f-stage", "f-gaps", "f-name"] { #expect(html.contains("id=\"\(id)\"")) }
        #expect(html.contains("position:sticky"))
        #expect(html.contains("size:A4 landscape"))
        // The crypto section is missing, the data catalogue present, other sections not in the documents.
        #expect(html.contains("<td class=\"a\">✓</td><td></td><td></td><td></td><td class=\"m\">✗</td>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("新增缺口 1"))
        #expect(html.contains("p3/a.pdf"))
        #expect(html.contains(IngestErrorKind.noTextLayer.chineseMessage))
        let plain = IndexPage.render(entries: entries, run: nil, statistics: false)
        #expect(!plain.contains("<svg"))
    }

    /// The columns do not grow with the checklists: 7 project columns, 13 sections, 8 acceptance documents.
    @Test func columnsAreFixedAndAThousandProjectsStayUnderOneMegabyte() {
        let entries = (0..<1000).map { i in
            IndexEntry(report: Sample.report(id: String(format: "p%04d", i), name: "第\(i)号某县智慧城市政务服务平台建设项目",
                                             jurisdiction: ["yangcheng", "laizhou", "wendeng"][i % 3]),
                       link: "projects/p\(i)/report.html")
        }
        let html = IndexPage.render(entries: entries, run: nil, statistics: false)
        let header = html[html.range(of: "<thead>")!.upperBound..<html.range(of: "</thead>")!.lowerBound]
        #expect(header.components(separatedBy: "<th").count - 1 == 7 + 13 + 8)
        #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
        #expect(html.components(separatedBy: "<tr data-j=").count - 1 == 1000)
    }
}

@Suite struct TerminalReportTests {
    @Test func colourOnlyWhenAsked() {
        let plain = TerminalReport.render(Sample.report(), color: false)
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.contains("[缺失] 密码应用方案"))
        #expect(plain.contains(Sample.quote))
        #expect(plain.contains("可研.pdf：文字识别（OCR）页：3–5、9"))
        let coloured = TerminalReport.render(Sample.report(), color: true)
        #expect(coloured.contains("\u{1B}[31;1m[缺失]"))
        #expect(!TerminalReport.shouldColor(fileDescriptor: STDOUT_FILENO, environment: ["NO_COLOR": "1"]))
    }
}

@Suite struct DiffTests {
    @Test func newAndResolvedGaps() {
        let r = Sample.report()
        var previous = r.findings
        previous[1].status = .met       // yc-crypto was met, now missing: new gap
        previous[0].status = .missing   // yc-met was missing, now met: resolved
        let diff = ReportDiff.between(previous: previous, current: r.findings, previousRun: "r0")
        #expect(diff.newGaps.map(\.requirement) == ["yc-crypto"])
        #expect(diff.resolvedGaps.map(\.requirement) == ["yc-met"])
        #expect(ReportDiff.between(previous: nil, current: r.findings, previousRun: nil).previousRun == nil)
    }
}

/// Facts read as a reviewer writes them: durations in 个月, project types and sources in Chinese.
@Suite struct FactTextTests {
    @Test func factValuesAndSourcesReadInChinese() {
        let trial = Fact(key: .trialRunMonths, value: .number(3), unit: "月", source: "document", evidence: nil)
        #expect(ReportText.factValue(trial) == "3个月")
        let type = Fact(key: .projectType, value: .text("om"), unit: nil, source: "project.yaml", evidence: nil)
        #expect(ReportText.factValue(type) == "运维类")
        let money = Fact(key: .totalInvestment, value: .number(1234.5), unit: "万元", source: "document", evidence: nil)
        #expect(ReportText.factValue(money) == "1234.5万元")
        #expect(ReportText.factSource("document") == "项目文件")
        #expect(ReportText.factSource("project.yaml").contains("project.yaml"))
    }
}

/// docs/report-schema.md carries the schema the code builds; `scripts/update-schema-doc.sh` rewrites it.
@Suite struct SchemaDocumentTests {
    @Test func documentedSchemaIsTheOneTheCodeBuilds() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/report-schema.md"), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- schema:begin -->\n```json\n"))
        let end = try #require(text.range(of: "```\n<!-- schema:end -->"))
        let documented = try JSONSerialization.jsonObject(with: Data(text[begin.upperBound..<end.lowerBound].utf8))
        let built = try JSONSerialization.jsonObject(with: ReportSchema.jsonData())
        #expect(
            (documented as? NSDictionary)?.isEqual(built as? NSDictionary) == true,
            "docs/report-schema.md is stale: run scripts/update-schema-doc.sh")
    }
}

@Suite struct JSONErrorFieldTests {
    /// A readable document says `"error": null` rather than leaving the key out.
    @Test func readableDocumentsCarryANullError() throws {
        let data = try JSONReport.encode(Sample.report())
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let documents = try #require(root["documents"] as? [[String: Any]])
        #expect(!documents.isEmpty)
        for document in documents {
            #expect(document.keys.contains("error"))
        }
        #expect(documents.contains { $0["error"] is NSNull })
        #expect(documents.allSatisfy { $0["error"] is NSNull || $0["error"] is [String: Any] })
    }
}
