import Check
import Checklists
import Foundation

/// Inputs validated before any checking starts, so a typo is refused instead of silently giving another answer.
enum InputChecks {
    /// Every path must exist; otherwise nothing is checked.
    static func existingPaths(_ paths: [String]) throws -> [URL] {
        if paths.isEmpty { throw CommandFailure(code: "no-input", message: "请给出至少一个文件或文件夹") }
        let missing = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        if !missing.isEmpty {
            throw CommandFailure(code: "path-not-found", message: "找不到文件或文件夹：\(missing.joined(separator: "、"))")
        }
        return paths.map { URL(fileURLWithPath: $0) }
    }

    /// The checklist id for what was typed (id, name or alias); an unknown name lists the valid ones.
    static func jurisdiction(_ typed: String?, library: ChecklistLibrary) throws -> String? {
        guard let typed else { return nil }
        if let id = library.jurisdictionID(for: typed) { return id }
        throw CommandFailure(code: "unknown-jurisdiction",
                             message: "未知的辖区“\(typed)”。可用的辖区：\(library.jurisdictionChoices)")
    }

    /// The stage for an id or a Chinese name (可研, 初步设计 …); an unknown one lists the valid ones.
    static func stage(_ typed: String?) throws -> Stage? {
        guard let typed else { return nil }
        if let stage = Stage(named: typed) { return stage }
        throw CommandFailure(code: "unknown-stage", message: "未知的阶段“\(typed)”。可用的阶段：\(Stage.choices)")
    }
}

extension InputChecks {
    /// gapcheck.yaml's `timezone`; an unknown zone is refused rather than reports being dated in another.
    static func clock(_ identifier: String?) throws -> ReportClock {
        guard let identifier else { return ReportClock() }
        if let clock = ReportClock(identifier: identifier) { return clock }
        throw CommandFailure(code: "unknown-timezone",
                             message: "gapcheck.yaml 中的时区“\(identifier)”无法识别，请写 IANA 时区名，如 Asia/Shanghai")
    }
}
