import Diagnostics
import Foundation
import OpenMapTestSupport
import Testing
@testable import OpenMapContent

/// Good and bad content files through the loader and through the JSON Schemas of `openmap
/// schemas` (validated by Python's jsonschema, YAML read as schemas/validate-content.py reads it):
/// wherever a schema can express a rule, the two give the same verdict, so that an editor's YAML
/// tooling underlines what `openmap check` refuses, and nothing else.
///
/// Rules a JSON Schema cannot express, left to `openmap check` (each has a case below, so that a
/// rule the schemas learn to express moves to the agreeing cases):
/// - references to other files, with the plain schemas: a theme, buyer, supplier or Matinale slug
///   that does not exist (`openmap schemas --content DIR` makes them enumerations: then they are
///   checked, and so is a CPV code's check digit against cpv.yaml);
/// - a file's place: the year folder of a roadmap against `published`, the buyer named by its file
///   name, a page whose slug the site uses itself;
/// - uniqueness: need ids in a roadmap, table numbers and buyers in a Matinale, Matinale numbers
///   across files, themes and CPV codes listed twice;
/// - comparisons between values: `updated` before `published`, a horizon backwards or over 24
///   months, budget `min` above `max`, a Matinale ending before it starts, programme times out of
///   order or outside the morning, meetings and breaks outside their hours, registration closing
///   before it opens;
/// - check keys: the Luhn key of a SIRET or SIREN;
/// - files: a logo, captions or poster that does not exist; `meetings` when requests.csv exists;
/// - numbers as YAML reads them: `093`, `+1`, `1.0` are the numbers 93, 1 and 1 to a schema, and a
///   SIRET, SIREN or CPV code written without quotes has lost its leading zeros, so a schema can
///   bound its digits but not count them.
@Suite struct SchemaAgreementTests {
    /// Where a rule can be checked.
    enum Reach: Sendable {
        /// By every schema.
        case schemas
        /// Only by the schemas of `openmap schemas --content` (the site's own slugs and codes).
        case siteSchemas
        /// By the loader alone (why, in a few words).
        case loaderOnly(String)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The file judged, relative to the content folder.
        let path: String
        /// Changes to the fixture (nil removes a file).
        let changes: [String: String?]
        /// The contract's verdict, which the loader must give.
        let valid: Bool
        let reach: Reach

        var testDescription: String { name }
    }

    static func good(_ name: String, _ path: String, _ old: String? = nil, _ new: String = "") -> Case {
        Case(name: name, path: path, changes: old.map { Fixture.edit(path, $0, new) } ?? [:], valid: true, reach: .schemas)
    }

    static func bad(_ name: String, _ path: String, _ old: String, _ new: String, _ reach: Reach = .schemas) -> Case {
        Case(name: name, path: path, changes: Fixture.edit(path, old, new), valid: false, reach: reach)
    }

    static let buyer = "buyers/plaine-commune.yaml", paris = "buyers/paris.yaml", supplier = "suppliers/acme.yaml"
    static let roadmap = "roadmaps/2015/plaine-commune.md", matinale = "matinales/2015-10-15-usagers/index.md"
    static let pitch = "pitches/acme-mobilite.md", testimonial = "testimonials/paul-durand.md", page = "pages/a-propos.md"
    /// The fixture Matinale's `meetings:` block, up to the end of its front matter.
    static var meetingsBlock: String {
        let text = Fixture.files[matinale] ?? ""
        guard let start = text.range(of: "meetings:\n"), let end = text.range(of: "---\nUne matinée") else { return "" }
        return String(text[start.lowerBound..<end.lowerBound])
    }
    static let videoBlock = """
        video:
          provider: youtube
          id: abc123
          duration: "03:15"
          captions: assets/videos/acme.vtt

        """
    static let numbers = "YAML reads it as the same number"

    static let cases: [Case] = [
        // Settings, themes, CPV codes.
        good("the settings", "site.yaml"),
        good("a phone number without spaces (a number to YAML)", "site.yaml", "  phone: 04 00 00 00 00", "  phone: 0400000000"),
        bad("base_url in http", "site.yaml", "base_url: https://openmap.example.fr", "base_url: http://openmap.example.fr"),
        bad("a language other than fr", "site.yaml", "language: fr", "language: en"),
        bad("a navigation path without its slash", "site.yaml", "    path: /feuilles-de-route/", "    path: feuilles-de-route/"),
        bad("a navigation address without a host", "site.yaml", "    path: /feuilles-de-route/", "    path: https://"),
        bad("an accessibility status misspelt", "site.yaml", "  status: partielle", "  status: partiel"),
        bad("an empty title in quotes", "site.yaml", "title: OpenMap Numériques", "title: \" \""),
        good("the themes", "themes.yaml"),
        bad("a theme slug with a space", "themes.yaml", "- slug: opendata", "- slug: Open data"),
        bad("a theme without a label", "themes.yaml", "  label: Open data\n", ""),
        bad("a theme listed twice", "themes.yaml", "- slug: opendata", "- slug: mobilite", .loaderOnly("uniqueness")),
        good("the CPV codes", "cpv.yaml"),
        good("a CPV code without its check digit nor quotes", "cpv.yaml", "- code: 72000000-5", "- code: 72000000"),
        bad("a CPV code of seven digits", "cpv.yaml", "- code: 72000000-5", "- code: \"7200000\""),
        bad("a CPV code without its label", "cpv.yaml", "  label: Logiciels et systèmes d'information\n", ""),
        bad("a CPV code listed twice", "cpv.yaml", "- code: 48000000-8", "- code: 72000000-5", .loaderOnly("uniqueness")),

        // Buyers.
        good("a buyer with every field", buyer),
        good("a department in quotes", paris),
        good("a SIRET without quotes", buyer, "siret: \"73282932000074\"", "siret: 73282932000074"),
        good("a SIRET in groups of digits", buyer, "siret: \"73282932000074\"", "siret: \"732 829 320 00074\""),
        good("a name that is a number", paris, "name: Ville de Paris", "name: 1789"),
        good("an optional field left empty", buyer, "website: https://plainecommune.fr", "website:"),
        good("a website in capitals", buyer, "website: https://plainecommune.fr", "website: HTTPS://PLAINECOMMUNE.FR"),
        bad("a department by name", buyer, "department: 93", "department: Seine-Saint-Denis"),
        bad("a department outside Île-de-France", buyer, "department: 93", "department: 13"),
        bad("a department of Corsica", buyer, "department: 93", "department: 2A"),
        bad("a kind with capitals and accents", buyer, "kind: intercommunalite", "kind: Intercommunalité"),
        bad("no name", paris, "name: Ville de Paris\n", ""),
        bad("a name left empty", paris, "name: Ville de Paris", "name:"),
        bad("a name as a list", paris, "name: Ville de Paris", "name: [Ville, Paris]"),
        bad("no department", paris, "department: \"75\"\n", ""),
        bad("a misspelt key", paris, "department: \"75\"", "departement: \"75\""),
        bad("a SIRET of ten digits", buyer, "siret: \"73282932000074\"", "siret: \"7328293200\""),
        bad("a SIRET with a letter", buyer, "siret: \"73282932000074\"", "siret: \"7328293200007A\""),
        bad("a website without its scheme", buyer, "website: https://plainecommune.fr", "website: www.plainecommune.fr"),
        bad("a website in ftp", buyer, "website: https://plainecommune.fr", "website: ftp://plainecommune.fr"),
        bad("a website without a host", buyer, "website: https://plainecommune.fr", "website: https:///plainecommune"),
        bad("a logo outside assets/", buyer, "logo: assets/logos/plaine-commune.svg", "logo: logos/plaine-commune.svg"),
        bad("a logo climbing out of assets/", buyer, "logo: assets/logos/plaine-commune.svg", "logo: assets/../site.yaml"),
        bad("a SIRET with a wrong Luhn key", buyer, "siret: \"73282932000074\"", "siret: \"73282932000075\"", .loaderOnly("Luhn key")),
        bad("a short SIRET without quotes", buyer, "siret: \"73282932000074\"", "siret: 7328293200", .loaderOnly(numbers)),
        bad("a department with a leading zero", buyer, "department: 93", "department: 093", .loaderOnly(numbers)),
        bad("a logo that does not exist", buyer, "logo: assets/logos/plaine-commune.svg", "logo: assets/logos/absent.svg",
            .loaderOnly("files")),

        // Suppliers.
        good("a supplier", supplier),
        good("a supplier with a list of themes", "suppliers/carto-plus.yaml"),
        good("a SIREN without quotes", supplier, "siren: \"732829320\"", "siren: 732829320"),
        good("a SIREN in groups of digits", supplier, "siren: \"732829320\"", "siren: \"732 829 320\""),
        good("a city that is a number", supplier, "city: Montreuil", "city: 93100"),
        good("themes left empty", supplier, "themes: [mobilite, opendata]", "themes:"),
        bad("a size in capitals", supplier, "size: pme", "size: PME"),
        bad("an unknown size", supplier, "size: pme", "size: startup"),
        bad("themes as a text", supplier, "themes: [mobilite, opendata]", "themes: mobilite"),
        bad("a theme that is not a slug", supplier, "themes: [mobilite, opendata]", "themes: [Open data]"),
        bad("a SIREN of eight digits", supplier, "siren: \"732829320\"", "siren: \"73282932\""),
        bad("a key in French", supplier, "city: Montreuil", "ville: Montreuil"),
        bad("an unknown theme", supplier, "themes: [mobilite, opendata]", "themes: [mobilit, opendata]", .siteSchemas),
        bad("a SIREN with a wrong Luhn key", supplier, "siren: \"732829320\"", "siren: \"732829321\"", .loaderOnly("Luhn key")),
        good("a department without quotes", supplier, "department: \"93\"", "department: 93"),
        good("a department outside Île-de-France (its postcode elsewhere: a warning)", supplier, "department: \"93\"", "department: \"69\""),
        good("an overseas department", supplier, "department: \"93\"", "department: \"974\""),
        good("a Corsican department", supplier, "department: \"93\"", "department: 2A"),
        good("a postcode without a department", supplier, "department: \"93\"\n", ""),
        good("a postcode without quotes", supplier, "postcode: \"93100\"", "postcode: 93100"),
        good("a CPV division without quotes", supplier, "[\"72\", 48000000-8]", "[72, 48000000-8]"),
        good("a contact with a name alone", supplier, "  role: Directrice commerciale\n  email: jeanne.martin@acme.example\n  phone: 01 23 45 67 89\n", ""),
        good("a reference with a title alone", supplier, "    buyer: plaine-commune\n    year: 2014\n", ""),
        bad("a department that does not exist", supplier, "department: \"93\"", "department: \"2C\""),
        bad("department 20 (Corsica is 2A and 2B)", supplier, "department: \"93\"", "department: \"20\""),
        bad("a department name", supplier, "department: \"93\"", "department: Seine-Saint-Denis"),
        bad("a postcode of four digits", supplier, "postcode: \"93100\"", "postcode: \"9310\""),
        bad("a CPV of three digits", supplier, "[\"72\", 48000000-8]", "[\"723\", 48000000-8]"),
        bad("CPV codes as a text", supplier, "[\"72\", 48000000-8]", "\"72, 48000000-8\""),
        bad("a contact without a name", supplier, "  name: Jeanne Martin\n", ""),
        bad("a contact with a broken email", supplier, "jeanne.martin@acme.example", "jeanne.martin.acme.example"),
        bad("a reference without a title", supplier, "  - title: Portail open data\n    buyer", "  - buyer"),
        bad("a reference year in letters", supplier, "year: 2014", "year: deux mille quatorze"),
        bad("an unknown key in a reference", supplier, "year: 2014", "annee: 2014"),
        bad("a reference to an unknown buyer", supplier, "buyer: plaine-commune", "buyer: plaine-comune", .siteSchemas),

        // Roadmaps.
        good("a roadmap", roadmap),
        good("a single budget amount", roadmap, "    budget: a-definir", "    budget: 60000"),
        good("a need id that is a number", roadmap, "  - id: portail", "  - id: 2"),
        good("status publie without tender_url (a warning)", roadmap, "    tender_url: https://marches.example.fr/123\n", ""),
        good("a CPV code missing from cpv.yaml (a warning)", roadmap, "cpv: [72000000-5]", "cpv: [72212000-4]"),
        good("a CPV code without quotes nor check digit", roadmap, "cpv: [72000000-5]", "cpv: [72000000]"),
        good("29 February of a leap year", roadmap, "updated: 2015-06-01", "updated: 2016-02-29"),
        good("a launch outside the horizon (a warning)", roadmap, "launch: 2015-T4", "launch: 2017-T1"),
        good("a draft", roadmap, "title: Feuille de route 2015", "title: Feuille de route 2015\ndraft: true"),
        bad("a budget with spaces and €", roadmap, "    budget: a-definir", "    budget: 50 000 €"),
        bad("a budget in quotes", roadmap, "    budget: a-definir", "    budget: \"60000\""),
        bad("a budget minimum with €", roadmap, "budget: {min: 10000, max: 50000}", "budget: {min: 10 000 €, max: 50000}"),
        bad("a budget without its maximum", roadmap, "budget: {min: 10000, max: 50000}", "budget: {min: 10000}"),
        bad("a negative budget", roadmap, "budget: {min: 10000, max: 50000}", "budget: {min: -10, max: 50000}"),
        bad("« A définir »", roadmap, "    budget: a-definir", "    budget: A définir"),
        bad("a French date", roadmap, "published: 2015-04-17", "published: 17/04/2015"),
        bad("a thirteenth month", roadmap, "published: 2015-04-17", "published: 2015-13-01"),
        bad("31 April", roadmap, "updated: 2015-06-01", "updated: 2015-04-31"),
        bad("29 February of a common year", roadmap, "updated: 2015-06-01", "updated: 2015-02-29"),
        bad("a horizon without its end", roadmap, "  to: 2016-09\n", ""),
        bad("a month on one digit", roadmap, "  from: 2015-04", "  from: 2015-4"),
        bad("a horizon as a text", roadmap, "horizon:\n  from: 2015-04\n  to: 2016-09", "horizon: 2015-04"),
        Case(name: "no needs", path: roadmap, changes: [roadmap: withoutNeeds], valid: false, reach: .schemas),
        bad("a need id with spaces", roadmap, "  - id: sig", "  - id: Système SIG"),
        bad("a need without summary", roadmap, "    summary: Un SIG pour le territoire.\n", ""),
        bad("a need without launch", roadmap, "    launch: 2015-T4\n", ""),
        bad("a launch « T4 2015 »", roadmap, "launch: 2015-T4", "launch: T4 2015"),
        bad("a fifth quarter", roadmap, "launch: 2015-T4", "launch: 2015-T5"),
        bad("a procedure as an abbreviation", roadmap, "procedure: procedure-adaptee", "procedure: MAPA"),
        bad("a status with an accent", roadmap, "status: publie", "status: Publié"),
        bad("a tender_url without its scheme", roadmap, "tender_url: https://marches.example.fr/123", "tender_url: marches.example.fr/123"),
        bad("a CPV code of seven digits in quotes", roadmap, "cpv: [72000000-5]", "cpv: [\"7200000\"]"),
        bad("CPV codes as a text", roadmap, "cpv: [72000000-5]", "cpv: 72000000-5"),
        bad("a contact without name", roadmap, "  name: Paul Durand\n  role: Acheteur", "  role: Acheteur"),
        bad("an email with two @", roadmap, "email: paul@example.fr", "email: paul@@example.fr"),
        bad("an email with (at)", roadmap, "email: paul@example.fr", "email: paul(at)example.fr"),
        bad("draft: oui", roadmap, "title: Feuille de route 2015", "title: Feuille de route 2015\ndraft: oui"),
        bad("an unknown key in a need", roadmap, "    procedure: procedure-adaptee", "    procedure: procedure-adaptee\n    budjet: 1000"),
        bad("a theme written as its label", roadmap, "    theme: opendata", "    theme: Open data"),
        bad("a theme with a typo", roadmap, "    theme: mobilite", "    theme: mobilit", .siteSchemas),
        bad("a CPV check digit other than cpv.yaml's", roadmap, "cpv: [72000000-5]", "cpv: [72000000-9]", .siteSchemas),
        bad("budget min above max", roadmap, "budget: {min: 10000, max: 50000}", "budget: {min: 50000, max: 10000}",
            .loaderOnly("comparison")),
        bad("published in another year than its folder", roadmap, "published: 2015-04-17\nupdated: 2015-06-01",
            "published: 2016-04-17", .loaderOnly("place")),
        bad("updated before published", roadmap, "updated: 2015-06-01", "updated: 2015-01-01", .loaderOnly("comparison")),
        bad("a horizon of 30 months", roadmap, "  to: 2016-09", "  to: 2017-09", .loaderOnly("comparison")),
        bad("a horizon backwards", roadmap, "  to: 2016-09", "  to: 2015-01", .loaderOnly("comparison")),
        bad("a need id twice", roadmap, "  - id: portail", "  - id: sig", .loaderOnly("uniqueness")),
        bad("a short CPV code without quotes", roadmap, "cpv: [72000000-5]", "cpv: [7200000]", .loaderOnly(numbers)),
        bad("a budget with a decimal point", roadmap, "    budget: a-definir", "    budget: 60000.0", .loaderOnly(numbers)),
        Case(name: "the roadmap of an unknown buyer", path: "roadmaps/2015/inconnu.md",
             changes: [roadmap: nil, "roadmaps/2015/inconnu.md": Fixture.files[roadmap]], valid: false, reach: .loaderOnly("place")),

        // Matinales.
        good("a Matinale", matinale),
        good("a postcode without quotes", matinale, "postcode: \"93400\"", "postcode: 93400"),
        good("a postcode with a leading zero, without quotes", matinale, "postcode: \"93400\"", "postcode: 01000"),
        good("times without quotes", matinale, "start: \"08:30\"", "start: 08:30"),
        good("timetables not published", matinale, "  gap_minutes: 5", "  gap_minutes: 5\n  publish: false"),
        good("registration and figures", matinale, "title: Le numérique au service des usagers", """
            title: Le numérique au service des usagers
            registration: {url: https://inscription.example.fr, opens: 2015-09-01, closes: 2015-10-12}
            stats: {participants: 150, requests: 352, meetings: 93}
            """),
        bad("number zero", matinale, "---\nnumber: 1", "---\nnumber: 0"),
        bad("a number in quotes", matinale, "---\nnumber: 1", "---\nnumber: \"1\""),
        bad("a number in words", matinale, "---\nnumber: 1", "---\nnumber: un"),
        bad("a French date", matinale, "date: 2015-10-15", "date: 15/10/2015"),
        bad("a time « 8h30 »", matinale, "start: \"08:30\"", "start: 8h30"),
        bad("an hour on one digit", matinale, "start: \"08:30\"", "start: \"8:30\""),
        bad("25 o'clock", matinale, "end: \"12:30\"", "end: \"25:00\""),
        bad("a venue without postcode", matinale, "  postcode: \"93400\"\n", ""),
        bad("a postcode that is a town", matinale, "postcode: \"93400\"", "postcode: Saint-Ouen"),
        bad("an unknown programme kind", matinale, "    kind: accueil", "    kind: pause-cafe"),
        bad("a programme item without title", matinale, "    title: Accueil café\n", ""),
        bad("a table number zero", matinale, "  - number: 2", "  - number: 0"),
        bad("representatives as a text", matinale, "representatives: [Paul Durand]", "representatives: Paul Durand"),
        bad("slots of 3 minutes", matinale, "  slot_minutes: 20", "  slot_minutes: 3"),
        bad("meetings without slot_minutes", matinale, "  slot_minutes: 20\n", ""),
        bad("publish: non", matinale, "  gap_minutes: 5", "  gap_minutes: 5\n  publish: non"),
        bad("a registration address without its scheme", matinale, "title: Le numérique au service des usagers",
            "title: Le numérique au service des usagers\nregistration: {url: inscription.example.fr}"),
        bad("negative figures", matinale, "title: Le numérique au service des usagers",
            "title: Le numérique au service des usagers\nstats: {participants: -1}"),
        bad("figures in words", matinale, "title: Le numérique au service des usagers",
            "title: Le numérique au service des usagers\nstats: {participants: 150 personnes}"),
        bad("an unknown key", matinale, "title: Le numérique au service des usagers",
            "title: Le numérique au service des usagers\ntheme: usagers"),
        bad("an unknown buyer at a table", matinale, "    buyer: paris", "    buyer: pariss", .siteSchemas),
        bad("an unknown buyer of a round-table speaker", matinale, "      buyer: plaine-commune", "      buyer: plaine-comune",
            .siteSchemas),
        bad("an end before the start", matinale, "end: \"12:30\"", "end: \"08:00\"", .loaderOnly("comparison")),
        bad("programme times out of order", matinale, "time: \"09:00\"", "time: \"08:00\"", .loaderOnly("comparison")),
        bad("two tables with one number", matinale, "  - number: 2", "  - number: 1", .loaderOnly("uniqueness")),
        bad("a buyer at two tables", matinale, "    buyer: paris", "    buyer: plaine-commune", .loaderOnly("uniqueness")),
        bad("meetings before the morning starts", matinale, "  start: \"10:00\"", "  start: \"07:00\"", .loaderOnly("comparison")),
        bad("a break after the meetings", matinale, "      end: \"11:15\"", "      end: \"12:45\"", .loaderOnly("comparison")),
        bad("registration closing before it opens", matinale, "title: Le numérique au service des usagers",
            "title: Le numérique au service des usagers\nregistration: {opens: 2015-10-01, closes: 2015-09-01}",
            .loaderOnly("comparison")),
        bad("requests.csv without meetings", matinale, meetingsBlock, "", .loaderOnly("files")),
        Case(name: "a Matinale number used twice", path: "matinales/2016-01-20-donnees/index.md",
             changes: ["matinales/2016-01-20-donnees/index.md": Fixture.files[matinale]?.replacingOccurrences(of: meetingsBlock, with: "")],
             valid: false, reach: .loaderOnly("uniqueness")),

        // Pitches.
        good("a pitch", pitch),
        good("a video by its address", pitch, "  provider: youtube\n  id: abc123", "  provider: peertube\n  url: https://video.example.fr/w/abc"),
        good("a video id that is a number", pitch, "  id: abc123", "  id: 123456"),
        good("a duration without quotes", pitch, "duration: \"03:15\"", "duration: 03:15"),
        bad("a video without id nor address", pitch, "  id: abc123\n", ""),
        bad("a video id left empty", pitch, "  id: abc123", "  id:"),
        bad("a provider with capitals", pitch, "provider: youtube", "provider: YouTube"),
        bad("a duration in minutes", pitch, "duration: \"03:15\"", "duration: 3 min"),
        bad("75 seconds", pitch, "duration: \"03:15\"", "duration: \"3:75\""),
        bad("captions outside assets/", pitch, "captions: assets/videos/acme.vtt", "captions: videos/acme.vtt"),
        bad("captions in SubRip", pitch, "captions: assets/videos/acme.vtt", "captions: assets/videos/acme.srt"),
        bad("a poster that is not a picture", pitch, "  captions: assets/videos/acme.vtt",
            "  captions: assets/videos/acme.vtt\n  poster: assets/videos/acme.vtt"),
        bad("no video", pitch, videoBlock, ""),
        bad("a video address without its scheme", pitch, "  id: abc123", "  url: video.example.fr/abc"),
        bad("an unknown supplier", pitch, "supplier: acme", "supplier: acmee", .siteSchemas),
        bad("an unknown Matinale", pitch, "matinale: 2015-10-15-usagers", "matinale: 2015-10-16-usagers", .siteSchemas),
        bad("an unknown theme", pitch, "themes: [mobilite]", "themes: [mobilit]", .siteSchemas),
        bad("captions that do not exist", pitch, "captions: assets/videos/acme.vtt", "captions: assets/videos/absent.vtt",
            .loaderOnly("files")),

        // Testimonials.
        good("a testimonial", testimonial),
        good("a testimonial with a video", testimonial, "date: 2015-10-15", "date: 2015-10-15\nvideo: {provider: vimeo, id: 12345}"),
        bad("no person", testimonial, "person: Paul Durand\n", ""),
        bad("a date in words", testimonial, "date: 2015-10-15", "date: 15 octobre 2015"),
        bad("a buyer by its name", testimonial, "buyer: plaine-commune", "buyer: Plaine Commune"),
        bad("a video as an address", testimonial, "date: 2015-10-15", "date: 2015-10-15\nvideo: https://vimeo.com/12345"),
        bad("an unknown buyer", testimonial, "buyer: plaine-commune", "buyer: plaine-comune", .siteSchemas),
        bad("an unknown Matinale", testimonial, "matinale: 2015-10-15-usagers", "matinale: usagers", .siteSchemas),

        // Pages.
        good("a page", page),
        good("a title that is a number", page, "title: À propos", "title: 404"),
        good("a negative order", page, "order: 1", "order: -1"),
        good("draft: False", page, "draft: false", "draft: False"),
        bad("an order in words", page, "order: 1", "order: premier"),
        bad("an order in quotes", page, "order: 1", "order: \"1\""),
        bad("no title", page, "title: À propos\n", ""),
        bad("a title as a list", page, "title: À propos", "title: [À, propos]"),
        bad("draft in quotes", page, "draft: false", "draft: \"false\""),
        bad("draft: non", page, "draft: false", "draft: non"),
        bad("draft: tRue", page, "draft: false", "draft: tRue"),
        bad("an order with a decimal point", page, "order: 1", "order: 1.0", .loaderOnly(numbers)),
        bad("an order with a plus sign", page, "order: 1", "order: +1", .loaderOnly(numbers)),
        Case(name: "a page slug the site uses", path: "pages/besoins.md",
             changes: [page: nil, "pages/besoins.md": Fixture.files[page]], valid: false, reach: .loaderOnly("place")),
    ]

    /// The fixture's roadmap with an empty list of needs.
    static var withoutNeeds: String {
        let text = Fixture.files[roadmap] ?? ""
        guard let start = text.range(of: "needs:\n"), let end = text.range(of: "---\nLe contexte") else { return text }
        return text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "needs: []\n")
    }

    /// The schema kind of a content file (`buyers/x.yaml` → buyer).
    static func kind(of path: String) -> ContentSchema.Kind? {
        ContentSchema.kinds.first { kind in
            let parts = kind.filePattern.split(separator: "/").map(String.init)
            let names = path.split(separator: "/").map(String.init)
            return parts.count == names.count && zip(parts, names).allSatisfy { pattern, name in
                pattern == name || (pattern.hasPrefix("*") && name.hasSuffix(pattern.dropFirst()))
            }
        }
    }

    /// Reads each case's file as schemas/validate-content.py does and validates it: one line of
    /// problems per case, as JSON.
    static let script = """
        import importlib.util, json, sys
        spec = importlib.util.spec_from_file_location("validate_content", sys.argv[1])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        with open(sys.argv[2], encoding="utf-8") as f:
            cases = json.load(f)
        validators, out = {}, []
        for case in cases:
            key = (case["schemas"], case["kind"])
            if key not in validators:
                validators[key] = module.validator(*key)
            data = module.read(case["file"], module.KINDS[case["kind"]][1])
            out.append(["/".join(map(str, e.absolute_path)) + ": " + e.message for e in validators[key].iter_errors(data)])
        print(json.dumps(out))
        """

    @Test func loaderAndSchemasGiveTheSameVerdicts() throws {
        guard Python.hasJSONSchema else {
            print("skipped: python3 with jsonschema and PyYAML is not available (make test installs them)")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-agreement-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let plain = work.appendingPathComponent("schemas"), site = work.appendingPathComponent("site-schemas")
        let base = try Fixture()
        let vocabulary = ContentSchema.Vocabulary(base.load().content)
        base.remove()
        for (folder, schemas) in [(plain, ContentSchema.generate()), (site, ContentSchema.generate(vocabulary: vocabulary))] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for schema in schemas { try Data(schema.text.utf8).write(to: folder.appendingPathComponent(schema.fileName)) }
        }

        var manifest: [[String: String]] = []
        var loaderErrors: [[String]] = []
        for (index, item) in Self.cases.enumerated() {
            let kind = try #require(Self.kind(of: item.path), "\(item.name): no schema for \(item.path)")
            let fixture = try Fixture(item.changes)
            defer { fixture.remove() }
            loaderErrors.append(fixture.diagnostics()
                .filter { $0.severity == .error && $0.file == fixture.file(item.path) }
                .map { "\($0.line):\($0.column) \($0.code): \($0.message(in: .en))" })
            let copy = work.appendingPathComponent("case-\(index)-" + (item.path as NSString).lastPathComponent)
            try FileManager.default.copyItem(atPath: fixture.file(item.path), toPath: copy.path)
            for folder in [plain, site] {
                manifest.append(["schemas": folder.path, "kind": kind.id, "file": copy.path])
            }
        }
        let manifestURL = work.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        let validator = Self.repository.appendingPathComponent("schemas/validate-content.py").path
        let result = try #require(Python.run(script: Self.script, arguments: [validator, manifestURL.path]))
        try #require(result.status == 0, "\(String(decoding: result.output, as: UTF8.self))")
        let problems = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String]])
        try #require(problems.count == manifest.count)

        for (index, item) in Self.cases.enumerated() {
            let loader = loaderErrors[index], plainSchemas = problems[2 * index], siteSchemas = problems[2 * index + 1]
            #expect(loader.isEmpty == item.valid,
                    "\(item.name): the loader \(item.valid ? "refuses" : "accepts") it\n\(loader.joined(separator: "\n"))")
            let expected: (plain: Bool, site: Bool) = switch item.reach {
            case .schemas: (item.valid, item.valid)
            case .siteSchemas: (true, item.valid)
            case .loaderOnly: (true, true)
            }
            #expect(plainSchemas.isEmpty == expected.plain,
                    "\(item.name): the schemas \(expected.plain ? "refuse" : "accept") it\n\(plainSchemas.joined(separator: "\n"))")
            #expect(siteSchemas.isEmpty == expected.site,
                    "\(item.name): the site's schemas \(expected.site ? "refuse" : "accept") it\n\(siteSchemas.joined(separator: "\n"))")
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
