import Checklists
import Foundation
import Testing
import TestSupport

@testable import Check

/// 泰兴's review rules, encoded beside the shipped checklists as a user would add them: they validate, quote the
/// rules verbatim from two sources, and every example behaves.
@Suite struct TaixingFixtureTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/taixing", isDirectory: true)

    /// The shipped Checklists/ with the fixture's files added, in a temporary folder.
    static func folder() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("gapcheck-taixing-\(UUID().uuidString)", isDirectory: true)
        try fm.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Checklists"), to: dir)
        for file in ["jurisdictions/taixing.yaml", "sources/taixing-review-quotes.txt", "sources/taixing-om-quotes.txt"] {
            try fm.copyItem(at: fixture.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        return dir
    }

    @Test func validatesAndEveryExampleBehaves() throws {
        let result = ChecklistLibrary.validate(directory: try Self.folder())
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description).joined(separator: "\n"))")
        #expect(result.notes.isEmpty, "\(result.notes)")
        let library = try #require(result.library)
        let taixing = try #require(library.checklists["taixing"])
        #expect(taixing.regulation.status == .guideline)
        let kinds = Set(taixing.items.flatMap { Self.kinds($0.rule) })
        #expect(kinds.isSuperset(of: [.mustNot, .substance, .order, .table, .section, .figure]))
        let results = ExampleRunner.run(library).filter { $0.checklist == "taixing" }
        #expect(results.count >= 30)
        for failure in results where !failure.ok { Issue.record("\(failure.description)") }
    }

    @Test func quotesAreVerbatimInTheReviewRules() throws {
        guard let shared = TestPaths.sharedFolder else {
            print("note: shared/ folder not found; 泰兴 quotes checked against their own files only")
            return
        }
        let rules = shared.appendingPathComponent("corpus-real/Brickyzong__info-project-review")
        let texts = try FileManager.default.contentsOfDirectory(atPath: rules.path).filter { $0.hasSuffix(".md") }
            .map { try String(contentsOf: rules.appendingPathComponent($0), encoding: .utf8).filter { !$0.isWhitespace } }
        for file in ["taixing-review-quotes.txt", "taixing-om-quotes.txt"] {
            let text = try String(contentsOf: Self.fixture.appendingPathComponent("sources/\(file)"), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let quote = String(line.split(separator: "\t", maxSplits: 1).last ?? "").filter { !$0.isWhitespace }
                #expect(texts.contains { $0.contains(quote) }, "not verbatim: \(line)")
            }
        }
    }

    static func kinds(_ rule: Rule) -> [RuleKind] { [rule.kind] + (rule.rules ?? []).flatMap(kinds) }
}
