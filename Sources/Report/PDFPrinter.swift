import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Prints `report.html` to `report.pdf` through headless Chromium, which honours the page's A4 `@page` rule and
/// its page-number margin box. Chromium is optional: without it printing fails with `chromiumUnavailable`.
public enum PDFPrinter {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// No Chromium on this machine.
        case chromiumUnavailable
        /// Chromium ran but wrote no PDF.
        case printFailed(String)
        case timeout

        /// The kind's name, as error kinds are named in reports and logs.
        public var kind: String {
            switch self {
            case .chromiumUnavailable: return "chromium-unavailable"
            case .printFailed: return "print-failed"
            case .timeout: return "timeout"
            }
        }

        public var description: String {
            switch self {
            case .chromiumUnavailable:
                return "未找到 Chromium，无法生成 PDF（chromium-unavailable）。请安装：apt-get install chromium（或运行 scripts/setup.sh），也可用浏览器打开 report.html 后打印。"
            case .printFailed(let why): return "Chromium 未能生成 PDF（print-failed）：\(why)"
            case .timeout: return "Chromium 生成 PDF 超时（timeout）。"
            }
        }
    }

    /// GAPCHECK_CHROMIUM names the browser; else the first of the usual names on the PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let given = environment["GAPCHECK_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: given) ? given : nil
        }
        let dirs = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
        }
        return nil
    }

    public static func pdf(html: String, timeout: TimeInterval = 120,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws(Failure) -> Data {
        guard let chromium = locate(environment: environment) else { throw .chromiumUnavailable }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-print-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("report.html"), out = work.appendingPathComponent("report.pdf")
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: page)
        } catch { throw .printFailed("\(error)") }
        // A private profile per print, so concurrent prints and a user's own browser never share state.
        try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                           "--user-data-dir=\(work.appendingPathComponent("profile").path)",
                           "--print-to-pdf=\(out.path)", page.absoluteString], timeout: timeout)
        guard let data = try? Data(contentsOf: out), data.starts(with: Data("%PDF".utf8)) else {
            throw .printFailed("没有输出文件")
        }
        return data
    }

    /// Runs Chromium with no pipes (its helpers could hold them open), killing its process group on timeout.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws(Failure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw .printFailed("\(error)") }
        let pid = process.processIdentifier
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() >= deadline {
                if getpgid(pid) == pid && pid != getpgrp() { kill(-pid, SIGKILL) }
                kill(pid, SIGKILL)
                throw .timeout
            }
            usleep(50_000)
        }
    }
}
