// What accessibility asks of the content (RGAA 4.1), and the audit grid the accessibility
// statement is made from.

extension Message {
    // MARK: Markdown texts

    public static func headingSkip(_ heading: String, from previous: Int, to level: Int) -> Message {
        let written = String(repeating: "#", count: previous + 1)
        return Message("heading-skip",
                       fr: "le titre « \(heading) » passe du niveau \(previous) au niveau \(level) : un niveau est sauté",
                       en: "the heading “\(heading)” goes from level \(previous) to level \(level), skipping a level",
                       hint: LocalizedText(fr: "écrivez \(written) \(heading) : les intertitres descendent d’un niveau à la fois (le site le publie déjà ainsi)",
                                           en: "write \(written) \(heading): headings go down one level at a time (the site already publishes it so)"))
    }

    public static func imageWithoutAlt(_ destination: String) -> Message {
        Message("image-without-alt",
                fr: "l’image « \(destination) » n’a pas de texte de remplacement : un lecteur d’écran n’en dit rien",
                en: "the image “\(destination)” has no text alternative: a screen reader says nothing of it",
                hint: LocalizedText(fr: "décrivez ce qu’elle montre entre les crochets : ![Carte des lignes de bus](\(destination)) (RGAA, critère 1.1) ; la déclaration d’accessibilité la signale en attendant",
                                    en: "describe what it shows between the brackets: ![Bus lines map](\(destination)) (RGAA criterion 1.1); the accessibility statement lists it meanwhile"))
    }

    public static func tableWithoutTitle() -> Message {
        Message("table-without-title",
                fr: "ce tableau n’a pas de titre",
                en: "this table has no title",
                hint: LocalizedText(fr: "faites-le précéder d’un intertitre (## Calendrier) : il donne son nom au tableau pour les lecteurs d’écran",
                                    en: "put a heading before it (## Calendrier): it names the table for screen readers"))
    }

    /// « ci-dessus » in a text whose place in the page the editor does not see.
    public static func positionalReference(_ words: String, neighbours: LocalizedText) -> Message {
        Message("positional-reference",
                fr: "« \(words) » désigne une place dans la page : \(neighbours)",
                en: "“\(words)” points at a place in the page: \(neighbours)",
                hint: LocalizedText(fr: "nommez ce que vous désignez et faites-en un lien : [le besoin « Extranet »](#extranet-fournisseurs)",
                                    en: "name what you point at and link to it: [the “Extranet” need](#extranet-fournisseurs)"))
    }

    // MARK: Videos

    public static func videoWithoutTranscript(_ owner: LocalizedText) -> Message {
        Message("video-without-transcript",
                fr: "la vidéo \(owner) n’a pas de transcription : elle est publiée, et la déclaration d’accessibilité le signale",
                en: "the video of \(owner) has no transcript: it is published, and the accessibility statement says so",
                hint: LocalizedText(fr: "à la fin du texte, ajoutez un intertitre ## Transcription suivi de ce que dit la vidéo (RGAA, critère 4.1)",
                                    en: "at the end of the text, add a ## Transcription heading followed by what the video says (RGAA criterion 4.1)"))
    }

    public static func videoWithoutCaptions(_ owner: LocalizedText, suggested: String) -> Message {
        Message("video-without-captions",
                fr: "la vidéo \(owner) n’a pas de sous-titres : elle est publiée, et la déclaration d’accessibilité le signale",
                en: "the video of \(owner) has no captions: it is published, and the accessibility statement says so",
                hint: LocalizedText(fr: "ajoutez sous video: la ligne captions: \(suggested), un fichier de sous-titres WebVTT (RGAA, critère 4.3)",
                                    en: "add the line captions: \(suggested) under video:, a WebVTT captions file (RGAA criterion 4.3)"))
    }

    // MARK: The audit grid

    public static func unknownCriterion(_ number: String) -> Message {
        Message("unknown-criterion",
                fr: "« \(number) » n’est pas un critère du RGAA 4.1",
                en: "“\(number)” is not a criterion of RGAA 4.1",
                hint: LocalizedText(fr: "les critères vont de 1.1 à 13.12 : thème, point, numéro (1.1 à 1.9, 2.1, 2.2, 3.1 à 3.3, 4.1 à 4.13…)",
                                    en: "criteria go from 1.1 to 13.12: theme, dot, number (1.1 to 1.9, 2.1, 2.2, 3.1 to 3.3, 4.1 to 4.13…)"))
    }

    public static func criteriaNotTested(_ count: Int, first: [String]) -> Message {
        let list = first.joined(separator: ", ") + (count > first.count ? "…" : "")
        return Message("criteria-not-tested",
                       fr: "\(count) critère\(count > 1 ? "s" : "") du RGAA 4.1 manque\(count > 1 ? "nt" : "") à la grille (\(list)) : le taux de conformité les compte comme non conformes",
                       en: "\(count) RGAA 4.1 criteri\(count > 1 ? "a are" : "on is") missing from the grid (\(list)): the compliance rate counts them as failed",
                       hint: LocalizedText(fr: "testez-les et ajoutez-les sous criteria:, avec conforme, non-conforme ou non-applicable",
                                           en: "test them and add them under criteria:, as conforme, non-conforme or non-applicable"))
    }

    public static func criterionWithoutNote(_ number: String) -> Message {
        Message("criterion-without-note",
                fr: "le critère \(number) est non conforme sans note : la déclaration doit dire quel contenu n’est pas accessible, et pourquoi",
                en: "criterion \(number) fails without a note: the statement must say which content is not accessible, and why",
                hint: LocalizedText(fr: "écrivez \(number): {status: non-conforme, note: \"…\"}",
                                    en: "write \(number): {status: non-conforme, note: \"…\"}"))
    }

    public static func accessibilityStatusIgnored(_ gridFile: String) -> Message {
        Message("accessibility-status-ignored",
                fr: "l’état de conformité vient de la grille d’audit \(gridFile) : ce champ n’est pas lu",
                en: "the compliance status comes from the audit grid \(gridFile): this field is not read",
                hint: LocalizedText(fr: "retirez accessibility: de site.yaml", en: "remove accessibility: from site.yaml"))
    }

    public static func statementPageConflict(_ gridFile: String) -> Message {
        Message("page-path-conflict",
                fr: "cette page serait publiée à /accessibilite/, où le site publie la déclaration d’accessibilité faite de \(gridFile)",
                en: "this page would be published at /accessibilite/, where the site publishes the accessibility statement made from \(gridFile)",
                hint: LocalizedText(fr: "retirez ce fichier : la déclaration est faite de la grille d’audit et des tests",
                                    en: "remove this file: the statement is made from the audit grid and the tests"))
    }
}
