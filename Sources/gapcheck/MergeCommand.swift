import ArgumentParser
import Foundation
import Report
import Run

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Join the outputs of sharded sweeps into one index and summary.csv.",
        discussion: "Exit status: 0 merged; 2 an input refused (missing, not a finished sweep, the same shard twice, shards of different splits or checklist versions, the output among the inputs, shards missing without --partial) or the merge could not be written.")

    @Argument(help: "Output folders of the shards.")
    var inputs: [String]

    @Option(name: .long, help: "Folder for the merged output.")
    var out: String

    @Flag(name: .long, help: "Merge even when some shards of the split are missing.")
    var partial = false

    func run() throws {
        try reportingFailures {
            let shards = try InputChecks.existingPaths(inputs)
            do {
                _ = try ShardMerge.validate(shards, out: URL(fileURLWithPath: out), allowPartial: partial)
            } catch {
                throw CommandFailure(code: "merge-refused", message: "\(error)")
            }
            let summary: RunSummary
            do { summary = try ProjectOutput.merge(shards, into: URL(fileURLWithPath: out)) } catch {
                throw CommandFailure(code: "merge-failed", message: "合并未能完成：\(error)")
            }
            print("已合并 \(summary.projects) 个项目：\(URL(fileURLWithPath: out).appendingPathComponent("index.html").path)")
        }
    }
}
