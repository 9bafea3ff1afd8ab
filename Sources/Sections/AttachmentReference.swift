import Foundation

/// "详见附件3", "见附件《密码应用方案》", "附件2《…》", "详见《运维方案》（另册）" in normalised body text: a section
/// that lives in another document of the project. Unresolved, such a reference is a placeholder.
struct AttachmentReference: Hashable {
    var text: String
    var number: Int?
    /// Normalised name inside 《》.
    var name: String?

    private static let attachment = try! NSRegularExpression(
        pattern: "(?:详见|参见|见)?附件\\s*([0-9一二三四五六七八九十]+)?\\s*(?:《([^》]{1,40})》)?")
    /// 《…》 given as where the section is: 详见《…》, 见《…》（另册）, 《…》另行编制.
    private static let separate = try! NSRegularExpression(
        pattern: "(?:详见|参见|见)《([^》]{1,40})》(?:\\(另册\\)|（另册）|另册)?|《([^》]{1,40})》(?:\\(另册\\)|（另册）|另册)")

    static func find(in text: String) -> [AttachmentReference] {
        // Byte tests: Foundation's `contains` folds every character of long text.
        let namesAttachment = text.has("附件")
        guard namesAttachment || text.has("《") else { return [] }
        var result: [AttachmentReference] = []
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        if namesAttachment {
            for match in attachment.matches(in: text, range: whole) {
                let numberRange = match.range(at: 1)
                let nameRange = match.range(at: 2)
                let number = numberRange.location != NSNotFound
                    ? FigureParser.parseNumber(ns.substring(with: numberRange)).map { Int($0) } : nil
                let name = nameRange.location != NSNotFound ? ns.substring(with: nameRange) : nil
                guard number != nil || name != nil else { continue }
                result.append(AttachmentReference(text: ns.substring(with: match.range), number: number, name: name))
            }
        }
        for match in separate.matches(in: text, range: whole) {
            let range = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
            let reference = AttachmentReference(
                text: ns.substring(with: match.range), number: nil, name: ns.substring(with: range))
            if !result.contains(where: { $0.text.has(reference.text) }) { result.append(reference) }
        }
        return result
    }
}

enum ChineseNumerals {
    static func chinese(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 0..<10: return digits[n]
        case 10: return "十"
        case 11..<20: return "十" + digits[n - 10]
        case 20..<100: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        default: return String(n)
        }
    }
}
