import ArgumentParser
import Diagnostics
import Foundation

/// `--lang fr|en`, accepted by every command. The language is read from the arguments before
/// they are parsed (`Language.resolve`), so that `--help` and parsing errors speak it too; this
/// option only makes `--lang` known and documented.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(T.langHelp.text, valueName: T.langValue.text))
    var lang: Language?
}

extension Language: ExpressibleByArgument {
    public init?(argument: String) { self.init(code: argument) }
    public static var allValueStrings: [String] { ["fr", "en"] }
}

/// A text of the command line in both languages; `text` is the one of this run.
struct T {
    let localized: LocalizedText
    init(fr: French, en: English) { localized = LocalizedText(fr: fr, en: en) }
    var text: String { localized[Language.current] }

    static let langHelp = T(fr: "Langue des messages : fr (par défaut) ou en. Sans cette option, LANG=en… donne l'anglais.",
                            en: "Language of the messages: fr (default) or en. Without it, LANG=en… gives English.")
    static let langValue = T(fr: "langue", en: "lang")
    static let dir = T(fr: "dossier", en: "dir")
    static let date = T(fr: "date", en: "date")
    static let contentHelp = T(fr: "Le dossier du contenu.", en: "The content folder.")
    static let templatesHelp = T(fr: "Le dossier des gabarits (gabarits Mustache et fichiers statiques).",
                                 en: "The templates folder (Mustache templates and static files).")
    static let nowHelp = T(fr: "La date du jour pour cette construction, AAAA-MM-JJ (par défaut : aujourd'hui à Paris). Ce qui est publié après n'apparaît pas.",
                           en: "The build's today, YYYY-MM-DD (default: today in Europe/Paris). Items published after it are held back.")
    static func nowInvalid(_ value: String) -> T {
        T(fr: "--now attend une date AAAA-MM-JJ, pas « \(value) »", en: "--now expects a date YYYY-MM-DD, found “\(value)”")
    }
}

/// ArgumentParser writes its own words (USAGE, OPTIONS, « Missing expected argument »…) in
/// English: in French, they are replaced here, line by line, before they are printed.
enum ParserWords {
    static func translate(_ text: String, to language: Language) -> String {
        guard language == .fr else { return text }
        var out = text
        let fixed: [(String, String)] = [
            ("OVERVIEW: ", "RÉSUMÉ\u{A0}: "),
            ("USAGE: ", "UTILISATION\u{A0}: "),
            ("ARGUMENTS:\n", "ARGUMENTS\u{A0}:\n"),
            ("OPTIONS:\n", "OPTIONS\u{A0}:\n"),
            ("SUBCOMMANDS:\n", "SOUS-COMMANDES\u{A0}:\n"),
            ("Show help information.", "Affiche cette aide."),
            ("Show the version.", "Affiche la version."),
            ("See 'openmap help <subcommand>' for detailed help.", "« openmap help <sous-commande> » détaille chaque commande."),
            ("Error: ", "Erreur\u{A0}: "),
            ("Help: ", "Aide\u{A0}: "),
            ("Usage: ", "Utilisation\u{A0}: "),
            ("Missing required subcommand.", "Une sous-commande est attendue."),
            (". Please provide one of the following:", ". Valeurs possibles\u{A0}:"),
            (" (default: ", " (par défaut\u{A0}: "),
            (" (values: ", " (valeurs\u{A0}: "),
            ("Missing one of: ", "Il manque l'un de\u{A0}: "),
        ]
        for (english, french) in fixed { out = out.replacingOccurrences(of: english, with: french) }
        let patterns: [(String, String)] = [
            (#"See '([^']+)' for more information\."#, "« $1 » donne l'aide de cette commande."),
            (#"Missing expected argument '([^']+)'"#, "il manque l'argument $1"),
            (#"Unknown option '([^']+)'\. Did you mean '([^']+)'\?"#, "option inconnue « $1 ». Voulez-vous dire « $2 »\u{202F}?"),
            (#"Unknown option '([^']+)'"#, "option inconnue « $1 »"),
            (#"Missing value for '([^']+)'"#, "il manque la valeur de $1"),
            (#"Unexpected argument '([^']+)'"#, "argument inattendu « $1 »"),
            (#"The value '([^']*)' is invalid for '([^']+)'"#, "la valeur « $1 » n'est pas valable pour $2"),
            (#"The option '([^']+)' does not take any value, but '([^']*)' was specified\."#, "l'option $1 ne prend pas de valeur («\u{202F}$2\u{202F}» donné)."),
            (#"Invalid option: (\S+)"#, "option invalide\u{A0}: $1"),
            // « (values: a, b; default: a) », the line possibly wrapped before « default ».
            (#";(\s+)default: "#, "\u{202F};$1par défaut\u{A0}: "),
        ]
        for (pattern, template) in patterns {
            out = out.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        // « x » written with plain spaces by the patterns above: French narrow no-break spaces.
        return French.typography(out)
    }
}
