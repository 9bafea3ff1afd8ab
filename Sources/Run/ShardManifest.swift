import Checklists
import Report
import Foundation

/// What a sweep output holds: which shard of how many, checked against which checklists. `merge` reads it to refuse
/// inputs that cannot be joined (the same shard twice, shards checked against different checklists).
public struct ShardManifest: Codable, Sendable, Hashable {
    public static let fileName = "shard.json"

    /// 1-based.
    public var index: Int
    public var count: Int
    /// Checklist id → version, plus the catalogue's version under `catalogue`.
    public var checklists: [String: String]

    public init(index: Int, count: Int, library: ChecklistLibrary) {
        self.index = index
        self.count = count
        var versions = library.checklists.mapValues(\.version)
        versions["catalogue"] = library.catalogue.version
        checklists = versions
    }

    public func write(to out: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: out.appendingPathComponent(Self.fileName))
    }

    public static func load(from out: URL) throws -> ShardManifest {
        try JSONDecoder().decode(ShardManifest.self, from: Data(contentsOf: out.appendingPathComponent(fileName)))
    }
}
