import ArgumentParser
import Foundation
import Run

/// The extraction worker the run stage starts: JSON-line requests on stdin, documents on stdout. Hidden from help.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Extraction worker process (internal).", shouldDisplay: false)

    @Option(name: .long, help: "Address-space limit in MB, set on this process at start.")
    var memoryMb: Int?

    func run() throws {
        let code = WorkerMain.serve(memoryMB: memoryMb)
        if code != 0 { throw ExitCode(code) }
    }
}
