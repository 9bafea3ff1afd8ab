import ArgumentParser
import Foundation
import Report
import Run

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Check every project folder of an inbox, incrementally, and write reports and an index.",
        discussion: BatchOutcome.discussion)

    @Argument(help: "Inbox folder: one sub-folder per project.")
    var inbox: String

    @Option(name: .long, help: "Output folder (default: gapcheck.yaml's out, else ./Output).")
    var out: String?

    @Option(name: .long, help: "Checklist id for every project, overriding project.yaml.")
    var jurisdiction: String?

    @Option(name: .long, help: "Leave files modified less than this many seconds ago for the next run.")
    var settleSeconds: Double?

    @OptionGroup var checklistOptions: ChecklistOptions
    @OptionGroup var workerOptions: WorkerOptions
    @OptionGroup var ocrOptions: OCROptions

    @Flag(name: .shortAndLong, help: "Log each step to stderr.")
    var verbose = false

    func run() throws {
        try reportingFailures { try perform() }
    }

    func perform() throws {
        _ = try InputChecks.existingPaths([inbox])
        let inboxURL = URL(fileURLWithPath: inbox).standardizedFileURL
        let config: InboxConfig
        do { config = try InboxConfig.load(inbox: inboxURL) } catch {
            FileHandle.standardError.write(Data("无法读取 \(InboxConfig.fileName)：\(error)\n".utf8))
            throw ExitCode(2)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let outURL = out.map { resolvePath($0, relativeTo: cwd) }
            ?? config.out.map { resolvePath($0, relativeTo: inboxURL) } ?? cwd.appendingPathComponent("Output")
        let (library, folder) = try checklistOptions.load(
            configured: config.checklists.map { resolvePath($0, relativeTo: inboxURL) })
        var options = RunOptions(
            inbox: inboxURL, out: outURL, mode: .run,
            workers: workerOptions.workers ?? config.workers ?? ProcessInfo.processInfo.activeProcessorCount,
            jurisdiction: try InputChecks.jurisdiction(jurisdiction, library: library), defaultJurisdiction: config.jurisdiction,
            limits: ocrOptions.limits(config: config),
            settleSeconds: settleSeconds ?? config.settleSeconds ?? 10,
            worker: WorkerSettings(
                executable: WorkerSettings.currentExecutable(),
                timeoutSeconds: workerOptions.timeout ?? config.timeoutSeconds ?? 120,
                memoryMB: workerOptions.memoryMb ?? config.memoryMB ?? 2048))
        options.clock = try InputChecks.clock(config.timezone)
        let display = ProgressDisplay(verbose: verbose)
        let summary: RunSummary
        do {
            summary = try Runner(options: options, library: library, checklistsFolder: folder)
                .run(progress: { display.handle($0) })
        } catch {
            throw CommandFailure(code: "batch-failed", message: "检查未能完成：\(error)")
        }
        print("已检查 \(summary.projectsChecked) 个项目，\(summary.projectsUnchanged) 个无变化，"
              + "暂缓 \(summary.skipped.count) 个文件；总览：\(outURL.appendingPathComponent("index.html").path)")
        let status = BatchOutcome.exitStatus(out: outURL)
        if let sentence = BatchOutcome.sentence(status) { FileHandle.standardError.write(Data("\(sentence)\n".utf8)) }
        if status != 0 { throw ExitCode(status) }
    }
}
