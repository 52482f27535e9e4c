import OpenMapContent
import OpenMapText

// The lists of the site (the catalogue of needs, the directory of suppliers, the site search)
// show their items as one kind of card: a title, a badge, facts. The same card is written in the
// static pages (partials/card) and in the lists' index files, from which static/listes.js makes
// it again when a visitor filters or searches: one card model, one index format, one script.

/// One item of a list as its card shows it.
struct ListCard {
    struct Badge {
        /// The modifier of its class (`badge--publie`).
        var kind: String
        var symbol: String
        var label: String
        /// Read before the label by assistive technology only (« Statut : »).
        var prefix: String?
    }

    struct Item {
        /// Shown apart (a CPV code), optional.
        var code: String?
        var label: String
    }

    struct Fact {
        var term: String
        var text: String?
        /// Secondary text after the value (a department after the buyer).
        var note: String?
        /// A list instead of a text (CPV codes).
        var items: [Item] = []
        /// Spans the card's width.
        var wide = false
    }

    var key: String
    /// From the site's root, with a trailing slash.
    var path: String
    var title: String
    /// Told to assistive technology after the title when another item has the same (« 2016 »).
    var titleQualifier: String?
    var badge: Badge?
    var facts: [Fact]

    /// The view of partials/card for a page at `root`.
    func view(root: String) -> View {
        makeView([
            "href": root + path,
            "title": title,
            "titleQualifier": titleQualifier ?? false,
            "badge": badge.map { ["kind": $0.kind, "symbol": $0.symbol, "label": $0.label, "prefix": $0.prefix ?? false] as View },
            "facts": facts.map { fact -> View in
                makeView([
                    "term": fact.term,
                    "text": fact.text,
                    "note": fact.note,
                    "items": fact.items.isEmpty ? nil : fact.items.map { makeView(["code": $0.code, "label": $0.label]) },
                    "wide": fact.wide ? true : nil,
                ])
            },
        ])
    }
}

/// An index file of a list (`/besoins/index.json`, `/prestataires/index.json`,
/// `/recherche/index.json`), read by static/listes.js. Small on purpose (a 3G phone downloads
/// it): every text, pair of texts and badge is stored once in a table and referenced by its
/// position, and the words a search looks in are those of the card, which the script reads
/// itself. Layout (version 2):
///   s: the texts; n: pairs of texts [a, b] (-1 when absent); b: badges [kind, symbol, label, prefix]
///   p: the path of an item is p + key + "/" unless it gives its own
///   c: the card's facts, [term, kind, wide]: kind 0 a text, 1 a text and its note (a pair), 2 a
///      list of [code, label] (pairs); wide 0 or 1
///   f: the filters, [name, [[value, label]…]]
///   i: the items, in list order: [key, title, facts, values, badge, path, more, qualifier], the
///      last ones left out when they are their defaults (-1, 0, -1, -1)
///      facts: per column of c, -1 when absent, else a text, a pair, or a list of pairs;
///      values: per filter, the position of the item's value in that filter's list, a list of
///      them, or -1; badge: -1 or a position in b; path: 0 when derived from p; more: -1, or
///      words the search also looks in, folded and stemmed (FrenchSearch.terms), space-separated;
///      qualifier: -1, or what tells the title apart from another's, after it for assistive
///      technology (« Ville de Paris, 2016 »).
/// Every text is a position in s.
struct ListIndex {
    struct Filter {
        var name: String
        var values: [(value: String, label: String)]
    }

    struct Column {
        enum Kind: Int { case text = 0, note = 1, items = 2 }
        var term: String
        var kind: Kind
        var wide = false
    }

    let filters: [Filter]
    let columns: [Column]
    let pathPrefix: String
    private var items: [[Any]] = []
    private var texts: [String] = []
    private var positions: [String: Int] = [:]
    private var badges: [[Any]] = []
    private var badgePositions: [String: Int] = [:]
    private var pairs: [[Int]] = []
    private var pairPositions: [[Int]: Int] = [:]
    private let valuePositions: [[String: Int]]

    init(pathPrefix: String, columns: [Column], filters: [Filter]) {
        self.pathPrefix = pathPrefix
        self.columns = columns
        self.filters = filters
        valuePositions = filters.map { filter in
            Dictionary(filter.values.enumerated().map { ($1.value, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    private mutating func text(_ value: String?) -> Int {
        guard let value else { return -1 }
        if let known = positions[value] { return known }
        positions[value] = texts.count
        texts.append(value)
        return texts.count - 1
    }

    private mutating func pair(_ first: String?, _ second: String?) -> Int {
        let key = [text(first), text(second)]
        if let known = pairPositions[key] { return known }
        pairPositions[key] = pairs.count
        pairs.append(key)
        return pairs.count - 1
    }

    private mutating func badge(_ badge: ListCard.Badge?) -> Int {
        guard let badge else { return -1 }
        let key = [badge.kind, badge.symbol, badge.label, badge.prefix ?? ""].joined(separator: "\u{1}")
        if let known = badgePositions[key] { return known }
        badgePositions[key] = badges.count
        badges.append([badge.kind, text(badge.symbol), text(badge.label), text(badge.prefix)])
        return badges.count - 1
    }

    /// Adds an item: its card, its values for each filter (by filter name), and the words a
    /// search finds it by beyond those of its card.
    mutating func append(_ card: ListCard, values: [String: [String]], moreText: String = "") {
        var used = Set<Int>()
        let facts: [Any] = columns.map { column -> Any in
            guard let index = card.facts.indices.first(where: { !used.contains($0) && card.facts[$0].term == column.term }) else { return -1 }
            used.insert(index)
            let fact = card.facts[index]
            switch column.kind {
            case .text: return text(fact.text)
            case .note: return pair(fact.text, fact.note)
            case .items: return fact.items.map { pair($0.code, $0.label) }
            }
        }
        let filterValues: [Any] = filters.indices.map { index -> Any in
            let positions = (values[filters[index].name] ?? []).compactMap { valuePositions[index][$0] }
            switch positions.count {
            case 0: return -1
            case 1: return positions[0]
            default: return positions
            }
        }
        // Words the card already holds are found there by the script: not repeated.
        var more = ""
        if !moreText.isEmpty {
            var cardText = [card.title]
            for fact in card.facts {
                cardText += [fact.text ?? "", fact.note ?? ""] + fact.items.flatMap { [$0.code ?? "", $0.label] }
            }
            let known = Set(FrenchSearch.terms(cardText.joined(separator: " ")))
            more = FrenchSearch.terms(moreText).filter { !known.contains($0) }.joined(separator: " ")
        }
        let path: Any = card.path == pathPrefix + card.key + "/" ? 0 : card.path
        // What tells the title apart from another's (`titleQualifier`), read by assistive
        // technology after it, on the script's cards as on the page's.
        let qualifier = card.titleQualifier == nil ? -1 : text(card.titleQualifier)
        var item: [Any] = [card.key, text(card.title), facts, filterValues, badge(card.badge), path, more.isEmpty ? -1 : text(more),
                           qualifier]
        // Trailing defaults left out: most items have no words beyond their card's, no qualifier.
        let defaults: [Any] = [-1, 0, -1, -1]
        while item.count > 4, let last = item.last as? Int, last == (defaults[item.count - 5] as? Int) { item.removeLast() }
        items.append(item)
    }

    func encoded() -> [UInt8] {
        var tables = self
        let columnRows: [Any] = columns.map { [tables.text($0.term), $0.kind.rawValue, $0.wide ? 1 : 0] as [Any] }
        let filterRows: [Any] = filters.map { filter -> [Any] in
            [filter.name, filter.values.map { [$0.value, tables.text($0.label)] as [Any] }]
        }
        let document: [String: Any] = ["v": 2, "s": tables.texts, "n": tables.pairs, "p": pathPrefix, "c": columnRows, "b": badges,
                                       "f": filterRows, "i": items]
        return SafeJSON.encode(document) ?? Array("{\"v\":2,\"s\":[],\"n\":[],\"p\":\"\",\"c\":[],\"b\":[],\"f\":[],\"i\":[]}".utf8)
    }
}
