// Markdown texts, their links, and the templates.

extension Message {
    public static func linkToUnpublishedPath(_ destination: String) -> Message {
        Message("broken-link",
                fr: "le lien « \(destination) » mène à une page que le site ne publie pas",
                en: "the link “\(destination)” points to a page the site does not publish",
                hint: LocalizedText(fr: "une adresse du site ressemble à /feuilles-de-route/2015/plaine-commune/ ; ou faites le lien vers le fichier .md",
                                    en: "site paths look like /feuilles-de-route/2015/plaine-commune/; or link to the .md file"))
    }

    public static func linkOutsideContent(_ destination: String) -> Message {
        Message("broken-link",
                fr: "le lien « \(destination) » sort du dossier de contenu",
                en: "the link “\(destination)” goes outside content/",
                hint: LocalizedText(fr: "un lien relatif nomme un fichier de content/ : ../2015/plaine-commune.md",
                                    en: "relative links name a content file: ../2015/plaine-commune.md"))
    }

    public static func linkToDraft(_ destination: String) -> Message {
        Message("broken-link",
                fr: "le lien « \(destination) » mène à un brouillon, qui n'est pas publié",
                en: "the link “\(destination)” points to a draft, which is not published",
                hint: LocalizedText(fr: "publiez la cible (retirez draft: true) ou retirez le lien",
                                    en: "publish the target (remove draft: true) or remove the link"))
    }

    public static func linkToMissingFile(_ destination: String, resolved: String) -> Message {
        Message("broken-link",
                fr: "le lien « \(destination) » mène à content/\(resolved), qui n'existe pas",
                en: "the link “\(destination)” points to content/\(resolved), which does not exist",
                hint: LocalizedText(fr: "un lien relatif nomme un fichier de content/ : ../2015/plaine-commune.md",
                                    en: "relative links name a content file, e.g. ../2015/plaine-commune.md"))
    }

    public static func externalImage(_ destination: String) -> Message {
        Message("external-image",
                fr: "l'image « \(destination) » est sur un autre site : elle serait chargée de là-bas pour chaque visiteur",
                en: "the image “\(destination)” is on another site; it would load from there for every visitor",
                hint: LocalizedText(fr: "copiez l'image sous content/assets/ et faites le lien vers elle",
                                    en: "copy the image under content/assets/ and link to it"))
    }

    public static func rawHTML(_ excerpt: String) -> Message {
        Message("raw-html",
                fr: "le HTML brut n'est pas permis et a été retiré : \(excerpt)",
                en: "raw HTML is not allowed and was left out: \(excerpt)",
                hint: LocalizedText(fr: "écrivez en Markdown (titres #, listes -, liens [texte](adresse))",
                                    en: "write Markdown (# headings, - lists, [text](address) links)"))
    }

    public static func imageWithoutText(_ excerpt: String) -> Message {
        Message("image-without-text",
                fr: "l'image « \(excerpt) » n'a pas de texte : un lecteur d'écran ne peut pas dire ce qu'elle montre",
                en: "the image “\(excerpt)” has no text: a screen reader cannot tell what it shows",
                hint: LocalizedText(fr: "décrivez-la entre les crochets : ![Carte des sites de la ville](…)",
                                    en: "describe it between the brackets: ![Map of the town's sites](…)"))
    }

    public static func unsafeLink(_ excerpt: String, isImage: Bool) -> Message {
        Message("unsafe-link",
                fr: "\(isImage ? "l'adresse de l'image" : "l'adresse du lien") « \(excerpt) » est refusée",
                en: "\(isImage ? "image" : "link") destination “\(excerpt)” is refused",
                hint: LocalizedText(fr: "seuls les liens http, https, mailto et tel, les chemins relatifs et les #ancres sont permis",
                                    en: "only http, https, mailto and tel links, relative paths and #anchors are allowed"))
    }

    public static func brokenAnchor(_ anchor: String, page: String) -> Message {
        Message("broken-anchor",
                fr: "l'ancre « #\(anchor) » n'existe pas sur \(page.isEmpty ? "la page d'accueil" : "/" + page)",
                en: "the anchor “#\(anchor)” does not exist on \(page.isEmpty ? "the home page" : "/" + page)",
                hint: LocalizedText(fr: "les ancres sont les titres de la page visée, en minuscules avec des tirets (## Calendrier → #calendrier), et les identifiants de ses besoins",
                                    en: "anchors are the ids of the target page's headings and needs (## Calendrier → #calendrier)"))
    }

    public static func pagePathConflict(_ slug: String) -> Message {
        Message("page-path-conflict",
                fr: "la page « \(slug) » serait publiée à /\(slug)/, une adresse que le site utilise déjà",
                en: "the page “\(slug)” would be published at /\(slug)/, a path the site already uses",
                hint: LocalizedText(fr: "renommez le fichier", en: "rename the file"))
    }

    public static func missingTemplates(_ directory: String) -> Message {
        Message("missing-templates",
                fr: "le dossier des gabarits est introuvable : \(directory)",
                en: "templates folder not found: \(directory)",
                hint: LocalizedText(fr: "lancez openmap depuis le dossier du site, ou indiquez le dossier avec --templates",
                                    en: "run openmap from the site's folder, or name the folder with --templates"))
    }

    public static func unreadableTemplate() -> Message {
        Message("unreadable-template",
                fr: "ce gabarit ne peut pas être lu",
                en: "cannot read the template")
    }

    public static func templateSyntax(_ detail: String) -> Message {
        Message("template-syntax",
                fr: "erreur de syntaxe Mustache : \(detail)",
                en: "Mustache syntax error: \(detail)",
                hint: LocalizedText(fr: "chaque {{#section}} se ferme par {{/section}}", en: "every {{#section}} is closed by {{/section}}"))
    }

    public static func missingTemplate(_ name: String) -> Message {
        Message("missing-template",
                fr: "le gabarit « \(name).mustache » manque",
                en: "the template “\(name).mustache” is missing")
    }
}
