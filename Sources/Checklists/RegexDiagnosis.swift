import Foundation

/// Says, in words a checklist maintainer can act on, why a regular expression does not compile: ICU's own error
/// is a bare code ("The operation couldn't be completed").
enum RegexDiagnosis {
    /// Nil when the pattern compiles.
    static func problem(_ pattern: String) -> String? {
        do {
            _ = try NSRegularExpression(pattern: pattern)
            return nil
        } catch {
            return diagnose(pattern) ?? "无法编译（ICU 正则语法错误）"
        }
    }

    /// The first mistake found by reading the pattern as a person would.
    static func diagnose(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var open: [Int] = []
        var inClass: Int?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                if i + 1 == chars.count { return "末尾的反斜杠“\\”后面缺少字符" }
                i += 2
                continue
            }
            if let start = inClass {
                if c == "]" && i > start + 1 { inClass = nil }
                i += 1
                continue
            }
            switch c {
            case "[": inClass = i
            case "(": open.append(i)
            case ")":
                if open.popLast() == nil { return "第 \(i + 1) 个字符处的“)”没有对应的“(”" }
            case "*", "+", "?":
                if i == 0 || "(|".contains(chars[i - 1]) {
                    return "第 \(i + 1) 个字符处的“\(c)”前面没有可重复的内容（要匹配字面的“\(c)”请写成“\\\(c)”）"
                }
            case "{":
                if !chars[i...].contains("}") { return "第 \(i + 1) 个字符处的“{”没有对应的“}”（要匹配字面的“{”请写成“\\{”）" }
            default: break
            }
            i += 1
        }
        if let start = inClass { return "第 \(start + 1) 个字符处的“[”没有对应的“]”" }
        if let last = open.last { return "第 \(last + 1) 个字符处的“(”没有对应的“)”" }
        if pattern.contains("（") || pattern.contains("）") {
            return "含全角括号：匹配前文字已规范化为半角，请写成“(”“)”"
        }
        return nil
    }
}
