import OpenMapContent
import OpenMapText

// « L’offre numérique »: the directory's pages (the list of suppliers, a page per choice of up to
// three criteria), each supplier's page, and the directory's index for static/listes.js. These
// pages are made with the site (their views are fingerprinted whole by the build record): a
// directory has hundreds of suppliers, not tens of thousands of needs.

extension SiteBuilder {
    static let directoryIndexPath = "prestataires/index.json"

    /// The facts of a supplier's card (`supplierListCard`), as the index lists them.
    static let supplierColumns = [
        ListIndex.Column(term: "Localisation", kind: .note), ListIndex.Column(term: "Taille", kind: .text),
        ListIndex.Column(term: "Activité", kind: .text, wide: true),
    ]
    static let directoryTitle = "L’offre numérique"

    // MARK: Cards

    /// A supplier as its card shows it in the lists (and in the directory's index).
    func supplierListCard(_ index: Int) -> ListCard {
        let supplier = directory.suppliers[index]
        var facts: [ListCard.Fact] = []
        if let city = nonEmpty(supplier.city) {
            facts.append(ListCard.Fact(term: "Localisation", text: typo(city), note: supplier.department.map { typo(Labels.department($0)) }))
        } else if let department = supplier.department {
            facts.append(ListCard.Fact(term: "Localisation", text: typo(Labels.department(department))))
        }
        if let size = supplier.size { facts.append(ListCard.Fact(term: "Taille", text: Labels.supplierSizeShort(size))) }
        if !supplier.themes.isEmpty {
            facts.append(ListCard.Fact(term: "Activité", text: typo(supplier.themes.map(themeLabel).joined(separator: ", ")), wide: true))
        }
        let pitchCount = directory.pitches[index]?.count ?? 0
        return ListCard(key: supplier.slug, path: Self.supplierPath(supplier.slug), title: typo(supplier.name),
                        badge: pitchCount > 0 ? ListCard.Badge(kind: "pitch", symbol: "▶", label: pitchCount > 1 ? "Pitchs vidéo" : "Pitch vidéo", prefix: nil) : nil,
                        facts: facts)
    }

    /// A supplier's card for a page at `root`, rendered once for the whole site.
    func supplierCardFragment(_ index: Int, root: String) -> RootedFragment {
        fragments.rootedFragment("supplier-card|\(index)", root: root) {
            Fragment(template: "partials/card", view: supplierListCard(index).view(root: RootedFragment.rootMarker), library: library)
        }
    }

    // MARK: The directory

    /// The directory's pages: the whole list and every selection, with their further pages.
    func directoryPaths() -> [String] {
        var paths: [String] = []
        for page in 1...SupplierDirectory.pageCount(directory.suppliers.count) {
            paths.append(SupplierDirectory.pagePath(SupplierDirectory.path, page: page))
        }
        for selection in directory.selections {
            for page in 1...SupplierDirectory.pageCount(selection.members.count) {
                paths.append(SupplierDirectory.pagePath(selection.path, page: page))
            }
        }
        return paths
    }

    func directoryPages() -> [BuiltPage] {
        let all = DirectorySelection(criteria: [], members: Array(directory.suppliers.indices))
        let pages = ([all] + directory.selections).flatMap { selection in
            (1...SupplierDirectory.pageCount(selection.members.count)).map { (selection, $0) }
        }
        // A page reads the directory only: over every core, in order.
        return parallelMap(count: pages.count, workers: options.workers) { directoryPage(pages[$0].0, page: pages[$0].1) }
    }

    /// The feed of a directory list: the whole directory's, or a single criterion's.
    func directoryFeed(_ selection: DirectorySelection) -> FeedLink? {
        switch selection.criteria.count {
        case 0: return Self.allSuppliersFeed
        case 1:
            let value = selection.criteria[0]
            return FeedLink(path: "flux/prestataires/\(value.kind.segment)/\(value.value).xml",
                            title: "Prestataires — \(value.kind.lowercaseLabel) : \(value.label)")
        default: return nil
        }
    }

    static let allSuppliersFeed = FeedLink(path: "flux/prestataires.xml", title: "Tous les prestataires")

    /// « Thème : Cybersécurité, Département : 93 – Seine-Saint-Denis ».
    static func criteriaText(_ criteria: [DirectoryValue]) -> String {
        criteria.map { "\($0.kind.label) : \($0.label)" }.joined(separator: ", ")
    }

    func directoryPage(_ selection: DirectorySelection, page: Int) -> BuiltPage {
        let base = selection.criteria.isEmpty ? SupplierDirectory.path : selection.path
        let path = SupplierDirectory.pagePath(base, page: page)
        let root = Self.root(for: path)
        let members = selection.members
        let pageCount = SupplierDirectory.pageCount(members.count)
        let slice = members.dropFirst((page - 1) * SupplierDirectory.pageSize).prefix(SupplierDirectory.pageSize)
        var view: View = [:]
        view["suppliers"] = FragmentList(slice.map { supplierCardFragment($0, root: root) })
        view["count"] = Labels.plural(members.count, "prestataire", "prestataires")
        view["dataHref"] = root + Self.openDataPath + "#prestataires"
        view["directoryHref"] = root + SupplierDirectory.path
        view["refine"] = directoryNavigation(selection, root: root)
        if pageCount > 1 {
            view["pagination"] = paginationView(base: base, page: page, pageCount: pageCount, root: root)
            view["pageLabel"] = "page \(page) sur \(pageCount)"
        }
        var links: [View] = []
        if let feed = directoryFeed(selection) {
            view["feedHref"] = root + feed.path
            view["feedTitle"] = typo(feed.title)
            links.append(headLink("alternate", type: "application/atom+xml", title: feed.title, href: root + feed.path))
        }
        let title: String
        let description: String
        var crumbs: [Crumb] = []
        if selection.criteria.isEmpty {
            title = Self.directoryTitle
            description = "Les entreprises du numérique qui proposent leurs services aux acheteurs publics franciliens : \(Labels.plural(members.count, "prestataire", "prestataires")), par thème, département, taille, division CPV, matinale et pitch vidéo."
            view["isDirectory"] = true
            if page == 1 { view["charts"] = ["map": departmentMapFragment(.suppliers, root: root)] as View }
            view["listForm"] = listFormView(indexHref: root + Self.directoryIndexPath, root: root, singular: "prestataire",
                                            plural: "prestataires", title: "Filtrer les prestataires",
                                            searchLabel: "Rechercher (nom, ville, thème, savoir-faire)", filters: directoryFilters())
        } else {
            title = "Prestataires — " + Self.criteriaText(selection.criteria)
            description = "\(Labels.plural(members.count, "prestataire", "prestataires")) du numérique — \(Self.criteriaText(selection.criteria).lowercased())."
            crumbs.append(Crumb(title: Self.directoryTitle, path: SupplierDirectory.path))
            view["criteriaHeading"] = typo(selection.criteria.map(\.label).joined(separator: " · "))
        }
        if page > 1 { crumbs.append(Crumb(title: selection.criteria.isEmpty ? Self.directoryTitle : selection.criteria.map(\.label).joined(separator: " · "), path: base)) }
        var built = finish(path: path, template: "suppliers", title: page > 1 ? "\(title) (page \(page))" : title,
                           description: description, crumbs: crumbs, view: view)
        if page > 1 { links.append(headLink("prev", type: "text/html", title: "Page précédente", href: root + SupplierDirectory.pagePath(base, page: page - 1))) }
        if page < pageCount { links.append(headLink("next", type: "text/html", title: "Page suivante", href: root + SupplierDirectory.pagePath(base, page: page + 1))) }
        built.view["headLinks"] = links
        if selection.criteria.isEmpty && page == 1 { built.view["extraScript"] = root + "static/listes.js" }
        return built
    }

    /// The side navigation of a directory page: the criteria chosen (each can be removed) and,
    /// for every other facet, its values with how many of the listed suppliers have them, each
    /// leading to the narrower page (up to `maxCriteria` criteria).
    func directoryNavigation(_ selection: DirectorySelection, root: String) -> View {
        let chosenKinds = Set(selection.criteria.map(\.kind))
        let kinds = selection.criteria.map(\.kind)
        let canNarrow = DirectoryFacet.allCases.contains { !chosenKinds.contains($0) && SupplierDirectory.isAllowed(kinds + [$0]) }
        let chosen = selection.criteria.map { value -> View in
            let rest = selection.criteria.filter { $0.kind != value.kind }
            let removeHref = rest.isEmpty ? SupplierDirectory.path
                : (rest.lazy.compactMap { self.directory.page(for: rest, keeping: $0) }.first?.path ?? SupplierDirectory.path)
            return ["kind": typo(value.kind.label), "label": typo(value.label), "removeHref": root + removeHref]
        }
        // The facets this page can be narrowed by; a value every listed supplier has is shown
        // without a link (it would not narrow the list).
        let narrowing = directory.facets.filter { !chosenKinds.contains($0.kind) && SupplierDirectory.isAllowed(kinds + [$0.kind]) }
        let facets = narrowing.compactMap { facet -> View? in
            let values = facet.values.compactMap { value -> View? in
                let count = selection.criteria.isEmpty ? value.members.count
                    : SupplierDirectory.intersection(selection.members, value.members).count
                guard count > 0 else { return nil }
                let target = count < selection.members.count ? directory.page(for: selection.criteria + [value], keeping: value) : nil
                return ["label": typo(value.label), "count": FrenchFormat.integer(count),
                        "countLabel": Labels.plural(count, "prestataire", "prestataires"),
                        "href": target.map { root + $0.path } ?? false, "current": false]
            }
            guard !values.isEmpty else { return nil }
            return ["id": "facette-\(facet.kind.segment)", "label": typo(facet.kind.label), "values": values]
        }
        return [
            "title": selection.criteria.isEmpty ? "Parcourir l’offre" : "Affiner la sélection",
            "scope": selection.criteria.isEmpty ? false
                : (canNarrow ? "Les nombres comptent les prestataires de cette sélection."
                    : "Retirez un critère pour en choisir un autre, ou filtrez la liste complète de l’offre."),
            "chosen": chosen,
            "facets": facets,
        ]
    }

    /// The filter form's choices: a select per facet, a check box for the pitch.
    func directoryFilters() -> [View] {
        directory.facets.filter { !$0.values.isEmpty }.map { facet -> View in
            if facet.kind == .pitch {
                return ["name": facet.kind.segment, "id": "filtre-prestataires-\(facet.kind.segment)", "label": "Avec un pitch vidéo",
                        "value": DirectoryFacet.withPitch, "checkbox": true]
            }
            return ["name": facet.kind.segment, "id": "filtre-prestataires-\(facet.kind.segment)", "label": typo(facet.kind.label),
                    "anyLabel": typo(facet.kind.anyLabel),
                    "options": facet.values.map { ["value": $0.value, "label": typo($0.shortLabel)] as View }, "checkbox": false]
        }
    }

    /// /prestataires/index.json: every supplier's card, its facet values and its words.
    func directoryIndex() -> [UInt8] {
        var index = ListIndex(pathPrefix: SupplierDirectory.path, columns: Self.supplierColumns, filters: directory.facets.map { facet in
            ListIndex.Filter(name: facet.kind.segment, values: facet.values.map { ($0.value, typo($0.shortLabel)) })
        })
        for (position, supplier) in directory.suppliers.enumerated() {
            var values: [String: [String]] = [DirectoryFacet.theme.segment: supplier.themes,
                                              DirectoryFacet.cpv.segment: supplier.cpvDivisions,
                                              DirectoryFacet.matinale.segment: (directory.attended[position] ?? []).map(\.slug)]
            if let department = supplier.department { values[DirectoryFacet.departement.segment] = [department] }
            if let size = supplier.size { values[DirectoryFacet.taille.segment] = [size.rawValue] }
            if directory.pitches[position] != nil { values[DirectoryFacet.pitch.segment] = [DirectoryFacet.withPitch] }
            index.append(supplierListCard(position), values: values, moreText: supplierSearchText(position))
        }
        return index.encoded()
    }

    /// What a search finds a supplier by: its place, size, themes, CPV, Matinales, pitches,
    /// references and description.
    func supplierSearchText(_ position: Int) -> String {
        let supplier = directory.suppliers[position]
        var parts: [String] = [supplier.city ?? "", supplier.postcode ?? ""]
        if let department = supplier.department { parts.append(Labels.department(department)) }
        if let size = supplier.size { parts += [Labels.supplierSizeShort(size), Labels.supplierSize(size)] }
        parts += supplier.themes.map(themeLabel)
        parts += supplier.cpv.map { $0.count == 2 ? NeedCatalogue.divisionLabel($0) : "\($0) \(cpvLabel($0))" }
        parts += (directory.attended[position] ?? []).map(matinaleName)
        for pitch in directory.pitches[position] ?? [] { parts += ["pitch vidéo", pitch.title] }
        parts += supplier.references.map(\.title)
        parts.append(supplier.description?.source ?? "")
        return parts.joined(separator: " ")
    }
}

// MARK: - A supplier's page

extension SiteBuilder {
    /// « 812 456 739 ».
    static func groupedSIREN(_ siren: String) -> String {
        var groups: [String] = []
        var rest = Substring(siren)
        while !rest.isEmpty { groups.append(String(rest.prefix(3))); rest = rest.dropFirst(3) }
        return groups.joined(separator: "\u{A0}")
    }

    /// The directory's page of one criterion, when some supplier has it.
    func directoryHref(_ kind: DirectoryFacet, _ value: String, root: String) -> String? {
        guard let found = directory.values(of: kind).first(where: { $0.value == value }),
              let selection = directory.selection([found]) else { return nil }
        return root + selection.path
    }

    mutating func supplierPage(_ position: Int) -> BuiltPage {
        let supplier = directory.suppliers[position]
        let path = Self.supplierPath(supplier.slug)
        let root = Self.root(for: path)
        let descriptionHTML = renderMarkdown(supplier.description, contentFile: "suppliers/\(supplier.slug).yaml", page: path)
        supplierDescriptionHTML[supplier.slug] = descriptionHTML
        var view = makeView([
            "name": typo(supplier.name),
            "size": supplier.size.map { typo(Labels.supplierSize($0)) },
            "sizeHref": supplier.size.flatMap { directoryHref(.taille, $0.rawValue, root: root) },
            "city": typoIfAny(supplier.city),
            "postcode": nonEmpty(supplier.postcode),
            "department": supplier.department.map { typo(Labels.department($0)) },
            "departmentHref": supplier.department.flatMap { directoryHref(.departement, $0, root: root) },
            "siren": supplier.siren.map(Self.groupedSIREN),
            "website": nonEmpty(supplier.website),
            "descriptionHtml": descriptionHTML,
        ])
        view["themes"] = supplier.themes.map { theme -> View in
            ["label": typo(themeLabel(theme)), "href": directoryHref(.theme, theme, root: root) ?? false]
        }
        view["cpv"] = supplier.cpv.map { code -> View in
            code.count == 2
                ? ["code": "Division \(code)", "label": typo(Labels.cpvDivisions[code] ?? ""), "href": directoryHref(.cpv, code, root: root) ?? false]
                : ["code": code, "label": cpvLabel(code), "href": false]
        }

        // The open needs of its themes and divisions, soonest launch first.
        let (matches, total) = matching.needs(for: supplier, in: catalogue, limit: Matching.needsShown)
        view["matches"] = makeView([
            "count": Labels.plural(total, "besoin ouvert correspond", "besoins ouverts correspondent"),
            "total": FrenchFormat.integer(total),
            "needs": matches.map { match -> View in
                let entry = catalogue.entries[match.need]
                return makeView([
                    "title": typo(entry.need.title), "titleQualifier": entry.titleQualifier.map(typo) ?? false, "href": root + entry.path,
                    "buyer": typo(entry.buyer.name), "launch": typo(Labels.launch(entry.need.launch)),
                    "status": Labels.status(entry.need.status), "statusClass": entry.need.status.rawValue,
                    "statusSymbol": Labels.statusSymbol(entry.need.status),
                    "reasons": typo(matchReasons(theme: match.sharesTheme ? entry.need.theme : nil, divisions: match.divisions)
                        .joined(separator: " · ")),
                ])
            },
            "shownCount": total > matches.count ? "les \(matches.count) plus proches" : nil,
            "links": (supplier.themes.compactMap { theme -> View? in
                catalogue.byTheme[theme].map { ["label": typo("Thème « \(themeLabel(theme)) »"), "href": root + NeedCatalogue.facetPath(.theme, theme),
                                                "count": Labels.plural($0.count, "besoin", "besoins")] }
            } + supplier.cpvDivisions.compactMap { division -> View? in
                catalogue.byDivision[division].map { ["label": typo("Division CPV \(division)"), "href": root + NeedCatalogue.facetPath(.cpv, division),
                                                      "count": Labels.plural($0.count, "besoin", "besoins")] }
            }),
        ])

        let pitches = directory.pitches[position] ?? []
        view["pitches"] = pitches.map { pitch -> View in
            var summary = pitchSummary(pitch, root: root)
            summary["slug"] = pitch.slug
            summary["video"] = VideoView.make(pitch.video, title: pitch.title, root: root)
            return summary
        }
        view["pitchesTitle"] = pitches.count > 1 ? "Pitchs vidéo" : "Pitch vidéo"
        view["matinales"] = (directory.attended[position] ?? []).reversed().map { matinale -> View in
            var summary = matinaleSummary(matinale, root: root)
            summary["meetings"] = [View]()
            summary["pitched"] = pitches.filter { $0.matinale == matinale.slug }.map { ["title": typo($0.title), "href": root + Self.pitchPath($0.slug)] as View }
            if let timetable = timetables[matinale.slug], timetable.publish {
                let slots = Dictionary(timetable.slots.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
                let meetings = timetable.meetings.filter { $0.supplier == supplier.slug }.sorted { ($0.slot, $0.table) < ($1.slot, $1.table) }
                summary["meetings"] = meetings.map { meeting -> View in
                    makeView(["time": slots[meeting.slot].map { Labels.time($0.start) }, "table": String(meeting.table),
                              "buyer": typo(buyerName(meeting.buyer)), "buyerHref": buyers[meeting.buyer] != nil ? root + Self.buyerPath(meeting.buyer) : nil])
                }
                if !meetings.isEmpty { summary["timetableHref"] = root + Self.timetableSupplierPath(matinale.slug, supplier: supplier.slug) }
            }
            return summary
        }
        view["references"] = supplier.references.map { reference -> View in
            makeView(["title": typo(reference.title), "buyerLink": buyerLink(reference.buyer, root: root),
                      "year": reference.year.map(String.init)])
        }
        view["contact"] = supplier.contact.map { contact in
            makeView(["name": typo(contact.name), "role": typoIfAny(contact.role), "email": nonEmpty(contact.email),
                      "phone": nonEmpty(contact.phone), "phoneHref": telephoneURI(contact.phone)])
        }
        view["directoryHref"] = root + SupplierDirectory.path
        addAnchors(["besoins", "pitchs", "matinales", "references", "contact"], on: path)
        let place = [supplier.city, supplier.department.map(Labels.department)].compactMap { $0 }.joined(separator: ", ")
        var built = finish(path: path, template: "supplier", title: supplier.name,
                           description: "\(supplier.name), prestataire du numérique\(place.isEmpty ? "" : " (\(place))")"
                               + (supplier.themes.isEmpty ? "" : " : \(supplier.themes.map(themeLabel).joined(separator: ", "))") + ".",
                           crumbs: [Crumb(title: Self.directoryTitle, path: SupplierDirectory.path)], view: view,
                           usesScript: !pitches.isEmpty)
        built.view["jsonLd"] = Self.jsonLD(supplierJSONLD(position))
        return built
    }
}
