import ArgumentParser
import Foundation
import Run

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Join the outputs of sharded sweeps into one index and summary.csv.")

    @Argument(help: "Output folders of the shards.")
    var inputs: [String]

    @Option(name: .long, help: "Folder for the merged output.")
    var out: String

    @Flag(name: .long, help: "Merge even when some shards of the split are missing.")
    var partial = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one shard output folder") }
    }

    func run() throws {
        let folders = inputs.map { URL(fileURLWithPath: $0) }
        do {
            _ = try ShardMerge.validate(folders, out: URL(fileURLWithPath: out), allowPartial: partial)
        } catch {
            throw ValidationError(error.description)
        }
        let summary = try ProjectOutput.merge(folders, into: URL(fileURLWithPath: out))
        print("已合并 \(summary.projects) 个项目：\(URL(fileURLWithPath: out).appendingPathComponent("index.html").path)")
    }
}
