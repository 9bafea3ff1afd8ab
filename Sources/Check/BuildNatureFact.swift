import Checklists
import DocumentModel
import Foundation
import Sections

/// 建设性质: whether a project is 新建, 续建 or 改建 (改扩建, 升级改造), as its documents declare it (建设性质：续建;
/// 本项目为新建项目). Only a declaration counts: 新建 alone is said of every new module.
enum BuildNatureFact {
    static let declaration = try! NSRegularExpression(
        pattern: "(?:建设性质|项目性质|建设类型)(?:为|是|:)?(新建|续建|改扩建|改建|扩建|升级改造)|本项目(?:为|属于|是)(新建|续建|改扩建|改建|扩建|升级改造)")

    static func find(in documents: [IndexedDocument]) -> Fact? {
        for doc in documents where doc.readable && doc.nature == .project {
            for (index, lines) in FactExtractor.lines(of: doc) {
                for line in lines {
                    if let value = nature(in: line) {
                        return Fact(key: .buildNature, value: .text(value), unit: nil, source: "document", evidence: doc.evidence(block: index))
                    }
                }
            }
        }
        return nil
    }

    static func nature(in line: String) -> String? {
        let ns = line as NSString
        guard let m = declaration.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let r = m.range(at: 1).location != NSNotFound ? m.range(at: 1) : m.range(at: 2)
        switch ns.substring(with: r) {
        case "新建": return "new"
        case "续建": return "continued"
        default: return "renovation"
        }
    }
}
