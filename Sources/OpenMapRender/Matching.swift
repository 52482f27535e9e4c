import OpenMapContent

// Needs meet suppliers: a supplier matches a need when it works in the need's theme or in one
// of its CPV divisions. Both sides are read from indexes (theme → suppliers and division →
// suppliers; theme → needs and division → needs in the catalogue), never by a scan of one side
// for each item of the other.

struct Matching {
    /// Suppliers a need's page names (« Prestataires positionnés »).
    static let suppliersShown = 12
    /// Needs a supplier's page names (« Besoins qui correspondent à votre offre »): the soonest
    /// ones; the lists of its themes and divisions, linked below them, hold the rest. (At 50, the
    /// views of 2 000 supplier pages held 21 MB at the build's peak, 10 000 needs.)
    static let needsShown = 20

    /// A supplier positioned on a need, and why.
    struct SupplierMatch: Hashable {
        let supplier: Int
        let sharesTheme: Bool
        let divisions: [String]
    }

    /// An open need matching a supplier's offer, and why.
    struct NeedMatch: Hashable {
        let need: Int
        let sharesTheme: Bool
        let divisions: [String]
    }

    /// The suppliers of a need's theme and divisions: the first `suppliersShown`, and how many.
    struct Positioned {
        let shown: [SupplierMatch]
        let total: Int
    }

    let suppliersByTheme: [String: [Int]]
    let suppliersByDivision: [String: [Int]]
    /// By `key(theme:divisions:)`: needs with the same theme and divisions have the same suppliers.
    private let positioned: [String: Positioned]
    /// By theme, by CPV division: the catalogue's open needs (`needs(for:in:limit:)`).
    private let openNeedsByTheme: [String: [UInt64]]
    private let openNeedsByDivision: [String: [UInt64]]

    static let openStatuses: Set<NeedStatus> = [.envisage, .enPreparation, .publie]

    init() {
        suppliersByTheme = [:]; suppliersByDivision = [:]; positioned = [:]; openNeedsByTheme = [:]; openNeedsByDivision = [:]
    }

    init(catalogue: NeedCatalogue, directory: SupplierDirectory) {
        let theme = directory.values(of: .theme), division = directory.values(of: .cpv)
        suppliersByTheme = Dictionary(theme.map { ($0.value, $0.members) }, uniquingKeysWith: { a, _ in a })
        suppliersByDivision = Dictionary(division.map { ($0.value, $0.members) }, uniquingKeysWith: { a, _ in a })
        var positioned: [String: Positioned] = [:]
        let hasPitch = Set(directory.pitches.keys)
        for entry in catalogue.entries {
            let key = Self.key(theme: entry.need.theme, divisions: entry.divisions)
            if positioned[key] != nil { continue }
            var divisionsOf: [Int: [String]] = [:]
            for division in entry.divisions {
                for supplier in suppliersByDivision[division] ?? [] { divisionsOf[supplier, default: []].append(division) }
            }
            let themed = Set(suppliersByTheme[entry.need.theme] ?? [])
            let matches = themed.union(divisionsOf.keys).map { supplier in
                SupplierMatch(supplier: supplier, sharesTheme: themed.contains(supplier), divisions: divisionsOf[supplier] ?? [])
            }
            // Theme and division first, then theme, then divisions (more first); a pitch first; directory order.
            let ranked = matches.sorted { a, b in
                let rankA = (a.sharesTheme ? 0 : 1) + (a.divisions.isEmpty ? 2 : 0), rankB = (b.sharesTheme ? 0 : 1) + (b.divisions.isEmpty ? 2 : 0)
                if rankA != rankB { return rankA < rankB }
                if a.divisions.count != b.divisions.count { return a.divisions.count > b.divisions.count }
                let pitchA = hasPitch.contains(a.supplier), pitchB = hasPitch.contains(b.supplier)
                if pitchA != pitchB { return pitchA }
                return a.supplier < b.supplier
            }
            positioned[key] = Positioned(shown: Array(ranked.prefix(Self.suppliersShown)), total: matches.count)
        }
        self.positioned = positioned
        openNeedsByTheme = Self.openNeeds(catalogue.byTheme, in: catalogue)
        openNeedsByDivision = Self.openNeeds(catalogue.byDivision, in: catalogue)
    }

    static func key(theme: String, divisions: [String]) -> String {
        theme + "|" + divisions.joined(separator: ",")
    }

    /// The suppliers positioned on the need `entry`.
    func suppliers(for entry: CatalogueEntry) -> Positioned {
        positioned[Self.key(theme: entry.need.theme, divisions: entry.divisions)] ?? Positioned(shown: [], total: 0)
    }

    /// The open needs of the supplier's themes and divisions, in catalogue order (soonest
    /// launch first): the first `limit` with why, and how many in all. The open needs of each
    /// theme and division are kept as sets of bits (`openNeeds`): a supplier's are their union,
    /// a few hundred words at 10 000 needs, where marking its lists' members and reading the
    /// whole catalogue for each of 2 000 suppliers took a fifth of `openmap serve`'s rebuild.
    func needs(for supplier: Supplier, in catalogue: NeedCatalogue, limit: Int = Int.max) -> (shown: [NeedMatch], total: Int) {
        let themes = Set(supplier.themes)
        let divisions = Set(supplier.cpvDivisions)
        let sets = themes.compactMap { openNeedsByTheme[$0] } + divisions.compactMap { openNeedsByDivision[$0] }
        guard let firstSet = sets.first else { return ([], 0) }
        var union = firstSet
        for set in sets.dropFirst() {
            for word in union.indices { union[word] |= set[word] }
        }
        var shown: [NeedMatch] = []
        var total = 0
        for (wordIndex, word) in union.enumerated() where word != 0 {
            total += word.nonzeroBitCount
            var bits = word
            while bits != 0, shown.count < limit {
                let index = wordIndex * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                let entry = catalogue.entries[index]
                shown.append(NeedMatch(need: index, sharesTheme: themes.contains(entry.need.theme),
                                       divisions: entry.divisions.filter(divisions.contains)))
            }
        }
        return (shown, total)
    }

    /// The open needs of each list (a theme's, a division's) as bits over the catalogue's entries.
    private static func openNeeds(_ lists: [String: [Int]], in catalogue: NeedCatalogue) -> [String: [UInt64]] {
        let words = (catalogue.entries.count + 63) / 64
        return lists.mapValues { members in
            var bits = [UInt64](repeating: 0, count: words)
            for index in members where openStatuses.contains(catalogue.entries[index].need.status) {
                bits[index / 64] |= 1 << UInt64(index % 64)
            }
            return bits
        }
    }
}

extension SiteBuilder {
    /// « même thème : Mobilité », « division CPV 72 »: why a need and a supplier meet.
    func matchReasons(theme: String?, divisions: [String]) -> [String] {
        (theme.map { ["même thème : \(themeLabel($0))"] } ?? []) + divisions.map { "division CPV \($0)" }
    }
}
