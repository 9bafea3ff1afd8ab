@testable import Checklists
import TestSupport
import Foundation
import Testing

@Suite struct ChecklistLoaderTests {
    @Test func extendsDropAndOverride() throws {
        let library = try CheckFixtures.library()
        let local = try #require(library.checklists["testcounty"])
        let ids = local.items.map(\.id)
        // Inherited items first, the dropped one gone, own items appended.
        #expect(ids == ["national-crypto", "testcounty-data", "testcounty-expert", "testcounty-free-om", "testcounty-crypto-either", "testcounty-acceptance-package"])
        #expect(local.items.first?.severity == .should)
        #expect(library.checklists["national"]?.items.first?.severity == .must)
        #expect(library.checklists["national"]?.items.count == 2)
        #expect(library.files["testcounty"] == "jurisdictions/testcounty.yaml")
    }

    @Test func ownItemWithInheritedIDReplacesIt() throws {
        let replacing = CheckFixtures.local.replacingOccurrences(of: "  - id: testcounty-data\n", with: "  - id: national-crypto\n")
        let library = try ChecklistLibrary.load(from: CheckFixtures.folder(["jurisdictions/testcounty.yaml": replacing]))
        let items = try #require(library.checklists["testcounty"]).items
        #expect(items.filter { $0.id == "national-crypto" }.count == 1)
        #expect(items.first?.rule.section == "data-catalogue")
    }

    @Test func unknownKeyIsReportedWithItsLine() throws {
        let text = CheckFixtures.national
            .replacingOccurrences(of: "    severity: must\n", with: "    severity: must\n    sevrity: must\n")
        let folder = try CheckFixtures.folder(["jurisdictions/national.yaml": text])
        let lines = text.components(separatedBy: "\n")
        let expectedLine = try #require(lines.firstIndex { $0.contains("sevrity") }) + 1
        #expect(throws: ChecklistError.self) { try ChecklistLibrary.load(from: folder) }
        do {
            _ = try ChecklistLibrary.load(from: folder)
        } catch let error as ChecklistError {
            #expect(error.file == "jurisdictions/national.yaml")
            #expect(error.line == expectedLine)
            #expect(error.message.contains("sevrity"))
        }
    }

    @Test func missingRequiredKeyAndWrongEnumValue() throws {
        let text = CheckFixtures.national
            .replacingOccurrences(of: "    title: 应有运维方案\n", with: "")
            .replacingOccurrences(of: "    severity: should\n", with: "    severity: sometimes\n")
        let result = ChecklistLibrary.validate(directory: try CheckFixtures.folder(["jurisdictions/national.yaml": text]))
        let messages = result.errors.map(\.message)
        #expect(messages.contains { $0.contains("缺少必填的键“title”") })
        #expect(messages.contains { $0.contains("sometimes") })
        #expect(result.errors.allSatisfy { $0.line != nil })
    }

    @Test func badRegexIsAnError() throws {
        let text = CheckFixtures.catalogue.replacingOccurrences(of: "\"^投资.*(估算|概算)$\"", with: "\"^投资(估算\"")
        let result = ChecklistLibrary.validate(directory: try CheckFixtures.folder(["catalogue.yaml": text]))
        let error = try #require(result.errors.first { $0.message.contains("无法编译") })
        #expect(error.file == "catalogue.yaml")
        let sectionLine = text.components(separatedBy: "\n").firstIndex { $0.contains("id: budget") }! + 1
        #expect(error.line == sectionLine)
    }

    @Test func referencesRuleParametersAndFactsAreValidated() throws {
        let text = CheckFixtures.local
            .replacingOccurrences(of: "section: data-catalogue, subElements: [数据来源, 更新频率]", with: "section: nosuch")
            .replacingOccurrences(of: "op: \">=\", value: 3}", with: "op: \">=\"}")
            .replacingOccurrences(of: "documentKinds: [supervision]", with: "documentKinds: [invoice]")
            .replacingOccurrences(of: "op: \">=\", value: 500,", with: "op: \">=\", value: true,")
        let result = ChecklistLibrary.validate(directory: try CheckFixtures.folder(["jurisdictions/testcounty.yaml": text]))
        let messages = result.errors.map(\.message)
        #expect(messages.contains { $0.contains("testcounty-data") && $0.contains("nosuch") })
        #expect(messages.contains { $0.contains("testcounty-free-om") && $0.contains("value") })
        #expect(messages.contains { $0.contains("invoice") })
        #expect(messages.contains { $0.contains("testcounty-expert") && $0.contains("true/false") })
        // The error points to the offending key, not the item's first line.
        let keyLine = text.components(separatedBy: "\n").firstIndex { $0.contains("section: nosuch") }! + 1
        #expect(result.errors.contains { $0.message.contains("testcounty-data") && $0.line == keyLine })
    }

    @Test func duplicateIDsAndExtendsCycle() throws {
        let dup = CheckFixtures.local.replacingOccurrences(of: "- id: testcounty-expert\n", with: "- id: testcounty-data\n")
        let cyclic = CheckFixtures.national.replacingOccurrences(of: "version: \"1\"\n", with: "version: \"1\"\nextends: testcounty\n")
        let result = ChecklistLibrary.validate(directory: try CheckFixtures.folder([
            "jurisdictions/testcounty.yaml": dup, "jurisdictions/national.yaml": cyclic,
        ]))
        #expect(result.errors.contains { $0.message.contains("testcounty-data") && $0.message.contains("重复") })
        #expect(result.errors.contains { $0.message.contains("循环") })
    }

    @Test func quotesAreCheckedVerbatimWhitespaceAside() throws {
        // The local source breaks 数据来源、更新频率 over two lines: whitespace must not matter.
        let clean = ChecklistLibrary.validate(directory: try CheckFixtures.folder())
        #expect(clean.errors.isEmpty, "\(clean.errors)")

        let altered = CheckFixtures.local.replacingOccurrences(of: "quote: 免费运维期不少于三年", with: "quote: 免费运维期不少于3年")
        let result = ChecklistLibrary.validate(directory: try CheckFixtures.folder(["jurisdictions/testcounty.yaml": altered]))
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.contains("testcounty-free-om") == true)
    }

    @Test func sharedSourceWithoutSharedFolderIsANote() throws {
        let text = CheckFixtures.national.replacingOccurrences(of: "source: sources/national.txt", with: "source: shared:seeds/none.txt")
        let folder = try CheckFixtures.folder(["jurisdictions/national.yaml": text])
        // The temporary folder has no shared/ beside it.
        let result = ChecklistLibrary.validate(directory: folder)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.notes.contains { $0.contains("shared") })
    }
}

/// `shared:` sources against the real regulation texts beside the checkout.
@Suite struct SharedSourceTests {
    @Test func sharedSourceResolvesAndQuotesMatchAcrossLineBreaks() throws {
        guard let shared = TestPaths.sharedFolder else {
            print("skipped: shared/ folder not found beside the checkout")
            return
        }
        let seeds = try FileManager.default.contentsOfDirectory(atPath: shared.appendingPathComponent("seeds").path)
        let yangcheng = try #require(seeds.first { $0.hasPrefix("001_") })
        let folder = TestPaths.packageRoot.appendingPathComponent("Checklists", isDirectory: true)
        let url = try #require(ChecklistValidator.resolveSource("shared:seeds/\(yangcheng)", directory: folder))
        #expect(url.standardizedFileURL.path == shared.appendingPathComponent("seeds/\(yangcheng)").standardizedFileURL.path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let haystack = ChecklistValidator.withoutWhitespace(text)
        // The seed puts two spaces after 第九条; the quote written without them must still match.
        #expect(haystack.contains(ChecklistValidator.withoutWhitespace("第九条由县智慧办牵头,组织有关专家和部门")))
        #expect(!haystack.contains(ChecklistValidator.withoutWhitespace("第九条由县智慧办牵头，组织有关专家和部门")))
    }
}
