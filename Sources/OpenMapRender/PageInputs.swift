import BinaryCoding
import OpenMapContent

/// One thing a page is made from, named, with a digest of its value: a template, the layout's
/// settings, a need's card, the catalogue's facet counts, a rendered text… Two builds that give a
/// page the same inputs give it the same bytes, so the build record (`BuildRecord`) keeps each
/// page's inputs and a page whose inputs are unchanged is not made again.
public struct PageInput: Sendable, Hashable {
    /// `need:plaine-commune-2015-portail` (for people: what changed).
    public var name: String
    public var digest: UInt64

    public init(_ name: String, _ digest: UInt64) {
        self.name = name
        self.digest = digest
    }

    /// The inputs as one digest (order matters: a list's cards are in their order).
    public static func fingerprint(_ inputs: [PageInput]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(UInt64(inputs.count))
        for input in inputs {
            hasher.combine(input.name)
            hasher.combine(input.digest)
        }
        return hasher.finalize()
    }
}

/// The digests the pages' inputs are made of, computed once per site from the content. Views of
/// the thousands of need, roadmap and list pages are only made when a page is rendered; these
/// digests stand for what each view reads (`SiteBuilder.deferredPage`), so that a build can tell
/// which pages an edit changed without making every view. Whoever changes what a deferred view
/// shows changes its inputs here too; `IncrementalPropertyTests` compares builds after random
/// edits with clean builds to catch a forgotten one.
struct InputDigests: Sendable {
    /// The layout's values shared by every page: the site's settings, its base URL, the footer's
    /// free pages.
    var layout: UInt64 = 0
    /// Themes and CPV codes, whose labels cards and needs show.
    var labels: UInt64 = 0
    /// Every facet value with its label and count: the navigation and filters of every list.
    var facets: UInt64 = 0
    /// Per catalogue entry: what its card shows (the need, its buyer, its roadmap's year).
    var cards: [PageInput] = []
    /// Per catalogue entry: what its page shows of it beyond the card (its roadmap's head).
    var needs: [PageInput] = []
    /// Per roadmap (index in the content): the whole roadmap and its buyer.
    var roadmaps: [UInt64] = []
    /// Per supplier (position in the directory): what a need's page shows of it among the
    /// suppliers positioned on the need.
    var suppliers: [PageInput] = []

    init() {}

    init(builder: SiteBuilder) {
        let content = builder.content
        var layout = StableHasher()
        layout.combine(BinaryCoding.digest(content.site))
        layout.combine(builder.baseURL)
        ViewFingerprint.combine(builder.footerView(root: ""), into: &layout)
        self.layout = layout.finalize()

        var labels = StableHasher()
        labels.combine(BinaryCoding.digest(content.themes))
        labels.combine(BinaryCoding.digest(content.cpv))
        self.labels = labels.finalize()

        var facets = StableHasher()
        for facet in builder.catalogue.facets {
            facets.combine(facet.kind.segment)
            facets.combine(UInt64(facet.values.count))
            for value in facet.values {
                facets.combine(value.value)
                facets.combine(value.label)
                facets.combine(UInt64(value.members.count))
            }
        }
        self.facets = facets.finalize()

        // Needs and roadmaps by the digests the loader took of their YAML (thousands of them:
        // encoding each would cost a build a tenth of a second); the few buyers by value.
        let buyers = Dictionary(content.buyers.map { ($0.slug, BinaryCoding.digest($0)) }, uniquingKeysWith: { first, _ in first })
        // (Content made in code, not loaded, has no digests of its YAML: its values are taken.)
        func head(_ roadmap: Roadmap) -> UInt64 {
            roadmap.frontMatterDigest != 0 ? roadmap.frontMatterDigest : BinaryCoding.digest(roadmap)
        }
        roadmaps = content.roadmaps.map { roadmap in
            var hasher = StableHasher()
            hasher.combine(head(roadmap))
            hasher.combine(roadmap.body.source)
            hasher.combine(UInt64(roadmap.year))
            hasher.combine(roadmap.buyer)
            hasher.combine(buyers[roadmap.buyer] ?? 0)
            return hasher.finalize()
        }
        let entries = builder.catalogue.entries
        // Each input made once, its name shared by every page that lists it.
        let pairs = entries.map { entry -> (card: PageInput, need: PageInput) in
            var card = StableHasher()
            card.combine(entry.need.digest != 0 ? entry.need.digest : BinaryCoding.digest(entry.need))
            card.combine(buyers[entry.buyer.slug] ?? 0)
            card.combine(UInt64(entry.roadmap.year))
            card.combine(entry.titleQualifier ?? "\u{0}")
            let cardDigest = card.finalize()
            var need = StableHasher()
            need.combine(cardDigest)
            need.combine(head(entry.roadmap))
            return (PageInput("card:" + entry.key, cardDigest), PageInput("need:" + entry.key, need.finalize()))
        }
        cards = pairs.map(\.card)
        needs = pairs.map(\.need)
        suppliers = builder.directory.suppliers.indices.map { position in
            var hasher = StableHasher()
            hasher.combine(BinaryCoding.digest(builder.directory.suppliers[position]))
            hasher.combine(UInt64(builder.directory.pitches[position]?.count ?? 0))
            return PageInput("supplier:" + builder.directory.suppliers[position].slug, hasher.finalize())
        }
    }
}

extension PreparedSite {
    /// What the page at `index` is made from; nil for other files (their bytes are made, and
    /// compared, instead).
    public func inputs(at index: Int) -> [PageInput]? {
        guard case .page(let page) = items[index] else { return nil }
        var inputs = [PageInput("templates", templatesFingerprint)]
        var own = StableHasher()
        own.combine(page.template)
        // What tells its <title> apart from other pages' (`qualifySharedTitles`).
        own.combine((page.layout?.qualifier ?? builder.deferredTitleQualifiers[page.path]) ?? "\u{0}")
        switch page.deferred {
        case .need(let need, let summaryHTML):
            inputs.append(PageInput("layout", digests.layout))
            inputs.append(PageInput("labels", digests.labels))
            inputs.append(digests.needs[need])
            own.combine(summaryHTML ?? "")
            for related in builder.catalogue.related(to: need) { inputs.append(digests.cards[related]) }
            // The suppliers positioned on it, and the sizes of the directory's pages it links to.
            let entry = builder.catalogue.entries[need]
            let positioned = builder.matching.suppliers(for: entry)
            for match in positioned.shown { inputs.append(digests.suppliers[match.supplier]) }
            own.combine(UInt64(positioned.total))
            own.combine(UInt64(builder.directory.values(of: .theme).first { $0.value == entry.need.theme }?.members.count ?? 0))
            for division in entry.divisions {
                own.combine(UInt64(builder.directory.values(of: .cpv).first { $0.value == division }?.members.count ?? 0))
            }
        case .roadmap(let roadmap, let bodyHTML, let summariesHTML):
            inputs.append(PageInput("layout", digests.layout))
            inputs.append(PageInput("labels", digests.labels))
            inputs.append(PageInput("roadmap:" + page.path, digests.roadmaps[roadmap]))
            own.combine(bodyHTML ?? "")
            for summary in summariesHTML { own.combine(summary ?? "") }
            // Its timeline marks the month of « today ».
            own.combine(builder.timelineMonth.map(\.description) ?? "\u{0}")
        case .list(let members, let base, let facet, let number):
            inputs.append(PageInput("layout", digests.layout))
            inputs.append(PageInput("labels", digests.labels))
            inputs.append(PageInput("facets", digests.facets))
            own.combine(base)
            own.combine(facet.map { "\($0.kind.segment)/\($0.value)/\($0.label)" } ?? "")
            own.combine(UInt64(number))
            own.combine(UInt64(members.count))
            for member in members.dropFirst((number - 1) * NeedCatalogue.pageSize).prefix(NeedCatalogue.pageSize) {
                inputs.append(digests.cards[member])
            }
            // The catalogue's first page shows the launch calendar and the map: their views.
            if facet == nil && number == 1 {
                for chart in builder.catalogueCharts(root: SiteBuilder.root(for: base)) { inputs.append(PageInput("chart", chart)) }
            }
        case .crossing(let index, let number):
            let crossing = builder.calendar.crossings[index]
            inputs.append(PageInput("layout", digests.layout))
            inputs.append(PageInput("labels", digests.labels))
            inputs.append(PageInput("facets", digests.facets))
            own.combine(crossing.path)
            own.combine(crossing.row.label)
            own.combine(crossing.quarter.label)
            own.combine(UInt64(number))
            own.combine(UInt64(crossing.members.count))
            // Its side box: the cells beside it, their counts and the pages they lead to.
            let (column, row) = builder.calendar.neighbours(of: crossing)
            for neighbours in [column, row] {
                own.combine(UInt64(neighbours.count))
                for neighbour in neighbours {
                    own.combine(neighbour.label)
                    own.combine(neighbour.path)
                    own.combine(UInt64(neighbour.count))
                    own.combine(neighbour.isCurrent ? 1 : 2)
                }
            }
            for member in crossing.members.dropFirst((number - 1) * NeedCatalogue.pageSize).prefix(NeedCatalogue.pageSize) {
                inputs.append(digests.cards[member])
            }
        case nil, .view:
            // A page whose view is made with the site, or from the whole site: the view itself
            // (and the layout's request) is what it is made from.
            inputs.append(PageInput("layout", digests.layout))
            ViewFingerprint.combine(builder.deferredPage(page).view, into: &own)
            if let layout = page.layout {
                own.combine(layout.title)
                own.combine(layout.description ?? "\u{0}")
                own.combine(layout.usesScript ? 1 : 2)
                own.combine(layout.root)
                for crumb in layout.crumbs {
                    own.combine(crumb.title)
                    own.combine(crumb.path)
                }
            }
        }
        inputs.append(PageInput("page", own.finalize()))
        return inputs
    }
}
