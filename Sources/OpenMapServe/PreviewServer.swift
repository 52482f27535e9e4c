import Diagnostics
import Foundation
import Synchronization
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
    /// Host names the preview answers besides the loopback names and `host` (`--allow-host`).
    public var allowedHosts: [String]
    /// Where the build record is read from at start (`--cache-dir`); nil: `.openmap/` beside
    /// the content folder.
    public var cacheDirectory: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, contentDirectory: String = "content",
                templatesDirectory: String = "templates", today: LocalDate? = nil,
                pollInterval: Duration = .milliseconds(300), allowedHosts: [String] = [], cacheDirectory: String? = nil) {
        self.host = host
        self.port = port
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.today = today
        self.pollInterval = pollInterval
        self.allowedHosts = allowedHosts
        self.cacheDirectory = cacheDirectory
    }

    var buildOptions: BuildOptions {
        var options = BuildOptions(contentDirectory: contentDirectory, templatesDirectory: templatesDirectory, today: today,
                                   includeDrafts: true, cacheDirectory: cacheDirectory)
        options.outputDirectory = "(preview)"
        return options
    }
}

/// The preview server. It prepares the site in memory (never into `site/`), serves it, watches
/// the content and templates folders (`SourceWatcher`), and on a change runs the build's steps
/// again from its build record (`BuildRecord`, kept in memory, first read from the build's
/// file): only changed files are parsed, only changed Markdown texts rendered; validation and
/// views run over the whole content, so that cross-file rules and lists stay exact. Pages are
/// made when a browser asks for them, unless the record has them made from the same inputs;
/// open pages reload through server-sent events on `/__openmap/events` as soon as the views are
/// ready, and the links the templates write are checked over every page afterwards.
///
/// A build with errors keeps the last good pages and lays the errors over them; drafts and
/// scheduled items are shown with a « Brouillon » banner. It answers only requests addressed to
/// itself (`HostCheck`): drafts are not for other sites' scripts to read.
public final class PreviewServer: Sendable {
    public let options: PreviewOptions
    let state = PreviewState()
    /// The site whose template links are being checked in the background, if any.
    let checking = SiteSlot()
    /// Receives one line per build (what changed, how long it took, the errors): the terminal.
    let log: @Sendable (String) -> Void

    public init(options: PreviewOptions, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.log = log
    }

    /// Serves until the task is cancelled; `onReady` gets the port once the server listens.
    public func run(onReady: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let watcher = SourceWatcher(folders: options.buildOptions.sourceFolders)
        var record = readRecord()
        await rebuild(&record, reason: LocalizedText(fr: "première construction", en: "first build")[.current])

        var logger = Logger(label: "openmap.serve")
        logger.logLevel = .critical
        let application = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "openmap-serve"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) },
            logger: logger)

        let first = record
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.run() }
            group.addTask { [self] in
                defer { watcher.stop() }
                var record = first
                // How often the watcher's notifications are looked at, and how long a save is
                // given to finish (an editor may write a temporary file, then rename it).
                let tick = Duration.milliseconds(10)
                let settle = Duration.milliseconds(20)
                var sinceComparison = Duration.zero
                // After a rebuild, the sources are compared at once: a save during the rebuild
                // makes another, so that what is served is what is on disk once saves stop.
                var compareNow = true
                while !Task.isCancelled {
                    if !compareNow {
                        try? await Task.sleep(for: tick)
                        sinceComparison += tick
                        let notified = watcher.takeNotification()
                        guard notified || sinceComparison >= options.pollInterval else { continue }
                        if notified {
                            try? await Task.sleep(for: settle)
                            _ = watcher.takeNotification()
                        }
                    }
                    compareNow = false
                    sinceComparison = .zero
                    if Task.isCancelled { break }
                    let stamps = SourceStamps.take(watcher.folders)
                    let changed = stamps.changes(since: record.sources)
                    guard !changed.isEmpty else { continue }
                    let names = changed.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                    let more = changed.count - 3
                    await rebuild(&record, stamps: stamps,
                                  reason: names + (more > 0 ? LocalizedText(fr: " et \(more) de plus", en: " and \(more) more")[.current] : ""))
                    compareNow = true
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

    /// The build's record, if one can be used: its parsed files and rendered texts spare the
    /// first build most of its work (its outputs are a build's, not the preview's).
    func readRecord() -> BuildRecord {
        BuildRecord.read(for: options.buildOptions) ?? BuildRecord()
    }

    /// Runs the build's steps from `record` and publishes the result to the open pages.
    func rebuild(_ record: inout BuildRecord, stamps: SourceStamps? = nil, reason: String) async {
        let clock = ContinuousClock()
        let start = clock.now
        // The site being checked for a previous save is stale: stop checking it.
        checking.replace(with: nil)?.cancel()
        let (report, site) = BuildPipeline(options: options.buildOptions).preview(record: &record, stamps: stamps)
        let (generation, previous) = await state.update(report: report, site: site)
        // Freeing a whole site's views, object by object, took a quarter of a second at 10 000
        // needs: not on the reload's path.
        MemoryPolicy.releaseInBackground(previous)
        let milliseconds = (clock.now - start).milliseconds
        guard let site, !report.hasErrors else {
            let count = report.diagnostics.filter { $0.severity == .error }.count
            let plural = count == 1 ? "" : "s"
            log(LocalizedText(fr: "\(reason) : \(count) erreur\(plural) — les dernières pages correctes restent servies (\(milliseconds) ms)",
                              en: "\(reason): \(count) error\(plural) — the last good pages stay served (\(milliseconds) ms)")[.current])
            return
        }
        let (parsed, files, phases) = (report.contentFilesParsed ?? 0, report.contentFiles ?? 0, report.phaseSummary)
        log(LocalizedText(fr: "\(reason) : prêt en \(milliseconds) ms (fichiers de contenu lus : \(parsed) sur \(files) ; \(phases))",
                          en: "\(reason): ready in \(milliseconds) ms (content files parsed: \(parsed) of \(files); \(phases))")[.current])
        checkTemplateLinks(of: site, report: report, generation: generation)
    }

    /// Makes every page (from the record when its inputs did not change) for the links the
    /// templates write, off the reload's path; a broken one is laid over the pages.
    func checkTemplateLinks(of site: PreviewSite, report: BuildReport, generation: Int) {
        let clock = ContinuousClock()
        checking.replace(with: site)
        let (state, log, sources) = (state, log, report.sources)
        Thread.detachNewThread {
            let checkStart = clock.now
            // One core left to the browser, whose first request after the reload comes while
            // the check runs: on all cores, it waited up to 280 ms behind the check at 10 000 needs.
            let workers = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
            guard let problems = site.checkTemplateLinks(workers: workers) else { return }
            let milliseconds = (clock.now - checkStart).milliseconds
            let (made, pages, broken, plural) = (site.pagesRendered, site.pageCount, problems.count, problems.count == 1 ? "" : "s")
            log(LocalizedText(fr: "  pages vérifiées en \(milliseconds) ms (pages refaites : \(made) sur \(pages))",
                              en: "  pages checked in \(milliseconds) ms (pages made: \(made) of \(pages))")[.current]
                + (broken == 0 ? "" : LocalizedText(fr: " ; \(broken) lien\(plural) cassé\(plural) dans les gabarits",
                                                    en: "; \(broken) broken link\(plural) in the templates")[.current]))
            Task { await state.reportLateProblems(problems, sources: sources, generation: generation) }
        }
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: HostCheck<BasicRequestContext>(
            allowed: HostCheck<BasicRequestContext>.names(host: options.host, extra: options.allowedHosts)))
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
            return Self.html(PreviewPage.errorPage(errorReport ?? "Le site n’a pas encore été construit."),
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

/// Holds one site, swapped atomically between the rebuilds and the background check.
final class SiteSlot: Sendable {
    private let site = Mutex<PreviewSite?>(nil)

    /// Puts `new` in the slot; returns what was there.
    @discardableResult
    func replace(with new: PreviewSite?) -> PreviewSite? {
        site.withLock { slot in
            defer { slot = new }
            return slot
        }
    }
}

extension Duration {
    /// Whole milliseconds, for the terminal's messages.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
