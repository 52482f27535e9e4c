import ArgumentParser
import Diagnostics
import Foundation
import OpenMapBuild
import OpenMapContent
import OpenMapRender

struct Schedule: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
        abstract: T(fr: "Calcule le planning des rendez-vous d'une Matinale et l'affiche.",
                    en: "Compute the meeting timetable of a Matinale and print it.").text,
        discussion: T(fr: """
            Lit les tables et les réglages des rendez-vous de la Matinale, requests.csv et \
            availability.csv, puis affiche les totaux (demandes, acceptées, planifiées, la borne \
            supérieure qui prouve l'optimalité) et le planning de chaque table. Avec --json, affiche \
            un objet JSON ; tous ses champs sauf stats.seconds sont les mêmes pour les mêmes données.

            --keep prend le JSON d'un calcul précédent : les rendez-vous toujours valables gardent \
            leur créneau quand cela ne coûte aucun rendez-vous (utile après des changements tardifs).
            """, en: """
            Reads the Matinale's tables and meeting settings, requests.csv and availability.csv, \
            and prints the totals (requests, accepted, scheduled, the upper bound that proves \
            optimality) and the timetable of every table. With --json, prints one JSON object; \
            every field but stats.seconds is the same for the same input.

            --keep takes the JSON of an earlier run: meetings still valid keep their slot when \
            that costs no meeting (useful after late changes to the requests).
            """).text)
    }

    @Argument(help: ArgumentHelp(T(fr: "L'identifiant de la Matinale (le nom de son dossier sous matinales/).",
                                   en: "The Matinale's slug (its folder name under matinales/).").text,
                                 valueName: T(fr: "matinale", en: "matinale-slug").text))
    var matinale: String

    @Option(name: .long, help: ArgumentHelp(T.contentHelp.text, valueName: T.dir.text))
    var content: String = "content"

    @Flag(name: .long, help: ArgumentHelp(T(fr: "Affiche un objet JSON au lieu du texte.", en: "Print one JSON object instead of text.").text))
    var json = false

    @Option(name: .long, help: ArgumentHelp(T(fr: "Un planning précédent (le JSON d'un calcul antérieur) à garder stable.",
                                              en: "A previous timetable (the JSON of an earlier run) to keep stable.").text,
                                            valueName: T(fr: "fichier", en: "file").text))
    var keep: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let loaded = ContentLoader(contentDirectory: content).load()
        let diagnostics = (loaded.diagnostics + ContentValidator.validate(loaded.content))
        let folder = (content as NSString).appendingPathComponent("matinales/\(matinale)/")
        let relevant = diagnostics.filter { $0.file.hasPrefix(folder) && $0.severity == .error }
        if !relevant.isEmpty {
            let sources = loaded.sources
            let printer = DiagnosticPrinter { sources[$0] }
            FileHandle.standardError.write(Data((relevant.map(printer.format).joined()
                + DiagnosticPrinter.summary(relevant) + "\n").utf8))
            throw ExitCode(1)
        }
        guard let found = loaded.content.matinales.first(where: { $0.slug == matinale }) else {
            let known = loaded.content.matinales.map(\.slug).joined(separator: ", ")
            throw ValidationError(T(fr: "pas de Matinale « \(matinale) » dans \(content)/matinales/ (connues : \(known))",
                                    en: "no Matinale “\(matinale)” in \(content)/matinales/ (known: \(known))").text)
        }
        var previous: [MatinaleScheduling.PreviousMeeting] = []
        if let keep {
            do { previous = try PreviousTimetable.read(keep) } catch { throw ValidationError("--keep: \(error)") }
        }
        guard let timetable = MatinaleScheduling.timetable(for: found, keeping: previous) else {
            throw ValidationError(T(fr: "la Matinale « \(matinale) » n'a pas de réglages de rendez-vous (meetings: dans son index.md)",
                                    en: "the Matinale “\(matinale)” has no meetings settings (meetings: in its index.md)").text)
        }
        if json {
            print(TimetableJSON.encode(timetable), terminator: "")
        } else {
            print(TimetableText.format(timetable, matinale: found), terminator: "")
        }
    }
}

