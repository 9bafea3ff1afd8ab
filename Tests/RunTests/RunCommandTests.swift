import Foundation
import Testing
import TestSupport
@testable import Run

/// The exit statuses of the commands, run as the built binary.
@Suite struct RunCommandTests {
    static func status(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = RunFixture.gapcheckBinary
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static var checklists: String { TestPaths.packageRoot.appendingPathComponent("Checklists").path }

    @Test func invalidLimitsAreRejected() throws {
        let inbox = try RunFixture.tempFolder("cli-limits")
        for bad in [["--workers", "0"], ["--timeout", "0"], ["--memory-mb", "1"], ["--timeout", "nan"]] {
            let (code, _) = try Self.status(["run", inbox.path, "--checklists", Self.checklists] + bad)
            #expect(code == RunExitCode.usage.rawValue, "\(bad)")
        }
    }

    @Test func anUnknownJurisdictionStopsTheCommandAndListsTheValidOnes() throws {
        let inbox = try RunFixture.tempFolder("cli-juris")
        let out = try RunFixture.tempFolder("cli-juris-out")
        let (run, runText) = try Self.status(["run", inbox.path, "--out", out.path, "--checklists", Self.checklists,
                                              "--jurisdiction", "火星"])
        #expect(run == RunExitCode.configuration.rawValue)
        #expect(runText.contains("火星") && runText.contains("wendeng"))
        let (check, checkText) = try Self.status(["check", inbox.path, "--checklists", Self.checklists, "--jurisdiction", "火星"])
        #expect(check == 2)
        #expect(checkText.contains("yangcheng"))
        try RunFixture.write(["gapcheck.yaml": RunFixture.bytes("jurisdiction: 火星\n")], under: inbox)
        let (config, _) = try Self.status(["run", inbox.path, "--out", out.path, "--checklists", Self.checklists])
        #expect(config == RunExitCode.configuration.rawValue)
    }

    @Test func aGapcheckYamlOutOfRangeOrAFIFOIsAConfigurationError() throws {
        let inbox = try RunFixture.tempFolder("cli-config")
        try RunFixture.write(["gapcheck.yaml": RunFixture.bytes("workers: 0\n")], under: inbox)
        let (code, text) = try Self.status(["run", inbox.path, "--checklists", Self.checklists])
        #expect(code == RunExitCode.configuration.rawValue)
        #expect(text.contains("workers"))
        let fifoInbox = try RunFixture.tempFolder("cli-config-fifo")
        #expect(mkfifo(fifoInbox.appendingPathComponent("gapcheck.yaml").path, 0o644) == 0)
        let (fifo, _) = try Self.status(["run", fifoInbox.path, "--checklists", Self.checklists])
        #expect(fifo == RunExitCode.configuration.rawValue)
    }

    /// A path that does not exist is refused like any missing input (2); 74 is for an inbox that is there but
    /// cannot be read.
    @Test func aMissingInboxIsRefused() throws {
        let (code, text) = try Self.status(["run", "/nonexistent/inbox", "--checklists", Self.checklists])
        #expect(code == RunExitCode.configuration.rawValue)
        #expect(text.contains("/nonexistent/inbox"))
    }
}
