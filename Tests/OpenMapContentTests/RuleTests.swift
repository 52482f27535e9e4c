import Diagnostics
import Testing
@testable import OpenMapContent

/// One broken fixture and the diagnostic it must produce.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let changes: [String: String?]
    let file: String
    let line: Int
    let column: Int
    let code: String
    var severity: Severity = .error
    var message: String?
    var hint: String?
    var testDescription: String { name }
}

private let roadmap = "roadmaps/2015/plaine-commune.md"
private let matinale = "matinales/2015-10-15-usagers/index.md"
private let requests = "matinales/2015-10-15-usagers/requests.csv"
private let availability = "matinales/2015-10-15-usagers/availability.csv"
private let pitch = "pitches/acme-mobilite.md"

private func edit(_ path: String, _ old: String, _ new: String) -> [String: String?] { Fixture.edit(path, old, new) }

private let roadmapCases: [RuleCase] = [
    RuleCase(name: "unknown theme", changes: edit(roadmap, "theme: mobilite", "theme: mobilté"), file: roadmap, line: 15, column: 12,
             code: "unknown-theme", message: "unknown theme « mobilté »", hint: "did you mean « mobilite »? Themes are listed in"),
    RuleCase(name: "malformed date", changes: edit(roadmap, "published: 2015-04-17", "published: 2015/04/17"), file: roadmap,
             line: 3, column: 12, code: "invalid-date", message: "a date YYYY-MM-DD, found « 2015/04/17 »"),
    RuleCase(name: "date not on the calendar", changes: edit(roadmap, "published: 2015-04-17", "published: 2015-02-30"), file: roadmap,
             line: 3, column: 12, code: "invalid-date", message: "« 2015-02-30 » is not a date of the calendar"),
    RuleCase(name: "published year differs from folder", changes: edit(roadmap, "published: 2015-04-17", "published: 2014-12-10"),
             file: roadmap, line: 3, column: 12, code: "published-year-mismatch"),
    RuleCase(name: "updated before published", changes: edit(roadmap, "updated: 2015-06-01", "updated: 2015-01-01"), file: roadmap,
             line: 4, column: 10, code: "updated-before-published"),
    RuleCase(name: "horizon ends before it starts", changes: edit(roadmap, "to: 2016-09", "to: 2015-03"), file: roadmap,
             line: 7, column: 7, code: "invalid-horizon"),
    RuleCase(name: "horizon over 24 months", changes: edit(roadmap, "to: 2016-09", "to: 2017-09"), file: roadmap,
             line: 7, column: 7, code: "invalid-horizon", message: "30 months"),
    RuleCase(name: "horizon under 12 months", changes: edit(roadmap, "to: 2016-09", "to: 2015-12"), file: roadmap,
             line: 7, column: 7, code: "horizon-length", severity: .warning),
    RuleCase(name: "month malformed", changes: edit(roadmap, "from: 2015-04", "from: 2015-13"), file: roadmap,
             line: 6, column: 9, code: "invalid-month"),
    RuleCase(name: "launch outside horizon", changes: edit(roadmap, "launch: 2016-03", "launch: 2017-03"), file: roadmap,
             line: 28, column: 13, code: "launch-outside-horizon", severity: .warning),
    RuleCase(name: "launch malformed", changes: edit(roadmap, "launch: 2015-T4", "launch: 2015-T5"), file: roadmap,
             line: 19, column: 13, code: "invalid-launch"),
    RuleCase(name: "duplicate need id", changes: edit(roadmap, "id: portail", "id: sig"), file: roadmap, line: 22, column: 9,
             code: "duplicate-id", message: "already used on line 13"),
    RuleCase(name: "need id not a slug", changes: edit(roadmap, "id: portail", "id: Portail_1"), file: roadmap, line: 22, column: 9,
             code: "invalid-slug"),
    RuleCase(name: "budget min above max", changes: edit(roadmap, "{min: 10000, max: 50000}", "{min: 60000, max: 50000}"),
             file: roadmap, line: 18, column: 19, code: "invalid-budget"),
    RuleCase(name: "negative budget", changes: edit(roadmap, "{min: 10000, max: 50000}", "{min: -5, max: 50000}"),
             file: roadmap, line: 18, column: 19, code: "out-of-range"),
    RuleCase(name: "budget neither range nor a-definir", changes: edit(roadmap, "budget: a-definir", "budget: beaucoup"),
             file: roadmap, line: 27, column: 13, code: "invalid-budget"),
    RuleCase(name: "malformed CPV", changes: edit(roadmap, "cpv: [72000000-5]", "cpv: [7200000]"), file: roadmap,
             line: 16, column: 11, code: "invalid-cpv"),
    RuleCase(name: "CPV not in the list", changes: edit(roadmap, "cpv: [72000000-5]", "cpv: [72100000-0]"), file: roadmap,
             line: 16, column: 11, code: "unknown-cpv", severity: .warning),
    RuleCase(name: "CPV check digit differs from the list", changes: edit(roadmap, "cpv: [72000000-5]", "cpv: [72000000-6]"),
             file: roadmap, line: 16, column: 11, code: "cpv-check-digit"),
    RuleCase(name: "unknown procedure", changes: edit(roadmap, "procedure: procedure-adaptee", "procedure: procedure-adapte"),
             file: roadmap, line: 20, column: 16, code: "invalid-enum", hint: "write « procedure-adaptee »"),
    RuleCase(name: "unknown status", changes: edit(roadmap, "status: envisage", "status: envisagé"), file: roadmap,
             line: 21, column: 13, code: "invalid-enum", hint: "allowed values: envisage, en-preparation"),
    RuleCase(name: "published need without tender URL", changes: edit(roadmap, "\n    tender_url: https://marches.example.fr/123", ""),
             file: roadmap, line: 29, column: 13, code: "missing-tender-url", severity: .warning),
    RuleCase(name: "javascript URL", changes: edit(roadmap, "tender_url: https://marches.example.fr/123", "tender_url: javascript:alert(1)"),
             file: roadmap, line: 30, column: 17, code: "invalid-url"),
    RuleCase(name: "missing need title", changes: edit(roadmap, "    title: Système d'information géographique\n", ""),
             file: roadmap, line: 13, column: 5, code: "missing-field", message: "missing required field « title »"),
    RuleCase(name: "unknown key", changes: edit(roadmap, "status: envisage", "statut: envisage"), file: roadmap,
             line: 21, column: 5, code: "unknown-key", message: "unknown field « statut »", hint: "did you mean « status »?"),
    RuleCase(name: "YAML syntax error", changes: edit(roadmap, "title: Feuille de route 2015", "title: [Feuille"), file: roadmap,
             line: 2, column: 8, code: "yaml-syntax"),
    RuleCase(name: "roadmap for an unknown buyer", changes: ["roadmaps/2015/plaine-comune.md": Fixture.files[roadmap] ?? ""],
             file: "roadmaps/2015/plaine-comune.md", line: 1, column: 1, code: "unknown-buyer",
             hint: "did you mean « plaine-commune »?"),
    RuleCase(name: "roadmap folder not a year", changes: ["roadmaps/recent/paris.md": Fixture.files[roadmap] ?? ""],
             file: "roadmaps/recent", line: 0, column: 0, code: "invalid-folder"),
    RuleCase(name: "roadmap without needs",
             changes: ["roadmaps/2015/paris.md": "---\ntitle: X\npublished: 2015-05-01\nhorizon: {from: 2015-05, to: 2016-06}\nneeds: []\n---\n"],
             file: "roadmaps/2015/paris.md", line: 5, column: 8, code: "missing-field"),
    RuleCase(name: "missing front matter", changes: ["pages/a-propos.md": "Pas de front matter.\n"], file: "pages/a-propos.md",
             line: 1, column: 1, code: "missing-front-matter"),
    RuleCase(name: "unclosed front matter", changes: ["pages/a-propos.md": "---\ntitle: À propos\n"], file: "pages/a-propos.md",
             line: 1, column: 1, code: "unclosed-front-matter"),
]

private let entityCases: [RuleCase] = [
    RuleCase(name: "unknown buyer kind", changes: edit("buyers/paris.yaml", "kind: commune", "kind: comune"), file: "buyers/paris.yaml",
             line: 2, column: 7, code: "invalid-enum", message: "« comune » is not a valid kind", hint: "write « commune »"),
    RuleCase(name: "department outside Île-de-France", changes: edit("buyers/paris.yaml", "department: \"75\"", "department: \"13\""),
             file: "buyers/paris.yaml", line: 3, column: 13, code: "invalid-department"),
    RuleCase(name: "SIRET failing Luhn", changes: edit("buyers/plaine-commune.yaml", "73282932000074", "73282932000075"),
             file: "buyers/plaine-commune.yaml", line: 4, column: 8, code: "invalid-siret"),
    RuleCase(name: "SIRET too short", changes: edit("buyers/plaine-commune.yaml", "73282932000074", "7328293200"),
             file: "buyers/plaine-commune.yaml", line: 4, column: 8, code: "invalid-siret", message: "14 digits"),
    RuleCase(name: "website with another scheme", changes: edit("buyers/plaine-commune.yaml", "https://plainecommune.fr", "data:text/html,x"),
             file: "buyers/plaine-commune.yaml", line: 5, column: 10, code: "invalid-url"),
    RuleCase(name: "missing logo", changes: edit("buyers/plaine-commune.yaml", "plaine-commune.svg", "plaine-commune.png"),
             file: "buyers/plaine-commune.yaml", line: 6, column: 7, code: "missing-asset"),
    RuleCase(name: "logo escaping assets", changes: edit("buyers/plaine-commune.yaml", "assets/logos/plaine-commune.svg", "assets/../site.yaml"),
             file: "buyers/plaine-commune.yaml", line: 6, column: 7, code: "invalid-asset-path"),
    RuleCase(name: "missing buyer name", changes: edit("buyers/paris.yaml", "name: Ville de Paris\n", ""), file: "buyers/paris.yaml",
             line: 1, column: 1, code: "missing-field", message: "« name »"),
    RuleCase(name: "duplicate key", changes: edit("buyers/paris.yaml", "department: \"75\"\n", "department: \"75\"\nname: Autre\n"),
             file: "buyers/paris.yaml", line: 4, column: 1, code: "duplicate-key", message: "already set on line 1"),
    RuleCase(name: "file name not a slug", changes: ["buyers/Paris_2.yaml": Fixture.files["buyers/paris.yaml"] ?? ""],
             file: "buyers/Paris_2.yaml", line: 0, column: 0, code: "invalid-file-name"),
    RuleCase(name: "unexpected file", changes: ["buyers/notes.txt": "x"], file: "buyers/notes.txt", line: 0, column: 0,
             code: "unexpected-file", severity: .warning),
    RuleCase(name: "SIREN failing Luhn", changes: edit("suppliers/acme.yaml", "732829320", "732829321"), file: "suppliers/acme.yaml",
             line: 2, column: 8, code: "invalid-siren"),
    RuleCase(name: "unknown supplier theme", changes: edit("suppliers/acme.yaml", "[mobilite, opendata]", "[mobilite, open-data]"),
             file: "suppliers/acme.yaml", line: 5, column: 20, code: "unknown-theme", hint: "did you mean « opendata »?"),
    RuleCase(name: "supplier postcode", changes: edit("suppliers/acme.yaml", "postcode: \"93100\"", "postcode: \"93 100\""),
             file: "suppliers/acme.yaml", line: 6, column: 11, code: "invalid-postcode", hint: "postcode: \"93100\""),
    RuleCase(name: "supplier department outside France", changes: edit("suppliers/acme.yaml", "department: \"93\"", "department: \"2C\""),
             file: "suppliers/acme.yaml", line: 7, column: 13, code: "invalid-french-department"),
    RuleCase(name: "supplier department of one digit", changes: edit("suppliers/acme.yaml", "department: \"93\"\n", "department: 1\npostcode: \"01000\"\n")
                .mapValues { $0?.replacingOccurrences(of: "postcode: \"93100\"\n", with: "") },
             file: "suppliers/acme.yaml", line: 6, column: 13, code: "invalid-french-department", hint: "write department: \"01\""),
    RuleCase(name: "supplier postcode in another department", changes: edit("suppliers/acme.yaml", "department: \"93\"", "department: \"75\""),
             file: "suppliers/acme.yaml", line: 7, column: 13, code: "postcode-department-mismatch",
             severity: .warning, message: "postcode 93100 belongs to department 93, not 75"),
    RuleCase(name: "supplier CPV neither code nor division", changes: edit("suppliers/acme.yaml", "[\"72\", 48000000-8]", "[\"723\", 48000000-8]"),
             file: "suppliers/acme.yaml", line: 8, column: 7, code: "invalid-cpv", message: "neither a CPV code nor a CPV division"),
    RuleCase(name: "supplier CPV division without codes", changes: edit("suppliers/acme.yaml", "[\"72\", 48000000-8]", "[\"73\", 48000000-8]"),
             file: "suppliers/acme.yaml", line: 8, column: 7, code: "unknown-cpv-division", severity: .warning),
    RuleCase(name: "supplier CPV check digit", changes: edit("suppliers/acme.yaml", "48000000-8]", "48000000-9]"),
             file: "suppliers/acme.yaml", line: 8, column: 13, code: "cpv-check-digit"),
    RuleCase(name: "supplier contact email", changes: edit("suppliers/acme.yaml", "jeanne.martin@acme.example", "jeanne.martin(at)acme.example"),
             file: "suppliers/acme.yaml", line: 12, column: 10, code: "invalid-email"),
    RuleCase(name: "supplier reference buyer", changes: edit("suppliers/acme.yaml", "buyer: plaine-commune", "buyer: plaine-comune"),
             file: "suppliers/acme.yaml", line: 16, column: 12, code: "unknown-buyer", hint: "did you mean « plaine-commune »?"),
    RuleCase(name: "supplier reference year", changes: edit("suppliers/acme.yaml", "year: 2014", "year: \"14\""),
             file: "suppliers/acme.yaml", line: 17, column: 11, code: "invalid-year"),
    RuleCase(name: "supplier reference without title", changes: edit("suppliers/acme.yaml", "  - title: Application mobile de signalement\n    year: 2013", "  - year: 2013"),
             file: "suppliers/acme.yaml", line: 18, column: 5, code: "missing-field", message: "« title »"),
    RuleCase(name: "video file at the site's address that the site does not publish",
             changes: edit(pitch, "  provider: youtube\n  id: abc123", "  provider: file\n  url: https://openmap.example.fr/videos/acme.mp4"),
             file: pitch, line: 8, column: 8, code: "video-file-not-on-site"),
    RuleCase(name: "supplier named like a page of the directory", changes: ["suppliers/theme.yaml": "name: Thème SARL\n"],
             file: "suppliers/theme.yaml", line: 1, column: 1, code: "reserved-supplier-slug"),
    RuleCase(name: "unknown supplier size", changes: edit("suppliers/acme.yaml", "size: pme", "size: xl"), file: "suppliers/acme.yaml",
             line: 3, column: 7, code: "invalid-enum"),
    RuleCase(name: "base URL not https", changes: edit("site.yaml", "https://openmap.example.fr", "http://openmap.example.fr"),
             file: "site.yaml", line: 2, column: 11, code: "invalid-url"),
    RuleCase(name: "accessibility status", changes: edit("site.yaml", "status: partielle", "status: partiel"), file: "site.yaml",
             line: 23, column: 11, code: "invalid-enum", hint: "write « partielle »"),
    RuleCase(name: "missing site.yaml", changes: ["site.yaml": nil], file: "site.yaml", line: 0, column: 0, code: "missing-file"),
    RuleCase(name: "unsafe_html not a boolean", changes: edit("site.yaml", "  audit_date: 2015-09-01\n", "  audit_date: 2015-09-01\nunsafe_html: oui\n"),
             file: "site.yaml", line: 25, column: 14, code: "invalid-type"),
    RuleCase(name: "missing host", changes: edit("site.yaml", "host:\n  name: Hébergeur SAS\n  address: 2 rue de Lyon, 69001 Lyon\n  phone: 04 00 00 00 00\n", ""),
             file: "site.yaml", line: 1, column: 1, code: "missing-field", message: "« host »"),
    RuleCase(name: "duplicate theme", changes: edit("themes.yaml", "slug: opendata", "slug: mobilite"), file: "themes.yaml",
             line: 4, column: 9, code: "duplicate-theme", message: "already listed on line 1"),
    RuleCase(name: "theme slug not a slug", changes: edit("themes.yaml", "slug: opendata", "slug: Open Data"), file: "themes.yaml",
             line: 4, column: 9, code: "invalid-slug"),
    RuleCase(name: "malformed CPV in cpv.yaml", changes: edit("cpv.yaml", "code: 48000000-8", "code: 4800000-8"), file: "cpv.yaml",
             line: 3, column: 9, code: "invalid-cpv"),
    RuleCase(name: "duplicate CPV in cpv.yaml", changes: edit("cpv.yaml", "code: 48000000-8", "code: 72000000-5"), file: "cpv.yaml",
             line: 3, column: 9, code: "duplicate-cpv"),
    RuleCase(name: "unknown pitch supplier", changes: edit(pitch, "supplier: acme", "supplier: acne"), file: pitch, line: 3, column: 11,
             code: "unknown-supplier", hint: "did you mean « acme »? Suppliers are the files of"),
    RuleCase(name: "unknown pitch matinale", changes: edit(pitch, "matinale: 2015-10-15-usagers", "matinale: 2015-10-16-usagers"),
             file: pitch, line: 4, column: 11, code: "unknown-matinale"),
    RuleCase(name: "unknown video provider", changes: edit(pitch, "provider: youtube", "provider: youtub"), file: pitch,
             line: 7, column: 13, code: "invalid-enum", hint: "write « youtube »"),
    RuleCase(name: "video duration", changes: edit(pitch, "duration: \"03:15\"", "duration: \"3 min\""), file: pitch,
             line: 9, column: 13, code: "invalid-duration"),
    RuleCase(name: "captions not .vtt", changes: edit(pitch, "assets/videos/acme.vtt", "assets/videos/acme.srt"), file: pitch,
             line: 10, column: 13, code: "invalid-asset-path"),
    RuleCase(name: "video without id nor url", changes: edit(pitch, "  id: abc123\n", ""), file: pitch, line: 7, column: 3,
             code: "missing-field", message: "« id » or a « url »"),
    RuleCase(name: "video url javascript", changes: edit(pitch, "id: abc123", "url: javascript:alert(1)"), file: pitch,
             line: 8, column: 8, code: "invalid-url"),
    RuleCase(name: "unknown testimonial buyer", changes: edit("testimonials/paul-durand.md", "buyer: plaine-commune", "buyer: plaine-communes"),
             file: "testimonials/paul-durand.md", line: 5, column: 8, code: "unknown-buyer"),
    RuleCase(name: "testimonial date", changes: edit("testimonials/paul-durand.md", "date: 2015-10-15", "date: 2015-13-01"),
             file: "testimonials/paul-durand.md", line: 7, column: 7, code: "invalid-date"),
    RuleCase(name: "quoted page order", changes: edit("pages/a-propos.md", "order: 1", "order: \"1\""), file: "pages/a-propos.md",
             line: 4, column: 8, code: "invalid-type", message: "must be an integer, found the quoted text « 1 »"),
    RuleCase(name: "page draft not a boolean", changes: edit("pages/a-propos.md", "draft: false", "draft: non"), file: "pages/a-propos.md",
             line: 5, column: 8, code: "invalid-type"),
    RuleCase(name: "page slug taken by a section", changes: ["pages/matinales.md": Fixture.files["pages/a-propos.md"] ?? ""],
             file: "pages/matinales.md", line: 1, column: 1, code: "reserved-slug"),
]

private let matinaleCases: [RuleCase] = [
    RuleCase(name: "number below 1", changes: edit(matinale, "---\nnumber: 1", "---\nnumber: 0"), file: matinale, line: 2, column: 9, code: "out-of-range"),
    RuleCase(name: "quoted number", changes: edit(matinale, "---\nnumber: 1", "---\nnumber: \"1\""), file: matinale, line: 2, column: 9,
             code: "invalid-type"),
    RuleCase(name: "duplicate matinale number",
             changes: ["matinales/2016-03-10-donnees/index.md": Fixture.files[matinale] ?? ""],
             file: "matinales/2016-03-10-donnees/index.md", line: 2, column: 9, code: "duplicate-number"),
    RuleCase(name: "ends before it starts", changes: edit(matinale, "end: \"12:30\"", "end: \"08:00\""), file: matinale,
             line: 6, column: 6, code: "invalid-time-range"),
    RuleCase(name: "malformed time", changes: edit(matinale, "start: \"08:30\"", "start: \"8h30\""), file: matinale,
             line: 5, column: 8, code: "invalid-time"),
    RuleCase(name: "unknown programme kind", changes: edit(matinale, "kind: accueil", "kind: acceuil"), file: matinale,
             line: 15, column: 11, code: "invalid-enum", hint: "write « accueil »"),
    RuleCase(name: "programme not in time order", changes: edit(matinale, "- time: \"09:00\"", "- time: \"08:20\""), file: matinale,
             line: 17, column: 11, code: "programme-order"),
    RuleCase(name: "programme outside hours", changes: edit(matinale, "- time: \"10:00\"", "- time: \"13:00\""), file: matinale,
             line: 21, column: 11, code: "outside-hours"),
    RuleCase(name: "duplicate table number", changes: edit(matinale, "- number: 2", "- number: 1"), file: matinale,
             line: 36, column: 13, code: "duplicate-table", message: "already listed on line 33"),
    RuleCase(name: "buyer at two tables", changes: edit(matinale, "buyer: paris", "buyer: plaine-commune"), file: matinale,
             line: 37, column: 12, code: "buyer-at-two-tables"),
    RuleCase(name: "unknown table buyer", changes: edit(matinale, "buyer: paris", "buyer: pari"), file: matinale,
             line: 37, column: 12, code: "unknown-buyer", hint: "did you mean « paris »?"),
    RuleCase(name: "slot under 5 minutes", changes: edit(matinale, "slot_minutes: 20", "slot_minutes: 3"), file: matinale,
             line: 41, column: 17, code: "out-of-range"),
    RuleCase(name: "meetings outside hours", changes: edit(matinale, "  end: \"12:00\"", "  end: \"13:00\""), file: matinale,
             line: 40, column: 8, code: "outside-hours"),
    RuleCase(name: "break outside meetings", changes: edit(matinale, "end: \"11:15\"", "end: \"12:15\""), file: matinale,
             line: 45, column: 12, code: "outside-hours"),
    RuleCase(name: "requests without meetings",
             changes: edit(matinale, "meetings:\n  start: \"10:00\"\n  end: \"12:00\"\n  slot_minutes: 20\n  gap_minutes: 5\n  breaks:\n    - start: \"11:00\"\n      end: \"11:15\"\n", ""),
             file: matinale, line: 2, column: 1, code: "missing-meetings"),
    RuleCase(name: "unknown round-table buyer", changes: edit(matinale, "      buyer: plaine-commune", "      buyer: plaine"), file: matinale,
             line: 31, column: 14, code: "unknown-buyer"),
    RuleCase(name: "duplicate request", changes: edit(requests, "carto-plus,plaine-commune,,\n", "carto-plus,plaine-commune,,\nacme,plaine-commune,3,refuse\n"),
             file: requests, line: 5, column: 1, code: "duplicate-request",
             message: "the request acme → plaine-commune is already on line 2"),
    RuleCase(name: "unknown request supplier", changes: edit(requests, "carto-plus,plaine-commune,,", "cart-plus,plaine-commune,,"),
             file: requests, line: 4, column: 1, code: "unknown-supplier", hint: "did you mean « carto-plus »?"),
    RuleCase(name: "request priority", changes: edit(requests, "acme,paris,2,en-attente", "acme,paris,5,en-attente"), file: requests,
             line: 3, column: 12, code: "invalid-priority"),
    RuleCase(name: "request status", changes: edit(requests, "acme,paris,2,en-attente", "acme,paris,2,en-atente"), file: requests,
             line: 3, column: 14, code: "invalid-enum", hint: "write « en-attente »"),
    RuleCase(name: "request with missing fields", changes: edit(requests, "carto-plus,plaine-commune,,", "carto-plus,plaine-commune"),
             file: requests, line: 4, column: 1, code: "csv-columns"),
    RuleCase(name: "request header", changes: edit(requests, "supplier,buyer,priority,status", "supplier,buyer,priorite,status"),
             file: requests, line: 1, column: 16, code: "csv-header", hint: "did you mean « priority »?"),
    RuleCase(name: "request buyer without a table", changes: edit(matinale, "  - number: 2\n    buyer: paris\n", ""), file: requests,
             line: 3, column: 6, code: "buyer-without-table"),
    RuleCase(name: "quoted field position", changes: edit(requests, "acme,paris,2,en-attente", "\"acme\",\"pari\",2,en-attente"),
             file: requests, line: 3, column: 8, code: "unknown-buyer"),
    RuleCase(name: "unclosed quote", changes: edit(requests, "acme,paris,2,en-attente", "acme,\"paris,2,en-attente"), file: requests,
             line: 3, column: 6, code: "csv-syntax"),
    RuleCase(name: "semicolon separator", changes: edit(requests, "acme,paris,2,en-attente", "acme,paris,5,en-attente")
                .mapValues { $0?.replacingOccurrences(of: ",", with: ";") },
             file: requests, line: 3, column: 12, code: "invalid-priority"),
    RuleCase(name: "unknown availability participant", changes: edit(availability, "acme,10:00", "acm,10:00"), file: availability,
             line: 2, column: 1, code: "unknown-participant", hint: "did you mean « acme »?"),
    RuleCase(name: "availability window reversed", changes: edit(availability, "acme,10:00,11:00", "acme,11:00,10:00"), file: availability,
             line: 2, column: 12, code: "invalid-time-range"),
    RuleCase(name: "availability time malformed", changes: edit(availability, "acme,10:00,11:00", "acme,10h,11:00"), file: availability,
             line: 2, column: 6, code: "invalid-time"),
]

/// A grid of two criteria, and whatever lines are added to it.
private func grid(_ criteria: String = "") -> [String: String?] {
    ["accessibilite.yaml": """
    audit:
      date: 2026-12-04
      by: Mission accessibilité
    criteria:
      1.1: conforme
    \(criteria)
    """]
}

private let testimonial = "testimonials/paul-durand.md"

private let accessibilityCases: [RuleCase] = [
    RuleCase(name: "pitch video without transcript", changes: edit(pitch, "\n## Transcription\n\nBonjour à tous.\n", "\n"),
             file: pitch, line: 6, column: 1, code: "video-without-transcript", severity: .warning,
             message: "the video of this pitch has no transcript", hint: "## Transcription"),
    RuleCase(name: "pitch video without captions", changes: edit(pitch, "  captions: assets/videos/acme.vtt\n", ""),
             file: pitch, line: 6, column: 1, code: "video-without-captions", severity: .warning,
             hint: "captions: assets/captions/acme-mobilite.vtt"),
    RuleCase(name: "testimonial video without transcript",
             changes: edit(testimonial, "date: 2015-10-15\n", "date: 2015-10-15\nvideo:\n  provider: vimeo\n  id: \"42\"\n  captions: assets/videos/acme.vtt\n"),
             file: testimonial, line: 8, column: 1, code: "video-without-transcript", severity: .warning,
             message: "the video of this testimonial has no transcript"),
    RuleCase(name: "roadmap body pointing above itself", changes: edit(roadmap, "Le contexte de la feuille de route.", "Le contexte (voir ci-dessus)."),
             file: roadmap, line: 32, column: 19, code: "positional-reference", severity: .warning, message: "“ci-dessus”"),
    RuleCase(name: "unknown RGAA criterion", changes: grid("  4.14: conforme\n"), file: "accessibilite.yaml", line: 6, column: 3,
             code: "unknown-criterion", hint: "from 1.1 to 13.12"),
    RuleCase(name: "criteria missing from the grid", changes: grid(), file: "accessibilite.yaml", line: 5, column: 3,
             code: "criteria-not-tested", severity: .warning, message: "105 RGAA 4.1 criteria are missing from the grid (1.2, 1.3"),
    RuleCase(name: "failed criterion without note", changes: grid("  7.1: non-conforme\n"), file: "accessibilite.yaml", line: 6, column: 3,
             code: "criterion-without-note", severity: .warning),
    RuleCase(name: "criterion status misspelt", changes: grid("  7.1: {status: non-conform, note: x}\n"), file: "accessibilite.yaml",
             line: 6, column: 17, code: "invalid-enum", hint: "write « non-conforme »"),
    RuleCase(name: "site status beside a grid", changes: grid(), file: "site.yaml", line: 23, column: 3,
             code: "accessibility-status-ignored", severity: .warning),
    RuleCase(name: "free page where the statement goes",
             changes: grid().merging(["pages/accessibilite.md": Fixture.files["pages/a-propos.md"] ?? ""]) { first, _ in first },
             file: "pages/accessibilite.md", line: 1, column: 1, code: "page-path-conflict"),
    RuleCase(name: "unknown criterion in the test results",
             changes: ["accessibilite-tests.yaml": "date: 2026-12-04\nchecks:\n  - {id: axe, label: axe-core, criteria: [\"3.2\", \"3.9\"], pages: 4, failures: 0}\n"],
             file: "accessibilite-tests.yaml", line: 3, column: 50, code: "unknown-criterion"),
]

@Suite struct RuleTests {
    func check(_ rule: RuleCase) throws {
        let fixture = try Fixture(rule.changes)
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        let matching = diagnostics.with(code: rule.code)
        #expect(matching.count == 1, "\(diagnostics.summary)")
        let diagnostic = try #require(matching.first)
        #expect(diagnostic.file == fixture.file(rule.file))
        #expect(diagnostic.line == rule.line, "\(diagnostic)")
        #expect(diagnostic.column == rule.column, "\(diagnostic)")
        #expect(diagnostic.severity == rule.severity)
        // The cases are written in English (the same diagnostics in French are the corpus's).
        func english(_ text: String) -> String {
            text.replacingOccurrences(of: "« ", with: "“").replacingOccurrences(of: " »", with: "”")
        }
        if let message = rule.message {
            #expect(diagnostic.message(in: .en).contains(english(message)), "\(diagnostic.message(in: .en))")
        }
        if let hint = rule.hint {
            #expect(diagnostic.hint(in: .en)?.contains(english(hint)) == true, "\(diagnostic.hint(in: .en) ?? "no hint")")
        }
    }

    @Test(arguments: roadmapCases) func roadmapRules(_ rule: RuleCase) throws { try check(rule) }
    @Test(arguments: entityCases) func entityRules(_ rule: RuleCase) throws { try check(rule) }
    @Test(arguments: matinaleCases) func matinaleRules(_ rule: RuleCase) throws { try check(rule) }
    @Test(arguments: accessibilityCases) func accessibilityRules(_ rule: RuleCase) throws { try check(rule) }
}

@Suite struct PositionalWordsTests {
    @Test func findsTheWordsWhateverTheirCaseOrSpaces() {
        let text = "Voir CI-DESSUS.\n\n```\nci-dessus dans du code\n```\nLe besoin décrit plus\u{A0}haut, ou Plus haut.\nÉtÉ ci-dessus"
        let found = AccessibilityRules.positionalWords(in: text, words: AccessibilityRules.wordsPointingAboveRoadmapBodies)
        #expect(found.map { "\($0.word)@\($0.line):\($0.column)" } == ["ci-dessus@1:6", "plus haut@6:18", "plus haut@6:32", "ci-dessus@7:5"])
    }

    @Test func ignoresTheWordsInsideOtherWords() {
        let found = AccessibilityRules.positionalWords(in: "surplus hautain, ci-dessusé", words: AccessibilityRules.wordsPointingAboveRoadmapBodies)
        #expect(found.isEmpty)
    }
}
