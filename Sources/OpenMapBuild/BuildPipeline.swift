import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// The build, in one place: compare → load → validate → schedule → prepare, then an end that
/// depends on the command — `check` plans and makes the pages that changed for their links,
/// `build` plans and writes what changed into the site folder, `serve` plans and makes a page
/// when a browser asks for it. Each step
/// is named and timed; what each one takes and gives is in `BuildRun` (BuildSteps.swift). Every
/// step runs even after errors, so that one run reports every problem; nothing is written when
/// there is one, which leaves the previous site untouched.
///
/// What an earlier build knows comes from one place, the build record (`BuildRecord`): it tells
/// which sources changed, holds the parsed content files and rendered Markdown texts that are
/// still good, and what each file of the site was made from, so that only what an edit reaches
/// is parsed, rendered and written.
public struct BuildPipeline: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// What `openmap check` runs: every problem, nothing written.
    public func check() -> BuildReport {
        run(.check, record: nil).report
    }

    /// What `openmap build` runs, with the site folder locked against other builds.
    public func build() -> BuildReport {
        let output = URL(fileURLWithPath: options.outputDirectory).standardizedFileURL
        let lock = SiteLock(outputDirectory: output) {
            options.notes?(LocalizedText(fr: "une autre construction écrit déjà dans « \(options.outputDirectory) » : attente de sa fin…",
                                         en: "another build is writing into “\(options.outputDirectory)”: waiting for it to end…")[.current])
        }
        return withExtendedLifetime(lock) { run(.write, record: nil).report }
    }

    /// What `openmap serve` runs on each change, from its record (kept in memory between runs and
    /// updated here) and the sources' stamps if it has just taken them: the site, whose files are
    /// made when asked for; nil when its pages could not be prepared.
    public func preview(record: inout BuildRecord, stamps: SourceStamps? = nil) -> (report: BuildReport, site: PreviewSite?) {
        let outcome = run(.preview, record: record, stamps: stamps)
        record = outcome.record
        return (outcome.report, outcome.site)
    }

    /// Every file of the site, made in memory (nothing written, no record used or kept): for
    /// tests and tools that compare sites.
    public func renderInMemory() -> (report: BuildReport, files: [OutputFile]) {
        var record = BuildRecord()
        let (report, site) = preview(record: &record)
        return (report, site?.allFiles() ?? [])
    }

    private func run(_ end: BuildRun.End, record: BuildRecord?,
                     stamps: SourceStamps? = nil) -> (report: BuildReport, record: BuildRecord, site: PreviewSite?) {
        if end != .preview { MemoryPolicy.giveLargeBlocksPagesOfTheirOwn() }
        var run = BuildRun(options: options, end: end)
        // A preview keeps its memory for the next save: trimming it would cost every reload.
        var steps = StepClock(releasesMemory: end != .preview)
        let unchanged = steps.measure("compare") { run.compare(with: record, stamps: stamps) }
        if !unchanged {
            steps.measure("load") { run.load() }
            steps.measure("validate") { run.validate() }
            steps.measure("schedule") { run.schedule() }
            steps.measure("prepare") { run.prepare() }
            switch end {
            case .check:
                steps.measure("plan") { run.plan() }
                steps.measure("pages") { run.checkPages() }
            case .write:
                steps.measure("plan") { run.plan() }
                steps.measure("write") { run.write() }
            case .preview:
                run.preview()  // pages are planned and made when a browser asks for them
            }
        }
        return (run.report(steps.steps), run.record, run.site)
    }
}

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
    /// Start from the build record (false: `--clean`, every file made and written anew).
    public var usesRecord: Bool
    /// Where the build record is kept; nil: `.openmap/` beside the content folder.
    public var cacheDirectory: String?
    /// Threads rendering and writing pages; nil: one per core. The output is the same either way.
    public var workers: Int?
    /// False for a command that exits right after the build (`MemoryPolicy.leaveUntilExit`).
    public var freesMemoryWhenDone = true
    /// Told, as they happen, things worth a line that are not diagnostics: a record that could
    /// not be used, a wait for another build.
    public var notes: (@Sendable (String) -> Void)?

    public init(contentDirectory: String = "content", templatesDirectory: String = "templates",
                outputDirectory: String = "site", baseURL: String? = nil,
                today: LocalDate? = nil, includeDrafts: Bool = false,
                usesRecord: Bool = true, cacheDirectory: String? = nil, workers: Int? = nil) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.today = today
        self.includeDrafts = includeDrafts
        self.usesRecord = usesRecord
        self.cacheDirectory = cacheDirectory
        self.workers = workers
    }

    /// The record's file: `<cache>/record`, the cache folder being `.openmap/` beside the content
    /// folder unless given.
    public var recordPath: String {
        if let cacheDirectory { return Self.trimmed(cacheDirectory) + "/record" }
        let content = URL(fileURLWithPath: contentDirectory).standardizedFileURL
        return content.deletingLastPathComponent().appendingPathComponent(".openmap").path + "/record"
    }

    /// What the site's files depend on beside the sources: the program, the folders, the
    /// options. Outputs recorded under another key are not reused (see `BuildRecord`).
    var outputsKey: String {
        [SourceSnapshot.programStamp, contentDirectory, templatesDirectory, baseURL ?? "-",
         today?.description ?? "-", includeDrafts ? "drafts" : "-"].joined(separator: "\u{1F}")
    }

    /// The folders whose files a build reads: their stamps say what changed.
    public var sourceFolders: [String] {
        [Self.trimmed(contentDirectory), Self.trimmed(templatesDirectory)]
    }

    static func trimmed(_ folder: String) -> String {
        var folder = folder
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }
}

/// How long one step took.
public struct PhaseTiming: Sendable, Hashable {
    /// The step's identifier (`load`), as tests and tools name it.
    public var name: String
    public var seconds: Double

    /// The step's name for people, in the process's language.
    public var label: String { Self.labels[name]?[.current] ?? name }

    static let labels: [String: LocalizedText] = [
        "compare": LocalizedText(fr: "comparaison", en: "compare"),
        "load": LocalizedText(fr: "lecture", en: "load"),
        "validate": LocalizedText(fr: "vérification", en: "validate"),
        "schedule": LocalizedText(fr: "rendez-vous", en: "schedule"),
        "prepare": LocalizedText(fr: "préparation", en: "prepare"),
        "plan": LocalizedText(fr: "plan", en: "plan"),
        "pages": LocalizedText(fr: "pages", en: "pages"),
        "write": LocalizedText(fr: "écriture", en: "write"),
    ]
}

/// The outcome of a build: every diagnostic, in file order, what was done, and each step's time.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// The text of every content file with a diagnostic, as it was read, to quote its lines.
    public var sources: [String: String] = [:]
    public var phases: [PhaseTiming] = []
    /// Files in the site once written; nil when nothing was written.
    public var filesWritten: Int?
    /// Of those, the files actually written; the others were unchanged and kept.
    public var filesRewritten: Int?
    /// Items left out of the site (or, in preview, published but marked).
    public var held: [Publication.HeldItem] = []
    /// Pages in the site, and how many of them went through their templates.
    public var pages: Int?
    public var pagesRendered: Int?
    /// Entity files of the content, and how many were parsed (the others came from the record).
    public var contentFiles: Int?
    public var contentFilesParsed: Int?
    /// Every text file of the content folder that was read (YAML and Markdown, assets aside).
    public var textFilesRead: Int?
    /// Markdown texts rendered (the others came from the record).
    public var textsRendered: Int?
    /// Source files that changed since the record (nil: no record was used).
    public var sourcesChanged: Int?

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
    /// « lecture 598 ms · vérification 55 ms · … », as the commands print it.
    public var phaseSummary: String {
        phases.map { "\($0.label) \(String(format: "%.0f", $0.seconds * 1000))\u{A0}ms" }.joined(separator: " · ")
    }
}

/// Times the steps with a monotonic clock, and gives back what each freed.
struct StepClock {
    private(set) var steps: [PhaseTiming] = []
    private let clock = ContinuousClock()
    /// Whether what a step freed is given back to the system after it (`MemoryPolicy`).
    let releasesMemory: Bool

    mutating func measure<T>(_ name: String, _ body: () -> T) -> T {
        let start = clock.now
        let result = body()
        let elapsed = clock.now - start
        steps.append(PhaseTiming(name: name, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        if releasesMemory { MemoryPolicy.releaseFreedMemory() }
        // OPENMAP_RSS=1: resident memory after each step, for profiling large sites (bench/README.md).
        if ProcessInfo.processInfo.environment["OPENMAP_RSS"] != nil,
           let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let pages = Int(statm.split(separator: " ").dropFirst().first ?? "") ?? 0
            FileHandle.standardError.write(Data("after \(name): \(pages * 4096 / 1_048_576) MiB resident\n".utf8))
        }
        return result
    }
}
