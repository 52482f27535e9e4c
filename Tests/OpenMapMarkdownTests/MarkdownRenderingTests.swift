import Testing
import OpenMapMarkdown

@Suite struct MarkdownRenderingTests {
    let renderer = MarkdownRenderer()

    @Test func paragraphsAndEmphasis() {
        #expect(renderer.render("Bonjour *tout* le **monde**").html
                == "<p>Bonjour <em>tout</em> le <strong>monde</strong></p>\n")
    }

    @Test func tables() {
        let html = renderer.render("| Besoin | Budget |\n|---|--:|\n| SIG | 12 |\n").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>Besoin</th>"))
        #expect(html.contains("<td>SIG</td>"))
        #expect(html.contains("<td class=\"align-right\">12</td>"))
        #expect(!html.contains(" align="))  // obsolete in HTML 5
        #expect(!html.contains("data-sourcepos"))
    }

    @Test func taskListsSayTheirStateInWords() {
        let html = renderer.render("- [x] inventaire\n- [ ] consultation\n  - sous-étape\n").html
        #expect(!html.contains("<input"))  // a disabled check box without a label
        #expect(html.contains("<li class=\"task-list-item\"><span class=\"task-list-item__state\"><span aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Fait\u{A0}: </span></span> inventaire</li>"))
        #expect(html.contains("<span class=\"visually-hidden\">À faire\u{A0}: </span></span> consultation"))
        #expect(html.contains("<li>sous-étape</li>"))
    }

    @Test func codeBlocksAreFocusableAndImagesSayWhatTheyShow() {
        let code = renderer.render("```text\nGET https://data.example/api/une-adresse-tres-longue\n```\n").html
        #expect(code.hasPrefix("<pre tabindex=\"0\"><code class=\"language-text\">"))
        let described = renderer.render("![Carte des neuf villes](plan.svg)")
        #expect(described.html.contains("alt=\"Carte des neuf villes\""))
        #expect(described.problems.isEmpty)
        let mute = renderer.render("Texte.\n\n![ ](plan.svg)", placement: TextPlacement(headingLevel: 2))
        #expect(mute.problems.map(\.code) == ["image-without-alt"])
        #expect(mute.problems.first?.line == 3)
    }

    @Test func strikethrough() {
        #expect(renderer.render("~~abandonné~~").html == "<p><del>abandonné</del></p>\n")
    }

    @Test func autolinks() {
        let html = renderer.render("Voir www.example.fr, https://x.fr/a?b=1 et contact@mairie.fr").html
        #expect(html.contains("<a href=\"http://www.example.fr\">www.example.fr</a>"))
        #expect(html.contains("<a href=\"https://x.fr/a?b=1\">https://x.fr/a?b=1</a>"))
        #expect(html.contains("<a href=\"mailto:contact@mairie.fr\">contact@mairie.fr</a>"))
    }

    @Test func noSourceposAttributesLeak() {
        let html = renderer.render("# T\n\n> - a\n\n```\ncode\n```\n\n| a |\n|---|\n| b |\n").html
        #expect(!html.contains("data-sourcepos"))
    }

    @Test func deterministic() {
        let source = "# A\n\n[x](y.md) <b>\n\n# A\n"
        #expect(renderer.render(source) == renderer.render(source))
    }

    @Test func emptyDocument() {
        let result = renderer.render("")
        #expect(result.html == "")
        #expect(result.headings.isEmpty && result.links.isEmpty && result.problems.isEmpty)
    }

    @Test func hostileInputDoesNotCrash() {
        _ = renderer.render(String(repeating: ">", count: 5_000) + " deep")
        _ = renderer.render(String(repeating: "[", count: 5_000) + "x")
        _ = renderer.render(String(repeating: "*a ", count: 3_000))
        _ = renderer.render("nul\u{0}byte [a](\u{0}javascript:x)")
        _ = renderer.plainText(String(repeating: "- ", count: 2_000) + "x")
    }

    @Test func concurrentRenderingIsSafe() async {
        let source = "# Titre\n\n| a | b |\n|---|---|\n| ~~x~~ | www.x.fr |\n\n- [x] ok\n"
        let expected = renderer.render(source)
        let renderer = self.renderer
        await withTaskGroup(of: RenderedMarkdown.self) { group in
            for _ in 0..<512 { group.addTask { renderer.render(source) } }
            for await result in group { #expect(result == expected) }
        }
    }

    @Test func plainText() {
        let source = "# Titre\n\nUn *texte* avec [un lien](https://x.fr) et `code`\nsur deux lignes. <b>gras</b>\n\n![logo](l.png)\n\n- a\n- b\n"
        #expect(renderer.plainText(source) == "Titre\n\nUn texte avec un lien et code sur deux lignes. gras\n\nlogo\n\na\n\nb")
    }

    @Test func plainTextOfTable() {
        #expect(renderer.plainText("| a | b |\n|---|---|\n| 1 | 2 |\n") == "a b\n\n1 2")
    }
}

@Suite struct RawHTMLTests {
    @Test func inlineAndBlockHTMLAreDroppedAndReported() {
        let source = "Texte <span class=\"x\">rouge</span>\n\n<div>\nbloc\n</div>\n\nÉté <script>alert(1)</script>\n"
        let result = MarkdownRenderer().render(source)
        #expect(!result.html.contains("<span"))
        #expect(!result.html.contains("<div"))
        #expect(!result.html.contains("<script"))
        #expect(!result.html.contains("raw HTML omitted"))
        #expect(result.html.contains("<p>Texte rouge</p>"))
        let problems = result.problems.map { [$0.code, "\($0.line):\($0.column)"] }
        #expect(problems == [["raw-html", "1:7"], ["raw-html", "1:28"], ["raw-html", "3:1"],
                             ["raw-html", "7:5"], ["raw-html", "7:21"]])
    }

    @Test func commentsAreDroppedSilently() {
        let result = MarkdownRenderer().render("<!-- note de l’éditeur -->\n\nTexte <!-- ici -->\n")
        #expect(result.problems.isEmpty)
        #expect(!result.html.contains("note"))
        #expect(!result.html.contains("ici"))
    }

    @Test func rawHTMLPassesWhenAllowed() {
        let renderer = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: true))
        let result = renderer.render("<div class=\"x\">bloc</div>\n\nTexte <b>gras</b>\n")
        #expect(result.problems.isEmpty)
        #expect(result.html.contains("<div class=\"x\">bloc</div>"))
        #expect(result.html.contains("<b>gras</b>"))
    }

    @Test func unsafeLinksAreStillRefusedWhenHTMLIsAllowed() {
        let renderer = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: true))
        let result = renderer.render("[x](javascript:alert(1))")
        #expect(result.html == "<p>x</p>\n")
        #expect(result.problems.map(\.code) == ["unsafe-link"])
    }

    @Test func htmlInCodeIsNotRawHTML() {
        let result = MarkdownRenderer().render("`<b>` et\n\n    <div>\n")
        #expect(result.problems.isEmpty)
        #expect(result.html.contains("<code>&lt;b&gt;</code>"))
        #expect(result.html.contains("&lt;div&gt;"))
    }
}
