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

    @Option(name: .long, help: "Seconds to wait for another run holding the output folder (default 0: exit 75 at once).")
    var wait: Double = 0

    @Flag(name: .shortAndLong, help: "Log each step to stderr.")
    var verbose = false

    func run() throws {
        try reportingFailures { try perform() }
    }

    func perform() throws {
        _ = try InputChecks.existingPaths([inbox])
        let inboxURL = URL(fileURLWithPath: inbox).standardizedFileURL
        let config = try RunDriver.config(inboxURL)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let outURL = out.map { resolvePath($0, relativeTo: cwd) }
            ?? config.out.map { resolvePath($0, relativeTo: inboxURL) } ?? cwd.appendingPathComponent("Output")
        let (library, folder) = try checklistOptions.load(
            configured: config.checklists.map { resolvePath($0, relativeTo: inboxURL) })
        try RunDriver.checkJurisdictions([jurisdiction, config.jurisdiction], library: library)
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
        options.lockWait = wait
        options.clock = try InputChecks.clock(config.timezone)
        let display = ProgressDisplay(verbose: verbose)
        let (summary, code) = try RunDriver.run(Runner(options: options, library: library, checklistsFolder: folder),
                                                display: display)
        print("已检查 \(summary.projectsChecked) 个项目，\(summary.projectsUnchanged) 个无变化，"
              + "暂缓 \(summary.skipped.count) 个文件；总览：\(outURL.appendingPathComponent("index.html").path)")
        try BatchOutcome.finish(code)
    }
}
