import Foundation

/// A small structural check of generated HTML: tags balance and nest, no resource leaves the page.
enum HTMLCheck {
    static let voidElements: Set<String> = ["meta", "br", "hr", "img", "input", "link", "area", "base", "col", "wbr", "source"]

    /// Returns a description of the first problem, or nil when every opened element is closed in order.
    static func balanceProblem(_ html: String) -> String? {
        var stack: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            if rest.hasPrefix("<!") {
                guard let end = rest.firstIndex(of: ">") else { return "unterminated declaration" }
                rest = rest[rest.index(after: end)...]
                continue
            }
            guard let end = rest.firstIndex(of: ">") else { return "unterminated tag" }
            let tag = rest[rest.index(after: open)..<end]
            rest = rest[rest.index(after: end)...]
            let closing = tag.hasPrefix("/")
            let name = String((closing ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }).lowercased()
            if name.isEmpty { return "bad tag <\(tag)>" }
            if closing {
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else if !voidElements.contains(name) && !tag.hasSuffix("/") {
                stack.append(name)
                if name == "script" || name == "style" {
                    // Raw text: skip to the matching close tag.
                    guard let close = rest.range(of: "</\(name)>") else { return "unclosed <\(name)>" }
                    rest = rest[close.upperBound...]
                    stack.removeLast()
                }
            }
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "><"))>"
    }

    /// Attribute values of `attribute="…"` in the page.
    static func attributeValues(_ html: String, _ attribute: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        while let range = rest.range(of: " \(attribute)=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]))
            rest = after[end...]
        }
        return values
    }

    static func hasExternalReference(_ html: String) -> Bool {
        html.contains("http://") || html.contains("https://") || html.contains("src=")
            || attributeValues(html, "href").contains { $0.contains(":") || $0.hasPrefix("//") }
    }
}
