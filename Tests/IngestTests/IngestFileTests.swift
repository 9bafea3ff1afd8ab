import DocumentModel
import Foundation
@testable import Ingest
import Testing

/// Opening a file by path: never blocking, and failures named by what happened.
@Suite struct IngestFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gapcheck-ingest-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let fifo = try Self.folder().appendingPathComponent("可研报告.pdf")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let started = Date()
        let docs = Ingestor.ingest(file: fifo, displayPath: "可研报告.pdf")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(docs.first?.error?.kind == .specialFile)
    }

    @Test func aMissingFileIsVanishedNotCorrupt() throws {
        let missing = try Self.folder().appendingPathComponent("没了.docx")
        #expect(Ingestor.ingest(file: missing, displayPath: "没了.docx").first?.error?.kind == .vanished)
    }

    @Test func aDeviceIsRefused() {
        #expect(Ingestor.ingest(file: URL(fileURLWithPath: "/dev/zero"), displayPath: "零.pdf").first?.error?.kind == .specialFile)
    }
}
