import OpenMapContent
import OpenMapText

// The site map (/plan-du-site/): with the main navigation, the second way through the site that
// RGAA asks for (criterion 12.1), linked from every page's footer.
extension SiteBuilder {
    static let siteMapPath = "plan-du-site/"

    /// The site map, its view made when the page is (`siteMapView`).
    func siteMapPage() -> BuiltPage {
        var page = finish(path: Self.siteMapPath, template: "plan-du-site", title: "Plan du site",
                          description: "Toutes les rubriques et les pages du site \(content.site.title).", crumbs: [], view: [:])
        page.deferred = .view(.siteMap)
        return page
    }

    func siteMapView() -> View {
        let root = Self.root(for: Self.siteMapPath)
        func link(_ title: String, _ target: String) -> View { ["title": typo(title), "href": root + target] }
        func section(_ title: String, _ target: String, _ items: [View] = []) -> View {
            makeView(["title": typo(title), "href": root + target, "items": items.isEmpty ? nil : items])
        }
        var sections: [View] = [section("Accueil", "")]
        // The latest year first, buyers in alphabetical order within a year.
        let roadmaps = Self.sortedByName(content.roadmaps.filter { buyers[$0.buyer] != nil }, name: { buyerName($0.buyer) }, slug: \.buyer)
            .enumerated().sorted { ($1.element.year, $0.offset) < ($0.element.year, $1.offset) }.map(\.element)
        sections.append(section("Feuilles de route achats numériques", "feuilles-de-route/", roadmaps.map { roadmap in
            link("\(buyerName(roadmap.buyer)), \(roadmap.year)", Self.roadmapPath(roadmap))
        }))
        sections.append(section("Catalogue des besoins", NeedCatalogue.path, catalogue.values(of: .theme).map { value in
            link("Besoins — \(value.label)", value.path)
        }))
        sections.append(section("Acheteurs publics", "acheteurs/", Self.sortedByName(content.buyers, name: \.name, slug: \.slug).map {
            link($0.name, Self.buyerPath($0.slug))
        }))
        sections.append(section("Prestataires du numérique", "prestataires/"))
        sections.append(section("Les matinales", "matinales/", matinales.reversed().flatMap { matinale -> [View] in
            var items = [link(matinaleName(matinale), Self.matinalePath(matinale.slug))]
            if let timetable = timetables[matinale.slug], timetable.publish {
                items.append(link("Rendez-vous de la \(matinaleName(matinale))", Self.timetablePath(matinale.slug)))
            }
            return items
        }))
        sections.append(section("Pitchs vidéo", "pitchs/", content.pitches.map { link($0.title, Self.pitchPath($0.slug)) }))
        sections.append(section("Témoignages", Self.testimonialsPath))
        sections.append(section("Données ouvertes", Self.openDataPath))
        var others = pages.sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }.map { link($0.title, "\($0.slug)/") }
        if publishesStatement { others.append(link("Déclaration d’accessibilité", Self.statementPath)) }
        if !others.isEmpty { sections.append(makeView(["title": "Informations sur le site", "items": others])) }
        return ["sections": sections]
    }
}
