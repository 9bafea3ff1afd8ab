import Check
import Checklists
import Foundation
import Report

/// The pages of the self-check service: the upload form, the report with its downloads, and problems.
struct ServePages: Sendable {
    let library: ChecklistLibrary
    let limits: ServeLimits

    func form() -> String {
        let e = escape
        var jurisdictions = "<option value=\"\">自动识别</option>"
        for checklist in library.checklists.values.sorted(by: { $0.id < $1.id }) {
            jurisdictions += "<option value=\"\(e(checklist.id))\">\(e(checklist.name))（\(e(checklist.id))）</option>"
        }
        var stages = "<option value=\"\">自动识别</option>"
        for stage in Stage.allCases { stages += "<option value=\"\(stage.rawValue)\">\(e(stage.chineseName))</option>" }
        return page(title: "项目文件自查", body: """
            <h1>项目文件自查</h1>
            <p>选择一个项目的全部文件（PDF、Word、WPS、OFD，或打包为一个 ZIP），提交后即可看到检查报告，并可下载 Word、Excel 和网页版本。</p>
            <form method="post" action="/check" enctype="multipart/form-data">
            <p><label>项目文件 <input type="file" name="files" id="files" multiple required></label></p>
            <p><label>地区 <select name="jurisdiction" id="jurisdiction">\(jurisdictions)</select></label>
            <label>阶段 <select name="stage" id="stage">\(stages)</select></label></p>
            <p><button type="submit">开始检查</button></p>
            </form>
            <p class="note">文件只在本机检查，检查完成后立即删除，不作保存。单次上传不超过 \(limits.maxUploadBytes >> 20) MB、\(limits.maxFiles) 个文件。</p>
            """)
    }

    /// The project report as `report.html` shows it, with a bar of downloads carried in the page itself, since
    /// nothing of the upload is kept once the answer is sent.
    func result(_ report: ProjectReport) -> String {
        let htmlReport = HTMLReport.render(report)
        let docx = (try? ReviewOpinionDOCX.data(report)).map { link($0, "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "下载审查意见（Word）") } ?? ""
        let xlsx = (try? FindingsWorkbook.data([IndexEntry(report: report, link: "")])).map { link($0, "findings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "下载检查结果（Excel）") } ?? ""
        let html = link(Data(htmlReport.utf8), "report.html", "text/html", "下载报告（网页）")
        let bar = "<nav class=\"downloads\" id=\"downloads\"><a href=\"/\">重新上传</a> \(html) \(docx) \(xlsx)</nav>\n"
        return htmlReport.replacingOccurrences(of: "<body>\n", with: "<body>\n\(bar)", options: [], range: htmlReport.range(of: "<body>\n"))
    }

    func problem(_ message: String) -> String {
        page(title: "无法检查", body: "<h1>无法检查</h1>\n<p class=\"problem\">\(escape(message))</p>\n<p><a href=\"/\">返回上传页面</a></p>")
    }

    func link(_ data: Data, _ name: String, _ type: String, _ text: String) -> String {
        "<a download=\"\(name)\" href=\"data:\(type);base64,\(data.base64EncodedString())\">\(escape(text))</a>"
    }

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.6}
        label{margin-right:1.5em}.note{color:#555;font-size:.9em}.problem{background:#fde8e8;border-left:4px solid #c00;padding:.5em 1em}</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    func escape(_ text: String) -> String { HTML.escape(text) }
}
