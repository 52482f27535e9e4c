import Foundation
import OpenMapContent
import OpenMapText

// The map of Île-de-France: its eight departments drawn as a schematic map (Paris in the middle,
// the inner ring of 92, 93 and 94 around it, the outer ring of 95, 77, 91 and 78), each where it
// lies around Paris, shaded by its count of needs or of suppliers, written out, and linking to
// its list. Inline SVG written by the build, no map service, no tiles; its numbers are in a table
// one click away. The catalogue shows the needs' map, the directory the suppliers'.

/// The map's shapes: rings of ellipses around Paris, cut into sectors by compass bearing.
enum IleDeFranceMap {
    struct Area {
        let code: String
        /// 0: Paris; 1: the inner ring; 2: the outer ring.
        let ring: Int
        /// Compass bearings (degrees clockwise from north), `to` after `from`.
        let from: Double
        let to: Double
        /// Where its words go, when not the middle of its sector.
        let labelBearing: Double?
        /// How far out in its ring (0: inner edge, 1: outer edge) its words are centred.
        var labelDepth = 0.5
    }

    static let width = 440.0
    static let height = 320.0
    static let center = (x: 220.0, y: 160.0)
    /// Half-axes of Paris, the inner ring's outer edge and the region's edge: wider than high, as
    /// the region is.
    static let radii: [(x: Double, y: Double)] = [(56, 43), (130, 99), (217, 157)]

    static let areas: [Area] = [
        Area(code: "75", ring: 0, from: 0, to: 360, labelBearing: nil),
        Area(code: "92", ring: 1, from: 205, to: 340, labelBearing: 270),
        Area(code: "93", ring: 1, from: 340, to: 460, labelBearing: 45),
        Area(code: "94", ring: 1, from: 100, to: 205, labelBearing: 150),
        Area(code: "95", ring: 2, from: 295, to: 410, labelBearing: 352),
        Area(code: "77", ring: 2, from: 50, to: 150, labelBearing: 97),
        Area(code: "91", ring: 2, from: 150, to: 215, labelBearing: 182),
        Area(code: "78", ring: 2, from: 215, to: 295, labelBearing: 258),
    ]

    /// The department codes in map order, and in the order of the table.
    static let codes = ["75", "77", "78", "91", "92", "93", "94", "95"]

    static func point(bearing: Double, radius: (x: Double, y: Double)) -> (x: Double, y: Double) {
        let angle = bearing * .pi / 180
        return (center.x + radius.x * sin(angle), center.y - radius.y * cos(angle))
    }

    static func coordinates(_ point: (x: Double, y: Double)) -> String {
        "\(ChartNumber.format(point.x)) \(ChartNumber.format(point.y))"
    }

    /// The SVG path of an area.
    static func path(_ area: Area) -> String {
        let outer = radii[area.ring]
        if area.ring == 0 { return ellipse(outer) }
        let inner = radii[area.ring - 1]
        let large = area.to - area.from > 180 ? 1 : 0
        return "M\(coordinates(point(bearing: area.from, radius: outer)))"
            + "A\(ChartNumber.format(outer.x)) \(ChartNumber.format(outer.y)) 0 \(large) 1 \(coordinates(point(bearing: area.to, radius: outer)))"
            + "L\(coordinates(point(bearing: area.to, radius: inner)))"
            + "A\(ChartNumber.format(inner.x)) \(ChartNumber.format(inner.y)) 0 \(large) 0 \(coordinates(point(bearing: area.from, radius: inner)))Z"
    }

    /// The region's edge, drawn over the areas (an area without needs is pale).
    static var outline: String { ellipse(radii[2]) }

    /// A whole ellipse around the centre, as two half arcs.
    static func ellipse(_ radius: (x: Double, y: Double)) -> String {
        let left = (center.x - radius.x, center.y), right = (center.x + radius.x, center.y)
        let arc = "A\(ChartNumber.format(radius.x)) \(ChartNumber.format(radius.y)) 0 1 1 "
        return "M\(coordinates(left))\(arc)\(coordinates(right))\(arc)\(coordinates(left))Z"
    }

    /// The middle of an area's words.
    static func labelPoint(_ area: Area) -> (x: Double, y: Double) {
        guard area.ring > 0 else { return center }
        let inner = radii[area.ring - 1], outer = radii[area.ring]
        let middle = (x: inner.x + (outer.x - inner.x) * area.labelDepth, y: inner.y + (outer.y - inner.y) * area.labelDepth)
        return point(bearing: area.labelBearing ?? (area.from + area.to) / 2, radius: middle)
    }
}

extension SiteBuilder {
    /// Which counts the map shows: the catalogue's needs or the directory's suppliers.
    enum MapSide {
        case needs
        case suppliers
    }

    /// The map for a page at `root`, rendered once for the site.
    func departmentMapFragment(_ side: MapSide, root: String) -> RootedFragment {
        fragments.rootedFragment(side == .needs ? "map-needs" : "map-suppliers", root: root) {
            Fragment(template: "partials/chart-map", view: departmentMapView(side, root: RootedFragment.rootMarker), library: library)
        }
    }

    /// The fingerprints of the pictures of the catalogue's first page (its build inputs).
    func catalogueCharts(root: String) -> [UInt64] {
        [launchCalendarFragment(root: root)?.fingerprint ?? 0, departmentMapFragment(.needs, root: root).fingerprint]
    }

    func departmentMapView(_ side: MapSide, root: String) -> View {
        let needs = Dictionary(catalogue.values(of: .departement).map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        let suppliers = Dictionary(directory.values(of: .departement).map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        func needsLabel(_ count: Int) -> String { Labels.plural(count, "besoin", "besoins") }
        func suppliersLabel(_ count: Int) -> String { Labels.plural(count, "prestataire", "prestataires") }
        let shown: (count: (String) -> Int, href: (String) -> String?, label: (Int) -> String) = side == .needs
            ? ({ needs[$0]?.members.count ?? 0 }, { needs[$0]?.path }, needsLabel)
            : ({ suppliers[$0]?.members.count ?? 0 }, { code in suppliers[code].map { _ in SupplierDirectory.path + "\(DirectoryFacet.departement.segment)/\(code)/" } }, suppliersLabel)
        let shading = ChartShading(counts: IleDeFranceMap.codes.map(shown.count))
        let areas = IleDeFranceMap.areas.map { area -> View in
            let count = shown.count(area.code)
            // The code above, the count in a pill under it (the unit is in the legend, and in
            // the link's name).
            let middle = IleDeFranceMap.labelPoint(area)
            let digits = FrenchFormat.integer(count)
            let pillWidth = 12 + 9.5 * Double(digits.count)
            return makeView([
                "path": IleDeFranceMap.path(area),
                "href": count > 0 ? shown.href(area.code).map { root + $0 } : nil,
                "label": typo("\(Labels.department(area.code)) : \(shown.label(count))"),
                "level": String(shading.level(count)),
                "code": area.code,
                "count": digits,
                "x": ChartNumber.format(middle.x),
                "codeY": ChartNumber.format(middle.y - 4),
                "countY": ChartNumber.format(middle.y + 15),
                "pillX": ChartNumber.format(middle.x - pillWidth / 2),
                "pillY": ChartNumber.format(middle.y + 1),
                "pillWidth": ChartNumber.format(pillWidth),
            ])
        }
        let rows = IleDeFranceMap.codes.map { code -> View in
            let needCount = needs[code]?.members.count ?? 0
            let supplierCount = suppliers[code]?.members.count ?? 0
            return makeView([
                "label": typo(Labels.department(code)),
                "needs": FrenchFormat.integer(needCount),
                "needsHref": needs[code].map { root + $0.path },
                "needsContext": typo(" \(needCount > 1 ? "besoins" : "besoin"), \(Labels.department(code))"),
                "suppliers": FrenchFormat.integer(supplierCount),
                "suppliersHref": supplierCount > 0 ? root + SupplierDirectory.path + "\(DirectoryFacet.departement.segment)/\(code)/" : nil,
                "suppliersContext": typo(" \(supplierCount > 1 ? "prestataires" : "prestataire"), \(Labels.department(code))"),
            ])
        }
        // Suppliers may be anywhere in France: those elsewhere are counted under the map.
        let elsewhere = directory.values(of: .departement).filter { !IleDeFranceMap.codes.contains($0.value) }
        let elsewhereCount = elsewhere.reduce(0) { $0 + $1.members.count }
        let subject = side == .needs ? "des acheteurs" : "des prestataires"
        return makeView([
            "title": side == .needs ? "Où sont les besoins" : "Où sont les prestataires",
            "legendTitle": side == .needs ? "Nombre de besoins" : "Nombre de prestataires",
            "lead": typo(side == .needs
                ? "Nombre de besoins par département de l’acheteur, dans la pastille blanche. Chaque département mène à la liste de ses besoins."
                : "Nombre de prestataires par département de leur siège, dans la pastille blanche. Chaque département mène à la liste de ses prestataires."),
            "mapLabel": typo("Carte schématique de l’Île-de-France : \(side == .needs ? "besoins" : "prestataires") par département \(subject)"),
            "width": ChartNumber.format(IleDeFranceMap.width),
            "height": ChartNumber.format(IleDeFranceMap.height),
            "areas": areas,
            "outline": IleDeFranceMap.outline,
            "hasEmpty": areas.contains { ($0["level"] as? String) == "0" },
            "key": IleDeFranceMap.codes.map { ["code": $0, "name": typo(Labels.departmentNames[$0] ?? $0)] as View },
            "legend": shading.legend(unit: shown.label),
            "rows": rows,
            "needsTotal": FrenchFormat.integer(catalogue.entries.count),
            "suppliersTotal": FrenchFormat.integer(directory.suppliers.count),
            "elsewhere": side == .suppliers && elsewhereCount > 0 ? makeView([
                "count": typo(suppliersLabel(elsewhereCount) + " hors d’Île-de-France"),
                "colon": "\u{A0}:",
                "departments": elsewhere.map { value -> View in
                    ["label": typo(value.label), "count": FrenchFormat.integer(value.members.count),
                     "href": root + SupplierDirectory.path + "\(DirectoryFacet.departement.segment)/\(value.value)/"]
                },
            ]) : nil,
            "elsewhereRow": elsewhereCount > 0 ? makeView([
                "suppliers": FrenchFormat.integer(elsewhereCount),
            ]) : nil,
        ])
    }
}
