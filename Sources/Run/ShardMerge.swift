import Foundation

/// Checks the inputs of `gapcheck merge` before anything is written: each must be a sweep output with its manifest,
/// no shard may come twice, all must be shards of one split checked against the same checklists, and the output
/// folder must be none of them.
public enum ShardMerge {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missingFolder(String)
        case notASweep(String)
        case outputIsInput(String)
        case duplicateShard(index: Int, count: Int, folders: [String])
        case mixedSplits(String, String)
        case checklistsDiffer(String, String, detail: String)
        case missingShards([Int], count: Int)

        public var description: String {
            switch self {
            case .missingFolder(let path): return "分片输出目录不存在：\(path)"
            case .notASweep(let path): return "不是分片检查（sweep）的输出目录，缺少 \(ShardManifest.fileName)：\(path)"
            case .outputIsInput(let path): return "合并输出目录不能是输入目录之一：\(path)"
            case .duplicateShard(let index, let count, let folders):
                return "分片 \(index)/\(count) 出现了两次：\(folders.joined(separator: "、"))"
            case .mixedSplits(let a, let b): return "分片数量不一致，不能合并：\(a) 与 \(b)"
            case .checklistsDiffer(let a, let b, let detail):
                return "检查清单版本不一致，不能合并：\(a) 与 \(b)（\(detail)）"
            case .missingShards(let missing, let count):
                return "缺少分片：" + missing.map { "\($0)/\(count)" }.joined(separator: "、") + "（如确需部分合并，请加 --partial）"
            }
        }
    }

    /// The manifests of `inputs`, in order, or the first problem found.
    public static func validate(_ inputs: [URL], out: URL, allowPartial: Bool = false) throws(Problem) -> [ShardManifest] {
        let outKey = canonical(out)
        var manifests: [(folder: String, manifest: ShardManifest)] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw .missingFolder(input.path)
            }
            if canonical(input) == outKey { throw .outputIsInput(input.path) }
            guard let manifest = try? ShardManifest.load(from: input) else { throw .notASweep(input.path) }
            manifests.append((input.path, manifest))
        }
        guard let first = manifests.first else { return [] }
        for other in manifests.dropFirst() {
            if other.manifest.count != first.manifest.count {
                throw .mixedSplits(first.folder, other.folder)
            }
            if let detail = difference(first.manifest.checklists, other.manifest.checklists) {
                throw .checklistsDiffer(first.folder, other.folder, detail: detail)
            }
        }
        let byIndex = Dictionary(grouping: manifests, by: \.manifest.index)
        if let (index, twice) = byIndex.first(where: { $0.value.count > 1 }) {
            throw .duplicateShard(index: index, count: first.manifest.count, folders: twice.map(\.folder))
        }
        let missing = (1...first.manifest.count).filter { byIndex[$0] == nil }
        if !missing.isEmpty, !allowPartial { throw .missingShards(missing, count: first.manifest.count) }
        return manifests.map(\.manifest)
    }

    /// The first checklist whose version differs between two manifests, as "id a ≠ b".
    static func difference(_ a: [String: String], _ b: [String: String]) -> String? {
        for id in Set(a.keys).union(b.keys).sorted() where a[id] != b[id] {
            return "\(id) \(a[id] ?? "无") ≠ \(b[id] ?? "无")"
        }
        return nil
    }

    /// The folder's real path, so `out` and `./out/` and a symbolic link to it compare equal.
    static func canonical(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
