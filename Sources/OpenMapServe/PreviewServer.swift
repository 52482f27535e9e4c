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
    /// How often the folders are compared; on Linux, inotify also wakes the preview at once.
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

/// The preview server. It prepares the site in memory (never into `site/`), serves it, watches
/// the content and templates folders (`SourceWatcher`), and on a change prepares again what the
/// change affects: only changed files are parsed again (`LoadCache`); validation and views run
/// over the whole content, so that cross-file rules and lists stay exact. Pages are rendered
/// when a browser asks for them, and only when their views changed (`RenderMemo`); open pages
/// reload through server-sent events on `/__openmap/events` as soon as the views are ready, and
/// the links the templates write are checked over every page afterwards.
///
/// A build with errors keeps the last good pages and lays the errors over them; drafts and
/// scheduled items are shown with a « Brouillon » banner.
public final class PreviewServer: Sendable {
    public let options: PreviewOptions
    let state = PreviewState()
    /// Kept from one rebuild to the next (see `rebuild`).
    let loadCache = LoadCache()
    let renderMemo = RenderMemo()
    let markdownMemo = MarkdownMemo()
    /// The site whose template links are being checked in the background, if any.
    let checking = SiteSlot()
    /// The latest build, when it succeeded: an edit to bodies alone starts from it.
    let latestGood = BuildSlot()
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
                defer { watcher.stop() }
                var stamps = firstStamps
                let tick = Duration.milliseconds(25)
                var sinceComparison = Duration.zero
                while !Task.isCancelled {
                    try? await Task.sleep(for: tick)
                    sinceComparison += tick
                    let notified = watcher.takeNotification()
                    guard notified || sinceComparison >= options.pollInterval else { continue }
                    if notified {
                        // An editor's save may take a few steps (a temporary file, then a rename).
                        try? await Task.sleep(for: tick)
                        _ = watcher.takeNotification()
                    }
                    sinceComparison = .zero
                    if Task.isCancelled { break }
                    let current = watcher.snapshot()
                    let changed = SourceWatcher.changes(from: stamps, to: current)
                    guard !changed.isEmpty else { continue }
                    stamps = current
                    let names = changed.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                    await rebuild(reason: names + (changed.count > 3 ? " and \(changed.count - 3) more" : ""), changed: changed)
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

    /// Builds the site into memory and publishes the result to the open pages. `changed`: the
    /// files that changed since the previous build (as the watcher names them).
    func rebuild(reason: String, changed: [String] = []) async {
        let clock = ContinuousClock()
        let start = clock.now
        // The site being checked for a previous save is stale: stop checking it.
        checking.replace(with: nil)?.cancel()
        if let (report, site) = withEditedBodies(changed) {
            let generation = await state.update(report: report, site: site)
            latestGood.replace(with: (report, site))
            log("\(reason): ready in \((clock.now - start).milliseconds) ms (text rendered again, nothing else loaded)")
            checkTemplateLinks(of: site, report: report, generation: generation)
            return
        }
        var buildOptions = BuildOptions(
            contentDirectory: options.contentDirectory, templatesDirectory: options.templatesDirectory,
            today: options.today, includeDrafts: true)
        // Only what the change affects is done again: unchanged files are not parsed, unchanged
        // Markdown texts not rendered, pages whose views did not change not rendered.
        buildOptions.loadCache = loadCache
        buildOptions.renderMemo = renderMemo
        buildOptions.markdownMemo = markdownMemo
        let pipeline = BuildPipeline(options: buildOptions)
        let (report, site) = pipeline.prepareForPreview()
        let generation = await state.update(report: report, site: site)
        latestGood.replace(with: site.flatMap { report.hasErrors ? nil : (report, $0) })
        let milliseconds = (clock.now - start).milliseconds
        guard let site, !report.hasErrors else {
            let count = report.diagnostics.filter { $0.severity == .error }.count
            log("\(reason): \(count) error\(count == 1 ? "" : "s") — the last good pages stay served (\(milliseconds) ms)")
            return
        }
        log("\(reason): ready in \(milliseconds) ms (content files parsed: \(report.contentFilesParsed ?? 0) of \(report.contentFiles ?? 0); "
            + "\(report.phaseSummary))")
        checkTemplateLinks(of: site, report: report, generation: generation)
    }

    /// When every file that changed is a content file whose Markdown body alone changed, the
    /// latest site with those bodies rendered again, and its report (see `PreviewSite.withEditedBodies`).
    func withEditedBodies(_ changed: [String]) -> (BuildReport, PreviewSite)? {
        let contentPrefix = options.contentDirectory + "/"
        guard !changed.isEmpty, changed.allSatisfy({ $0.hasPrefix(contentPrefix) }), let latest = latestGood.value,
              let (site, diagnostics) = latest.site.withEditedBodies(changed.map { String($0.dropFirst(contentPrefix.count)) },
                                                                     contentDirectory: options.contentDirectory)
        else { return nil }
        var report = latest.report
        report.diagnostics = diagnostics(latest.report.diagnostics)
        report.phases = []
        report.contentFilesParsed = changed.count
        for file in Set(report.diagnostics.map(\.file)) where report.sources[file] == nil {
            report.sources[file] = try? String(contentsOfFile: file, encoding: .utf8)
        }
        return (report, site)
    }

    /// Makes every page (from the memo when its view did not change) for the links the
    /// templates write, off the reload's path; a broken one is laid over the pages.
    func checkTemplateLinks(of site: PreviewSite, report: BuildReport, generation: Int) {
        let clock = ContinuousClock()
        checking.replace(with: site)
        let (state, log, sources) = (state, log, report.sources)
        Thread.detachNewThread {
            let checkStart = clock.now
            guard let problems = site.checkTemplateLinks() else { return }
            let milliseconds = (clock.now - checkStart).milliseconds
            log("  pages checked in \(milliseconds) ms (pages rendered: \(site.pagesRendered) of \(site.pageCount))"
                + (problems.isEmpty ? "" : "; \(problems.count) broken link\(problems.count == 1 ? "" : "s") in the templates"))
            Task { await state.reportLateProblems(problems, sources: sources, generation: generation) }
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
        guard let site = await state.site else { return Self.text("Page introuvable", status: .notFound) }
        var status = HTTPResponse.Status.ok
        // Made here, off the state's actor: the page on screen is rendered when it is asked for.
        var contents = site.contents(at: path)
        if contents == nil, site.contains(path + "/index.html") {
            var headers = HTTPFields()
            headers[.location] = decoded + "/"
            return Response(status: .movedPermanently, headers: headers)
        }
        if contents == nil {
            status = .notFound
            path = "404.html"
            contents = site.contents(at: path)
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

/// Holds the latest good build, for the next rebuild.
final class BuildSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var build: (report: BuildReport, site: PreviewSite)?

    var value: (report: BuildReport, site: PreviewSite)? { lock.withLock { build } }

    /// Puts `new` in the slot. The previous build is let go of on another thread: freeing a
    /// whole site's views and pages, object by object, took a quarter of a second of the reload
    /// at 10 000 needs.
    func replace(with new: (report: BuildReport, site: PreviewSite)?) {
        let previous = Dropped(lock.withLock { () -> (report: BuildReport, site: PreviewSite)? in
            defer { build = new }
            return build
        })
        DispatchQueue.global(qos: .utility).async { previous.value = nil }
    }

    /// The only reference to what it holds, so that it is freed where `value` is cleared.
    private final class Dropped: @unchecked Sendable {
        var value: (report: BuildReport, site: PreviewSite)?
        init(_ value: (report: BuildReport, site: PreviewSite)?) { self.value = value }
    }
}

/// Holds one site, swapped atomically between the rebuilds and the background check.
final class SiteSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var site: PreviewSite?

    /// Puts `new` in the slot; returns what was there.
    @discardableResult
    func replace(with new: PreviewSite?) -> PreviewSite? {
        lock.withLock {
            defer { site = new }
            return site
        }
    }
}

extension Duration {
    /// Whole milliseconds, for the terminal's messages.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
