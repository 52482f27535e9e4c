import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OpenMapContent
import OpenMapRender

/// What a build reads and where it writes.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Overrides `base_url` of site.yaml.
    public var baseURL: String?
    /// The build's « today » (`--now`): items published after it are held back, and the home
    /// page's next Matinale is the first on or after it. Nil: only drafts are held back.
    public var today: LocalDate?
    /// The preview's mode: drafts and scheduled items are published too (and listed as held).
    public var includeDrafts: Bool
    /// Reuse the files of the previous build that did not change (false: `--clean`).
    public var reuseUnchangedFiles: Bool
    /// Threads rendering and writing pages; nil: one per core. The output is the same either way.
    public var workers: Int?
    /// Kept from one build to the next by `openmap serve`: files parsed and pages rendered, reused
    /// while what they are made from is unchanged.
    public var loadCache: LoadCache?
    public var renderMemo: RenderMemo?
    public var markdownMemo: MarkdownMemo?
    /// False for a command that exits right after the build: what it built is left for the
    /// process's end to reclaim, instead of being freed object by object (at 10 000 needs, half
    /// a second of one core after the last file is written).
    public var freesMemoryWhenDone = true

    public init(contentDirectory: String = "content", templatesDirectory: String = "templates",
                outputDirectory: String = "site", baseURL: String? = nil,
                today: LocalDate? = nil, includeDrafts: Bool = false,
                reuseUnchangedFiles: Bool = true, workers: Int? = nil) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.today = today
        self.includeDrafts = includeDrafts
        self.reuseUnchangedFiles = reuseUnchangedFiles
        self.workers = workers
    }
}

/// How long one phase took.
public struct PhaseTiming: Sendable, Hashable {
    public var name: String
    public var seconds: Double
}

/// The outcome of `check` or `build`: every diagnostic, in file order, and the phase timings.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// The text of every content file with a diagnostic, as it was read, to quote its lines.
    public var sources: [String: String]
    public var phases: [PhaseTiming]
    /// Files written by `build`; nil when nothing was written.
    public var filesWritten: Int?
    /// Of those, the files actually written; the others were unchanged and reused.
    public var filesRewritten: Int?
    /// Items left out of the site (or, in preview, published but marked).
    public var held: [Publication.HeldItem] = []
    /// Pages in the site, and how many of them went through their templates (the others were
    /// unchanged and reused from the previous build); nil when no page was made.
    public var pages: Int?
    public var pagesRendered: Int?
    /// Content files, and how many of them were parsed (the others were unchanged since the
    /// previous build of `openmap serve`).
    public var contentFiles: Int?
    public var contentFilesParsed: Int?
    /// Every text file of the content folder that was read (YAML and Markdown, assets aside).
    public var textFilesRead: Int?
    /// Markdown texts `build` rendered, the others taken from the previous build's
    /// (`MarkdownMemo`); nil for other commands.
    public var markdownTextsRendered: Int?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
    /// « load 598 ms · validate 55 ms · … », as the commands print it.
    public var phaseSummary: String {
        phases.map { "\($0.name) \(String(format: "%.0f", $0.seconds * 1000)) ms" }.joined(separator: " · ")
    }
}

/// The build, in one place: load → validate → schedule → render → write, each phase named and
/// timed. Every phase runs even after errors (so that one run reports every problem); only
/// `write` is skipped when there is an error, which leaves the previous site untouched.
public struct BuildPipeline: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Everything but writing: what `openmap check` runs.
    public func check() -> BuildReport {
        run(write: false)
    }

    /// What `openmap build` runs: the whole pipeline, unless only Markdown bodies changed since
    /// the previous build, which are then rendered again into the pages they are on, or nothing
    /// did (`BodyEditBuild`; the same site, in a fraction of the time).
    public func build() -> BuildReport {
        if options.reuseUnchangedFiles, options.loadCache == nil, options.renderMemo == nil, options.markdownMemo == nil,
           let report = BodyEditBuild(options: options).run()
        {
            return report
        }
        return run(write: true)
    }

    /// Everything but writing, keeping the rendered files in memory: what `openmap serve` runs.
    public func renderInMemory() -> (report: BuildReport, files: [OutputFile]) {
        var files: [OutputFile] = []
        let report = run(write: false) { files = $0 }
        return (report, files)
    }

    /// Everything but making the pages, which the returned site makes when asked: what
    /// `openmap serve` runs on each change. The site is nil when the views could not be made.
    public func prepareForPreview() -> (report: BuildReport, site: PreviewSite?) {
        var site: PreviewSite?
        let report = run(write: false, preview: { site = PreviewSite(pages: $0, frontMatterKeys: $1) })
        return (report, site)
    }

    private func run(write: Bool, keep: (([OutputFile]) -> Void)? = nil,
                     preview: ((PageMaker, _ frontMatterKeys: [String: UInt64]) -> Void)? = nil) -> BuildReport {
        var diagnostics = DiagnosticBag()
        var clock = PhaseClock()
        // Stamped before anything is read: a file saved during the build differs next time.
        let sourcesRead = write ? SourceSnapshot.take([options.contentDirectory, options.templatesDirectory]) : [:]

        var loaded = clock.measure("load") {
            ContentLoader(contentDirectory: options.contentDirectory, cache: options.loadCache).load()
        }
        diagnostics.append(contentsOf: loaded.diagnostics)

        clock.measure("validate") {
            diagnostics.append(contentsOf: ContentValidator.validate(loaded.content))
        }

        // Validation sees every item; publication leaves drafts and future items out.
        let (published, held) = Publication.apply(to: loaded.content, today: options.today,
                                                  includeDrafts: options.includeDrafts)

        let timetables = clock.measure("schedule") {
            MatinaleScheduling.timetables(for: published)
        }

        // A build takes the Markdown texts the previous one rendered from its file (see
        // `MarkdownMemo.read`), and keeps them for the next; `serve` keeps its own in memory.
        let markdownFile = OutputWriter(outputDirectory: options.outputDirectory).outputDirectory.path + "/" + MarkdownMemo.fileName
        var markdownMemo = options.markdownMemo

        // Everything but the page templates: views (Markdown rendered, content links checked),
        // feeds, calendars, open data, files to copy.
        let prepared: PreparedSite? = clock.measure("render") {
            if write, markdownMemo == nil {
                markdownMemo = Self.markdownMemo(from: markdownFile, reusing: options.reuseUnchangedFiles)
            }
            let (renderer, templateProblems) = SiteRenderer.load(templatesDirectory: options.templatesDirectory)
            diagnostics.append(contentsOf: templateProblems)
            guard let renderer else { return nil }
            var renderOptions = RenderOptions(baseURL: options.baseURL, today: options.today, workers: options.workers,
                                              markdownMemo: markdownMemo)
            // A preview makes the pages when they are asked for: the files beside them too.
            renderOptions.defersFilesBesidePages = preview != nil
            let site = renderer.prepare(published, contentDirectory: options.contentDirectory, timetables: timetables,
                                        options: renderOptions)
            diagnostics.append(contentsOf: site.diagnostics)
            return site
        }

        // Every content problem is known now: only the texts of files that have one are kept (to
        // quote their lines), not the whole content's text through the write phase (60 MB at
        // 50 000 needs). Template problems found later quote the templates, read again.
        let textFilesRead = loaded.sources.count
        let quoted = Set(diagnostics.diagnostics.map(\.file))
        loaded.sources = loaded.sources.filter { quoted.contains($0.key) }

        // Pages go through their templates as they are written (or kept, for `serve`), on every
        // core; the template link check reads each page then, so the site never sits in memory
        // whole (PageMaker).
        var filesWritten: Int?
        var filesRewritten: Int?
        var pageCount: Int?
        var pagesRendered: Int?
        if let prepared {
            let sitePathPrefix = URL(string: options.baseURL ?? loaded.content.site.baseURL)?.path ?? ""
            let pages = PageMaker(prepared: prepared, templatesDirectory: options.templatesDirectory,
                                  sitePathPrefix: sitePathPrefix, memo: options.renderMemo)
            defer {
                pageCount = pages.pageCount
                pagesRendered = pages.pagesRendered
            }
            let writer = OutputWriter(outputDirectory: options.outputDirectory)
            if write {
                diagnostics.append(contentsOf: writer.checkDestination(
                    protecting: [options.contentDirectory, options.templatesDirectory]))
            }
            if write && !diagnostics.hasErrors {
                clock.measure("write") {
                    // The Markdown memo's file is written beside the site now, and the memo's
                    // texts let go before the pages are made (the peak of a large site's memory);
                    // it is put in place with the site.
                    let pendingMemo = options.markdownMemo == nil ? markdownMemo.flatMap {
                        Self.setAside($0, beside: writer.outputDirectory)
                    } : nil
                    defer { if let pendingMemo { unlink(pendingMemo) } }  // unless put in place
                    let previousBodies = options.reuseUnchangedFiles ? BodyCache.load(from: writer.outputDirectory.path) : nil
                    let bodies = BodyLocator(bodies: prepared.bodies, previous: previousBodies)
                    do {
                        // A page whose fingerprint the previous site has is kept unrendered; a
                        // broken link found by the end abandons the build before the site changes.
                        var linkProblems: [Diagnostic] = []
                        let summary = try writer.write(
                            paths: prepared.paths, reusingUnchanged: options.reuseUnchangedFiles, workers: options.workers,
                            fingerprint: prepared.fingerprint(at:),
                            reused: { index, file, anchors in
                                bodies.kept(prepared.paths[index], file: file)
                                return pages.reused(index, previousCopy: file, anchors: anchors)
                            },
                            made: { index in
                                let made = pages.make(index)
                                if case .bytes(let bytes) = made.file.contents { bodies.made(made.file.path, bytes: bytes) }
                                return (made.file.contents, made.fingerprint, made.anchors)
                            },
                            commit: { previousTargetsIntact in
                                linkProblems = pages.linkProblems(previousTargetsIntact: previousTargetsIntact)
                                return linkProblems.isEmpty
                            },
                            bodyCache: { manifestHash in
                                BodyCache.kept(with: prepared, bodies: bodies, pageCount: pages.pageCount, sources: sourcesRead,
                                               frontMatterKeys: loaded.frontMatterKeys, diagnostics: diagnostics.sorted,
                                               sitePathPrefix: sitePathPrefix, options: options, manifestHash: manifestHash)
                            })
                        diagnostics.append(contentsOf: linkProblems)
                        if summary.committed {
                            filesWritten = summary.files
                            filesRewritten = summary.rewritten
                            // A cache: without it, the next build renders every text again.
                            if let pendingMemo, rename(pendingMemo, markdownFile) != 0 { unlink(markdownFile) }
                        }
                    } catch {
                        diagnostics.error("write-failed", "could not write the site: \(error)",
                                          at: SourceLocation(file: options.outputDirectory))
                    }
                }
            } else if let preview {
                // `serve`: pages are made when a browser asks for them (PreviewSite).
                preview(pages, loaded.frontMatterKeys)
            } else if pages.checksLinks || keep != nil {
                // `check`, `serve`, or a build that already failed: the pages are still made, so
                // that one run reports every broken link.
                clock.measure("pages") {
                    if let keep {
                        keep(parallelMap(count: prepared.paths.count, workers: options.workers) { pages.make($0).file })
                    } else {
                        // Made, checked and dropped one by one.
                        _ = parallelMap(count: prepared.paths.count, workers: options.workers) { _ = pages.make($0) }
                    }
                    diagnostics.append(contentsOf: pages.linkProblems())
                }
            }
        }

        if !options.freesMemoryWhenDone {
            _ = Unmanaged.passRetained(LeftUntilExit(loaded, prepared as Any))
        }
        return BuildReport(diagnostics: diagnostics.sorted, sources: loaded.sources,
                           phases: clock.phases, filesWritten: filesWritten, filesRewritten: filesRewritten, held: held,
                           pages: pageCount, pagesRendered: pagesRendered,
                           contentFiles: loaded.filesRead, contentFilesParsed: loaded.filesParsed, textFilesRead: textFilesRead,
                           markdownTextsRendered: options.markdownMemo == nil ? markdownMemo?.textsRendered : nil)
    }
}

/// What a build made, kept (never released) when the process ends right after it.
final class LeftUntilExit {
    let kept: Any
    init(_ kept: Any...) { self.kept = kept }
}

/// Times phases with a monotonic clock.
struct PhaseClock {
    /// glibc's `malloc_trim`, looked up at run time (it is not in Swift's Glibc module); nil
    /// elsewhere.
    static let releaseFreedMemory: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    private(set) var phases: [PhaseTiming] = []
    private let clock = ContinuousClock()

    mutating func measure<T>(_ name: String, _ body: () -> T) -> T {
        let start = clock.now
        let result = body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        phases.append(PhaseTiming(name: name, seconds: seconds))
        // What a phase allocated and freed (parse trees, the open data's records…) goes back to
        // the system before the next phase, instead of staying in the allocator's arenas.
        _ = Self.releaseFreedMemory?(0)
        // OPENMAP_RSS=1: resident memory after each phase, for profiling large sites (bench/README.md).
        if ProcessInfo.processInfo.environment["OPENMAP_RSS"] != nil, let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let pages = Int(statm.split(separator: " ")[1]) ?? 0
            FileHandle.standardError.write(Data("after \(name): \(pages * 4096 / 1_048_576) MiB resident\n".utf8))
        }
        return result
    }
}
