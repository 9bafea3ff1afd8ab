import Foundation

/// One file of a `multipart/form-data` body, or a plain field (filename nil).
struct FormPart: Sendable {
    var name: String
    var filename: String?
    var data: Data
}

/// A small `multipart/form-data` reader (RFC 7578) over a body already held in memory and capped in size. It
/// reads only what a browser form sends: parts separated by the boundary, each with a Content-Disposition header.
enum Multipart {
    enum Failure: Error { case noBoundary, malformed }

    /// The boundary parameter of a Content-Type header value.
    static func boundary(contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    static func parse(_ body: Data, boundary: String) throws -> [FormPart] {
        let delimiter = Data("--\(boundary)".utf8)
        let bytes = body
        guard var cursor = bytes.range(of: delimiter)?.upperBound else { throw Failure.malformed }
        var parts: [FormPart] = []
        while true {
            // "--" after a delimiter closes the body; otherwise CRLF starts the next part.
            if bytes[cursor...].starts(with: Data("--".utf8)) { return parts }
            guard bytes[cursor...].starts(with: Data("\r\n".utf8)) else { throw Failure.malformed }
            cursor += 2
            guard let headerEnd = bytes.range(of: Data("\r\n\r\n".utf8), in: cursor..<bytes.endIndex),
                  let next = bytes.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<bytes.endIndex)
            else { throw Failure.malformed }
            let headers = String(decoding: bytes[cursor..<headerEnd.lowerBound], as: UTF8.self)
            if let part = part(headers: headers, data: bytes[headerEnd.upperBound..<next.lowerBound]) { parts.append(part) }
            cursor = next.upperBound
        }
    }

    static func part(headers: String, data: Data) -> FormPart? {
        for line in headers.components(separatedBy: "\r\n")
        where line.lowercased().hasPrefix("content-disposition:") {
            guard let name = parameter("name", in: line) else { return nil }
            return FormPart(name: name, filename: parameter("filename", in: line), data: Data(data))
        }
        return nil
    }

    /// A quoted parameter (`name="…"`) of a header line; browsers send file names as UTF-8 inside the quotes.
    static func parameter(_ key: String, in line: String) -> String? {
        guard let start = line.range(of: "; \(key)=\"") ?? line.range(of: ";\(key)=\"") else { return nil }
        let rest = line[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
