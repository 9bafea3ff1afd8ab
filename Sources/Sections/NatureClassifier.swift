import Checklists
import DocumentModel
import Foundation

/// Tells documents of a project's pipeline from what is not: tenders, notices, personnel decisions, regulation
/// texts, and blank templates or forms whose sections are guidance and placeholders throughout.
package enum NatureClassifier {
    /// 路卫发〔2011〕76号: the document number of an official letter or notice.
    static let documentNumber = try! NSRegularExpression(pattern: "[〔\\[(][0-9]{4}[〕\\])][0-9]{1,4}号?")
    /// 第十二条 opening a paragraph: the text of a law, regulation or rule.
    static let article = try! NSRegularExpression(pattern: "^第[一二三四五六七八九十百零0-9]+条")

    /// The nature, with a Chinese reason when it is not a project document.
    package static func nature(of doc: IndexedDocument, catalogue: CompiledCatalogue)
        -> (nature: DocumentNature, reason: String?)
    {
        guard doc.readable else { return (.project, nil) }
        if let nature = catalogue.kind(doc.kind)?.definition.nature, nature != .project {
            return (nature, "文件类型为\(doc.kindName)")
        }
        if isRegulationText(doc) { return (.article, "正文由“第X条”条款组成，是法规或制度文本") }
        if doc.kind == "unknown", let line = doc.titleKeys.prefix(4).first(where: { documentNumber.matches($0) }) {
            return (.notice, "首页有发文字号（\(line)），不是项目材料")
        }
        if let reason = blankTemplate(doc, catalogue: catalogue) { return (.template, reason) }
        return (.project, nil)
    }

    static func isRegulationText(_ doc: IndexedDocument) -> Bool {
        var paragraphs = 0
        var articles = 0
        for (i, block) in doc.document.blocks.enumerated() where doc.isContent(i) && block.kind != .table {
            paragraphs += 1
            if article.matches(doc.keys[i]) { articles += 1 }
        }
        return articles >= 8 && Double(articles) >= 0.3 * Double(paragraphs)
    }

    /// A reason when the document is a blank template or form: its sections hold guidance and placeholders, and
    /// its prose, once guidance is taken out, is too thin to be a project's own text.
    static func blankTemplate(_ doc: IndexedDocument, catalogue: CompiledCatalogue) -> String? {
        let substance = Substance(catalogue: catalogue)
        // A document with this much prose once guidance is out is no blank template; checked first, so that long
        // documents cost a few pages of reading here.
        var letters = 0
        for (i, block) in doc.document.blocks.enumerated() where doc.isContent(i) && block.kind != .heading {
            letters += substance.withoutGuidance(doc.keys[i]).filter { $0.isLetter }.count
            if letters > 3000 { return nil }
        }
        var filled = 0
        var blank = 0
        for section in doc.tree.sections {
            var text: [String] = []
            var hasValues = false
            for i in section.ownBody where doc.isContent(i) {
                if let table = doc.document.blocks[i].table { hasValues = hasValues || substance.hasValues(table) } else { text.append(doc.keys[i]) }
            }
            let title = IndexedDocument.titleKey(number: section.heading.number, title: section.heading.title)
            let empty = substance.placeholder(in: text, removing: [title], heading: title) != nil
            // A heading with nothing under it but subsections is neither.
            if text.allSatisfy(\.isEmpty), !hasValues, section.ownBody.upperBound < section.fullBody.upperBound { continue }
            if empty, !hasValues { blank += 1 } else { filled += 1 }
        }
        let sections = filled + blank
        if sections >= 3, Double(blank) >= 0.5 * Double(sections) {
            return "\(sections) 个章节中 \(blank) 个只有编写提示或占位内容，是未填写的模板"
        }
        if sections < 3, letters < 400, hasGuidance(doc, substance: substance) {
            return "正文只有表格栏目和待填写内容（xx、【…】），是空白表格"
        }
        return nil
    }

    static func hasGuidance(_ doc: IndexedDocument, substance: Substance) -> Bool {
        doc.keys.indices.contains { i in doc.isContent(i) && substance.withoutGuidance(doc.keys[i]) != doc.keys[i] }
    }
}
