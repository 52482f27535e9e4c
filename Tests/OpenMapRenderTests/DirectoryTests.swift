import Foundation
import OpenMapContent
import Testing
@testable import OpenMapRender

/// The directory of suppliers and the matching of needs and suppliers, checked against a plain
/// scan of every supplier and every need (what the site itself never does).
@Suite struct DirectoryTests {
    static let departments = ["75", "93", "93", "92", "69", "94"]

    /// 120 needs and 60 suppliers of every size, theme, department, CPV division, some with pitches.
    static let content: SiteContent = {
        var content = CatalogueFixture.content(needCount: 120)
        let themes = CatalogueFixture.themes
        var suppliers: [Supplier] = []
        var pitches = content.pitches
        for n in 0..<60 {
            let slug = "entreprise-\(n)"
            var supplier = Supplier(
                slug: slug, name: "Entreprise \(n % 7 == 0 ? "Éclair" : "Alpha") \(n)", size: SupplierSize.allCases[n % 4],
                city: "Ville \(n % 5)", postcode: nil, department: n % 11 == 0 ? nil : departments[n % departments.count],
                themes: [themes[n % themes.count]] + (n % 3 == 0 ? [themes[(n + 4) % themes.count]] : []),
                cpv: n % 4 == 0 ? [] : (n % 2 == 0 ? ["72"] : ["48000000-8", "30200000-1"]),
                location: Fixture.loc("suppliers/\(slug).yaml"))
            if n % 9 == 0 { supplier.references = [SupplierReference(title: "Référence \(n)", buyer: "plaine-commune", year: 2014)] }
            suppliers.append(supplier)
            if n % 5 == 0 {
                pitches.append(Pitch(slug: "pitch-\(n)", title: "Pitch \(n)", supplier: slug, matinale: "2015-04-17-lancement",
                                     video: Video(provider: .vimeo, id: "12345\(n)"), body: Fixture.text("Pitch.", "pitches/pitch-\(n).md", line: 9),
                                     location: Fixture.loc("pitches/pitch-\(n).md")))
            }
        }
        content.suppliers = (content.suppliers + suppliers).sorted { $0.slug < $1.slug }
        content.pitches = pitches
        return content
    }()

    static let built: [OutputFile] = (try? Fixture.render(content).files) ?? []

    /// The suppliers of the directory that meet every criterion, by a scan.
    static func scan(_ builder: SiteBuilder, _ criteria: [DirectoryValue]) -> Set<String> {
        Set(builder.directory.suppliers.enumerated().filter { position, supplier in
            criteria.allSatisfy { criterion in
                switch criterion.kind {
                case .theme: supplier.themes.contains(criterion.value)
                case .departement: supplier.department == criterion.value
                case .taille: supplier.size?.rawValue == criterion.value
                case .cpv: supplier.cpvDivisions.contains(criterion.value)
                case .matinale: builder.directory.attended[position]?.contains { $0.slug == criterion.value } == true
                case .pitch: builder.content.pitches.contains { $0.supplier == supplier.slug && !$0.draft }
                }
            }
        }.map(\.element.slug))
    }

    @Test func everyPageListsExactlyTheSuppliersOfItsCriteria() throws {
        let builder = CatalogueFixture.builder(Self.content)
        let directory = builder.directory
        #expect(directory.selections.count > 50)
        for selection in directory.selections {
            let listed = Set(selection.members.map { directory.suppliers[$0].slug })
            #expect(listed == Self.scan(builder, selection.criteria), "\(selection.path)")
            #expect(SupplierDirectory.isAllowed(selection.criteria.map(\.kind)), "\(selection.path)")
            // Every criterion narrows: no page repeats a shorter choice's list.
            for dropped in selection.criteria.indices where selection.criteria.count > 1 {
                var rest = selection.criteria
                rest.remove(at: dropped)
                #expect(Self.scan(builder, rest).count > listed.count, "\(selection.path) without \(selection.criteria[dropped].value)")
            }
            let keys = Set(listKeys(Self.built, base: selection.path))
            #expect(keys == listed, "\(selection.path)")
        }
        // Every supplier on the directory's own pages, in name order.
        let all = listKeys(Self.built, base: SupplierDirectory.path)
        #expect(all == directory.suppliers.map(\.slug))
        #expect(directory.suppliers.map(\.name).first == "Carto Libre")
    }

    /// Every link of a directory page's navigation leads to a page listing what it says: the
    /// current list narrowed by the value, or the whole list without a removed criterion.
    @Test func theNavigationLeadsToTheNarrowerOrWiderList() throws {
        let builder = CatalogueFixture.builder(Self.content)
        let pages = [SupplierDirectory.path] + builder.directory.selections.map(\.path)
        var followed = 0
        for base in pages {
            let html = try #require(Self.built.html(base + "index.html"), "\(base)")
            let here = Set(listKeys(Self.built, base: base))
            for target in siteLinks(in: html, page: base + "index.html") where target.hasPrefix("prestataires/")
                && target.hasSuffix("/index.html") && target.split(separator: "/").count > 3 && !target.contains("/page/") {
                let targetBase = String(target.dropLast("index.html".count))
                guard builder.directory.selectionByPath[targetBase] != nil || targetBase == SupplierDirectory.path else { continue }
                let there = Set(listKeys(Self.built, base: targetBase))
                #expect(!there.isEmpty, "\(base) → \(targetBase)")
                #expect(there.isSubset(of: here) || here.isSubset(of: there), "\(base) → \(targetBase)")
                #expect(there != here, "\(base) → \(targetBase) lists the same suppliers")
                followed += 1
            }
        }
        #expect(followed > 200)
    }

    @Test func threeClicksGiveAThemeADepartmentAndAPitch() throws {
        let builder = CatalogueFixture.builder(Self.content)
        let department = try #require(builder.directory.values(of: .departement).first { $0.value == "93" })
        let pitch = try #require(builder.directory.values(of: .pitch).first)
        // A theme for which each click narrows the list (else the page of fewer criteria is the answer).
        let theme = try #require(builder.directory.values(of: .theme).first { theme in
            let all = Self.scan(builder, [theme, department, pitch])
            return !all.isEmpty && all.count < Self.scan(builder, [theme, department]).count
                && Self.scan(builder, [theme, department]).count < Self.scan(builder, [theme]).count
        })
        let wanted = Self.scan(builder, [theme, department, pitch])
        var page = SupplierDirectory.path + "index.html"
        for step in ["theme/\(theme.value)/", "departement/93/", "pitch/oui/"] {
            let html = try #require(Self.built.html(page))
            let next = try #require(siteLinks(in: html, page: page).first { $0.hasSuffix(step + "index.html") }, "no link to \(step) on \(page)")
            page = next
        }
        #expect(Set(cardKeys(try #require(Self.built.html(page)))) == wanted)
    }

    /// A need's positioned suppliers and a supplier's matching needs, from the indexes, are
    /// what a scan of every pair finds.
    @Test func matchesAreWhatAScanFinds() throws {
        let builder = CatalogueFixture.builder(Self.content)
        let suppliers = builder.directory.suppliers
        var positionedSomewhere = 0
        for entry in builder.catalogue.entries {
            let scanned = suppliers.indices.filter { position in
                suppliers[position].themes.contains(entry.need.theme)
                    || !Set(suppliers[position].cpvDivisions).isDisjoint(with: entry.divisions)
            }
            let positioned = builder.matching.suppliers(for: entry)
            #expect(positioned.total == scanned.count, "\(entry.key)")
            #expect(positioned.shown.count == min(scanned.count, Matching.suppliersShown))
            for match in positioned.shown {
                let supplier = suppliers[match.supplier]
                #expect(match.sharesTheme == supplier.themes.contains(entry.need.theme))
                #expect(match.divisions == entry.divisions.filter(supplier.cpvDivisions.contains))
                #expect(match.sharesTheme || !match.divisions.isEmpty)
            }
            if !positioned.shown.isEmpty { positionedSomewhere += 1 }
        }
        #expect(positionedSomewhere > 100)
        for supplier in suppliers {
            let scanned = builder.catalogue.entries.indices.filter { index in
                let entry = builder.catalogue.entries[index]
                return Matching.openStatuses.contains(entry.need.status)
                    && (supplier.themes.contains(entry.need.theme) || !Set(supplier.cpvDivisions).isDisjoint(with: entry.divisions))
            }
            let found = builder.matching.needs(for: supplier, in: builder.catalogue)
            #expect(found.shown.map(\.need) == scanned && found.total == scanned.count, "\(supplier.slug)")
            let first = builder.matching.needs(for: supplier, in: builder.catalogue, limit: 3)
            #expect(first.shown.map(\.need) == Array(scanned.prefix(3)) && first.total == scanned.count)
        }
    }

    @Test func needAndSupplierPagesShowTheirMatchesWithReasons() throws {
        let builder = CatalogueFixture.builder(Self.content)
        let entry = try #require(builder.catalogue.entries.first { builder.matching.suppliers(for: $0).total > Matching.suppliersShown })
        let need = try #require(Self.built.html(entry.path + "index.html"))
        #expect(need.contains("Prestataires positionnés"))
        #expect(need.matches(of: /<li><a href="[^"]*\/prestataires\/[^\/"]+\/">/).count == Matching.suppliersShown)
        #expect(need.contains("même thème\u{A0}: ") || need.contains("division CPV "))
        #expect(need.contains("\(builder.matching.suppliers(for: entry).total) prestataires correspondent"))
        let supplier = try #require(builder.directory.suppliers.first { builder.matching.needs(for: $0, in: builder.catalogue).total > 0 })
        let page = try #require(Self.built.html(SiteBuilder.supplierPath(supplier.slug) + "index.html"))
        let matches = builder.matching.needs(for: supplier, in: builder.catalogue).shown
        #expect(page.contains("Besoins qui correspondent à votre offre"))
        let section = try #require(page.split(separator: "id=\"besoins\"").last?.split(separator: "</section>").first)
        let listed = section.matches(of: /<li>\s*<a href="[^"]*\/besoins\/([^\/"]+)\/">/).map { String($0.1) }
        #expect(listed == matches.prefix(Matching.needsShown).map { builder.catalogue.entries[$0.need].key })
    }
}
