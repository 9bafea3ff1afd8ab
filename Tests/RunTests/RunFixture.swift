import Checklists
import Foundation
import Run
import TestSupport

/// Temporary inboxes, a minimal checklist library and the built `gapcheck` binary for run tests.
enum RunFixture {
    /// The `gapcheck` built next to this test bundle (`swift build --build-tests` builds both).
    static var gapcheckBinary: URL {
        let fm = FileManager.default
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("gapcheck")
                if fm.isExecutableFile(atPath: candidate.path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
        }
        return TestPaths.packageRoot.appendingPathComponent(".build/debug/gapcheck")
    }

    /// A library with an empty catalogue and a national checklist without items, built in code.
    static func library(version: String = "1") throws -> ChecklistLibrary {
        let catalogue = try JSONDecoder().decode(
            Catalogue.self, from: Data(#"{"version":"t","placeholders":[],"sections":[],"documentKinds":[]}"#.utf8))
        let national = try JSONDecoder().decode(Checklist.self, from: Data("""
            {"id":"national","name":"国家基线","aliases":[],"version":"\(version)","items":[],
             "regulation":{"title":"国家政务信息化项目建设管理办法","issuer":"国务院办公厅","status":"in-force","source":"x.txt"}}
            """.utf8))
        return ChecklistLibrary(catalogue: catalogue, checklists: ["national": national],
                                directory: URL(fileURLWithPath: "/nonexistent"))
    }

    static func tempFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gapcheck-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes files given as "project/relative/path" → bytes.
    static func write(_ files: [String: Data], under root: URL) throws {
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }

    static func bytes(_ text: String) -> Data { Data(text.utf8) }

    static func options(inbox: URL, out: URL, mode: RunOptions.Mode = .run, workers: Int = 2, timeout: Double = 60,
                        environment: [String: String] = [:], settle: Double = 0) -> RunOptions {
        RunOptions(inbox: inbox, out: out, mode: mode, workers: workers, settleSeconds: settle, stabilityInterval: 0,
                   worker: WorkerSettings(executable: gapcheckBinary, timeoutSeconds: timeout, memoryMB: 4096,
                                          extraEnvironment: environment))
    }
}
