import Diagnostics
import Foundation
import OpenMapContent
import Testing
@testable import OpenMapRender

/// What an RGAA auditor checks in the pages openmap makes, on the fixture (every page kind), and
/// the accessibility statement made from the grid, the tests' results and the content.
@Suite struct AccessibilityTests {
    /// Every criterion tested by hand: conforming, but the frames' and a few others not applicable.
    static func audit(failing: [String: String] = [:]) -> AccessibilityAudit {
        var criteria: [String: CriterionResult] = [:]
        for criterion in RGAA.criteria {
            criteria[criterion] = CriterionResult(status: criterion.hasPrefix("2.") ? .nonApplicable : .conforme)
        }
        for (criterion, note) in failing { criteria[criterion] = CriterionResult(status: .nonConforme, note: note) }
        return AccessibilityAudit(date: LocalDate(year: 2026, month: 12, day: 1), auditor: "Mission accessibilité",
                                  pages: [AuditedPage(title: "Accueil", path: "/")], environment: ["Firefox et NVDA"],
                                  tools: ["axe-core"], derogations: [Derogation(content: "Les vidéos de 2015", reason: "en cours")],
                                  exemptions: ["Les documents d’avant 2018"], criteria: criteria)
    }

    /// The fixture with a grid, without its free page « accessibilite » (the statement takes its place).
    static func content(audit: AccessibilityAudit = Self.audit(), automated: AutomatedChecks? = nil) -> SiteContent {
        var content = Fixture.content()
        content.pages.removeAll { $0.slug == "accessibilite" }
        content.audit = audit
        content.automatedChecks = automated
        return content
    }

    static func statement(_ files: [OutputFile]) throws -> String {
        plain(try #require(files.html("accessibilite/index.html")))
    }

    @Test func theStatementRateAndListFollowTheContent() throws {
        let complete = Self.content()
        let (before, beforeProblems) = try Fixture.render(complete)
        #expect(beforeProblems.isEmpty, "\(beforeProblems)")
        let full = try Self.statement(before)
        #expect(full.contains("Le site OpenMap Numériques est <strong>totalement conforme</strong>"))
        #expect(full.contains("100 % des critères du RGAA version 4.1 sont respectés"))
        #expect(full.contains("104 critères respectés sur 104 critères applicables ; 2 critères sans objet"))
        #expect(full.contains("Aucune non-conformité n’est connue."))
        #expect(plain(try #require(before.html("index.html"))).contains("Accessibilité : totalement conforme"))

        // The pitch loses its transcript: criterion 4.1 fails, the rate drops, the video is listed.
        var withoutTranscript = complete
        withoutTranscript.pitches[0].transcript = nil
        let (after, _) = try Fixture.render(withoutTranscript)
        let partial = try Self.statement(after)
        #expect(partial.contains("<strong>partiellement conforme</strong>"))
        #expect(partial.contains("99 % des critères du RGAA version 4.1 sont respectés"))  // 103 ÷ 104, rounded down
        #expect(partial.contains("103 critères respectés sur 104 critères applicables"))
        #expect(partial.contains("Critère 4.1</a> : <a href=\"../pitchs/carto-libre-2015/\">La vidéo du pitch « Des cartes pour tous » n’a pas de transcription.</a>"))
        #expect(!partial.contains("Aucune non-conformité"))
        for page in ["index.html", "matinales/index.html", "besoins/index.html"] {
            let html = plain(try #require(after.html(page)))
            #expect(html.contains("Accessibilité : partiellement conforme"), "\(page)")
        }
    }

    @Test func failedChecksAndCriteriaAndUntestedOnesCountAgainstTheRate() throws {
        var audit = Self.audit(failing: ["12.1": "Pas de plan du site ni de moteur de recherche."])
        for criterion in RGAA.criteria where criterion.hasPrefix("13.") { audit.criteria[criterion] = nil }
        let automated = AutomatedChecks(date: LocalDate(year: 2026, month: 12, day: 3), tools: ["axe-core 4.10"], checks: [
            AutomatedCheck(id: "reflow", label: "Aucune page ne défile à 320 px", criteria: ["10.11"], pages: 48, failures: 2),
            AutomatedCheck(id: "titles", label: "Titres de page uniques", criteria: ["8.6"], pages: 24, failures: 0),
        ])
        let (files, _) = try Fixture.render(Self.content(audit: audit, automated: automated))
        let statement = try Self.statement(files)
        // 104 applicable; 12.1, 10.11 and the 12 criteria of theme 13 fail: 90 ÷ 104 = 86,5 %.
        #expect(statement.contains("86,5 % des critères"))
        #expect(statement.contains("Critère 10.11</a> : Test automatique « Aucune page ne défile à 320 px » : 2 échecs (critères 10.11)."))
        #expect(statement.contains("Critère 12.1</a> : Pas de plan du site ni de moteur de recherche."))
        #expect(statement.contains("Critères non évalués, comptés comme non conformes : 13.1, 13.2"))
        #expect(statement.contains("Échoué (2 échecs)</span> Aucune page ne défile à 320 px"))
        #expect(statement.contains("Réussi</span> Titres de page uniques"))
        // Established on the latest of the audit and the tests.
        #expect(statement.contains("établie le <time datetime=\"2026-12-03\">3 décembre 2026</time>"))
        // The legal mentions.
        for mention in ["article 47 de la loi n° 2005-102 du 11 février 2005", "Défenseur des droits", "Libre réponse 71120",
                        "mailto:contact@example.org", "Dérogations pour charge disproportionnée", "Les vidéos de 2015 : en cours",
                        "Contenus non soumis à l’obligation d’accessibilité", "Les documents d’avant 2018", "Firefox et NVDA"] {
            #expect(statement.contains(mention), "\(mention)")
        }
    }

    @Test func anImageWithoutTextIsListedWithItsPage() throws {
        var content = Self.content()
        content.roadmaps[0].body = Fixture.text("## Carte\n\n![](../../assets/logos/plaine-commune.svg)\n", "roadmaps/2015/plaine-commune.md", line: 31)
        let (files, diagnostics) = try Fixture.render(content)
        let warning = try #require(diagnostics.first { $0.code == "image-without-alt" })
        #expect(warning.location == SourceLocation(file: "content/roadmaps/2015/plaine-commune.md", line: 33, column: 1))
        #expect(try Self.statement(files).contains(
            "Critère 1.1</a> : <a href=\"../feuilles-de-route/2015/plaine-commune/\">L’image « ../../assets/logos/plaine-commune.svg » (page « Feuille de route numérique 2015–2016 ») n’a pas de texte de remplacement.</a>"))
    }

    @Test func aSamplePageTheSiteDoesNotPublishIsAnError() throws {
        var audit = Self.audit()
        audit.pages.append(AuditedPage(title: "Données", path: "/donnes/"))
        let (files, diagnostics) = try Fixture.render(Self.content(audit: audit))
        let error = try #require(diagnostics.first { $0.code == "broken-link" })
        #expect(error.file == "content/accessibilite.yaml" && error.severity == .error)
        #expect(try Self.statement(files).contains("<li>Données</li>"))
    }

    @Test func withoutAGridTheStatusIsSiteYamls() throws {
        let (files, _) = try Fixture.render(Fixture.content())
        #expect(plain(try #require(files.html("index.html"))).contains("Accessibilité : partiellement conforme"))
        // The free page is the statement then.
        #expect(try #require(files.html("accessibilite/index.html")).contains("Ce site est partiellement conforme."))
    }

    /// Every page links to a statement: without a grid or a free page, openmap makes one from
    /// site.yaml's status, with what a statement owes (contact, recourse) and the content the
    /// rules found not accessible, and says that no audit's detail is published.
    @Test func withoutAGridOrAFreePageTheStatementIsMadeFromSiteYaml() throws {
        var content = Fixture.content()
        content.pages.removeAll { $0.slug == "accessibilite" }
        content.pitches[0].transcript = nil
        let (files, problems) = try Fixture.render(content)
        #expect(!problems.contains { $0.severity == .error }, "\(problems)")
        let statement = try Self.statement(files)
        #expect(statement.contains("Le site OpenMap Numériques est <strong>partiellement conforme</strong> avec le référentiel"))
        #expect(statement.contains("Cet état est celui de l’audit du <time datetime=\"2026-01-15\">15 janvier 2026</time>, dont le détail n’est pas publié ici."))
        #expect(statement.contains("La vidéo du pitch « Des cartes pour tous » n’a pas de transcription."))
        #expect(statement.contains("Défenseur des droits") && statement.contains("mailto:"))
        #expect(!statement.contains("des critères du RGAA version") && !statement.contains("Dérogations"))
        for (page, root) in [("index.html", "./"), ("besoins/index.html", "../"), ("plan-du-site/index.html", "../")] {
            #expect(plain(try #require(files.html(page))).contains("<a href=\"\(root)accessibilite/\">Accessibilité : partiellement conforme</a>"), "\(page)")
        }
        #expect(try #require(files.html("plan-du-site/index.html")).contains("Déclaration d’accessibilité"))

        // Without an audit date either, the statement says that the site was not audited.
        content.site.accessibilityStatus = .nonConforme
        content.site.accessibilityAuditDate = nil
        let (unaudited, _) = try Fixture.render(content)
        let text = try Self.statement(unaudited)
        #expect(text.contains("<strong>non conforme</strong>") && text.contains("Le site n’a pas encore fait l’objet d’un audit de conformité."))
        #expect(text.contains("Cette déclaration est refaite à chaque publication du site, à partir de l’état de conformité déclaré et du contenu publié."))
    }

    // MARK: - Pages

    /// The heading levels of a page, in order.
    static func headingLevels(_ html: String) -> [Int] {
        let regex = try? NSRegularExpression(pattern: "<h([1-6])[ >]")
        return (regex?.matches(in: html, range: NSRange(html.startIndex..., in: html)) ?? []).compactMap { match in
            Range(match.range(at: 1), in: html).flatMap { Int(html[$0]) }
        }
    }

    @Test func noPageOutlineSkipsALevelWhateverLevelItsTextsStartAt() throws {
        var content = Self.content()
        // Bodies written from ### and #### down, with a skip: every outline still goes one level at a time.
        content.roadmaps[0].body = Fixture.text("### Contexte\n\nTexte.\n\n##### Détail\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                                                "roadmaps/2015/plaine-commune.md", line: 31)
        content.roadmaps[0].needs[0].summary = Fixture.text("#### Objectifs\n\nUn portail.", "roadmaps/2015/plaine-commune.md", line: 20, column: 14)
        content.matinales[0].body = Fixture.text("#### Accès\n\nMétro.", "matinales/2015-04-17-lancement/index.md", line: 40)
        content.pitches[0].transcript = Fixture.text("# Introduction\n\nBonjour.", "pitches/carto-libre-2015.md", line: 18)
        let (files, diagnostics) = try Fixture.render(content)
        let skip = try #require(diagnostics.first { $0.code == "heading-skip" })
        #expect(skip.location == SourceLocation(file: "content/roadmaps/2015/plaine-commune.md", line: 35, column: 1))
        for file in files where file.path.hasSuffix(".html") {
            let levels = Self.headingLevels(try #require(files.html(file.path)))
            #expect(levels.first == 1, "\(file.path): \(levels)")
            for (previous, next) in zip(levels, levels.dropFirst()) {
                #expect(next <= previous + 1, "\(file.path) skips from h\(previous) to h\(next): \(levels)")
            }
        }
        let roadmap = try #require(files.html("feuilles-de-route/2015/plaine-commune/index.html"))
        #expect(roadmap.contains("<h2 id=\"contexte\">Contexte</h2>"))
        #expect(roadmap.contains("<h3 id=\"detail\">Détail</h3>"))
        // The need's summary sits under the need's <h3>, the transcript under its <h2>.
        #expect(roadmap.contains("<h4 id=\"objectifs\">Objectifs</h4>"))
        #expect(try #require(files.html("pitchs/carto-libre-2015/index.html")).contains("<h3 id=\"introduction\">Introduction</h3>"))
    }

    @Test func everyTableHasANameAndMarkdownTablesScrollInTheirRegion() throws {
        var content = Self.content()
        content.roadmaps[0].body = Fixture.text("Avant tout titre :\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Calendrier\n\n| c |\n|---|\n| 3 |\n",
                                                "roadmaps/2015/plaine-commune.md", line: 31)
        let (files, diagnostics) = try Fixture.render(content)
        #expect(!diagnostics.contains { $0.code == "table-without-title" }, "\(diagnostics)")
        let tableTag = try NSRegularExpression(pattern: "<table[^>]*>(\\s*<caption)?")
        for file in files where file.path.hasSuffix(".html") {
            let html = try #require(files.html(file.path))
            for match in tableTag.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let tag = String(html[Range(match.range, in: html)!])
                #expect(tag.contains("<caption") || tag.contains("aria-labelledby=") || tag.contains("aria-label="), "\(file.path): \(tag)")
            }
        }
        let roadmap = try #require(files.html("feuilles-de-route/2015/plaine-commune/index.html"))
        #expect(roadmap.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"titre-page\"><table aria-labelledby=\"titre-page\">"))
        #expect(roadmap.contains("<h1 id=\"titre-page\">"))
        #expect(roadmap.contains("<table aria-labelledby=\"calendrier\">"))
    }

    @Test func pagesThatShareATitleSayWhatTellsThemApart() throws {
        var content = Self.content()
        var nextYear = content.roadmaps[0]
        nextYear.year = 2016
        nextYear.published = LocalDate(year: 2016, month: 3, day: 1)
        nextYear.updated = nil
        nextYear.horizonFrom = YearMonth(year: 2016, month: 4)
        nextYear.horizonTo = YearMonth(year: 2017, month: 6)
        nextYear.needs = nextYear.needs.map { need in
            var need = need
            need.launch = .quarter(Quarter(year: 2016, quarter: 4))
            return need
        }
        content.roadmaps.append(nextYear)
        let (files, _) = try Fixture.render(content)
        var titles: [String: String] = [:]
        let titleTag = try NSRegularExpression(pattern: "<title>([^<]*)</title>")
        for file in files where file.path.hasSuffix(".html") {
            let html = try #require(files.html(file.path))
            let match = try #require(titleTag.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)))
            let title = String(html[Range(match.range(at: 1), in: html)!])
            #expect(titles[title] == nil, "« \(title) » is the title of \(file.path) and \(titles[title] ?? "")")
            titles[title] = file.path
        }
        let need = plain(try #require(files.html("besoins/plaine-commune-2016-portail-opendata/index.html")))
        #expect(need.contains("<title>Portail open data (Plaine Commune, 2016) — OpenMap Numériques</title>"))
        #expect(need.contains("<h1>Portail open data</h1>"))
        // The same link text never leads to two needs: cards name their buyer and year.
        let catalogue = plain(try #require(files.html("besoins/index.html")))
        #expect(catalogue.contains("Portail open data<span class=\"visually-hidden\"> (Plaine Commune, 2015)</span></a>"))
        #expect(catalogue.contains("Portail open data<span class=\"visually-hidden\"> (Plaine Commune, 2016)</span></a>"))
        let roadmaps = plain(try #require(files.html("feuilles-de-route/index.html")))
        #expect(roadmaps.contains("Plaine Commune<span class=\"visually-hidden\">, feuille de route 2016</span></a>"))
    }
}
