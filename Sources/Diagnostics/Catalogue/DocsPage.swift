extension Catalogue {
    /// docs/diagnostics.md: the page editors read when a message puzzles them, made from the
    /// catalogue (a test checks that the committed page is this text).
    public static func diagnosticsPage() -> String {
        var page = """
        # Les diagnostics

        <!-- Page produite à partir du catalogue des messages (Sources/Diagnostics/Catalogue) : ne pas
        la modifier à la main. Après un changement du catalogue :
        OPENMAP_UPDATE_DOCS=1 swift test --filter CatalogueTests -->

        `openmap check`, `openmap build` et `openmap serve` signalent chaque problème avec son fichier,
        sa ligne et sa colonne, un **code stable** entre crochets, un message, la ligne fautive et une
        piste de correction :

        ```text
        content/roadmaps/2015/plaine-commune.md:14:12: erreur[unknown-theme]: thème inconnu « mobilte »
           14 |     theme: mobilte
              |            ^^^^^^^
              = conseil : voulez-vous dire « mobilite » ? Les thèmes sont listés dans content/themes.yaml
        1 erreur dans 1 fichier
        ```

        - Une **erreur** bloque la publication : `openmap check` et `openmap build` sortent avec le
          code 1 et rien n’est écrit.
        - Un **avertissement** ne bloque rien, mais mérite d’être lu.
        - Les messages sont en français ; `--lang en` (ou une variable `LANG` anglaise, par exemple
          `LANG=en_GB.UTF-8`) les donne en anglais. Les codes ne changent ni d’une langue à l’autre,
          ni d’une version à l’autre : on peut les chercher dans cette page, les filtrer dans un
          script (`--format json`) ou dans les annotations de la CI (`--format github`).
        - Une erreur de YAML est signalée là où il faut corriger (le guillemet ouvert, la tabulation,
          le champ mal aligné), pas là où la lecture s’est arrêtée ; une erreur n’en entraîne pas d’autres.

        ## Formats de sortie

        | option | sortie | usage |
        |---|---|---|
        | `--format human` (par défaut) | texte sur la sortie d’erreur ; en couleur seulement dans un terminal (jamais dans un fichier ou un tube, ni si `NO_COLOR` est défini) | au poste de travail |
        | `--format json` | un tableau JSON sur la sortie standard : `[{"severity", "file", "line", "column", "code", "message", "hint"}]` (`severity` vaut `error` ou `warning` ; `line` et `column` valent 0 quand le problème porte sur tout le fichier) | outils, scripts |
        | `--format github` | une ligne `::error file=…,line=…,col=…,title=code::message` par problème | GitHub Actions : les problèmes s’affichent sur les lignes du fichier dans la demande de fusion |

        ## Les codes

        Pour chaque code : ce qu’un rédacteur a écrit pour l’obtenir, le message et la piste de
        correction affichés (les valeurs entre « » sont celles de l’exemple).

        """
        for section in Section.allCases {
            let rows = entries.filter { $0.section == section }
            guard !rows.isEmpty else { continue }
            page += "\n### \(section.rawValue)\n\n| code | exemple | message | conseil |\n|---|---|---|---|\n"
            for row in rows {
                let code = "`\(row.message.code)`" + (row.severity == .warning ? " (avertissement)" : "")
                page += "| \(code) | \(cell(row.example, code: true)) | \(cell(row.message.text.fr)) | \(cell(row.message.hint?.fr ?? "")) |\n"
            }
        }
        page += """

        ## Messages que le catalogue ne contient pas encore

        Les problèmes d’écriture du site (`unsafe-output`, `write-failed`) et les liens produits par les
        gabarits (`broken-template-link`) sont encore signalés en anglais :

        | code | signification | que faire |
        |---|---|---|
        | `broken-template-link` | un lien produit par un gabarit (`templates/`) mène à une page ou une ancre absente | corriger le gabarit de la page indiquée |
        | `unsafe-output` | `openmap build` refuse le dossier de sortie : racine, dossier de contenu ou de gabarits, ou dossier non vide qu’il n’a pas écrit | choisir un dossier dédié, par exemple `--output site` |
        | `write-failed` | l’écriture a échoué (disque plein, droits) | le site précédent est intact ; corriger puis relancer |

        """
        return page
    }

    /// A table cell: pipes escaped, line breaks shown as ⏎, examples in code; in a text cell,
    /// what Markdown would read as a link, HTML or emphasis (`[texte](adresse)`, `<div>`, `*nom`) is
    /// escaped, to be shown as written.
    static func cell(_ text: String, code: Bool = false) -> String {
        guard !text.isEmpty else { return "" }
        var flat = text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ⏎ ")
        guard code else {
            for character in ["[", "]", "<", ">", "*", "`"] { flat = flat.replacingAll(character, with: "\\" + character) }
            return flat
        }
        let fence = flat.contains("`") ? "`` " : "`"
        return fence + flat + (fence == "`" ? "`" : " ``")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
