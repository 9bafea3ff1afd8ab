import ArgumentParser
import DocumentModel
import Foundation
import Ingest

/// Shows what ingest makes of files: the outline a reader sees, TOC claims set apart, errors and pages without text.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Print the structure extracted from documents (outline, TOC, errors).",
        discussion: "Exit status: 0 every file read; 2 a file is missing or could not be read.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Files to read (PDF, OFD, DOCX, DOC, WPS, RTF, ZIP packages).")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var ocrOptions: OCROptions

    func run() async throws {
        try reportingFailures(json: format == .json) { _ = try InputChecks.existingPaths(files) }
        let limits = ocrOptions.limits()
        var documents: [Document] = []
        for file in files {
            documents += Ingestor.ingest(file: URL(fileURLWithPath: file), displayPath: file, limits: limits)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(documents)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .text:
            var out = ""
            for document in documents { out += Self.describe(document) }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        if documents.contains(where: { $0.error != nil }) { throw ExitCode(2) }
    }

    static func describe(_ document: Document) -> String {
        var out = "== \(document.path)\n"
        out += "格式：\(document.format.rawValue)"
        if let pages = document.pageCount { out += "  页数：\(pages)" }
        out += "\n"
        if let title = document.metadata.title { out += "标题：\(title)\n" }
        if let error = document.error {
            out += "错误：[\(error.kind.chineseName)] \(error.message)"
            if let detail = error.detail { out += "（\(detail)）" }
            out += "\n"
        }
        if !document.pagesWithoutText.isEmpty {
            out += "无文字层页面：\(document.pagesWithoutText.map(String.init).joined(separator: ", "))\n"
        }
        if !document.ocrPages.isEmpty {
            out += "文字识别（OCR）页面：\(document.ocrPages.map(String.init).joined(separator: ", "))\n"
        }
        for warning in document.warnings { out += "提示：\(warning)\n" }
        if !document.toc.isEmpty {
            out += "目录：（目录条目仅为声明，不作为章节存在的依据）\n"
            for entry in document.toc {
                let indent = String(repeating: "  ", count: max(0, (entry.level ?? 1) - 1))
                let title = entry.number.isEmpty ? entry.title : "\(entry.number) \(entry.title)"
                let page = entry.printedPage.map { " …… \($0)" } ?? ""
                out += "  [目录] \(indent)\(title)\(page)\n"
            }
        }
        let outline = document.outline
        if document.error == nil {
            out += "大纲：\(outline.count) 个标题\n"
            for block in outline {
                guard let heading = block.heading else { continue }
                let indent = String(repeating: "  ", count: max(0, heading.level - 1))
                let ocr = block.ocrConfidence.map { "，OCR 置信度 \(Int($0.rounded()))" } ?? ""
                out += "  \(indent)\(heading.display)  （\(position(block.location))，\(sourceName(heading.source))\(ocr)）\n"
            }
            let running = document.blocks.filter { $0.part == .header || $0.part == .footer }.count
            if running > 0 { out += "页眉页脚：\(running) 行\n" }
        }
        return out
    }

    /// How the heading was recognised, in the words of the rest of the output.
    static func sourceName(_ source: HeadingSource) -> String {
        switch source {
        case .style: return "标题样式"
        case .outline: return "书签"
        case .pattern: return "编号与版式"
        }
    }

    static func position(_ location: Location) -> String {
        if let page = location.page { return "第 \(page) 页" }
        if let paragraph = location.paragraph { return "段落 \(paragraph)" }
        return "-"
    }
}
