import Foundation
import Testing
@testable import Run

@Suite struct FrameBufferTests {
    /// A line and a payload that arrive in pieces come out whole, in order, and nothing before they are complete.
    @Test func linesAndPayloadsAcrossReads() {
        var frames = FrameBuffer()
        frames.append(ArraySlice(Array("{\"payloads\":[5]".utf8)))
        #expect(frames.line() == nil)
        frames.append(ArraySlice(Array("}\nab".utf8)))
        #expect(frames.line() == Data("{\"payloads\":[5]}".utf8))
        #expect(frames.payload(5) == nil)
        frames.append(ArraySlice(Array("c\nd\nnext\ntail".utf8)))
        #expect(frames.payload(5) == Data("abc\nd".utf8))
        #expect(frames.line() == Data())
        #expect(frames.line() == Data("next".utf8))
        #expect(frames.line() == nil)
        #expect(frames.rest() == Data("tail".utf8))
        #expect(frames.rest() == nil)
    }
}
