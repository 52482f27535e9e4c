import ArgumentParser
import Diagnostics
import Foundation

@main
struct OpenMap: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "openmap",
            abstract: T(fr: "Construit le site OpenMap Numériques à partir de son contenu Markdown et YAML.",
                        en: "Build the OpenMap Numériques site from its Markdown and YAML content.").text,
            discussion: T(fr: """
                Le contenu (feuilles de route, Matinales, acheteurs, prestataires, pitchs, témoignages, \
                pages) est lu dans un dossier, vérifié, puis mis en pages par des gabarits Mustache en un \
                site statique. Les messages sont en français ; --lang en (ou LANG=en…) les donne en anglais.

                Usage courant :
                  openmap check              signale chaque problème de content/
                  openmap build              vérifie, puis produit le site de content/ dans site/
                  openmap serve              aperçu sur http://127.0.0.1:8080, reconstruit à chaque enregistrement
                  openmap schedule SLUG      calcule le planning des rendez-vous d'une Matinale
                  openmap new roadmap SLUG   commence un fichier à partir d'un modèle commenté
                  openmap schemas            écrit les schémas JSON dans schemas/
                """, en: """
                Content (roadmaps, Matinales, buyers, suppliers, pitches, testimonials, pages) is read \
                from a content folder, checked, and rendered through Mustache templates into a static site. \
                Messages are in French; --lang en (or LANG=en…) gives them in English.

                Typical use:
                  openmap check              report every problem in content/
                  openmap build              check, then render content/ into site/
                  openmap serve              preview at http://127.0.0.1:8080, rebuilt on save
                  openmap schedule SLUG      compute the meeting timetable of a Matinale
                  openmap new roadmap SLUG   start a content file from a commented template
                  openmap schemas            write the JSON Schemas into schemas/
                """).text,
            subcommands: [Check.self, Build.self, Schedule.self, Serve.self, New.self, Schemas.self],
            defaultSubcommand: nil
        )
    }

    @OptionGroup var language: LanguageOption

    /// The language is chosen before anything is parsed, so that help and parsing errors speak
    /// it; ArgumentParser's own English words are translated on the way out.
    static func main() async {
        Language.current = Language.resolve(arguments: Array(CommandLine.arguments.dropFirst()),
                                            environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let text = ParserWords.translate(fullMessage(for: error), to: Language.current)
            let code = exitCode(for: error)
            if !text.isEmpty {
                let handle = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                handle.write(Data((text + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
