import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// What a build reads and where it writes.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Overrides `base_url` of site.yaml.
    public var baseURL: String?
    /// Reuse the files of the previous build that did not change (false: `--clean`).
    public var reuseUnchangedFiles: Bool
    /// Threads for parsing and rendering; nil: one per core. The output is the same either way.
    public var workers: Int?

    public init(contentDirectory: String = "content", templatesDirectory: String = "templates",
                outputDirectory: String = "site", baseURL: String? = nil,
                reuseUnchangedFiles: Bool = true, workers: Int? = nil) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
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
    /// The text of every file read, to quote lines in diagnostics.
    public var sources: [String: String]
    public var phases: [PhaseTiming]
    /// Files written by `build`; nil when nothing was written.
    public var filesWritten: Int?
    /// Of those, the files actually written; the others were unchanged and reused.
    public var filesRewritten: Int?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
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

    /// The whole pipeline: what `openmap build` runs.
    public func build() -> BuildReport {
        run(write: true)
    }

    private func run(write: Bool) -> BuildReport {
        var diagnostics = DiagnosticBag()
        var clock = PhaseClock()

        let loaded = clock.measure("load") {
            ContentLoader(contentDirectory: options.contentDirectory).load()
        }
        diagnostics.append(contentsOf: loaded.diagnostics)

        clock.measure("validate") {
            diagnostics.append(contentsOf: ContentValidator.validate(loaded.content))
        }

        let timetables = clock.measure("schedule") {
            MatinaleScheduling.timetables(for: loaded.content)
        }

        // Views, links and data files here; the templates run while writing, a few pages at a
        // time over every core, so that the rendered site never sits in memory whole.
        let prepared: PreparedSite? = clock.measure("render") {
            let (renderer, templateProblems) = SiteRenderer.load(templatesDirectory: options.templatesDirectory)
            diagnostics.append(contentsOf: templateProblems)
            guard let renderer else { return nil }
            let site = renderer.prepare(
                loaded.content, contentDirectory: options.contentDirectory, timetables: timetables,
                options: RenderOptions(baseURL: options.baseURL, workers: options.workers))
            diagnostics.append(contentsOf: site.diagnostics)
            return site
        }

        var filesWritten: Int?
        var filesRewritten: Int?
        if write {
            let writer = OutputWriter(outputDirectory: options.outputDirectory)
            diagnostics.append(contentsOf: writer.checkDestination(
                protecting: [options.contentDirectory, options.templatesDirectory]))
            if !diagnostics.hasErrors {
                clock.measure("write") {
                    do {
                        let site = prepared
                        let summary = try writer.write(paths: site?.paths ?? [], reusingUnchanged: options.reuseUnchangedFiles,
                                                         workers: options.workers) {
                            site?.contents(at: $0) ?? .bytes([])
                        }
                        filesWritten = summary.files
                        filesRewritten = summary.rewritten
                    } catch {
                        diagnostics.error("write-failed", "could not write the site: \(error)",
                                          at: SourceLocation(file: options.outputDirectory))
                    }
                }
            }
        }

        return BuildReport(diagnostics: diagnostics.sorted, sources: loaded.sources,
                           phases: clock.phases, filesWritten: filesWritten, filesRewritten: filesRewritten)
    }
}

/// Times phases with a monotonic clock.
struct PhaseClock {
    private(set) var phases: [PhaseTiming] = []
    private let clock = ContinuousClock()

    mutating func measure<T>(_ name: String, _ body: () -> T) -> T {
        let start = clock.now
        let result = body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        phases.append(PhaseTiming(name: name, seconds: seconds))
        return result
    }
}
