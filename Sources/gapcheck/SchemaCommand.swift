import ArgumentParser
import Foundation
import Report

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of report.json (and of check --format json).")

    func run() throws {
        var data = try ReportSchema.jsonData()
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }
}
