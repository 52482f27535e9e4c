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
