import Foundation
import Testing
import TestSupport
@testable import Run

@Suite struct OutputLockTests {
    @Test func aSecondRunOnTheSameOutputIsRefusedNamingTheHolder() throws {
        let inbox = try RunFixture.tempFolder("lock-inbox")
        let out = try RunFixture.tempFolder("lock-out")
        try RunFixture.write(["p/a.pdf": RunFixture.bytes("%PDF-1.4 broken")], under: inbox)
        let held = try OutputLock(out: out)
        let runner = Runner(options: RunFixture.options(inbox: inbox, out: out), library: try RunFixture.library(),
                            checklistsFolder: nil)
        do {
            _ = try runner.run()
            Issue.record("a second run went ahead")
        } catch let error as OutputLock.Held {
            #expect(error.holder == String(getpid()))
            #expect(error.description.contains("正被另一个 gapcheck 运行使用"))
        }
        #expect(!FileManager.default.fileExists(atPath: OutputLayout.projectFolder(out, "p").path))
        withExtendedLifetime(held) {}
    }

    @Test func aWaitingRunGoesAheadOnceTheLockIsFree() throws {
        let out = try RunFixture.tempFolder("lock-wait")
        let holder = LockHolder(try OutputLock(out: out))
        #expect(throws: OutputLock.Held.self) { try OutputLock(out: out, wait: 0.2) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { holder.release() }
        let second = try OutputLock(out: out, wait: 10)
        withExtendedLifetime(second) {}
        #expect(holder.isReleased)
    }

    @Test func twoBinariesAtOnceOneExitsLocked() throws {
        let inbox = try RunFixture.tempFolder("lock-bin-inbox")
        let out = try RunFixture.tempFolder("lock-bin-out")
        try RunFixture.write(["p/a.pdf": RunFixture.bytes("%PDF-1.4 broken")], under: inbox)
        let held = try OutputLock(out: out)
        let process = Process()
        process.executableURL = RunFixture.gapcheckBinary
        let checklists = TestPaths.packageRoot.appendingPathComponent("Checklists")
        process.arguments = ["run", inbox.path, "--out", out.path, "--checklists", checklists.path, "--settle-seconds", "0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == RunExitCode.locked.rawValue)
        withExtendedLifetime(held) {}
    }
}

final class LockHolder: @unchecked Sendable {
    private let guarded = NSLock()
    private var lock: OutputLock?

    init(_ lock: OutputLock) { self.lock = lock }
    func release() { guarded.withLock { lock = nil } }
    var isReleased: Bool { guarded.withLock { lock == nil } }
}
