import Foundation
import Testing
@testable import Run

@Suite struct ReportSetTests {
    func contents(_ folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    @Test func aSetIsReplacedWhole() throws {
        let parent = try RunFixture.tempFolder("set")
        let folder = parent.appendingPathComponent("p")
        try ReportSet.replace(folder, with: [("report.md", Data("old".utf8)), ("report.html", Data("old".utf8)),
                                             ("diff.json", Data("old".utf8))])
        try ReportSet.replace(folder, with: [("report.md", Data("new".utf8)), ("report.html", Data("new".utf8))])
        #expect(try contents(folder) == ["report.md": "new", "report.html": "new"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["p"])
    }

    /// The moments a kill can fall on during a swap, left on disk as a kill leaves them.
    @Test func aKillDuringTheSwapLeavesTheOldSetOrTheNew() throws {
        let parent = try RunFixture.tempFolder("set-kill")
        let fm = FileManager.default
        func set(_ name: String, _ text: String) throws {
            try RunFixture.write(["\(name)/report.md": Data(text.utf8), "\(name)/report.html": Data(text.utf8)], under: parent)
        }
        // Killed while the new set was being written: the partial set is dropped, the old one stays.
        try set("a", "old")
        try RunFixture.write([".a.new-4242/report.md": Data("new".utf8)], under: parent)
        // Killed after the fallback moved the old set aside, before the new one went in: the old one comes back.
        try set(".b.old-4242", "old")
        // Killed after the new set went in, before the old one was removed: the new one stays.
        try set("c", "new")
        try set(".c.old-4242", "old")
        ReportSet.recover(in: parent)
        #expect(try contents(parent.appendingPathComponent("a")) == ["report.md": "old", "report.html": "old"])
        #expect(try contents(parent.appendingPathComponent("b")) == ["report.md": "old", "report.html": "old"])
        #expect(try contents(parent.appendingPathComponent("c")) == ["report.md": "new", "report.html": "new"])
        #expect(try fm.contentsOfDirectory(atPath: parent.path).sorted() == ["a", "b", "c"])
    }

    @Test func theExchangeIsAtomicWhereTheSystemHasIt() throws {
        let parent = try RunFixture.tempFolder("set-exchange")
        try RunFixture.write(["x/f": Data("1".utf8), "y/f": Data("2".utf8)], under: parent)
        // Where the system lacks it (older kernels, some file systems) nothing moves and the fallback is used.
        let swapped = ReportSet.exchange(parent.appendingPathComponent("x").path, parent.appendingPathComponent("y").path)
        #expect(try String(contentsOf: parent.appendingPathComponent("x/f"), encoding: .utf8) == (swapped ? "2" : "1"))
        #expect(try String(contentsOf: parent.appendingPathComponent("y/f"), encoding: .utf8) == (swapped ? "1" : "2"))
    }
}
