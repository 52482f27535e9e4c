import ArgumentParser
import Foundation
import OpenMapContent

enum ContentKindName: String, ExpressibleByArgument, CaseIterable {
    case buyer, supplier, roadmap, matinale, pitch, testimonial, page
}

struct New: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: T(fr: "Commence un fichier de contenu à partir d'un modèle commenté en français.",
                        en: "Start a new content file from a commented French template.").text,
            discussion: T(fr: """
                Écrit le fichier à sa place (une feuille de route porte l'identifiant de son acheteur : \
                roadmaps/<année>/<acheteur>.md ; --year choisit l'année). Des commentaires expliquent \
                chaque champ ; les valeurs sont valables, sauf les références (identifiants d'autres \
                fichiers) à compléter. Les fichiers Markdown commencent en brouillon (draft: true) : \
                vérifiés et montrés par openmap serve, pas publiés. Un fichier existant n'est jamais remplacé.

                Exemples : openmap new buyer ville-de-bobigny ; openmap new roadmap ville-de-bobigny --year 2016
                """, en: """
                Writes the file where it belongs (a roadmap's slug is its buyer's slug: \
                roadmaps/<year>/<buyer>.md; --year chooses the year). Comments explain every field; the \
                values are valid, except the references (slugs of other files) to fill in. Markdown files \
                start as drafts (draft: true): checked and shown by openmap serve, not published. An \
                existing file is never overwritten.

                Examples: openmap new buyer ville-de-bobigny; openmap new roadmap ville-de-bobigny --year 2016
                """).text)
    }

    @Argument(help: ArgumentHelp(T(fr: "Quoi créer : \(ContentKindName.allCases.map(\.rawValue).joined(separator: ", ")).",
                                   en: "What to create: \(ContentKindName.allCases.map(\.rawValue).joined(separator: ", ")).").text,
                                 valueName: T(fr: "type", en: "kind").text))
    var kind: ContentKindName

    @Argument(help: ArgumentHelp(T(fr: "Son identifiant : minuscules sans accents, chiffres et tirets.",
                                   en: "Its slug: lowercase letters and digits separated by hyphens.").text,
                                 valueName: T(fr: "identifiant", en: "slug").text))
    var slug: String

    @Option(name: .long, help: ArgumentHelp(T.contentHelp.text, valueName: T.dir.text))
    var content = "content"

    @Option(name: .long, help: ArgumentHelp(T(fr: "L'année d'une feuille de route (par défaut : cette année).",
                                              en: "A roadmap's year (default: this year).").text,
                                            valueName: T(fr: "année", en: "year").text))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp(T(fr: "La date du jour, AAAA-MM-JJ (par défaut : aujourd'hui à Paris).",
                                              en: "The date of today, YYYY-MM-DD (default: today in Europe/Paris).").text,
                                            valueName: T.date.text))
    var now: String?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        let parts = slug.split(separator: "-", omittingEmptySubsequences: false)
        guard !slug.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } })
        else {
            let fixed = SlugSuggestion.for(slug)
            throw ValidationError(T(fr: "« \(slug) » n'est pas un identifiant : minuscules sans accents, chiffres et tirets simples, par exemple \(fixed ?? "plaine-commune")",
                                    en: "“\(slug)” is not a slug: use lowercase letters and digits separated by single hyphens, e.g. \(fixed ?? "plaine-commune")").text)
        }
        if let year, !(1900...2999).contains(year) {
            throw ValidationError(T(fr: "--year attend une année à quatre chiffres", en: "--year must be a four-digit year").text)
        }
        if let now, LocalDate(iso: now) == nil { throw ValidationError(T.nowInvalid(now).text) }
        if year != nil && kind != .roadmap {
            throw ValidationError(T(fr: "--year ne vaut que pour les feuilles de route", en: "--year only applies to roadmaps").text)
        }
    }

    func run() throws {
        let today = now.flatMap { LocalDate(iso: $0) } ?? InputOptions.todayInParis()
        let loaded = ContentLoader(contentDirectory: content).load().content
        let file = ContentTemplates.file(kind: kind, slug: slug, year: year ?? today.year, today: today, content: loaded)
        let path = (content as NSString).appendingPathComponent(file.path)
        if FileManager.default.fileExists(atPath: path) {
            FileHandle.standardError.write(Data((T(fr: "erreur : \(path) existe déjà ; openmap new ne remplace jamais un fichier",
                                                   en: "error: \(path) already exists; openmap new never overwrites a file").text + "\n").utf8))
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
        print(T(fr: "Fichier créé : \(path)", en: "Created \(path)").text)
        if let next = file.next { print(next.text) }
    }
}

/// The text of new content files.
enum ContentTemplates {
    struct NewFile {
        var path: String
        var text: String
        /// What to do next, printed after creating the file.
        var next: T?
    }

    static func file(kind: ContentKindName, slug: String, year: Int, today: LocalDate, content: SiteContent) -> NewFile {
        let themes = content.themes.map(\.slug)
        let theme = themes.first ?? "opendata"
        let themeList = themes.isEmpty ? "voir content/themes.yaml" : themes.joined(separator: ", ")
        switch kind {
        case .buyer:
            return NewFile(path: "buyers/\(slug).yaml", text: """
                # Acheteur public. Le nom du fichier (\(slug)) est son identifiant : les feuilles de
                # route (roadmaps/<année>/\(slug).md) et les Matinales y font référence.

                # Nom complet de l'acheteur (obligatoire).
                name: À compléter
                # Type (obligatoire) : \(BuyerKind.allCases.map(\.rawValue).joined(separator: ", ")).
                kind: commune
                # Département d'Île-de-France, son numéro (obligatoire) : 75, 77, 78, 91, 92, 93, 94, 95.
                department: 93
                # Numéro SIRET, 14 chiffres (facultatif ; la clé de contrôle est vérifiée).
                # siret: "21930066100012"
                # Site web, adresse complète en http(s) (facultatif).
                # website: https://www.example.fr
                # Logo, sous content/assets/ (facultatif ; le fichier doit exister).
                # logo: assets/logos/\(slug).svg
                # Présentation en Markdown (facultatif) ; « >- » permet d'écrire sur plusieurs lignes.
                description: >-
                  Présentez l'acheteur en deux ou trois phrases.

                """, next: T(fr: "Vérifiez-le avec : openmap check", en: "Check it with: openmap check"))
        case .supplier:
            return NewFile(path: "suppliers/\(slug).yaml", text: """
                # Prestataire du numérique. Le nom du fichier (\(slug)) est son identifiant.

                # Nom de l'entreprise (obligatoire).
                name: À compléter
                # Numéro SIREN, 9 chiffres (facultatif ; la clé de contrôle est vérifiée).
                # siren: "123456782"
                # Taille (facultatif) : tpe, pme, eti ou ge.
                size: pme
                # Site web (facultatif).
                # website: https://www.example.fr
                # Ville et code postal (facultatifs).
                city: Paris
                # postcode: "75011"
                # Département (facultatif) : 01 à 95, 2A, 2B, 971 à 976 ; sans lui, celui du code postal.
                # department: "75"
                # Thèmes, identifiants de content/themes.yaml : \(themeList).
                themes: [\(theme)]
                # Codes CPV ou divisions sur 2 chiffres dans lesquels l'entreprise travaille (facultatif).
                # cpv: ["72", 48000000-8]
                # Contact publié sur la page (facultatif).
                # contact:
                #   name: Prénom Nom
                #   role: Fonction
                #   email: contact@example.fr
                #   phone: 01 23 45 67 89
                # Références : prestations pour des acheteurs publics (facultatif ; buyer est un identifiant d'acheteur).
                # references:
                #   - title: Refonte du portail citoyen
                #     buyer: plaine-commune
                #     year: 2014
                # Présentation en Markdown (facultatif).
                description: >-
                  Présentez l'entreprise et son offre en quelques phrases.

                """, next: nil)
        case .roadmap:
            let published = year == today.year ? today : LocalDate(year: year, month: 1, day: 15)
            let from = YearMonth(year: published.year, month: published.month)
            let to = from.adding(months: 17)
            let launch = from.adding(months: 3)
            let buyerNote = content.buyers.contains { $0.slug == slug }
                ? "l'acheteur « \(slug) » existe" : "créez d'abord l'acheteur : openmap new buyer \(slug)"
            return NewFile(path: "roadmaps/\(year)/\(slug).md", text: """
                ---
                # Feuille de route achats numériques de l'acheteur « \(slug) » (\(buyerNote)).
                # Le dossier est l'année de publication ; le nom du fichier, l'identifiant de l'acheteur.

                # Titre (obligatoire).
                title: Feuille de route achats numériques \(year)
                # Date de publication AAAA-MM-JJ (obligatoire), de l'année du dossier. Une date future
                # programme la publication : la feuille de route paraîtra ce jour-là.
                published: \(published)
                # Date de mise à jour (facultatif), pas avant la publication.
                # updated: \(published)
                # Période couverte, en mois AAAA-MM (obligatoire) : 24 mois au plus, 12 à 18 conseillés.
                horizon:
                  from: \(from)
                  to: \(to)
                # Contact pour les prestataires (facultatif).
                contact:
                  name: Prénom Nom
                  role: Responsable des achats numériques
                  email: achats@example.fr
                # Les besoins (au moins un). Copiez le bloc qui commence par « - id: » pour en ajouter.
                needs:
                  # Identifiant du besoin, unique dans ce fichier (obligatoire) : minuscules et tirets.
                  - id: premier-besoin
                    # Intitulé (obligatoire).
                    title: Intitulé du besoin
                    # Thème (obligatoire), parmi : \(themeList).
                    theme: \(theme)
                    # Codes CPV (facultatif), de préférence ceux de content/cpv.yaml.
                    cpv: [72000000-5]
                    # Description en Markdown (obligatoire).
                    summary: >-
                      Décrivez le besoin : le contexte, ce qui est attendu, les contraintes connues.
                    # Budget en euros HT, en chiffres (facultatif) : un montant estimé (40000),
                    # une fourchette {min: 10000, max: 40000} ou a-definir.
                    budget: a-definir
                    # Lancement prévu de la consultation (obligatoire) : trimestre AAAA-T1…T4 ou mois AAAA-MM,
                    # dans l'horizon.
                    launch: \(launch)
                    # Procédure (facultatif) : \(Procedure.allCases.map(\.rawValue).joined(separator: ", ")).
                    procedure: a-definir
                    # Avancement (facultatif, envisage par défaut) : \(NeedStatus.allCases.map(\.rawValue).joined(separator: ", ")).
                    # Une fois « publie », indiquez l'adresse de la consultation dans tender_url.
                    status: envisage
                # Brouillon : vérifié et visible dans « openmap serve », mais pas publié.
                # Supprimez cette ligne pour publier.
                draft: true
                ---
                Le contexte de la feuille de route, en Markdown : la stratégie numérique de l'acheteur,
                ses priorités, comment les entreprises peuvent le contacter.

                """, next: T(fr: "Prévisualisez-le avec : openmap serve", en: "Preview it with: openmap serve"))
        case .matinale:
            let number = (content.matinales.map(\.number).max() ?? 0) + 1
            return NewFile(path: "matinales/\(slug)/index.md", text: """
                ---
                # Matinale (Rencontre de l'Achat Public Numérique). Le dossier (\(slug)) est son identifiant.
                # À côté de ce fichier : requests.csv (demandes de rendez-vous) et availability.csv, facultatifs.

                # Numéro, unique (obligatoire).
                number: \(number)
                # Thème de la matinée (obligatoire).
                title: Thème de la matinée
                # Date AAAA-MM-JJ, heures de début et de fin HH:MM entre guillemets (obligatoires).
                date: \(today)
                start: "08:30"
                end: "12:30"
                # Le lieu (obligatoire) ; « host » est l'organisme qui accueille, en texte libre.
                venue:
                  name: Nom du lieu
                  address: 1 rue de l'Exemple
                  postcode: "75001"
                  city: Paris
                  host: Organisme d'accueil
                # Le déroulé (facultatif), dans l'ordre des heures ; kind parmi :
                # \(ProgrammeKind.allCases.map(\.rawValue).joined(separator: ", ")).
                programme:
                  - time: "08:30"
                    kind: accueil
                    title: Accueil des participants
                  - time: "12:15"
                    kind: cloture
                    title: Clôture
                # Les tables des rendez-vous (facultatif) : un acheteur par table.
                # tables:
                #   - number: 1
                #     buyer: identifiant-de-l-acheteur
                #     representatives: [Prénom Nom]
                # Les rendez-vous (obligatoire si requests.csv existe).
                # meetings:
                #   start: "09:30"
                #   end: "12:00"
                #   slot_minutes: 15
                # Les inscriptions (facultatif).
                # registration:
                #   url: https://www.example.fr/inscription
                #   opens: \(today)
                #   closes: \(today)
                # Brouillon : vérifié et visible dans « openmap serve », mais pas publié.
                draft: true
                ---
                Présentation de la matinée, en Markdown.

                """, next: nil)
        case .pitch:
            return NewFile(path: "pitches/\(slug).md", text: """
                ---
                # Pitch vidéo d'un prestataire. Le nom du fichier (\(slug)) est son identifiant.

                # Titre (obligatoire).
                title: Titre du pitch
                # Le prestataire : identifiant d'un fichier de content/suppliers/ (obligatoire).
                supplier: identifiant-du-prestataire
                # La Matinale où il a été présenté : nom de son dossier (facultatif).
                # matinale: 2015-10-15-troisieme-matinale
                # Thèmes (facultatif), parmi : \(themeList).
                themes: [\(theme)]
                # La vidéo (obligatoire) : provider parmi \(VideoProvider.allCases.map(\.rawValue).joined(separator: ", ")),
                # puis « id » (chez l'hébergeur) ou « url ». La durée MM:SS entre guillemets.
                video:
                  provider: youtube
                  id: identifiant-video
                  duration: "03:00"
                  # Sous-titres WebVTT sous content/assets/ (demandés par le RGAA, critère 4.3 : sans eux,
                  # la déclaration d'accessibilité signale la vidéo).
                  # captions: assets/captions/\(slug).vtt
                  # poster: assets/posters/\(slug).svg
                # Brouillon : vérifié et visible dans « openmap serve », mais pas publié.
                draft: true
                ---
                Description du pitch, en Markdown.

                ## Transcription

                La transcription de la vidéo : ce qui y est dit (demandée par le RGAA, critère 4.1).

                """, next: nil)
        case .testimonial:
            return NewFile(path: "testimonials/\(slug).md", text: """
                ---
                # Témoignage. Le nom du fichier (\(slug)) est son identifiant.

                # La personne, sa fonction, son organisme (obligatoires).
                person: Prénom Nom
                role: Fonction
                organisation: Organisme
                # L'acheteur, identifiant de content/buyers/ (facultatif).
                # buyer: plaine-commune
                # La Matinale concernée, nom de son dossier (facultatif).
                # matinale: 2015-10-15-troisieme-matinale
                # Date AAAA-MM-JJ (facultatif) ; une date future programme la publication.
                date: \(today)
                # Brouillon : vérifié et visible dans « openmap serve », mais pas publié.
                draft: true
                ---
                La citation, en Markdown.

                """, next: nil)
        case .page:
            return NewFile(path: "pages/\(slug).md", text: """
                ---
                # Page libre, publiée à l'adresse /\(slug)/.

                # Titre (obligatoire).
                title: Titre de la page
                # Description pour les moteurs de recherche (facultatif).
                description: Une phrase qui résume la page.
                # Rang dans la navigation (facultatif).
                # order: 10
                # Brouillon : vérifié et visible dans « openmap serve », mais pas publié.
                draft: true
                ---
                Le texte de la page, en Markdown. Un lien vers une autre page du site s'écrit avec le
                chemin du fichier : [les feuilles de route](/feuilles-de-route/).

                """, next: nil)
        }
    }
}

extension YearMonth {
    func adding(months: Int) -> YearMonth {
        let index = year * 12 + (month - 1) + months
        return YearMonth(year: index / 12, month: index % 12 + 1)
    }
}
