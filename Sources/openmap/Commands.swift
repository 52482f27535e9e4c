import ArgumentParser
import Diagnostics
import Foundation
import OpenMapBuild
import OpenMapContent

/// Where the content and templates are.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "content"

    @Option(name: .long, help: ArgumentHelp("The templates folder (Mustache templates and static files).", valueName: "dir"))
    var templates: String = "templates"

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: human (default), json or github (Actions annotations).",
                                            valueName: "format"))
    var format: DiagnosticFormat = .human

    @Option(name: .long, help: ArgumentHelp(
        "The build's today, YYYY-MM-DD (default: today in Europe/Paris). Items published after it are held back.",
        valueName: "date"))
    var now: String?

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp(
        "Where the build record is kept (default: .openmap/ beside the content folder).", valueName: "dir"))
    var cacheDirectory: String?

    func validate() throws {
        if let now, LocalDate(iso: now) == nil {
            throw ValidationError("--now expects a date YYYY-MM-DD, found « \(now) »")
        }
    }

    /// `--now`, or today's date in Paris.
    var today: LocalDate {
        if let now, let date = LocalDate(iso: now) { return date }
        return Self.todayInParis()
    }

    static func todayInParis(at instant: Date = Date()) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content and report every problem, without writing anything.",
        discussion: "Exits with status 1 when there is at least one error; warnings alone exit 0.")

    @OptionGroup var input: InputOptions

    func run() throws {
        var options = BuildOptions(contentDirectory: input.content, templatesDirectory: input.templates, today: input.today,
                                   cacheDirectory: input.cacheDirectory)
        options.freesMemoryWhenDone = false  // the process ends here
        options.notes = Reporter.note
        let report = BuildPipeline(options: options).check()
        Reporter(format: input.format).print(report)
        if report.hasErrors { throw ExitCode(1) }
        // Silence would leave an editor wondering whether anything was checked.
        if report.diagnostics.isEmpty, input.format == .human {
            let folder = input.content.hasSuffix("/") ? String(input.content.dropLast()) : input.content
            print("No problems in \(folder)/: \(report.textFilesRead ?? 0) files and \(report.pages ?? 0) pages checked in \(Reporter.seconds(report.totalSeconds)) (\(report.phaseSummary))")
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content, then render it into the output folder.",
        discussion: """
            Nothing is written when there is an error. The site is written into a temporary folder \
            beside the output folder and swapped in at the end, so a failed build leaves the previous \
            site as it was.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var output: String = "site"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's absolute URL, overriding base_url in site.yaml.",
                                                            valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Ignore the build record: make and write every file again (by default only what changed is).")
    var clean = false

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an absolute http(s) URL, e.g. https://www.openmap-numeriques.fr")
        }
    }

    func run() throws {
        var options = BuildOptions(contentDirectory: input.content, templatesDirectory: input.templates,
                                   outputDirectory: output, baseURL: baseURL, today: input.today, usesRecord: !clean,
                                   cacheDirectory: input.cacheDirectory)
        options.freesMemoryWhenDone = false  // the process ends here
        options.notes = Reporter.note
        let report = BuildPipeline(options: options).build()
        Reporter(format: input.format).print(report)
        if report.hasErrors { throw ExitCode(1) }
        if let written = report.filesWritten, input.format == .human {
            let reused = written - (report.filesRewritten ?? written)
            var detail = reused > 0 ? " (\(reused) unchanged" : ""
            if reused > 0, let pages = report.pages, let rendered = report.pagesRendered {
                detail += "; \(rendered) of \(pages) pages rendered"
            }
            if reused > 0 { detail += ")" }
            print("Built \(written) files\(detail) into \(Reporter.folder(output)) in \(Reporter.seconds(report.totalSeconds)) (\(report.phaseSummary))")
        }
    }
}
