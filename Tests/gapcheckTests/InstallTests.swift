import Foundation
import Testing
import TestSupport

/// The install script for real: install into a temporary prefix, run from `/` as the systemd unit does, uninstall.
@Suite struct InstallTests {
    let script = TestPaths.packageRoot.appendingPathComponent("scripts/install.sh")

    func shell(_ arguments: [String]) throws -> Gapcheck.Result {
        try Gapcheck.run(arguments, executable: script, in: TestPaths.packageRoot)
    }

    @Test func installRunFromRootAndUninstall() throws {
        let prefix = try Gapcheck.temporaryFolder("prefix")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let installed = try shell(["--prefix", prefix.path, "--binary", Gapcheck.binary.path])
        #expect(installed.status == 0, "\(installed.stderr)")
        let binary = prefix.appendingPathComponent("bin/gapcheck")
        for part in ["share/gapcheck/Checklists/catalogue.yaml", "share/man/man1/gapcheck.1",
                     "share/bash-completion/completions/gapcheck", "share/zsh/site-functions/_gapcheck"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(part).path), "\(part)")
        }

        // As the systemd unit starts it: from /, with only a PATH, no checkout in sight.
        let plain = ["PATH": "/usr/bin:/bin"]
        let list = try Gapcheck.run(["checklists", "list"], executable: binary, environment: plain)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("wendeng"))
        let project = Gapcheck.corpus.appendingPathComponent("01-wendeng-feasibility-complete").path
        let check = try Gapcheck.run(["check", project], executable: binary, environment: plain)
        #expect([0, 1].contains(check.status), "\(check.stderr)")
        #expect(check.stdout.contains("项目：文登区智慧市场监管平台建设项目"))

        let removed = try shell(["--uninstall", "--prefix", prefix.path])
        #expect(removed.status == 0, "\(removed.stderr)")
        let left = FileManager.default.enumerator(atPath: prefix.path)?.allObjects as? [String] ?? []
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func uninstallWithoutManifestSaysSo() throws {
        let prefix = try Gapcheck.temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let result = try shell(["--uninstall", "--prefix", prefix.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("未找到安装清单"))
    }
}
