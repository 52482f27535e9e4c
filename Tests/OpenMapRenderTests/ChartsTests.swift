import Foundation
import OpenMapContent
import OpenMapText
import Testing
@testable import OpenMapRender

/// The pictures (issue 21): every number they show is counted again here from the content, every
/// link leads to a list of exactly that many items, past and current quarters follow « today »,
/// two renders give the same bytes, and each picture stays light.
@Suite struct ChartsTests {
    static let today = LocalDate(year: 2016, month: 5, day: 10)
    /// 120 needs over 2016–2017 from buyers of every department, and the base fixture's two
    /// (2015–2016), built on 10 May 2016.
    static let large: (files: [OutputFile], content: SiteContent) = {
        let content = CatalogueFixture.content(needCount: 120, needsPerRoadmap: 10)
        let files = (try? Fixture.render(content, options: RenderOptions(today: today)).files) ?? []
        return (files, content)
    }()

    /// Every published need with what the pictures sort it by, computed here from the content.
    struct NeedFacts {
        let key: String
        let theme: String
        let department: String
        let quarter: String
    }

    static func needs(_ content: SiteContent) -> [NeedFacts] {
        let buyers = Dictionary(content.buyers.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let themes = Dictionary(content.themes.map { ($0.slug, $0.label) }, uniquingKeysWith: { a, _ in a })
        return content.roadmaps.flatMap { roadmap -> [NeedFacts] in
            guard let buyer = buyers[roadmap.buyer] else { return [] }
            return roadmap.needs.map { need in
                let (year, month) = switch need.launch {
                case .month(let m): (m.year, m.month)
                case .quarter(let q): (q.year, q.quarter * 3)
                }
                return NeedFacts(key: "\(buyer.slug)-\(roadmap.year)-\(need.id)", theme: frenchTypography(themes[need.theme] ?? need.theme),
                                 department: frenchTypography(Labels.department(buyer.department)),
                                 quarter: FrenchFormat.quarter(year: year, quarter: (month - 1) / 3 + 1))
            }
        }
    }

    static func quarterLabels(_ content: SiteContent) -> [String] {
        let ordinals = content.roadmaps.flatMap { $0.needs.map { need -> Int in
            switch need.launch {
            case .month(let m): m.year * 4 + (m.month - 1) / 3
            case .quarter(let q): q.year * 4 + q.quarter - 1
            }
        } }
        guard let first = ordinals.min(), let last = ordinals.max() else { return [] }
        return (first...last).map { FrenchFormat.quarter(year: $0 / 4, quarter: $0 % 4 + 1) }
    }

    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The folder a link of `page` leads to (`besoins/theme/x/`).
    static func target(_ href: String, from page: String) -> String {
        var segments = page.split(separator: "/").dropLast().map(String.init)
        for part in href.split(separator: "/") {
            if part == ".." { _ = segments.popLast() } else if part != "." { segments.append(String(part)) }
        }
        return segments.joined(separator: "/") + "/"
    }

    static func number(_ text: Substring) -> Int? { Int(text.replacingOccurrences(of: "\u{202F}", with: "")) }

    /// One view of the calendar: its quarters' labels and, per row label, its cells (count, link).
    struct CalendarView {
        var quarters: [(label: String, period: String)] = []
        var rows: [(label: String, cells: [(count: Int, href: String?)])] = []
    }

    static func calendarView(_ html: String, id: String) throws -> CalendarView {
        let start = try #require(html.range(of: "id=\"\(id)\""))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let block = String(html[start.upperBound..<end.lowerBound])
        var view = CalendarView()
        for match in block.matches(of: /<th scope="col" class="(past|now|next)">.*?<span class="visually-hidden">([^<]+)<\/span>/) {
            view.quarters.append((String(match.2), String(match.1)))
        }
        let body = try #require(block.firstRange(of: /<tbody>[\s\S]*<\/tbody>/))
        for row in block[body].matches(of: /<tr><th scope="row">([^<]+)<\/th>(.*?)<\/tr>/) {
            let cells = row.2.matches(of: /<td class="[lg]\d(?: now)?">(?:<a href="([^"]+)">([\d\u{202F}]+)<|<span class="visually-hidden">0<\/span>)/)
                .map { (count: $0.2.flatMap(number) ?? 0, href: $0.1.map(String.init)) }
            view.rows.append((unescaped(String(row.1)), cells))
        }
        return view
    }

    @Test func everyCalendarCellCountsItsNeedsAndLeadsToExactlyThem() throws {
        let (files, content) = Self.large
        let needs = Self.needs(content)
        for page in ["besoins/index.html", "index.html"] {
            let html = try #require(files.html(page))
            for (id, field) in [("calendrier-themes", \NeedFacts.theme), ("calendrier-departements", \NeedFacts.department)] {
                let view = try Self.calendarView(html, id: id)
                // Every quarter from the first launch to the last, those without needs included.
                #expect(view.quarters.map(\.label) == Self.quarterLabels(content))
                #expect(Set(view.rows.map(\.label)) == Set(needs.map { $0[keyPath: field] }), "\(id)")
                var cells = 0
                for (label, row) in view.rows {
                    #expect(row.count == view.quarters.count)
                    for (column, cell) in row.enumerated() {
                        let expected = needs.filter { $0[keyPath: field] == label && $0.quarter == view.quarters[column].label }
                        #expect(cell.count == expected.count, "\(page) \(id) \(label) \(view.quarters[column].label)")
                        guard let href = cell.href else {
                            #expect(expected.isEmpty)
                            continue
                        }
                        let listed = listKeys(files, base: Self.target(href, from: page))
                        #expect(Set(listed) == Set(expected.map(\.key)) && listed.count == expected.count, "\(href)")
                        cells += 1
                    }
                }
                #expect(cells > 10)
            }
        }
    }

    @Test func calendarTotalsLeadToTheirFacetPages() throws {
        let (files, content) = Self.large
        let needs = Self.needs(content)
        let html = try #require(files.html("besoins/index.html"))
        let block = try #require(html.firstRange(of: /id="calendrier-themes"[\s\S]*?<\/table>/))
        let totals = html[block].matches(of: /<td class="sum[^"]*"><a href="([^"]+)">([\d\u{202F}]+)<span class="visually-hidden"> besoins?, ([^<]+)<\/span>/)
        #expect(totals.count > 15)
        for total in totals {
            let listed = listKeys(files, base: Self.target(String(total.1), from: "besoins/index.html"))
            #expect(listed.count == Self.number(total.2), "\(total.1)")
            let context = Self.unescaped(String(total.3))
            let expected = needs.filter { context.hasPrefix($0.theme + ",") || context.hasPrefix($0.quarter + ",") }
            #expect(Set(listed) == Set(expected.map(\.key)), "\(context)")
        }
    }

    @Test func pastAndCurrentQuartersFollowToday() throws {
        let html = try #require(Self.large.files.html("besoins/index.html"))
        let view = try Self.calendarView(html, id: "calendrier-themes")
        #expect(html.contains("<td class=\"l1 now\">") || html.contains("<td class=\"l2 now\">") || html.contains("<td class=\"l0 now\">"))
        #expect(html.contains("<td class=\"g1\">") && html.contains("<td class=\"sum now\">"))
        for quarter in view.quarters {
            let expected = quarter.label == "2e trimestre 2016" ? "now"
                : (quarter.label.hasSuffix("2015") || quarter.label == "1er trimestre 2016" ? "past" : "next")
            #expect(quarter.period == expected, "\(quarter.label)")
        }
        #expect(html.contains("Le trimestre en cours, le 2e\u{A0}trimestre 2016, est encadré.")
            || html.contains("Le trimestre en cours, le 2e trimestre 2016, est encadré."))
        // Without a date, nothing is past and nothing under way.
        let undated = try Fixture.render(CatalogueFixture.content(needCount: 20)).files
        let plain = try #require(undated.html("besoins/index.html"))
        #expect(!plain.contains("class=\"past\"") && !plain.contains(" now\"") && !plain.contains("<td class=\"g"))
        #expect(plain.contains("<th scope=\"col\" class=\"next\">"))
    }

    @Test func everyCellThatIsNarrowerThanItsRowAndQuarterHasItsOwnPage() throws {
        let (files, content) = Self.large
        let builder = CatalogueFixture.builder(content)
        #expect(builder.calendar.crossings.count > 20)
        for crossing in builder.calendar.crossings {
            let keys = listKeys(files, base: crossing.path)
            #expect(keys == crossing.members.map { builder.catalogue.entries[$0].key }, "\(crossing.path)")
            #expect(keys.count < crossing.row.members.count && keys.count < crossing.quarter.members.count)
            let html = try #require(files.html(crossing.path + "index.html"))
            // No feed of its own (its row's and its quarter's have one), links to both.
            #expect(!html.contains("S’abonner"))
            #expect(html.contains("href=\"../../../../../\(crossing.quarter.path)\""))
            #expect(html.contains("href=\"../../../../../\(crossing.row.path)\""))
        }
        // A quarter with needs of a single theme links that cell to the quarter's page: no page
        // repeats another's list.
        let paths = Set(builder.calendar.crossings.map(\.path))
        #expect(paths.count == builder.calendar.crossings.count)
    }

    /// A cell's page leads to the cells beside it: every row with needs in its quarter, and its
    /// row's nearest quarters with needs (four on each side), each with its count and a link to a
    /// list of exactly those needs; its own cell is marked as the current page.
    @Test func aCellsPageLeadsToTheCellsBesideIt() throws {
        let (files, content) = Self.large
        let needs = Self.needs(content)
        let builder = CatalogueFixture.builder(content)
        var neighbours = 0
        for crossing in builder.calendar.crossings {
            let page = crossing.path + "index.html"
            let html = try #require(files.html(page))
            let field: KeyPath<NeedFacts, String> = crossing.row.kind == .theme ? \.theme : \.department
            let own = needs.first { $0.key == builder.catalogue.entries[crossing.members[0]].key }
            let (quarter, row) = try (#require(own?.quarter), #require(own?[keyPath: field]))
            func listed(_ id: String) throws -> [(label: String, count: Int, href: String, current: Bool)] {
                let start = try #require(html.range(of: "aria-labelledby=\"\(id)\""), "\(page) \(id)")
                let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
                // Its own cell is named, not linked (its breadcrumbs link its quarter by the same words).
                return html[start.upperBound..<end.lowerBound]
                    .matches(of: /(?:<a href="([^"]+)">|<span aria-current="page">)([^<]+)<\/(?:a|span)> <span class="facet__count"><span aria-hidden="true">([\d\u{202F}]+)</)
                    .map { (Self.unescaped(String($0.2)), Self.number($0.3) ?? -1, $0.1.map(String.init) ?? crossing.path, $0.1 == nil) }
            }
            let column = try listed("calendrier-trimestre")
            let expectedRows = Set(needs.filter { $0.quarter == quarter }.map { $0[keyPath: field] })
            #expect(Set(column.map(\.label)) == expectedRows && column.count == expectedRows.count, "\(page)")
            #expect(column.filter(\.current).map(\.label) == [row], "\(page)")
            for cell in column {
                let expected = needs.filter { $0.quarter == quarter && $0[keyPath: field] == cell.label }
                #expect(cell.count == expected.count, "\(page) \(cell.label)")
                let base = cell.current ? crossing.path : Self.target(cell.href, from: page)
                #expect(Set(listKeys(files, base: base)) == Set(expected.map(\.key)), "\(page) \(cell.href)")
            }
            let quarters = Self.quarterLabels(content).filter { label in needs.contains { $0.quarter == label && $0[keyPath: field] == row } }
            let position = try #require(quarters.firstIndex(of: quarter))
            let line = try listed("calendrier-ligne")
            #expect(line.map(\.label) == Array(quarters[max(0, position - 4)..<min(quarters.count, position + 5)]), "\(page)")
            #expect(line.filter(\.current).map(\.label) == [quarter], "\(page)")
            for cell in line {
                let expected = needs.filter { $0.quarter == cell.label && $0[keyPath: field] == row }
                let base = cell.current ? crossing.path : Self.target(cell.href, from: page)
                #expect(cell.count == expected.count && listKeys(files, base: base).count == expected.count,
                        "\(page) \(cell.label)")
            }
            neighbours += column.count + line.count
        }
        #expect(neighbours > 100)
    }

    @Test func theMapCountsNeedsAndSuppliersByDepartment() throws {
        let (files, content) = Self.large
        let needs = Self.needs(content)
        let html = try #require(files.html("besoins/index.html"))
        let areas = html.matches(of: /<a href="([^"]+)" aria-label="([^"]+)" class="idf-map__area idf-map__area--\d">\s*<path d="[^"]+"\/>\s*<text[^>]*>(\d+)<\/text>\s*<rect[^>]*\/>\s*<text[^>]*>([\d\u{202F}]+)<\/text>/)
        #expect(areas.count == 8)
        for area in areas {
            let department = frenchTypography(Labels.department(String(area.3)))
            let expected = needs.filter { $0.department == department }
            let listed = listKeys(files, base: Self.target(String(area.1), from: "besoins/index.html"))
            #expect(Self.number(area.4) == expected.count && Set(listed) == Set(expected.map(\.key)), "\(area.3)")
            #expect(Self.unescaped(String(area.2)) == "\(department)\u{A0}: \(Labels.plural(expected.count, "besoin", "besoins"))")
        }
        // The directory's map: the fixture's suppliers have no department, so every area is empty
        // (hatched, no link), and the table says so.
        let directory = try #require(files.html("prestataires/index.html"))
        #expect(directory.contains("class=\"idf-map__svg\""))
        #expect(!directory.contains("class=\"idf-map__area idf-map__area--1\""))
        #expect(directory.contains("id=\"carte-vide\""))
    }

    @Test func aRoadmapsTimelinePlacesEachNeedAtItsLaunch() throws {
        let content = Fixture.content()
        let files = try Fixture.render(content, options: RenderOptions(today: LocalDate(year: 2016, month: 1, day: 20))).files
        let html = try #require(files.html("feuilles-de-route/2015/plaine-commune/index.html"))
        let roadmap = try #require(content.roadmaps.first)
        let months = Double(roadmap.horizonTo.ordinal - roadmap.horizonFrom.ordinal + 1)
        let rows = html.matches(of: /<li class="tl__row">\s*<p class="tl__need"><a href="#([^"]+)">[\s\S]*?<span class="tl__mark tl__mark--([a-z-]+)" style="left:([\d.]+)%;width:([\d.]+)%">/)
        #expect(rows.count == roadmap.needs.count)
        for row in rows {
            let need = try #require(roadmap.needs.first { $0.id == row.1 })
            #expect(String(row.2) == need.status.rawValue)
            let start = Double(need.launch.firstMonth.ordinal - roadmap.horizonFrom.ordinal)
            let span = Double(need.launch.lastMonth.ordinal - need.launch.firstMonth.ordinal + 1)
            #expect(abs((Double(row.3) ?? -1) - start * 100 / months) < 0.06, "\(need.id)")
            #expect(abs((Double(row.4) ?? -1) - span * 100 / months) < 0.06, "\(need.id)")
            // The link leads to the need on the page.
            #expect(html.contains("<li class=\"need\" id=\"\(need.id)\">"))
        }
        // January 2016 is the tenth of the eighteen months: the line of today at 9.5 / 18.
        #expect(html.contains("--tl-today:52.8%"))
        #expect(html.contains("Aujourd’hui (janvier 2016)"))
    }

    @Test func matinaleFiguresAreThoseOfTheOpenData() throws {
        let files = try Fixture.render(Fixture.content()).files
        let data = try #require(files.bytes("donnees/matinales.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        let matinales = try #require(json["matinales"] as? [[String: Any]])
        var checked = 0
        for matinale in matinales {
            let slug = try #require(matinale["identifiant"] as? String)
            let html = try #require(files.html("matinales/\(slug)/index.html"))
            let shown = Dictionary(html.matches(of: /<tr><th scope="row">([^<]+)<\/th><td class="figures__value">(?:<span class="figures__track"[^>]*><span class="figures__bar[^"]*" style="width:[\d.]+%"><\/span><\/span><span class="figures__number">([\d\u{202F}]+)<\/span>|<span class="muted">non publié<\/span>)/)
                .map { (String($0.1), $0.2.flatMap(Self.number)) }, uniquingKeysWith: { a, _ in a })
            for (label, field) in [("Demandes reçues", "demandes_rendez_vous"), ("Demandes acceptées", "demandes_acceptees"), ("Rendez-vous", "rendez_vous")] {
                let value = matinale[field] as? Int
                if shown.isEmpty { #expect(value == nil || field == "demandes_acceptees"); continue }
                #expect(shown[label] == .some(value), "\(slug) \(label)")
                checked += 1
            }
        }
        #expect(checked == 3)
        // The Matinales' page shows each Matinale with figures, on one scale.
        let index = try #require(files.html("matinales/index.html"))
        #expect(index.contains("<th scope=\"rowgroup\" colspan=\"2\" class=\"figures__matinale\">1re Matinale"))
        #expect(index.contains("style=\"width:100%\"") && index.contains("style=\"width:26.4%\""))  // 93 of 352
    }

    @Test func picturesAreTheSameBytesAtEveryRenderAndStayLight() throws {
        let content = CatalogueFixture.content(needCount: 120)
        let options = RenderOptions(today: Self.today)
        let first = try Fixture.render(content, options: options).files
        let second = try Fixture.render(content, options: options).files
        let pages = ["index.html", "besoins/index.html", "prestataires/index.html", "matinales/index.html",
                     "matinales/2015-04-17-lancement/index.html", "feuilles-de-route/2016/acheteur-0/index.html"]
        for page in pages { #expect(first.bytes(page) == second.bytes(page), "\(page)") }
        let catalogue = try #require(first.html("besoins/index.html"))
        let roadmap = try #require(first.html("feuilles-de-route/2016/acheteur-0/index.html"))
        let matinale = try #require(first.html("matinales/2015-04-17-lancement/index.html"))
        let sizes = [
            ("calendar", catalogue.firstRange(of: /<section class="chart calendar"[\s\S]*?<\/section>/).map { catalogue[$0].utf8.count }),
            ("map", catalogue.firstRange(of: /<section class="chart idf-map"[\s\S]*?<\/section>/).map { catalogue[$0].utf8.count }),
            ("timeline", roadmap.firstRange(of: /<figure class="chart tl"[\s\S]*?<\/figure>/).map { roadmap[$0].utf8.count }),
            ("figures", matinale.firstRange(of: /<section class="chart figures"[\s\S]*?<\/section>/).map { matinale[$0].utf8.count }),
        ]
        // Bounds for 9 themes, 8 departments and 9 quarters (both views of the calendar), a
        // roadmap of 40 needs: a few kilobytes each once compressed, as served.
        let bounds = ["calendar": 40_000, "map": 8_000, "timeline": 24_000, "figures": 3_000]
        for (name, size) in sizes {
            let size = try #require(size, "\(name) is missing")
            #expect(size < bounds[name] ?? 0, "\(name): \(size) bytes")
        }
    }

    @Test func shadesAndNumbers() {
        let shading = ChartShading(counts: [0, 1, 2, 3, 8])
        #expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(shading.level) == [0, 1, 1, 2, 2, 3, 3, 4, 4])
        #expect(shading.ranges.map { [$0.level, $0.low, $0.high] } == [[1, 1, 2], [2, 3, 4], [3, 5, 6], [4, 7, 8]])
        #expect(ChartShading(counts: [0, 0]).ranges.isEmpty)
        #expect(ChartShading(counts: [3]).legend { "\($0) besoin(s)" }.map { $0["label"] as? String } == ["3 besoin(s)"])
        #expect(ChartShading(counts: [2, 9]).legend { "\($0)" }.map { $0["label"] as? String } == ["2 à 3", "4 à 5", "6 à 7", "8 à 9"])
        // Counts far from zero are told apart all the same.
        let departments = ChartShading(counts: [94, 166, 0, 121, 135, 103])
        #expect([94, 103, 121, 135, 166, 0].map(departments.level) == [1, 1, 2, 3, 4, 0])
        #expect(departments.ranges.first?.low == 94 && departments.ranges.last?.high == 166)
        #expect(ChartNumber.format(33.333) == "33.3")
        #expect(ChartNumber.format(50) == "50")
        #expect(ChartNumber.format(-1.25) == "-1.3" || ChartNumber.format(-1.25) == "-1.2")
        #expect(ChartNumber.percent(93, of: 352) == "26.4")
        #expect(ChartNumber.percent(1, of: 0) == "0")
    }

    @Test func theMapsAreasTileTheRegion() {
        // The rings' sectors cover every bearing once, each ring around Paris.
        for ring in 1...2 {
            let areas = IleDeFranceMap.areas.filter { $0.ring == ring }.sorted { $0.from < $1.from }
            #expect(areas.reduce(0) { $0 + ($1.to - $1.from) } == 360)
            for (a, b) in zip(areas, areas.dropFirst()) { #expect(a.to == b.from) }
        }
        #expect(Set(IleDeFranceMap.areas.map(\.code)) == Set(IleDeFranceMap.codes))
        #expect(IleDeFranceMap.path(IleDeFranceMap.areas[1]).hasPrefix("M"))
    }
}
