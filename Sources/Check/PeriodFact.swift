import Checklists
import DocumentModel
import Foundation
import Sections

/// 建设周期 from a date range when no duration is stated: departments write 建设期为2024年3月至2025年2月 as often as
/// 建设周期12个月. Both ends count as whole months, so March to February is 12 months.
enum PeriodFact {
    static let phrases = ["建设周期", "建设工期", "建设期限", "实施周期", "建设期", "建设时间", "实施时间", "项目周期"]
    static let range = try! NSRegularExpression(
        pattern: "(20[0-9]{2})年([0-9]{1,2})月(?:[0-9]{1,2}日)?(?:至|到|-|—|–|~|－|～)(?:(20[0-9]{2})年)?([0-9]{1,2})月")

    static func constructionMonths(in documents: [IndexedDocument]) -> Fact? {
        for doc in documents where doc.readable && doc.nature == .project {
            for (index, lines) in FactExtractor.lines(of: doc) {
                for line in lines where phrases.contains(where: { line.contains($0) })
                    && !["延长", "延期", "缩短", "顺延"].contains(where: { line.contains($0) })
                {
                    if let months = months(in: line) {
                        return Fact(
                            key: .constructionMonths, value: .number(Double(months)), unit: "月", source: "document",
                            evidence: doc.evidence(block: index))
                    }
                }
            }
        }
        return nil
    }

    /// The span of the first date range in a line, in months; nil when there is none or it runs backwards.
    static func months(in line: String) -> Int? {
        let ns = line as NSString
        guard let m = range.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { return nil }
        func int(_ i: Int) -> Int? {
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : Int(ns.substring(with: r))
        }
        guard let y1 = int(1), let m1 = int(2), let m2 = int(4) else { return nil }
        let y2 = int(3) ?? y1
        let span = (y2 - y1) * 12 + (m2 - m1) + 1
        return span > 0 ? span : nil
    }
}
