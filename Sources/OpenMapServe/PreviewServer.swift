import Diagnostics
import Foundation
import Hummingbird
import Logging
import OpenMapBuild
import OpenMapContent
import OpenMapRender

/// What `openmap serve` serves and watches.
public struct PreviewOptions: Sendable {
    public var host: String
    /// 0 picks a free port (reported to `onReady`).
    public var port: Int
    public var contentDirectory: String
    public var templatesDirectory: String
    /// The preview's « today », as `--now` for a build.
    public var today: LocalDate?
    public var pollInterval: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, contentDirectory: String = "content",
                templatesDirectory: String = "templates", today: LocalDate? = nil,
                pollInterval: Duration = .milliseconds(300)) {
        self.host = host
        self.port = port
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.today = today
        self.pollInterval = pollInterval
    }
}

/// The preview server. It builds the site into memory (never into `site/`), serves it, polls
/// the content and templates folders, and on a change rebuilds what the change affects: only
/// changed files are parsed again (`LoadCache`) and only pages whose views changed are rendered
/// again (`RenderMemo`); validation and views run over the whole content, so that cross-file
/// rules and lists stay exact. Open pages reload through server-sent events on `/__openmap/events`.
///
/// A build with errors keeps the last good pages and lays the errors over them; drafts and
/// scheduled items are shown with a « Brouillon » banner.
public final class PreviewServer: Sendable {
    public let options: PreviewOptions
    let state = PreviewState()
    /// Kept from one rebuild to the next (see `rebuild`).
    let loadCache = LoadCache()
    let renderMemo = RenderMemo()
    /// Receives one line per build (what changed, how long it took, the errors): the terminal.
    let log: @Sendable (String) -> Void

    public init(options: PreviewOptions, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.log = log
    }

    /// Serves until the task is cancelled; `onReady` gets the port once the server listens.
    public func run(onReady: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let watcher = SourceWatcher(folders: [options.contentDirectory, options.templatesDirectory])
        let firstStamps = watcher.snapshot()
        await rebuild(reason: "first build")

        var logger = Logger(label: "openmap.serve")
        logger.logLevel = .critical
        let application = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "openmap-serve"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) },
            logger: logger)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            group.addTask { [self] in
                var stamps = firstStamps
                while !Task.isCancelled {
                    try? await Task.sleep(for: options.pollInterval)
                    if Task.isCancelled { break }
                    let current = watcher.snapshot()
                    let changed = SourceWatcher.changes(from: stamps, to: current)
                    guard !changed.isEmpty else { continue }
                    stamps = current
                    let names = changed.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                    await rebuild(reason: names + (changed.count > 3 ? " and \(changed.count - 3) more" : ""))
                }
            }
            // Open event streams would hold the server's shutdown: end them first.
            await withTaskCancellationHandler {
                _ = try? await group.next()
            } onCancel: { [state] in
                Task { await state.closeAll() }
            }
            await state.closeAll()
            group.cancelAll()
        }
    }

    /// Builds the site into memory and publishes the result to the open pages.
    func rebuild(reason: String) async {
        let clock = ContinuousClock()
        let start = clock.now
        var buildOptions = BuildOptions(
            contentDirectory: options.contentDirectory, templatesDirectory: options.templatesDirectory,
            today: options.today, includeDrafts: true)
        // Only what the change affects is done again: unchanged files are not parsed, pages whose
        // views did not change are not rendered.
        buildOptions.loadCache = loadCache
        buildOptions.renderMemo = renderMemo
        let pipeline = BuildPipeline(options: buildOptions)
        let (report, files) = pipeline.renderInMemory()
        await state.update(report: report, files: files)
        let elapsed = clock.now - start
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        if report.hasErrors {
            let count = report.diagnostics.filter { $0.severity == .error }.count
            log("\(reason): \(count) error\(count == 1 ? "" : "s") — the last good pages stay served (\(milliseconds) ms)")
        } else {
            log("\(reason): \(files.count) files in \(milliseconds) ms (content files parsed: \(report.contentFilesParsed ?? 0) of \(report.contentFiles ?? 0); pages rendered: \(report.pagesRendered ?? 0) of \(report.pages ?? 0))")
        }
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/__openmap/events") { [state] _, _ -> Response in
            let stream = await state.listen()
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                for await event in stream {
                    try await writer.write(ByteBuffer(string: event))
                }
                try await writer.finish(nil)
            })
        }
        router.get("/") { [self] request, _ in await respond(to: request.uri.path) }
        router.get("**") { [self] request, _ in await respond(to: request.uri.path) }
        return router
    }

    /// The file at a URL path, with the preview's additions on HTML pages.
    func respond(to urlPath: String) async -> Response {
        let decoded = urlPath.removingPercentEncoding ?? urlPath
        var path = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : decoded
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if path.split(separator: "/").contains("..") { return Self.text("Chemin refusé", status: .badRequest) }

        let hasGoodBuild = await state.hasGoodBuild
        let errorReport = await state.errorReport
        if !hasGoodBuild {
            return Self.html(PreviewPage.errorPage(errorReport ?? "Le site n'a pas encore été construit."),
                             status: .internalServerError)
        }
        var status = HTTPResponse.Status.ok
        var contents = await state.contents(at: path)
        if contents == nil, await state.contents(at: path + "/index.html") != nil {
            var headers = HTTPFields()
            headers[.location] = decoded + "/"
            return Response(status: .movedPermanently, headers: headers)
        }
        if contents == nil {
            status = .notFound
            path = "404.html"
            contents = await state.contents(at: path)
        }
        guard let contents else { return Self.text("Page introuvable", status: .notFound) }

        let bytes: [UInt8]
        switch contents {
        case .bytes(let data): bytes = data
        case .copy(let source):
            guard let data = FileManager.default.contents(atPath: source) else {
                return Self.text("Fichier illisible : \(source)", status: .internalServerError)
            }
            bytes = Array(data)
        }
        let type = MediaTypes.type(of: path)
        guard type.hasPrefix("text/html") else {
            return Response(status: status, headers: Self.headers(type), body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let held = await state.heldPaths[path]
        let page = PreviewPage.decorate(String(decoding: bytes, as: UTF8.self), held: held, errors: errorReport)
        return Self.html(page, status: status)
    }

    static func headers(_ type: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return headers
    }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: headers("text/html; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: headers("text/plain; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
