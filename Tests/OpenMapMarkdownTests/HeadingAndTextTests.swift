import Testing
import OpenMapMarkdown

@Suite struct HeadingTests {
    @Test func headingsGetSlugIDs() {
        let result = MarkdownRenderer().render("# Calendrier prévisionnel\n\n## L’œuvre : *Été* `2015` !\n")
        #expect(result.html == "<h1 id=\"calendrier-previsionnel\">Calendrier prévisionnel</h1>\n"
                + "<h2 id=\"l-oeuvre-ete-2015\">L’œuvre : <em>Été</em> <code>2015</code> !</h2>\n")
        #expect(result.headings == [
            MarkdownHeading(level: 1, id: "calendrier-previsionnel", text: "Calendrier prévisionnel"),
            MarkdownHeading(level: 2, id: "l-oeuvre-ete-2015", text: "L’œuvre : Été 2015 !"),
        ])
    }

    @Test func duplicatesAreSuffixed() {
        let result = MarkdownRenderer().render("# Budget\n\n## Budget\n\nBudget\n------\n\n# Budget 2\n\n# ???\n\n# !!!\n")
        #expect(result.headings.map(\.id) == ["budget", "budget-2", "budget-3", "budget-2-2", "section", "section-2"])
        for heading in result.headings {
            #expect(result.html.contains("<h\(heading.level) id=\"\(heading.id)\">"))
        }
    }

    @Test func levelOffset() {
        let result = MarkdownRenderer().render("# Un\n\n## Deux\n\n###### Six\n", headingLevelOffset: 1)
        #expect(result.html == "<h2 id=\"un\">Un</h2>\n<h3 id=\"deux\">Deux</h3>\n<h6 id=\"six\">Six</h6>\n")
        #expect(result.headings.map(\.level) == [2, 3, 6])
    }

    @Test func idsMatchTheHTMLInNestedContainers() {
        let source = "> # Cité\n\n- ## Dans une liste\n\n| # pas un titre |\n|---|\n| x |\n\n```\n# pas un titre\n```\n"
        let result = MarkdownRenderer().render(source)
        #expect(result.headings.map(\.id) == ["cite", "dans-une-liste"])
        #expect(result.html.contains("<h1 id=\"cite\">Cité</h1>"))
        #expect(result.html.contains("<h2 id=\"dans-une-liste\">Dans une liste</h2>"))
    }

    @Test func rawHeadingHTMLDoesNotConfuseIDs() {
        let renderer = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: true))
        let result = renderer.render("<h1>brut</h1>\n\n# Vrai\n")
        #expect(result.html == "<h1>brut</h1>\n<h1 id=\"vrai\">Vrai</h1>\n")
    }
}

@Suite struct TextTransformTests {
    let upper: (String) -> String = { $0.uppercased() }

    @Test func appliesToTextOnly() {
        let source = "texte `code` [lien](https://x.fr)\n\n```\nbloc\n```\n\n    indenté\n"
        let html = MarkdownRenderer().render(source, transformText: upper).html
        #expect(html == "<p>TEXTE <code>code</code> <a href=\"https://x.fr\">LIEN</a></p>\n"
                + "<pre tabindex=\"0\"><code>bloc\n</code></pre>\n<pre tabindex=\"0\"><code>indenté\n</code></pre>\n")
    }

    @Test func leavesAutolinkedURLsAlone() {
        let html = MarkdownRenderer().render("voir https://x.fr/page et www.y.fr et <https://z.fr> et a@b.fr",
                                             transformText: upper).html
        #expect(html == "<p>VOIR <a href=\"https://x.fr/page\">https://x.fr/page</a> ET "
                + "<a href=\"http://www.y.fr\">www.y.fr</a> ET <a href=\"https://z.fr\">https://z.fr</a> ET "
                + "<a href=\"mailto:a@b.fr\">a@b.fr</a></p>\n")
    }

    @Test func seesWholePhrasesAcrossSplits() {
        // cmark splits "Attention !" at "!"; the transform must see the space and the mark together.
        var seen: [String] = []
        _ = MarkdownRenderer().render("Attention ! [x](javascript:y) fin") { _ in nil } transformText: { text in
            seen.append(text)
            return text
        }
        #expect(seen == ["Attention ! x fin"])
    }

    @Test func frenchTypographyStyleTransformIsEscaped() {
        let html = MarkdownRenderer().render("a < b & « c »", transformText: { $0.replacingOccurrences(of: "c", with: "<c>") }).html
        #expect(html == "<p>a &lt; b &amp; « &lt;c&gt; »</p>\n")
    }

    @Test func headingTextIsTransformed() {
        let result = MarkdownRenderer().render("# Quoi ?", transformText: upper)
        #expect(result.headings == [MarkdownHeading(level: 1, id: "quoi", text: "QUOI ?")])
    }
}

/// A text placed in a page (`TextPlacement`): its outline goes on from the page's, whatever level
/// its editor started at, and what an outline or a screen reader would miss is a problem.
@Suite struct PlacedTextTests {
    func levels(_ source: String, from level: Int) -> [Int] {
        MarkdownRenderer().render(source, placement: TextPlacement(headingLevel: level)).headings.map(\.level)
    }

    @Test func theOutlineStartsBelowThePageHeadingWhateverLevelTheTextStartsAt() {
        #expect(levels("## Contexte\n\n## Priorités\n\n### Détail\n", from: 2) == [2, 2, 3])
        #expect(levels("# Contexte\n\n## Priorités\n", from: 2) == [2, 3])
        #expect(levels("### Contexte\n\n#### Détail\n", from: 4) == [4, 5])
        #expect(levels("#### Seul\n", from: 3) == [3])
    }

    @Test func aSkippedLevelIsClosedAndReportedWhereItIsWritten() {
        let result = MarkdownRenderer().render("## Contexte\n\nTexte.\n\n#### Détail\n\n## Suite\n",
                                               placement: TextPlacement(headingLevel: 2))
        #expect(result.headings.map(\.level) == [2, 3, 2])
        #expect(result.html.contains("<h3 id=\"detail\">Détail</h3>"))
        let skips = result.problems.filter { $0.code == "heading-skip" }
        #expect(skips.count == 1)
        #expect(skips.first.map { ($0.line, $0.column, $0.previousLevel, $0.level, $0.excerpt) } ?? (0, 0, 0, 0, "")
                == (5, 1, 2, 4, "Détail"))
    }

    @Test func levelsNeverPassSix() {
        #expect(levels("# A\n\n## B\n\n### C\n\n#### D\n", from: 4) == [4, 5, 6, 6])
    }

    @Test func withoutPlacementNothingIsReported() {
        let result = MarkdownRenderer().render("## A\n\n#### B\n\n![](x.png)\n\n| a |\n|---|\n| 1 |\n")
        #expect(result.problems.isEmpty)
    }

    @Test func anImageWithoutTextIsReported() {
        let result = MarkdownRenderer().render("Voici :\n\n![](assets/carte.png)\n\n![Carte des lignes](assets/lignes.png)\n",
                                               placement: TextPlacement(headingLevel: 2))
        #expect(result.problems.map(\.code) == ["image-without-alt"])
        #expect(result.problems.first.map { ($0.line, $0.column, $0.excerpt) } ?? (0, 0, "") == (3, 1, "assets/carte.png"))
    }

    @Test func tablesAreNamedByTheHeadingBeforeThemAndScrollInARegion() {
        let renderer = MarkdownRenderer(options: MarkdownOptions(tableWrapperClass: "table-wrap"))
        let result = renderer.render("## Calendrier\n\n| Étape | Date |\n|---|---|\n| Ouverture | 1er mai |\n",
                                     placement: TextPlacement(headingLevel: 2, enclosingHeadingID: "titre-page"))
        #expect(result.problems.isEmpty)
        #expect(result.html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"calendrier\">"
                                     + "<table aria-labelledby=\"calendrier\">"))
        #expect(result.html.contains("</table></div>"))
        #expect(!result.html.contains("data-sourcepos"))
    }

    @Test func aTableBeforeAnyHeadingIsNamedByThePageHeadingThatHoldsTheText() {
        let renderer = MarkdownRenderer(options: MarkdownOptions(tableWrapperClass: "table-wrap"))
        let source = "Texte.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Après\n\n| c |\n|---|\n| 3 |\n"
        let named = renderer.render(source, placement: TextPlacement(headingLevel: 3, enclosingHeadingID: "portail-titre"))
        #expect(named.html.contains("<table aria-labelledby=\"portail-titre\">"))
        #expect(named.html.contains("<table aria-labelledby=\"apres\">"))
        #expect(named.html.components(separatedBy: "</table></div>").count == 3)
        #expect(named.problems.isEmpty)

        let unnamed = renderer.render(source, placement: TextPlacement(headingLevel: 3))
        #expect(unnamed.html.contains("<table>"))
        #expect(unnamed.problems.map(\.code) == ["table-without-title"])
        #expect(unnamed.problems.first?.line == 3)
    }
}
