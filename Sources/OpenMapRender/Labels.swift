import OpenMapContent
import OpenMapText

// French labels for the model's enumerations and the calendar values, as shown to visitors.
enum Labels {
    static func buyerKind(_ kind: BuyerKind) -> String {
        switch kind {
        case .region: "Région"
        case .departement: "Département"
        case .commune: "Commune"
        case .intercommunalite: "Intercommunalité"
        case .etablissementPublic: "Établissement public"
        case .etat: "Service de l’État"
        case .hopital: "Établissement de santé"
        case .bailleurSocial: "Bailleur social"
        case .autre: "Autre acheteur public"
        }
    }

    /// Every French department (suppliers may be anywhere), by code.
    static let departmentNames: [String: String] = [
        "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
        "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
        "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
        "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
        "21": "Côte-d’Or", "22": "Côtes-d’Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
        "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
        "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire", "38": "Isère",
        "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique",
        "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche",
        "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse", "56": "Morbihan",
        "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise", "61": "Orne", "62": "Pas-de-Calais",
        "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques", "65": "Hautes-Pyrénées", "66": "Pyrénées-Orientales",
        "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône", "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe",
        "73": "Savoie", "74": "Haute-Savoie", "75": "Paris", "76": "Seine-Maritime", "77": "Seine-et-Marne",
        "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme", "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var",
        "84": "Vaucluse", "85": "Vendée", "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne",
        "90": "Territoire de Belfort", "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis",
        "94": "Val-de-Marne", "95": "Val-d’Oise", "971": "Guadeloupe", "972": "Martinique", "973": "Guyane",
        "974": "La Réunion", "976": "Mayotte", "975": "Saint-Pierre-et-Miquelon",
    ]

    /// Departments in their official order (01…19, 2A, 2B, 21…95, 971…): a sort key.
    static func departmentOrder(_ code: String) -> String {
        switch code {
        case "2A": "20A"
        case "2B": "20B"
        default: code.count == 2 ? code + " " : code
        }
    }

    /// « 93 – Seine-Saint-Denis ».
    static func department(_ code: String) -> String {
        guard let name = departmentNames[code] else { return code }
        return "\(code) – \(name)"
    }

    static func supplierSize(_ size: SupplierSize) -> String {
        switch size {
        case .tpe: "Très petite entreprise (TPE)"
        case .pme: "Petite ou moyenne entreprise (PME)"
        case .eti: "Entreprise de taille intermédiaire (ETI)"
        case .ge: "Grande entreprise"
        }
    }

    /// « TPE », for lists and filters.
    static func supplierSizeShort(_ size: SupplierSize) -> String {
        switch size {
        case .tpe: "TPE"
        case .pme: "PME"
        case .eti: "ETI"
        case .ge: "Grande entreprise"
        }
    }

    static func procedure(_ procedure: Procedure) -> String {
        switch procedure {
        case .procedureAdaptee: "Procédure adaptée (MAPA)"
        case .appelOffresOuvert: "Appel d’offres ouvert"
        case .appelOffresRestreint: "Appel d’offres restreint"
        case .procedureAvecNegociation: "Procédure avec négociation"
        case .dialogueCompetitif: "Dialogue compétitif"
        case .marcheInnovant: "Marché innovant"
        case .accordCadre: "Accord-cadre"
        case .centraleAchat: "Centrale d’achat"
        case .aDefinir: "À définir"
        }
    }

    static func status(_ status: NeedStatus) -> String {
        switch status {
        case .envisage: "Envisagé"
        case .enPreparation: "En préparation"
        case .publie: "Publié"
        case .attribue: "Attribué"
        case .abandonne: "Abandonné"
        }
    }

    /// A shape per status so that the badge never relies on colour alone (the label is there too).
    static func statusSymbol(_ status: NeedStatus) -> String {
        switch status {
        case .envisage: "○"
        case .enPreparation: "◐"
        case .publie: "●"
        case .attribue: "✓"
        case .abandonne: "✕"
        }
    }

    static func programmeKind(_ kind: ProgrammeKind) -> String {
        switch kind {
        case .accueil: "Accueil"
        case .tableRonde: "Table ronde"
        case .pitchs: "Pitchs"
        case .rendezVous: "Rendez-vous"
        case .pause: "Pause"
        case .cloture: "Clôture"
        }
    }

    static func provider(_ provider: VideoProvider) -> String {
        switch provider {
        case .youtube: "YouTube"
        case .dailymotion: "Dailymotion"
        case .vimeo: "Vimeo"
        case .peertube: "PeerTube"
        case .file: "ce site"
        }
    }

    static func accessibility(_ status: AccessibilityStatus) -> String {
        switch status {
        case .totale: "totalement conforme"
        case .partielle: "partiellement conforme"
        case .nonConforme: "non conforme"
        }
    }

    /// CPV divisions used by the site (domain notes), for codes missing from cpv.yaml.
    static let cpvDivisions: [String: String] = [
        "30": "Machines, matériel et fourniture informatique et de bureau, excepté les meubles et logiciels",
        "32": "Équipements et appareils de radio, de télévision, de communication, de télécommunication et équipements connexes",
        "48": "Logiciels et systèmes d’information",
        "64": "Services des postes et télécommunications",
        "72": "Services de technologies de l’information, conseil, développement de logiciels, internet et appui",
        "79": "Services aux entreprises : droit, marketing, conseil, recrutement, impression et sécurité",
    ]

    /// The same divisions in a few words, where room is short (a filter's choices).
    static let cpvDivisionsShort: [String: String] = [
        "30": "Matériel informatique",
        "32": "Télécommunications",
        "48": "Logiciels",
        "64": "Postes et télécoms",
        "72": "Services numériques",
        "79": "Conseil et services",
    ]

    // MARK: Calendar values

    static func date(_ d: LocalDate) -> String { FrenchFormat.date(year: d.year, month: d.month, day: d.day) }
    static func weekdayDate(_ d: LocalDate) -> String { FrenchFormat.weekdayDate(year: d.year, month: d.month, day: d.day) }
    static func month(_ m: YearMonth) -> String { FrenchFormat.month(year: m.year, month: m.month) }
    static func time(_ t: LocalTime) -> String { FrenchFormat.time(hour: t.hour, minute: t.minute) }

    static func launch(_ launch: Launch) -> String {
        switch launch {
        case .month(let m): month(m)
        case .quarter(let q): FrenchFormat.quarter(year: q.year, quarter: q.quarter)
        }
    }

    /// « d’avril 2015 à septembre 2016 »: « de » elides before a vowel.
    static func horizon(from: YearMonth, to: YearMonth) -> String {
        "\(elidedDe(month(from))) à \(month(to))"
    }

    static func elidedDe(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "de" }
        return "aàâeéèêiîoôuûyh".contains(first) ? "d’\(word)" : "de \(word)"
    }

    /// « de 40 000 € à 90 000 € HT », « jusqu’à 90 000 € HT », « 50 000 € HT », « à définir ».
    static func budget(_ budget: Budget?) -> String {
        switch budget {
        case .range(let min, let max) where min == max: FrenchFormat.amountHT(max)
        case .range(let min, let max) where min == 0: "jusqu’à \(FrenchFormat.amountHT(max))"
        case .range(let min, let max): "de \(FrenchFormat.amount(min)) à \(FrenchFormat.amountHT(max))"
        case .toBeDefined, .none: "à définir"
        }
    }

    /// « 1re », « 2e »: ordinal for a feminine noun (« 1re Matinale »).
    static func ordinalFeminine(_ n: Int) -> String { n == 1 ? "1re" : "\(n)e" }

    static func plural(_ n: Int, _ singular: String, _ pluralForm: String) -> String {
        "\(FrenchFormat.integer(n)) \(n > 1 ? pluralForm : singular)"
    }
}
