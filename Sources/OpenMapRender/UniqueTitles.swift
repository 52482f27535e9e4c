import OpenMapContent
import OpenMapText

// Every page title is unique in the site (RGAA 8.6): visitors tell pages apart by their titles, in
// tabs, history and bookmarks, and a screen reader announces the title first. Pages that share a
// title (a need published again the next year, two roadmaps both called « Feuille de route
// achats numériques ») keep their heading, and their <title> says what tells them apart:
// « Système d’information géographique mutualisé (Plaine Commune, 2016) — OpenMap Numériques ».

/// For each item of a group sharing a name, the first of its qualifiers that tells the group
/// apart: each item gives qualifiers from the least to the most specific, the last unique in
/// the site (its path). Items with fewer qualifiers keep their last.
func distinguishingQualifiers(_ candidates: [[String]]) -> [String] {
    let depth = candidates.map(\.count).max() ?? 0
    for level in 0..<depth {
        let names = candidates.map { $0.isEmpty ? "" : $0[min(level, $0.count - 1)] }
        if Set(names).count == names.count { return names }
    }
    return candidates.map { $0.last ?? "" }
}

extension SiteBuilder {
    /// Gives the pages that share a title the qualifier that tells them apart: in their layout's
    /// request, or, for a page whose view is made when it is rendered, in `deferredTitleQualifiers`.
    mutating func qualifySharedTitles(_ pages: inout [BuiltPage]) {
        var groups: [String: [Int]] = [:]
        for index in pages.indices {
            guard let title = plainTitle(of: pages[index]) else { continue }
            groups[FrenchFormat.lowercased(title), default: []].append(index)
        }
        // In page order: the same qualifiers whatever the order of the dictionary.
        for members in groups.values.filter({ $0.count > 1 }).sorted(by: { $0[0] < $1[0] }) {
            let qualifiers = distinguishingQualifiers(members.map { titleQualifiers(of: pages[$0]) })
            for (index, qualifier) in zip(members, qualifiers) {
                if pages[index].layout != nil {
                    pages[index].layout?.qualifier = qualifier
                } else {
                    deferredTitleQualifiers[pages[index].path] = qualifier
                }
            }
        }
    }

    /// The title a page's layout shows (before the qualifier and the site's name); nil for the home
    /// page, whose title is the site's.
    func plainTitle(of page: BuiltPage) -> String? {
        if page.path.isEmpty { return nil }
        if let layout = page.layout { return layout.title }
        switch page.deferred {
        case .need(let index, _): return catalogue.entries[index].need.title
        case .roadmap(let index, _, _): return content.roadmaps[index].title
        case .list(_, _, let facet, let number): return Self.listTitle(facet: facet, page: number)
        case .crossing(let index, let number):
            return Self.listTitle(facet: calendar.crossings[index].row, page: number, crossing: calendar.crossings[index])
        case .view, nil: return nil
        }
    }

    /// What may tell a page apart from others of the same title, least specific first, its path last.
    func titleQualifiers(of page: BuiltPage) -> [String] {
        let path = "/" + page.path
        switch page.deferred {
        case .need(let index, _):
            return NeedCatalogue.qualifiers(catalogue.entries[index]).dropLast() + [path]
        case .roadmap(let index, _, _):
            let roadmap = content.roadmaps[index]
            return ["\(buyerName(roadmap.buyer)), \(roadmap.year)", path]
        case .list, .crossing, .view:
            return [path]
        case nil:
            switch page.template {
            case "buyer": return ["acheteur public", path]
            case "supplier": return ["prestataire", path]
            case "pitch": return [(page.view["supplier"] as? String).map { "pitch de \($0)" } ?? "pitch", path]
            case "matinale": return [(page.view["date"] as? String) ?? "matinale", path]
            default: return [path]
            }
        }
    }
}
