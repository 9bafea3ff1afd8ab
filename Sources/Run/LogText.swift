import Foundation

/// Log lines are one line each: control characters in names (a newline in a folder name could forge a line) are
/// written as escapes.
enum LogText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

/// The time now as ISO 8601 in UTC ("2026-12-05T12:34:56Z"), for logs and state records. A format style, unlike
/// ISO8601DateFormatter, costs nothing to make and is safe to share between threads.
enum Timestamp {
    static func now() -> String { Date().formatted(Date.ISO8601FormatStyle()) }
}
