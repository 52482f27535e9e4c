import Diagnostics
import Foundation
import OpenMapContent
@testable import OpenMapRender

/// Content with many needs, fabricated deterministically: for pagination, facet counts and the
/// size of the search index at scale (10 000 needs).
enum CatalogueFixture {
    static let themes = ["opendata", "cartographie", "mobilite", "dematerialisation", "decisionnel",
                         "communication-digitale", "relation-usager", "infrastructure", "cybersecurite"]
    static let departments = ["75", "77", "78", "91", "92", "93", "94", "95"]
    static let subjects = ["Portail", "Application mobile", "Plateforme", "Entrepôt de données", "Système d’information",
                           "Tableau de bord", "Site internet", "Outil collaboratif", "Service en ligne", "Référentiel"]
    static let objects = ["des mobilités", "de la voirie", "des écoles", "des aides sociales", "du patrimoine",
                          "des déchets", "de l’état civil", "des marchés publics", "de la culture", "des espaces verts",
                          "du logement", "des finances"]
    static let cpvCodes = ["72000000-5", "48000000-8", "30200000-1", "32400000-7", "64200000-8", "79340000-9", "72212000", "50300000"]

    /// `needCount` needs spread over buyers (`needsPerRoadmap` per roadmap), on top of the base fixture.
    static func content(needCount: Int, needsPerRoadmap: Int = 40, firstTitle: String? = nil) -> SiteContent {
        var content = Fixture.content()
        content.themes = themes.map { Theme(slug: $0, label: $0 == "opendata" ? "Open data" : "Thème \($0)", description: "") }
        content.themes[1].label = "Cartographie"
        content.themes[2].label = "Mobilité"
        let kinds = BuyerKind.allCases
        let buyerCount = max(1, (needCount + needsPerRoadmap - 1) / needsPerRoadmap)
        var buyers = content.buyers
        var roadmaps = content.roadmaps
        var made = 0
        for b in 0..<buyerCount {
            let slug = "acheteur-\(b)"
            buyers.append(Buyer(slug: slug, name: "Acheteur numéro \(b)", kind: kinds[b % kinds.count],
                                department: departments[b % departments.count], location: Fixture.loc("buyers/\(slug).yaml")))
            var needs: [Need] = []
            let file = "roadmaps/2016/\(slug).md"
            while needs.count < needsPerRoadmap, made < needCount {
                let n = made
                let title = (n == 0 ? firstTitle : nil)
                    ?? "\(subjects[n % subjects.count]) \(objects[(n / subjects.count) % objects.count]) \(n)"
                let launch: Launch = n % 3 == 0
                    ? .month(YearMonth(year: 2016 + (n / 7) % 2, month: 1 + n % 12))
                    : .quarter(Quarter(year: 2016 + (n / 5) % 2, quarter: 1 + n % 4))
                let budget: Budget? = n % 4 == 0 ? .toBeDefined : .range(min: 10_000 * (n % 9), max: 10_000 * (n % 9) + 50_000)
                needs.append(Need(
                    id: "besoin-\(n)", title: title, theme: themes[n % themes.count],
                    cpv: n % 5 == 0 ? [] : [cpvCodes[n % cpvCodes.count]] + (n % 2 == 0 ? [cpvCodes[(n / 2) % cpvCodes.count]] : []),
                    summary: Fixture.text("Résumé du besoin \(n).", file, line: 10 + needs.count * 8, column: 14),
                    budget: budget, launch: launch,
                    procedure: Procedure.allCases[n % Procedure.allCases.count],
                    status: NeedStatus.allCases[n % NeedStatus.allCases.count],
                    tenderURL: n % NeedStatus.allCases.count == 2 ? "https://marches.example.org/avis/\(n)" : nil,
                    location: Fixture.loc(file, 8 + needs.count * 8, 5)))
                made += 1
            }
            roadmaps.append(Roadmap(
                year: 2016, buyer: slug, title: "Feuille de route 2016 de l’acheteur \(b)",
                published: LocalDate(year: 2016, month: 1 + b % 12, day: 1 + b % 28),
                updated: b % 2 == 0 ? LocalDate(year: 2016, month: 12, day: 1 + b % 28) : nil,
                horizonFrom: YearMonth(year: 2016, month: 1), horizonTo: YearMonth(year: 2017, month: 12),
                needs: needs, body: Fixture.text("Contexte.", file, line: 200), location: Fixture.loc(file)))
        }
        content.buyers = buyers.sorted { $0.slug < $1.slug }
        content.roadmaps = roadmaps
        return content
    }

    static func builder(_ content: SiteContent) -> SiteBuilder {
        SiteBuilder(content: content, options: RenderOptions(), staticFiles: ["openmap.css", "openmap.js", "listes.js", "favicon.svg", "favicon.ico"])
    }
}

extension Array where Element == OutputFile {
    func bytes(_ path: String) -> [UInt8]? {
        guard let file = first(where: { $0.path == path }), case .bytes(let bytes) = file.contents else { return nil }
        return bytes
    }
}

/// Site-internal links of an HTML page, resolved to output paths (`besoins/theme/x/index.html`).
func siteLinks(in html: String, page: String) -> [String] {
    let folder = page.split(separator: "/").dropLast().map(String.init)
    return html.matches(of: /href="([^"#?]*)[^"]*"/).compactMap { match -> String? in
        let href = String(match.1)
        if href.contains(":") || href.hasPrefix("//") || href.isEmpty { return nil }
        var segments = href.hasPrefix("/") ? [] : folder
        for part in href.split(separator: "/") {
            if part == ".." { _ = segments.popLast() } else if part != "." { segments.append(String(part)) }
        }
        let target = segments.joined(separator: "/")
        return href.hasSuffix("/") ? (target.isEmpty ? "index.html" : target + "/index.html") : target
    }
}

/// The need keys of the cards on a page, in order: the last folder of each card's link.
func cardKeys(_ html: String) -> [String] {
    html.matches(of: /<li class="need-card"><h3><a href="(?:[^"]*\/)?([^\/"]+)\/">/).map { String($0.1) }
}

/// Keys of every card of a list and its following pages.
func listKeys(_ files: [OutputFile], base: String) -> [String] {
    var keys: [String] = []
    var page = 1
    while let html = files.html(page == 1 ? base + "index.html" : base + "page/\(page)/index.html") {
        keys += cardKeys(html)
        page += 1
    }
    return keys
}
