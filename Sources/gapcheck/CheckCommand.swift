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

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, html, json }

    @Argument(help: "Documents or folders of one project.")
    var paths: [String]

    @Option(name: .long, help: "Checklist id, e.g. yangcheng.")
    var jurisdiction: String?

    @Option(name: .long, help: "Stage: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var stage: String?

    @Option(name: .long, help: "Output format: text, md, html or json.")
    var format: Format = .text

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
        if let jurisdiction, Jurisdictions.resolve(jurisdiction, in: library) == nil {
            FileHandle.standardError.write(Data("\(Jurisdictions.unknownMessage(jurisdiction, in: library))\n".utf8))
            throw ExitCode(2)
        }
        let report = SelfCheck.check(paths: paths.map { URL(fileURLWithPath: $0) }, library: library,
                                     jurisdiction: jurisdiction, stage: stage.flatMap(Stage.init(rawValue:)),
                                     limits: ocrOptions.limits())
        switch format {
        case .text: print(TerminalReport.render(report, color: TerminalReport.shouldColor()), terminator: "")
        case .md: print(MarkdownReport.render(report), terminator: "")
        case .html: print(HTMLReport.render(report), terminator: "")
        case .json: FileHandle.standardOutput.write(try JSONReport.encode(report))
        }
        let code = SelfCheck.exitCode(for: report)
        if code != 0 { throw ExitCode(code) }
    }
}
