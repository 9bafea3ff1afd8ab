import Check
import Checklists
import DocumentModel
import Foundation
import Ingest

/// What a worker needs before its first project: the checklists the run loaded and the clock reports are dated by.
/// Sent once to each worker, so every process checks against exactly the parent's library.
public struct WorkerSetup: Codable, Sendable {
    public var catalogue: Catalogue
    public var checklists: [String: Checklist]
    public var directory: String
    public var files: [String: String]
    public var timeZone: String

    public init(library: ChecklistLibrary, clock: ReportClock) {
        catalogue = library.catalogue
        checklists = library.checklists
        directory = library.directory.path
        files = library.files
        timeZone = clock.timeZone.identifier
    }

    var library: ChecklistLibrary {
        var library = ChecklistLibrary(catalogue: catalogue, checklists: checklists,
                                       directory: URL(fileURLWithPath: directory, isDirectory: true))
        library.files = files
        return library
    }

    var clock: ReportClock { ReportClock(identifier: timeZone) ?? ReportClock() }
}

/// One project for a worker: read the files not given, check, write the report set, and describe it.
public struct ProjectJob: Codable, Sendable {
    public struct File: Codable, Sendable {
        public var path: String
        /// The path's bytes when it is not UTF-8; opened instead of `path`.
        public var rawPath: Data?
        public var displayPath: String
        /// Index of the payload holding this file's documents (a cached extraction or a recorded failure), and the
        /// display path they were made under; nil when the worker reads the file.
        public var given: Given?
        /// Whether the worker hashes what it reads (the run did not).
        public var hash: Bool

        public struct Given: Codable, Sendable {
            public var payload: Int
            public var displayPath: String
        }

        init(raw: RawPath, displayPath: String, given: Given?, hash: Bool) {
            path = raw.display
            if String(validating: raw.bytes, as: UTF8.self) == nil { rawPath = Data(raw.bytes) }
            self.displayPath = displayPath
            self.given = given
            self.hash = hash
        }

        var raw: RawPath { rawPath.map { RawPath(bytes: [UInt8]($0)) } ?? RawPath(bytes: Array(path.utf8)) }
    }

    public var id: String
    public var metadata: ProjectMetadata
    public var jurisdiction: String?
    /// The project's folder in the output.
    public var folder: String
    /// Its report's link from the index.
    public var link: String
    /// Documents standing for entries not read and a project.yaml in error.
    public var problemDocuments: [Document]
    public var files: [File]
    public var previous: PreviousFindings?
    public var limits: IngestLimits
}

/// The batch workbook of a run, written by a worker from the run state while the run writes the index.
struct WorkbookJob: Codable {
    /// The state database, opened read-only.
    var state: String
    /// The projects of the inbox, whose digests fill the workbook.
    var projects: [String]
    var target: String
}

/// The header line before a request's payloads.
struct WorkerEnvelope: Codable {
    var setup: WorkerSetup?
    var project: ProjectJob?
    var workbook: WorkbookJob?
    /// Byte counts of the payloads that follow the line, in order.
    var payloads: [Int]?
}

/// A line a worker sends while working on a project, possibly followed by payload bytes.
struct WorkerMessage: Codable {
    /// A page went to OCR: the file's time limit grows by one page's allowance.
    var ocrPageStarted: Bool?
    /// The worker starts reading file i of the job: its time limit starts.
    var fileStarted: Int?
    var fileDone: FileDone?
    var projectDone: ProjectDone?
    /// The workbook is in place; or why not.
    var workbookDone: WorkbookDone?
    /// Byte counts of the payloads that follow the line, in order.
    var payloads: [Int]?
    /// The worker's peak resident memory so far, in MB, sent with each project or workbook done.
    var peakMB: Double?

    /// A file read: its documents' JSON follows as the one payload.
    struct FileDone: Codable {
        var index: Int
        var sha256: String?
        var outcome: String
    }

    struct WorkbookDone: Codable {
        var error: String?
    }

    /// The project checked: its report set is in place and its digest's four parts follow as payloads; or `error`
    /// says why no report was written.
    struct ProjectDone: Codable {
        var findings: [FindingRecord]
        var mustGaps = 0
        var unreadableDocuments = 0
        var error: String?
    }
}
