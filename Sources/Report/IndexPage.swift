import Checklists
import Check
import DocumentModel
import Foundation

/// One project as the batch index shows it.
public struct IndexEntry: Sendable {
    public var report: ProjectReport
    /// Link to the project's report.html, relative to the index.
    public var link: String
    public var diff: ReportDiff?

    public init(report: ProjectReport, link: String, diff: ReportDiff? = nil) {
        self.report = report
        self.link = link
        self.diff = diff
    }
}

/// Batch `index.html`: a projects × requirements heatmap with filters, links to every report, the run summary,
/// and for sweeps aggregate statistics drawn as inline SVG. Readable without scripts; the script only filters.
public enum IndexPage {
    public static func render(entries: [IndexEntry], run: RunSummary?, statistics: Bool) -> String {
        let e = HTML.escape
        let entries = entries.sorted { $0.report.project.id < $1.report.project.id }
        // Columns: every requirement any project was checked against, grouped by stage.
        var titles: [String: (title: String, stage: Stage)] = [:]
        for entry in entries { for f in entry.report.findings { titles[f.requirement] = (f.title, f.stage) } }
        let columns = titles.keys.sorted {
            let a = titles[$0]!, b = titles[$1]!
            return a.stage != b.stage ? a.stage < b.stage : $0 < $1
        }
        let jurisdictions = Set(entries.map { jurisdictionLabel($0.report.project) }).sorted()
        let stages = Set(entries.map(\.report.project.stage)).sorted()

        var h = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>检查结果总览</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            <h1>项目文件完整性检查总览</h1>

            """
        if let run {
            h += "<h2>本次运行</h2>\n<table class=\"run\"><tbody>\n"
            var rows: [(String, String)] = [
                ("运行编号", run.id), ("方式", modeName(run.mode)), ("开始", run.started), ("结束", run.finished ?? "未完成"),
                ("项目", "\(run.projects) 个（本次检查 \(run.projectsChecked) 个，无变化 \(run.projectsUnchanged) 个）"),
                ("文件", "\(run.files) 个（本次提取 \(run.extracted) 个，沿用缓存 \(run.cached) 个）"),
                ("并行进程", "\(run.workers)"),
            ]
            if !run.skipped.isEmpty { rows.append(("暂缓处理", "\(run.skipped.count) 个文件（仍在写入或刚修改，下次运行再处理）")) }
            if !run.ignored.isEmpty { rows.append(("忽略", "\(run.ignored.count) 个非文档文件")) }
            for (key, value) in rows { h += "<tr><th>\(e(key))</th><td>\(e(value))</td></tr>\n" }
            h += "</tbody></table>\n"
            if !run.skipped.isEmpty {
                h += "<details><summary>暂缓处理的文件</summary><ul>\n"
                for s in run.skipped { h += "<li>\(e(s.path))：\(e(s.reason))</li>\n" }
                h += "</ul></details>\n"
            }
        }

        h += "<h2>项目与检查项</h2>\n"
        h += "<form class=\"filters\" id=\"filters\">\n"
        h += select(id: "f-jurisdiction", label: "地区", options: jurisdictions.map { ($0, $0) })
        h += select(id: "f-stage", label: "阶段", options: stages.map { ($0.rawValue, $0.chineseName) })
        h += select(id: "f-status", label: "含有结论", options: ReportText.statusOrder.map { ($0.rawValue, $0.chineseName) })
        h += "</form>\n"
        h += "<p class=\"legend\">"
        for status in ReportText.statusOrder { h += "<span class=\"cell \(HTML.statusClass(status))\">\(e(status.chineseName))</span> " }
        h += "<span class=\"cell none\">—</span> 不在该项目的清单中</p>\n"

        h += "<div class=\"scroll\"><table class=\"heat\" id=\"heat\"><thead><tr><th>项目</th><th>地区</th><th>阶段</th><th>必须项缺口</th><th>与上次相比</th>"
        for id in columns {
            let t = titles[id]!
            h += "<th class=\"req\" title=\"\(e(t.title + "（" + id + "）"))\"><span>\(e(t.title))</span></th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        for entry in entries {
            let p = entry.report.project
            let byId = Dictionary(entry.report.findings.map { ($0.requirement, $0) }, uniquingKeysWith: { a, _ in a })
            let statuses = Set(entry.report.findings.map(\.status.rawValue)).sorted().joined(separator: " ")
            h += "<tr data-jurisdiction=\"\(e(jurisdictionLabel(p)))\" data-stage=\"\(e(p.stage.rawValue))\" data-statuses=\"\(e(statuses))\">"
            h += "<td class=\"name\"><a href=\"\(e(entry.link))\">\(e(p.name))</a>"
            if entry.report.summary.unreadableDocuments > 0 {
                h += " <span class=\"err\">（\(entry.report.summary.unreadableDocuments) 个文件无法读取）</span>"
            }
            h += "</td><td>\(e(jurisdictionLabel(p)))</td><td>\(e(p.stage.chineseName))</td><td class=\"num\">\(entry.report.summary.mustGaps)</td>"
            h += "<td>\(e(diffText(entry.diff)))</td>"
            for id in columns {
                if let f = byId[id] {
                    let tip = "\(f.title)：\(f.status.chineseName)（\(f.severity.chineseName)）\n\(f.reason)"
                    h += "<td class=\"cell \(HTML.statusClass(f.status))\" title=\"\(e(tip))\">\(e(shortStatus(f.status)))</td>"
                } else {
                    h += "<td class=\"cell none\">—</td>"
                }
            }
            h += "</tr>\n"
        }
        h += "</tbody></table></div>\n"

        if statistics { h += statisticsSection(entries) }
        h += "<script>\n\(script)\n</script>\n</body>\n</html>\n"
        return h
    }

    static func modeName(_ mode: String) -> String {
        switch mode {
        case "run": return "收件箱增量运行"
        case "sweep": return "全量检查"
        case "merge": return "合并分片结果"
        default: return mode
        }
    }

    static func jurisdictionLabel(_ p: ProjectInfo) -> String {
        p.jurisdictionName.isEmpty ? p.jurisdiction : p.jurisdictionName
    }

    static func shortStatus(_ s: RequirementStatus) -> String {
        switch s {
        case .met: return "✓"
        case .partial: return "半"
        case .missing: return "✗"
        case .notApplicable: return "·"
        case .notChecked: return "?"
        }
    }

    static func diffText(_ diff: ReportDiff?) -> String {
        guard let diff, diff.previousRun != nil else { return "首次检查" }
        if diff.newGaps.isEmpty && diff.resolvedGaps.isEmpty { return "无变化" }
        return "新增缺口 \(diff.newGaps.count)，已解决 \(diff.resolvedGaps.count)"
    }

    static func select(id: String, label: String, options: [(String, String)]) -> String {
        var s = "<label>\(HTML.escape(label)) <select id=\"\(id)\"><option value=\"\">全部</option>"
        for (value, text) in options { s += "<option value=\"\(HTML.escape(value))\">\(HTML.escape(text))</option>" }
        return s + "</select></label>\n"
    }

    /// The year a project belongs to: the report's project year, else its earliest dated document, else unknown.
    static func year(_ report: ProjectReport) -> String {
        if let year = report.project.year { return String(year) }
        let years = report.documents.compactMap { $0.date.map { String($0.prefix(4)) } }.filter { $0.count == 4 }
        return years.min() ?? "年份未知"
    }

    static func statisticsSection(_ entries: [IndexEntry]) -> String {
        let e = HTML.escape
        var h = "<h2>统计</h2>\n"
        // Most-missed requirements per jurisdiction and year.
        var groups: [String: [String: Int]] = [:]
        var titles: [String: String] = [:]
        for entry in entries {
            let key = "\(jurisdictionLabel(entry.report.project)) · \(year(entry.report))"
            for f in entry.report.findings where f.status.isGap {
                groups[key, default: [:]][f.requirement, default: 0] += 1
                titles[f.requirement] = f.title
            }
        }
        if groups.isEmpty { h += "<p>没有缺口。</p>\n" }
        for key in groups.keys.sorted() {
            let top = groups[key]!.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
            h += "<h3>最常缺失的检查项：\(e(key))</h3>\n"
            h += barChart(top.map { (titles[$0.key] ?? $0.key, $0.value) })
        }
        var errors: [String: Int] = [:]
        for entry in entries { for doc in entry.report.documents { if let err = doc.error { errors[err.kind.rawValue, default: 0] += 1 } } }
        h += "<h3>读取错误（按类型）</h3>\n"
        if errors.isEmpty {
            h += "<p>没有读取错误。</p>\n"
        } else {
            let rows = errors.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { kv in
                ((IngestErrorKind(rawValue: kv.key)?.chineseMessage ?? kv.key) + "（\(kv.key)）", kv.value)
            }
            h += barChart(rows)
        }
        return h
    }

    /// A horizontal bar chart as inline SVG, with the numbers also written as text.
    static func barChart(_ rows: [(String, Int)]) -> String {
        let e = HTML.escape
        let maxValue = max(rows.map(\.1).max() ?? 1, 1)
        let rowHeight = 22, labelWidth = 360, barWidth = 360
        let height = rows.count * rowHeight + 4
        var s = "<svg class=\"chart\" width=\"\(labelWidth + barWidth + 60)\" height=\(quoteAttr(height)) role=\"img\">\n"
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight + 2
            let w = max(1, row.1 * barWidth / maxValue)
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(e(String(row.0.prefix(28))))</text>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"#c62828\"><title>\(e(row.0))：\(row.1)</title></rect>"
            s += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 15)\">\(row.1)</text>\n"
        }
        return s + "</svg>\n"
    }

    static func quoteAttr(_ n: Int) -> String { "\"\(n)\"" }

    static let css = """
        body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
        table{border-collapse:collapse}
        th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}
        table.run th{background:#f3f3f3}
        .scroll{overflow-x:auto}
        table.heat th.req{writing-mode:vertical-rl;max-height:14em;font-weight:normal;font-size:.85em}
        td.cell,span.cell{text-align:center;min-width:1.6em;display:table-cell}
        span.cell{display:inline-block;padding:0 .4em;border:1px solid #bbb}
        td.none,span.none{color:#aaa}
        td.num{text-align:right}
        .err{color:#8b0000;font-size:.85em}
        .filters label{margin-right:1em}
        svg.chart text{font-size:12px;font-family:inherit}
        \(HTML.statusCSS)
        @media print{.filters{display:none}body{margin:0}}
        """

    // Hides rows not matching the chosen filters; without it every row stays visible.
    static let script = """
        (function(){
          var ids=['f-jurisdiction','f-stage','f-status'];
          function apply(){
            var j=document.getElementById(ids[0]).value,s=document.getElementById(ids[1]).value,t=document.getElementById(ids[2]).value;
            var rows=document.querySelectorAll('#heat tbody tr');
            for(var i=0;i<rows.length;i++){var r=rows[i];
              var ok=(!j||r.dataset.jurisdiction===j)&&(!s||r.dataset.stage===s)&&(!t||(' '+r.dataset.statuses+' ').indexOf(' '+t+' ')>=0);
              r.style.display=ok?'':'none';}
          }
          ids.forEach(function(id){document.getElementById(id).addEventListener('change',apply);});
        })();
        """
}
