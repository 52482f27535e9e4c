import OpenMapContent
import OpenMapText

// The directory of suppliers, « L’offre numérique »: every supplier with its facets (theme,
// department, size, CPV division, Matinales attended, pitch video), and a static page for every
// choice of up to three criteria (`isAllowed`) that some supplier meets, so that a visitor
// without JavaScript narrows the list as one with it does
// (/prestataires/theme/cybersecurite/departement/93/pitch/oui/). Criteria are written in the order
// of `DirectoryFacet.allCases`, whatever order they were chosen in.

/// The ways the directory can be cut.
enum DirectoryFacet: String, CaseIterable, Sendable, Comparable {
    case theme
    case departement
    case taille
    case cpv
    case matinale
    case pitch

    /// URL segment and query parameter name.
    var segment: String { rawValue }

    var label: String {
        switch self {
        case .theme: "Thème"
        case .departement: "Département"
        case .taille: "Taille"
        case .cpv: "Division CPV"
        case .matinale: "Matinale"
        case .pitch: "Pitch vidéo"
        }
    }

    /// « division CPV », inside a sentence.
    var lowercaseLabel: String { self == .cpv ? "division CPV" : label.lowercased() }

    var anyLabel: String {
        switch self {
        case .theme: "Tous les thèmes"
        case .departement: "Tous les départements"
        case .taille: "Toutes les tailles"
        case .cpv: "Toutes les divisions"
        case .matinale: "Toutes les matinales"
        case .pitch: "Avec ou sans pitch"
        }
    }

    static func < (a: DirectoryFacet, b: DirectoryFacet) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// `pitch/oui/`: the one value of the pitch facet.
    static let withPitch = "oui"
}

/// One value of a directory facet and the suppliers that have it (positions in the directory).
struct DirectoryValue {
    let kind: DirectoryFacet
    let value: String
    let label: String
    /// What a filter's choice says: short enough for a select on a phone with WCAG text spacing
    /// (a choice wider than its select is cut).
    let shortLabel: String
    let members: [Int]
}

/// A choice of criteria (at most one value per facet, in facet order) and the suppliers that
/// meet them all: one static page of the directory (its pages, beyond 50 suppliers).
struct DirectorySelection {
    let criteria: [DirectoryValue]
    let members: [Int]

    var path: String {
        SupplierDirectory.path + criteria.map { "\($0.kind.segment)/\($0.value)/" }.joined()
    }
}

struct SupplierDirectory {
    static let path = "prestataires/"
    static let pageSize = 50
    /// Criteria a static page combines: a buyer's question (« cybersecurity, in the 93, with a
    /// pitch ») is three; every further criterion multiplies the pages.
    static let maxCriteria = 3
    /// Segments under /prestataires/ that are not suppliers: a supplier may not take them
    /// (`ContentValidator.reservedSupplierSlugs`, which a test compares with these).
    static let reservedSegments = DirectoryFacet.allCases.map(\.segment) + ["page"]

    /// In directory order: by name as a French reader sorts it.
    let suppliers: [Supplier]
    let position: [String: Int]
    let facets: [(kind: DirectoryFacet, values: [DirectoryValue])]
    /// Published pitches by supplier position.
    let pitches: [Int: [Pitch]]
    /// Matinales a supplier attended (it pitched there or has meetings in a published timetable),
    /// by position, in date order.
    let attended: [Int: [Matinale]]
    /// Every static page's selection but the directory itself, in path order.
    let selections: [DirectorySelection]
    let selectionByPath: [String: DirectorySelection]

    init() {
        suppliers = []; position = [:]; facets = []; pitches = [:]; attended = [:]; selections = []; selectionByPath = [:]
    }

    init(content: SiteContent, themes: [String: Theme], matinales: [Matinale], timetables: [String: MatinaleTimetable]) {
        let keys = Dictionary(content.suppliers.map { ($0.slug, FrenchFormat.searchKey($0.name)) }, uniquingKeysWith: { a, _ in a })
        let suppliers = content.suppliers.sorted { (keys[$0.slug] ?? "", $0.slug) < (keys[$1.slug] ?? "", $1.slug) }
        self.suppliers = suppliers
        let position = Dictionary(suppliers.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        self.position = position

        var pitches: [Int: [Pitch]] = [:]
        for pitch in content.pitches where !pitch.draft {
            if let index = position[pitch.supplier] { pitches[index, default: []].append(pitch) }
        }
        self.pitches = pitches
        var attendedSlugs: [Int: Set<String>] = [:]
        let published = Set(matinales.map(\.slug))
        for (index, list) in pitches {
            for pitch in list { if let slug = pitch.matinale, published.contains(slug) { attendedSlugs[index, default: []].insert(slug) } }
        }
        for timetable in timetables.values where timetable.publish && published.contains(timetable.matinale) {
            for meeting in timetable.meetings {
                if let index = position[meeting.supplier] { attendedSlugs[index, default: []].insert(timetable.matinale) }
            }
        }
        attended = attendedSlugs.mapValues { slugs in matinales.filter { slugs.contains($0.slug) } }

        // Facet values, each with its members in directory order.
        var groups: [DirectoryFacet: [String: [Int]]] = [:]
        for (index, supplier) in suppliers.enumerated() {
            var values: [(DirectoryFacet, String)] = supplier.themes.map { (.theme, $0) }
            if let department = supplier.department { values.append((.departement, department)) }
            if let size = supplier.size { values.append((.taille, size.rawValue)) }
            values += supplier.cpvDivisions.map { (.cpv, $0) }
            values += (attended[index] ?? []).map { (.matinale, $0.slug) }
            if pitches[index] != nil { values.append((.pitch, DirectoryFacet.withPitch)) }
            for (kind, value) in values where !value.isEmpty {
                if groups[kind]?[value]?.last != index { groups[kind, default: [:]][value, default: []].append(index) }
            }
        }
        let themeOrder = Dictionary(content.themes.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let matinaleOrder = Dictionary(matinales.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let sizeOrder = Dictionary(SupplierSize.allCases.enumerated().map { ($1.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let matinaleShortNames = Dictionary(matinales.map { matinale in
            (matinale.slug, "\(Labels.ordinalFeminine(matinale.number)) Matinale, \(FrenchFormat.shortMonth(year: matinale.date.year, month: matinale.date.month))")
        }, uniquingKeysWith: { a, _ in a })
        let matinaleNames = Dictionary(matinales.map { ($0.slug, "\(Labels.ordinalFeminine($0.number)) Matinale — \($0.title)") },
                                       uniquingKeysWith: { a, _ in a })
        let facets: [(kind: DirectoryFacet, values: [DirectoryValue])] = DirectoryFacet.allCases.map { kind in
            let group = groups[kind] ?? [:]
            let order: (String, String) -> Bool = switch kind {
            case .theme: { (themeOrder[$0] ?? Int.max, $0) < (themeOrder[$1] ?? Int.max, $1) }
            case .departement: { Labels.departmentOrder($0) < Labels.departmentOrder($1) }
            case .taille: { (sizeOrder[$0] ?? Int.max, $0) < (sizeOrder[$1] ?? Int.max, $1) }
            case .matinale: { (matinaleOrder[$0] ?? Int.max, $0) < (matinaleOrder[$1] ?? Int.max, $1) }
            case .cpv, .pitch: { $0 < $1 }
            }
            return (kind, group.keys.sorted(by: order).map { value in
                let label: String = switch kind {
                case .theme: themes[value]?.label ?? value
                case .departement: Labels.department(value)
                case .taille: SupplierSize(rawValue: value).map(Labels.supplierSizeShort) ?? value
                case .cpv: NeedCatalogue.divisionLabel(value)
                case .matinale: matinaleNames[value] ?? value
                case .pitch: "Avec un pitch vidéo"
                }
                let shortLabel: String = switch kind {
                case .cpv: NeedCatalogue.shortDivisionLabel(value)
                case .matinale: matinaleShortNames[value] ?? label
                default: label
                }
                return DirectoryValue(kind: kind, value: value, label: label, shortLabel: shortLabel, members: group[value] ?? [])
            })
        }

        self.facets = facets

        // Every choice of criteria a page is made for (`isAllowed`), that some supplier meets and
        // whose every criterion narrows the list (else the page would repeat a shorter choice's).
        var selections: [DirectorySelection] = []
        func extend(_ criteria: [DirectoryValue], _ members: [Int], after kindIndex: Int) {
            guard criteria.count < Self.maxCriteria else { return }
            for next in (kindIndex + 1)..<facets.count {
                guard Self.isAllowed(criteria.map(\.kind) + [facets[next].kind]) else { continue }
                for value in facets[next].values {
                    let shared = criteria.isEmpty ? value.members : Self.intersection(members, value.members)
                    guard !shared.isEmpty else { continue }
                    let chosen = criteria + [value]
                    guard Self.everyCriterionNarrows(chosen, count: shared.count) else { continue }
                    selections.append(DirectorySelection(criteria: chosen, members: shared))
                    extend(chosen, shared, after: next)
                }
            }
        }
        extend([], [], after: -1)
        selections.sort { $0.path < $1.path }
        self.selections = selections
        selectionByPath = Dictionary(selections.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The choices of facets a page is made for: any one; two when one is the theme or the
    /// department; three when two are the theme and the department (« what, where, and… »).
    /// Others multiply the pages without answering a buyer's usual question; the script's
    /// filters combine them all.
    static func isAllowed(_ kinds: [DirectoryFacet]) -> Bool {
        let set = Set(kinds)
        guard set.count == kinds.count else { return false }
        switch kinds.count {
        case 1: return true
        case 2: return set.contains(.theme) || set.contains(.departement)
        case 3: return set.contains(.theme) && set.contains(.departement)
        default: return false
        }
    }

    /// True when the list of `criteria` (`count` suppliers) is shorter than without any one of them.
    static func everyCriterionNarrows(_ criteria: [DirectoryValue], count: Int) -> Bool {
        guard criteria.count > 1 else { return true }
        for dropped in criteria.indices {
            let rest = criteria.enumerated().filter { $0.offset != dropped }.map(\.element.members)
            let without = rest.dropFirst().reduce(rest[0]) { intersection($0, $1) }
            if without.count == count { return false }
        }
        return true
    }

    func values(of kind: DirectoryFacet) -> [DirectoryValue] {
        facets.first { $0.kind == kind }?.values ?? []
    }

    /// The members of two ascending lists.
    static func intersection(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { result.append(a[i]); i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return result
    }

    /// The selection's page for `criteria` (any order), nil when there is none.
    func selection(_ criteria: [DirectoryValue]) -> DirectorySelection? {
        let sorted = criteria.sorted { $0.kind < $1.kind }
        let path = Self.path + sorted.map { "\($0.kind.segment)/\($0.value)/" }.joined()
        return selectionByPath[path]
    }

    /// The page that lists what `criteria` select: theirs, or, when one of them (never `kept`)
    /// adds nothing to the others, the page of the others. Nil when no page lists that.
    func page(for criteria: [DirectoryValue], keeping kept: DirectoryValue) -> DirectorySelection? {
        if let found = selection(criteria) { return found }
        guard criteria.count > 1 else { return nil }
        let members = criteria.dropFirst().reduce(criteria[0].members) { Self.intersection($0, $1.members) }
        for dropped in criteria.sorted(by: { $0.kind < $1.kind }) where dropped.kind != kept.kind {
            let rest = criteria.filter { $0.kind != dropped.kind }
            let without = rest.dropFirst().reduce(rest[0].members) { Self.intersection($0, $1.members) }
            if without.count == members.count, let found = page(for: rest, keeping: kept) { return found }
        }
        return nil
    }

    static func pagePath(_ base: String, page: Int) -> String { NeedCatalogue.pagePath(base, page: page) }
    static func pageCount(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }
}
