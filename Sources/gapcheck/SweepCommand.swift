import ArgumentParser
import Foundation
import Report
import Run

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Check every project of an archive again (no incremental skip), with aggregate statistics.",
        discussion: BatchOutcome.discussion)

    @Argument(help: "Archive folder: one sub-folder per project.")
    var archive: String

    @Option(name: .long, help: "Output folder (default: ./Output).")
    var out: String?

    @Option(name: .long, help: "Take only shard i of n (1-based), e.g. 2/4, by a stable hash of the project name.")
    var shard: String?

    @Option(name: .long, help: "Checklist id for every project, overriding project.yaml.")
    var jurisdiction: String?

    @OptionGroup var checklistOptions: ChecklistOptions
    @OptionGroup var workerOptions: WorkerOptions
    @OptionGroup var ocrOptions: OCROptions

    static func parseShard(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        try reportingFailures { try perform() }
    }

    func perform() throws {
        _ = try InputChecks.existingPaths([archive])
        let archiveURL = URL(fileURLWithPath: archive).standardizedFileURL
        let config = try RunDriver.config(archiveURL)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let outURL = out.map { resolvePath($0, relativeTo: cwd) } ?? cwd.appendingPathComponent("Output")
        var shardValue: (index: Int, count: Int)?
        if let shard {
            guard let parsed = Self.parseShard(shard) else {
                throw CommandFailure(code: "invalid-shard", message: "--shard 应写作 i/n，且 1 ≤ i ≤ n，如 2/4")
            }
            shardValue = parsed
        }
        let (library, folder) = try checklistOptions.load(
            configured: config.checklists.map { resolvePath($0, relativeTo: archiveURL) })
        try RunDriver.checkJurisdictions([jurisdiction, config.jurisdiction], library: library)
        var options = RunOptions(
            inbox: archiveURL, out: outURL, mode: .sweep,
            workers: workerOptions.workers ?? config.workers ?? ProcessInfo.processInfo.activeProcessorCount,
            jurisdiction: try InputChecks.jurisdiction(jurisdiction, library: library), defaultJurisdiction: config.jurisdiction,
            limits: ocrOptions.limits(config: config), settleSeconds: 0, stabilityInterval: 0,
            shard: shardValue,
            worker: WorkerSettings(
                executable: WorkerSettings.currentExecutable(),
                timeoutSeconds: workerOptions.timeout ?? config.timeoutSeconds ?? 120,
                memoryMB: workerOptions.memoryMb ?? config.memoryMB ?? 2048))
        options.clock = try InputChecks.clock(config.timezone)
        let display = ProgressDisplay(verbose: true)
        try? FileManager.default.removeItem(at: outURL.appendingPathComponent(ShardManifest.fileName))
        let (summary, code) = try RunDriver.run(Runner(options: options, library: library, checklistsFolder: folder),
                                                display: display)
        // Written after the reports: an output without it is not a finished sweep, and merge refuses it.
        try ShardManifest(index: shardValue?.index ?? 1, count: shardValue?.count ?? 1, library: library).write(to: outURL)
        print("全量检查完成：\(summary.projectsChecked) 个项目，\(summary.files) 个文件；总览：\(outURL.appendingPathComponent("index.html").path)")
        try BatchOutcome.finish(code)
    }
}
