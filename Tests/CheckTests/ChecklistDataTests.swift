import Checklists
import Foundation
import Testing
import TestSupport

/// The real checklist data of the package: it must load, validate and quote its regulations verbatim.
@Suite struct ChecklistDataTests {
    @Test func realChecklistsLoadAndValidate() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Checklists", isDirectory: true)
        let result = ChecklistLibrary.validate(directory: folder)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description).joined(separator: "\n"))")
        let library = try #require(result.library)
        let ids = Set(library.checklists.keys)
        for id in ["national", "wendeng", "yangcheng", "shangrao", "laizhou", "dalateqi"] {
            #expect(ids.contains(id), "missing checklist \(id)")
        }
        // Every source is carried in Checklists/sources/, so quotes are verified on any machine.
        #expect(result.notes.isEmpty, "\(result.notes)")
    }

    /// The national quotes file holds the articles verbatim: each line against the full text of the measures.
    @Test func nationalQuotesAreVerbatim() throws {
        let quotes = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("Checklists/sources/national-quotes.txt"), encoding: .utf8)
        let lines = quotes.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count >= 20)
        guard let shared = TestPaths.sharedFolder else {
            print("note: shared/ folder not found; national quotes checked against their own file only")
            return
        }
        let url = shared.appendingPathComponent(
            "corpus-real/hhwjsw711__sm-docs/management-measures-for-national-government-information-projects.md")
        let full = try String(contentsOf: url, encoding: .utf8).filter { !$0.isWhitespace }
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1)
            #expect(parts.count == 2, "\(line)")
            let quote = String(parts.last ?? "").filter { !$0.isWhitespace }
            #expect(full.contains(quote), "not verbatim: \(line)")
        }
    }

    /// An item a county inherits from the national baseline cites the national measures, not the county's.
    @Test func inheritedItemsCiteTheRegulationTheyComeFrom() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Checklists", isDirectory: true)
        let library = try ChecklistLibrary.load(from: folder)
        for (id, checklist) in library.checklists {
            for item in checklist.items {
                let regulation = try #require(item.basis.regulation, "\(id): \(item.id) has no regulation")
                if item.id.hasPrefix("national-") {
                    #expect(regulation.number == "国办发〔2019〕57号", "\(id): \(item.id)")
                } else {
                    #expect(regulation == checklist.regulation, "\(id): \(item.id)")
                }
            }
        }
        let laizhou = try #require(library.checklists["laizhou"])
        #expect(laizhou.items.contains { $0.id.hasPrefix("national-") })
        #expect(laizhou.items.contains { $0.id.hasPrefix("laizhou-") })
    }
}
