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
        discussion: """
            Exit status: 0 nothing at or above --fail-on is open; 1 gaps; 2 input refused or unreadable \
            (missing path, unknown jurisdiction or stage, unreadable document); 3 no checklist item applies.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, html, json, sarif, junit, docx, xlsx, pdf }

    @Argument(help: "Documents or folders of one project.")
    var paths: [String] = []

    @Option(name: .long, help: "Jurisdiction: checklist id or name, e.g. wendeng, 文登, 文登区.")
    var jurisdiction: String?

    @Option(name: .long, help: "Stage: an id (\(Stage.allCases.map(\.rawValue).joined(separator: ", "))) or a Chinese name such as 可研, 初步设计, 验收.")
    var stage: String?

    @Option(name: .long, help: "Output format: text, md, html, json, sarif, junit, docx (审查意见), xlsx (findings) or pdf (printed by Chromium).")
    var format: Format = .text

    @Option(name: .long, help: "Lowest severity that makes the exit status 1: must, should or any.")
    var failOn: CheckOutcome.FailOn = .must

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: .shortAndLong, help: "Print no report; only the exit status (and -o's file) tells the result.")
    var quiet = false

    @OptionGroup var checklistOptions: ChecklistOptions
    @OptionGroup var ocrOptions: OCROptions

    func run() throws {
        try reportingFailures(json: format == .json || format == .sarif) {
            let report = try makeReport()
            try deliver(try render(report))
            let status = CheckOutcome.exitStatus(for: report, failOn: failOn)
            if status == CheckOutcome.noApplicableItem, !quiet {
                FileHandle.standardError.write(Data("注意：\(CheckOutcome.noApplicableMessage)\n".utf8))
            }
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// Inputs are refused before any document is read.
    func makeReport() throws -> ProjectReport {
        let urls = try InputChecks.existingPaths(paths)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let config = try CheckConfig.discover(paths: urls, workingDirectory: cwd)
        let (library, _) = try checklistOptions.load(configured: config.checklists)
        let place = try InputChecks.jurisdiction(jurisdiction ?? config.config.jurisdiction, library: library)
        let stageValue = try InputChecks.stage(stage)
        let clock = try InputChecks.clock(config.config.timezone)
        return SelfCheck.check(paths: urls, library: library, jurisdiction: place, stage: stageValue,
                               limits: ocrOptions.limits(config: config.config), clock: clock)
    }

    func render(_ report: ProjectReport) throws -> Data {
        switch format {
        case .text:
            let color = output == nil && TerminalReport.shouldColor()
            return Data(TerminalReport.render(report, color: color).utf8)
        case .md: return Data(MarkdownReport.render(report).utf8)
        case .html: return Data(HTMLReport.render(report).utf8)
        case .json: return try JSONReport.encode(report)
        case .sarif: return try SARIFReport.encode(report)
        case .junit: return Data(JUnitReport.render(report).utf8)
        case .docx: return try ReviewOpinionDOCX.data(report)
        case .xlsx: return try FindingsWorkbook.data([IndexEntry(report: report, link: "")])
        case .pdf:
            do {
                return try PDFPrinter.pdf(html: HTMLReport.render(report))
            } catch {
                throw CommandFailure(code: "pdf-unavailable", message: "无法打印 PDF：\(error)")
            }
        }
    }

    func deliver(_ data: Data) throws {
        if let output {
            do { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw CommandFailure(code: "output-unwritable", message: "无法写入 \(output)：\(error.localizedDescription)")
            }
        } else if !quiet {
            FileHandle.standardOutput.write(data)
        }
    }
}
