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

    static let openStatuses: Set<NeedStatus> = [.envisage, .enPreparation, .publie]

    init() {
        suppliersByTheme = [:]; suppliersByDivision = [:]; positioned = [:]
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
    }

    static func key(theme: String, divisions: [String]) -> String {
        theme + "|" + divisions.joined(separator: ",")
    }

    /// The suppliers positioned on the need `entry`.
    func suppliers(for entry: CatalogueEntry) -> Positioned {
        positioned[Self.key(theme: entry.need.theme, divisions: entry.divisions)] ?? Positioned(shown: [], total: 0)
    }

    /// The open needs of the supplier's themes and divisions, in catalogue order (soonest
    /// launch first): the first `limit` with why, and how many in all. The catalogue's lists of
    /// those themes and divisions are marked, then read in order.
    static func needs(for supplier: Supplier, in catalogue: NeedCatalogue, limit: Int = Int.max) -> (shown: [NeedMatch], total: Int) {
        let themes = Set(supplier.themes)
        let divisions = Set(supplier.cpvDivisions)
        var marked = [Bool](repeating: false, count: catalogue.entries.count)
        var first = catalogue.entries.count
        for list in themes.compactMap({ catalogue.byTheme[$0] }) + divisions.compactMap({ catalogue.byDivision[$0] }) {
            for index in list { marked[index] = true }
            first = min(first, list.first ?? first)
        }
        var shown: [NeedMatch] = []
        var total = 0
        for index in first..<catalogue.entries.count where marked[index] {
            let entry = catalogue.entries[index]
            guard openStatuses.contains(entry.need.status) else { continue }
            total += 1
            if shown.count < limit {
                shown.append(NeedMatch(need: index, sharesTheme: themes.contains(entry.need.theme),
                                       divisions: entry.divisions.filter(divisions.contains)))
            }
        }
        return (shown, total)
    }
}

extension SiteBuilder {
    /// « même thème : Mobilité », « division CPV 72 »: why a need and a supplier meet.
    func matchReasons(theme: String?, divisions: [String]) -> [String] {
        (theme.map { ["même thème : \(themeLabel($0))"] } ?? []) + divisions.map { "division CPV \($0)" }
    }
}
