import Check
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Report

@Suite struct SARIFReportTests {
    func log() throws -> [String: Any] {
        let data = try SARIFReport.encode(Sample.report())
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func validatesAgainstTheSARIF210Schema() throws {
        #expect(SchemaValidator.errors(try log(), SARIFSchema.log) == [])
    }

    /// The validator would catch a misspelt member: the schema is closed where SARIF's is.
    @Test func schemaRejectsUnknownMembers() throws {
        var broken = try log()
        broken["informationURI"] = "x"
        #expect(!SchemaValidator.errors(broken, SARIFSchema.log).isEmpty)
    }

    @Test func openItemsBecomeResultsWithRulesAndPages() throws {
        let report = Sample.report()
        let run = try #require((try log()["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let open = report.findings.filter { $0.status.isGap || $0.status == .notChecked }
        #expect(results.count == open.count)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["version"] as? String == ToolInfo.version)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let locations = results.flatMap { ($0["locations"] as? [[String: Any]]) ?? [] }
        let pages = locations.compactMap { ($0["properties"] as? [String: Any])?["page"] as? Int }
        #expect(pages.contains(3))
        #expect(locations.contains { (($0["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("第3页") == true })
    }

    @Test func matchesGolden() throws {
        try Golden.check(String(decoding: try SARIFReport.encode(Sample.report()), as: UTF8.self),
                         against: "sample.sarif")
    }
}

@Suite struct JUnitReportTests {
    @Test func countsMatchTheFindings() throws {
        let report = Sample.report()
        let xml = JUnitReport.render(report)
        let gaps = report.findings.filter { $0.status.isGap }.count
        #expect(xml.contains("<testsuites name=\"\(report.project.name)\" tests=\"\(report.findings.count)\" failures=\"\(gaps)\""))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == report.findings.count)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == gaps)
    }

    @Test func isWellFormedXML() throws {
        let xml = JUnitReport.render(Sample.report())
        _ = try XMLDocument(data: Data(xml.utf8))
    }

    @Test func escapesMarkup() {
        #expect(JUnitReport.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot; ")
    }

    @Test func matchesGolden() throws {
        try Golden.check(JUnitReport.render(Sample.report()), against: "sample.junit.xml")
    }
}
