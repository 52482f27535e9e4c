import OpenMapContent

// Atom feeds (RFC 4287) of the catalogue: all needs, one per theme, one per department.
// Ids are the absolute URLs of the pages (stable as long as the paths are); every date comes
// from the content (a roadmap's `updated`, else `published`), never from the clock.

struct FeedLink {
    /// `flux/theme/opendata.xml`.
    let path: String
    let title: String
}

extension SiteBuilder {
    static let allNeedsFeed = FeedLink(path: "flux/besoins.xml", title: "Tous les besoins")
    /// A feed carries the most recently published or updated needs, not all of them: a reader
    /// polls it often, and the whole catalogue of a large site would weigh megabytes each time
    /// (the lists, the open data and the search index carry every need).
    static let feedEntryLimit = 100

    /// The feed a list subscribes to: its own for a theme or a department, else all needs.
    func feedFor(facet: FacetValue?) -> FeedLink {
        guard let facet else { return Self.allNeedsFeed }
        switch facet.kind {
        case .theme: return FeedLink(path: "flux/theme/\(facet.value).xml", title: "Besoins — thème : \(facet.label)")
        case .departement: return FeedLink(path: "flux/departement/\(facet.value).xml", title: "Besoins — département : \(facet.label)")
        default: return Self.allNeedsFeed
        }
    }

    /// The feed files with the lists they mirror.
    func feedSources() -> [(feed: FeedLink, list: String, members: [Int])] {
        var result: [(FeedLink, String, [Int])] = [(Self.allNeedsFeed, NeedCatalogue.path, Array(catalogue.entries.indices))]
        for kind in [FacetKind.theme, .departement] {
            for value in catalogue.values(of: kind) { result.append((feedFor(facet: value), value.path, value.members)) }
        }
        return result
    }

    func feedFiles() -> [OutputFile] {
        // A feed per list and facet value (hundreds on a large site): made on every core.
        let sources = feedSources()
        return parallelMap(count: sources.count, workers: options.workers, minimumPerChunk: 2) { index in
            let source = sources[index]
            return OutputFile(path: source.feed.path,
                              contents: .bytes(Array(atomFeed(source.feed, list: source.list, members: source.members).utf8)))
        }
    }

    func atomFeed(_ feed: FeedLink, list: String, members: [Int]) -> String {
        let entries = members.map { catalogue.entries[$0] }.enumerated().sorted { a, b in
            a.element.lastModified != b.element.lastModified ? a.element.lastModified > b.element.lastModified : a.offset < b.offset
        }.prefix(Self.feedEntryLimit).map(\.element)
        let updated = entries.map(\.lastModified).max()
            ?? content.roadmaps.map { $0.updated ?? $0.published }.max()
            ?? LocalDate(year: 2015, month: 1, day: 1)
        let x = Self.xmlEscape
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
          <id>\(x(absoluteURL(feed.path)))</id>
          <title>\(x(typo("\(feed.title) — \(content.site.title)")))</title>
          <subtitle>\(x(typo("Les besoins numériques annoncés par les acheteurs publics franciliens dans leurs feuilles de route.")))</subtitle>
          <link rel="self" type="application/atom+xml" href="\(x(absoluteURL(feed.path)))"/>
          <link rel="alternate" type="text/html" href="\(x(absoluteURL(list)))"/>
          <updated>\(ParisTime.rfc3339(updated))</updated>
          <author><name>\(x(typo(content.site.organisation.name)))</name><uri>\(x(absoluteURL("")))</uri></author>
          <rights>Licence Ouverte / Etalab 2.0</rights>
          <generator>openmap</generator>

        """
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
        return xml + "</feed>\n"
    }
}
