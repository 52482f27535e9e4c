import Diagnostics
import Foundation
import OpenMapContent
import OpenMapTemplates

public struct RenderOptions: Sendable {
    /// Overrides `base_url` from site.yaml (a preview deployment, a local test).
    public var baseURL: String?
    /// The build's « today »: splits upcoming and past Matinales and opens registrations.
    /// Nil: no date is known; the home page shows the latest Matinale as « Dernière matinale »,
    /// and a registration link shows whenever the Matinale gives one.
    public var today: LocalDate?
    /// Threads rendering pages; nil: one per core (the output is the same either way).
    public var workers: Int?
    /// The Markdown texts of the previous site (the build record's): taken instead of rendered
    /// while they are the same; filled with this site's.
    public var texts: RenderedTexts?
    /// The files beside the pages that take longest (open data, search index, feeds, sitemap)
    /// are made when first asked for, not while the site is prepared. A build asks for each
    /// once: it is let go once taken (tens of megabytes at 10 000 needs). `openmap serve` may
    /// serve one again: it keeps them.
    public var keepsFilesBesidePages = false
    /// The site search's index (the longest of those files to make, a few megabytes once made)
    /// is made on the second core while the pages are prepared, for a build that will write it.
    public var makesSiteSearchEarly = false
    public init(baseURL: String? = nil, today: LocalDate? = nil, workers: Int? = nil, texts: RenderedTexts? = nil) {
        self.baseURL = baseURL
        self.today = today
        self.workers = workers
        self.texts = texts
    }
}

public struct OutputFile: Sendable, Hashable {
    /// Relative to the output folder: `feuilles-de-route/2015/plaine-commune/index.html`.
    public var path: String
    public enum Contents: Sendable, Hashable {
        case bytes([UInt8])
        /// Absolute or cwd-relative source path.
        case copy(from: String)
    }
    public var contents: Contents
    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}

/// A site ready to be written: its file paths, sorted, and the contents of each on demand.
/// Views are plain values only read while rendering, so `contents(at:)` may run on any thread.
public struct PreparedSite: @unchecked Sendable {
    enum Item {
        case page(BuiltPage)
        case file(OutputFile.Contents)
        /// A file made the first time it is asked for.
        case madeWhenAsked(LazyFile)
    }

    let library: TemplateLibrary
    /// The templates' names and texts, as a stable hash: part of every page's fingerprint.
    let templatesFingerprint: UInt64
    /// The builder once every view was made, read only: it makes the deferred need pages' views.
    let builder: SiteBuilder
    /// Relative to the output folder, sorted.
    public let paths: [String]
    let items: [Item]
    /// Broken links, anchors, Markdown problems: known before any page is rendered.
    public let diagnostics: [Diagnostic]

    /// The digests of what the pages are made from (`inputs(at:)`).
    let digests: InputDigests

    /// The page at `index`, its view made now if it was deferred; nil for other files.
    func page(at index: Int) -> BuiltPage? {
        guard case .page(var page) = items[index] else { return nil }
        page = builder.deferredPage(page)
        if let layout = page.layout {
            page.view.merge(builder.layoutView(layout, path: page.path)) { own, _ in own }
            page.layout = nil
        }
        return page
    }

    /// The template of a page (`need`, `besoins`…), nil for other files.
    public func template(at index: Int) -> String? {
        guard case .page(let page) = items[index] else { return nil }
        return page.template
    }

    /// True for pages rendered through templates (HTML), false for files made or copied as is.
    public func isPage(at index: Int) -> Bool {
        if case .page = items[index] { return true }
        return false
    }

    /// The bytes of a page (rendered now through its template and the layout) or a file.
    public func contents(at index: Int) -> OutputFile.Contents {
        switch items[index] {
        case .file(let contents):
            return contents
        case .madeWhenAsked(let file):
            return file.contents()
        case .page:
            guard let page = page(at: index) else { return .bytes([]) }
            var view = page.view
            var body = TemplateOutput(capacity: 32 * 1024)
            library.render(view, template: page.template, into: &body)
            view["content"] = RenderedHTML(bytes: body.bytes)
            var html = TemplateOutput(capacity: body.bytes.count + 16 * 1024)
            guard library.render(view, template: "layout", into: &html) else { return .bytes(body.bytes) }
            return .bytes(html.bytes)
        }
    }

    /// The source of a copied file (an asset, a static file), nil for others.
    public func copiedSource(at index: Int) -> String? {
        if case .file(.copy(let source)) = items[index] { return source }
        return nil
    }
}

/// A page's body, made by its template, for the layout's `{{{content}}}`: its bytes copied
/// into the page as they are.
struct RenderedHTML: TemplateRenderable {
    let bytes: [UInt8]

    func write(to output: inout TemplateOutput) {
        output.append(contentsOf: bytes)
    }
}

/// A file made once, by the first thread that asks for it (the others wait); let go once taken,
/// unless it is kept for being asked for again.
final class LazyFile: @unchecked Sendable {
    private let lock = NSLock()
    private var made: OutputFile.Contents?
    private let keeping: Bool
    private let make: @Sendable () -> OutputFile.Contents

    init(keeping: Bool, _ make: @escaping @Sendable () -> OutputFile.Contents) {
        self.keeping = keeping
        self.make = make
    }

    /// Makes the file now, if it was not yet, for when it is asked for.
    func makeNow() {
        lock.withLock { if made == nil { made = make() } }
    }

    /// Its contents, made now if they were not yet.
    func contents() -> OutputFile.Contents {
        lock.withLock {
            let contents = made ?? make()
            made = keeping ? contents : nil
            return contents
        }
    }
}

/// A value made on another thread and read once that thread is done.
final class Handoff<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: Value? = nil) { self.value = value }
}

/// Turns the loaded content into the site's files through the Mustache templates of a folder.
public struct SiteRenderer: Sendable {
    /// Templates every site needs; others in the folder are partials.
    static let requiredTemplates = [
        "layout", "home", "roadmaps", "roadmap", "buyers", "buyer", "suppliers", "supplier",
        "matinales", "matinale", "pitches", "pitch", "testimonials", "page", "404",
        "timetable", "timetable-table", "timetable-supplier", "timetable-slot", "timetable-grid",
        "besoins", "need", "donnees", "accessibilite", "plan-du-site", "search",
    ]

    let library: TemplateLibrary
    let templatesFingerprint: UInt64
    /// Files under `<templates>/static/`, relative to it, sorted, with their source path.
    let staticFiles: [(relative: String, source: String)]

    init(library: TemplateLibrary, templatesFingerprint: UInt64 = 0, staticFiles: [(relative: String, source: String)]) {
        self.library = library
        self.templatesFingerprint = templatesFingerprint
        self.staticFiles = staticFiles
    }

    /// Loads and compiles every `.mustache` file of `templatesDirectory` (names are paths without
    /// the extension: `layout`, `partials/need`). Syntax errors, partials that do not exist and
    /// missing templates come back as diagnostics located in the template files (at the tag);
    /// the renderer is nil when there is any.
    public static func load(templatesDirectory: String) -> (renderer: SiteRenderer?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let directory = templatesDirectory.hasSuffix("/") ? String(templatesDirectory.dropLast()) : templatesDirectory
        let files = listFiles(under: directory)
        guard !files.isEmpty || FileManager.default.fileExists(atPath: directory) else {
            return (nil, [.error(.missingTemplates(directory), at: SourceLocation(file: directory))])
        }
        var sources: [String: String] = [:]
        var fingerprint = StableHasher()
        for relative in files where relative.hasSuffix(".mustache") {
            let path = directory + "/" + relative
            let name = String(relative.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(.error(.unreadableTemplate(), at: SourceLocation(file: path)))
                continue
            }
            fingerprint.combine(relative)
            data.withUnsafeBytes { fingerprint.combine($0) }
            sources[name] = String(decoding: data, as: UTF8.self)
        }
        let (library, errors) = TemplateLibrary.compile(sources, trimmingIndentation: true)
        for error in errors {
            diagnostics.append(.error(.template(error.problem, templates: sources.keys.sorted()),
                                      at: SourceLocation(file: directory + "/" + error.template + ".mustache", line: error.line, column: error.column)))
        }
        for name in requiredTemplates where sources[name] == nil && !diagnostics.contains(where: { $0.file.hasSuffix("/\(name).mustache") }) {
            diagnostics.append(.error(.missingTemplate(name), at: SourceLocation(file: directory + "/" + name + ".mustache")))
        }
        let staticFiles = files.filter { $0.hasPrefix("static/") }.map {
            (relative: String($0.dropFirst("static/".count)), source: directory + "/" + $0)
        }
        guard let library, !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        // Part of every page's fingerprint: after an upgrade of openmap, every page is made again.
        fingerprint.combine(SourceSnapshot.programStamp)
        return (SiteRenderer(library: library, templatesFingerprint: fingerprint.finalize(), staticFiles: staticFiles), diagnostics)
    }

    /// Renders every published page, the sitemap, robots.txt and 404 page, and lists the assets
    /// and static files to copy. Broken links and anchors, and Markdown problems, come back as
    /// diagnostics located in the content files.
    public func render(_ content: SiteContent, contentDirectory: String,
                       timetables: [String: MatinaleTimetable] = [:], options: RenderOptions)
        -> (files: [OutputFile], diagnostics: [Diagnostic])
    {
        let site = prepare(content, contentDirectory: contentDirectory, timetables: timetables, options: options)
        let files = parallelMap(count: site.paths.count, workers: options.workers) { index in
            OutputFile(path: site.paths[index], contents: site.contents(at: index))
        }
        return (files, site.diagnostics)
    }

    /// Everything but the templates: page views (Markdown rendered, links checked), feeds and
    /// data files, files to copy. Pages are rendered on demand by `PreparedSite.contents(at:)`,
    /// so that a writer can render, write and drop them a few at a time.
    public func prepare(_ content: SiteContent, contentDirectory: String,
                        timetables: [String: MatinaleTimetable] = [:], options: RenderOptions) -> PreparedSite
    {
        var builder = SiteBuilder(content: content, options: options,
                                  staticFiles: staticFiles.map(\.relative), timetables: timetables, library: library)
        // Calendars, open data, the search index and the timetables' files only read the
        // indexes built by `init`: they are made on a second core, from a copy, while the pages
        // are built; `openmap serve` makes the catalogue's data files only when asked for them.
        // (On a thread of their own, not as a branch of a parallel loop: the pages' own parallel
        // loops would then be nested, and libdispatch runs nested loops on one thread.)
        let indexes = Handoff(builder)
        let catalogueData = SiteBuilder.catalogueDataFiles.map { file in
            (file.path, LazyFile(keeping: options.keepsFilesBesidePages) { indexes.value.map(file.make) ?? .bytes([]) })
        }
        let independent = Handoff<[OutputFile]>()
        let group = DispatchGroup()
        let siteSearch = options.makesSiteSearchEarly ? catalogueData.first { $0.0 == SiteBuilder.siteSearchIndexPath }?.1 : nil
        let makeIndependentFiles: @Sendable () -> Void = {
            independent.value = indexes.value.map { $0.calendarFiles() + $0.timetableFiles() }
            siteSearch?.makeNow()
        }
        if (options.workers ?? defaultWorkerCount) > 1 {
            DispatchQueue.global().async(group: group, execute: makeIndependentFiles)
        } else {
            makeIndependentFiles()
        }
        var pages = builder.buildPages()
        pages += builder.timetablePages()
        pages.sort { $0.outputPath < $1.outputPath }
        builder.qualifySharedTitles(&pages)
        builder.checkPendingAnchors()
        options.texts?.finishSite()
        let digests = InputDigests(builder: builder)
        group.wait()
        let independentFiles = independent.value ?? []

        // The sitemap reads the pages' paths and dates, the feeds the need summaries rendered with them.
        let finished = Handoff((builder: builder, sitemap: SiteBuilder.sitemapEntries(pages)))
        let sitemap = LazyFile(keeping: options.keepsFilesBesidePages) {
            finished.value.map { .bytes(Array($0.builder.sitemap($0.sitemap).utf8)) } ?? .bytes([])
        }

        var items: [(path: String, item: PreparedSite.Item)] = pages.map { ($0.outputPath, .page($0)) }
        items.append(("sitemap.xml", .madeWhenAsked(sitemap)))
        // Each feed made when it is written, by the writer thread that asks for it.
        for source in builder.feedSources() {
            let feed = LazyFile(keeping: options.keepsFilesBesidePages) { finished.value.map { $0.builder.feed(source) } ?? .bytes([]) }
            items.append((source.feed.path, .madeWhenAsked(feed)))
        }
        items += catalogueData.map { ($0.0, .madeWhenAsked($0.1)) }
        var files: [OutputFile] = []
        files.append(OutputFile(path: "robots.txt", contents: .bytes(Array(builder.robots().utf8))))
        files += independentFiles

        let contentRoot = contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
        for asset in content.assets {
            files.append(OutputFile(path: asset, contents: .copy(from: contentRoot + "/" + asset)))
        }
        for file in staticFiles {
            files.append(OutputFile(path: "static/" + file.relative, contents: .copy(from: file.source)))
        }
        items += files.map { ($0.path, .file($0.contents)) }
        items.sort { $0.path < $1.path }
        return PreparedSite(library: library, templatesFingerprint: templatesFingerprint, builder: builder, paths: items.map(\.path),
                            items: items.map(\.item), diagnostics: builder.diagnostics, digests: digests)
    }

    /// Regular files under `directory`, relative, sorted; hidden files skipped.
    static func listFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(relative)
            }
        }
        return result.sorted()
    }
}

extension Message {
    /// The catalogue's message for a problem in a template, among `templates` (their names).
    static func template(_ problem: TemplateSyntaxError.Problem, templates: [String]) -> Message {
        switch problem {
        case .unclosedTag(let open, let close): .templateUnclosedTag(open: open, close: close)
        case .invalidName(let tag): .templateInvalidName(tag)
        case .unclosedSection(let name): .templateUnclosedSection(name)
        case .unexpectedClose(let name): .templateUnexpectedClose(name)
        case .mismatchedClose(let found, let open, let openLine): .templateMismatchedClose(found: found, open: open, openLine: openLine)
        case .unclosedComment(let close): .templateUnclosedComment(close: close)
        case .invalidDelimiters: .templateInvalidDelimiters()
        case .unknownSetting(let setting): .templateUnknownSetting(setting)
        case .unknownFunction(let name):
            .templateUnknownFunction(name, known: TemplateSyntaxError.functionNames,
                                     suggestion: Formats.suggestion(for: name, among: TemplateSyntaxError.functionNames))
        case .functionOnBlock(let tag): .templateFunctionOnBlock(tag)
        case .tagInsideParent(let parent): .templateTagInsideParent(parent)
        case .unknownPartial(let name): .templateUnknownPartial(name, suggestion: Formats.suggestion(for: name, among: templates))
        case .nestingTooDeep(let limit): .templateNestingTooDeep(limit: limit)
        case .partialCycle(let names): .templatePartialCycle(names)
        }
    }
}
