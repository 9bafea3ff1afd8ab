import DocumentModel
import Foundation

/// Recognises text on page images with tesseract (`chi_sim` + `eng`), for scanned pages and pages whose text layer
/// is garbage. One single-threaded tesseract per call: OpenMP threads in parallel workers slow everything down.
public enum OCREngine {
    public struct Line: Sendable, Hashable {
        public var text: String
        /// Mean word confidence, 0–100.
        public var confidence: Double
        public var top: Int
        public var left: Int
        public var height: Int
    }

    static let languages = "chi_sim+eng"

    /// Whether tesseract and its Chinese data are installed; the error says what to install when not.
    public static let availability: Result<Void, IngestError> = {
        guard let tesseract = ExternalTool.find("tesseract") else {
            return .failure(IngestError(.ocrUnavailable, detail: "tesseract not found (install tesseract-ocr tesseract-ocr-chi-sim)"))
        }
        guard let outcome = try? ExternalTool.run(tesseract, ["--list-langs"], timeout: 30) else {
            return .failure(IngestError(.ocrUnavailable, detail: "tesseract --list-langs failed"))
        }
        let langs = String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self)
        guard langs.split(whereSeparator: \.isNewline).contains(where: { $0 == "chi_sim" }) else {
            return .failure(IngestError(.ocrUnavailable, detail: "tesseract has no chi_sim data (install tesseract-ocr-chi-sim)"))
        }
        return .success(())
    }()

    public static var isAvailable: Bool {
        if case .success = availability { return true }
        return false
    }

    /// Recognises one image file (PNG) and returns its lines in reading order.
    public static func recognize(image: URL, timeout: TimeInterval = 60) -> Result<[Line], IngestError> {
        if case .failure(let error) = availability { return .failure(error) }
        guard let tesseract = ExternalTool.find("tesseract") else {
            return .failure(IngestError(.ocrUnavailable))
        }
        let outcome: ExternalTool.Outcome
        do {
            outcome = try ExternalTool.run(
                tesseract, [image.path, "stdout", "-l", languages, "--psm", "3", "tsv"], timeout: timeout,
                environment: ["OMP_THREAD_LIMIT": "1"])
        } catch {
            return .failure(IngestError(.ocrUnavailable, detail: "cannot run tesseract: \(error)"))
        }
        if outcome.timedOut {
            return .failure(IngestError(.timeout, message: "文字识别（OCR）超时，已中止", detail: "tesseract timed out"))
        }
        guard outcome.status == 0 else {
            return .failure(IngestError(.corrupt, message: "页面图像无法识别", detail: String(decoding: outcome.stderr.prefix(300), as: UTF8.self)))
        }
        return .success(parseTSV(String(decoding: outcome.stdout, as: UTF8.self)))
    }

    /// Groups tesseract's word rows (level 5) into lines by block, paragraph and line number.
    static func parseTSV(_ tsv: String) -> [Line] {
        struct Key: Hashable { var block: Int, par: Int, line: Int }
        var order: [Key] = []
        var words: [Key: [(text: String, conf: Double, left: Int, top: Int, height: Int)]] = [:]
        for row in tsv.split(separator: "\n").dropFirst() {
            let cols = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 12, cols[0] == "5" else { continue }
            let text = String(cols[11]).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, let conf = Double(cols[10]), conf >= 0 else { continue }
            let key = Key(block: Int(cols[2]) ?? 0, par: Int(cols[3]) ?? 0, line: Int(cols[4]) ?? 0)
            if words[key] == nil { order.append(key) }
            words[key, default: []].append((text, conf, Int(cols[6]) ?? 0, Int(cols[7]) ?? 0, Int(cols[9]) ?? 0))
        }
        return order.compactMap { key in
            guard let ws = words[key], !ws.isEmpty else { return nil }
            // Join words with a space only between non-CJK neighbours: tesseract splits Chinese into glyphs.
            var text = ""
            for w in ws {
                if let last = text.last, let first = w.text.first,
                    !(TextNormalizer.isCJKLike(last) || TextNormalizer.isCJKLike(first))
                {
                    text += " "
                }
                text += w.text
            }
            let conf = ws.map(\.conf).reduce(0, +) / Double(ws.count)
            return Line(
                text: text, confidence: conf, top: ws.map(\.top).min() ?? 0, left: ws.map(\.left).min() ?? 0,
                height: ws.map(\.height).max() ?? 0)
        }
    }
}
