import Foundation
import Testing
@testable import Ingest

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ExternalToolTests {
    @Test func timeoutKillsTheWholeProcessGroup() throws {
        let outcome = try ExternalTool.run("/bin/sh", ["-c", "sleep 60 & echo $!; wait"], timeout: 0.5)
        #expect(outcome.timedOut)
        let child = try #require(Int32(String(decoding: outcome.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = Self.isZombieOrGone(child)
        for _ in 0..<20 where !gone {
            Thread.sleep(forTimeInterval: 0.1)
            gone = Self.isZombieOrGone(child)
        }
        #expect(gone, "the background child \(child) survived the timeout")
    }

    @Test func helpersLeftBehindDoNotHoldTheCallerAfterTheProgramExits() throws {
        let started = Date()
        let outcome = try ExternalTool.run("/bin/sh", ["-c", "sleep 60 & echo started"], timeout: 30)
        #expect(!outcome.timedOut)
        #expect(outcome.status == 0)
        #expect(String(decoding: outcome.stdout, as: UTF8.self).contains("started"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// Whether a process has ended (a zombie awaiting its parent counts as ended).
    static func isZombieOrGone(_ pid: Int32) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return true }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return true }
        return text[text.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
