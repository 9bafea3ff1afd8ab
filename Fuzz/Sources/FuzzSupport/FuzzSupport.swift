import CLibFuzzer
import Foundation
import Ingest

/// What every target shares: the input as Data and limits that keep one execution short.
public enum Fuzz {
    public typealias Test = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// Hands the process to libFuzzer, which calls `test` for every input (the binary's main, so that SwiftPM's
    /// executable entry point stays as it builds it).
    public static func run(_ test: Test) -> Int32 {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, test)
    }

    public static func data(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Data {
        guard let start, count > 0 else { return Data() }
        return Data(bytes: start, count: count)
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
