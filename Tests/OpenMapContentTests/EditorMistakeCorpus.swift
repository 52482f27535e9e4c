import Diagnostics
import Testing
@testable import OpenMapContent

/// One realistic editor mistake: a change to one file of the fixture, and the one error it must
/// give, located where the editor must act.
struct EditorMistake: CustomTestStringConvertible, Sendable {
    let name: String
    let path: String
    let old: String
    let new: String
    let code: String
    let line: Int
    let column: Int
    /// Text the French hint must contain (the right form of the value, when there is one).
    let hint: String?

    init(_ name: String, _ path: String, _ old: String, _ new: String,
         _ code: String, _ line: Int, _ column: Int, hint: String? = nil) {
        self.name = name
        self.path = path
        self.old = old
        self.new = new
        self.code = code
        self.line = line
        self.column = column
        self.hint = hint
    }

    var testDescription: String { name }
}

private let roadmap = "roadmaps/2015/plaine-commune.md"
private let matinale = "matinales/2015-10-15-usagers/index.md"
private let buyer = "buyers/plaine-commune.yaml"

/// The corpus: YAML syntax, fields, values as people write them, references, CSV.
let editorMistakes: [EditorMistake] = [
    // YAML syntax, explained where the editor must act.
    EditorMistake("tab in the indentation", buyer, "kind: intercommunalite", "\tkind: intercommunalite",
                  "yaml-syntax", 2, 1, hint: "espaces"),
    EditorMistake("« : » inside a title", roadmap, "title: Feuille de route 2015", "title: Feuille de route : 2015",
                  "yaml-syntax", 2, 25, hint: "title: \"Feuille de route\u{A0}: 2015\""),
    EditorMistake("« : » inside a list item's title", matinale, "    title: Accueil café", "    title: Accueil : café",
                  "yaml-syntax", 16, 20, hint: "guillemets"),
    EditorMistake("unclosed quote at the end of a file", "buyers/paris.yaml", "department: \"75\"", "department: \"75",
                  "yaml-syntax", 3, 13, hint: "department: \"75\""),
    EditorMistake("unclosed quote in a title", roadmap, "title: Feuille de route 2015", "title: \"Feuille de route 2015",
                  "yaml-syntax", 2, 8, hint: "title: \"Feuille de route 2015\""),
    EditorMistake("apostrophe inside single quotes", "pages/a-propos.md", "title: À propos", "title: 'L'équipe OpenMap'",
                  "yaml-syntax", 2, 10, hint: "title: \"L'équipe OpenMap\""),
    EditorMistake("text after a closing quote", "pages/a-propos.md", "description: Qui sommes-nous",
                  "description: \"Qui\" sommes-nous", "yaml-syntax", 3, 20, hint: "'\"Qui\" sommes-nous'"),
    EditorMistake("no space after the colon", "suppliers/acme.yaml", "size: pme", "size:pme",
                  "yaml-syntax", 3, 5, hint: "size: pme"),
    EditorMistake("no colon after the key", "suppliers/acme.yaml", "city: Montreuil", "city Montreuil",
                  "yaml-syntax", 4, 5, hint: "city: Montreuil"),
    EditorMistake("key indented one space too far", roadmap, "  to: 2016-09", "   to: 2016-09",
                  "yaml-syntax", 7, 4, hint: nil),
    EditorMistake("key indented one space short", roadmap, "  to: 2016-09", " to: 2016-09",
                  "yaml-syntax", 7, 2, hint: nil),
    EditorMistake("need field at the level of the dashes", roadmap, "    title: Portail open data", "  title: Portail open data",
                  "yaml-syntax", 23, 3, hint: "colonne 5"),
    EditorMistake("list of needs without « needs: »", roadmap, "needs:\n", "",
                  "yaml-syntax", 12, 3, hint: "needs:"),
    EditorMistake("value starting with @", "testimonials/paul-durand.md", "role: Acheteur", "role: @Acheteur",
                  "yaml-syntax", 3, 7, hint: "role: \"@Acheteur\""),
    EditorMistake("list without its closing bracket", "suppliers/acme.yaml", "themes: [mobilite, opendata]", "themes: [mobilite, opendata",
                  "yaml-syntax", 5, 9, hint: "themes: [mobilite, opendata]"),
    EditorMistake("dash glued to the key", matinale, "  - time: \"08:30\"", "  -time: \"08:30\"",
                  "yaml-syntax", 14, 3, hint: "- time"),
    EditorMistake("the same key twice", "buyers/paris.yaml", "kind: commune", "kind: commune\nname: Paris",
                  "duplicate-key", 3, 1, hint: "1 et 3"),
    // Fields.
    EditorMistake("misspelt required key", roadmap, "title: Feuille de route 2015", "tittle: Feuille de route 2015",
                  "unknown-key", 2, 1, hint: "« title »"),
    EditorMistake("misspelt optional key", "suppliers/acme.yaml", "city: Montreuil", "ville: Montreuil",
                  "unknown-key", 4, 1, hint: "city"),
    EditorMistake("horizon written as a list", roadmap, "  from: 2015-04\n  to: 2016-09", "  - from: 2015-04\n  - to: 2016-09",
                  "invalid-type", 6, 3, hint: "tirets"),
    EditorMistake("horizon without spaces after the colons", roadmap, "  from: 2015-04\n  to: 2016-09", "  from:2015-04\n  to:2016-09",
                  "invalid-type", 6, 3, hint: "from: 2015-04"),
    EditorMistake("representatives as a text", matinale, "representatives: [Paul Durand]", "representatives: Paul Durand",
                  "invalid-type", 35, 22, hint: "[a, b]"),
    EditorMistake("number in quotes", matinale, "---\nnumber: 1", "---\nnumber: \"1\"", "invalid-type", 2, 9, hint: "number: 1"),
    EditorMistake("draft: non", "pages/a-propos.md", "draft: false", "draft: non", "invalid-type", 5, 8, hint: "draft: false"),
    // Values as people write them.
    EditorMistake("department by name", buyer, "department: 93", "department: Seine-Saint-Denis",
                  "invalid-department", 3, 13, hint: "department: 93"),
    EditorMistake("department as a postcode", "buyers/paris.yaml", "department: \"75\"", "department: 75001",
                  "invalid-department", 3, 13, hint: "department: 75"),
    EditorMistake("budget with spaces and €", roadmap, "    budget: a-definir", "    budget: 50 000 €",
                  "invalid-budget", 27, 13, hint: "budget: 50000"),
    EditorMistake("budget minimum with €", roadmap, "budget: {min: 10000, max: 50000}", "budget: {min: 10 000 €, max: 50000}",
                  "invalid-budget", 18, 19, hint: "min: 10000"),
    EditorMistake("budget in thousands", roadmap, "    budget: a-definir", "    budget: 50k€",
                  "invalid-budget", 27, 13, hint: "budget: 50000"),
    EditorMistake("French date", roadmap, "published: 2015-04-17", "published: 17/04/2015",
                  "invalid-date", 3, 12, hint: "published: 2015-04-17"),
    EditorMistake("date in words", "testimonials/paul-durand.md", "date: 2015-10-15", "date: 15 octobre 2015",
                  "invalid-date", 7, 7, hint: "date: 2015-10-15"),
    EditorMistake("date not on the calendar", roadmap, "published: 2015-04-17", "published: 2015-02-30",
                  "invalid-date", 3, 12, hint: "jour"),
    EditorMistake("time as « 8h30 »", matinale, "start: \"08:30\"", "start: 8h30", "invalid-time", 5, 8, hint: "start: 08:30"),
    EditorMistake("status with an accent", roadmap, "status: publie", "status: Publié", "invalid-enum", 29, 13, hint: "« publie »"),
    EditorMistake("procedure written in words", roadmap, "procedure: procedure-adaptee", "procedure: Appel d'offres ouvert",
                  "invalid-enum", 20, 16, hint: "« appel-offres-ouvert »"),
    EditorMistake("launch as « T4 2015 »", roadmap, "launch: 2015-T4", "launch: T4 2015", "invalid-launch", 19, 13, hint: "launch: 2015-T4"),
    EditorMistake("month on one digit", roadmap, "  from: 2015-04", "  from: 2015-4", "invalid-month", 6, 9, hint: "from: 2015-04"),
    EditorMistake("need id with spaces", roadmap, "  - id: sig", "  - id: Système SIG", "invalid-slug", 13, 9, hint: "id: systeme-sig"),
    EditorMistake("website without https", buyer, "website: https://plainecommune.fr", "website: www.plainecommune.fr",
                  "invalid-url", 5, 10, hint: "website: https://www.plainecommune.fr"),
    EditorMistake("email with (at)", roadmap, "email: paul@example.fr", "email: paul(at)example.fr", "invalid-email", 11, 10),
    EditorMistake("SIRET with a wrong check digit", buyer, "siret: \"73282932000074\"", "siret: \"73282932000075\"",
                  "invalid-siret", 4, 8),
    EditorMistake("video duration in minutes", "pitches/acme-mobilite.md", "duration: \"03:15\"", "duration: 3 min",
                  "invalid-duration", 9, 13, hint: "duration: \"03:00\""),
    EditorMistake("duplicate need id", roadmap, "  - id: portail", "  - id: sig", "duplicate-id", 22, 9),
    // References.
    EditorMistake("theme written as its label", roadmap, "    theme: opendata", "    theme: Open data",
                  "unknown-theme", 24, 12, hint: "« opendata »"),
    EditorMistake("theme with a typo", roadmap, "    theme: mobilite", "    theme: mobilté", "unknown-theme", 15, 12, hint: "« mobilite »"),
    EditorMistake("unknown buyer of a round-table speaker", matinale, "      buyer: plaine-commune", "      buyer: plaine-comune",
                  "unknown-buyer", 31, 14, hint: "« plaine-commune »"),
    EditorMistake("unknown supplier of a pitch", "pitches/acme-mobilite.md", "supplier: acme", "supplier: acmee",
                  "unknown-supplier", 3, 11, hint: "« acme »"),
    EditorMistake("logo that does not exist", buyer, "logo: assets/logos/plaine-commune.svg", "logo: assets/logos/plaine-commune.png",
                  "missing-asset", 6, 7, hint: "plaine-commune.svg"),
    // CSV and front matter.
    EditorMistake("same meeting request twice", "matinales/2015-10-15-usagers/requests.csv", "carto-plus,plaine-commune,,",
                  "carto-plus,plaine-commune,,\nacme,plaine-commune,2,accepte", "duplicate-request", 5, 1, hint: "2 et 5"),
    EditorMistake("priority in words", "matinales/2015-10-15-usagers/requests.csv", "acme,paris,2,en-attente",
                  "acme,paris,haute,en-attente", "invalid-priority", 3, 12, hint: "1"),
    EditorMistake("front matter without its first line", "pages/a-propos.md", "---\ntitle: À propos", "title: À propos",
                  "missing-front-matter", 1, 1, hint: "---"),
]

@Suite struct EditorMistakeCorpusTests {
    @Test func theCorpusIsLargeEnough() {
        #expect(editorMistakes.count >= 40)
    }

    @Test(arguments: editorMistakes)
    func eachMistakeGivesOneLocatedFrenchErrorWithAHint(_ mistake: EditorMistake) throws {
        let fixture = try Fixture(Fixture.edit(mistake.path, mistake.old, mistake.new))
        defer { fixture.remove() }
        let found = fixture.diagnostics()
        try #require(found.count == 1, "\(mistake.name):\n\(found.summary)")
        let diagnostic = found[0]
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.code == mistake.code, "\(found.summary)")
        #expect(diagnostic.file == fixture.file(mistake.path))
        #expect(diagnostic.line == mistake.line && diagnostic.column == mistake.column,
                "\(mistake.name): \(diagnostic.line):\(diagnostic.column) \(diagnostic.message(in: .fr))")
        let french = try #require(diagnostic.hint(in: .fr), "no hint: \(diagnostic.message(in: .fr))")
        let english = try #require(diagnostic.hint(in: .en))
        if let expected = mistake.hint { #expect(french.contains(French.typography(expected)), "\(french)") }
        // The same error in English: other words, same place.
        #expect(diagnostic.message(in: .fr) != diagnostic.message(in: .en))
        #expect(french != english)
        #expect(!diagnostic.message(in: .en).contains("\u{202F}") && !english.contains("\u{A0}:"))
    }
}
