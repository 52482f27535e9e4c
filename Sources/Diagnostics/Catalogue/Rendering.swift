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

    // A template's syntax errors: one code, a message per problem, located at the tag.

    private static func templateSyntax(fr: French, en: English, hint: LocalizedText) -> Message {
        Message("template-syntax", fr: "erreur de syntaxe Mustache : \(fr)", en: "Mustache syntax error: \(en)", hint: hint)
    }

    public static func templateUnclosedTag(open: String, close: String) -> Message {
        templateSyntax(fr: "la balise ouverte par « \(open) » ne se ferme pas par « \(close) »",
                       en: "the tag opened by “\(open)” is not closed by “\(close)”",
                       hint: LocalizedText(fr: "une balise s'écrit \(open)nom\(close), \(open)#section\(close), \(open)/section\(close) ou \(open)> partiel\(close)",
                                           en: "a tag is written \(open)name\(close), \(open)#section\(close), \(open)/section\(close) or \(open)> partial\(close)"))
    }

    public static func templateInvalidName(_ tag: String) -> Message {
        templateSyntax(fr: "« \(tag) » n'est pas une balise valable",
                       en: "“\(tag)” is not a valid tag",
                       hint: LocalizedText(fr: "un nom s'écrit en lettres sans accents, chiffres et « . - _ ? », sans espace : {{titre}}, {{#besoins}}, {{^empty(liste)}}",
                                           en: "a name is made of unaccented letters, digits and “. - _ ?”, without spaces: {{title}}, {{#needs}}, {{^empty(list)}}"))
    }

    public static func templateUnclosedSection(_ name: String) -> Message {
        templateSyntax(fr: "la section « \(name) » n'est pas fermée",
                       en: "the section “\(name)” is not closed",
                       hint: LocalizedText(fr: "chaque {{#\(name)}} (ou {{^\(name)}}) se ferme par {{/\(name)}}",
                                           en: "every {{#\(name)}} (or {{^\(name)}}) is closed by {{/\(name)}}"))
    }

    public static func templateUnexpectedClose(_ name: String) -> Message {
        templateSyntax(fr: "{{/\(name)}} ferme une section qui n'est pas ouverte",
                       en: "{{/\(name)}} closes a section that is not open",
                       hint: LocalizedText(fr: "ouvrez-la plus haut par {{#\(name)}} ou {{^\(name)}}, ou retirez cette balise",
                                           en: "open it above with {{#\(name)}} or {{^\(name)}}, or remove this tag"))
    }

    public static func templateMismatchedClose(found: String, open: String, openLine: Int) -> Message {
        templateSyntax(fr: "{{/\(found)}} arrive avant la fin de la section « \(open) » ouverte ligne \(openLine)",
                       en: "{{/\(found)}} comes before the end of the section “\(open)” opened on line \(openLine)",
                       hint: LocalizedText(fr: "les sections s'emboîtent : fermez d'abord {{/\(open)}}",
                                           en: "sections nest: close {{/\(open)}} first"))
    }

    public static func templateUnclosedComment(close: String) -> Message {
        templateSyntax(fr: "le commentaire ne se ferme pas par « \(close) »",
                       en: "the comment is not closed by “\(close)”",
                       hint: LocalizedText(fr: "un commentaire s'écrit {{! texte }}", en: "a comment is written {{! text }}"))
    }

    public static func templateInvalidDelimiters() -> Message {
        templateSyntax(fr: "le changement de délimiteurs est mal écrit",
                       en: "the change of delimiters is badly written",
                       hint: LocalizedText(fr: "il s'écrit {{=<% %>=}} : les deux nouveaux délimiteurs séparés par une espace, entre deux signes =",
                                           en: "it is written {{=<% %>=}}: the two new delimiters separated by a space, between two = signs"))
    }

    public static func templateUnknownSetting(_ setting: String) -> Message {
        templateSyntax(fr: "le réglage « \(setting) » n'existe pas",
                       en: "there is no setting “\(setting)”",
                       hint: LocalizedText(fr: "seuls {{% CONTENT_TYPE: HTML }} et {{% CONTENT_TYPE: TEXT }} existent",
                                           en: "only {{% CONTENT_TYPE: HTML }} and {{% CONTENT_TYPE: TEXT }} exist"))
    }

    public static func templateUnknownFunction(_ name: String, known: [String], suggestion: String?) -> Message {
        let list = known.map { "\($0)()" }.joined(separator: ", ")
        return templateSyntax(fr: "la fonction « \(name)() » n'existe pas",
                              en: "there is no function “\(name)()”",
                              hint: suggestion.map { LocalizedText(fr: "voulez-vous dire « \($0)() » ?", en: "did you mean “\($0)()”?") }
                                ?? LocalizedText(fr: "les fonctions sont \(list) ; {{#empty(liste)}} s'applique à une valeur, {{#first()}} à la place dans la liste parcourue",
                                                 en: "the functions are \(list); {{#empty(list)}} applies to a value, {{#first()}} to the position in the list gone through"))
    }

    public static func templateFunctionOnBlock(_ tag: String) -> Message {
        templateSyntax(fr: "un bloc ne prend pas de fonction : {{$\(tag)}}",
                       en: "a block takes no function: {{$\(tag)}}",
                       hint: LocalizedText(fr: "un bloc s'écrit {{$nom}}…{{/nom}}", en: "a block is written {{$name}}…{{/name}}"))
    }

    public static func templateTagInsideParent(_ parent: String) -> Message {
        templateSyntax(fr: "seuls des blocs {{$nom}}…{{/nom}} peuvent se trouver entre {{<\(parent)}} et {{/\(parent)}}",
                       en: "only blocks {{$name}}…{{/name}} may be between {{<\(parent)}} and {{/\(parent)}}",
                       hint: LocalizedText(fr: "mettez les autres balises dans un bloc, ou dans le gabarit « \(parent) »",
                                           en: "put other tags inside a block, or in the template “\(parent)”"))
    }

    public static func templateNestingTooDeep(limit: Int) -> Message {
        templateSyntax(fr: "plus de \(limit) sections, blocs ou parents sont ouverts les uns dans les autres",
                       en: "more than \(limit) sections, blocks or parents are open one inside the other",
                       hint: LocalizedText(fr: "une section ouverte ici n'est sans doute jamais fermée ; sinon, mettez une partie dans un partiel",
                                           en: "a section opened here is probably never closed; otherwise, move a part into a partial"))
    }

    public static func templatePartialCycle(_ names: [String]) -> Message {
        let cycle = names.joined(separator: " → ")
        return templateSyntax(fr: "ces partiels s'insèrent les uns les autres sans fin : \(cycle)",
                              en: "these partials insert one another without end: \(cycle)",
                              hint: LocalizedText(fr: "un partiel ne peut s'insérer lui-même que dans une section, qui s'arrête avec les valeurs",
                                                  en: "a partial may insert itself only inside a section, which ends with the values"))
    }

    public static func templateUnknownPartial(_ name: String, suggestion: String?) -> Message {
        templateSyntax(fr: "le partiel « \(name) » n'existe pas",
                       en: "there is no partial “\(name)”",
                       hint: suggestion.map { LocalizedText(fr: "voulez-vous dire « \($0) » ?", en: "did you mean “\($0)”?") }
                        ?? LocalizedText(fr: "{{> \(name)}} insère le fichier \(name).mustache du dossier des gabarits",
                                         en: "{{> \(name)}} inserts the file \(name).mustache of the templates folder"))
    }

    public static func missingTemplate(_ name: String) -> Message {
        Message("missing-template",
                fr: "le gabarit « \(name).mustache » manque",
                en: "the template “\(name).mustache” is missing")
    }
}
