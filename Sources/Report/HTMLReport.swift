import Checklists
import Check
import DocumentModel

/// `report.html`: one self-contained page (inline CSS, no scripts, no external resources) that prints on A4 with
/// page numbers: the 需补正清单 of must-gaps first, gaps in review order with each regulation quote beside them,
/// met items folded into a short table, and a conclusion and signature block.
public enum HTMLReport {
    public static func render(_ report: ProjectReport, diff: ReportDiff? = nil) -> String {
        let e = HTML.escape
        let project = report.project
        let ref = project.checklist
        var h = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(project.name)) — 检查报告</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            <h1>项目文件完整性检查报告：\(e(project.name))</h1>

            """
        let jurisdiction = project.jurisdictionName.isEmpty ? project.jurisdiction : "\(project.jurisdictionName)（\(project.jurisdiction)）"
        var rows: [(String, String)] = [
            ("项目名称", project.name), ("项目编号", project.id), ("适用地区", jurisdiction),
            ("项目阶段", project.stage.chineseName),
        ]
        if let department = project.department { rows.append(("建设单位", department)) }
        rows += [
            ("检查清单", "\(ref.id) 版本 \(ref.version)"), ("生成工具", report.tool.map(ToolInfo.line) ?? "—"),
            ("依据规定", ReportText.regulationLine(ref)),
            ("规定效力", ReportText.validityName(ref.status)), ("生成时间", report.generated),
        ]
        h += "<table class=\"meta\"><tbody>\n"
        for (key, value) in rows { h += "<tr><th>\(e(key))</th><td>\(e(value))</td></tr>\n" }
        h += "</tbody></table>\n"
        if let warning = ReportText.validityWarning(ref) { h += "<p class=\"warning\">\(e(warning))</p>\n" }

        h += "<h2>概要</h2>\n<p>\(e(ReportText.summaryLine(report.summary)))</p>\n"
        h += "<p class=\"counts\">"
        for status in ReportText.statusOrder {
            let n = report.findings.filter { $0.status == status }.count
            h += "<span class=\"badge \(HTML.statusClass(status))\">\(e(status.chineseName)) \(n)</span> "
        }
        h += "</p>\n"
        if let diff, diff.previousRun != nil {
            h += "<div class=\"diff\"><p>与上次检查（\(e(diff.previousRun ?? ""))）相比：新增缺口 \(diff.newGaps.count) 项，已解决缺口 \(diff.resolvedGaps.count) 项。</p>\n<ul>\n"
            for item in diff.newGaps { h += "<li class=\"new-gap\">新增缺口：\(e(item.title))（\(e(item.requirement))）</li>\n" }
            for item in diff.resolvedGaps { h += "<li class=\"resolved\">已解决：\(e(item.title))（\(e(item.requirement))）</li>\n" }
            h += "</ul></div>\n"
        }
        if !project.facts.isEmpty {
            h += "<h3>项目基本数据</h3>\n<ul>\n"
            for fact in project.facts {
                var text = "\(ReportText.factName(fact.key))：\(ReportText.factValue(fact))（来源：\(ReportText.factSource(fact.source))"
                if let ev = fact.evidence { text += "，\(ReportText.evidenceLocation(ev))" }
                h += "<li>\(e(text + "）"))</li>\n"
            }
            h += "</ul>\n"
        }

        h += corrections(report)
        h += findingsSection(report)
        h += "<h2>文件</h2>\n"
        for doc in report.documents {
            h += "<h3>\(e(doc.path))</h3>\n"
            h += "<p>\(e(ReportText.documentFacts(doc).joined(separator: "；")))</p>\n"
            if let error = doc.error {
                h += "<p class=\"warning\">无法读取（\(e(error.kind.chineseName))）：\(e(error.message))</p>\n"
            }
            if !doc.sections.isEmpty {
                h += "<table class=\"sections\"><thead><tr><th>章节</th><th>状态</th><th>标题</th><th>页码</th></tr></thead><tbody>\n"
                for s in doc.sections {
                    h += "<tr><td>\(e(s.name))</td><td class=\"sec-\(e(s.status.rawValue))\">\(e(ReportText.sectionLine(s)))</td><td>\(e(s.heading ?? ""))</td><td>\(e(ReportText.page(s.page) ?? ""))</td></tr>\n"
                }
                h += "</tbody></table>\n"
            }
        }
        let errors = report.documents.filter { $0.error != nil }
        if !errors.isEmpty {
            h += "<h2>读取错误</h2>\n<ul>\n"
            for doc in errors {
                guard let error = doc.error else { continue }
                h += "<li>\(e(doc.path))：\(e(error.message))（\(e(error.kind.chineseName))）</li>\n"
            }
            h += "</ul>\n"
        }
        h += signatureBlock
        h += "</body>\n</html>\n"
        return h
    }

    /// 需补正清单: the must-gaps in review order, at the top where a reviewer looks first.
    static func corrections(_ report: ProjectReport) -> String {
        let e = HTML.escape
        let gaps = ReportText.mustGaps(report.findings)
        var h = "<h2>需补正清单（必须项）</h2>\n"
        if gaps.isEmpty { return h + "<p>必须项均已满足，无需补正。</p>\n" }
        h += "<table class=\"corrections\"><thead><tr><th>序号</th><th>需补正内容</th><th>结论</th><th>依据</th></tr></thead><tbody>\n"
        for (i, f) in gaps.enumerated() {
            h += "<tr><td>\(i + 1)</td><td><a href=\"#\(e(f.requirement))\">\(e(f.title))</a></td>"
            h += "<td class=\"\(HTML.statusClass(f.status))\">\(e(f.status.chineseName))</td><td>\(e(f.basis.regulation + f.basis.article))</td></tr>\n"
        }
        return h + "</tbody></table>\n"
    }

    /// Gaps and what could not be checked as cards in review order (must-missing, must-partial, should, info);
    /// met and not-applicable items folded into short tables, so they do not fill the printed pages.
    static func findingsSection(_ report: ProjectReport) -> String {
        var h = "<h2>检查结果</h2>\n"
        if report.findings.isEmpty { return h + "<p>没有适用的检查项。</p>\n" }
        let ordered = ReportText.reviewOrder(report.findings)
        for f in ordered where f.status.isGap || f.status == .notChecked { h += card(f, documents: report.documents) }
        h += shortTable("已满足的检查项", ordered.filter { $0.status == .met }, cls: "met-list")
        h += shortTable("不适用的检查项", ordered.filter { $0.status == .notApplicable }, cls: "na-list")
        return h
    }

    static func card(_ f: Finding, documents: [DocumentReport]) -> String {
        let e = HTML.escape
        var h = "<div class=\"finding \(HTML.statusClass(f.status))-border\" id=\"\(e(f.requirement))\">\n<div class=\"body\">\n"
        h += "<h4><span class=\"badge \(HTML.statusClass(f.status))\">\(e(f.status.chineseName))</span> \(e(f.title)) <span class=\"sev\">\(e(f.severity.chineseName))</span></h4>\n"
        h += "<p class=\"req\">检查项：\(e(f.requirement))（\(e(f.stage.chineseName))阶段）</p>\n"
        h += "<p>\(e(f.reason))</p>\n"
        if f.evidence.isEmpty {
            h += "<p class=\"where\">\(e(ReportText.whereText(f, documents: documents)))</p>\n"
        } else {
            h += "<ul class=\"evidence\">\n"
            for ev in f.evidence {
                h += "<li><span class=\"loc\">\(e(ReportText.evidenceLocation(ev)))</span>"
                if !ev.excerpt.isEmpty { h += "<q>\(e(ev.excerpt))</q>" }
                h += "</li>\n"
            }
            h += "</ul>\n"
        }
        h += "</div>\n"
        h += "<aside class=\"basis\"><p class=\"article\">\(e(f.basis.regulation)) \(e(f.basis.article))</p>\(f.basis.quote.isEmpty ? "" : "<blockquote>\(e(f.basis.quote))</blockquote>")</aside>\n"
        return h + "</div>\n"
    }

    static func shortTable(_ title: String, _ findings: [Finding], cls: String) -> String {
        let e = HTML.escape
        guard !findings.isEmpty else { return "" }
        var h = "<h3>\(e(title))（\(findings.count) 项）</h3>\n<table class=\"short \(cls)\"><thead><tr><th>检查项</th><th>说明</th><th>位置</th><th>依据</th></tr></thead><tbody>\n"
        for f in findings {
            let location = f.evidence.first.map(ReportText.evidenceLocation) ?? ""
            h += "<tr id=\"\(e(f.requirement))\"><td>\(e(f.title))</td><td>\(e(f.reason))</td><td>\(e(location))</td><td>\(e(f.basis.article))</td></tr>\n"
        }
        return h + "</tbody></table>\n"
    }

    /// Left for the reviewer to fill in on paper or after editing.
    static let signatureBlock = """
        <section class="conclusion">
        <h2>审查结论</h2>
        <p>□ 通过　□ 修改完善后通过　□ 不予通过</p>
        <p class="sign">审查人（签字）：<span class="blank"></span>　日期：<span class="blank short"></span>年<span class="blank tiny"></span>月<span class="blank tiny"></span>日</p>
        </section>

        """

    static let css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222;line-height:1.5}
        h1{font-size:1.6em;border-bottom:2px solid #333;padding-bottom:.3em}
        table{border-collapse:collapse;margin:.5em 0}
        th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}
        table.meta th{background:#f3f3f3;white-space:nowrap}
        .warning{background:#fde8e8;border-left:4px solid #c00;padding:.5em 1em;font-weight:bold}
        .badge{display:inline-block;padding:0 .5em;border-radius:3px;font-size:.9em}
        .sev{font-size:.8em;color:#666;font-weight:normal}
        .req{font-size:.85em;color:#666;margin:0}
        .finding{display:grid;grid-template-columns:3fr 2fr;gap:1em;border:1px solid #ccc;border-left-width:6px;margin:.8em 0;padding:.6em 1em;page-break-inside:avoid;break-inside:avoid}
        .finding h4{margin:.2em 0}
        .st-missing-border{border-left-color:#c62828}.st-partial-border{border-left-color:#e0a800}
        .st-met-border{border-left-color:#2e7d32}.st-not-checked-border{border-left-color:#3b6bb5}.st-not-applicable-border{border-left-color:#999}
        .basis{background:#f7f7f2;padding:.4em .8em;font-size:.92em}
        .basis .article{font-weight:bold;margin:.2em 0}
        .basis blockquote{margin:.2em 0;font-family:"Noto Serif CJK SC",serif}
        .evidence q{margin-left:.4em;color:#444}
        .evidence .loc{color:#333}
        .diff .new-gap{color:#8b0000}.diff .resolved{color:#1b5e20}
        \(HTML.statusCSS)
        table.short,table.corrections{width:100%;font-size:.92em}
        .where{color:#8b0000;font-size:.92em}
        .conclusion{margin-top:2em;border-top:2px solid #333;break-inside:avoid;page-break-inside:avoid}
        .conclusion .sign{margin-top:2.5em;text-align:right}
        .blank{display:inline-block;border-bottom:1px solid #333;width:10em;height:1em}.blank.short{width:4em}.blank.tiny{width:2em}
        nav.downloads{background:#eef3fb;padding:.5em 1em;margin-bottom:1em}nav.downloads a{margin-right:1.5em}
        @page{size:A4;margin:18mm 16mm 20mm 16mm;@bottom-center{content:"第 " counter(page) " 页，共 " counter(pages) " 页";font-size:9pt;color:#555}}
        @media print{body{margin:0;max-width:none;font-size:10.5pt}.finding{grid-template-columns:3fr 2fr}h2{page-break-after:avoid}a{color:inherit;text-decoration:none}nav.downloads{display:none}}
        """
}
