import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lets whoever runs ingest hear about OCR as it goes. A worker process uses it to tell its parent that a page
/// went to OCR, so that the parent's time limit for the document grows with the pages recognised.
///
/// The handler belongs to the calling thread (ingest is synchronous), so readers running on other threads at the
/// same time do not report to it. A thread-local rather than a task-local: optimised builds crashed pushing a
/// task-local value from the synchronous worker loop.
public enum OCRProgress {
    private final class Handler {
        let call: @Sendable () -> Void
        init(_ call: @escaping @Sendable () -> Void) { self.call = call }
    }

    private static let key = "gapcheck.ocr-progress"

    /// Runs `body` with `handler` called, on this thread, just before each page is rendered for recognition.
    public static func withHandler<T>(_ handler: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        let storage = Thread.current.threadDictionary
        let previous = storage[key]
        storage[key] = Handler(handler)
        defer { storage[key] = previous }
        return try body()
    }

    static func pageStarted() {
        (Thread.current.threadDictionary[key] as? Handler)?.call()
    }
}

/// Private scratch folders for page images sent to OCR: page images may be confidential.
enum OCRScratch {
    /// The folder new scratch folders are made in.
    static var root: URL { FileManager.default.temporaryDirectory }

    /// A new folder only this process can read (mkdtemp makes it 0700).
    static func makeFolder() throws -> URL {
        var template = Array(root.appendingPathComponent("gapcheck-ocr-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            mkdtemp(buffer.baseAddress!) != nil
        }
        guard made else { throw CocoaError(.fileWriteUnknown) }
        return URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
