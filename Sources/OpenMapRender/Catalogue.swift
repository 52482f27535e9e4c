import OpenMapContent
import OpenMapText

// The supplier catalogue: every need of every published roadmap, its facets, and the maps
// (theme → needs, CPV division → needs) that related needs and facet pages read. Built once
// per render from the content; every list is in catalogue order (launch, buyer, year, id).

/// One need with its roadmap and buyer.
/// A class, not a struct: entries are copied into every list, facet and related-needs query,
/// and a copy of the struct retained each of the need's, roadmap's and buyer's strings.
final class CatalogueEntry: @unchecked Sendable {
    let need: Need
    let roadmap: Roadmap
    let buyer: Buyer
    /// `plaine-commune-2015-portail-open-data`: unique across the site.
    let key: String
    /// The launch's quarter (a month maps to its quarter).
    let quarter: Quarter
    /// Two-digit CPV divisions of the need's codes, distinct, ascending.
    let divisions: [String]
    /// « Plaine Commune, 2016 » when another need has the same title: its card's link says it,
    /// so that the same link text never leads to two needs on a page. Set once, by the catalogue.
    fileprivate(set) var titleQualifier: String?

    init(need: Need, roadmap: Roadmap, buyer: Buyer, key: String, quarter: Quarter, divisions: [String]) {
        self.need = need
        self.roadmap = roadmap
        self.buyer = buyer
        self.key = key
        self.quarter = quarter
        self.divisions = divisions
    }

    var path: String { NeedCatalogue.needPath(key) }
    var procedure: Procedure { need.procedure ?? .aDefinir }
    /// `updated` of the roadmap, else `published`: the date feeds and data carry.
    var lastModified: LocalDate { roadmap.updated ?? roadmap.published }
}

/// The ways the catalogue can be cut; each gives static pages `/besoins/<segment>/<value>/`.
enum FacetKind: String, CaseIterable, Sendable {
    case theme
    case departement
    case typeAcheteur = "type-acheteur"
    case lancement
    case procedure
    case statut
    case cpv

    /// URL segment and query parameter name.
    var segment: String { rawValue }

    var label: String {
        switch self {
        case .theme: "Thème"
        case .departement: "Département"
        case .typeAcheteur: "Type d’acheteur"
        case .lancement: "Lancement prévu"
        case .procedure: "Procédure"
        case .statut: "Statut"
        case .cpv: "Division CPV"
        }
    }

    /// « division CPV », inside a sentence.
    var lowercaseLabel: String { self == .cpv ? "division CPV" : label.lowercased() }

    /// « Tous les thèmes »: the empty choice of the filter form.
    var anyLabel: String {
        switch self {
        case .theme: "Tous les thèmes"
        case .departement: "Tous les départements"
        case .typeAcheteur: "Tous les types d’acheteur"
        case .lancement: "Toutes les dates"
        case .procedure: "Toutes les procédures"
        case .statut: "Tous les statuts"
        case .cpv: "Toutes les divisions"
        }
    }
}

/// A value of a facet and the needs that have it (indices into the catalogue, ascending).
struct FacetValue {
    let kind: FacetKind
    /// The URL segment: a slug, a department code, `2015-t4`, a division `72`.
    let value: String
    let label: String
    let members: [Int]

    var path: String { NeedCatalogue.facetPath(kind, value) }
}

struct NeedCatalogue {
    static let pageSize = 50
    static let relatedLimit = 6
    static let path = "besoins/"

    let entries: [CatalogueEntry]
    /// Facets in display order, each with its values in display order (only values in use).
    let facets: [(kind: FacetKind, values: [FacetValue])]
    let byTheme: [String: [Int]]
    let byDivision: [String: [Int]]
    /// A buyer's needs (its page lists them, its feed carries them).
    let byBuyer: [String: [Int]]

    static func needPath(_ key: String) -> String { "besoins/\(key)/" }
    /// An empty value (a field that could not be read, already reported) leads to the catalogue.
    static func facetPath(_ kind: FacetKind, _ value: String) -> String {
        value.isEmpty ? "besoins/" : "besoins/\(kind.segment)/\(value)/"
    }
    /// Page 1 is the list's own path; page n ≥ 2 is `<path>page/<n>/`.
    static func pagePath(_ base: String, page: Int) -> String { page <= 1 ? base : "\(base)page/\(page)/" }
    static func pageCount(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    /// `2015-t4`: the quarter's URL segment.
    static func quarterKey(_ q: Quarter) -> String { "\(q.year)-t\(q.quarter)" }

    static func quarter(of launch: Launch) -> Quarter {
        switch launch {
        case .quarter(let q): q
        case .month(let m): Quarter(year: m.year, quarter: (m.month - 1) / 3 + 1)
        }
    }

    /// What tells a need apart from another of the same title, least specific first.
    static func qualifiers(_ entry: CatalogueEntry) -> [String] {
        ["\(entry.buyer.name), \(entry.roadmap.year)", "\(entry.buyer.name), \(entry.roadmap.year), \(entry.need.id)", entry.key]
    }

    static func divisionLabel(_ division: String) -> String {
        "\(division) – \(Labels.cpvDivisions[division] ?? "Division \(division)")"
    }

    /// The same in a few words, for a filter's choices.
    static func shortDivisionLabel(_ division: String) -> String {
        "\(division) – \(Labels.cpvDivisionsShort[division] ?? "Division \(division)")"
    }

    init() {
        entries = []; facets = []; byTheme = [:]; byDivision = [:]; byBuyer = [:]
    }

    init(content: SiteContent, buyers: [String: Buyer], themes: [String: Theme]) {
        var entries: [CatalogueEntry] = []
        for roadmap in content.roadmaps {
            guard let buyer = buyers[roadmap.buyer] else { continue }
            for need in roadmap.needs {
                let divisions = Set(need.cpv.map { String($0.prefix(2)) }).sorted()
                entries.append(CatalogueEntry(
                    need: need, roadmap: roadmap, buyer: buyer, key: "\(buyer.slug)-\(roadmap.year)-\(need.id)",
                    quarter: Self.quarter(of: need.launch), divisions: divisions))
            }
        }
        // Launch, then buyer (by name as a French reader sorts it), then year and id.
        // One key per buyer, not per need (folding accents goes through Foundation: slow).
        var keyByName: [String: String] = [:]
        let sortKeys = entries.map { entry in
            if let key = keyByName[entry.buyer.name] { return key }
            let key = FrenchFormat.searchKey(entry.buyer.name)
            keyByName[entry.buyer.name] = key
            return key
        }
        // Entries are read in place: copying two per comparison cost more than comparing.
        let order = entries.indices.sorted { a, b in
            if entries[a].need.launch != entries[b].need.launch { return entries[a].need.launch < entries[b].need.launch }
            if sortKeys[a] != sortKeys[b] { return sortKeys[a] < sortKeys[b] }
            if entries[a].buyer.slug != entries[b].buyer.slug { return entries[a].buyer.slug < entries[b].buyer.slug }
            if entries[a].roadmap.year != entries[b].roadmap.year { return entries[a].roadmap.year < entries[b].roadmap.year }
            return entries[a].need.id < entries[b].need.id
        }
        entries = order.map { entries[$0] }
        var sameTitle: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() { sameTitle[FrenchFormat.lowercased(entry.need.title), default: []].append(index) }
        for members in sameTitle.values where members.count > 1 {
            let qualifiers = distinguishingQualifiers(members.map { Self.qualifiers(entries[$0]) })
            for (index, qualifier) in zip(members, qualifiers) { entries[index].titleQualifier = qualifier }
        }
        self.entries = entries

        func group(_ values: (CatalogueEntry) -> [String]) -> [String: [Int]] {
            var groups: [String: [Int]] = [:]
            for (index, entry) in entries.enumerated() {
                // An empty value is a field that could not be read (already reported): no facet
                // page for it, so no link to a page that does not exist.
                for value in values(entry) where !value.isEmpty { groups[value, default: []].append(index) }
            }
            return groups
        }
        let byTheme = group { [$0.need.theme] }
        let byDivision = group { $0.divisions }
        self.byTheme = byTheme
        self.byDivision = byDivision
        byBuyer = group { [$0.buyer.slug] }

        let themeOrder = Dictionary(content.themes.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        func values(_ kind: FacetKind, _ groups: [String: [Int]], label: (String) -> String,
                    order: (String, String) -> Bool) -> (kind: FacetKind, values: [FacetValue]) {
            (kind, groups.keys.sorted(by: order).map { FacetValue(kind: kind, value: $0, label: label($0), members: groups[$0] ?? []) })
        }
        let kindOrder = Dictionary(BuyerKind.allCases.enumerated().map { ($1.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let procedureOrder = Dictionary(Procedure.allCases.enumerated().map { ($1.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let statusOrder = Dictionary(NeedStatus.allCases.enumerated().map { ($1.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        var quarterLabels: [String: (Quarter, String)] = [:]
        for entry in entries {
            let q = entry.quarter
            quarterLabels[Self.quarterKey(q)] = (q, FrenchFormat.quarter(year: q.year, quarter: q.quarter))
        }
        let byRank: ([String: Int]) -> (String, String) -> Bool = { ranks in
            { (ranks[$0] ?? Int.max, $0) < (ranks[$1] ?? Int.max, $1) }
        }
        facets = [
            values(.theme, byTheme, label: { themes[$0]?.label ?? $0 }, order: byRank(themeOrder)),
            values(.departement, group { [$0.buyer.department] }, label: Labels.department, order: <),
            values(.typeAcheteur, group { [$0.buyer.kind.rawValue] },
                   label: { BuyerKind(rawValue: $0).map(Labels.buyerKind) ?? $0 }, order: byRank(kindOrder)),
            values(.lancement, group { [Self.quarterKey($0.quarter)] }, label: { quarterLabels[$0]?.1 ?? $0 },
                   order: { (quarterLabels[$0]?.0 ?? Quarter(year: 0, quarter: 0)) < (quarterLabels[$1]?.0 ?? Quarter(year: 0, quarter: 0)) }),
            values(.procedure, group { [$0.procedure.rawValue] },
                   label: { Procedure(rawValue: $0).map(Labels.procedure) ?? $0 }, order: byRank(procedureOrder)),
            values(.statut, group { [$0.need.status.rawValue] },
                   label: { NeedStatus(rawValue: $0).map(Labels.status) ?? $0 }, order: byRank(statusOrder)),
            values(.cpv, byDivision, label: Self.divisionLabel, order: <),
        ]
    }

    func values(of kind: FacetKind) -> [FacetValue] {
        facets.first { $0.kind == kind }?.values ?? []
    }

    /// Up to `limit` needs sharing the theme or a CPV division of the need at `index`, those
    /// sharing both first, then the nearest in launch order. Only the need's own theme and
    /// division lists are read, around its position (binary search): no scan of the catalogue.
    func related(to index: Int, limit: Int = NeedCatalogue.relatedLimit) -> [Int] {
        let entry = entries[index]
        var lists: [[Int]] = [byTheme[entry.need.theme] ?? []]
        lists += entry.divisions.map { byDivision[$0] ?? [] }
        var candidates = Set<Int>()
        for list in lists {
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if list[mid] < index { low = mid + 1 } else { high = mid }
            }
            // `low` is the need's own position (or where it would be): take neighbours both ways.
            var after = low, before = low - 1, taken = 0
            while taken < limit * 2, after < list.count || before >= 0 {
                if after < list.count { if list[after] != index { candidates.insert(list[after]); taken += 1 }; after += 1 }
                if before >= 0 { if list[before] != index { candidates.insert(list[before]); taken += 1 }; before -= 1 }
            }
        }
        let divisions = Set(entry.divisions)
        // Ranked once per candidate (not once per comparison): sharing both, distance, position.
        let ranked = candidates.map { other -> (rank: Int, distance: Int, index: Int) in
            // Read in place: copying a whole entry per candidate costs more than the ranking.
            let sharesBoth = entries[other].need.theme == entry.need.theme
                && entries[other].divisions.contains(where: divisions.contains)
            return (sharesBoth ? 0 : 1, abs(other - index), other)
        }
        return ranked.sorted { ($0.rank, $0.distance, $0.index) < ($1.rank, $1.distance, $1.index) }
            .prefix(limit).map(\.index)
    }
}

// MARK: - Pages

extension SiteBuilder {
    /// Every catalogue path: the lists and their pages, the facet pages, the need pages.
    func cataloguePaths() -> [String] {
        var paths: [String] = []
        for page in 1...NeedCatalogue.pageCount(catalogue.entries.count) {
            paths.append(NeedCatalogue.pagePath(NeedCatalogue.path, page: page))
        }
        for facet in catalogue.facets {
            for value in facet.values {
                for page in 1...NeedCatalogue.pageCount(value.members.count) {
                    paths.append(NeedCatalogue.pagePath(value.path, page: page))
                }
            }
        }
        for crossing in calendar.crossings {
            for page in 1...NeedCatalogue.pageCount(crossing.members.count) {
                paths.append(NeedCatalogue.pagePath(crossing.path, page: page))
            }
        }
        paths += catalogue.entries.map(\.path)
        return paths
    }

    mutating func cataloguePages() -> [BuiltPage] {
        var built: [BuiltPage] = []
        // Need pages first: they render the summaries (once) that cards and feeds reuse.
        built += buildInParallel(catalogue.entries.count) { builder, index in builder.needPage(index) }
        var lists: [(members: [Int], base: String, facet: FacetValue?)] = [(Array(catalogue.entries.indices), NeedCatalogue.path, nil)]
        for facet in catalogue.facets {
            for value in facet.values { lists.append((value.members, value.path, value)) }
        }
        // Their views are made when they are rendered (`listPage`).
        for list in lists {
            for page in 1...NeedCatalogue.pageCount(list.members.count) {
                let path = NeedCatalogue.pagePath(list.base, page: page)
                built.append(BuiltPage(path: path, outputPath: path + "index.html", template: "besoins", view: [:],
                                       deferred: .list(members: list.members, base: list.base, facet: list.facet, page: page),
                                       inSitemap: true))
            }
        }
        for (index, crossing) in calendar.crossings.enumerated() {
            for page in 1...NeedCatalogue.pageCount(crossing.members.count) {
                let path = NeedCatalogue.pagePath(crossing.path, page: page)
                built.append(BuiltPage(path: path, outputPath: path + "index.html", template: "besoins", view: [:],
                                       deferred: .crossing(index: index, page: page), inSitemap: true))
            }
        }
        return built
    }

    /// A page whose view was deferred, with its view.
    func deferredPage(_ page: BuiltPage) -> BuiltPage {
        var made: BuiltPage
        switch page.deferred {
        case nil:
            return page
        case .view(let kind):
            // The layout, its title qualifier included, was made with the site.
            made = page
            made.view = view(of: kind)
            made.deferred = nil
            return made
        case .need(let index, let summaryHTML):
            made = needPageView(index, summaryHTML: summaryHTML)
        case .roadmap(let index, let bodyHTML, let summariesHTML):
            made = roadmapPageView(content.roadmaps[index], bodyHTML: bodyHTML, summariesHTML: summariesHTML)
        case .list(let members, let base, let facet, let page):
            made = listPage(members: members, base: base, facet: facet, page: page)
        case .crossing(let index, let page):
            let crossing = calendar.crossings[index]
            made = listPage(members: crossing.members, base: crossing.path, facet: crossing.row, page: page, crossing: crossing)
        }
        made.layout?.qualifier = deferredTitleQualifiers[made.path]
        return made
    }

    /// The view of a page that lists the whole site's roadmaps or sections.
    func view(of kind: SiteWideView) -> View {
        switch kind {
        case .roadmapsIndex: roadmapsIndexView()
        case .siteMap: siteMapView()
        }
    }

    /// The code's label from cpv.yaml, else its division's.
    func cpvLabel(_ code: String) -> String { Self.cpvLabel(code, cpvByDigits: cpvByDigits) }

    static func cpvLabel(_ code: String, cpvByDigits: [String: CPVEntry]) -> String {
        let digits = String(code.prefix(8))
        return typo(cpvByDigits[digits]?.label ?? NeedCatalogue.divisionLabel(String(digits.prefix(2))))
    }


    /// A need's values, as its page shows them.
    func needCard(_ entry: CatalogueEntry, root: String) -> View {
        Self.needCard(entry, root: root, themes: themes, cpvByDigits: cpvByDigits)
    }

    /// The same from the tables it reads only.
    static func needCard(_ entry: CatalogueEntry, root: String, themes: [String: Theme], cpvByDigits: [String: CPVEntry]) -> View {
        let need = entry.need
        return makeView([
            "key": entry.key,
            "href": root + entry.path,
            "title": typo(need.title),
            "titleQualifier": entry.titleQualifier.map(typo),
            "buyer": typo(entry.buyer.name),
            "department": typo(Labels.department(entry.buyer.department)),
            "theme": typo(themes[need.theme]?.label ?? need.theme),
            "cpv": need.cpv.map { ["code": $0, "label": cpvLabel($0, cpvByDigits: cpvByDigits)] as View },
            "budget": typo(Labels.budget(need.budget)),
            "launch": typo(Labels.launch(need.launch)),
            "procedure": typo(Labels.procedure(entry.procedure)),
            "status": Labels.status(need.status),
            "statusClass": need.status.rawValue,
            "statusSymbol": Labels.statusSymbol(need.status),
        ])
    }

    /// A need as its card shows it in the lists (and in their index).
    static func needListCard(_ entry: CatalogueEntry, themes: [String: Theme], cpvByDigits: [String: CPVEntry]) -> ListCard {
        let need = entry.need
        var facts: [ListCard.Fact] = [
            ListCard.Fact(term: "Acheteur", text: typo(entry.buyer.name), note: typo(Labels.department(entry.buyer.department)), wide: true),
            ListCard.Fact(term: "Thème", text: typo(themes[need.theme]?.label ?? need.theme)),
            ListCard.Fact(term: "Lancement", text: typo(Labels.launch(need.launch))),
            ListCard.Fact(term: "Budget", text: typo(Labels.budget(need.budget))),
            ListCard.Fact(term: "Procédure", text: typo(Labels.procedure(entry.procedure))),
        ]
        if !need.cpv.isEmpty {
            facts.append(ListCard.Fact(term: "CPV", items: need.cpv.map { ListCard.Item(code: $0, label: cpvLabel($0, cpvByDigits: cpvByDigits)) },
                                       wide: true))
        }
        return ListCard(key: entry.key, path: entry.path, title: typo(need.title), titleQualifier: entry.titleQualifier.map(typo),
                        badge: ListCard.Badge(kind: need.status.rawValue, symbol: Labels.statusSymbol(need.status),
                                              label: Labels.status(need.status), prefix: "Statut\u{A0}: "),
                        facts: facts)
    }

    /// A need's card on a page at `root`: the same on every list page of that depth, so it is
    /// rendered once (see `Fragment`).
    func cardFragment(_ index: Int, root: String) -> RootedFragment {
        fragments.need(index, .card, root: root) {
            // The view is made when the card is first rendered, and dropped after. The closure
            // holds the shared array of entries, not a copy of the entry (a need, its roadmap and
            // buyer: tens of thousands of cards would each hold one).
            let (entries, themes, cpvByDigits) = (catalogue.entries, themes, cpvByDigits)
            return Fragment(template: "partials/card", library: library) {
                Self.needListCard(entries[index], themes: themes, cpvByDigits: cpvByDigits).view(root: RootedFragment.rootMarker)
            }
        }
    }

    /// A need as a line among a need page's related needs (title, buyer, launch, status), not a
    /// whole card: 10 000 need pages repeated six cards each, 50 MB of the site; its card is one
    /// click away. Rendered once per need, as cards are (each is on about six need pages).
    func relatedLineFragment(_ index: Int, root: String) -> RootedFragment {
        fragments.need(index, .line, root: root) {
            let entries = catalogue.entries
            return Fragment(template: "partials/need-line", library: library) {
                let entry = entries[index]
                return makeView([
                    "title": typo(entry.need.title), "titleQualifier": entry.titleQualifier.map(typo),
                    "href": RootedFragment.rootMarker + entry.path,
                    "buyer": typo(entry.buyer.name), "launch": typo(Labels.launch(entry.need.launch)),
                    "status": Labels.status(entry.need.status), "statusClass": entry.need.status.rawValue,
                    "statusSymbol": Labels.statusSymbol(entry.need.status),
                ])
            }
        }
    }

    /// The facet navigation of a list page at `root`, rendered once per current value.
    /// Every value of every criterion (19 KB at 10 000 needs) is on the catalogue's first page
    /// only: the 835 facet and calendar lists carried it too (16 MB). A facet value's list shows
    /// its own criterion's values; the others, and later pages, link to the catalogue's.
    /// `narrowed`: on a list narrower than the catalogue that no facet value is (a cell of the
    /// launch calendar), or on a later page.
    func facetNavigationFragment(root: String, current: FacetValue?, narrowed: Bool = false) -> RootedFragment {
        let key = "facets|" + (current.map { "\($0.kind.segment)/\($0.value)" } ?? (narrowed ? "*" : ""))
        let whole = current == nil && !narrowed
        return fragments.rootedFragment(key, root: root) {
            var view: View = ["title": "Parcourir les besoins", "scope": false, "facets": [View](),
                              "allCriteria": whole ? false : RootedFragment.rootMarker + NeedCatalogue.path + "#facettes"]
            if whole {
                view["facets"] = facetNavigation(root: RootedFragment.rootMarker, current: nil)
            } else if let current {
                // The counts are those of the whole catalogue, and say so.
                view["title"] = "Tout le catalogue, par \(current.kind.lowercaseLabel)"
                view["scope"] = "Les nombres comptent les besoins de tout le catalogue."
                view["facets"] = facetNavigation(root: RootedFragment.rootMarker, current: current, only: current.kind)
            }
            return Fragment(template: "partials/facets", view: view, library: library)
        }
    }

    /// The side box of a launch calendar cell's page: the cells beside it, to move across the
    /// calendar from list to list (its quarter's other rows, its row's nearby quarters). Each
    /// cell's page has its own: rendered with the page, not kept.
    func calendarNavigation(_ crossing: LaunchCalendar.Crossing, root: String) -> Fragment {
        let (column, row) = calendar.neighbours(of: crossing)
        func values(_ neighbours: [LaunchCalendar.Neighbour]) -> [View] {
            neighbours.map { neighbour in
                makeView([
                    "label": typo(neighbour.label), "count": FrenchFormat.integer(neighbour.count),
                    "countLabel": Labels.plural(neighbour.count, "besoin", "besoins"),
                    // Its own cell is named, not linked: « 1er trimestre 2016 » in its breadcrumbs
                    // leads to the quarter's list, and one link text has one destination (RGAA 6.1).
                    "href": neighbour.isCurrent ? false : root + neighbour.path,
                ])
            }
        }
        let view: View = [
            "title": "Dans le calendrier des lancements", "scope": false, "allCriteria": false,
            "facets": [
                ["id": "calendrier-trimestre", "label": "Même trimestre, par \(crossing.row.kind.lowercaseLabel)", "values": values(column)] as View,
                ["id": "calendrier-ligne", "label": "Même \(crossing.row.kind.lowercaseLabel), par trimestre", "values": values(row)] as View,
            ] as [View],
        ]
        return Fragment(template: "partials/facets", view: view, library: library)
    }

    /// Every value of every facet with its count and link, for the navigation on lists.
    func facetNavigation(root: String, current: FacetValue?, only kind: FacetKind? = nil) -> [View] {
        catalogue.facets.filter { !$0.values.isEmpty && (kind == nil || $0.kind == kind) }.map { facet -> View in
            [
                "id": "facette-\(facet.kind.segment)",
                "label": typo(facet.kind.label),
                "values": facet.values.map { value -> View in
                    makeView([
                        "label": typo(value.label),
                        "count": FrenchFormat.integer(value.members.count),
                        "countLabel": Labels.plural(value.members.count, "besoin", "besoins"),
                        "href": root + value.path,
                        "current": current.map { $0.kind == value.kind && $0.value == value.value } == true ? true : nil,
                    ])
                },
            ]
        }
    }

    /// The filter form of a list (partials/list-filters), revealed by static/listes.js.
    func listFormView(indexHref: String, root: String, singular: String, plural: String, title: String,
                      searchLabel: String, filters: [View], rank: Bool = false) -> View {
        ["indexHref": indexHref, "root": root, "singular": singular, "plural": plural, "title": title,
         "searchLabel": searchLabel, "filters": filters, "rank": rank]
    }

    /// The filter form's choices: one select per facet but CPV.
    func filterSelects() -> [View] {
        catalogue.facets.filter { $0.kind != .cpv && !$0.values.isEmpty }.map { facet -> View in
            [
                "name": facet.kind.segment,
                "id": "filtre-\(facet.kind.segment)",
                "label": typo(facet.kind.label),
                "anyLabel": typo(facet.kind.anyLabel),
                "options": facet.values.map { ["value": $0.value, "label": typo($0.label)] as View },
                "checkbox": false,
            ]
        }
    }

    /// Page `page` of a list of needs (the catalogue or a facet value's), `pageSize` cards.
    /// With `crossing`, the list of one cell of the launch calendar (`facet` is its row).
    func listPage(members: [Int], base: String, facet: FacetValue?, page: Int, crossing: LaunchCalendar.Crossing? = nil) -> BuiltPage {
        let pageCount = NeedCatalogue.pageCount(members.count)
        let path = NeedCatalogue.pagePath(base, page: page)
        let root = Self.root(for: path)
        let slice = members.dropFirst((page - 1) * NeedCatalogue.pageSize).prefix(NeedCatalogue.pageSize)
        var view: View = [:]
        view["needs"] = FragmentList(slice.map { cardFragment($0, root: root) })
        view["count"] = Labels.plural(members.count, "besoin", "besoins")
        if let crossing {
            view["facetNavigation"] = calendarNavigation(crossing, root: root)
        } else {
            view["facetNavigation"] = facetNavigationFragment(root: root, current: page == 1 ? facet : nil, narrowed: page > 1)
        }
        // « Parcourir par thème, département, date… » leads to every criterion: the catalogue's.
        view["firstPageHref"] = facet == nil && crossing == nil && page == 1 ? "" : root + NeedCatalogue.path
        view["catalogueHref"] = root + NeedCatalogue.path
        view["dataHref"] = root + "donnees/"
        if pageCount > 1 {
            view["pagination"] = paginationView(base: base, page: page, pageCount: pageCount, root: root)
            view["pageLabel"] = "page \(page) sur \(pageCount)"
        }
        // A cell of the calendar has no feed: its quarter's and its row's do.
        let feed = crossing == nil ? feedFor(facet: facet) : nil
        if let feed {
            view["feedHref"] = root + feed.path
            view["feedTitle"] = typo(feed.title)
        }
        let description: String
        var crumbs: [Crumb] = []
        if let crossing {
            description = "\(Labels.plural(members.count, "besoin", "besoins")) des acheteurs publics franciliens — \(crossing.row.kind.lowercaseLabel) : \(crossing.row.label), lancement prévu au \(crossing.quarter.label)."
            crumbs = [Crumb(title: "Besoins", path: NeedCatalogue.path), Crumb(title: crossing.quarter.label, path: crossing.quarter.path)]
            view["facetLabel"] = typo("\(FacetKind.lancement.label) et \(crossing.row.kind.lowercaseLabel)")
            view["facetValue"] = typo("\(crossing.row.label), \(crossing.quarter.label)")
            view["wider"] = [
                ["label": typo("Tout le \(crossing.quarter.label)"), "href": root + crossing.quarter.path],
                ["label": typo("Tout le \(crossing.row.kind.lowercaseLabel) « \(crossing.row.label) »"), "href": root + crossing.row.path],
            ] as [View]
        } else if let facet {
            description = "\(Labels.plural(members.count, "besoin", "besoins")) des acheteurs publics franciliens — \(facet.kind.lowercaseLabel) : \(facet.label)."
            crumbs.append(Crumb(title: "Besoins", path: NeedCatalogue.path))
            view["facetLabel"] = typo(facet.kind.label)
            view["facetValue"] = typo(facet.label)
        } else {
            description = "Les besoins numériques annoncés par les acheteurs publics franciliens dans leurs feuilles de route : \(Labels.plural(members.count, "besoin", "besoins")), filtrables par thème, département, date de lancement et procédure."
            view["isCatalogue"] = true
            if page == 1 {
                // The form is revealed by the script, which only the first page loads.
                view["listForm"] = listFormView(indexHref: root + Self.searchIndexPath, root: root, singular: "besoin", plural: "besoins",
                                                title: "Filtrer les besoins", searchLabel: "Rechercher (titre, acheteur, thème, CPV)",
                                                filters: filterSelects())
                view["charts"] = makeView(["calendar": launchCalendarFragment(root: root),
                                           "map": departmentMapFragment(.needs, root: root)])
            }
        }
        if page > 1 { crumbs.append(Crumb(title: crossing.map { "\($0.row.label), \($0.quarter.label)" } ?? (facet == nil ? "Besoins" : "\(facet?.label ?? "")"), path: base)) }
        var built = finish(path: path, template: "besoins", title: Self.listTitle(facet: facet, page: page, crossing: crossing),
                           description: description, crumbs: page > 1 || facet != nil ? crumbs : [], view: view)
        var links: [View] = feed.map { [headLink("alternate", type: "application/atom+xml", title: $0.title, href: root + $0.path)] } ?? []
        if page > 1 { links.append(headLink("prev", type: "text/html", title: "Page précédente", href: root + NeedCatalogue.pagePath(base, page: page - 1))) }
        if page < pageCount { links.append(headLink("next", type: "text/html", title: "Page suivante", href: root + NeedCatalogue.pagePath(base, page: page + 1))) }
        built.view["headLinks"] = links
        if facet == nil && page == 1 { built.view["extraScript"] = root + "static/listes.js" }
        return built
    }

    /// The title of page `page` of a list of needs (a facet value's, or the catalogue).
    static func listTitle(facet: FacetValue?, page: Int, crossing: LaunchCalendar.Crossing? = nil) -> String {
        let title = crossing.map { "Besoins — \($0.row.label), \($0.quarter.label)" }
            ?? facet.map { "Besoins — \($0.kind.label) : \($0.label)" } ?? "Catalogue des besoins"
        return page > 1 ? "\(title) (page \(page))" : title
    }

    /// Every key set, so that Mustache never looks one up in an enclosing view.
    func headLink(_ rel: String, type: String, title: String, href: String) -> View {
        ["rel": rel, "type": type, "title": typo(title), "href": href]
    }

    /// « Précédente 1 2 3 Suivante », with the current page marked for assistive technology.
    func paginationView(base: String, page: Int, pageCount: Int, root: String) -> View {
        var view: View = [:]
        if page > 1 { view["prevHref"] = root + NeedCatalogue.pagePath(base, page: page - 1) }
        if page < pageCount { view["nextHref"] = root + NeedCatalogue.pagePath(base, page: page + 1) }
        view["pages"] = Self.pageWindow(page: page, pageCount: pageCount).map { number -> View in
            guard let number else { return ["gap": true] }
            return makeView(["number": String(number), "href": root + NeedCatalogue.pagePath(base, page: number),
                             "current": number == page ? true : nil, "gap": false])
        }
        return view
    }

    /// The page numbers a pagination shows: the first, the last, and two on each side of the
    /// current one; nil where numbers are left out (« … »). Every page stays reachable (by these
    /// and by « Suivante »), and a list of a thousand pages does not write a thousand links on
    /// each of them.
    static func pageWindow(page: Int, pageCount: Int, radius: Int = 2) -> [Int?] {
        guard pageCount > 0 else { return [] }
        var shown = Set([1, pageCount])
        for number in max(1, page - radius)...min(pageCount, max(1, page + radius)) { shown.insert(number) }
        var window: [Int?] = []
        var previous = 0
        for number in shown.sorted() {
            if number == previous + 2 {
                window.append(previous + 1)  // a gap of one page: show the page, not « … »
            } else if number > previous + 2 {
                window.append(nil)
            }
            window.append(number)
            previous = number
        }
        return window
    }

    /// A need's page, its view deferred to rendering (see `BuiltPage.deferred`); its summary
    /// is rendered now, for its diagnostics, anchors and the feeds.
    mutating func needPage(_ index: Int) -> BuiltPage {
        let entry = catalogue.entries[index]
        let file = "roadmaps/\(entry.roadmap.year)/\(entry.roadmap.buyer).md"
        // Under the page's « Description » <h2>.
        let summary = renderMarkdown(entry.need.summary, contentFile: file, page: entry.path, headingLevel: 3, under: "description")
        needSummaryHTML[entry.key] = summary
        return BuiltPage(path: entry.path, outputPath: entry.path + "index.html", template: "need", view: [:],
                         deferred: .need(index: index, summaryHTML: summary), inSitemap: true, lastModified: entry.lastModified)
    }

    /// The whole page of a need, view included.
    func needPageView(_ index: Int, summaryHTML summary: String?) -> BuiltPage {
        let entry = catalogue.entries[index]
        let need = entry.need
        let path = entry.path
        let root = Self.root(for: path)
        var view = needCard(entry, root: root)
        view["summaryHtml"] = summary
        view["buyerHref"] = root + Self.buyerPath(entry.buyer.slug)
        view["buyerKind"] = typo(Labels.buyerKind(entry.buyer.kind))
        view["themeHref"] = root + NeedCatalogue.facetPath(.theme, need.theme)
        view["departmentHref"] = root + NeedCatalogue.facetPath(.departement, entry.buyer.department)
        view["kindHref"] = root + NeedCatalogue.facetPath(.typeAcheteur, entry.buyer.kind.rawValue)
        view["launchHref"] = root + NeedCatalogue.facetPath(.lancement, NeedCatalogue.quarterKey(entry.quarter))
        view["procedureHref"] = root + NeedCatalogue.facetPath(.procedure, entry.procedure.rawValue)
        view["statusHref"] = root + NeedCatalogue.facetPath(.statut, need.status.rawValue)
        view["divisions"] = entry.divisions.map {
            ["label": typo(NeedCatalogue.divisionLabel($0)), "href": root + NeedCatalogue.facetPath(.cpv, $0)] as View
        }
        view["tenderHref"] = nonEmpty(need.tenderURL)
        view["isPublished"] = need.status == .publie ? true : nil
        let roadmap = entry.roadmap
        view["roadmap"] = makeView([
            "title": typo(roadmap.title),
            "year": String(roadmap.year),
            "href": root + Self.roadmapPath(roadmap) + "#" + need.id,
            "horizon": typo(Labels.horizon(from: roadmap.horizonFrom, to: roadmap.horizonTo)),
            "published": typo(Labels.date(roadmap.published)),
            "isoPublished": roadmap.published.description,
            "updated": roadmap.updated.map { typo(Labels.date($0)) },
            "isoUpdated": roadmap.updated?.description,
            "needCount": Labels.plural(roadmap.needs.count, "besoin", "besoins"),
            "contact": roadmap.contact.map { contact in
                makeView(["name": typo(contact.name), "role": typoIfAny(contact.role), "email": nonEmpty(contact.email)])
            },
        ])
        view["related"] = FragmentList(catalogue.related(to: index).map { relatedLineFragment($0, root: root) })
        view["positioned"] = positionedFragment(entry, root: root)
        view["catalogueHref"] = root + NeedCatalogue.path
        let description = "\(need.title) : besoin de \(entry.buyer.name) (\(Labels.department(entry.buyer.department))), lancement prévu \(Labels.launch(need.launch)), budget \(Labels.budget(need.budget))."
        var built = finish(path: path, template: "need", title: need.title, description: description,
                           crumbs: [Crumb(title: "Besoins", path: NeedCatalogue.path)], view: view,
                           lastModified: entry.lastModified)
        let feed = feedFor(facet: catalogue.values(of: .theme).first { $0.value == need.theme })
        built.view["headLinks"] = [headLink("alternate", type: "application/atom+xml", title: feed.title, href: root + feed.path)]
        built.view["jsonLd"] = Self.jsonLD(needJSONLD(entry))
        return built
    }

    /// « Prestataires positionnés » on a need page at `root`: the same section for every need
    /// of one theme and set of divisions, so it is rendered once per set.
    func positionedFragment(_ entry: CatalogueEntry, root: String) -> RootedFragment {
        fragments.rootedFragment("positioned|" + Matching.key(theme: entry.need.theme, divisions: entry.divisions), root: root) {
            Fragment(template: "partials/positioned", view: positionedView(entry, root: RootedFragment.rootMarker), library: library)
        }
    }

    /// « Prestataires positionnés »: the suppliers of the need's theme and CPV divisions, why
    /// each, and the directory's pages of that theme and those divisions.
    func positionedView(_ entry: CatalogueEntry, root: String) -> View {
        let positioned = matching.suppliers(for: entry)
        let shown = positioned.shown.map { match -> View in
            let supplier = directory.suppliers[match.supplier]
            let place = [supplier.city, supplier.department.map { "(\(Labels.department($0)))" }].compactMap { $0 }.joined(separator: " ")
            return makeView([
                "name": typo(supplier.name), "href": root + Self.supplierPath(supplier.slug),
                "details": typoIfAny([supplier.size.map(Labels.supplierSizeShort), place.isEmpty ? nil : place]
                    .compactMap { $0 }.joined(separator: " · ")),
                "reasons": typo(matchReasons(theme: match.sharesTheme ? entry.need.theme : nil, divisions: match.divisions)
                    .joined(separator: " · ")),
                "pitch": directory.pitches[match.supplier] != nil,
            ])
        }
        var links: [View] = []
        if let theme = directory.values(of: .theme).first(where: { $0.value == entry.need.theme }) {
            links.append(["label": typo("du thème « \(theme.label) »"), "href": root + SupplierDirectory.path + "\(DirectoryFacet.theme.segment)/\(theme.value)/",
                          "count": Labels.plural(theme.members.count, "prestataire", "prestataires")])
        }
        for division in entry.divisions {
            guard let value = directory.values(of: .cpv).first(where: { $0.value == division }) else { continue }
            links.append(["label": "de la division CPV \(division)", "href": root + SupplierDirectory.path + "\(DirectoryFacet.cpv.segment)/\(division)/",
                          "count": Labels.plural(value.members.count, "prestataire", "prestataires")])
        }
        return [
            "count": Labels.plural(positioned.total, "prestataire correspond", "prestataires correspondent"),
            "shownCount": positioned.total > positioned.shown.count ? "les \(positioned.shown.count) premiers" : false,
            "suppliers": shown,
            "links": links,
            "directoryHref": root + SupplierDirectory.path,
        ]
    }
}

// MARK: - Files

extension SiteBuilder {
    /// The supplier side's non-HTML files, known before rendering so that links to them check.
    func supplierSideFilePaths() -> [String] {
        feedSources().map(\.feed.path) + matinales.map { Self.matinaleCalendarPath($0.slug) }
            + [Self.allMatinalesCalendarPath] + Self.catalogueDataPaths
    }

    /// The catalogue's data files (open data, search indexes): the heaviest files beside the
    /// pages, read by none of them, so `openmap serve` makes them only when they are asked for.
    static let catalogueDataPaths = catalogueDataFiles.map(\.path)

    /// Those files, each made by the first writer thread that asks for it, so that two cores
    /// make them side by side (made together, the site search's index held one core for most of
    /// a 10 000-need incremental build while the other had nothing left to do), and none is
    /// held beside another.
    static let catalogueDataFiles: [DataFile] = openDataFiles + indexFiles
    private static let indexFiles: [DataFile] = [
        (searchIndexPath, { .bytes($0.searchIndex()) }),
        (directoryIndexPath, { .bytes($0.directoryIndex()) }),
        (siteSearchIndexPath, { .bytes($0.siteSearchIndex()) }),
    ]
    /// A data file's path, and how it is made from the site's indexes.
    typealias DataFile = (path: String, make: @Sendable (SiteBuilder) -> OutputFile.Contents)
}
