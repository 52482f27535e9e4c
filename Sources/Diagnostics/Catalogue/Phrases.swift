// Words that messages put together: what a field holds, what was found instead. Each is a
// `LocalizedText`, so that a message interpolating it stays in one language.

/// Short descriptions shared by several messages.
public enum Phrase {
    public static let nothing = LocalizedText(fr: "rien", en: "nothing")
    public static let list = LocalizedText(fr: "une liste", en: "a list")
    public static let mapping = LocalizedText(fr: "un bloc de champs", en: "a block of fields")

    /// What the editor wrote, quoted: `« 50 000 € »` / `“50 000 €”`.
    public static func quoted(_ text: String) -> LocalizedText {
        LocalizedText(fr: "« \(text) »", en: "“\(text)”")
    }

    /// A quoted text that was meant as a number.
    public static func quotedText(_ text: String) -> LocalizedText {
        LocalizedText(fr: "le texte entre guillemets « \(text) »", en: "the quoted text “\(text)”")
    }

    /// `« a », « b » ou « c »` / `“a”, “b” or “c”`.
    public static func alternatives(_ values: [String]) -> LocalizedText {
        func join(_ items: [String], _ last: String) -> String {
            guard items.count > 1 else { return items.first ?? "" }
            return items.dropLast().joined(separator: ", ") + last + (items.last ?? "")
        }
        return LocalizedText(fr: French(verbatim: join(values.map { "«\u{202F}\($0)\u{202F}»" }, " ou ")),
                             en: English(verbatim: join(values.map { "“\($0)”" }, " or ")))
    }

    /// `a, b, c` as they are written in a file.
    public static func plainList(_ values: [String]) -> String {
        values.joined(separator: ", ")
    }

    // MARK: What a field holds

    public static let text = LocalizedText(fr: "un texte", en: "a text")
    public static let markdownText = LocalizedText(fr: "un texte Markdown", en: "a Markdown text")
    public static let integer = LocalizedText(fr: "un nombre entier", en: "an integer")
    public static let boolean = LocalizedText(fr: "true ou false", en: "true or false")
    public static let url = LocalizedText(fr: "une adresse web", en: "a web address")
    public static let slug = LocalizedText(fr: "un identifiant", en: "a slug")
    public static let emailAddress = LocalizedText(fr: "une adresse électronique", en: "an email address")
    public static let path = LocalizedText(fr: "un chemin", en: "a path")
    public static let assetPath = LocalizedText(fr: "un chemin sous assets/", en: "a path under assets/")
    public static let themeSlug = LocalizedText(fr: "un identifiant de thème", en: "a theme slug")
    public static let cpvCode = LocalizedText(fr: "un code CPV", en: "a CPV code")
    public static let departmentNumber = LocalizedText(fr: "un numéro de département", en: "a department number")
    public static let siretNumber = LocalizedText(fr: "un numéro SIRET", en: "a SIRET number")
    public static let sirenNumber = LocalizedText(fr: "un numéro SIREN", en: "a SIREN number")
    public static let videoIdentifier = LocalizedText(fr: "un identifiant de vidéo", en: "a video identifier")
    public static let duration = LocalizedText(fr: "une durée MM:SS", en: "a duration MM:SS")
    public static let quarterOrMonth = LocalizedText(fr: "un trimestre ou un mois", en: "a quarter or a month")
    public static let date = LocalizedText(fr: "une date AAAA-MM-JJ", en: "a date YYYY-MM-DD")
    public static let month = LocalizedText(fr: "un mois AAAA-MM", en: "a month YYYY-MM")
    public static let time = LocalizedText(fr: "une heure HH:MM", en: "a time HH:MM")
    public static let textKey = LocalizedText(fr: "un nom de champ", en: "a field name")
    public static func oneOf(_ values: [String]) -> LocalizedText {
        LocalizedText(fr: "\(alternatives(values))", en: "one of \(alternatives(values))")
    }

    // MARK: The kinds of blocks

    public static let frontMatter = LocalizedText(fr: "un en-tête", en: "front matter")
    public static let siteSettings = LocalizedText(fr: "les réglages du site", en: "the site settings")
    public static let buyer = LocalizedText(fr: "un acheteur", en: "a buyer")
    public static let supplier = LocalizedText(fr: "un prestataire", en: "a supplier")
    public static let roadmap = LocalizedText(fr: "une feuille de route", en: "a roadmap")
    public static let matinale = LocalizedText(fr: "une Matinale", en: "a Matinale")
    public static let pitch = LocalizedText(fr: "un pitch", en: "a pitch")
    public static let testimonial = LocalizedText(fr: "un témoignage", en: "a testimonial")
    public static let page = LocalizedText(fr: "une page", en: "a page")
    public static let need = LocalizedText(fr: "un besoin", en: "a need")
    public static let themes = LocalizedText(fr: "des thèmes {slug, label, description}", en: "themes {slug, label, description}")
    public static let cpvCodes = LocalizedText(fr: "des codes CPV {code, label}", en: "CPV codes {code, label}")
    public static let postalContact = LocalizedText(fr: "un nom, une adresse et un téléphone", en: "a name, address and phone")
    public static let contact = LocalizedText(fr: "un contact {name, role, email}", en: "a contact {name, role, email}")
    public static let supplierContact = LocalizedText(fr: "un contact {name, role, email, phone}", en: "a contact {name, role, email, phone}")
    public static let supplierReference = LocalizedText(fr: "une référence {title, buyer, year}", en: "a reference {title, buyer, year}")
    public static let cpvCodeOrDivision = LocalizedText(fr: "un code CPV ou une division", en: "a CPV code or division")
    public static let postcode = LocalizedText(fr: "un code postal", en: "a postcode")
    public static let navigationItem = LocalizedText(fr: "un lien du menu {title, path}", en: "a navigation item {title, path}")
    public static let accessibility = LocalizedText(fr: "la déclaration d'accessibilité", en: "the accessibility statement")
    public static let video = LocalizedText(fr: "une vidéo", en: "a video")
    public static let auditGrid = LocalizedText(fr: "une grille d’audit {audit, criteria}", en: "an audit grid {audit, criteria}")
    public static let audit = LocalizedText(fr: "l’audit {date, by, pages, environment, tools}", en: "the audit {date, by, pages, environment, tools}")
    public static let auditedPage = LocalizedText(fr: "une page de l’échantillon {title, path}", en: "a sample page {title, path}")
    public static let criterionResult = LocalizedText(fr: "un résultat {status, date, note}", en: "a result {status, date, note}")
    public static let derogation = LocalizedText(fr: "une dérogation {content, reason}", en: "an exemption {content, reason}")
    public static let automatedChecks = LocalizedText(fr: "des résultats de tests {date, tools, checks}", en: "test results {date, tools, checks}")
    public static let automatedCheck = LocalizedText(fr: "un test {id, label, criteria, pages, failures}",
                                                     en: "a check {id, label, criteria, pages, failures}")

    // MARK: Whose video, what surrounds a text

    public static let thisPitch = LocalizedText(fr: "de ce pitch", en: "this pitch")
    public static let thisTestimonial = LocalizedText(fr: "de ce témoignage", en: "this testimonial")
    public static let aboveRoadmapBody = LocalizedText(
        fr: "avant ce texte, la page ne montre que l’en-tête de la feuille de route ; ses besoins viennent après",
        en: "before this text the page shows only the roadmap’s header; its needs come after")
    public static let aroundNeedSummary = LocalizedText(
        fr: "le résumé d’un besoin est aussi lu seul (sa page, le catalogue, les flux)",
        en: "a need’s summary is also read on its own (its page, the catalogue, the feeds)")
    public static let horizon = LocalizedText(fr: "un horizon {from, to}", en: "a horizon {from, to}")
    public static let budget = LocalizedText(fr: "un budget {min, max}, un montant ou « a-definir »",
                                             en: "a budget {min, max}, an amount or “a-definir”")
    public static let venue = LocalizedText(fr: "un lieu", en: "a venue")
    public static let programmeItem = LocalizedText(fr: "une séquence du programme {time, kind, title, speakers}",
                                                    en: "a programme item {time, kind, title, speakers}")
    public static let roundTable = LocalizedText(fr: "une table ronde", en: "a round table")
    public static let speaker = LocalizedText(fr: "un intervenant {name, role, organisation, buyer}",
                                              en: "a speaker {name, role, organisation, buyer}")
    public static let table = LocalizedText(fr: "une table {number, buyer, representatives}",
                                            en: "a table {number, buyer, representatives}")
    public static let meetings = LocalizedText(fr: "les réglages des rendez-vous", en: "the meeting settings")
    public static let meetingBreak = LocalizedText(fr: "une pause {start, end}", en: "a break {start, end}")
    public static let registration = LocalizedText(fr: "les inscriptions {url, opens, closes}", en: "the registration {url, opens, closes}")
    public static let stats = LocalizedText(fr: "les chiffres {participants, requests, meetings}",
                                            en: "the figures {participants, requests, meetings}")

    // MARK: Times of a Matinale

    public static let programmeItemTime = LocalizedText(fr: "cette séquence du programme", en: "this programme item")
    public static let meetingsStart = LocalizedText(fr: "le début des rendez-vous", en: "the meetings' start")
    public static let meetingsEnd = LocalizedText(fr: "la fin des rendez-vous", en: "the meetings' end")
}
