import Check
import Foundation

/// `report.json`: the `ProjectReport` itself (schema `gapcheck.report/1`, see `ReportSchema`).
public enum JSONReport {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func encode(_ report: ProjectReport) throws -> Data {
        var data = try encoder().encode(report)
        data.append(0x0A)
        return data
    }

    public static func decode(_ data: Data) throws -> ProjectReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ProjectReport.self, from: data)
    }
}
