import BinaryCoding
import Diagnostics
import OpenMapContent
import OpenMapText
import Testing
@testable import OpenMapRender

@Suite struct PerformanceHelpersTests {
    @Test(arguments: [
        "Plaine Commune", "Portail open data", "Attention : délai", "Quoi ?", "« citation »", "«mot»",
        "10:30", "https://example.fr", "Été – hiver", "", "Ligne\n: début", "Trois ; quatre ! ",
        "Señor ÿ ǻ", "\u{A0}:", "abc\u{202F}?",
    ])
    func typographyFastPathMatchesTheFullRule(text: String) {
        #expect(frenchTypography(text) == FrenchTypography.apply(text))
        #expect(Array(frenchTypography(text).utf8) == Array(FrenchTypography.apply(text).utf8))
    }

    /// Structured data's plain text, read as bytes, is what the rule over Characters gives:
    /// marks dropped, links' addresses dropped, every run of spaces (no-break ones too) one space.
    @Test(arguments: [
        "", "Un **besoin** en _deux_ mots", "Voir [le guide](https://example.fr/a_b) et [l’autre](x).",
        "[a](b)(c) puis [d](e", "> Citation | `code` #titre", "  espaces\u{A0}insécables\u{202F}: et\r\nlignes\n\n",
        "Été – « guillemets » 😀 ligne\u{2028}suivante\u{3000}fin ", "]( sans fin", "*_`#[]>|",
    ])
    func structuredDataPlainTextMatchesTheRuleOverCharacters(markdown: String) {
        var text = markdown
        while let open = text.range(of: "]("), let close = text[open.upperBound...].firstIndex(of: ")") {
            text.removeSubrange(open.lowerBound..<text.index(after: close))
            text.insert("]", at: open.lowerBound)
        }
        let dropped = Set("*_`#[]>|")
        let expected = String(text.filter { !dropped.contains($0) }).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(SiteBuilder.plainText(markdown) == expected)
    }

    /// A rooted fragment is cut at its root markers as Foundation would cut it.
    @Test(arguments: [
        "", "sans marqueur", "\u{1}root\u{1}", "<a href=\"\u{1}root\u{1}besoins/\">Besoins</a>",
        "\u{1}root\u{1}\u{1}root\u{1}x\u{1}root\u{1}", "\u{1}roo\u{1}root\u{1}t", "début \u{1} é « \u{1}root\u{1} » fin\u{1}",
    ])
    func fragmentSplitMatchesFoundation(text: String) {
        let marker = RootedFragment.rootMarker
        #expect(Fragment.split(text, around: marker) == text.components(separatedBy: marker))
    }

    /// A view's fingerprint does not depend on the order its keys were added in, but on every
    /// key and value, and on which value goes with which key.
    @Test func viewFingerprintIsOrderFreeAndSensitive() {
        func fingerprint(_ view: Any) -> UInt64 {
            var hasher = StableHasher()
            ViewFingerprint.combine(view, into: &hasher)
            return hasher.finalize()
        }
        var forward: [String: Any] = [:]
        var backward: [String: Any] = [:]
        let pairs = (0..<40).map { ("key\($0)", "value \($0)") }
        for (key, value) in pairs { forward[key] = value }
        for (key, value) in pairs.reversed() { backward[key] = value }
        #expect(fingerprint(forward) == fingerprint(backward))
        var swapped = forward
        swapped["key1"] = "value 2"
        swapped["key2"] = "value 1"
        #expect(fingerprint(swapped) != fingerprint(forward))
        var nested = forward
        nested["items"] = [["title": "A", "href": "a/"], ["title": "B", "href": "b/"]] as [[String: Any]]
        var reordered = forward
        reordered["items"] = [["title": "B", "href": "b/"], ["title": "A", "href": "a/"]] as [[String: Any]]
        #expect(fingerprint(nested) != fingerprint(reordered))
        #expect(fingerprint(["a": true] as [String: Any]) != fingerprint(["a": false] as [String: Any]))
    }

    @Test func parallelMapKeepsTheSequentialOrder() {
        let count = 10_007
        let expected = (0..<count).map { $0 * 31 % 977 }
        #expect(parallelMap(count: count) { $0 * 31 % 977 } == expected)
        #expect(parallelMap(count: count, workers: 1) { $0 * 31 % 977 } == expected)
        #expect(parallelMap(count: 0) { $0 }.isEmpty)
        #expect(parallelMap(count: 3) { $0 } == [0, 1, 2])
    }
}

@Suite struct RenderedTextsTests {
    let text = MarkdownText("""
        ## Calendrier

        Voir la [feuille de route](../2015/plaine-commune.md) et [la page](/acheteurs/x/), puis [ici](#calendrier).
        """, at: Diagnostics.SourceLocation(file: "content/roadmaps/2016/x.md", line: 12, column: 1))

    func links(publishing pages: Set<String>) -> ContentLinks {
        var links = ContentLinks()
        links.pagePaths = pages
        links.contentFiles = ["roadmaps/2015/plaine-commune.md": "feuilles-de-route/2015/plaine-commune/"]
        links.fingerprintTables()
        return links
    }

    func render(_ links: ContentLinks, texts: RenderedTexts?) -> RenderedMarkdown {
        links.render(text, contentFile: "roadmaps/2016/x.md", page: "feuilles-de-route/2016/x/",
                     with: links.markdownRenderer, texts: texts)
    }

    /// A kept text stands for the rendering while every link leads where it led; a link whose
    /// target is gone renders the text again, with its diagnostic.
    @Test func aTextIsRenderedAgainOnlyWhenOneOfItsLinksChanged() throws {
        let texts = RenderedTexts()
        let published = links(publishing: ["acheteurs/x/", "feuilles-de-route/2015/plaine-commune/"])
        let first = render(published, texts: texts)
        #expect(first.html == render(published, texts: nil).html)
        #expect(first.diagnostics.isEmpty && first.anchorLinks.count == 1)

        // Kept: another page published leaves every link of the text as it was.
        var other = published
        other.pagePaths.insert("besoins/")
        other.fingerprintTables()
        #expect(other.fingerprint != published.fingerprint)
        let second = render(other, texts: texts)
        #expect(second.html == first.html && texts.count == 1 && texts.textsRendered == 1)

        let gone = links(publishing: ["feuilles-de-route/2015/plaine-commune/"])
        let third = render(gone, texts: texts)
        let fresh = render(gone, texts: nil)
        #expect(third.html == fresh.html)
        #expect(third.diagnostics == fresh.diagnostics)
        #expect(third.diagnostics.map(\.code) == ["broken-link"] && texts.textsRendered == 2)
        #expect(third.diagnostics.first?.location == Diagnostics.SourceLocation(file: "content/roadmaps/2016/x.md", line: 14, column: 58))
    }

    /// Texts kept in their encoded form (as the record's file holds them) are decoded when first
    /// asked for, and stand for the rendering (links, anchors and diagnostics included).
    @Test func encodedTextsStandForTheRendering() throws {
        let texts = RenderedTexts()
        let published = links(publishing: ["feuilles-de-route/2015/plaine-commune/"])  // /acheteurs/x/ is broken
        let first = render(published, texts: texts)
        texts.finishSite()
        #expect(first.diagnostics.map(\.code) == ["broken-link"] && first.anchorLinks.count == 1 && first.headingIDs == ["calendrier"])
        let encoded = try texts.all.mapValues { entry in
            RenderedTexts.Entry(rendered: RenderedTexts.Part(value: nil, encoded: try BinaryCoding.encode(try #require(entry.rendered.value))[...]),
                                links: RenderedTexts.Part(value: nil, encoded: try BinaryCoding.encode(try #require(entry.links.value))[...]),
                                linksFingerprint: entry.linksFingerprint)
        }
        let read = RenderedTexts(encoded)
        let again = render(published, texts: read)
        #expect(read.textsRendered == 0)
        #expect(again.html == first.html && again.linkCount == first.linkCount && again.headingIDs == first.headingIDs)
        #expect(again.anchorLinks == first.anchorLinks && again.diagnostics == first.diagnostics)

        // A damaged form is not used: the text is rendered.
        let damaged = RenderedTexts(encoded.mapValues {
            RenderedTexts.Entry(rendered: RenderedTexts.Part(value: nil, encoded: [9, 9]), links: $0.links, linksFingerprint: $0.linksFingerprint)
        })
        #expect(render(published, texts: damaged).html == first.html && damaged.textsRendered == 1)
    }

    /// Only the texts the latest site used are kept.
    @Test func textsTheLatestSiteDidNotUseAreForgotten() {
        let texts = RenderedTexts()
        let published = links(publishing: ["acheteurs/x/"])
        _ = render(published, texts: texts)
        _ = published.render(MarkdownText("Autre *texte*.", at: Diagnostics.SourceLocation(file: "content/pages/a.md", line: 5, column: 1)),
                             contentFile: "pages/a.md", page: "a/", with: published.markdownRenderer, texts: texts)
        texts.finishSite()
        #expect(texts.count == 2)
        _ = render(published, texts: texts)
        texts.finishSite()
        #expect(texts.count == 1)
    }
}
