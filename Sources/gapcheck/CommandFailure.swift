import ArgumentParser
import Foundation

/// A refusal or failure a user reads: a Chinese message, a stable code for scripts, and the exit status.
struct CommandFailure: Error {
    /// Stable identifier for scripts, e.g. `unknown-jurisdiction`.
    var code: String
    var message: String
    var exitStatus: Int32 = 2

    /// Writes the failure to stderr: one Chinese line, or a JSON object when the report is JSON too.
    func emit(json: Bool) {
        FileHandle.standardError.write(Data(rendered(json: json).utf8))
    }

    func rendered(json: Bool) -> String {
        guard json else { return "错误：\(message)\n" }
        let object: [String: Any] = ["error": ["code": code, "message": message, "exitStatus": Int(exitStatus)]]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Runs a command body; a `CommandFailure` is printed and becomes its exit status.
func reportingFailures(json: Bool = false, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        failure.emit(json: json)
        throw ExitCode(failure.exitStatus)
    }
}
