import Foundation
import OpenMapContent
import Testing
@testable import OpenMapRender

@Suite struct CatalogueTests {
    /// 120 needs: three pages of 50 on the catalogue.
    static let large: (files: [OutputFile], content: SiteContent) = {
        let content = CatalogueFixture.content(needCount: 120)
        let files = (try? Fixture.render(content).files) ?? []
        return (files, content)
    }()

    @Test func everyCataloguePageIsReachableFromTheHomePage() throws {
        let files = Self.large.files
        var seen: Set<String> = ["index.html"]
        var queue = ["index.html"]
        while let page = queue.popLast() {
            guard let html = files.html(page) else { continue }
            for target in siteLinks(in: html, page: page) where target.hasSuffix(".html") && !seen.contains(target) {
                seen.insert(target)
                queue.append(target)
            }
        }
        let cataloguePages = files.map(\.path).filter { $0.hasPrefix("besoins/") && $0.hasSuffix(".html") }
        #expect(cataloguePages.count > 150)
        let unreachable = cataloguePages.filter { !seen.contains($0) }
        #expect(unreachable.isEmpty, "\(unreachable.prefix(10))")
        #expect(seen.contains("donnees/index.html"))
        for path in ["besoins/theme/opendata/index.html", "besoins/departement/93/index.html",
                     "besoins/type-acheteur/commune/index.html", "besoins/lancement/2016-t1/index.html",
                     "besoins/procedure/procedure-adaptee/index.html", "besoins/cpv/72/index.html",
                     "besoins/statut/publie/index.html"] {
            #expect(seen.contains(path), "\(path)")
        }
    }

    @Test func facetCountsMatchTheirPages() throws {
        let files = Self.large.files
        let catalogue = try #require(files.html("besoins/index.html"))
        let entries = catalogue.matches(of: /<li><a href="([^"]+)">[^<]*<\/a> <span class="facet__count"><span aria-hidden="true">(\d+)<\/span>/)
        #expect(entries.count > 30)
        let all = Set(listKeys(files, base: "besoins/"))
        #expect(all.count == 122)  // 120 fabricated + the base fixture's 2
        var perKind: [String: Set<String>] = [:]
        for entry in entries {
            let base = String(entry.1.dropFirst(3))  // "../besoins/theme/x/", relative to /besoins/
            let keys = listKeys(files, base: base)
            #expect(keys.count == Int(entry.2), "\(base)")
            #expect(Set(keys).isSubset(of: all), "\(base)")
            let kind = String(base.split(separator: "/")[1])
            #expect(perKind[kind, default: []].isDisjoint(with: keys) || kind == "cpv", "\(base) overlaps")
            perKind[kind, default: []].formUnion(keys)
        }
        // Every single-valued facet partitions the catalogue.
        for kind in ["theme", "departement", "type-acheteur", "lancement", "procedure", "statut"] {
            #expect(perKind[kind] == all, "\(kind)")
        }
    }

    @Test func feedsCarryTheMostRecentNeedsOnly() throws {
        let builder = CatalogueFixture.builder(CatalogueFixture.content(needCount: 300))
        let source = try #require(builder.feedSources().first)
        guard case .needs(let members) = source.items else { Issue.record("the first feed is not of needs"); return }
        let xml = builder.needFeed(source.feed, list: source.list, members: members)
        let updated = xml.matches(of: /<entry>[\s\S]*?<updated>([^<]+)<\/updated>/).map { String($0.1) }
        #expect(members.count > SiteBuilder.feedEntryLimit)
        #expect(updated.count == SiteBuilder.feedEntryLimit)
        #expect(updated == updated.sorted(by: >))  // newest first
        // No need left out is newer than the oldest one kept.
        let kept = try #require(updated.last)
        let newestLeftOut = members.map { builder.catalogue.entries[$0].lastModified }.sorted(by: >)[SiteBuilder.feedEntryLimit]
        #expect(ParisTime.rfc3339(newestLeftOut) <= kept)
    }

    @Test func paginationShowsAWindowOfPages() {
        #expect(SiteBuilder.pageWindow(page: 1, pageCount: 1) == [1])
        #expect(SiteBuilder.pageWindow(page: 1, pageCount: 10) == [1, 2, 3, nil, 10])
        #expect(SiteBuilder.pageWindow(page: 5, pageCount: 10) == [1, 2, 3, 4, 5, 6, 7, nil, 10])
        #expect(SiteBuilder.pageWindow(page: 500, pageCount: 1000) == [1, nil, 498, 499, 500, 501, 502, nil, 1000])
        for count in 1...40 {
            for page in 1...count {
                let window = SiteBuilder.pageWindow(page: page, pageCount: count)
                let numbers = window.compactMap { $0 }
                #expect(numbers.contains(page) && numbers.contains(1) && numbers.contains(count))
                #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count)
                #expect(numbers.count <= 9)
                // « … » only between numbers more than one page apart.
                for (index, item) in window.enumerated() where item == nil {
                    let before = window[index - 1] ?? 0, after = window[index + 1] ?? 0
                    #expect(after - before > 2)
                }
            }
        }
    }

    @Test func monthsMapToTheirQuarter() throws {
        let files = Self.large.files
        let content = Self.large.content
        let inMarch = content.roadmaps.flatMap { roadmap in
            roadmap.needs.filter { $0.launch == .month(YearMonth(year: 2016, month: 3)) }.map { "\(roadmap.buyer)-\(roadmap.year)-\($0.id)" }
        }
        #expect(!inMarch.isEmpty)
        let q1 = Set(listKeys(files, base: "besoins/lancement/2016-t1/"))
        #expect(Set(inMarch).isSubset(of: q1))
    }

    @Test func listsAreSortedByLaunchThenBuyer() throws {
        let builder = CatalogueFixture.builder(Self.large.content)
        let entries = builder.catalogue.entries
        for (a, b) in zip(entries, entries.dropFirst()) {
            #expect(a.need.launch <= b.need.launch)
            if a.need.launch == b.need.launch {
                #expect(a.buyer.name.lowercased() <= b.buyer.name.lowercased() || a.buyer.slug <= b.buyer.slug)
            }
        }
        #expect(listKeys(Self.large.files, base: "besoins/") == entries.map(\.key))
    }

    @Test func longListsArePaginated() throws {
        let files = Self.large.files
        #expect(cardKeys(try #require(files.html("besoins/index.html"))).count == 50)
        #expect(cardKeys(try #require(files.html("besoins/page/2/index.html"))).count == 50)
        #expect(cardKeys(try #require(files.html("besoins/page/3/index.html"))).count == 22)
        #expect(files.html("besoins/page/4/index.html") == nil)
        #expect(files.html("besoins/page/1/index.html") == nil)
        let second = try #require(files.html("besoins/page/2/index.html"))
        #expect(second.contains("<nav class=\"pagination\" aria-label=\"Pagination\">"))
        #expect(second.contains("<a href=\"../../../besoins/\" rel=\"prev\">"))
        #expect(second.contains("<a href=\"../../../besoins/page/3/\" rel=\"next\">"))
        #expect(second.contains("<link rel=\"prev\" type=\"text/html\""))
        #expect(second.contains("<link rel=\"next\" type=\"text/html\""))
        #expect(second.contains("aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>"))
        let first = try #require(files.html("besoins/index.html"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("<link rel=\"next\""))
        // The catalogue alone carries the filter script and form.
        #expect(first.contains("static/listes.js\" defer></script>"))
        #expect(first.contains("<form class=\"filters\" id=\"filtres\""))
        #expect(first.contains("aria-live=\"polite\""))
        #expect(!second.contains("listes.js"))
        let sitemap = try #require(files.html("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://openmap.example.org/besoins/page/3/</loc>"))
        #expect(sitemap.contains("<loc>https://openmap.example.org/besoins/theme/opendata/</loc>"))
    }

    @Test func needPagesShowTheNeedItsBuyerAndRoadmap() throws {
        let (files, diagnostics) = try Fixture.render(Fixture.content())
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let html = plain(try #require(files.html("besoins/plaine-commune-2015-portail-opendata/index.html")))
        #expect(html.contains("<h1>Portail open data</h1>"))
        #expect(html.contains("href=\"../../acheteurs/plaine-commune/\""))
        #expect(html.contains("href=\"../../feuilles-de-route/2015/plaine-commune/#portail-opendata\""))
        #expect(html.contains("href=\"https://marches.example.org/avis/42\""))
        #expect(html.contains("93 – Seine-Saint-Denis"))
        #expect(html.contains("de 40 000 € à 90 000 € HT"))
        #expect(html.contains("4e trimestre 2015"))
        #expect(html.contains("Un portail pour publier nos <strong>données</strong>."))
        #expect(html.contains("href=\"../../besoins/theme/opendata/\"") || html.contains("href=\"../theme/opendata/\""))
        let sitemap = try #require(files.html("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://openmap.example.org/besoins/plaine-commune-2015-portail-opendata/</loc><lastmod>2015-05-01</lastmod>"))
        let home = try #require(files.html("index.html"))
        #expect(home.contains("href=\"./besoins/\""))
        #expect(home.contains("<link rel=\"alternate\" type=\"application/atom+xml\""))
    }

    @Test func relatedNeedsShareAThemeOrADivision() throws {
        let builder = CatalogueFixture.builder(Self.large.content)
        let catalogue = builder.catalogue
        for index in catalogue.entries.indices {
            let entry = catalogue.entries[index]
            let related = catalogue.related(to: index)
            #expect(related.count <= 6)
            #expect(!related.contains(index))
            #expect(Set(related).count == related.count)
            for other in related.map({ catalogue.entries[$0] }) {
                #expect(other.need.theme == entry.need.theme || !Set(other.divisions).isDisjoint(with: entry.divisions))
            }
        }
        // A need whose theme has several needs gets related needs.
        #expect(catalogue.related(to: 0).count == 6)
        let page = try #require(Self.large.files.html(catalogue.entries[0].path + "index.html"))
        #expect(page.contains("id=\"besoins-proches\""))
        // Each related need in a line, linking to its page, in the catalogue's order.
        let section = try #require(page.split(separator: "id=\"besoins-proches\"").last?.split(separator: "</section>").first)
        let linked = section.matches(of: /<a href="\.\.\/\.\.\/([^"]+)">/).map { String($0.1) }
        #expect(linked == catalogue.related(to: 0).map { catalogue.entries[$0].path })
    }

    @Test func parisOffsetsFollowSummerTime() {
        #expect(ParisTime.lastSunday(year: 2015, month: 3) == 29)
        #expect(ParisTime.lastSunday(year: 2015, month: 10) == 25)
        #expect(ParisTime.lastSunday(year: 2026, month: 3) == 29)
        #expect(ParisTime.lastSunday(year: 2026, month: 10) == 25)
        #expect(ParisTime.dateTime(LocalDate(year: 2015, month: 4, day: 17), LocalTime(hour: 8, minute: 30)) == "2015-04-17T08:30:00+02:00")
        #expect(ParisTime.dateTime(LocalDate(year: 2015, month: 12, day: 3), LocalTime(hour: 9, minute: 0)) == "2015-12-03T09:00:00+01:00")
        #expect(ParisTime.offset(LocalDate(year: 2015, month: 3, day: 29), LocalTime(hour: 1, minute: 0)) == "+01:00")
        #expect(ParisTime.offset(LocalDate(year: 2015, month: 3, day: 29), LocalTime(hour: 9, minute: 0)) == "+02:00")
        #expect(ParisTime.offset(LocalDate(year: 2015, month: 10, day: 25), LocalTime(hour: 9, minute: 0)) == "+01:00")
        #expect(ParisTime.rfc3339(LocalDate(year: 2016, month: 1, day: 5)) == "2016-01-05T00:00:00+01:00")
    }

    @Test func supplierSideOutputIsDeterministic() throws {
        let content = CatalogueFixture.content(needCount: 60)
        let first = try Fixture.render(content).files
        let second = try Fixture.render(content).files
        let paths = first.map(\.path).filter { $0.hasPrefix("besoins/") || $0.hasPrefix("flux/") || $0.hasPrefix("donnees/") || $0.hasSuffix(".ics") }
        #expect(paths.count > 100)
        for path in paths { #expect(first.bytes(path) == second.bytes(path), "\(path)") }
    }
}

@Suite struct DirectoryReservedSegmentsTests {
    /// Every segment the directory's pages take under /prestataires/ is refused as a supplier's slug.
    @Test func theValidatorRefusesEverySegmentOfTheDirectory() {
        #expect(Set(SupplierDirectory.reservedSegments) == Set(ContentValidator.reservedSupplierSlugs))
    }
}
