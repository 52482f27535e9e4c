import OpenMapContent

// Atom feeds (RFC 4287): one for every list that has a « S’abonner » link, holding the items of
// that list: all needs, the needs of each facet value of the catalogue and of each buyer, all
// suppliers and those of each criterion of the directory. Ids are the absolute URLs of the pages
// (stable as long as the paths are); every date comes from the content (a roadmap's `updated`,
// else `published`; a supplier's latest Matinale), never from the clock.

struct FeedLink: Sendable {
    /// `flux/theme/opendata.xml`.
    let path: String
    let title: String
}

/// A feed file and the list it mirrors (its page's path, and the members of its items).
struct FeedSource: Sendable {
    enum Items: Sendable {
        /// Positions in the catalogue.
        case needs([Int])
        /// Positions in the directory.
        case suppliers([Int])
    }

    let feed: FeedLink
    let list: String
    let items: Items
}

extension SiteBuilder {
    static let allNeedsFeed = FeedLink(path: "flux/besoins.xml", title: "Tous les besoins")
    /// A feed carries the most recently published or updated items, not all of them: a reader
    /// polls it often, and the whole catalogue of a large site would weigh megabytes each time
    /// (the lists, the open data and the search index carry every need). Lists of the sample
    /// site are shorter: their feeds hold exactly their items.
    static let feedEntryLimit = 100
    static let supplierFeedEntryLimit = 500

    /// The feed a list of needs subscribes to: all needs, or its facet value's.
    func feedFor(facet: FacetValue?) -> FeedLink {
        guard let facet else { return Self.allNeedsFeed }
        return FeedLink(path: "flux/\(facet.kind.segment)/\(facet.value).xml",
                        title: "Besoins — \(facet.kind.lowercaseLabel) : \(facet.label)")
    }

    func buyerFeed(_ buyer: Buyer) -> FeedLink {
        FeedLink(path: "flux/acheteurs/\(buyer.slug).xml", title: "Besoins de \(buyer.name)")
    }

    /// The feed files with the lists they mirror.
    func feedSources() -> [FeedSource] {
        var result = [FeedSource(feed: Self.allNeedsFeed, list: NeedCatalogue.path, items: .needs(Array(catalogue.entries.indices)))]
        for facet in catalogue.facets {
            for value in facet.values { result.append(FeedSource(feed: feedFor(facet: value), list: value.path, items: .needs(value.members))) }
        }
        for buyer in content.buyers {
            guard let needs = catalogue.byBuyer[buyer.slug] else { continue }
            result.append(FeedSource(feed: buyerFeed(buyer), list: Self.buyerPath(buyer.slug), items: .needs(needs)))
        }
        result.append(FeedSource(feed: Self.allSuppliersFeed, list: SupplierDirectory.path,
                                 items: .suppliers(Array(directory.suppliers.indices))))
        for selection in directory.selections where selection.criteria.count == 1 {
            if let feed = directoryFeed(selection) { result.append(FeedSource(feed: feed, list: selection.path, items: .suppliers(selection.members))) }
        }
        return result
    }

    /// The feed of `source`: a build makes each when it writes it (341 feeds, 26 MB at 10 000
    /// needs, were made and held together).
    func feed(_ source: FeedSource) -> OutputFile.Contents {
        let xml = switch source.items {
        case .needs(let members): needFeed(source.feed, list: source.list, members: members)
        case .suppliers(let members): supplierFeed(source.feed, list: source.list, members: members)
        }
        return .bytes(Array(xml.utf8))
    }

    /// The feed's head, its entries, its end.
    func atomDocument(_ feed: FeedLink, list: String, subtitle: String, updated: LocalDate, entries: String) -> String {
        let x = Self.xmlEscape
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
          <id>\(x(absoluteURL(feed.path)))</id>
          <title>\(x(typo("\(feed.title) — \(content.site.title)")))</title>
          <subtitle>\(x(typo(subtitle)))</subtitle>
          <link rel="self" type="application/atom+xml" href="\(x(absoluteURL(feed.path)))"/>
          <link rel="alternate" type="text/html" href="\(x(absoluteURL(list)))"/>
          <updated>\(ParisTime.rfc3339(updated))</updated>
          <author><name>\(x(typo(content.site.organisation.name)))</name><uri>\(x(absoluteURL("")))</uri></author>
          <rights>Licence Ouverte / Etalab 2.0</rights>
          <generator>openmap</generator>

        """ + entries + "</feed>\n"
    }

    /// The newest `limit` of `members` by `date`, list order among equals.
    static func newest(_ members: [Int], limit: Int, date: (Int) -> LocalDate) -> [Int] {
        members.enumerated().map { (offset: $0.offset, member: $0.element, date: date($0.element)) }
            .sorted { $0.date != $1.date ? $0.date > $1.date : $0.offset < $1.offset }
            .prefix(limit).map(\.member)
    }

    func needFeed(_ feed: FeedLink, list: String, members: [Int]) -> String {
        let entries = Self.newest(members, limit: Self.feedEntryLimit) { catalogue.entries[$0].lastModified }.map { catalogue.entries[$0] }
        let updated = entries.map(\.lastModified).max()
            ?? content.roadmaps.map { $0.updated ?? $0.published }.max()
            ?? LocalDate(year: 2015, month: 1, day: 1)
        let x = Self.xmlEscape
        var xml = ""
        for entry in entries {
            let need = entry.need
            let url = absoluteURL(entry.path)
            let summary = "\(entry.buyer.name) (\(Labels.department(entry.buyer.department))) · \(themeLabel(need.theme)) · lancement prévu : \(Labels.launch(need.launch)) · budget : \(Labels.budget(need.budget)) · procédure : \(Labels.procedure(entry.procedure)) · statut : \(Labels.status(need.status))"
            var html = needSummaryHTML[entry.key] ?? ""
            if let tender = nonEmpty(need.tenderURL) {
                html += "<p><a href=\"\(x(tender))\">Consulter l’avis de marché</a></p>"
            }
            xml += """
              <entry>
                <id>\(x(url))</id>
                <title type="text">\(x(typo(need.title)))</title>
                <link rel="alternate" type="text/html" href="\(x(url))"/>
                <published>\(ParisTime.rfc3339(entry.roadmap.published))</published>
                <updated>\(ParisTime.rfc3339(entry.lastModified))</updated>
                <author><name>\(x(typo(entry.buyer.name)))</name><uri>\(x(absoluteURL(Self.buyerPath(entry.buyer.slug))))</uri></author>
                <category term="\(x(need.theme))" label="\(x(typo(themeLabel(need.theme))))"/>
                <summary type="text">\(x(typo(summary)))</summary>
                <content type="html" xml:base="\(x(url))">\(x(html))</content>
              </entry>

            """
        }
        return atomDocument(feed, list: list, subtitle: "Les besoins numériques annoncés par les acheteurs publics franciliens dans leurs feuilles de route.",
                            updated: updated, entries: xml)
    }

    /// A supplier's date in the feeds: its latest Matinale, else the programme's first one
    /// (the content gives suppliers no date of their own).
    func supplierDate(_ position: Int) -> LocalDate {
        directory.attended[position]?.map(\.date).max() ?? matinales.first?.date ?? LocalDate(year: 2015, month: 1, day: 1)
    }

    func supplierFeed(_ feed: FeedLink, list: String, members: [Int]) -> String {
        let shown = Self.newest(members, limit: Self.supplierFeedEntryLimit, date: supplierDate)
        let updated = shown.map(supplierDate).max() ?? LocalDate(year: 2015, month: 1, day: 1)
        let x = Self.xmlEscape
        var xml = ""
        for position in shown {
            let supplier = directory.suppliers[position]
            let url = absoluteURL(Self.supplierPath(supplier.slug))
            let place = [supplier.city, supplier.department.map { "(\(Labels.department($0)))" }].compactMap { $0 }.joined(separator: " ")
            let summary = (["Prestataire du numérique", supplier.size.map(Labels.supplierSizeShort), place.isEmpty ? nil : place,
                            supplier.themes.isEmpty ? nil : supplier.themes.map(themeLabel).joined(separator: ", ")]
                .compactMap { $0 }).joined(separator: " · ")
            let html = nonEmpty(supplierDescriptionHTML[supplier.slug]) ?? "<p>\(x(typo(summary)))</p>"
            let categories = supplier.themes.map { "    <category term=\"\(x($0))\" label=\"\(x(typo(themeLabel($0))))\"/>\n" }.joined()
            xml += """
              <entry>
                <id>\(x(url))</id>
                <title type="text">\(x(typo(supplier.name)))</title>
                <link rel="alternate" type="text/html" href="\(x(url))"/>
                <updated>\(ParisTime.rfc3339(supplierDate(position)))</updated>
                <author><name>\(x(typo(supplier.name)))</name><uri>\(x(url))</uri></author>

            """ + categories + """
                <summary type="text">\(x(typo(summary)))</summary>
                <content type="html" xml:base="\(x(url))">\(x(html))</content>
              </entry>

            """
        }
        return atomDocument(feed, list: list, subtitle: "Les entreprises du numérique de l’offre présentée aux acheteurs publics franciliens.",
                            updated: updated, entries: xml)
    }
}
