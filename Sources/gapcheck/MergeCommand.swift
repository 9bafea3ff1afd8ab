import ArgumentParser
import Foundation
import Report
import Run

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Join the outputs of sharded sweeps into one index and summary.csv.",
        discussion: "Exit status: 0 merged; 2 a shard folder is missing or the merge could not be written.")

    @Argument(help: "Output folders of the shards.")
    var inputs: [String]

    @Option(name: .long, help: "Folder for the merged output.")
    var out: String

    func run() throws {
        try reportingFailures {
            let shards = try InputChecks.existingPaths(inputs)
            let summary: RunSummary
            do { summary = try ProjectOutput.merge(shards, into: URL(fileURLWithPath: out)) } catch {
                throw CommandFailure(code: "merge-failed", message: "合并未能完成：\(error)")
            }
            print("已合并 \(summary.projects) 个项目：\(URL(fileURLWithPath: out).appendingPathComponent("index.html").path)")
        }
    }
}
