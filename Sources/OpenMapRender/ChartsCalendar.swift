import OpenMapContent
import OpenMapText

// The launch calendar: how many needs are expected to go to tender each quarter, by theme or by
// department, as a table shaded by count (quarters across, themes or departments down). Every
// count links to a list of exactly those needs: the quarter's page, the theme's or department's,
// or, when the count is smaller than both, a page of its own (`Crossing`,
// /besoins/lancement/2016-t1/theme/opendata/). The catalogue and the home page show it.

struct LaunchCalendar {
    /// What the rows can be: the catalogue's themes, or its departments.
    static let rowKinds: [FacetKind] = [.theme, .departement]
    /// Quarters without needs are shown between those with needs, so that the axis is even,
    /// unless that would make more columns than this (dates decades apart).
    static let maximumSpan = 40

    struct Column {
        let quarter: Quarter
        /// The quarter's facet value (its page, its needs); nil for a quarter without needs.
        let value: FacetValue?
        var count: Int { value?.members.count ?? 0 }
    }

    struct Row {
        let value: FacetValue
        /// Per column, the row's needs launched that quarter (catalogue indices, ascending).
        let cells: [[Int]]
    }

    /// The needs of one row launched in one quarter, when they are fewer than both the row's and
    /// the quarter's: a list page of their own.
    struct Crossing {
        let quarter: FacetValue
        let row: FacetValue
        let members: [Int]
        var path: String { Self.path(quarter: quarter, row: row) }

        static func path(quarter: FacetValue, row: FacetValue) -> String {
            quarter.path + "\(row.kind.segment)/\(row.value)/"
        }
    }

    let columns: [Column]
    let rows: [FacetKind: [Row]]
    /// In path order.
    let crossings: [Crossing]

    init() {
        columns = []; rows = [:]; crossings = []
    }

    init(catalogue: NeedCatalogue) {
        let quarterValues = catalogue.values(of: .lancement)
        let valueByKey = Dictionary(quarterValues.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        let quarters = Set(catalogue.entries.map(\.quarter)).sorted()
        var shown = quarters
        if let first = quarters.first, let last = quarters.last,
           (last.year - first.year) * 4 + last.quarter - first.quarter < Self.maximumSpan {
            shown = []
            var quarter = first
            while quarter <= last {
                shown.append(quarter)
                quarter = Self.next(quarter)
            }
        }
        let columns = shown.map { Column(quarter: $0, value: valueByKey[NeedCatalogue.quarterKey($0)]) }
        let columnIndex = Dictionary(columns.enumerated().map { (NeedCatalogue.quarterKey($1.quarter), $0) },
                                     uniquingKeysWith: { first, _ in first })
        var rows: [FacetKind: [Row]] = [:]
        var crossings: [Crossing] = []
        for kind in Self.rowKinds {
            let values = catalogue.values(of: kind)
            let rowIndex = Dictionary(values.enumerated().map { ($1.value, $0) }, uniquingKeysWith: { first, _ in first })
            var cells = Array(repeating: Array(repeating: [Int](), count: columns.count), count: values.count)
            for (index, entry) in catalogue.entries.enumerated() {
                guard let row = rowIndex[Self.rowValue(entry, kind)],
                      let column = columnIndex[NeedCatalogue.quarterKey(entry.quarter)] else { continue }
                cells[row][column].append(index)
            }
            rows[kind] = zip(values, cells).map { Row(value: $0, cells: $1) }
            for (value, row) in zip(values, cells) {
                for (column, members) in zip(columns, row) {
                    guard let quarter = column.value, !members.isEmpty,
                          members.count < quarter.members.count, members.count < value.members.count else { continue }
                    crossings.append(Crossing(quarter: quarter, row: value, members: members))
                }
            }
        }
        self.columns = columns
        self.rows = rows
        self.crossings = crossings.sorted { $0.path < $1.path }
    }

    /// The value a need has in a row kind's facet (as `NeedCatalogue` groups it).
    static func rowValue(_ entry: CatalogueEntry, _ kind: FacetKind) -> String {
        kind == .departement ? entry.buyer.department : entry.need.theme
    }

    static func next(_ quarter: Quarter) -> Quarter {
        quarter.quarter >= 4 ? Quarter(year: quarter.year + 1, quarter: 1) : Quarter(year: quarter.year, quarter: quarter.quarter + 1)
    }

    /// The page that lists the needs of `row` launched in `column`'s quarter: their own when
    /// they are fewer than both, else the quarter's or the row's (the same needs); nil for none.
    func target(_ row: Row, column: Int) -> String? {
        let members = row.cells[column]
        guard !members.isEmpty, let quarter = columns[column].value else { return nil }
        if members.count < quarter.members.count && members.count < row.value.members.count {
            return Crossing.path(quarter: quarter, row: row.value)
        }
        return members.count == quarter.members.count ? quarter.path : row.value.path
    }

    /// A cell beside another, for a cell's page: its label, its count of needs, the page that
    /// lists them (`target`), and whether it is the page's own cell.
    struct Neighbour {
        let label: String
        let count: Int
        let path: String
        let isCurrent: Bool
    }

    /// The cells around a crossing, as a reader moves in the calendar from its page: every row
    /// of its kind with needs in its quarter (the calendar's column), and its own row's quarters
    /// with needs, `span` on each side of its own (the row).
    func neighbours(of crossing: Crossing, span: Int = 4) -> (column: [Neighbour], row: [Neighbour]) {
        guard let rows = rows[crossing.row.kind],
              let column = columns.firstIndex(where: { $0.value?.value == crossing.quarter.value }),
              let own = rows.first(where: { $0.value.value == crossing.row.value }) else { return ([], []) }
        let inColumn = rows.compactMap { row -> Neighbour? in
            guard let path = target(row, column: column) else { return nil }
            return Neighbour(label: row.value.label, count: row.cells[column].count, path: path,
                             isCurrent: row.value.value == crossing.row.value)
        }
        let filled = columns.indices.filter { !own.cells[$0].isEmpty }
        let position = filled.firstIndex(of: column) ?? 0
        let inRow = filled[max(0, position - span)..<min(filled.count, position + span + 1)].compactMap { index -> Neighbour? in
            guard let path = target(own, column: index), let quarter = columns[index].value else { return nil }
            return Neighbour(label: quarter.label, count: own.cells[index].count, path: path, isCurrent: index == column)
        }
        return (inColumn, inRow)
    }

    /// Each is a class of its column's cells (short: a calendar has hundreds of cells).
    enum Period: String {
        case past
        case current = "now"
        case future = "next"
    }

    /// Where a quarter stands against the build's « today » (nil: unknown, all to come).
    static func period(_ quarter: Quarter, today: LocalDate?) -> Period {
        guard let today else { return .future }
        let current = Quarter(year: today.year, quarter: (today.month - 1) / 3 + 1)
        return quarter < current ? .past : (quarter == current ? .current : .future)
    }
}

extension SiteBuilder {
    /// The calendar for a page at `root`, rendered once for the site (nil when no need has a launch).
    func launchCalendarFragment(root: String) -> RootedFragment? {
        guard !calendar.columns.isEmpty else { return nil }
        return fragments.rootedFragment("launch-calendar", root: root) {
            Fragment(template: "partials/chart-calendar", view: launchCalendarView(root: RootedFragment.rootMarker), library: library)
        }
    }

    func launchCalendarView(root: String) -> View {
        let today = options.today
        let columns = calendar.columns.map { column -> View in
            let period = LaunchCalendar.period(column.quarter, today: today)
            return makeView([
                "short": "T\(column.quarter.quarter)",
                "year": String(column.quarter.year),
                "label": FrenchFormat.quarter(year: column.quarter.year, quarter: column.quarter.quarter),
                "class": period.rawValue,
                "periodLabel": period == .past ? "passé" : (period == .current ? "en cours" : nil),
            ])
        }
        let periods = calendar.columns.map { LaunchCalendar.period($0.quarter, today: today) }
        // Departments first: the second view is shown only when its id is the page's target
        // (#calendrier-departements), and CSS hides the themes' view after it then.
        let kinds: [(kind: FacetKind, id: String, switchLabel: String, header: String, all: String)] = [
            (.departement, "calendrier-departements", "Par département", "Département", "tous départements"),
            (.theme, "calendrier-themes", "Par thème", "Thème", "tous thèmes"),
        ]
        var views = kinds.map { current -> View in
            let rows = calendar.rows[current.kind] ?? []
            let shading = ChartShading(counts: rows.flatMap { $0.cells.map(\.count) })
            let rowViews = rows.map { row -> View in
                let label = typo(row.value.label)
                let cells = row.cells.enumerated().map { column, members -> View in
                    let quarter = FrenchFormat.quarter(year: calendar.columns[column].quarter.year, quarter: calendar.columns[column].quarter.quarter)
                    // « l2 »: its shade (« g2 » in grey for a past quarter), « now » in the current one.
                    let shade = (periods[column] == .past ? "g" : "l") + String(shading.level(members.count))
                    return makeView([
                        "count": FrenchFormat.integer(members.count),
                        "class": periods[column] == .current ? shade + " now" : shade,
                        "href": calendar.target(row, column: column).map { root + $0 } ?? false,
                        "context": typo(" \(members.count > 1 ? "besoins" : "besoin"), \(row.value.label), \(quarter)"),
                    ])
                }
                return [
                    "label": label,
                    "cells": cells,
                    "total": FrenchFormat.integer(row.value.members.count),
                    "totalHref": root + row.value.path,
                    "totalContext": typo(" \(row.value.members.count > 1 ? "besoins" : "besoin"), \(row.value.label), tous trimestres"),
                ] as View
            }
            let totals = calendar.columns.enumerated().map { index, column -> View in
                makeView([
                    "count": FrenchFormat.integer(column.count),
                    "class": periods[index] == .current ? "sum now" : "sum",
                    "href": column.value.map { root + $0.path } ?? false,
                    "context": typo(" \(column.count > 1 ? "besoins" : "besoin"), \(FrenchFormat.quarter(year: column.quarter.year, quarter: column.quarter.quarter)), \(current.all)"),
                ])
            }
            let other = kinds.first { $0.kind != current.kind }
            return [
                "id": current.id,
                "alternate": current.kind == .departement,
                "switch": kinds.reversed().map { item -> View in
                    ["label": item.switchLabel, "href": item.kind == current.kind ? false : "#" + item.id]
                },
                "otherLabel": other.map { $0.switchLabel.lowercased() } ?? "",
                "caption": typo("Besoins par trimestre et par \(current.header.lowercased())"),
                "rowHeader": current.header,
                "columns": columns,
                "rows": rowViews,
                "totals": totals,
                "total": FrenchFormat.integer(catalogue.entries.count),
                "legend": shading.legend { FrenchFormat.integer($0) },
            ] as View
        }
        let current = calendar.columns.firstIndex { LaunchCalendar.period($0.quarter, today: today) == .current }
        var reading = "Chaque case compte les besoins dont l’appel d’offres est prévu ce trimestre-là ; un nombre mène à la liste de ces besoins."
        if periods.contains(.past) { reading += " Les trimestres passés sont en gris." }
        if let current {
            let quarter = calendar.columns[current].quarter
            reading += " Le trimestre en cours, le \(FrenchFormat.quarter(year: quarter.year, quarter: quarter.quarter)), est encadré."
        }
        // On a phone the table scrolls, past quarters first: say where the coming ones are.
        if periods.contains(.future) && periods.count > 4 {
            for index in views.indices { views[index]["hint"] = typo("Faites défiler le tableau vers la droite pour voir les trimestres à venir.") }
        }
        return [
            "title": "Calendrier des lancements",
            "lead": typo(reading),
            "views": views,
        ]
    }
}
