import Checklists
import DocumentModel
import Foundation

/// Runs the examples checklist items carry, the way a linter runs its rules' triggering and non-triggering
/// examples: each passage becomes a document, the project is checked with the real pipeline, and the item's
/// finding must be met for a `pass` passage and partial or missing for a `fail` one.
public enum ExampleRunner {
    public struct Result: Sendable {
        public var checklist: String
        public var item: String
        /// `pass` or `fail`: what the passage is meant to show.
        public var expectation: String
        public var passage: String
        public var status: RequirementStatus?
        public var reason: String
        public var ok: Bool

        /// One line for a maintainer, in Chinese.
        public var description: String {
            let shown = status?.rawValue ?? "无结果"
            let wanted = expectation == "pass" ? "应满足" : "应不满足"
            return "\(checklist)：条目“\(item)”的\(expectation)示例\(wanted)，实际为 \(shown)（\(reason)）：\(passage.prefix(60))"
        }
    }

    /// Every example of every item, each run in the checklist that defines the item.
    public static func run(_ library: ChecklistLibrary) -> [Result] {
        let checker = Checker(library: library)
        var results: [Result] = []
        for id in library.orderedIDs {
            guard let checklist = library.checklists[id] else { continue }
            for item in checklist.items where item.id.hasPrefix("\(id)-") {
                for passage in item.examples?.pass ?? [] {
                    results.append(run(passage, expecting: true, item: item, checklist: id, checker: checker))
                }
                for passage in item.examples?.fail ?? [] {
                    results.append(run(passage, expecting: false, item: item, checklist: id, checker: checker))
                }
            }
        }
        return results
    }

    static func run(_ passage: String, expecting pass: Bool, item: ChecklistItem, checklist: String, checker: Checker)
        -> Result
    {
        let kindName = item.documents.first.flatMap { id in
            checker.library.catalogue.documentKinds.first { $0.id == id }?.name
        } ?? "项目文件"
        let documents = ExamplePassage.documents(passage, defaultName: "\(kindName).docx")
        let report = checker.check(
            ProjectInput(id: "example", documents: documents), jurisdiction: checklist, stage: item.stage,
            now: Date(timeIntervalSince1970: 0))
        let finding = report.findings.first { $0.requirement == item.id }
        let status = finding?.status
        let ok = pass ? status == .met : (status == .missing || status == .partial)
        return Result(
            checklist: checklist, item: item.id, expectation: pass ? "pass" : "fail", passage: passage, status: status,
            reason: finding?.reason ?? "该阶段未检查此条目", ok: ok)
    }
}

/// A passage of plain text as documents: `文件：名称` starts a document, `#`… a heading of that level, `| a | b |`
/// a table row (consecutive rows make one table), anything else a paragraph.
enum ExamplePassage {
    static func documents(_ passage: String, defaultName: String) -> [Document] {
        var documents: [Document] = []
        var path = defaultName
        var blocks: [Block] = []
        var rows: [[String]] = []
        func flushTable() {
            guard !rows.isEmpty else { return }
            let table = Table(rows: rows.map { $0.map { TableCell(text: $0) } })
            blocks.append(Block(
                kind: .table, text: rows.map { $0.joined(separator: "\t") }.joined(separator: "\n"), table: table,
                location: Location(page: 1, paragraph: blocks.count)))
            rows = []
        }
        func flushDocument() {
            flushTable()
            if !blocks.isEmpty { documents.append(Document(path: path, format: .docx, pageCount: 1, blocks: blocks)) }
            blocks = []
        }
        for raw in passage.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("文件：") {
                flushDocument()
                path = String(line.dropFirst(3))
            } else if line.hasPrefix("|") {
                rows.append(line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                    .map { $0.trimmingCharacters(in: .whitespaces) })
            } else if line.hasPrefix("#") {
                flushTable()
                let level = line.prefix { $0 == "#" }.count
                let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                let heading = Heading(level: level, number: "", title: title, numbering: .none, source: .style)
                blocks.append(Block(
                    kind: .heading, text: title, heading: heading, location: Location(page: 1, paragraph: blocks.count)))
            } else {
                flushTable()
                blocks.append(Block(kind: .paragraph, text: line, location: Location(page: 1, paragraph: blocks.count)))
            }
        }
        flushDocument()
        return documents
    }
}
