import Foundation
import Run
import Testing
import TestSupport
import Yams

/// The deployment examples under deploy/, run as written: the Kubernetes Jobs' shell commands and the Slurm batch
/// scripts, three shards of the sample archive, merged and compared with one unsharded sweep.
@Suite(.serialized) struct DeployTests {
    static let root = TestPaths.packageRoot
    static let archive = root.appendingPathComponent("Corpus/inbox")
    /// OCR off keeps the sweeps short; the split and the merge do not depend on it.
    static let options = "--ocr off --workers 2"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `/bin/sh` with `arguments` in the package root, `gapcheck` first on the PATH.
    @discardableResult
    static func shell(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = RunFixture.gapcheckBinary.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env.merge(environment) { $1 }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The container's shell script and its environment, as the Job file declares them.
    static func jobCommand(_ file: String) throws -> (script: String, environment: [String: String]) {
        let text = try String(contentsOf: root.appendingPathComponent("deploy/kubernetes/\(file)"), encoding: .utf8)
        guard let job = try Yams.load(yaml: text) as? [String: Any],
            let spec = job["spec"] as? [String: Any], let template = spec["template"] as? [String: Any],
            let podSpec = template["spec"] as? [String: Any], let containers = podSpec["containers"] as? [[String: Any]],
            let container = containers.first, let command = container["command"] as? [String],
            command.count == 3, command[0] == "/bin/sh", command[1] == "-c"
        else { throw Failure(description: "\(file): no /bin/sh -c command in the first container") }
        var environment: [String: String] = [:]
        for entry in container["env"] as? [[String: Any]] ?? [] {
            if let name = entry["name"] as? String, let value = entry["value"] as? String { environment[name] = value }
        }
        return (command[2], environment)
    }

    static func run(_ arguments: [String], environment: [String: String]) throws {
        let result = try shell(arguments, environment: environment)
        guard result.status == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(result.status): \(result.output.suffix(800))")
        }
    }

    /// Each project's report.json without its generation time.
    static func findings(_ out: URL) throws -> [String: Data] {
        let projects = out.appendingPathComponent("projects")
        var result: [String: Data] = [:]
        for id in try FileManager.default.contentsOfDirectory(atPath: projects.path) {
            let data = try Data(contentsOf: projects.appendingPathComponent(id).appendingPathComponent("report.json"))
            guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            object["generated"] = nil
            result[id] = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }
        return result
    }

    static func expectSameAsWhole(_ merged: URL, _ whole: URL) throws {
        let mergedCSV = try Data(contentsOf: merged.appendingPathComponent("summary.csv"))
        let wholeCSV = try Data(contentsOf: whole.appendingPathComponent("summary.csv"))
        #expect(mergedCSV == wholeCSV, "\(merged.path): summary.csv differs from the unsharded sweep")
        let mergedFindings = try findings(merged)
        let wholeFindings = try findings(whole)
        #expect(Set(mergedFindings.keys) == Set(wholeFindings.keys))
        #expect(mergedFindings.count >= 20)
        for (id, report) in wholeFindings {
            #expect(mergedFindings[id] == report, "\(id): merged report differs")
        }
    }

    @Test func kubernetesAndSlurmShardsMergeToTheUnshardedSweep() throws {
        let work = try RunFixture.tempFolder("deploy")
        defer { try? FileManager.default.removeItem(at: work) }
        let whole = work.appendingPathComponent("whole")
        // The sample archive has must-gaps (exit 1) by design; anything else is a failed sweep.
        let wholeRun = try Self.shell(
            ["-c", "exec gapcheck sweep \"$1\" --out \"$2\" \(Self.options)", "sh", Self.archive.path, whole.path],
            environment: [:])
        #expect([0, 1, 4].contains(wholeRun.status), "\(wholeRun.output.suffix(800))")

        let sweep = try Self.jobCommand("sweep-job.yaml")
        let merge = try Self.jobCommand("merge-job.yaml")
        #expect(sweep.environment["SHARDS"] == "3")
        let k8s = work.appendingPathComponent("k8s")
        for index in 0..<3 {
            var env = sweep.environment
            env["JOB_COMPLETION_INDEX"] = String(index)
            env["ARCHIVE"] = Self.archive.path
            env["OUTPUT"] = k8s.path
            env["GAPCHECK_OPTIONS"] = Self.options
            try Self.run(["-c", sweep.script], environment: env)
        }
        var mergeEnv = merge.environment
        mergeEnv["OUTPUT"] = k8s.path
        try Self.run(["-c", merge.script], environment: mergeEnv)
        try Self.expectSameAsWhole(k8s.appendingPathComponent("merged"), whole)

        let slurm = work.appendingPathComponent("slurm")
        for task in 1...3 {
            try Self.run(["deploy/slurm/sweep-array.sbatch"], environment: [
                "SLURM_ARRAY_TASK_ID": String(task), "SLURM_ARRAY_TASK_COUNT": "3", "ARCHIVE": Self.archive.path,
                "OUTPUT": slurm.path, "GAPCHECK_OPTIONS": Self.options,
            ])
        }
        try Self.run(["deploy/slurm/merge.sbatch"], environment: ["OUTPUT": slurm.path, "SHARDS": "3"])
        try Self.expectSameAsWhole(slurm.appendingPathComponent("merged"), whole)

        // The command line refuses a shard given twice, and says why.
        let twice = try Self.shell(
            ["-c", "exec gapcheck merge \"$1\" \"$1\" \"$2\" --out \"$3\"", "sh",
             k8s.appendingPathComponent("shard-1").path, k8s.appendingPathComponent("shard-2").path,
             work.appendingPathComponent("bad").path],
            environment: [:])
        #expect(twice.status != 0)
        #expect(twice.output.contains("分片 1/3 出现了两次"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("bad/index.html").path))
    }
}

/// `merge`'s input checks, on manifests written by hand into empty folders.
@Suite struct ShardMergeTests {
    static func shard(_ index: Int, of count: Int, version: String = "1", in work: URL) throws -> URL {
        let folder = work.appendingPathComponent("shard-\(index)-\(version)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ShardManifest(index: index, count: count, library: try RunFixture.library(version: version)).write(to: folder)
        return folder
    }

    @Test func acceptsACompleteSplit() throws {
        let work = try RunFixture.tempFolder("merge-ok")
        defer { try? FileManager.default.removeItem(at: work) }
        let inputs = try (1...3).map { try Self.shard($0, of: 3, in: work) }
        let manifests = try ShardMerge.validate(inputs, out: work.appendingPathComponent("merged"))
        #expect(manifests.map(\.index) == [1, 2, 3])
    }

    @Test func refusesEachKindOfBadInput() throws {
        let work = try RunFixture.tempFolder("merge-bad")
        defer { try? FileManager.default.removeItem(at: work) }
        let one = try Self.shard(1, of: 2, in: work)
        let two = try Self.shard(2, of: 2, in: work)
        let out = work.appendingPathComponent("merged")
        let missing = work.appendingPathComponent("nowhere")
        #expect(throws: ShardMerge.Problem.missingFolder(missing.path)) {
            try ShardMerge.validate([one, missing], out: out)
        }
        #expect(throws: ShardMerge.Problem.outputIsInput(two.path)) {
            try ShardMerge.validate([one, two], out: work.appendingPathComponent("shard-2-1/."))
        }
        #expect(throws: ShardMerge.Problem.duplicateShard(index: 1, count: 2, folders: [one.path, one.path])) {
            try ShardMerge.validate([one, one, two], out: out)
        }
        #expect(throws: ShardMerge.Problem.missingShards([2], count: 2)) {
            try ShardMerge.validate([one], out: out)
        }
        #expect(try ShardMerge.validate([one], out: out, allowPartial: true).count == 1)
        let newer = try Self.shard(2, of: 2, version: "2", in: work)
        #expect(throws: ShardMerge.Problem.checklistsDiffer(one.path, newer.path, detail: "national 1 ≠ 2")) {
            try ShardMerge.validate([one, newer], out: out)
        }
        let other = try Self.shard(2, of: 3, in: work)
        #expect(throws: ShardMerge.Problem.mixedSplits(one.path, other.path)) {
            try ShardMerge.validate([one, other], out: out)
        }
        let plain = work.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        #expect(throws: ShardMerge.Problem.notASweep(plain.path)) {
            try ShardMerge.validate([plain], out: out)
        }
    }
}
