import Checklists
import Foundation

/// Turns a posted form into an upload: files (names reduced to a bare file name), jurisdiction and stage; refuses
/// what breaks the limits, with a message for the clerk.
enum UploadForm {
    struct Problem: Error { let message: String }

    static func read(_ body: Data, contentType: String, limits: ServeLimits, library: ChecklistLibrary)
        -> Result<UploadRequest, Problem> {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Multipart.boundary(contentType: contentType) else {
            return .failure(Problem(message: "请通过页面上的表单上传文件。"))
        }
        guard let parts = try? Multipart.parse(body, boundary: boundary) else {
            return .failure(Problem(message: "上传内容不完整或格式有误，请重新上传。"))
        }
        let files = parts.filter { $0.name == "files" && $0.filename.map { !$0.isEmpty } == true && !$0.data.isEmpty }
        if files.isEmpty { return .failure(Problem(message: "没有收到文件，请选择项目的文件后再提交。")) }
        if files.count > limits.maxFiles {
            return .failure(Problem(message: "一次最多上传 \(limits.maxFiles) 个文件，本次为 \(files.count) 个；可将文件打包为一个 ZIP 上传。"))
        }
        func field(_ name: String) -> String? {
            parts.first { $0.name == name && $0.filename == nil }
                .map { String(decoding: $0.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        let jurisdiction = field("jurisdiction").flatMap { $0.isEmpty ? nil : $0 }
        if let jurisdiction, library.checklists[jurisdiction] == nil {
            return .failure(Problem(message: "未知的地区：\(jurisdiction)。"))
        }
        let stageText = field("stage").flatMap { $0.isEmpty ? nil : $0 }
        let stage = stageText.flatMap(Stage.init(rawValue:))
        if stageText != nil && stage == nil { return .failure(Problem(message: "未知的阶段：\(stageText ?? "")。")) }
        let named = files.enumerated().map { (i, part) in (name: displayName(part.filename ?? "", index: i), data: part.data) }
        return .success(UploadRequest(files: named, jurisdiction: jurisdiction, stage: stage))
    }

    /// The last path component without control characters: a name like ../../etc/passwd shows as passwd.
    static func displayName(_ raw: String, index: Int) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .prefix(200)
        return clean.isEmpty || clean == "." || clean == ".." ? "文件\(index + 1)" : String(clean)
    }
}
