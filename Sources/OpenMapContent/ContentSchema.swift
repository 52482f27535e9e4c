/// The fields of every kind of content file, as data: names, types, whether required, and a
/// French description. This table is what `openmap schemas` turns into JSON Schemas.
///
/// The loader reads fields with its own code (it needs positions and rich messages), so the two
/// are kept in step by two tests. `SchemaTests.fieldTableMatchesTheLoader`: for every kind and
/// every nested mapping, it loads a file built from this table plus an unknown key, and checks
/// that the loader's list of known keys (the one its `unknown-key` hint prints) is exactly this
/// table's; a field added to the loader and not here, or the reverse, fails it.
/// `SchemaAgreementTests`: good and bad files get the same verdict from the loader and from the
/// generated schemas wherever a schema can express the rule (it lists those it cannot).
public enum ContentSchema {
    public indirect enum FieldType: Sendable {
        /// Any text (the loader accepts any scalar).
        case text
        /// A Markdown text.
        case markdown
        case integer(minimum: Int?)
        case boolean
        case date, month, time
        /// An absolute URL; https only when `httpsOnly`.
        case url(httpsOnly: Bool)
        case email
        case slug
        /// The slug of another entity (`buyer`, `supplier`, `theme`, `matinale`).
        case reference(String)
        case enumeration([String])
        /// Values that may be written with or without quotes (`93` or `"93"`).
        case numericEnumeration([String])
        /// Text matching a pattern. With `numberDigits`, digits may be written without quotes: YAML
        /// reads them as a number, of at most that many digits (its leading zeros lost).
        case pattern(String, numberDigits: Int?)
        /// A path to a file under `assets/`, with one of `extensions` when there are some.
        case assetPath(extensions: [String])
        case list(FieldType)
        /// A mapping whose keys are of one type (supplier slugs) and values of another.
        case map(key: FieldType, value: FieldType)
        case object([Field])
        /// One of several shapes (a budget: a range or « a-definir »).
        case oneOf([FieldType])
        /// A constant text.
        case constant(String)
        /// An object that needs at least one of some keys (a video: `id` or `url`).
        case objectNeedingOneOf([Field], [String])
    }

    public struct Field: Sendable {
        public var name: String
        public var type: FieldType
        /// A required text may not be blank, a required list not empty; an optional field may be
        /// left empty (`website:`), as if it were absent.
        public var required: Bool
        public var description: String
        public init(_ name: String, _ type: FieldType, required: Bool = false, _ description: String) {
            self.name = name
            self.type = type
            self.required = required
            self.description = description
        }
    }

    /// One kind of content file.
    public struct Kind: Sendable {
        /// The schema's file name without `.schema.json`: `roadmap`.
        public var id: String
        public var title: String
        /// Where these files are, relative to the content folder (`roadmaps/*/*.md`).
        public var filePattern: String
        /// True for the front matter of a `.md` file.
        public var isFrontMatter: Bool
        /// `.object` for most files, `.list(.object)` for themes.yaml and cpv.yaml.
        public var root: FieldType
    }

    // MARK: Shared shapes

    static let slugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$"
    static let cpvPattern = "^[0-9]{8}(-[0-9])?$"
    /// A supplier's list: codes, or two-digit divisions.
    static let cpvOrDivisionPattern = "^(?:[0-9]{8}(?:-[0-9])?|[0-9]{2})$"
    /// What `Formats.isWebURL` accepts: http(s) in any case, a host, no space, « < », « > » or « " ».
    static func webURLPattern(httpsOnly: Bool) -> String {
        "^[hH][tT][tT][pP][sS]\(httpsOnly ? "" : "?")://[^/?#\\s<>\"][^\\s<>\"]*$"
    }

    /// A day of the calendar, 29 February of leap years included (what `Formats.date` accepts).
    static let datePattern = "^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        + "|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"

    /// `count` digits, which may be grouped by spaces (« 732 829 320 »), as the loader reads them.
    static func digitsAndSpaces(_ count: Int) -> String {
        "^[ \\u00a0]*(?:[0-9][ \\u00a0]*){\(count)}$"
    }

    static func postal(_ what: String) -> FieldType {
        .object([
            Field("name", .text, required: true, "Nom \(what)."),
            Field("address", .text, required: true, "Adresse postale complète."),
            Field("phone", .text, required: true, "Numéro de téléphone."),
        ])
    }

    static let contact: FieldType = .object([
        Field("name", .text, required: true, "Nom et prénom."),
        Field("role", .text, "Fonction."),
        Field("email", .email, "Adresse électronique."),
    ])

    static let video: FieldType = .objectNeedingOneOf([
        Field("provider", .enumeration(VideoProvider.allCases.map(\.rawValue)), required: true,
              "Hébergeur de la vidéo : youtube, dailymotion, vimeo, peertube ou file (fichier sous assets/)."),
        Field("id", .text, "Identifiant de la vidéo chez l'hébergeur (ou bien « url »)."),
        Field("url", .url(httpsOnly: false), "Adresse de la vidéo (ou bien « id »)."),
        Field("duration", .pattern("^[0-9]{1,3}:[0-5][0-9]$", numberDigits: nil), "Durée MM:SS, par exemple « 04:30 »."),
        Field("captions", .assetPath(extensions: ContentValidator.captionsExtensions),
              "Sous-titres WebVTT sous assets/, par exemple « assets/captions/pitch.vtt »."),
        Field("poster", .assetPath(extensions: ContentValidator.posterExtensions), "Image affichée avant la lecture, sous assets/."),
    ], ["id", "url"])

    static let draft = Field("draft", .boolean, "true : le contenu est vérifié mais pas publié (visible dans openmap serve, marqué « Brouillon »).")

    // MARK: The kinds

    public static let kinds: [Kind] = [
        Kind(id: "site", title: "Réglages du site (site.yaml)", filePattern: "site.yaml", isFrontMatter: false, root: .object([
            Field("title", .text, required: true, "Titre du site."),
            Field("base_url", .url(httpsOnly: true), required: true, "Adresse publique du site, en https, sans « / » final."),
            Field("language", .enumeration(["fr"]), required: true, "Langue du site : « fr »."),
            Field("description", .text, required: true, "Description du site pour les moteurs de recherche."),
            Field("organisation", postal("de l'organisme qui publie le site"), required: true, "L'éditeur du site (mentions légales)."),
            Field("publication_director", .text, required: true, "Directeur ou directrice de la publication."),
            Field("host", postal("de l'hébergeur"), required: true, "L'hébergeur du site (mentions légales)."),
            Field("contact", .object([
                Field("name", .text, required: true, "Nom et prénom."),
                Field("role", .text, "Fonction."),
                Field("email", .email, "Adresse électronique."),
                Field("phone", .text, "Numéro de téléphone."),
            ]), required: true, "Le contact du programme."),
            Field("navigation", .list(.object([
                Field("title", .text, required: true, "Libellé du lien."),
                Field("path", .pattern("^(/|" + webURLPattern(httpsOnly: false).dropFirst() + ")", numberDigits: nil), required: true,
                      "Chemin du site commençant par « / » ou adresse http(s)."),
            ])), "Menu principal, dans l'ordre."),
            Field("accessibility", .object([
                Field("status", .enumeration(AccessibilityStatus.allCases.map(\.rawValue)), required: true,
                      "Conformité RGAA : totale, partielle ou non-conforme."),
                Field("audit_date", .date, "Date de l'audit d'accessibilité."),
            ]), "État de conformité déclaré, quand le site n'a pas de grille d'audit (content/accessibilite.yaml) : avec une grille, il en est calculé."),
            Field("unsafe_html", .boolean, "true : le HTML brut des textes Markdown est publié tel quel (déconseillé)."),
        ])),
        Kind(id: "themes", title: "Thèmes (themes.yaml)", filePattern: "themes.yaml", isFrontMatter: false, root: .list(.object([
            Field("slug", .slug, required: true, "Identifiant du thème, utilisé par les besoins et les prestataires."),
            Field("label", .text, required: true, "Libellé affiché."),
            Field("description", .text, "Description du thème."),
        ]))),
        Kind(id: "cpv", title: "Codes CPV (cpv.yaml)", filePattern: "cpv.yaml", isFrontMatter: false, root: .list(.object([
            Field("code", .pattern(cpvPattern, numberDigits: 8), required: true,
                  "Code CPV : 8 chiffres, éventuellement suivis de « - » et du chiffre de contrôle (« 72000000-5 »)."),
            Field("label", .text, required: true, "Libellé français du code."),
        ]))),
        Kind(id: "buyer", title: "Acheteur public (buyers/<slug>.yaml)", filePattern: "buyers/*.yaml", isFrontMatter: false, root: .object([
            Field("name", .text, required: true, "Nom de l'acheteur."),
            Field("kind", .enumeration(BuyerKind.allCases.map(\.rawValue)), required: true, "Type d'acheteur."),
            Field("department", .numericEnumeration(Formats.departments), required: true,
                  "Département d'Île-de-France, son numéro : 75, 77, 78, 91, 92, 93, 94 ou 95."),
            Field("siret", .pattern(digitsAndSpaces(14), numberDigits: 14), "Numéro SIRET (14 chiffres, clé de Luhn vérifiée)."),
            Field("website", .url(httpsOnly: false), "Site web de l'acheteur."),
            Field("logo", .assetPath(extensions: []), "Logo, sous assets/ (par exemple « assets/logos/plaine-commune.svg »)."),
            Field("description", .markdown, "Présentation, en Markdown."),
        ])),
        Kind(id: "supplier", title: "Prestataire (suppliers/<slug>.yaml)", filePattern: "suppliers/*.yaml", isFrontMatter: false, root: .object([
            Field("name", .text, required: true, "Nom de l'entreprise."),
            Field("siren", .pattern(digitsAndSpaces(9), numberDigits: 9), "Numéro SIREN (9 chiffres, clé de Luhn vérifiée)."),
            Field("size", .enumeration(SupplierSize.allCases.map(\.rawValue)), "Taille : tpe, pme, eti ou ge."),
            Field("website", .url(httpsOnly: false), "Site web."),
            Field("city", .text, "Ville."),
            Field("postcode", .pattern("^[0-9]{5}$", numberDigits: 5), "Code postal, 5 chiffres."),
            Field("department", .numericEnumeration(Formats.frenchDepartments),
                  "Département français (01 à 95, 2A, 2B, 971 à 976) ; sans lui, celui du code postal. Un prestataire peut être hors d'Île-de-France."),
            Field("themes", .list(.reference("theme")), "Thèmes de l'entreprise (identifiants de themes.yaml)."),
            Field("cpv", .list(.pattern(cpvOrDivisionPattern, numberDigits: 8)),
                  "Codes CPV (« 72000000-5 ») ou divisions sur 2 chiffres (« 72 ») dans lesquels l'entreprise travaille."),
            Field("contact", .object([
                Field("name", .text, required: true, "Nom et prénom."),
                Field("role", .text, "Fonction."),
                Field("email", .email, "Adresse électronique."),
                Field("phone", .text, "Numéro de téléphone."),
            ]), "Contact publié sur la page du prestataire (seulement s'il est donné)."),
            Field("references", .list(.object([
                Field("title", .text, required: true, "Intitulé de la prestation."),
                Field("buyer", .reference("buyer"), "Acheteur du site pour qui elle a été faite (identifiant), s'il y en a un."),
                Field("year", .pattern("^[0-9]{4}$", numberDigits: 4), "Année, sur 4 chiffres."),
            ])), "Références : prestations réalisées pour des acheteurs publics."),
            Field("description", .markdown, "Présentation, en Markdown."),
        ])),
        Kind(id: "roadmap", title: "Feuille de route (roadmaps/<année>/<acheteur>.md)", filePattern: "roadmaps/*/*.md",
             isFrontMatter: true, root: .object([
            Field("title", .text, required: true, "Titre de la feuille de route."),
            Field("published", .date, required: true,
                  "Date de publication ; son année est celle du dossier. Dans le futur : publiée ce jour-là."),
            Field("updated", .date, "Date de dernière mise à jour, pas avant « published »."),
            Field("horizon", .object([
                Field("from", .month, required: true, "Premier mois couvert, AAAA-MM."),
                Field("to", .month, required: true, "Dernier mois couvert, AAAA-MM (24 mois au plus ; le programme en demande 12 à 18)."),
            ]), required: true, "Période couverte."),
            Field("contact", contact, "Contact pour les prestataires."),
            Field("needs", .list(.object([
                Field("id", .slug, required: true, "Identifiant du besoin, unique dans la feuille de route."),
                Field("title", .text, required: true, "Intitulé du besoin."),
                Field("theme", .reference("theme"), required: true, "Thème (identifiant de themes.yaml)."),
                Field("cpv", .list(.pattern(cpvPattern, numberDigits: 8)), "Codes CPV (de préférence ceux de cpv.yaml)."),
                Field("summary", .markdown, required: true, "Description du besoin, en Markdown."),
                Field("budget", .oneOf([
                    .object([
                        Field("min", .integer(minimum: 0), required: true, "Budget minimum, en euros HT."),
                        Field("max", .integer(minimum: 0), required: true, "Budget maximum, en euros HT."),
                    ]),
                    .integer(minimum: 0),
                    .constant("a-definir"),
                ]), "Budget en euros HT, en chiffres : un montant estimé (50000), une fourchette {min, max}, ou « a-definir »."),
                Field("launch", .pattern("^[0-9]{4}-(T[1-4]|0[1-9]|1[0-2])$", numberDigits: nil), required: true,
                      "Lancement prévu de la consultation : trimestre AAAA-T1…T4 ou mois AAAA-MM, dans l'horizon."),
                Field("procedure", .enumeration(Procedure.allCases.map(\.rawValue)), "Procédure envisagée."),
                Field("status", .enumeration(NeedStatus.allCases.map(\.rawValue)), "Avancement (par défaut : envisage)."),
                Field("tender_url", .url(httpsOnly: false), "Adresse de la consultation, attendue dès que le statut est « publie »."),
            ])), required: true, "Les besoins, au moins un."),
            draft,
        ])),
        Kind(id: "matinale", title: "Matinale (matinales/<slug>/index.md)", filePattern: "matinales/*/index.md",
             isFrontMatter: true, root: .object([
            Field("number", .integer(minimum: 1), required: true, "Numéro de la Matinale, unique."),
            Field("title", .text, required: true, "Thème de la matinée."),
            Field("date", .date, required: true, "Date, AAAA-MM-JJ."),
            Field("start", .time, required: true, "Heure de début, HH:MM."),
            Field("end", .time, required: true, "Heure de fin, HH:MM, après le début."),
            Field("venue", .object([
                Field("name", .text, required: true, "Nom du lieu."),
                Field("address", .text, required: true, "Adresse."),
                Field("postcode", .pattern("^[0-9]{5}$", numberDigits: 5), required: true, "Code postal, 5 chiffres."),
                Field("city", .text, required: true, "Ville."),
                Field("host", .text, required: true, "Qui accueille (texte libre)."),
            ]), required: true, "Le lieu."),
            Field("programme", .list(.object([
                Field("time", .time, required: true, "Heure, HH:MM, dans l'ordre et entre début et fin."),
                Field("kind", .enumeration(ProgrammeKind.allCases.map(\.rawValue)), required: true, "Type de séquence."),
                Field("title", .text, required: true, "Intitulé."),
                Field("speakers", .list(.text), "Intervenants."),
            ])), "Le déroulé de la matinée."),
            Field("round_table", .object([
                Field("title", .text, required: true, "Titre de la table ronde."),
                Field("moderator", .text, "Animateur ou animatrice."),
                Field("speakers", .list(.object([
                    Field("name", .text, required: true, "Nom."),
                    Field("role", .text, "Fonction."),
                    Field("organisation", .text, "Organisme."),
                    Field("buyer", .reference("buyer"), "Acheteur (identifiant), s'il y en a un."),
                ])), "Intervenants."),
            ]), "La table ronde."),
            Field("tables", .list(.object([
                Field("number", .integer(minimum: 1), required: true, "Numéro de table, unique."),
                Field("buyer", .reference("buyer"), required: true, "Acheteur à cette table (une table par acheteur)."),
                Field("representatives", .list(.text), "Représentants."),
            ])), "Les tables des rendez-vous."),
            Field("meetings", .object([
                Field("start", .time, required: true, "Début des rendez-vous."),
                Field("end", .time, required: true, "Fin des rendez-vous."),
                Field("slot_minutes", .integer(minimum: 5), required: true, "Durée d'un rendez-vous, en minutes (5 au moins)."),
                Field("gap_minutes", .integer(minimum: 0), "Battement entre deux rendez-vous, en minutes."),
                Field("max_per_supplier", .integer(minimum: 1), "Nombre maximal de rendez-vous par prestataire."),
                Field("breaks", .list(.object([
                    Field("start", .time, required: true, "Début de la pause."),
                    Field("end", .time, required: true, "Fin de la pause."),
                ])), "Pauses sans rendez-vous."),
                Field("publish", .boolean, "false : les plannings ne sont pas publiés (par défaut : true)."),
                Field("seats", .map(key: .reference("supplier"), value: .integer(minimum: 1)),
                      "Représentants par prestataire (identifiant : nombre) : autant de rendez-vous en même temps, à des tables différentes (par défaut 1)."),
            ]), "Réglages des rendez-vous ; obligatoires si requests.csv existe."),
            Field("registration", .object([
                Field("url", .url(httpsOnly: false), "Adresse d'inscription."),
                Field("opens", .date, "Ouverture des inscriptions."),
                Field("closes", .date, "Clôture des inscriptions."),
            ]), "Les inscriptions."),
            Field("stats", .object([
                Field("participants", .integer(minimum: 0), "Nombre de participants."),
                Field("requests", .integer(minimum: 0), "Nombre de demandes de rendez-vous."),
                Field("meetings", .integer(minimum: 0), "Nombre de rendez-vous tenus."),
            ]), "Les chiffres d'une Matinale passée."),
            draft,
        ])),
        Kind(id: "pitch", title: "Pitch vidéo (pitches/<slug>.md)", filePattern: "pitches/*.md", isFrontMatter: true, root: .object([
            Field("title", .text, required: true, "Titre du pitch."),
            Field("supplier", .reference("supplier"), required: true, "Prestataire (identifiant)."),
            Field("matinale", .reference("matinale"), "Matinale où le pitch a été présenté (identifiant)."),
            Field("themes", .list(.reference("theme")), "Thèmes (identifiants de themes.yaml)."),
            Field("video", video, required: true, "La vidéo."),
            draft,
        ])),
        Kind(id: "testimonial", title: "Témoignage (testimonials/<slug>.md)", filePattern: "testimonials/*.md",
             isFrontMatter: true, root: .object([
            Field("person", .text, required: true, "Nom de la personne."),
            Field("role", .text, required: true, "Sa fonction."),
            Field("organisation", .text, required: true, "Son organisme."),
            Field("buyer", .reference("buyer"), "Acheteur (identifiant), s'il y en a un."),
            Field("matinale", .reference("matinale"), "Matinale concernée (identifiant)."),
            Field("date", .date, "Date du témoignage ; dans le futur, il sera publié ce jour-là."),
            Field("video", video, "La vidéo, s'il y en a une."),
            draft,
        ])),
        Kind(id: "page", title: "Page libre (pages/<slug>.md)", filePattern: "pages/*.md", isFrontMatter: true, root: .object([
            Field("title", .text, required: true, "Titre de la page."),
            Field("description", .text, "Description pour les moteurs de recherche."),
            Field("order", .integer(minimum: nil), "Rang dans la navigation."),
            draft,
        ])),
    ]
}
