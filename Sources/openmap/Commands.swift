import ArgumentParser
import Diagnostics
import Foundation
import OpenMapBuild
import OpenMapContent

/// Where the content and templates are.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(T.contentHelp.text, valueName: T.dir.text))
    var content: String = "content"

    @Option(name: .long, help: ArgumentHelp(T.templatesHelp.text, valueName: T.dir.text))
    var templates: String = "templates"

    @Option(name: .long, help: ArgumentHelp(
        T(fr: "Forme des messages : human (par défaut), json ou github (annotations GitHub Actions).",
          en: "How to print diagnostics: human (default), json or github (Actions annotations).").text,
        valueName: "format"))
    var format: DiagnosticFormat = .human

    @Option(name: .long, help: ArgumentHelp(T.nowHelp.text, valueName: T.date.text))
    var now: String?

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp(
        T(fr: "Le dossier où openmap garde l’enregistrement de la construction (par défaut : .openmap/ à côté du dossier de contenu).",
          en: "Where the build record is kept (default: .openmap/ beside the content folder).").text, valueName: T.dir.text))
    var cacheDirectory: String?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if let now, LocalDate(iso: now) == nil {
            throw ValidationError(T.nowInvalid(now).text)
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
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: T(fr: "Vérifie le contenu et signale chaque problème, sans rien écrire.",
                        en: "Check the content and report every problem, without writing anything.").text,
            discussion: T(fr: "Sort avec le code 1 s'il y a au moins une erreur ; des avertissements seuls sortent avec 0.",
                          en: "Exits with status 1 when there is at least one error; warnings alone exit 0.").text)
    }

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
            let files = report.textFilesRead ?? 0, pages = report.pages ?? 0, seconds = Reporter.seconds(report.totalSeconds)
            print(T(fr: "Aucun problème dans \(folder)/ : \(files) fichiers et \(pages) pages vérifiés en \(seconds) (\(report.phaseSummary))",
                    en: "No problems in \(folder)/: \(files) files and \(pages) pages checked in \(seconds) (\(report.phaseSummary))").text)
        }
    }
}

struct Build: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: T(fr: "Vérifie le contenu, puis produit le site dans le dossier de sortie.",
                        en: "Check the content, then render it into the output folder.").text,
            discussion: T(fr: """
                Rien n'est écrit s'il y a une erreur. Le site est écrit dans un dossier temporaire à côté \
                du dossier de sortie, puis mis à sa place à la fin : une construction qui échoue laisse le \
                site précédent tel qu'il était.
                """, en: """
                Nothing is written when there is an error. The site is written into a temporary folder \
                beside the output folder and swapped in at the end, so a failed build leaves the previous \
                site as it was.
                """).text)
    }

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp(T(fr: "Le dossier de sortie.", en: "The output folder.").text, valueName: T.dir.text))
    var output: String = "site"

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        T(fr: "L’adresse du site, à la place de base_url dans site.yaml.",
          en: "The site's absolute URL, overriding base_url in site.yaml.").text, valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: ArgumentHelp(T(fr: "Ignore l’enregistrement de la construction précédente : refait et réécrit chaque fichier (par défaut, seul ce qui a changé l’est).",
                                             en: "Ignore the build record: make and write every file again (by default only what changed is).").text))
    var clean = false

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError(T(fr: "--base-url attend une adresse http(s) complète, par exemple https://www.openmap-numeriques.fr",
                                    en: "--base-url must be an absolute http(s) URL, e.g. https://www.openmap-numeriques.fr").text)
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
            let folder = Reporter.folder(output), seconds = Reporter.seconds(report.totalSeconds)
            var detail = reused > 0 ? T(fr: " (\(reused) inchangés", en: " (\(reused) unchanged").text : ""
            if reused > 0, let pages = report.pages, let rendered = report.pagesRendered {
                detail += T(fr: " ; \(rendered) pages sur \(pages) refaites", en: "; \(rendered) of \(pages) pages rendered").text
            }
            if reused > 0 { detail += ")" }
            print(T(fr: "\(written) fichiers écrits\(detail) dans \(folder) en \(seconds) (\(report.phaseSummary))",
                    en: "Built \(written) files\(detail) into \(folder) in \(seconds) (\(report.phaseSummary))").text)
        }
    }
}
