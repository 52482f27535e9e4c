import Diagnostics
import OpenMapContent
import OpenMapText

// One view model per page. Every content string goes through French typography here; Mustache
// HTML-escapes it; only Markdown output (already safe) is inserted raw (`{{{…Html}}}`).
extension SiteBuilder {
    mutating func buildPages() -> [BuiltPage] {
        var built: [BuiltPage] = []
        // Pages with Markdown bodies first, so that their headings are known to anchor checks.
        let roadmaps = content.roadmaps.indices.filter { buyers[content.roadmaps[$0].buyer] != nil }
        built += buildInParallel(roadmaps.count) { builder, index in builder.roadmapPage(at: roadmaps[index]) }
        built += buildInParallel(content.buyers.count) { builder, index in builder.buyerPage(builder.content.buyers[index]) }
        built += buildInParallel(directory.suppliers.count) { builder, position in builder.supplierPage(position) }
        for matinale in matinales { built.append(matinalePage(matinale)) }
        for pitch in content.pitches { built.append(pitchPage(pitch)) }
        built.append(testimonialsPage())
        for page in pages { built.append(freePage(page)) }
        // Drafts are not published, but their links are checked like the rest.
        for matinale in content.matinales where matinale.draft {
            checkUnpublishedMarkdown(matinale.body, contentFile: "matinales/\(matinale.slug)/index.md",
                                     page: Self.matinalePath(matinale.slug))
        }
        for page in content.pages where page.draft {
            checkUnpublishedMarkdown(page.body, contentFile: "pages/\(page.slug).md", page: "\(page.slug)/")
        }
        built.append(roadmapsIndex())
        built.append(buyersIndex())
        built += directoryPages()
        built.append(matinalesIndex())
        built.append(pitchesIndex())
        built.append(notFoundPage())
        built += cataloguePages() + [openDataPage(), searchPage()]  // supplier side
        // Every text is rendered now: the accessibility statement, and the status that the home
        // page and every footer show, know every image without text.
        let titles = Dictionary(built.compactMap { page in plainTitle(of: page).map { (page.path, $0) } },
                                uniquingKeysWith: { first, _ in first })
        accessibility = accessibilitySummary(pageTitles: titles)
        built.append(homePage())
        built.append(siteMapPage())
        if let statement = accessibilityStatementPage() { built.append(statement) }
        decorateSupplierSide(&built)
        return built
    }

    // MARK: - Layout

    /// A page with what its layout will need (title, description, breadcrumbs…). The layout's
    /// own values (navigation, footer, Open Graph…) are the same few dozen on every page: they
    /// are made when the page is rendered (`layoutView`), not kept for every page meanwhile.
    func finish(path: String, template: String, title: String, description: String?, crumbs: [Crumb],
                view: View, usesScript: Bool = false, lastModified: LocalDate? = nil,
                outputPath: String? = nil, root explicitRoot: String? = nil) -> BuiltPage
    {
        BuiltPage(path: path, outputPath: outputPath ?? path + "index.html", template: template, view: view,
                  layout: LayoutRequest(title: title, description: description, crumbs: crumbs, usesScript: usesScript,
                                        root: explicitRoot ?? Self.root(for: path)),
                  inSitemap: outputPath == nil, lastModified: lastModified)
    }

    /// What the layout needs (title, navigation, breadcrumbs, footer) for a page; none of its
    /// keys is set by a page's own view.
    func layoutView(_ layout: LayoutRequest, path: String) -> View {
        let (title, description, crumbs, usesScript, root) = (layout.title, layout.description, layout.crumbs, layout.usesScript, layout.root)
        let site = content.site
        let siteTitle = siteText.title
        let heading = typo(title)
        let metaDescription = nonEmpty(description).map(typo) ?? siteText.description
        var view: View = [:]
        view["root"] = root
        view["lang"] = site.language.isEmpty ? "fr" : site.language
        view["siteTitle"] = siteTitle
        view["pageTitle"] = path.isEmpty ? siteTitle
            : typo("\(title)\(layout.qualifier.map { " (\($0))" } ?? "") — \(site.title)")
        view["heading"] = heading
        view["metaDescription"] = metaDescription
        view["canonical"] = absoluteURL(path)
        view["openGraph"] = [
            "title": path.isEmpty ? siteTitle : heading,
            "description": metaDescription,
            "url": absoluteURL(path),
            "type": path.isEmpty ? "website" : "article",
            "siteName": siteTitle,
        ] as View
        view["homeHref"] = root
        view["stylesheet"] = root + "static/openmap.css"
        if usesScript { view["script"] = root + "static/openmap.js" }

        // The same on every page of a section but for its links' root: rendered once a section.
        let items = site.navigation.map { item -> (path: String, isExternal: Bool, current: String?) in
            let itemPath = item.path.hasPrefix("/") ? String(item.path.dropFirst()) : item.path
            let isExternal = ContentLinks.hasScheme(item.path)
            var current: String?
            if !isExternal {
                if itemPath == path { current = "page" } else if !itemPath.isEmpty, path.hasPrefix(itemPath) { current = "true" }
            }
            return (isExternal ? item.path : itemPath, isExternal, current)
        }
        let navigationKey = "navigation|" + items.map { $0.current ?? "" }.joined(separator: "|")
        view["navigation"] = fragments.rootedFragment(navigationKey, root: root) {
            let marker = RootedFragment.rootMarker
            let views = zip(items, siteText.navigationTitles).map { item, itemTitle -> View in
                makeView(["title": itemTitle, "href": item.isExternal ? item.path : marker + item.path, "current": item.current])
            }
            return Fragment(template: "partials/navigation", view: ["items": views], library: library)
        }
        if !crumbs.isEmpty {
            var items: [View] = [["title": "Accueil", "href": root]]
            items += crumbs.map { ["title": typo($0.title), "href": root + $0.path] }
            items.append(["title": typo(title), "current": true, "href": false])  // href false: no lookup in enclosing views
            view["breadcrumbs"] = items
            view["hasBreadcrumbs"] = true
        }

        // The same on every page but for its links' root: rendered once for the whole site.
        view["footer"] = fragments.rootedFragment("footer", root: root) {
            Fragment(template: "partials/footer", view: footerView(root: RootedFragment.rootMarker), library: library)
        }
        return view
    }

    /// The footer's values, its links relative to `root`.
    func footerView(root: String) -> View {
        let site = content.site
        var footer: View = [:]
        footer["accessibility"] = accessibilityLine
        if pagePaths.contains("accessibilite/") { footer["accessibilityHref"] = root + "accessibilite/" }
        if pagePaths.contains("mentions-legales/") { footer["legalHref"] = root + "mentions-legales/" }
        if pagePaths.contains("donnees-personnelles/") { footer["privacyHref"] = root + "donnees-personnelles/" }
        if pagePaths.contains("plan-du-site/") { footer["siteMapHref"] = root + "plan-du-site/" }
        footer["organisation"] = typo(site.organisation.name)
        footer["contactName"] = typo(site.contact.name)
        footer["contactRole"] = typoIfAny(site.contact.role)
        footer["contactEmail"] = nonEmpty(site.contact.email)
        footer["contactPhone"] = nonEmpty(site.contact.phone)
        footer["contactPhoneHref"] = telephoneURI(site.contact.phone)
        // Pages with an order, except those the footer already links by name.
        let linkedByName: Set<String> = ["accessibilite", "mentions-legales", "donnees-personnelles", "plan-du-site"]
        footer["freePages"] = pages.filter { $0.order != nil && !linkedByName.contains($0.slug) }
            .sorted { ($0.order ?? 0, $0.slug) < ($1.order ?? 0, $1.slug) }
            .map { ["title": typo($0.title), "href": root + "\($0.slug)/"] as View }
        footer["root"] = root
        return footer
    }

    // MARK: - Shared pieces

    func buyerName(_ slug: String) -> String { buyers[slug]?.name ?? slug }
    func supplierName(_ slug: String) -> String { suppliers[slug]?.name ?? slug }
    func themeLabel(_ slug: String) -> String { themes[slug]?.label ?? slug }

    func buyerLink(_ slug: String?, root: String) -> View? {
        guard let slug, buyers[slug] != nil else { return nil }
        return ["name": typo(buyerName(slug)), "href": root + Self.buyerPath(slug)]
    }

    func matinaleLink(_ slug: String?, root: String) -> View? {
        guard let slug, let matinale = matinalesBySlug[slug] else { return nil }
        return ["name": typo(matinaleName(matinale)), "href": root + Self.matinalePath(slug)]
    }

    /// « 1re Matinale — Le numérique au service des usagers ».
    func matinaleName(_ matinale: Matinale) -> String {
        "\(Labels.ordinalFeminine(matinale.number)) Matinale — \(matinale.title)"
    }

    func timeRange(_ start: LocalTime, _ end: LocalTime) -> String {
        "\(Labels.time(start)) – \(Labels.time(end))"
    }

    func isRegistrationOpen(_ matinale: Matinale) -> Bool {
        guard let registration = matinale.registration, nonEmpty(registration.url) != nil else { return false }
        guard let today = options.today else { return true }
        if today > matinale.date { return false }
        if let opens = registration.opens, today < opens { return false }
        if let closes = registration.closes, today > closes { return false }
        return true
    }

    func isUpcoming(_ matinale: Matinale) -> Bool {
        guard let today = options.today else { return false }
        return matinale.date >= today
    }

    func matinaleSummary(_ matinale: Matinale, root: String) -> View {
        makeView([
            "title": typo(matinale.title),
            "name": typo(matinaleName(matinale)),
            "number": Labels.ordinalFeminine(matinale.number),
            "href": root + Self.matinalePath(matinale.slug),
            "date": typo(Labels.weekdayDate(matinale.date)),
            "isoDate": matinale.date.description,
            "times": timeRange(matinale.start, matinale.end),
            "venue": typo("\(matinale.venue.name), \(matinale.venue.city)"),
            "registrationHref": isRegistrationOpen(matinale) ? matinale.registration?.url : nil,
            "stats": statsLine(matinaleFigures(matinale), accepted: meetingFigures(matinale).accepted),
        ])
    }

    /// « 150 participants, 352 demandes de rendez-vous (300 acceptées), 93 rendez-vous ».
    func statsLine(_ stats: MatinaleStats?, accepted: Int? = nil) -> String? {
        guard let stats else { return nil }
        var parts: [String] = []
        if let n = stats.participants { parts.append(Labels.plural(n, "participant", "participants")) }
        if let n = stats.requests {
            parts.append(Labels.plural(n, "demande de rendez-vous", "demandes de rendez-vous")
                + (accepted.map { " (\(Labels.plural($0, "acceptée", "acceptées")))" } ?? ""))
        }
        if let n = stats.meetings { parts.append(Labels.plural(n, "rendez-vous", "rendez-vous")) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    func roadmapSummary(_ roadmap: Roadmap, root: String) -> View {
        makeView([
            "title": typo(roadmap.title),
            "buyer": typo(buyerName(roadmap.buyer)),
            "href": root + Self.roadmapPath(roadmap),
            "year": String(roadmap.year),
            "needs": Labels.plural(roadmap.needs.count, "besoin", "besoins"),
            "horizon": typo(Labels.horizon(from: roadmap.horizonFrom, to: roadmap.horizonTo)),
            "published": typo(Labels.date(roadmap.published)),
            "updated": roadmap.updated.map { typo(Labels.date($0)) },
        ])
    }

    func themeList(_ slugs: [String]) -> [View] {
        slugs.map { ["label": typo(themeLabel($0))] }
    }

    // MARK: - Home

    mutating func homePage() -> BuiltPage {
        let root = Self.root(for: "")
        var view: View = [:]
        view["purpose"] = typo(content.site.description)

        let upcoming = matinales.first { isUpcoming($0) }
        if let featured = upcoming ?? matinales.last {
            var summary = matinaleSummary(featured, root: root)
            summary["label"] = upcoming == nil ? "Dernière matinale" : "Prochaine matinale"
            view["featuredMatinale"] = summary
        }
        let latest = content.roadmaps.filter { buyers[$0.buyer] != nil }
        // Keys made once per roadmap, not twice per comparison (thousands of roadmaps).
        let newestFirst = latest.indices.map { (date: latest[$0].updated ?? latest[$0].published, path: Self.roadmapPath(latest[$0]), index: $0) }
            .sorted { $0.date != $1.date ? $0.date > $1.date : $0.path < $1.path }
        view["latestRoadmaps"] = newestFirst.prefix(4).map { roadmapSummary(latest[$0.index], root: root) }

        let needCount = content.roadmaps.reduce(0) { $0 + $1.needs.count }
        view["totals"] = [
            ["value": FrenchFormat.integer(content.buyers.count), "label": content.buyers.count > 1 ? "acheteurs publics" : "acheteur public", "href": root + "acheteurs/"],
            ["value": FrenchFormat.integer(latest.count), "label": latest.count > 1 ? "feuilles de route" : "feuille de route", "href": root + "feuilles-de-route/"],
            ["value": FrenchFormat.integer(needCount), "label": needCount > 1 ? "besoins annoncés" : "besoin annoncé", "href": root + "besoins/"],
            ["value": FrenchFormat.integer(content.suppliers.count), "label": content.suppliers.count > 1 ? "prestataires du numérique" : "prestataire du numérique", "href": root + SupplierDirectory.path],
            ["value": FrenchFormat.integer(matinales.count), "label": matinales.count > 1 ? "matinales" : "matinale", "href": root + "matinales/"],
            ["value": FrenchFormat.integer(content.pitches.count), "label": content.pitches.count > 1 ? "pitchs vidéo" : "pitch vidéo", "href": root + "pitchs/"],
        ] as [View]
        view["accessibility"] = accessibilityLine
        if pagePaths.contains("accessibilite/") { view["accessibilityHref"] = root + "accessibilite/" }
        view["calendar"] = launchCalendarFragment(root: root)
        if let testimonial = content.testimonials.first,
           let quote = renderMarkdown(testimonial.body, contentFile: "testimonials/\(testimonial.slug).md", page: "",
                                       headingLevel: 3, under: "temoignage")
        {
            view["highlight"] = makeView([
                "quoteHtml": quote, "person": typo(testimonial.person),
                "role": typo("\(testimonial.role), \(testimonial.organisation)"),
                "href": root + Self.testimonialsPath + "#" + testimonial.slug,
            ])
        }
        return finish(path: "", template: "home", title: content.site.title, description: content.site.description,
                      crumbs: [], view: view)
    }

    // MARK: - Roadmaps

    static let roadmapsIndexPath = "feuilles-de-route/"

    /// The list of every roadmap, its view made when the page is (`roadmapsIndexView`).
    func roadmapsIndex() -> BuiltPage {
        var page = finish(path: Self.roadmapsIndexPath, template: "roadmaps", title: "Feuilles de route achats numériques",
                          description: "Les feuilles de route achats numériques des acheteurs publics franciliens, par année.",
                          crumbs: [], view: [:])
        page.deferred = .view(.roadmapsIndex)
        return page
    }

    func roadmapsIndexView() -> View {
        let root = Self.root(for: Self.roadmapsIndexPath)
        let published = content.roadmaps.filter { buyers[$0.buyer] != nil }
        // Each buyer's name once, not once per comparison.
        let keys = Dictionary(published.map { ($0.buyer, (buyerName($0.buyer), $0.buyer)) }, uniquingKeysWith: { first, _ in first })
        let years = Set(published.map(\.year)).sorted(by: >)
        return [
            "years": years.map { year -> View in
                let ofYear = published.filter { $0.year == year }
                    .sorted { keys[$0.buyer, default: ("", "")] < keys[$1.buyer, default: ("", "")] }
                return ["year": String(year), "roadmaps": ofYear.map { roadmapSummary($0, root: root) }]
            },
            "intro": typo("Les acheteurs publics franciliens publient leurs besoins numériques sur un horizon de 12 à 18 mois : de quoi préparer, en amont, les échanges avec les entreprises."),
        ]
    }

    /// A roadmap's page, its view deferred to rendering (see `BuiltPage.deferred`); its body and
    /// its needs' summaries are rendered now, for their problems and anchors.
    mutating func roadmapPage(at index: Int) -> BuiltPage {
        let roadmap = content.roadmaps[index]
        let path = Self.roadmapPath(roadmap)
        let file = "roadmaps/\(roadmap.year)/\(roadmap.buyer).md"
        let body = renderMarkdown(roadmap.body, contentFile: file, page: path)
        addAnchors(roadmap.needs.map(\.id) + ["besoins", "calendrier-previsionnel"], on: path)
        // Under each need's <h3>.
        let summaries = roadmap.needs.map { renderMarkdown($0.summary, contentFile: file, page: path, headingLevel: 4, under: "\($0.id)-titre") }
        return BuiltPage(path: path, outputPath: path + "index.html", template: "roadmap", view: [:],
                         deferred: .roadmap(index: index, bodyHTML: body, summariesHTML: summaries),
                         inSitemap: true, lastModified: roadmap.updated ?? roadmap.published)
    }

    /// The whole page of a roadmap, view included.
    func roadmapPageView(_ roadmap: Roadmap, bodyHTML: String?, summariesHTML: [String?]) -> BuiltPage {
        let path = Self.roadmapPath(roadmap)
        let root = Self.root(for: path)
        var view = roadmapSummary(roadmap, root: root)
        view["buyerLink"] = buyerLink(roadmap.buyer, root: root)
        if let buyer = buyers[roadmap.buyer] {
            view["buyerKind"] = typo("\(Labels.buyerKind(buyer.kind)), \(Labels.department(buyer.department))")
        }
        if let contact = roadmap.contact {
            view["contact"] = makeView(["name": typo(contact.name), "role": typoIfAny(contact.role),
                                        "email": nonEmpty(contact.email), "phone": nonEmpty(contact.phone)])
        }
        view["bodyHtml"] = bodyHTML
        view["needList"] = zip(roadmap.needs, summariesHTML).map { needView($0, summaryHTML: $1) }
        view["timeline"] = roadmapTimelineView(roadmap)
        view["needRows"] = roadmap.needs.sorted { ($0.launch, $0.id) < ($1.launch, $1.id) }.map { need -> View in
            ["id": need.id, "title": typo(need.title), "launch": typo(Labels.launch(need.launch)),
             "budget": typo(Labels.budget(need.budget)), "status": Labels.status(need.status)]
        }
        let buyer = buyerName(roadmap.buyer)
        let description = "Feuille de route achats numériques de \(buyer) : \(Labels.plural(roadmap.needs.count, "besoin", "besoins")), \(Labels.horizon(from: roadmap.horizonFrom, to: roadmap.horizonTo))."
        return finish(path: path, template: "roadmap", title: roadmap.title, description: description,
                      crumbs: [Crumb(title: "Feuilles de route", path: "feuilles-de-route/")], view: view,
                      lastModified: roadmap.updated ?? roadmap.published)
    }

    func needView(_ need: Need, summaryHTML: String?) -> View {
        let cpv = need.cpv.map { code -> View in
            let digits = String(code.prefix(8))
            let label = cpvByDigits[digits]?.label
                ?? Labels.cpvDivisions[String(digits.prefix(2))].map { "Division : \($0)" }
                ?? "Code non répertorié"
            return ["code": code, "label": typo(label)]
        }
        return makeView([
            "id": need.id,
            "title": typo(need.title),
            "theme": typo(themeLabel(need.theme)),
            "cpv": cpv,
            "budget": typo(Labels.budget(need.budget)),
            "launch": typo(Labels.launch(need.launch)),
            "procedure": typo(Labels.procedure(need.procedure ?? .aDefinir)),
            "status": Labels.status(need.status),
            "statusClass": need.status.rawValue,
            "statusSymbol": Labels.statusSymbol(need.status),
            "tenderHref": nonEmpty(need.tenderURL),
            "summaryHtml": summaryHTML,
        ])
    }

    /// In alphabetical order of their names as French readers sort them (accents and case
    /// aside), then of their slugs; each name's key made once, not once per comparison.
    static func sortedByName<Item>(_ items: [Item], name: (Item) -> String, slug: (Item) -> String) -> [Item] {
        items.map { (key: FrenchFormat.searchKey(name($0)), slug: slug($0), item: $0) }
            .sorted { ($0.key, $0.slug) < ($1.key, $1.slug) }
            .map(\.item)
    }

    // MARK: - Buyers

    func buyersIndex() -> BuiltPage {
        let path = "acheteurs/"
        let root = Self.root(for: path)
        let sorted = Self.sortedByName(content.buyers, name: \.name, slug: \.slug)
        var roadmapCounts: [String: Int] = [:]
        for roadmap in content.roadmaps { roadmapCounts[roadmap.buyer, default: 0] += 1 }
        let view: View = ["buyers": sorted.map { buyer -> View in
            let roadmaps = roadmapCounts[buyer.slug] ?? 0
            return makeView([
                "name": typo(buyer.name), "href": root + Self.buyerPath(buyer.slug),
                "kind": typo(Labels.buyerKind(buyer.kind)), "department": typo(Labels.department(buyer.department)),
                "roadmaps": roadmaps > 0 ? Labels.plural(roadmaps, "feuille de route", "feuilles de route") : nil,
                "logoSrc": buyer.logo.map { Self.assetURL($0, root: root) },
            ])
        }]
        return finish(path: path, template: "buyers", title: "Acheteurs publics",
                      description: "Les acheteurs publics franciliens qui publient leurs feuilles de route et rencontrent les entreprises du numérique.",
                      crumbs: [], view: view)
    }

    mutating func buyerPage(_ buyer: Buyer) -> BuiltPage {
        let path = Self.buyerPath(buyer.slug)
        let root = Self.root(for: path)
        var view = makeView([
            "name": typo(buyer.name),
            "kind": typo(Labels.buyerKind(buyer.kind)),
            "department": typo(Labels.department(buyer.department)),
            "website": nonEmpty(buyer.website),
            "logoSrc": buyer.logo.map { Self.assetURL($0, root: root) },
            "descriptionHtml": renderMarkdown(buyer.description, contentFile: "buyers/\(buyer.slug).yaml", page: path),
        ])
        let needs = catalogue.byBuyer[buyer.slug] ?? []
        if !needs.isEmpty {
            let feed = buyerFeed(buyer)
            view["needs"] = FragmentList(needs.map { cardFragment($0, root: root) })
            view["needCount"] = Labels.plural(needs.count, "besoin annoncé", "besoins annoncés")
            view["feedHref"] = root + feed.path
            view["feedTitle"] = typo(feed.title)
            view["headLinks"] = [headLink("alternate", type: "application/atom+xml", title: feed.title, href: root + feed.path)]
        }
        view["roadmaps"] = content.roadmaps.filter { $0.buyer == buyer.slug }
            .sorted { $0.year > $1.year }.map { roadmapSummary($0, root: root) }
        view["tables"] = matinales.reversed().compactMap { matinale -> View? in
            guard let table = matinale.tables.first(where: { $0.buyer == buyer.slug }) else { return nil }
            var summary = matinaleSummary(matinale, root: root)
            summary["table"] = "Table n° \(table.number)"
            summary["representatives"] = table.representatives.isEmpty ? nil : typo(table.representatives.joined(separator: ", "))
            return summary
        }
        view["testimonials"] = content.testimonials.filter { $0.buyer == buyer.slug }.map { testimonial -> View in
            makeView([
                "person": typo(testimonial.person), "role": typo("\(testimonial.role), \(testimonial.organisation)"),
                "href": root + Self.testimonialsPath + "#" + testimonial.slug,
                "quoteHtml": renderMarkdown(testimonial.body, contentFile: "testimonials/\(testimonial.slug).md", page: path,
                                            headingLevel: 3, under: "temoignages"),
            ])
        }
        return finish(path: path, template: "buyer", title: buyer.name,
                      description: "\(buyer.name) (\(Labels.buyerKind(buyer.kind)), \(Labels.department(buyer.department))) : feuilles de route achats numériques et participations aux matinales.",
                      crumbs: [Crumb(title: "Acheteurs publics", path: "acheteurs/")], view: view)
    }

    // MARK: - Matinales

    mutating func matinalesIndex() -> BuiltPage {
        let path = "matinales/"
        let root = Self.root(for: path)
        var view: View = [:]
        if options.today == nil {
            view["all"] = matinales.reversed().map { matinaleSummary($0, root: root) }
        } else {
            let upcoming = matinales.filter { isUpcoming($0) }
            let past = matinales.filter { !isUpcoming($0) }.reversed()
            view["upcoming"] = upcoming.map { matinaleSummary($0, root: root) }
            view["past"] = past.map { matinaleSummary($0, root: root) }
            view["hasDate"] = true
        }
        view["figures"] = matinaleFiguresView(matinales, single: false)
        if view["figures"] != nil { addAnchors(["chiffres-matinales"], on: path) }
        view["intro"] = typo("Chaque matinale est thématisée et s’organise en trois temps : une table ronde d’acheteurs, des pitchs d’entreprises et des rendez-vous bilatéraux.")
        return finish(path: path, template: "matinales", title: "Les matinales",
                      description: "Les Rencontres de l’Achat Public Numérique : table ronde, pitchs et rendez-vous entre acheteurs publics et entreprises du numérique.",
                      crumbs: [], view: view)
    }

    mutating func matinalePage(_ matinale: Matinale) -> BuiltPage {
        let path = Self.matinalePath(matinale.slug)
        let root = Self.root(for: path)
        var view = matinaleSummary(matinale, root: root)
        let venue = matinale.venue
        view["venue"] = makeView([
            "name": typo(venue.name), "address": typo(venue.address),
            "city": typo("\(venue.postcode) \(venue.city)"), "host": typo(venue.host),
        ])
        view["programme"] = matinale.programme.map { item -> View in
            makeView([
                "time": Labels.time(item.time), "isoTime": item.time.description,
                "kind": Labels.programmeKind(item.kind), "title": typo(item.title),
                "speakers": item.speakers.isEmpty ? nil : typo(item.speakers.joined(separator: ", ")),
            ])
        }
        if let roundTable = matinale.roundTable {
            view["roundTable"] = makeView([
                "title": typo(roundTable.title),
                "moderator": typoIfAny(roundTable.moderator),
                "speakers": roundTable.speakers.map { speaker -> View in
                    makeView(["name": typo(speaker.name), "role": typo(speaker.role),
                              "organisation": typo(speaker.organisation),
                              "buyerLink": buyerLink(speaker.buyer, root: root)])
                },
            ])
        }
        view["tables"] = matinale.tables.sorted { $0.number < $1.number }.map { table -> View in
            makeView(["number": String(table.number),
                      "buyerLink": buyerLink(table.buyer, root: root),
                      "buyerName": typo(buyerName(table.buyer)),
                      "representatives": table.representatives.isEmpty ? nil : typo(table.representatives.joined(separator: ", "))])
        }
        view["pitches"] = content.pitches.filter { $0.matinale == matinale.slug }.map { pitchSummary($0, root: root) }
        if let timetable = timetables[matinale.slug], timetable.publish {
            view["timetableHref"] = root + Self.timetablePath(matinale.slug)
            let imposed = timetable.meetings.filter(\.imposed).count
            view["timetableSummary"] = typo("\(Labels.plural(timetable.scheduledCount, "rendez-vous planifié", "rendez-vous planifiés")) à \(Labels.plural(Set(timetable.meetings.map(\.table)).count, "table", "tables"))"
                + (imposed > 0 ? ", dont \(Labels.plural(imposed, "rendez-vous imposé", "rendez-vous imposés")) par les organisateurs" : ""))
        }
        view["bodyHtml"] = renderMarkdown(matinale.body, contentFile: "matinales/\(matinale.slug)/index.md", page: path)
        view["figures"] = matinaleFiguresView([matinale], single: true)
        if view["figures"] != nil { addAnchors(["chiffres"], on: path) }
        addAnchors(["programme", "table-ronde", "tables", "pitchs", "inscription"], on: path)
        let description = "\(matinaleName(matinale)), \(Labels.weekdayDate(matinale.date)), \(venue.name), \(venue.city)."
        return finish(path: path, template: "matinale", title: matinaleName(matinale), description: description,
                      crumbs: [Crumb(title: "Matinales", path: "matinales/")], view: view)
    }

    // MARK: - Pitches

    func pitchSummary(_ pitch: Pitch, root: String) -> View {
        makeView([
            "title": typo(pitch.title),
            "href": root + Self.pitchPath(pitch.slug),
            "supplier": typo(supplierName(pitch.supplier)),
            "duration": pitch.video.durationSeconds.map { FrenchFormat.duration(seconds: $0) },
            "posterSrc": pitch.video.poster.map { Self.assetURL($0, root: root) },
            "matinale": matinalesBySlug[pitch.matinale ?? ""].map { typo(matinaleName($0)) },
        ])
    }

    func pitchesIndex() -> BuiltPage {
        let path = "pitchs/"
        let root = Self.root(for: path)
        // By Matinale, in date order, each under its heading; then those of no published Matinale.
        var groups: [View] = matinales.compactMap { matinale -> View? in
            let pitches = content.pitches.filter { $0.matinale == matinale.slug }
            guard !pitches.isEmpty else { return nil }
            // Under their Matinale's heading, the cards need not name it again.
            return ["id": "pitchs-" + matinale.slug, "title": typo(matinaleName(matinale)),
                    "pitches": pitches.map { pitch -> View in
                        var summary = pitchSummary(pitch, root: root)
                        summary["matinale"] = nil
                        return summary
                    }]
        }
        let others = content.pitches.filter { matinalesBySlug[$0.matinale ?? ""] == nil }
        if !others.isEmpty {
            groups.append(["id": "autres-pitchs", "title": groups.isEmpty ? "Tous les pitchs" : "Autres pitchs",
                           "pitches": others.map { pitchSummary($0, root: root) }])
        }
        let view: View = ["groups": groups]
        return finish(path: path, template: "pitches", title: "Pitchs vidéo",
                      description: "Les pitchs filmés des entreprises du numérique lors des matinales.",
                      crumbs: [], view: view)
    }

    mutating func pitchPage(_ pitch: Pitch) -> BuiltPage {
        let path = Self.pitchPath(pitch.slug)
        let root = Self.root(for: path)
        let file = "pitches/\(pitch.slug).md"
        var view = pitchSummary(pitch, root: root)
        view["supplierHref"] = suppliers[pitch.supplier] != nil ? root + Self.supplierPath(pitch.supplier) : nil
        view["matinaleLink"] = matinaleLink(pitch.matinale, root: root)
        view["themes"] = themeList(pitch.themes)
        view["video"] = VideoView.make(pitch.video, title: pitch.title, root: root)
        view["bodyHtml"] = renderMarkdown(pitch.body, contentFile: file, page: path)
        // Under the transcript's own <h2>.
        view["transcriptHtml"] = renderMarkdown(pitch.transcript, contentFile: file, page: path, headingLevel: 3,
                                                under: "transcription")
        addAnchors(["video", "transcription"], on: path)
        return finish(path: path, template: "pitch", title: pitch.title,
                      description: "Pitch vidéo de \(supplierName(pitch.supplier)) : \(pitch.title).",
                      crumbs: [Crumb(title: "Pitchs", path: "pitchs/")], view: view, usesScript: true)
    }

    // MARK: - Testimonials

    mutating func testimonialsPage() -> BuiltPage {
        let path = Self.testimonialsPath
        let root = Self.root(for: path)
        let items = content.testimonials.map { testimonial -> View in
            makeView([
                "id": testimonial.slug,
                "person": typo(testimonial.person),
                "role": typo(testimonial.role),
                "organisation": typo(testimonial.organisation),
                "buyerLink": buyerLink(testimonial.buyer, root: root),
                "matinaleLink": matinaleLink(testimonial.matinale, root: root),
                "date": testimonial.date.map { typo(Labels.date($0)) },
                "isoDate": testimonial.date?.description,
                "video": testimonial.video.map { VideoView.make($0, title: "Témoignage de \(testimonial.person)", root: root) },
                "quoteHtml": renderMarkdown(testimonial.body, contentFile: "testimonials/\(testimonial.slug).md", page: path,
                                            under: nil),
                "transcriptHtml": testimonial.video == nil ? nil
                    : renderMarkdown(testimonial.transcript, contentFile: "testimonials/\(testimonial.slug).md", page: path,
                                     headingLevel: 3, under: "transcription-\(testimonial.slug)"),
            ])
        }
        addAnchors(content.testimonials.map(\.slug), on: path)
        return finish(path: path, template: "testimonials", title: "Témoignages",
                      description: "Acheteurs publics et entreprises racontent ce que les matinales OpenMap leur ont apporté.",
                      crumbs: [], view: ["testimonials": items],
                      usesScript: content.testimonials.contains { $0.video != nil })
    }

    // MARK: - Free pages, 404

    mutating func freePage(_ page: Page) -> BuiltPage {
        let path = "\(page.slug)/"
        let view = makeView(["bodyHtml": renderMarkdown(page.body, contentFile: "pages/\(page.slug).md", page: path),
                             "lead": typoIfAny(page.description)])
        return finish(path: path, template: "page", title: page.title, description: page.description,
                      crumbs: [], view: view)
    }

    func notFoundPage() -> BuiltPage {
        // Served at any depth: absolute links.
        finish(path: "404.html", template: "404", title: "Page introuvable",
               description: "Cette page n’existe pas ou plus.", crumbs: [], view: [:],
               outputPath: "404.html", root: Self.sitePathPrefix(of: baseURL))
    }

    // MARK: - Sitemap, robots

    /// The two fields of its pages the sitemap writes: kept, rather than the pages, until it is
    /// written (the pages' array, 17 759 of them at 10 000 needs, is 4.7 MB).
    static func sitemapEntries(_ pages: [BuiltPage]) -> [SitemapEntry] {
        pages.compactMap { $0.inSitemap ? SitemapEntry(path: $0.path, lastModified: $0.lastModified) : nil }
            .sorted { $0.path < $1.path }
    }

    func sitemap(_ entries: [SitemapEntry]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in entries {
            xml += "  <url><loc>\(Self.xmlEscape(absoluteURL(page.path)))</loc>"
            if let lastModified = page.lastModified { xml += "<lastmod>\(lastModified)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(absoluteURL("sitemap.xml"))\n"
    }

    /// One pass over the UTF-8 bytes (feeds escape thousands of strings; Foundation's
    /// replacingOccurrences was a top cost of the profile).
    static func xmlEscape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

struct SitemapEntry: Sendable {
    let path: String
    let lastModified: LocalDate?
}
