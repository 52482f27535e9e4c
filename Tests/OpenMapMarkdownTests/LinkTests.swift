import Testing
import OpenMapMarkdown

@Suite struct UnsafeLinkTests {
    static let unsafeDestinations = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)", "file:///etc/passwd", "java&#09;script:alert(1)", "&#x6A;avascript:alert(1)",
        // Browsers would read this one as a relative path; anything scheme-like is refused anyway.
        "java%0Ascript:x", "javascript&#58;alert(1)", "&#32;javascript:alert(1)", "&#1;javascript:x",
        "<javascript:alert(1)>", "ftp://example.fr/f",
    ]

    @Test(arguments: unsafeDestinations)
    func linkIsRenderedAsText(destination: String) {
        let result = MarkdownRenderer().render("Avant [cliquez](\(destination)) après")
        #expect(result.html == "<p>Avant cliquez après</p>\n")
        #expect(result.links.isEmpty)
        #expect(result.problems.map(\.code) == ["unsafe-link"])
        #expect(result.problems.first?.line == 1)
        #expect(result.problems.first?.column == 7)
    }

    @Test(arguments: unsafeDestinations)
    func imageIsRenderedAsItsAltText(destination: String) {
        let result = MarkdownRenderer().render("![logo](\(destination))")
        #expect(result.html == "<p>logo</p>\n")
        #expect(result.problems.map(\.code) == ["unsafe-link"])
    }

    @Test func whitespaceTricksInsideTheScheme() {
        // A tab inside the scheme (reference definition keeps it) is ignored by browsers.
        let result = MarkdownRenderer().render("[x][r]\n\n[r]: <java\tscript:alert(1)>\n")
        #expect(result.problems.map(\.code) == ["unsafe-link"])
        #expect(!result.html.contains("href"))
    }

    @Test func commonMarkAutolinkWithUnsafeScheme() {
        let result = MarkdownRenderer().render("Voir <javascript:alert(1)> et <VBScript:x>")
        #expect(!result.html.contains("<a"))
        #expect(result.html.contains("javascript:alert(1)"))
        #expect(result.problems.map { "\($0.code)@\($0.column)" } == ["unsafe-link@6", "unsafe-link@31"])
    }

    @Test func safeDestinationsAreKept() {
        let source = """
        [a](https://x.fr) [b](http://x.fr) [c](mailto:a@b.fr) [d](tel:+33123456789) [e](../a.md)
        [f](#calendrier) [g](/feuilles-de-route/2015/) [h](HTTPS://X.FR) [i](//cdn.fr/x) [j](page.md?a=b:c)
        """
        let result = MarkdownRenderer().render(source)
        #expect(result.problems.isEmpty)
        #expect(result.links.map(\.destination) == [
            "https://x.fr", "http://x.fr", "mailto:a@b.fr", "tel:+33123456789", "../a.md",
            "#calendrier", "/feuilles-de-route/2015/", "HTTPS://X.FR", "//cdn.fr/x", "page.md?a=b:c",
        ])
        #expect(result.html.contains("<a href=\"tel:+33123456789\">d</a>"))
        #expect(result.html.contains("<a href=\"#calendrier\">f</a>"))
    }
}

@Suite struct LinkPositionAndRewriteTests {
    @Test func linksInDocumentOrderWithPositions() {
        let source = "Été [a](x.md) et <https://x.fr>\nsuite <b> <https://y.fr> www.z.fr ![i](img.png)\n\n| a | [c](z) |\n|---|---|\n| é | [d](w) |\n\n- item\n  next <mailto:a@b.fr> a@b.fr\n"
        let links = MarkdownRenderer().render(source).links
        let summary = links.map { "\($0.destination)\($0.isImage ? "!" : "")@\($0.line):\($0.column)" }
        #expect(summary == [
            "x.md@1:5", "https://x.fr@1:18",
            "https://y.fr@2:11", "http://www.z.fr@2:26", "img.png!@2:35",
            "z@4:7", "w@6:7",
            "mailto:a@b.fr@9:8", "mailto:a@b.fr@9:24",
        ])
    }

    @Test func referenceLinksAndNestedImages() {
        let source = "[![logo](logo.png)](https://x.fr) puis [réf][r]\n\n[r]: ../b.md \"titre\"\n"
        let links = MarkdownRenderer().render(source).links
        #expect(links.map { "\($0.destination)@\($0.line):\($0.column)" } == [
            "https://x.fr@1:1", "logo.png@1:2", "../b.md@1:40",
        ])
    }

    @Test func rewriteReplacesDestinations() {
        var seen: [MarkdownLink] = []
        let result = MarkdownRenderer().render("[voir](../roadmaps/2015/plaine-commune.md#calendrier) et [site](https://x.fr)") { link in
            seen.append(link)
            guard link.destination.hasPrefix("../roadmaps/") else { return nil }
            return "/feuilles-de-route/2015/plaine-commune/#calendrier"
        }
        #expect(seen.count == 2)
        #expect(result.html == "<p><a href=\"/feuilles-de-route/2015/plaine-commune/#calendrier\">voir</a> et <a href=\"https://x.fr\">site</a></p>\n")
        // `links` keeps what the editor wrote, for link checking.
        #expect(result.links.first?.destination == "../roadmaps/2015/plaine-commune.md#calendrier")
    }

    @Test func rewriteSeesImages() {
        let result = MarkdownRenderer().render("![plan](../assets/plan.png)") { link in
            link.isImage ? "/assets/plan.png" : nil
        }
        #expect(result.html == "<p><img src=\"/assets/plan.png\" alt=\"plan\" /></p>\n")
    }

    @Test func unsafeLinksAreNotOfferedForRewriting() {
        var calls = 0
        _ = MarkdownRenderer().render("[x](javascript:x)") { _ in calls += 1; return nil }
        #expect(calls == 0)
    }
}

@Suite struct SourcePositionEdgeTests {
    @Test func windowsLineEndings() {
        let result = MarkdownRenderer().render("# Titre\r\n\r\nLigne <b>\r\nsuite [a](x.md) <https://y.fr>\r\n")
        #expect(result.problems.map { "\($0.line):\($0.column)" } == ["3:7"])
        #expect(result.links.map { "\($0.line):\($0.column)" } == ["4:7", "4:17"])
        #expect(result.headings.map(\.id) == ["titre"])
    }

    @Test func columnsCountScalarsNotBytes() {
        let result = MarkdownRenderer().render("«\u{202F}Éléphant\u{202F}» [a](x)")
        #expect(result.links.first?.column == 14)
    }

    @Test func linksInsideBlockquotesAndLists() {
        let result = MarkdownRenderer().render("> Citation [a](x)\n>\n> - élément [b](y)\n")
        #expect(result.links.map { "\($0.line):\($0.column)" } == ["1:12", "3:13"])
    }
}
