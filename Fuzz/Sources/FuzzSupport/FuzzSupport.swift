import Foundation
import Ingest

/// What every target shares: the input as Data and limits that keep one execution short.
public enum Fuzz {
    public static func data(_ start: UnsafeRawPointer, _ count: Int) -> Data {
        Data(bytes: start, count: count)
    }

    /// No OCR and no conversion tools: a fuzzer measures the readers, not tesseract or LibreOffice. Smaller caps
    /// than production, so one input never costs seconds.
    public static var limits: IngestLimits {
        var limits = IngestLimits()
        limits.ocr = .off
        limits.maxFileBytes = 8 << 20
        limits.maxEntryBytes = 16 << 20
        limits.maxTotalUncompressedBytes = 64 << 20
        limits.maxPages = 64
        limits.conversionTimeout = 5
        return limits
    }
}
