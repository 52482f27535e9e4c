import Foundation
import OpenMapContent
import OpenMapFormats

// Open data under /donnees/: the needs and the suppliers (JSON and CSV), the buyers and the
// Matinales (JSON): what the pages publish, nothing more. Field names are French snake_case,
// stable; each file's fields are declared once below and both the files and the documentation
// page /donnees/ are generated from that declaration, its examples taken from the data itself.

/// One documented field of an open data file.
struct OpenDataField<Record> {
    let name: String
    /// As documented: « texte », « entier », « booléen », « liste de textes »…
    let type: String
    let description: String
    let example: String
    /// A String, Int, Bool, [String], [[String: Any]] or NSNull.
    let value: (Record) -> Any
    /// The CSV cell, when it is not the value's own (a list of objects).
    var csv: ((Record) -> String)? = nil
}

enum OpenDataLicence {
    static let name = "Licence Ouverte / Etalab 2.0"
    static let url = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
}

extension SiteBuilder {
    static let openDataPath = "donnees/"
    /// The open-data files, each made on its own when written, so that no two are held at once
    /// (besoins.json and besoins.csv are 9 and 6 MB at 10 000 needs).
    static let openDataFiles: [DataFile] = [
        ("donnees/besoins.json", { $0.json(key: "besoins", fields: $0.needFields, records: $0.catalogue.entries) }),
        ("donnees/besoins.csv", { $0.csv(fields: $0.needFields, records: $0.catalogue.entries) }),
        ("donnees/prestataires.json", { $0.json(key: "prestataires", fields: $0.supplierFields, records: Array($0.directory.suppliers.indices)) }),
        ("donnees/prestataires.csv", { $0.csv(fields: $0.supplierFields, records: Array($0.directory.suppliers.indices)) }),
        ("donnees/acheteurs.json", { $0.json(key: "acheteurs", fields: $0.buyerFields, records: $0.content.buyers) }),
        ("donnees/matinales.json", { $0.json(key: "matinales", fields: $0.matinaleFields, records: $0.matinales) }),
    ]

    func optional(_ value: Any?) -> Any { value ?? NSNull() }

    var needFields: [OpenDataField<CatalogueEntry>] {
        [
            OpenDataField(name: "identifiant", type: "texte", description: "Identifiant unique du besoin : acheteur, année de la feuille de route, identifiant du besoin.",
                          example: "plaine-commune-2015-portail-open-data", value: { $0.key }),
            OpenDataField(name: "url", type: "URL", description: "Page du besoin sur ce site.",
                          example: absoluteURL("besoins/plaine-commune-2015-portail-open-data/"), value: { self.absoluteURL($0.path) }),
            OpenDataField(name: "titre", type: "texte", description: "Intitulé du besoin.", example: "Portail de données ouvertes du territoire",
                          value: { $0.need.title }),
            OpenDataField(name: "resume", type: "texte (Markdown)", description: "Description du besoin telle que rédigée par l’acheteur, en Markdown.",
                          example: "Mise en place d’un **portail open data**…", value: { $0.need.summary.source }),
            OpenDataField(name: "acheteur", type: "texte", description: "Identifiant de l’acheteur (voir acheteurs.json).", example: "plaine-commune",
                          value: { $0.buyer.slug }),
            OpenDataField(name: "acheteur_nom", type: "texte", description: "Nom de l’acheteur.", example: "Plaine Commune", value: { $0.buyer.name }),
            OpenDataField(name: "type_acheteur", type: "texte (code)", description: "Type d’acheteur : region, departement, commune, intercommunalite, etablissement-public, etat, hopital, bailleur-social, autre.",
                          example: "intercommunalite", value: { $0.buyer.kind.rawValue }),
            OpenDataField(name: "departement", type: "texte (code)", description: "Département de l’acheteur (75, 77, 78, 91, 92, 93, 94 ou 95).", example: "93",
                          value: { $0.buyer.department }),
            OpenDataField(name: "annee", type: "entier", description: "Année de publication de la feuille de route.", example: "2015",
                          value: { $0.roadmap.year }),
            OpenDataField(name: "feuille_de_route_url", type: "URL", description: "Page de la feuille de route qui annonce le besoin.",
                          example: absoluteURL("feuilles-de-route/2015/plaine-commune/"), value: { self.absoluteURL(Self.roadmapPath($0.roadmap)) }),
            OpenDataField(name: "theme", type: "texte (code)", description: "Thème du besoin (liste des thèmes du site).", example: "opendata",
                          value: { $0.need.theme }),
            OpenDataField(name: "theme_libelle", type: "texte", description: "Libellé du thème.", example: "Open data",
                          value: { self.themeLabel($0.need.theme) }),
            OpenDataField(name: "cpv", type: "liste de textes", description: "Codes CPV tels qu’écrits par l’acheteur (8 chiffres, et le chiffre de contrôle quand il est connu). Dans le CSV, séparés par « | ».",
                          example: "72300000-8 | 48600000-4", value: { $0.need.cpv }),
            OpenDataField(name: "budget_min", type: "entier ou vide", description: "Budget estimé minimum, en euros HT ; vide si le budget est à définir ou non renseigné.",
                          example: "60000", value: { entry in
                              if case .range(let min, _) = entry.need.budget { return min }
                              return NSNull()
                          }),
            OpenDataField(name: "budget_max", type: "entier ou vide", description: "Budget estimé maximum, en euros HT ; vide si le budget est à définir ou non renseigné.",
                          example: "90000", value: { entry in
                              if case .range(_, let max) = entry.need.budget { return max }
                              return NSNull()
                          }),
            OpenDataField(name: "lancement", type: "texte", description: "Publication prévue de l’appel d’offres : un mois (AAAA-MM) ou un trimestre (AAAA-T1 à AAAA-T4).",
                          example: "2015-T3", value: { $0.need.launch.description }),
            OpenDataField(name: "lancement_trimestre", type: "texte", description: "Trimestre du lancement (un mois est ramené à son trimestre).",
                          example: "2015-T3", value: { $0.quarter.description }),
            OpenDataField(name: "procedure", type: "texte (code)", description: "Procédure envisagée : procedure-adaptee, appel-offres-ouvert, appel-offres-restreint, procedure-avec-negociation, dialogue-competitif, marche-innovant, accord-cadre, centrale-achat, a-definir.",
                          example: "procedure-adaptee", value: { $0.procedure.rawValue }),
            OpenDataField(name: "statut", type: "texte (code)", description: "Avancement : envisage, en-preparation, publie, attribue, abandonne.",
                          example: "publie", value: { $0.need.status.rawValue }),
            OpenDataField(name: "avis_url", type: "URL ou vide", description: "Avis de marché, une fois publié.",
                          example: "https://www.maximilien.fr/…", value: { self.optional(nonEmpty($0.need.tenderURL)) }),
            OpenDataField(name: "publie_le", type: "date (AAAA-MM-JJ)", description: "Date de publication de la feuille de route.",
                          example: "2015-03-16", value: { $0.roadmap.published.description }),
            OpenDataField(name: "mis_a_jour_le", type: "date (AAAA-MM-JJ)", description: "Dernière mise à jour de la feuille de route (sa date de publication si elle n’a pas été mise à jour).",
                          example: "2015-09-30", value: { $0.lastModified.description }),
        ]
    }

    var buyerFields: [OpenDataField<Buyer>] {
        let needCounts = Dictionary(grouping: catalogue.entries, by: { $0.buyer.slug }).mapValues(\.count)
        return [
            OpenDataField(name: "identifiant", type: "texte", description: "Identifiant de l’acheteur sur ce site.", example: "plaine-commune", value: { $0.slug }),
            OpenDataField(name: "url", type: "URL", description: "Page de l’acheteur sur ce site.", example: absoluteURL("acheteurs/plaine-commune/"),
                          value: { self.absoluteURL(Self.buyerPath($0.slug)) }),
            OpenDataField(name: "nom", type: "texte", description: "Nom de l’acheteur.", example: "Plaine Commune", value: { $0.name }),
            OpenDataField(name: "type", type: "texte (code)", description: "Type d’acheteur (mêmes codes que type_acheteur dans besoins.json).", example: "intercommunalite",
                          value: { $0.kind.rawValue }),
            OpenDataField(name: "departement", type: "texte (code)", description: "Département.", example: "93", value: { $0.department }),
            OpenDataField(name: "siret", type: "texte ou vide", description: "Numéro SIRET (14 chiffres).", example: "20005597600012",
                          value: { self.optional(nonEmpty($0.siret)) }),
            OpenDataField(name: "site_web", type: "URL ou vide", description: "Site de l’acheteur.", example: "https://plainecommune.fr",
                          value: { self.optional(nonEmpty($0.website)) }),
            OpenDataField(name: "feuilles_de_route", type: "liste d’URL", description: "Pages des feuilles de route publiées par l’acheteur.",
                          example: absoluteURL("feuilles-de-route/2015/plaine-commune/"), value: { buyer in
                              self.content.roadmaps.filter { $0.buyer == buyer.slug }.map { self.absoluteURL(Self.roadmapPath($0)) }
                          }),
            OpenDataField(name: "nombre_besoins", type: "entier", description: "Nombre de besoins annoncés, toutes feuilles de route confondues.", example: "9",
                          value: { needCounts[$0.slug] ?? 0 }),
        ]
    }

    var matinaleFields: [OpenDataField<Matinale>] {
        [
            OpenDataField(name: "identifiant", type: "texte", description: "Identifiant de la matinale sur ce site.", example: "2015-04-17-lancement", value: { $0.slug }),
            OpenDataField(name: "url", type: "URL", description: "Page de la matinale.", example: absoluteURL("matinales/2015-04-17-lancement/"),
                          value: { self.absoluteURL(Self.matinalePath($0.slug)) }),
            OpenDataField(name: "calendrier_url", type: "URL", description: "Fichier iCalendar (.ics) de la matinale.", example: absoluteURL("matinales/2015-04-17-lancement/matinale.ics"),
                          value: { self.absoluteURL(Self.matinaleCalendarPath($0.slug)) }),
            OpenDataField(name: "numero", type: "entier", description: "Numéro d’ordre de la matinale.", example: "1", value: { $0.number }),
            OpenDataField(name: "titre", type: "texte", description: "Thème de la matinale.", example: "Le numérique au service des usagers", value: { $0.title }),
            OpenDataField(name: "debut", type: "date et heure (ISO 8601)", description: "Début, heure de Paris avec son décalage.", example: "2015-04-17T08:30:00+02:00",
                          value: { ParisTime.dateTime($0.date, $0.start) }),
            OpenDataField(name: "fin", type: "date et heure (ISO 8601)", description: "Fin, heure de Paris avec son décalage.", example: "2015-04-17T12:30:00+02:00",
                          value: { ParisTime.dateTime($0.date, $0.end) }),
            OpenDataField(name: "lieu", type: "texte", description: "Nom du lieu.", example: "Hôtel de Région", value: { $0.venue.name }),
            OpenDataField(name: "adresse", type: "texte", description: "Adresse du lieu.", example: "33 rue Barbet-de-Jouy", value: { $0.venue.address }),
            OpenDataField(name: "code_postal", type: "texte", description: "Code postal.", example: "75007", value: { $0.venue.postcode }),
            OpenDataField(name: "ville", type: "texte", description: "Commune.", example: "Paris", value: { $0.venue.city }),
            OpenDataField(name: "hote", type: "texte", description: "Structure qui accueille la matinale.", example: "Conseil régional d’Île-de-France", value: { $0.venue.host }),
            OpenDataField(name: "participants", type: "entier ou vide", description: "Nombre de participants, tel que publié.", example: "150",
                          value: { self.optional(self.matinaleFigures($0).participants) }),
            OpenDataField(name: "demandes_rendez_vous", type: "entier ou vide", description: "Nombre de demandes de rendez-vous : celles du planning publié, sinon le chiffre publié.", example: "352",
                          value: { self.optional(self.matinaleFigures($0).requests) }),
            OpenDataField(name: "demandes_acceptees", type: "entier ou vide", description: "Nombre de demandes de rendez-vous acceptées par les organisateurs : celles du planning publié, vide sans planning publié.", example: "317",
                          value: { self.optional(self.meetingFigures($0).accepted) }),
            OpenDataField(name: "rendez_vous", type: "entier ou vide", description: "Nombre de rendez-vous : ceux du planning publié, sinon le chiffre publié.", example: "93",
                          value: { self.optional(self.matinaleFigures($0).meetings) }),
            OpenDataField(name: "planning_url", type: "URL ou vide", description: "Page du planning des rendez-vous, quand il est publié.",
                          example: absoluteURL("matinales/2015-10-15-troisieme-matinale/rendez-vous/"),
                          value: { self.optional(self.publishedTimetable($0) == nil ? nil : self.absoluteURL(Self.timetablePath($0.slug))) }),
            OpenDataField(name: "programme", type: "liste d’objets", description: "Programme : heure (HH:MM), type (accueil, table-ronde, pitchs, rendez-vous, pause, cloture), titre, intervenants (liste).",
                          example: "[{\"heure\": \"08:30\", \"type\": \"accueil\", …}]", value: { matinale in
                              matinale.programme.map { item -> [String: Any] in
                                  ["heure": item.time.description, "type": item.kind.rawValue, "titre": item.title, "intervenants": item.speakers]
                              }
                          }),
        ]
    }

    var supplierFields: [OpenDataField<Int>] {
        let suppliers = directory.suppliers
        return [
            OpenDataField(name: "identifiant", type: "texte", description: "Identifiant du prestataire sur ce site.", example: "atelier-cartographique",
                          value: { suppliers[$0].slug }),
            OpenDataField(name: "url", type: "URL", description: "Page du prestataire sur ce site.", example: absoluteURL("prestataires/atelier-cartographique/"),
                          value: { self.absoluteURL(Self.supplierPath(suppliers[$0].slug)) }),
            OpenDataField(name: "nom", type: "texte", description: "Nom de l’entreprise.", example: "L’Atelier cartographique", value: { suppliers[$0].name }),
            OpenDataField(name: "siren", type: "texte ou vide", description: "Numéro SIREN (9 chiffres).", example: "812456739",
                          value: { self.optional(nonEmpty(suppliers[$0].siren)) }),
            OpenDataField(name: "taille", type: "texte (code) ou vide", description: "Taille : tpe, pme, eti ou ge.", example: "tpe",
                          value: { self.optional(suppliers[$0].size?.rawValue) }),
            OpenDataField(name: "site_web", type: "URL ou vide", description: "Site de l’entreprise.", example: "https://www.atelier-cartographique.example",
                          value: { self.optional(nonEmpty(suppliers[$0].website)) }),
            OpenDataField(name: "ville", type: "texte ou vide", description: "Commune.", example: "Montreuil", value: { self.optional(nonEmpty(suppliers[$0].city)) }),
            OpenDataField(name: "code_postal", type: "texte ou vide", description: "Code postal.", example: "93100",
                          value: { self.optional(nonEmpty(suppliers[$0].postcode)) }),
            OpenDataField(name: "departement", type: "texte (code) ou vide", description: "Département (01 à 95, 2A, 2B, 971 à 976) : celui qui est donné, sinon celui du code postal.",
                          example: "93", value: { self.optional(suppliers[$0].department) }),
            OpenDataField(name: "themes", type: "liste de textes (codes)", description: "Thèmes de l’entreprise (liste des thèmes du site). Dans le CSV, séparés par « | ».",
                          example: "cartographie | opendata", value: { suppliers[$0].themes }),
            OpenDataField(name: "cpv", type: "liste de textes", description: "Codes CPV ou divisions (2 chiffres) dans lesquels l’entreprise travaille, tels qu’écrits. Dans le CSV, séparés par « | ».",
                          example: "48326000 | 72300000-8 | 72", value: { suppliers[$0].cpv }),
            OpenDataField(name: "divisions_cpv", type: "liste de textes", description: "Divisions CPV (2 premiers chiffres) de ces codes, sans doublon : ce que le site compare à celles des besoins.",
                          example: "48 | 72", value: { suppliers[$0].cpvDivisions }),
            OpenDataField(name: "matinales", type: "liste de textes", description: "Matinales auxquelles l’entreprise a participé (pitch, ou rendez-vous d’un planning publié) : identifiants de matinales.json.",
                          example: "2015-04-17-premiere-matinale", value: { (self.directory.attended[$0] ?? []).map(\.slug) }),
            OpenDataField(name: "pitchs", type: "liste d’URL", description: "Pages des pitchs vidéo de l’entreprise.",
                          example: absoluteURL("pitchs/atelier-cartographique-cartes-accessibles/"),
                          value: { (self.directory.pitches[$0] ?? []).map { self.absoluteURL(Self.pitchPath($0.slug)) } }),
            OpenDataField(name: "contact_nom", type: "texte ou vide", description: "Contact publié par l’entreprise : nom.", example: "Claire Dumoulin",
                          value: { self.optional(suppliers[$0].contact.map(\.name)) }),
            OpenDataField(name: "contact_fonction", type: "texte ou vide", description: "Contact : fonction.", example: "Gérante",
                          value: { self.optional(suppliers[$0].contact?.role) }),
            OpenDataField(name: "contact_courriel", type: "texte ou vide", description: "Contact : adresse électronique.", example: "contact@exemple.fr",
                          value: { self.optional(nonEmpty(suppliers[$0].contact?.email)) }),
            OpenDataField(name: "contact_telephone", type: "texte ou vide", description: "Contact : téléphone.", example: "01 48 70 21 36",
                          value: { self.optional(nonEmpty(suppliers[$0].contact?.phone)) }),
            OpenDataField(name: "references", type: "liste d’objets", description: "Références : intitule, acheteur (identifiant de acheteurs.json, ou null), annee (entier ou null). Dans le CSV, « intitulé (acheteur, année) » séparés par « | ».",
                          example: "[{\"intitule\": \"Atlas communal…\", …}]",
                          value: { suppliers[$0].references.map { reference -> [String: Any] in
                              ["intitule": reference.title, "acheteur": self.optional(reference.buyer), "annee": self.optional(reference.year)]
                          } },
                          csv: { suppliers[$0].references.map { reference in
                              let details = [reference.buyer, reference.year.map(String.init)].compactMap { $0 }.joined(separator: ", ")
                              return reference.title + (details.isEmpty ? "" : " (\(details))")
                          }.joined(separator: " | ") }),
        ]
    }

    /// A Matinale's figures, from one source: its published timetable (requests received,
    /// meetings scheduled) when there is one, else the `stats` published by the organisers. The
    /// Matinale's page, the home page and matinales.json all show these.
    func matinaleFigures(_ matinale: Matinale) -> MatinaleStats {
        var figures = matinale.stats ?? MatinaleStats()
        if let timetable = publishedTimetable(matinale) {
            figures.requests = timetable.requestCount
            figures.meetings = timetable.scheduledCount
        }
        return figures
    }

    func publishedTimetable(_ matinale: Matinale) -> MatinaleTimetable? {
        guard let timetable = timetables[matinale.slug], timetable.publish, matinalesBySlug[matinale.slug] != nil else { return nil }
        return timetable
    }

    /// The licence, the source and the records, each record made as an object only while it
    /// is written.
    func json<Record>(key: String, fields: [OpenDataField<Record>], records: [Record]) -> OutputFile.Contents {
        let members = ["licence": OpenDataLicence.name, "licence_url": OpenDataLicence.url, "source": absoluteURL(Self.openDataPath)]
        let bytes = SafeJSON.encodeDocument(members: members, listKey: key, fields: fields.map(\.name), count: records.count,
                                            linePerRecord: true) { index in
            fields.map { $0.value(records[index]) }
        }
        return .bytes((bytes ?? Array("{}".utf8)) + [0x0A])
    }

    static func csvCell(_ value: Any) -> String {
        switch value {
        case let text as String: text
        case let number as Int: String(number)
        case let flag as Bool: flag ? "oui" : "non"
        case let list as [String]: list.joined(separator: " | ")
        default: ""
        }
    }

    /// A CSV file of the records, a column per field.
    func csv<Record>(fields: [OpenDataField<Record>], records: [Record]) -> OutputFile.Contents {
        let numeric = Set(fields.enumerated().filter { $0.element.type.hasPrefix("entier") }.map(\.offset))
        let csv = CSVTable.serialized(header: fields.map(\.name), numericColumns: numeric, rowCount: records.count) { index in
            fields.map { $0.csv?(records[index]) ?? Self.csvCell($0.value(records[index])) }
        }
        return .bytes(csv)
    }

    /// The fields as documented, each example taken from the first record that has a value for
    /// it (the declared example only when none has).
    func fieldRows<Record>(_ fields: [OpenDataField<Record>], records: [Record]) -> [View] {
        fields.map { field in
            let example = records.lazy.compactMap { Self.exampleText(field.csv?($0) ?? field.value($0)) }.first ?? field.example
            return ["name": field.name, "type": field.type, "description": typo(field.description), "example": example] as View
        }
    }

    /// A value as an example, nil when it is empty; a list of objects shows its first, as JSON.
    static func exampleText(_ value: Any) -> String? {
        switch value {
        case let objects as [[String: Any]]:
            guard let first = objects.first, let json = SafeJSON.encode(first) else { return nil }
            return String(decoding: json, as: UTF8.self).replacingOccurrences(of: "\\u0027", with: "'")
        case let list as [String]: return list.isEmpty ? nil : list.joined(separator: " | ")
        case let text as String: return text.isEmpty ? nil : (text.count > 90 ? String(text.prefix(88)) + "…" : text)
        case is NSNull: return nil
        default: return nonEmpty(csvCell(value))
        }
    }

    func openDataPage() -> BuiltPage {
        let path = Self.openDataPath
        let root = Self.root(for: path)
        let needCount = catalogue.entries.count
        let files: [View] = [
            ["id": "besoins", "title": "Les besoins", "files": [
                ["name": "besoins.json", "href": root + "donnees/besoins.json", "format": "JSON"],
                ["name": "besoins.csv", "href": root + "donnees/besoins.csv", "format": "CSV (UTF-8 avec BOM, séparateur « ; »)"],
             ] as [View],
             "intro": typo("Un enregistrement par besoin (\(Labels.plural(needCount, "besoin", "besoins")) à ce jour), dans l’ordre du catalogue. Le JSON range les enregistrements sous la clé « besoins » ; le CSV a une colonne par champ. Dans le CSV, une cellule qui commence par =, +, -, @, une tabulation ou un retour chariot est précédée d’une apostrophe, pour qu’un tableur ne l’exécute pas comme une formule."),
             "fields": fieldRows(needFields, records: catalogue.entries)],
            ["id": "prestataires", "title": "Les prestataires", "files": [
                ["name": "prestataires.json", "href": root + "donnees/prestataires.json", "format": "JSON"],
                ["name": "prestataires.csv", "href": root + "donnees/prestataires.csv", "format": "CSV (UTF-8 avec BOM, séparateur « ; »)"],
             ] as [View],
             "intro": typo("Un enregistrement par prestataire de l’offre numérique (\(Labels.plural(directory.suppliers.count, "prestataire", "prestataires")) à ce jour), dans l’ordre de l’annuaire : ce que leurs pages publient, rien de plus (un contact n’y figure que si l’entreprise l’a donné). Un besoin et un prestataire se correspondent quand le thème du besoin est l’un de ceux du prestataire, ou qu’ils partagent une division CPV."),
             "fields": fieldRows(supplierFields, records: Array(directory.suppliers.indices))],
            ["id": "acheteurs", "title": "Les acheteurs", "files": [
                ["name": "acheteurs.json", "href": root + "donnees/acheteurs.json", "format": "JSON"],
             ] as [View],
             "intro": typo("Un enregistrement par acheteur public, sous la clé « acheteurs »."),
             "fields": fieldRows(buyerFields, records: content.buyers)],
            ["id": "matinales", "title": "Les matinales", "files": [
                ["name": "matinales.json", "href": root + "donnees/matinales.json", "format": "JSON"],
             ] as [View],
             "intro": typo("Un enregistrement par matinale publiée, sous la clé « matinales »."),
             "fields": fieldRows(matinaleFields, records: matinales)],
        ]
        let view: View = [
            "datasets": files,
            "licence": OpenDataLicence.name, "licenceHref": OpenDataLicence.url,
            "feedHref": root + Self.allNeedsFeed.path,
            "calendarHref": root + Self.allMatinalesCalendarPath,
            "catalogueHref": root + NeedCatalogue.path,
        ]
        return finish(path: path, template: "donnees", title: "Données ouvertes",
                      description: "Les besoins, les prestataires, les acheteurs et les matinales en JSON et CSV, sous Licence Ouverte / Etalab 2.0, avec la description de chaque champ.",
                      crumbs: [], view: view)
    }
}
