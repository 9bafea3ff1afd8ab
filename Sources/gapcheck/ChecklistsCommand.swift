import ArgumentParser
import Check
import Checklists
import Foundation

struct ChecklistsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklists", abstract: "List, show or validate the jurisdiction checklists.",
        discussion: "Exit status: 0 done; 1 validate found errors; 2 the checklists could not be loaded, or no such id.",
        subcommands: [List.self, Show.self, Validate.self])

    /// The same lookup as every other command (option, GAPCHECK_CHECKLISTS, ./Checklists, the install prefix).
    struct Options: ParsableArguments {
        @OptionGroup var location: ChecklistOptions

        var folder: URL { location.location().folder }

        /// Exit status 2 when the folder cannot be loaded, as for every command.
        func load() throws -> ChecklistLibrary {
            var library: ChecklistLibrary?
            try reportingFailures { library = try location.load().0 }
            guard let library else { throw ExitCode(2) }
            return library
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List checklists with their regulation and item counts.")
        @OptionGroup var options: Options

        func run() async throws {
            let library = try options.load()
            for id in library.orderedIDs {
                guard let checklist = library.jurisdictionID(for: id).flatMap({ library.checklists[$0] }) else { continue }
                let regulation = checklist.regulation
                var counts: [String] = []
                for stage in Stage.allCases {
                    let n = checklist.items.filter { $0.stage == stage }.count
                    if n > 0 { counts.append("\(stage.rawValue) \(n)") }
                }
                let number = regulation.number.map { "（\($0)）" } ?? ""
                print("\(id)\t\(checklist.name)\t《\(regulation.title)》\(number)\t\(statusName(regulation))\t共 \(checklist.items.count) 项：\(counts.joined(separator: ", "))")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one checklist's items with articles and quotes.")
        @OptionGroup var options: Options
        @Argument(help: "Checklist id, e.g. yangcheng.") var id: String

        func run() async throws {
            let library = try options.load()
            guard let checklist = library.jurisdictionID(for: id).flatMap({ library.checklists[$0] }) else {
                printError("错误：没有 id 或名称为“\(id)”的清单。可用的辖区：\(library.jurisdictionChoices)")
                throw ExitCode(2)
            }
            let regulation = checklist.regulation
            print("\(checklist.id) \(checklist.name)（版本 \(checklist.version)）")
            print("依据：《\(regulation.title)》\(regulation.number.map { "（\($0)）" } ?? "") \(regulation.issuer)，\(statusName(regulation))")
            if let parent = checklist.extends { print("继承：\(parent)") }
            for stage in Stage.allCases {
                let items = checklist.items.filter { $0.stage == stage }
                guard !items.isEmpty else { continue }
                print("\n## \(stage.chineseName)（\(stage.rawValue)）")
                for item in items {
                    print("- [\(item.severity.chineseName)] \(item.id)：\(item.title)")
                    print("  规则：\(describe(item.rule))；文件：\(item.documents.joined(separator: ", "))")
                    if let condition = item.condition { print("  适用条件：\(condition.description ?? "（见清单）")") }
                    print("  \(item.basis.article)\(item.basis.item ?? "")：“\(item.basis.quote)”")
                }
            }
        }

        func describe(_ rule: Rule) -> String {
            switch rule.kind {
            case .section: return "章节 \(rule.section ?? "")" + (rule.subElements.map { "（要素：\($0.joined(separator: "、"))）" } ?? "")
            case .document: return "文件 \((rule.documentKinds ?? []).joined(separator: "/"))"
            case .figure: return "数值 \(rule.fact?.rawValue ?? "") \(rule.op?.rawValue ?? "") \(rule.value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "")"
            case .mention: return "提及 \((rule.terms ?? []).joined(separator: "/"))"
            case .all: return "全部满足[" + (rule.rules ?? []).map(describe).joined(separator: "；") + "]"
            case .any: return "任一满足[" + (rule.rules ?? []).map(describe).joined(separator: "；") + "]"
            case .mustNot: return "不得出现 \((rule.terms ?? []).joined(separator: "/"))"
            case .substance: return "章节 \(rule.section ?? "") 不少于 \(rule.minimumCharacters ?? 0) 字"
            case .order: return "章节顺序 \((rule.sections ?? []).joined(separator: " → "))"
            case .table:
                var parts: [String] = []
                if let columns = rule.columns { parts.append("列：\(columns.joined(separator: "、"))") }
                if let rows = rule.minimumRows { parts.append("至少 \(rows) 行") }
                if rule.totals == true { parts.append("合计核对") }
                return "表格\(rule.section.map { " \($0)" } ?? "")（\(parts.joined(separator: "；"))）"
            }
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the checklists: schema, references, rules, regular expressions and quotes.")
        @Argument(help: "The checklist folder (default: Checklists).") var directory: String?
        @OptionGroup var options: Options

        func run() async throws {
            let folder = directory ?? options.folder.path
            let result = ChecklistLibrary.validate(directory: URL(fileURLWithPath: folder, isDirectory: true))
            for note in result.notes { print("注意：\(note)") }
            for error in result.errors {
                let place = error.line.map { "\(folder)/\(error.file):\($0)" } ?? "\(folder)/\(error.file)"
                print("\(place): \(error.message)")
            }
            if !result.errors.isEmpty {
                print("共 \(result.errors.count) 处错误")
                throw ExitCode.failure
            }
            // Each item's example passages, run through the real pipeline.
            let examples = result.library.map(ExampleRunner.run) ?? []
            let failed = examples.filter { !$0.ok }
            for failure in failed { print(failure.description) }
            if !failed.isEmpty {
                print("共 \(failed.count) 个示例与预期不符（共 \(examples.count) 个示例）")
                throw ExitCode.failure
            }
            let count = result.library?.checklists.count ?? 0
            print("清单校验通过：\(count) 个清单，\(examples.count) 个示例均符合预期")
        }
    }
}

private func statusName(_ regulation: Regulation) -> String {
    switch regulation.status {
    case .inForce: return regulation.expires.map { "现行（有效期至 \($0)）" } ?? "现行"
    case .expired: return "已失效"
    case .draft: return "征求意见稿"
    case .guideline: return "审查细则（非正式规定）"
    }
}

private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
