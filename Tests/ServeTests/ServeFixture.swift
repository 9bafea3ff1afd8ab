import Checklists
import DOCXWriter
import Foundation
import Serve
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real self-check server on a loopback port, the project's checklists, and a client that posts forms.
struct ServeFixture {
    let port: Int
    let task: Task<Void, any Error>

    /// The `gapcheck` built next to this test bundle, started as the worker process.
    static var gapcheckBinary: URL {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("gapcheck")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
        }
        return TestPaths.packageRoot.appendingPathComponent(".build/debug/gapcheck")
    }

    static func start(limits: ServeLimits = ServeLimits(documentSeconds: 60)) async throws -> ServeFixture {
        let library = try ChecklistLibrary.load(from: TestPaths.packageRoot.appendingPathComponent("Checklists"))
        let server = SelfCheckServer(library: library, worker: gapcheckBinary, port: 0, limits: limits, concurrentUploads: 2)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CocoaError(.featureUnsupported) }
        return ServeFixture(port: port, task: task)
    }

    func stop() { task.cancel() }

    var base: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    func get(_ path: String = "") async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: base.appendingPathComponent(path))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Posts files (and fields) as a browser form does.
    func post(files: [(name: String, data: Data)], fields: [String: String] = [:]) async throws -> (Int, String) {
        let boundary = "----gapcheck\(UUID().uuidString)"
        var body = Data()
        for (key, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var request = URLRequest(url: base.appendingPathComponent("check"))
        request.httpMethod = "POST"
        request.timeoutInterval = 300
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.upload(for: request, from: body)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// A short 可行性研究报告 with a project overview and a construction plan, but no 密码应用 chapter.
    static func feasibility(_ name: String) throws -> Data {
        try DOCXWriter(DocxSpec(title: "\(name)可行性研究报告", numbering: .chapters, blocks: [
            .paragraph("\(name)可行性研究报告"),
            .heading("项目概况"), .paragraph("项目名称：\(name)。建设单位：阳城县城市管理局。项目总投资 680 万元。"),
            .heading("建设必要性"), .paragraph("现有系统分散建设，数据无法共享，群众办事需多次跑腿，亟需统一建设。"),
            .heading("建设方案"), .paragraph("建设统一的城市管理平台，包括事件受理、派遣、处置、核查和结案等功能模块。"),
        ])).data()
    }

    /// Folders this machine's temporary directory holds for uploads in progress.
    static func uploadFolders() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? []
        return Set(names.filter { $0.hasPrefix("gapcheck-serve-") })
    }
}
