import ArgumentParser
import Foundation
import Run
import Serve

/// `gapcheck serve`: the self-check page for departments, on this machine only unless told otherwise.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve a local web page where one project's files are uploaded and checked.")

    @Option(name: .long, help: "Address to bind (default 127.0.0.1: this machine only).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port.")
    var port: Int = 8080

    @Option(name: .long, help: "Largest upload in MB.")
    var maxUploadMb: Int = 100

    @Option(name: .long, help: "Most files in one upload.")
    var maxFiles: Int = 50

    @Option(name: .long, help: "Uploads checked at the same time.")
    var concurrent: Int = 2

    @OptionGroup var checklistOptions: ChecklistOptions
    @OptionGroup var ocrOptions: OCROptions

    func run() async throws {
        let (library, _) = try checklistOptions.load()
        let limits = ServeLimits(maxUploadBytes: maxUploadMb << 20, maxFiles: maxFiles, ingest: ocrOptions.limits())
        let server = SelfCheckServer(library: library, worker: WorkerSettings.currentExecutable(), host: host, port: port,
                                     limits: limits, concurrentUploads: concurrent)
        try await server.run { port in
            FileHandle.standardError.write(Data("自查页面已启动：http://\(host):\(port)/（按 Ctrl+C 停止）\n".utf8))
        }
    }
}
