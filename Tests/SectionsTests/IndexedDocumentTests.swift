import Foundation
import Testing

@testable import Sections

@Suite struct IndexedDocumentTests {
    /// The UTF-8 offsets of Foundation's literal search, each search going on after the last match.
    static func reference(_ haystack: String, _ needle: String) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var from = haystack.startIndex
        while let range = haystack.range(of: needle, options: .literal, range: from..<haystack.endIndex) {
            let start = haystack.utf8.distance(from: haystack.startIndex, to: range.lowerBound)
            found.append(start..<start + needle.utf8.count)
            from = range.upperBound
        }
        return found
    }

    @Test func byteSearchFindsWhatALiteralSearchFinds() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("阳城县晋市附件《》目录ab1 。")
        for _ in 0..<2_000 {
            let haystack = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement()! })
            let needle = String((0..<Int.random(in: 1...3, using: &generator)).map { _ in alphabet.randomElement()! })
            #expect(haystack.utf8Ranges(of: needle) == Self.reference(haystack, needle), "\(haystack) / \(needle)")
            #expect(haystack.has(needle) == haystack.contains(needle), "\(haystack) / \(needle)")
        }
    }

    @Test func matchesDoNotOverlapAndEmptyNeedlesFindNothing() {
        #expect("阳阳阳".utf8Ranges(of: "阳阳") == [0..<6])
        #expect("附件一，附件二".utf8Ranges(of: "附件") == [0..<6, 12..<18])
        #expect("附件".utf8Ranges(of: "").isEmpty)
        #expect("附件".has(""))
        #expect(!"附".has("附件"))
    }
}
