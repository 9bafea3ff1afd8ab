import DOCXWriter
import Foundation
import TestSupport

// Writes the generated seeds: DOCX and OFD documents made by the writers the tests use, covering the features the
// readers branch on (numbering, TOC, tables, tracked changes, notes; nested page blocks, templates, outline, deltas).
// Usage: fuzz-seeds DIR → DIR/docx/*.docx, DIR/ofd/*.ofd

let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "seeds")

func write(_ data: Data, _ kind: String, _ name: String) throws {
    let target = folder.appendingPathComponent(kind)
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try data.write(to: target.appendingPathComponent(name))
}

let body: [BlockSpec] = [
    BlockSpec(type: .toc, toc: .field),
    .heading("项目概述", level: 1), .paragraph("本项目依据国家政务信息化规划建设。"),
    .heading("建设目标", level: 2, style: .custom), .paragraph("建设数据共享交换平台。"),
    .heading("建设内容", level: 2, style: .outlineLevel),
    .table([["序号", "名称", "金额（万元）"], ["1", "平台", "120"]]),
    BlockSpec(type: .paragraph, text: "修订内容", tracked: .inserted),
    BlockSpec(type: .paragraph, text: "删除内容", tracked: .deleted),
    BlockSpec(type: .paragraph, text: "正文附注", footnote: "脚注", comment: "批注"),
    BlockSpec(type: .textBox, blocks: [.paragraph("文本框内容")]),
    BlockSpec(type: .pageBreak),
    .heading("投资估算", level: 1, style: .manual), .paragraph("总投资 300 万元。"),
]
for preset in [NumberingPreset.none, .chapters, .official, .decimal] {
    for convention in [StyleIdConvention.english, .localized, .wps] {
        let spec = DocxSpec(
            title: "可行性研究报告", header: "页眉", footer: "第 1 页", styleIds: convention, numbering: preset, blocks: body)
        try write(try DOCXWriter(spec).data(), "docx", "\(preset.rawValue)-\(convention.rawValue).docx")
    }
}

var report = OFDSpec(pages: [
    OFDSpec.Page(
        [
            .text(.init("第一章 项目概述", y: 40, font: "heading", weight: 700)),
            .text(.init("第一段正文，说明项目的建设背景。", y: 55)),
            OFDWriter.nested(3, [.text(.init("1.1 项目背景", y: 85, font: "heading", weight: 700))]),
            .block([.text(.init("本项目", y: 97)), .text(.init("依据规划建设。", x: 42, y: 97))]),
        ], templates: ["running"]),
    OFDSpec.Page(
        [
            .text(.init("第二章 建设方案", y: 40, font: "title", weight: 700)),
            .text(.init("建设内容包括数据共享交换平台。", y: 55, deltaX: "5.6 5.6 g 12 5.6", deltaY: "0 0 g 3 0")),
        ], templates: ["running"]),
])
report.templates["running"] = [.text(.init("某市项目可行性研究报告", x: 60, y: 15, size: 3.7))]
report.outline = [.init("第一章 项目概述", page: 0, children: [.init("1.1 项目背景", page: 0)]), .init("第二章 建设方案", page: 1)]
report.title = "某市项目可行性研究报告"
report.created = "D:20220708103442+08'00'"
try write(try OFDWriter.data(report), "ofd", "report.ofd")

let composite = """
    <?xml version="1.0" encoding="UTF-8"?>
    <ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>
    <ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="10 10 100 20" Size="5" Font="3" CTM="1 0 0 1 0 0" \
    HScale="1"><ofd:TextCode X="0" Y="5" DeltaX="g 3 5">项目概述</ofd:TextCode></ofd:TextObject>
    <ofd:CompositeObject ID="4" Boundary="0 0 10 10" ResourceID="9"/><ofd:ImageObject ID="5" ResourceID="8" \
    Boundary="0 100 50 50" CTM="50 0 0 50 0 0"/></ofd:Layer></ofd:Content></ofd:Page>
    """
try write(try OFDWriter.data(OFDSpec(pages: [OFDSpec.Page([], rawContent: composite)])), "ofd", "raw.ofd")
// The input behind Tests/IngestTests/Fixtures/fuzz/ofd-text-size-1e40.ofd: a TextObject whose Size overflowed an
// integer conversion in layout.
let huge = #"<ofd:TextObject ID="90" Boundary="25 30 150 10" Size="1e40"><ofd:TextCode X="0" Y="5">第一章 项目概述</ofd:TextCode></ofd:TextObject>"#
let hugeSpec = OFDSpec(pages: [OFDSpec.Page([.raw(huge), .text(.init("本项目依据规划建设。", y: 60))])])
try write(try OFDWriter.data(hugeSpec), "ofd", "text-size-1e40.ofd")
print("seeds written to \(folder.path)")
