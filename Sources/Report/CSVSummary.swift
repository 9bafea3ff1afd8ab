import Check
import Foundation

/// Batch `summary.csv`: one row per finding with the columns of the findings workbook, UTF-8 with a byte-order
/// mark so Excel reads the Chinese text; formula-like fields neutralised; fields quoted per RFC 4180, lines ended
/// with CRLF.
public enum CSVSummary {
    public static let header = FindingRows.findingHeader

    public static func render(_ reports: [ProjectReport]) -> Data {
        var text = line(header)
        for row in FindingRows.findings(reports) { text += line(row) }
        var data = Data(byteOrderMark)
        data.append(Data(text.utf8))
        return data
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Streams the file: each project's lines were rendered with its digest.
    public static func write(_ source: DigestSource, to file: StreamedFile) throws {
        try file.write(Data(byteOrderMark))
        try file.write(line(header))
        try source.forEachCSV { try file.write($0) }
    }

    static func line(_ fields: [String]) -> String {
        fields.map { quote(SpreadsheetCell.neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    /// Quotes a field when it holds a comma, quote, CR or LF; doubles inner quotes. Formula-like fields are
    /// neutralised before, by `SpreadsheetCell`, the one rule the workbook shares.
    static func quote(_ field: String) -> String {
        // Bytes, not Characters: a comma followed by a combining mark still separates fields for a CSV reader.
        let needs = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needs else { return field }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
