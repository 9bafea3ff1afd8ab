import ArgumentParser
import Checklists
import Foundation
import Ingest
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
