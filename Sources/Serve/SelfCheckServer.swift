import Check
import Checklists
import Foundation
import Hummingbird
import Report
import Run

/// `gapcheck serve`: a local page where a department uploads the files of one project and gets its report, with
/// HTML, DOCX and XLSX downloads embedded in the answer. Nothing is kept: each upload lives in a private temporary
/// folder removed before the answer is sent.
public struct SelfCheckServer: Sendable {
    public var host: String
    public var port: Int
    public var limits: ServeLimits
    /// Uploads checked at once; more wait their turn.
    public var concurrentUploads: Int
    let check: UploadCheck

    public init(library: ChecklistLibrary, worker: URL, host: String = "127.0.0.1", port: Int = 8080,
                limits: ServeLimits = ServeLimits(), concurrentUploads: Int = 2) {
        self.host = host
        self.port = port
        self.limits = limits
        self.concurrentUploads = max(1, concurrentUploads)
        self.check = UploadCheck(library: library, limits: limits, worker: worker)
    }

    /// Runs until cancelled. `onRunning` receives the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "gapcheck"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
        try await app.run()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let pages = ServePages(library: check.library, limits: limits)
        let gate = UploadGate(slots: concurrentUploads)
        router.get("/") { _, _ in html(pages.form()) }
        router.post("/check") { request, _ in
            let contentType = request.headers[.contentType] ?? ""
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: limits.maxUploadBytes)
            } catch {
                return html(pages.problem("上传内容超过 \(limits.maxUploadBytes >> 20) MB 的上限。"), status: .contentTooLarge)
            }
            return await answer(Data(body.readableBytesView), contentType: contentType, pages: pages, gate: gate)
        }
        return router
    }

    func answer(_ body: Data, contentType: String, pages: ServePages, gate: UploadGate) async -> Response {
        let upload: UploadRequest
        switch UploadForm.read(body, contentType: contentType, limits: limits, library: check.library) {
        case .failure(let problem): return html(pages.problem(problem.message), status: .badRequest)
        case .success(let u): upload = u
        }
        await gate.enter()
        let check = self.check
        // Checking blocks on worker processes, so it runs on a thread of its own, off the server's executors.
        let result: Result<ProjectReport, any Error> = await withCheckedContinuation { done in
            Thread.detachNewThread { done.resume(returning: Result { try check.check(upload) }) }
        }
        await gate.leave()
        switch result {
        case .success(let report): return html(pages.result(report))
        case .failure(let error): return html(pages.problem("检查失败：\(error)"), status: .internalServerError)
        }
    }
}

func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
             body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
}

/// Lets at most `slots` uploads be checked at once; the rest wait in arrival order.
actor UploadGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = slots }

    func enter() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
