import Diagnostics
import Foundation
import OpenMapContent
@testable import OpenMapRender

/// A small hand-built site: 2 buyers, a roadmap with needs, Matinales (one a draft), a pitch,
/// a testimonial, free pages.
enum Fixture {
    static let templatesDirectory: String = {
        // Tests/OpenMapRenderTests/Fixture.swift → package root.
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates").path
    }()

    static func loc(_ file: String, _ line: Int = 1, _ column: Int = 1) -> SourceLocation {
        SourceLocation(file: "content/" + file, line: line, column: column)
    }

    static func text(_ source: String, _ file: String, line: Int, column: Int = 1) -> MarkdownText {
        MarkdownText(source, at: loc(file, line, column))
    }

    static func content(roadmapBody: String = "Notre contexte.\n\n# Calendrier\n\nVoir [la matinale](../../matinales/2015-04-17-lancement/index.md).",
                        buyerName: String = "Plaine Commune") -> SiteContent {
        let site = SiteSettings(
            title: "OpenMap Numériques", baseURL: "https://openmap.example.org/", language: "fr",
            description: "Permettre aux acheteurs publics franciliens de mieux connaître l’offre numérique.",
            organisation: PostalContact(name: "GIP Maximilien", address: "Paris", phone: "01 00 00 00 00"),
            publicationDirector: "Directrice", host: PostalContact(name: "Hébergeur", address: "Lille", phone: "03 00 00 00 00"),
            contact: Person(name: "Sandrine Bousquet", role: "Cheffe de projet", email: "contact@example.org", phone: "01 53 85 62 27"),
            navigation: [NavigationItem(title: "Accueil", path: "/"),
                         NavigationItem(title: "Feuilles de route", path: "/feuilles-de-route/"),
                         NavigationItem(title: "Matinales", path: "/matinales/"),
                         NavigationItem(title: "Pitchs", path: "/pitchs/"),
                         NavigationItem(title: "Témoignages", path: "/temoignages/")],
            accessibilityStatus: .partielle, accessibilityAuditDate: LocalDate(year: 2026, month: 1, day: 15),
            unsafeHTML: false, location: loc("site.yaml"))
        let buyers = [
            Buyer(slug: "plaine-commune", name: buyerName, kind: .intercommunalite, department: "93",
                  website: "https://plainecommune.fr", logo: "assets/logos/plaine-commune.svg",
                  description: text("Établissement public territorial du nord de Paris.", "buyers/plaine-commune.yaml", line: 6, column: 14),
                  location: loc("buyers/plaine-commune.yaml")),
            Buyer(slug: "seine-saint-denis", name: "Département de la Seine-Saint-Denis", kind: .departement,
                  department: "93", location: loc("buyers/seine-saint-denis.yaml")),
        ]
        let suppliers = [
            Supplier(slug: "carto-libre", name: "Carto Libre", size: .tpe, website: "https://carto.example",
                     city: "Montreuil", themes: ["cartographie"],
                     description: text("Cartes web accessibles.", "suppliers/carto-libre.yaml", line: 7, column: 14),
                     location: loc("suppliers/carto-libre.yaml")),
        ]
        let roadmap = Roadmap(
            year: 2015, buyer: "plaine-commune", title: "Feuille de route numérique 2015–2016",
            published: LocalDate(year: 2015, month: 4, day: 17), updated: LocalDate(year: 2015, month: 5, day: 1),
            horizonFrom: YearMonth(year: 2015, month: 4), horizonTo: YearMonth(year: 2016, month: 9),
            contact: Person(name: "Omer Laurin", role: "Directeur de la commande publique", email: "achats@example.org"),
            needs: [
                Need(id: "portail-opendata", title: "Portail open data", theme: "opendata",
                     cpv: ["72000000-5", "48610000"],
                     summary: text("Un portail pour publier nos **données**.", "roadmaps/2015/plaine-commune.md", line: 20, column: 14),
                     budget: .range(min: 40000, max: 90000), launch: .quarter(Quarter(year: 2015, quarter: 4)),
                     procedure: .procedureAdaptee, status: .publie, tenderURL: "https://marches.example.org/avis/42",
                     location: loc("roadmaps/2015/plaine-commune.md", 15, 5)),
                Need(id: "sig-mobile", title: "SIG mobile", theme: "cartographie", cpv: ["30200000"],
                     summary: text("Relevés de terrain.", "roadmaps/2015/plaine-commune.md", line: 28, column: 14),
                     budget: .toBeDefined, launch: .month(YearMonth(year: 2016, month: 3)),
                     procedure: .marcheInnovant, status: .envisage,
                     location: loc("roadmaps/2015/plaine-commune.md", 24, 5)),
            ],
            body: text(roadmapBody, "roadmaps/2015/plaine-commune.md", line: 31),
            location: loc("roadmaps/2015/plaine-commune.md"))
        let venue = Venue(name: "Hôtel de Région", address: "33 rue Barbet-de-Jouy", postcode: "75007", city: "Paris",
                          host: "Conseil régional d’Île-de-France")
        let matinale = Matinale(
            slug: "2015-04-17-lancement", number: 1, title: "Lancement d’OpenMap Numériques",
            date: LocalDate(year: 2015, month: 4, day: 17), start: LocalTime(hour: 8, minute: 30), end: LocalTime(hour: 12, minute: 30),
            venue: venue,
            programme: [ProgrammeItem(time: LocalTime(hour: 8, minute: 30), kind: .accueil, title: "Accueil café"),
                        ProgrammeItem(time: LocalTime(hour: 9, minute: 0), kind: .tableRonde, title: "Retours d’expérience", speakers: ["Omer Laurin"]),
                        ProgrammeItem(time: LocalTime(hour: 10, minute: 30), kind: .rendezVous, title: "Rendez-vous bilatéraux")],
            roundTable: RoundTable(title: "Acheter du numérique", moderator: "Sandrine Bousquet",
                                   speakers: [Speaker(name: "Omer Laurin", role: "Directeur de la commande publique",
                                                      organisation: "Plaine Commune", buyer: "plaine-commune")]),
            tables: [MatinaleTable(number: 1, buyer: "plaine-commune", representatives: ["Omer Laurin"]),
                     MatinaleTable(number: 2, buyer: "seine-saint-denis")],
            registration: Registration(url: "https://inscription.example.org/matinale-1"),
            stats: MatinaleStats(participants: 150, requests: 352, meetings: 93),
            body: text("Une première matinale très suivie.", "matinales/2015-04-17-lancement/index.md", line: 40),
            location: loc("matinales/2015-04-17-lancement/index.md"))
        let draft = Matinale(
            slug: "2016-05-12-cloture", number: 5, title: "Clôture", date: LocalDate(year: 2016, month: 5, day: 12),
            start: LocalTime(hour: 9, minute: 0), end: LocalTime(hour: 12, minute: 0), venue: venue, draft: true,
            body: text("Brouillon.", "matinales/2016-05-12-cloture/index.md", line: 10),
            location: loc("matinales/2016-05-12-cloture/index.md"))
        let pitch = Pitch(
            slug: "carto-libre-2015", title: "Des cartes pour tous", supplier: "carto-libre", matinale: "2015-04-17-lancement",
            themes: ["cartographie"],
            video: Video(provider: .youtube, id: "dQw4w9WgXcQ", durationSeconds: 185,
                         captions: "assets/captions/carto-libre.vtt", poster: "assets/posters/carto-libre.svg"),
            body: text("Carto Libre présente son outil.", "pitches/carto-libre-2015.md", line: 14),
            transcript: text("Bonjour à tous !", "pitches/carto-libre-2015.md", line: 18),
            location: loc("pitches/carto-libre-2015.md"))
        let testimonial = Testimonial(
            slug: "omer-laurin", person: "Omer Laurin", role: "Directeur de la commande publique", organisation: "Plaine Commune",
            buyer: "plaine-commune", matinale: "2015-04-17-lancement", date: LocalDate(year: 2015, month: 4, day: 17),
            body: text("La première Matinale a été très riche.", "testimonials/omer-laurin.md", line: 9),
            location: loc("testimonials/omer-laurin.md"))
        let pages = [
            Page(slug: "accessibilite", title: "Déclaration d’accessibilité", order: 2,
                 body: text("Ce site est partiellement conforme.", "pages/accessibilite.md", line: 6), location: loc("pages/accessibilite.md")),
            Page(slug: "mentions-legales", title: "Mentions légales", order: 1,
                 body: text("Éditeur : GIP Maximilien.", "pages/mentions-legales.md", line: 6), location: loc("pages/mentions-legales.md")),
            Page(slug: "brouillon", title: "Brouillon", draft: true,
                 body: text("Pas prêt.", "pages/brouillon.md", line: 6), location: loc("pages/brouillon.md")),
        ]
        return SiteContent(
            site: site,
            themes: [Theme(slug: "opendata", label: "Open data", description: ""),
                     Theme(slug: "cartographie", label: "Cartographie", description: "")],
            cpv: [CPVEntry(digits: "72000000", checkDigit: "5", label: "Services de technologies de l’information")],
            buyers: buyers, suppliers: suppliers, roadmaps: [roadmap], matinales: [matinale, draft],
            pitches: [pitch], testimonials: [testimonial], pages: pages,
            assets: ["assets/captions/carto-libre.vtt", "assets/logos/plaine-commune.svg", "assets/posters/carto-libre.svg"])
    }

    static func renderer() throws -> SiteRenderer {
        let (renderer, diagnostics) = SiteRenderer.load(templatesDirectory: templatesDirectory)
        guard let renderer else { throw FixtureError.templates(diagnostics) }
        return renderer
    }

    static func render(_ content: SiteContent, options: RenderOptions = RenderOptions())
        throws -> (files: [OutputFile], diagnostics: [Diagnostic])
    {
        try renderer().render(content, contentDirectory: "content", options: options)
    }

    enum FixtureError: Error { case templates([Diagnostic]) }
}

extension Array where Element == OutputFile {
    func html(_ path: String) -> String? {
        guard let file = first(where: { $0.path == path }), case .bytes(let bytes) = file.contents else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
