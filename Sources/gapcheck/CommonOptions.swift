import ArgumentParser
import Checklists
import Foundation
import Ingest
import Report
import Run

/// Where the checklists come from, shared by every command (see `ChecklistLocation` for the order).
struct ChecklistOptions: ParsableArguments {
    @Option(name: .long, help: "The Checklists/ folder (default: $GAPCHECK_CHECKLISTS, gapcheck.yaml, ./Checklists, then PREFIX/share/gapcheck/Checklists).")
    var checklists: String?

    func location(configured: URL? = nil) -> ChecklistLocation {
        ChecklistLocation.resolve(option: checklists, configured: configured,
                                  executable: WorkerSettings.currentExecutable())
    }

    func load(configured: URL? = nil) throws -> (ChecklistLibrary, URL) {
        let folder = location(configured: configured).folder
        do {
            return (try ChecklistLibrary.load(from: folder), folder)
        } catch {
            throw CommandFailure(
                code: "checklists-unavailable",
                message: "无法加载检查清单（\(folder.path)）：\(error)。可用 --checklists 或环境变量 "
                    + "\(ChecklistLocation.environmentVariable) 指定清单目录")
        }
    }
}

/// Options of the commands that extract in worker processes.
struct WorkerOptions: ParsableArguments {
    @Option(name: .long, help: "Number of worker processes (default: number of processors).")
    var workers: Int?

    @Option(name: .long, help: "Per-document extraction time limit in seconds; each page sent to OCR adds its own OCR time limit.")
    var timeout: Double?

    @Option(name: .long, help: "Address-space limit of each worker, in MB.")
    var memoryMb: Int?

    func validate() throws {
        if let workers, !(1...1024).contains(workers) { throw ValidationError("--workers 应在 1～1024 之间") }
        if let timeout, !(timeout.isFinite && timeout > 0 && timeout <= 86_400) {
            throw ValidationError("--timeout 应大于 0 且不超过 86400 秒")
        }
        if let memoryMb, !(256...(1 << 20)).contains(memoryMb) { throw ValidationError("--memory-mb 应在 256～1048576 之间") }
    }
}

/// Everything `run` and `sweep` share: loading gapcheck.yaml, checking the jurisdiction, running with the output
/// lock, and turning failures into the documented exit statuses (`RunExitCode`).
enum RunDriver {
    static func fail(_ message: String, _ code: RunExitCode) -> ExitCode {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        return ExitCode(code.rawValue)
    }

    static func config(_ inbox: URL) throws -> InboxConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw fail("收件箱 \(inbox.path) 不存在或不是文件夹", .io)
        }
        do { return try InboxConfig.load(inbox: inbox) } catch {
            throw fail("无法使用 \(InboxConfig.fileName)：\(error)", .configuration)
        }
    }

    /// An unknown jurisdiction given for every project is a configuration error, never silently replaced.
    static func checkJurisdictions(_ given: [String?], library: ChecklistLibrary) throws {
        for case let text? in given where Jurisdictions.resolve(text, in: library) == nil {
            throw fail(Jurisdictions.unknownMessage(text, in: library), .configuration)
        }
    }

    static func run(_ runner: Runner, display: ProgressDisplay) throws -> (RunSummary, RunExitCode) {
        do {
            let summary = try runner.run(progress: { display.handle($0) })
            return (summary, runner.exitCode)
        } catch let held as OutputLock.Held {
            throw fail("\(held)", .locked)
        } catch let scan as InboxScanError {
            throw fail("\(scan)", .io)
        } catch {
            throw fail("运行中止：\(error)", .io)
        }
    }
}

extension OCRMode: ExpressibleByArgument {}

/// `--ocr`, shared by every command that reads documents.
struct OCROptions: ParsableArguments {
    @Option(
        name: .long,
        help: "OCR: auto (pages without a usable text layer), off, or force (every page). Default: auto; run and sweep take gapcheck.yaml's ocr key.")
    var ocr: OCRMode?

    /// Ingest limits: gapcheck.yaml's, with the OCR mode of the option, else of gapcheck.yaml, else auto.
    func limits(config: InboxConfig = InboxConfig()) -> IngestLimits {
        var limits = (config.limits ?? LimitsConfig()).applied()
        limits.ocr = ocr ?? config.ocr ?? .auto
        return limits
    }
}

func resolvePath(_ path: String, relativeTo base: URL) -> URL {
    path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
}

/// A one-line progress bar on stderr when it is a terminal; otherwise occasional log lines.
final class ProgressDisplay: @unchecked Sendable {
    let isTTY = isatty(STDERR_FILENO) == 1
    let verbose: Bool
    private let lock = NSLock()

    init(verbose: Bool) { self.verbose = verbose }

    func handle(_ event: RunProgress) {
        lock.withLock {
            switch event {
            case .extracting(let done, let total): bar("提取", done, total)
            case .checking(let done, let total): bar("检查", done, total)
            case .log(let message):
                if verbose && !isTTY { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
            }
        }
    }

    private func bar(_ label: String, _ done: Int, _ total: Int) {
        guard isTTY, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(done)/\(total)" + (done == total ? "\n" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }
}
