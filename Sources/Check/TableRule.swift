import Checklists
import DocumentModel
import Foundation
import Sections

/// `table`: a table a regulation or template asks for (投资估算表, 数据资源目录, 设备清单): its header shows the
/// required columns, it has enough data rows, and its 合计 row adds up.
extension RequirementEvaluator {
    static let totalWords = ["合计", "总计", "小计", "总额"]

    func evaluateTable(_ rule: Rule, scope: [IndexedDocument]) -> RuleOutcome {
        var placeName = "正文"
        var tables: [(doc: IndexedDocument, index: Int, table: Table)] = []
        for doc in scope {
            var range: Range<Int>?
            if let id = rule.section, let section = catalogue.section(id) {
                placeName = "「\(section.definition.name)」"
                let match = locator.locate(section, in: doc)
                guard let body = body(of: match, in: doc) else { continue }
                range = body
            }
            for i in contentIndices(of: doc, in: range) {
                if let table = doc.document.blocks[i].table, table.rows.count > 1 { tables.append((doc, i, table)) }
            }
        }
        guard !tables.isEmpty else {
            return RuleOutcome(status: .missing, reasons: ["\(placeName)中没有表格"], evidence: [])
        }
        var best: (problems: [String], score: Int, doc: IndexedDocument, index: Int)?
        for (doc, index, table) in tables {
            let problems = tableProblems(table, rule: rule)
            let score = problems.count
            if best == nil || score < best!.score { best = (problems, score, doc, index) }
        }
        let (problems, _, doc, index) = best!
        let evidence = [doc.evidence(block: index)]
        if problems.isEmpty {
            return RuleOutcome(status: .met, reasons: ["\(doc.path)\(placeName)中的表格符合要求"], evidence: evidence)
        }
        let columnsMissing = problems.count == 1 && problems[0].hasPrefix("缺少全部")
        return RuleOutcome(
            status: columnsMissing ? .missing : .partial,
            reasons: ["\(doc.path)\(placeName)中的表格：\(problems.joined(separator: "；"))"], evidence: evidence)
    }

    /// What the table lacks, in Chinese; empty when it meets the rule.
    func tableProblems(_ table: Table, rule: Rule) -> [String] {
        var problems: [String] = []
        let header = table.rows.prefix(2).flatMap { $0.map { TextNormalizer.matchKey($0.text) } }
        let columns = rule.columns ?? []
        let missing = columns.filter { column in
            let alternatives = column.split(separator: "|").map { TextNormalizer.matchKey(String($0)) }
            return !header.contains { cell in alternatives.contains { cell.contains($0) } }
        }
        if !columns.isEmpty, missing.count == columns.count { return ["缺少全部所需列（\(columns.joined(separator: "、")))"] }
        if !missing.isEmpty { problems.append("缺少列：\(missing.joined(separator: "、"))") }
        let rows = Array(table.rows.dropFirst())
        let data = rows.filter { !Self.isTotal($0) && $0.contains { !TextNormalizer.matchKey($0.text).isEmpty } }
        if let minimum = rule.minimumRows, data.count < minimum {
            problems.append("只有\(data.count)行数据，少于\(minimum)行")
        }
        if rule.totals == true { problems += totalProblems(rows) }
        return problems
    }

    static func isTotal(_ row: [TableCell]) -> Bool {
        row.prefix(2).contains { cell in totalWords.contains { TextNormalizer.matchKey(cell.text).hasPrefix($0) } }
    }

    /// Each 合计 row against the data rows above it (since the previous 合计), column by numeric column.
    func totalProblems(_ rows: [[TableCell]]) -> [String] {
        guard rows.contains(where: Self.isTotal) else { return ["没有合计行，无法核对合计"] }
        var problems: [String] = []
        var above: [[TableCell]] = []
        for row in rows {
            guard Self.isTotal(row) else { above.append(row); continue }
            for (column, cell) in row.enumerated() {
                guard let total = Self.number(cell.text) else { continue }
                let values = above.compactMap { $0.indices.contains(column) ? Self.number($0[column].text) : nil }
                guard !values.isEmpty else { continue }
                let sum = values.reduce(0, +)
                if abs(sum - total) > max(0.01, abs(total) * 0.005) {
                    problems.append("第\(column + 1)列合计为\(FigureParser.format(total))，而各行之和为\(FigureParser.format(sum))")
                }
            }
            above = []
        }
        return problems
    }

    /// A cell that is only a number (thousands separators and a trailing unit allowed).
    static func number(_ text: String) -> Double? {
        var key = TextNormalizer.matchKey(text).replacingOccurrences(of: ",", with: "")
        for unit in ["万元", "元", "%", "台", "套", "个", "项"] where key.hasSuffix(unit) { key.removeLast(unit.count) }
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else { return nil }
        return Double(key)
    }
}
