import DocumentModel
import Foundation

/// Recognises text on page images with tesseract (`chi_sim` + `eng`), for scanned pages and pages whose text layer
/// is garbage. One single-threaded tesseract per call: OpenMP threads in parallel workers slow everything down.
///
/// The command-line program rather than libtesseract: the library is an optional package, and linking it would make
/// building depend on it; starting the program and loading its models costs about 0.15 s against 1–5 s of
/// recognition per page.
public enum OCREngine {
    public struct Line: Sendable, Hashable {
        public var text: String
        /// Mean word confidence (weighted by characters), 0–100.
        public var confidence: Double
        public var top: Int
        public var left: Int
        public var height: Int
        /// Pixels from the first word's left edge to the last word's right edge.
        public var width: Int = 0
        /// Median height of the line's words: close to the glyph size, unlike `height`, which tall punctuation and
        /// descenders stretch.
        public var glyphHeight: Int = 0
    }

    static let languages = "chi_sim+eng"

    /// A tesseract executable that has the Chinese model.
    struct Tesseract: Sendable {
        var executable: String
        /// `chi_sim`, plus `eng` when installed.
        var languages: String

        /// Looks for tesseract on `searchPath` (a PATH-style list) and asks it which models it has.
        static func locate(searchPath: String) -> Result<Tesseract, IngestError> {
            let candidates = searchPath.split(separator: ":").map {
                URL(fileURLWithPath: String($0)).appendingPathComponent("tesseract").path
            }
            guard let executable = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
                return .failure(
                    IngestError(.ocrUnavailable, detail: "tesseract not found (install tesseract-ocr tesseract-ocr-chi-sim)"))
            }
            guard let outcome = try? ExternalTool.run(executable, ["--list-langs"], timeout: 30), !outcome.timedOut else {
                return .failure(IngestError(.ocrUnavailable, detail: "tesseract --list-langs failed"))
            }
            let listed = String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            guard listed.contains("chi_sim") else {
                return .failure(
                    IngestError(.ocrUnavailable, detail: "tesseract has no chi_sim data (install tesseract-ocr-chi-sim)"))
            }
            return .success(Tesseract(executable: executable, languages: listed.contains("eng") ? OCREngine.languages : "chi_sim"))
        }

        /// Recognises one image file. `dpi` tells tesseract the resolution when the file does not (cairo's PNGs
        /// carry none, and a wrong guess shrinks or blows up its idea of the glyph size).
        func recognize(image: URL, timeout: TimeInterval, dpi: Int? = nil) -> Result<[Line], IngestError> {
            var arguments = [image.path, "stdout", "-l", languages, "--psm", "3"]
            if let dpi { arguments += ["--dpi", String(dpi)] }
            arguments.append("tsv")
            let outcome: ExternalTool.Outcome
            do {
                outcome = try ExternalTool.run(
                    executable, arguments, timeout: timeout, environment: ["OMP_THREAD_LIMIT": "1"])
            } catch {
                return .failure(IngestError(.ocrUnavailable, detail: "cannot run tesseract: \(error)"))
            }
            if outcome.timedOut {
                return .failure(IngestError(.timeout, message: "文字识别（OCR）超时，已中止", detail: "tesseract timed out after \(String(format: "%.0f", timeout)) s"))
            }
            guard outcome.status == 0 else {
                return .failure(
                    IngestError(
                        .corrupt, message: "页面图像无法识别",
                        detail: String(decoding: outcome.stderr.prefix(300), as: UTF8.self)))
            }
            return .success(OCREngine.parseTSV(String(decoding: outcome.stdout, as: UTF8.self)))
        }
    }

    /// The tesseract on this process's PATH, looked up once.
    static let installed: Result<Tesseract, IngestError> = Tesseract.locate(
        searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")

    /// Whether tesseract and its Chinese data are installed; the error says what to install when not.
    public static let availability: Result<Void, IngestError> = installed.map { _ in () }

    public static var isAvailable: Bool {
        if case .success = availability { return true }
        return false
    }

    /// Recognises one image file (PNG) and returns its lines in reading order.
    public static func recognize(image: URL, timeout: TimeInterval = 60) -> Result<[Line], IngestError> {
        installed.flatMap { $0.recognize(image: image, timeout: timeout) }
    }

    /// "1", "2.3", "4.1.2": the form of a heading number, not of a year or an amount.
    static func isSectionNumber(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count <= 4 && parts.allSatisfy { (1...2).contains($0.count) && $0.allSatisfy { ("0"..."9").contains($0) } }
    }

    /// Groups tesseract's word rows (level 5) into lines by block, paragraph and line number.
    static func parseTSV(_ tsv: String) -> [Line] {
        struct Key: Hashable { var block: Int, par: Int, line: Int }
        struct Word { var text: String, conf: Double, left: Int, top: Int, width: Int, height: Int }
        var order: [Key] = []
        var words: [Key: [Word]] = [:]
        for row in tsv.split(separator: "\n").dropFirst() {
            let cols = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 12, cols[0] == "5" else { continue }
            let text = String(cols[11]).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, let conf = Double(cols[10]), conf >= 0 else { continue }
            let key = Key(block: Int(cols[2]) ?? 0, par: Int(cols[3]) ?? 0, line: Int(cols[4]) ?? 0)
            if words[key] == nil { order.append(key) }
            words[key, default: []].append(
                Word(
                    text: text, conf: conf, left: Int(cols[6]) ?? 0, top: Int(cols[7]) ?? 0, width: Int(cols[8]) ?? 0,
                    height: Int(cols[9]) ?? 0))
        }
        return order.compactMap { key in
            guard let ws = words[key], !ws.isEmpty else { return nil }
            let heights = ws.map(\.height).sorted()
            let glyph = heights[heights.count / 2]
            var text = ""
            for (k, w) in ws.enumerated() {
                if let last = text.last, let first = w.text.first {
                    // Tesseract splits Chinese into glyphs: no space next to a CJK character, as in a text layer
                    // ("560万元", "2023年"). The exception is a number opening the line with a clear gap after it:
                    // "1 项目概况" is a heading number and its title.
                    let cjk = TextNormalizer.isCJKLike(last) || TextNormalizer.isCJKLike(first)
                    let gap = w.left - (ws[k - 1].left + ws[k - 1].width)
                    let leadingNumber = k == 1 && isSectionNumber(ws[0].text)
                    if !cjk || (leadingNumber && Double(gap) > Double(glyph) * 0.4) { text += " " }
                }
                text += w.text
            }
            let chars = ws.map { Double($0.text.count) }
            let conf = zip(ws, chars).map { $0.conf * $1 }.reduce(0, +) / max(1, chars.reduce(0, +))
            let left = ws.map(\.left).min() ?? 0
            let right = ws.map { $0.left + $0.width }.max() ?? left
            return Line(
                text: text, confidence: conf, top: ws.map(\.top).min() ?? 0, left: left,
                height: ws.map(\.height).max() ?? 0, width: right - left, glyphHeight: glyph)
        }
    }
}
