import ArgumentParser
import Check
import Checklists
import Foundation
import Report
import Run

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Self-check one project made of the given files or folders.",
        discussion: "Exit status: 0 every must-item met, 1 gaps, 2 input could not be read.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, html, json, docx, xlsx, pdf }

    @Argument(help: "Documents or folders of one project.")
    var paths: [String]

    @Option(name: .long, help: "Checklist id, e.g. yangcheng.")
    var jurisdiction: String?

    @Option(name: .long, help: "Stage: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var stage: String?

    @Option(name: .long, help: "Output format: text, md, html, json, docx (审查意见), xlsx (findings) or pdf (printed by Chromium).")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output (binary formats).")
    var output: String?

    @OptionGroup var checklistOptions: ChecklistOptions
    @OptionGroup var ocrOptions: OCROptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder") }
        if let stage, Stage(rawValue: stage) == nil {
            throw ValidationError("unknown stage \(stage)")
        }
    }

    func run() throws {
        let (library, _) = try checklistOptions.load()
        let report = SelfCheck.check(paths: paths.map { URL(fileURLWithPath: $0) }, library: library,
                                     jurisdiction: jurisdiction, stage: stage.flatMap(Stage.init(rawValue:)),
                                     limits: ocrOptions.limits())
        if format == .text && output == nil {
            print(TerminalReport.render(report, color: TerminalReport.shouldColor()), terminator: "")
        } else {
            try emit(try rendered(report))
        }
        let code = SelfCheck.exitCode(for: report)
        if code != 0 { throw ExitCode(code) }
    }

    func rendered(_ report: ProjectReport) throws -> Data {
        switch format {
        case .text: return Data(TerminalReport.render(report, color: false).utf8)
        case .md: return Data(MarkdownReport.render(report).utf8)
        case .html: return Data(HTMLReport.render(report).utf8)
        case .json: return try JSONReport.encode(report)
        case .docx: return try ReviewOpinionDOCX.data(report)
        case .xlsx: return try FindingsWorkbook.data([IndexEntry(report: report, link: "")])
        case .pdf:
            do {
                return try PDFPrinter.pdf(html: HTMLReport.render(report))
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(3)
            }
        }
    }

    func emit(_ data: Data) throws {
        if let output {
            try AtomicFile.write(data, to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
