import OpenMapContent
import OpenMapText

// The site search, /recherche/: one index (ListIndex's format, made with the site, on the same
// origin) of every roadmap, need, supplier, buyer, Matinale, pitch and free page, searched by
// static/listes.js as the lists are: accents, case and French word forms ignored. Every page's
// header has the search form; without JavaScript it leads to the catalogue of needs (the search
// page sends there), whose static facet pages work without script.

extension SiteBuilder {
    static let searchPath = "recherche/"
    static let siteSearchIndexPath = "recherche/index.json"

    /// The kinds of result, in the order results of equal rank are listed.
    static let searchKinds: [(value: String, label: String, singular: String)] = [
        ("feuille-de-route", "Feuilles de route", "Feuille de route"), ("besoin", "Besoins", "Besoin"),
        ("prestataire", "Prestataires", "Prestataire"), ("acheteur", "Acheteurs publics", "Acheteur public"),
        ("matinale", "Matinales", "Matinale"), ("pitch", "Pitchs vidéo", "Pitch vidéo"), ("page", "Pages", "Page"),
    ]

    func searchPage() -> BuiltPage {
        let path = Self.searchPath
        let root = Self.root(for: path)
        var view: View = [:]
        view["listForm"] = listFormView(indexHref: root + Self.siteSearchIndexPath, root: root, singular: "résultat", plural: "résultats",
                                        title: "Rechercher dans le site",
                                        searchLabel: "Mots cherchés (un besoin, une entreprise, un thème, une ville…)",
                                        filters: [[
                                            "name": "type", "id": "filtre-recherche-type", "label": "Type de page", "anyLabel": "Tous les types",
                                            "options": Self.searchKinds.map { ["value": $0.value, "label": $0.label] as View }, "checkbox": false,
                                        ]], rank: true)
        view["catalogueHref"] = root + NeedCatalogue.path
        view["directoryHref"] = root + SupplierDirectory.path
        var built = finish(path: path, template: "search", title: "Recherche",
                           description: "Rechercher dans les feuilles de route, les besoins, les prestataires, les matinales et les pages du site.",
                           crumbs: [], view: view)
        built.view["extraScript"] = root + "static/listes.js"
        // Without JavaScript, the search form leads to the catalogue.
        built.view["noscriptRedirect"] = root + NeedCatalogue.path
        return built
    }

    /// /recherche/index.json.
    func siteSearchIndex() -> [UInt8] {
        var index = ListIndex(pathPrefix: "", columns: [ListIndex.Column(term: "Type", kind: .text), ListIndex.Column(term: "En bref", kind: .text, wide: true)],
                              filters: [ListIndex.Filter(name: "type", values: Self.searchKinds.map { ($0.value, $0.label) })])
        // An item's key is its path without the last slash: its path is then not written again.
        func add(_ kind: String, path: String, title: String, detail: String?, text: String) {
            var facts = [ListCard.Fact(term: "Type", text: Self.searchKinds.first { $0.value == kind }?.singular ?? kind)]
            if let detail = nonEmpty(detail) { facts.append(ListCard.Fact(term: "En bref", text: typo(detail), wide: true)) }
            index.append(ListCard(key: String(path.dropLast()), path: path, title: typo(title), badge: nil, facts: facts),
                         values: ["type": [kind]], moreText: text)
        }
        let published = content.roadmaps.filter { buyers[$0.buyer] != nil }
        for roadmap in published {
            add("feuille-de-route", path: Self.roadmapPath(roadmap), title: roadmap.title,
                detail: "\(buyerName(roadmap.buyer)) · \(roadmap.year) · \(Labels.plural(roadmap.needs.count, "besoin", "besoins"))",
                text: ([buyerName(roadmap.buyer), roadmap.body.source] + roadmap.needs.map(\.title)).joined(separator: " "))
        }
        for entry in catalogue.entries {
            let need = entry.need
            add("besoin", path: entry.path, title: need.title,
                detail: "\(entry.buyer.name) · \(themeLabel(need.theme)) · lancement prévu \(Labels.launch(need.launch))",
                text: ([need.summary.source] + need.cpv).joined(separator: " "))
        }
        for (position, supplier) in directory.suppliers.enumerated() {
            let place = [supplier.city, supplier.department.map(Labels.department)].compactMap { $0 }.joined(separator: ", ")
            add("prestataire", path: Self.supplierPath(supplier.slug), title: supplier.name,
                detail: ([place.isEmpty ? nil : place, supplier.themes.isEmpty ? nil : supplier.themes.map(themeLabel).joined(separator: ", ")]
                    .compactMap { $0 }).joined(separator: " · "),
                text: supplierSearchText(position))
        }
        for buyer in content.buyers {
            add("acheteur", path: Self.buyerPath(buyer.slug), title: buyer.name,
                detail: "\(Labels.buyerKind(buyer.kind)) · \(Labels.department(buyer.department))",
                text: "\(Labels.buyerKind(buyer.kind)) \(Labels.department(buyer.department)) \(buyer.description?.source ?? "")")
        }
        for matinale in matinales {
            var text = [matinale.title, matinale.venue.name, matinale.venue.city, matinale.body.source] + matinale.programme.map(\.title)
            if let roundTable = matinale.roundTable { text += [roundTable.title] + roundTable.speakers.map { "\($0.name) \($0.organisation)" } }
            add("matinale", path: Self.matinalePath(matinale.slug), title: matinaleName(matinale),
                detail: "\(Labels.date(matinale.date)) · \(matinale.venue.name), \(matinale.venue.city)", text: text.joined(separator: " "))
        }
        for pitch in content.pitches where !pitch.draft {
            add("pitch", path: Self.pitchPath(pitch.slug), title: pitch.title,
                detail: ([supplierName(pitch.supplier)] + (matinalesBySlug[pitch.matinale ?? ""].map { [matinaleName($0)] } ?? []))
                    .joined(separator: " · "),
                text: [supplierName(pitch.supplier), pitch.body.source, pitch.transcript?.source ?? ""].joined(separator: " "))
        }
        for page in pages {
            add("page", path: "\(page.slug)/", title: page.title, detail: page.description,
                text: [page.description ?? "", page.body.source].joined(separator: " "))
        }
        return index.encoded()
    }
}
