import Foundation
import OpenMapContent

// The catalogue's search index, /besoins/index.json, read by static/catalogue.js. Small on
// purpose (a 3G phone downloads it): one array per need, every repeated label stored once in
// a lookup table and referenced by position. Layout (version 1):
//   t, d, k, l, p, s: facet tables (theme, département, type d'acheteur, trimestre, procédure,
//                     statut), each a list of [value, label] (statut: [value, label, symbol])
//   c: CPV codes [code, label]; x: launch labels; m: budget labels
//   b: buyers [slug, name, index in d, index in k]
//   n: needs, in catalogue order: [buyer, year, id, title, theme, quarter, launch label,
//      procedure, status, budget label, [cpv…]] (numbers are indices into the tables)
// A need's page is `<buyer slug>-<year>-<id>/`, relative to /besoins/.

extension SiteBuilder {
    static let searchIndexPath = "besoins/index.json"

    func searchIndex() -> [UInt8] {
        func table(_ kind: FacetKind) -> (rows: [[String]], position: [String: Int]) {
            let values = catalogue.values(of: kind)
            var position: [String: Int] = [:]
            for (index, value) in values.enumerated() { position[value.value] = index }
            return (values.map { [$0.value, typo($0.label)] }, position)
        }
        let themes = table(.theme), departments = table(.departement), kinds = table(.typeAcheteur)
        let quarters = table(.lancement), procedures = table(.procedure)
        var statuses = table(.statut)
        statuses.rows = statuses.rows.map { row in row + [NeedStatus(rawValue: row[0]).map(Labels.statusSymbol) ?? ""] }

        /// Interns strings in first-seen order (catalogue order: deterministic).
        struct Interner {
            var rows: [String] = []
            var position: [String: Int] = [:]
            mutating func callAsFunction(_ text: String) -> Int {
                if let index = position[text] { return index }
                position[text] = rows.count
                rows.append(text)
                return rows.count - 1
            }
        }
        var launches = Interner(), budgets = Interner(), cpvCodes = Interner()
        var cpvLabels: [String] = []
        var buyerRows: [[Any]] = []
        var buyerPosition: [String: Int] = [:]
        var needRows: [[Any]] = []
        for entry in catalogue.entries {
            let need = entry.need
            let buyerIndex: Int
            if let known = buyerPosition[entry.buyer.slug] {
                buyerIndex = known
            } else {
                buyerIndex = buyerRows.count
                buyerPosition[entry.buyer.slug] = buyerIndex
                buyerRows.append([entry.buyer.slug, typo(entry.buyer.name),
                                  departments.position[entry.buyer.department] ?? -1,
                                  kinds.position[entry.buyer.kind.rawValue] ?? -1])
            }
            let cpv = need.cpv.map { code -> Int in
                let before = cpvCodes.rows.count
                let index = cpvCodes(code)
                if cpvCodes.rows.count > before { cpvLabels.append(cpvLabel(code)) }
                return index
            }
            needRows.append([
                buyerIndex, entry.roadmap.year, need.id, typo(need.title),
                themes.position[need.theme] ?? -1,
                quarters.position[NeedCatalogue.quarterKey(entry.quarter)] ?? -1,
                launches(typo(Labels.launch(need.launch))),
                procedures.position[entry.procedure.rawValue] ?? -1,
                statuses.position[need.status.rawValue] ?? -1,
                budgets(typo(Labels.budget(need.budget))),
                cpv,
            ])
        }
        let document: [String: Any] = [
            "v": 1,
            "t": themes.rows, "d": departments.rows, "k": kinds.rows, "l": quarters.rows,
            "p": procedures.rows, "s": statuses.rows,
            "c": zip(cpvCodes.rows, cpvLabels).map { [$0, $1] },
            "x": launches.rows, "m": budgets.rows,
            "b": buyerRows, "n": needRows,
        ]
        return SafeJSON.encode(document) ?? Array("{\"v\":1,\"n\":[]}".utf8)
    }
}
