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
        var h = ""
        // Digests in memory and a string sink cannot fail.
        try? write(DigestList(entries: entries), run: run, statistics: statistics) { h += $0 }
        return h
    }

    /// Streams the page to `sink`: one pass over the projects' summaries for counts, filters and statistics, then
    /// their rows, so the page for any number of projects is written without holding their reports.
    public static func write(_ source: DigestSource, run: RunSummary?, statistics: Bool,
                             to sink: (String) throws -> Void) throws {
        var overview = Overview()
        try source.forEachSummary { overview.add($0) }
        try sink("""
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

            """)
        if let run { try sink(runSection(run)) }
        try sink("<h2>项目（\(overview.count) 个）</h2>\n" + filters(overview) + legend)
        try sink("<table class=\"overview\" id=\"projects\"><thead><tr>" + headerCells() + "</tr></thead>\n<tbody>\n")
        try source.forEachIndexRow(sink)
        try sink("</tbody></table>\n<p id=\"shown\" class=\"shown\"></p>\n")
        if statistics { try sink(overview.statisticsSection()) }
        try sink("<script>\n\(script)\n</script>\n</body>\n</html>\n")
    }

    /// What the page needs of all projects before their rows: counts, filter choices and statistics.
    struct Overview {
        var count = 0
        var jurisdictions = Set<String>()
        var stages = Set<Stage>()
        var gapsByGroup: [String: [String: Int]] = [:]
        var titles: [String: String] = [:]
        var errors: [String: Int] = [:]

        mutating func add(_ s: ProjectDigest.Summary) {
            count += 1
            jurisdictions.insert(s.jurisdictionLabel)
            stages.insert(s.stage)
            for gap in s.gaps {
                gapsByGroup[s.statisticsGroup, default: [:]][gap.requirement, default: 0] += 1
                titles[gap.requirement] = gap.title
            }
            for kind in s.errorKinds { errors[kind, default: 0] += 1 }
        }

        func statisticsSection() -> String {
            let e = HTML.escape
            var h = "<h2>统计</h2>\n"
            // Most-missed requirements per jurisdiction and year.
            if gapsByGroup.isEmpty { h += "<p>没有缺口。</p>\n" }
            for key in gapsByGroup.keys.sorted() {
                let top = gapsByGroup[key]!.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
                h += "<h3>最常缺失的检查项：\(e(key))</h3>\n"
                h += barChart(top.map { (titles[$0.key] ?? $0.key, $0.value) })
            }
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
    }

    /// The compact matrix: canonical sections a reviewer looks for first, then the key acceptance documents.
    /// Short labels keep the table within a 1366 px window; the full name is in each header's title.
    static let sectionColumns: [(id: String, label: String, name: String)] = [
        ("overview", "概况", "项目概况"), ("necessity", "必要", "建设必要性"), ("requirements", "需求", "需求分析"),
        ("construction-plan", "方案", "建设方案"), ("data-catalogue", "目录", "数据资源目录"),
        ("info-sharing", "共享", "信息共享"), ("security-plan", "安全", "安全方案"), ("mlps", "等保", "等级保护"),
        ("crypto", "密码", "密码应用"), ("investment", "投资", "投资估算/概算"), ("schedule", "进度", "实施进度"),
        ("om", "运维", "运维方案"), ("performance-goals", "绩效", "绩效目标"),
    ]
    static let documentColumns: [(id: String, label: String, name: String)] = [
        ("acceptance-application", "申请", "验收申请"), ("acceptance-report", "验收", "验收报告"),
        ("trial-run-report", "试运", "试运行报告"), ("software-test-report", "软测", "软件测评报告"),
        ("mlps-report", "等测", "等级保护测评报告"), ("crypto-assessment", "密评", "密码应用安全性评估报告"),
        ("final-accounts", "决算", "财务决算报告"), ("archive-acceptance", "档案", "档案验收材料"),
    ]

    static func runSection(_ run: RunSummary) -> String {
        let e = HTML.escape
        var h = "<h2>本次运行</h2>\n<table class=\"run\"><tbody>\n"
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
        return h
    }

    static func filters(_ overview: Overview) -> String {
        let jurisdictions = overview.jurisdictions.sorted()
        let stages = overview.stages.sorted()
        var h = "<form class=\"filters\" id=\"filters\">\n"
        h += select(id: "f-jurisdiction", label: "地区", options: jurisdictions.map { ($0, $0) })
        h += select(id: "f-stage", label: "阶段", options: stages.map { ($0.rawValue, $0.chineseName) })
        h += select(id: "f-gaps", label: "必须项缺口", options: [("1", "有缺口"), ("0", "无缺口")])
        h += "<label>项目名称 <input type=\"search\" id=\"f-name\" size=\"16\"></label>\n"
        return h + "</form>\n"
    }

    static let legend = """
        <p class="legend"><span class="a">✓</span> 有 <span class="p">半</span> 仅有标题、仅见于目录或仅被提及 \
        <span class="m">✗</span> 缺失 （空白：该项目的文件不涉及）。点击表头可排序。</p>

        """

    static func headerCells() -> String {
        let e = HTML.escape
        var h = "<th data-k=\"t\">项目</th><th data-k=\"t\">地区</th><th data-k=\"t\">阶段</th>"
        h += "<th data-k=\"n\" title=\"必须项缺口\">必须缺口</th><th data-k=\"n\">部分满足</th><th data-k=\"n\" title=\"无法读取的文件\">无法读取</th><th data-k=\"t\">与上次相比</th>"
        for c in sectionColumns { h += "<th class=\"c\" data-k=\"t\" title=\"\(e(c.name))\">\(e(c.label))</th>" }
        for (i, c) in documentColumns.enumerated() {
            h += "<th class=\"c\(i == 0 ? " d0" : "")\" data-k=\"t\" title=\"\(e(c.name))（文件）\">\(e(c.label))</th>"
        }
        return h
    }

    /// One project: its counts, then one short cell per matrix column. Kept terse: a 1,000-project index stays
    /// under 1 MB.
    static func row(_ entry: IndexEntry) -> String {
        let e = HTML.escape
        let p = entry.report.project, s = entry.report.summary
        var h = "<tr data-j=\"\(e(jurisdictionLabel(p)))\" data-s=\"\(p.stage.rawValue)\">"
        h += "<td class=\"name\"><a href=\"\(e(entry.link))\">\(e(p.name))</a></td><td>\(e(jurisdictionLabel(p)))</td><td>\(e(p.stage.chineseName))</td>"
        h += "<td class=\"num\(s.mustGaps > 0 ? " gap" : "")\">\(s.mustGaps)</td><td class=\"num\">\(s.partial)</td>"
        h += "<td class=\"num\(s.unreadableDocuments > 0 ? " gap" : "")\">\(s.unreadableDocuments)</td><td>\(e(diffText(entry.diff)))</td>"
        let sections = sectionStatuses(entry.report)
        for c in sectionColumns { h += cell(sections[c.id]) }
        let kinds = Set(entry.report.documents.map(\.kind))
        for c in documentColumns {
            if kinds.contains(c.id) { h += "<td class=\"a\">✓</td>" }
            else if p.stage == .acceptance { h += "<td class=\"m\">✗</td>" }
            else { h += "<td></td>" }
        }
        return h + "</tr>\n"
    }

    /// The best status each canonical section has in any of the project's documents.
    static func sectionStatuses(_ report: ProjectReport) -> [String: SectionStatus] {
        let rank: [SectionStatus: Int] = [.present: 0, .empty: 1, .tocOnly: 2, .mentionOnly: 3, .missing: 4]
        var best: [String: SectionStatus] = [:]
        for doc in report.documents {
            for section in doc.sections {
                let id = section.id
                if let old = best[id], rank[old]! <= rank[section.status]! { continue }
                best[id] = section.status
            }
        }
        return best
    }

    static func cell(_ status: SectionStatus?) -> String {
        switch status {
        case nil: return "<td></td>"
        case .present?: return "<td class=\"a\">✓</td>"
        case .missing?: return "<td class=\"m\">✗</td>"
        case .empty?, .tocOnly?, .mentionOnly?: return "<td class=\"p\" title=\"\(status!.chineseName)\">半</td>"
        }
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
        body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1em 1.5em;color:#222;font-size:14px}
        table{border-collapse:collapse}
        th,td{border:1px solid #ccc;padding:.15em .4em;text-align:left;vertical-align:top}
        table.run th{background:#f3f3f3}
        table.overview{width:100%}
        table.overview thead th{position:sticky;top:0;background:#f3f3f3;cursor:pointer;white-space:nowrap;z-index:1;font-size:.9em}
        table.overview th.c,table.overview td.a,table.overview td.p,table.overview td.m{text-align:center}
        table.overview th.c{width:2.2em;padding:.15em .1em}
        table.overview th.d0{border-left:2px solid #666}
        table.overview td.name{min-width:14em;max-width:26em}
        td.num{text-align:right}td.gap{color:#8b0000;font-weight:bold}
        td.a,span.a{background:#d9f2d9;color:#1b5e20}td.p,span.p{background:#fff1c2;color:#7a5a00}td.m,span.m{background:#f9d0d0;color:#8b0000}
        span.a,span.p,span.m{padding:0 .4em}
        tbody tr:hover td{outline:1px solid #999}
        .filters label{margin-right:1em}.shown{color:#555;font-size:.9em}
        svg.chart text{font-size:12px;font-family:inherit}
        @page{size:A4 landscape;margin:10mm}
        @media print{.filters,.shown{display:none}body{margin:0;font-size:9pt}table.overview thead th{position:static}a{color:inherit;text-decoration:none}}
        """

    // Filters hide rows, a header click sorts by that column; without scripts every row stays, in id order.
    static let script = """
        (function(){
          var t=document.getElementById('projects'),b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);
          var f=['f-jurisdiction','f-stage','f-gaps','f-name'].map(function(id){return document.getElementById(id);});
          function apply(){
            var j=f[0].value,s=f[1].value,g=f[2].value,n=f[3].value.trim(),shown=0;
            for(var i=0;i<rows.length;i++){var r=rows[i],gaps=+r.cells[3].textContent;
              var ok=(!j||r.dataset.j===j)&&(!s||r.dataset.s===s)&&(!g||(g==='1'?gaps>0:gaps===0))&&(!n||r.cells[0].textContent.indexOf(n)>=0);
              r.style.display=ok?'':'none';if(ok)shown++;}
            document.getElementById('shown').textContent='显示 '+shown+' / '+rows.length+' 个项目';
          }
          f.forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
          var dir={};
          Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,c){th.addEventListener('click',function(){
            var num=th.dataset.k==='n',d=dir[c]=-(dir[c]||-1);
            rows.sort(function(x,y){var a=x.cells[c].textContent,z=y.cells[c].textContent;
              return d*(num?(+a)-(+z):a.localeCompare(z,'zh'));});
            var frag=document.createDocumentFragment();rows.forEach(function(r){frag.appendChild(r);});b.appendChild(frag);
          });});
          apply();
        })();
        """
}
