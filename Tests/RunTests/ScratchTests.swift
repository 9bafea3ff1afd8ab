import Foundation
import Testing
@testable import Run

@Suite struct ScratchTests {
    @Test func leftoversOfAKilledRunAreRemovedAtTheNextStart() throws {
        let inbox = try RunFixture.tempFolder("scratch-inbox")
        let out = try RunFixture.tempFolder("scratch-out")
        try RunFixture.write([".scratch/gapcheck-ocr-AbC123/page-1.png": RunFixture.bytes("png")], under: out)
        try RunFixture.write(["p/a.pdf": RunFixture.bytes("%PDF-1.4 broken")], under: inbox)
        let locked = Scratch.folder(out).appendingPathComponent("gapcheck-ocr-AbC123")
        #expect(chmod(locked.path, 0o500) == 0)  // a tool's read-only leftover
        let scratch = try Scratch.reset(out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
        _ = try Runner(options: RunFixture.options(inbox: inbox, out: out), library: try RunFixture.library(),
                       checklistsFolder: nil).run()
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
    }
}
