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

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one shard output folder") }
    }

    func run() throws {
        let summary = try ProjectOutput.merge(inputs.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out))
        print("已合并 \(summary.projects) 个项目：\(URL(fileURLWithPath: out).appendingPathComponent("index.html").path)")
    }
}
