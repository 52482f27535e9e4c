import Diagnostics
import Foundation
import OpenMapContent
import Testing
@testable import OpenMapRender

/// Spaces as a reader sees them: the French formats use no-break spaces.
func plain(_ html: String) -> String {
    html.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&#160;", with: " ")
}

@Suite struct PagesTests {
    @Test func publishesTheExpectedPaths() throws {
        let (files, diagnostics) = try Fixture.render(Fixture.content())
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let paths = Set(files.map(\.path))
        for expected in [
            "index.html", "feuilles-de-route/index.html", "feuilles-de-route/2015/plaine-commune/index.html",
            "acheteurs/index.html", "acheteurs/plaine-commune/index.html", "acheteurs/seine-saint-denis/index.html",
            "prestataires/index.html", "prestataires/carto-libre/index.html",
            "matinales/index.html", "matinales/2015-04-17-lancement/index.html",
            "pitchs/index.html", "pitchs/carto-libre-2015/index.html", "temoignages/index.html",
            "accessibilite/index.html", "mentions-legales/index.html", "404.html", "sitemap.xml", "robots.txt",
            "static/openmap.css", "static/openmap.js", "assets/logos/plaine-commune.svg",
        ] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
        let asset = try #require(files.first { $0.path == "assets/logos/plaine-commune.svg" })
        #expect(asset.contents == .copy(from: "content/assets/logos/plaine-commune.svg"))
    }

    @Test func draftsAreNotPublished() throws {
        var content = Fixture.content()
        content.pages[0].body = Fixture.text("Voir [la clôture](../matinales/2016-05-12-cloture/index.md).", "pages/accessibilite.md", line: 6)
        let (files, diagnostics) = try Fixture.render(content)
        let paths = files.map(\.path)
        #expect(!paths.contains("matinales/2016-05-12-cloture/index.html"))
        #expect(!paths.contains("brouillon/index.html"))
        let sitemap = try #require(files.html("sitemap.xml"))
        #expect(!sitemap.contains("cloture"))
        #expect(!sitemap.contains("brouillon"))
        #expect(!(files.html("matinales/index.html") ?? "").contains("Clôture"))
        let broken = try #require(diagnostics.first { $0.code == "broken-link" })
        #expect(broken.location == SourceLocation(file: "content/pages/accessibilite.md", line: 6, column: 6))
    }

    @Test func everyPageHasTheCommonStructure() throws {
        let (files, _) = try Fixture.render(Fixture.content())
        for file in files where file.path.hasSuffix(".html") {
            let html = try #require(files.html(file.path))
            #expect(html.hasPrefix("<!DOCTYPE html>"), "\(file.path)")
            #expect(html.contains("<html lang=\"fr\">"), "\(file.path)")
            #expect(html.contains("<title>"), "\(file.path)")
            #expect(html.contains("<meta name=\"description\" content=\""), "\(file.path)")
            #expect(html.contains("<link rel=\"canonical\" href=\"https://openmap.example.org/"), "\(file.path)")
            #expect(html.contains("href=\"#contenu\">Aller au contenu</a>"), "\(file.path)")
            #expect(html.contains("<main id=\"contenu\""), "\(file.path)")
            #expect(plain(html).contains("Accessibilité : partiellement conforme"), "\(file.path)")
            #expect(html.contains("Mentions légales"), "\(file.path)")
        }
        let roadmap = try #require(files.html("feuilles-de-route/2015/plaine-commune/index.html"))
        #expect(roadmap.contains("href=\"../../\" aria-current=\"true\">Feuilles de route") == false)
        #expect(roadmap.contains("href=\"../../../feuilles-de-route/\" aria-current=\"true\">Feuilles de route</a>"))
        #expect(roadmap.contains("aria-label=\"Fil d’Ariane\""))
        #expect(roadmap.contains("<link rel=\"canonical\" href=\"https://openmap.example.org/feuilles-de-route/2015/plaine-commune/\">"))
        let home = try #require(files.html("index.html"))
        #expect(home.contains("href=\"./\" aria-current=\"page\">Accueil</a>"))
        #expect(home.contains("href=\"./accessibilite/\">Accessibilité"))
    }

    @Test func plainTextIsEscaped() throws {
        let (files, _) = try Fixture.render(Fixture.content(buyerName: "<script>alert(\"x\")</script> & Cie"))
        for file in files where file.path.hasSuffix(".html") {
            let html = try #require(files.html(file.path))
            #expect(!html.contains("<script>alert"), "\(file.path)")
        }
        let buyer = try #require(files.html("acheteurs/plaine-commune/index.html"))
        #expect(buyer.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie"))
    }

    @Test func roadmapShowsFrenchFormats() throws {
        let (files, _) = try Fixture.render(Fixture.content())
        let html = plain(try #require(files.html("feuilles-de-route/2015/plaine-commune/index.html")))
        for expected in [
            "17 avril 2015", "1er mai 2015", "d’avril 2015 à septembre 2016",
            "de 40 000 € à 90 000 € HT", "à définir", "4e trimestre 2015", "mars 2016",
            "Procédure adaptée (MAPA)", "Marché innovant", "Statut : Publié", "Statut : Envisagé",
            "72000000-5", "Services de technologies de l’information",
            "Division : Logiciels et systèmes d’information",  // 48610000: not listed, division 48
            "Open data", "Cartographie", "id=\"portail-opendata\"", "href=\"https://marches.example.org/avis/42\"",
            "Omer Laurin", "Intercommunalité, 93 – Seine-Saint-Denis",
        ] {
            #expect(html.contains(expected), "missing « \(expected) »")
        }
        let matinale = plain(try #require(files.html("matinales/2015-04-17-lancement/index.html")))
        for expected in ["vendredi 17 avril 2015", "8 h 30 – 12 h 30", "150 participants, 352 demandes de rendez-vous, 93 rendez-vous",
                         "Hôte : Conseil régional d’Île-de-France", "<caption>", "scope=\"col\"",
                         "href=\"https://inscription.example.org/matinale-1\"", "Des cartes pour tous"] {
            #expect(matinale.contains(expected), "missing « \(expected) »")
        }
    }

    @Test func homeFeaturesTheNextOrLatestMatinale() throws {
        let content = Fixture.content()
        let latest = try #require(try Fixture.render(content).files.html("index.html"))
        #expect(latest.contains("Dernière matinale"))
        let before = try #require(try Fixture.render(content, options: RenderOptions(today: LocalDate(year: 2015, month: 4, day: 1))).files.html("index.html"))
        #expect(before.contains("Prochaine matinale"))
        #expect(before.contains("S’inscrire"))
        let after = try Fixture.render(content, options: RenderOptions(today: LocalDate(year: 2015, month: 6, day: 1))).files
        #expect(try #require(after.html("index.html")).contains("Dernière matinale"))
        #expect(!(try #require(after.html("matinales/2015-04-17-lancement/index.html"))).contains("inscription.example.org"))
    }

    @Test func videosLoadOnlyOnClick() throws {
        let (files, _) = try Fixture.render(Fixture.content())
        let html = try #require(files.html("pitchs/carto-libre-2015/index.html"))
        #expect(!html.contains("<iframe"))
        #expect(html.contains("data-player-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""))
        #expect(html.contains("<button type=\"button\""))
        #expect(html.contains("href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""))
        #expect(html.contains("YouTube"))
        #expect(html.contains("cookies"))
        #expect(html.contains("src=\"../../assets/posters/carto-libre.svg\""))
        #expect(html.contains("href=\"../../assets/captions/carto-libre.vtt\""))
        #expect(html.contains("id=\"transcription\""))
        #expect(html.contains("<script src=\"../../static/openmap.js\" defer></script>"))
    }

    @Test func localVideoFilesGetCaptions() throws {
        var content = Fixture.content()
        content.pitches[0].video = Video(provider: .file, url: "assets/videos/pitch.mp4", captions: "assets/captions/carto-libre.vtt")
        let html = try #require(try Fixture.render(content).files.html("pitchs/carto-libre-2015/index.html"))
        #expect(html.contains("<video controls"))
        #expect(html.contains("<track kind=\"captions\" srclang=\"fr\""))
        #expect(html.contains("src=\"../../assets/videos/pitch.mp4\""))
    }

    @Test func testimonialsAreFigures() throws {
        let html = try #require(try Fixture.render(Fixture.content()).files.html("temoignages/index.html"))
        #expect(html.contains("<blockquote>"))
        #expect(html.contains("<figcaption>"))
        #expect(html.contains("id=\"omer-laurin\""))
        #expect(html.contains("href=\"../acheteurs/plaine-commune/\""))
        #expect(html.contains("href=\"../matinales/2015-04-17-lancement/\""))
    }

    @Test func noThirdPartyURLInSrcAttributes() throws {
        let (files, _) = try Fixture.render(Fixture.content())
        let pattern = try NSRegularExpression(pattern: "(?<![\\w-])src=\"([^\"]*)\"")
        for file in files where file.path.hasSuffix(".html") {
            let html = try #require(files.html(file.path))
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let range = Range(match.range(at: 1), in: html) else { continue }
                let src = String(html[range])
                let external = src.hasPrefix("http:") || src.hasPrefix("https:") || src.hasPrefix("//")
                #expect(!external || src.hasPrefix("https://openmap.example.org/"), "\(file.path): \(src)")
            }
        }
    }

    @Test func sitemapAndRobotsUseAbsoluteURLs() throws {
        let (files, _) = try Fixture.render(Fixture.content())
        let sitemap = try #require(files.html("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://openmap.example.org/</loc>"))
        #expect(sitemap.contains("<loc>https://openmap.example.org/feuilles-de-route/2015/plaine-commune/</loc><lastmod>2015-05-01</lastmod>"))
        #expect(sitemap.contains("<loc>https://openmap.example.org/accessibilite/</loc>"))
        #expect(!sitemap.contains("404"))
        let pages = files.filter { $0.path.hasSuffix("index.html") }.count
        #expect(sitemap.components(separatedBy: "<loc>").count - 1 == pages)
        #expect(try #require(files.html("robots.txt")).contains("Sitemap: https://openmap.example.org/sitemap.xml"))

        let preview = try Fixture.render(Fixture.content(), options: RenderOptions(baseURL: "https://preview.example.net/openmap/")).files
        #expect(try #require(preview.html("sitemap.xml")).contains("<loc>https://preview.example.net/openmap/matinales/</loc>"))
        #expect(try #require(preview.html("404.html")).contains("href=\"/openmap/static/openmap.css\""))
    }

    @Test func renderingIsDeterministic() throws {
        let first = try Fixture.render(Fixture.content())
        let second = try Fixture.render(Fixture.content())
        #expect(first.files == second.files)
        #expect(first.diagnostics == second.diagnostics)
    }
}

@Suite struct LinkTests {
    @Test func relativeContentLinksBecomePublishedURLs() throws {
        let (files, diagnostics) = try Fixture.render(Fixture.content())
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let html = try #require(files.html("feuilles-de-route/2015/plaine-commune/index.html"))
        #expect(html.contains("href=\"../../../matinales/2015-04-17-lancement/\""))
    }

    @Test func brokenLinksAndAnchorsAreLocated() throws {
        let body = """
        Voir [rien](/nulle-part/).

        Et [absent](../2014/absent.md), [ancre](#absente), [besoin](/feuilles-de-route/2015/plaine-commune/#sig-mobile).
        [mauvais besoin](plaine-commune.md#inconnu) et [ici](#calendrier-previsionnel).
        """
        let (_, diagnostics) = try Fixture.render(Fixture.content(roadmapBody: body))
        let file = "content/roadmaps/2015/plaine-commune.md"
        let links = diagnostics.filter { $0.code == "broken-link" }.map(\.location)
        #expect(links.contains(SourceLocation(file: file, line: 31, column: 6)))
        #expect(links.contains { $0.file == file && $0.line == 33 })
        #expect(links.count == 2, "\(diagnostics)")
        let anchors = diagnostics.filter { $0.code == "broken-anchor" }
        #expect(anchors.count == 2, "\(diagnostics)")
        #expect(anchors.contains { $0.location.line == 33 && $0.message.contains("#absente") })
        #expect(anchors.contains { $0.location.line == 34 && $0.message.contains("#inconnu") })
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func linksInYAMLFieldsAreLocatedFromTheFieldColumn() throws {
        var content = Fixture.content()
        content.roadmaps[0].needs[0].summary = Fixture.text("Voir [x](/absent/).", "roadmaps/2015/plaine-commune.md", line: 20, column: 14)
        let (_, diagnostics) = try Fixture.render(content)
        let broken = try #require(diagnostics.first { $0.code == "broken-link" })
        #expect(broken.location == SourceLocation(file: "content/roadmaps/2015/plaine-commune.md", line: 20, column: 19))
    }

    @Test func externalImagesAreRefused() throws {
        var content = Fixture.content()
        content.pages[1].body = Fixture.text("![logo](https://tracker.example.com/pixel.png)", "pages/mentions-legales.md", line: 6)
        let (_, diagnostics) = try Fixture.render(content)
        #expect(diagnostics.contains { $0.code == "external-image" && $0.severity == .error && $0.location.line == 6 })
    }
}

@Suite struct TemplateLoadingTests {
    @Test func syntaxErrorsAreLocatedInTheTemplate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("openmap-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("partials"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in SiteRenderer.requiredTemplates {
            try "<p>{{heading}}</p>\n".write(to: directory.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
        }
        try "<p>\n  {{#section}}\n</p>\n".write(to: directory.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        try "<ol>\n{{#needs}}{{> partials/neeed}}{{/needs}}</ol>\n".write(to: directory.appendingPathComponent("besoins.mustache"),
                                                                         atomically: true, encoding: .utf8)
        try "<p>{{#a}}é{{/b}}{{/a}}</p>".write(to: directory.appendingPathComponent("partials/need.mustache"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("page.mustache"))
        let (renderer, diagnostics) = SiteRenderer.load(templatesDirectory: directory.path)
        #expect(renderer == nil)
        let unclosed = try #require(diagnostics.first { $0.file.hasSuffix("/home.mustache") })
        #expect(unclosed.code == "template-syntax" && unclosed.severity == .error && unclosed.line == 2 && unclosed.column == 3)
        #expect(unclosed.text.fr == "erreur de syntaxe Mustache\u{A0}: la section «\u{202F}section\u{202F}» n’est pas fermée")
        let partial = try #require(diagnostics.first { $0.file.hasSuffix("/besoins.mustache") })
        #expect(partial.code == "template-syntax" && partial.line == 2 && partial.column == 11)
        #expect(partial.text.fr.contains("le partiel «\u{202F}partials/neeed\u{202F}» n’existe pas"))
        #expect(partial.hintText?.fr == "voulez-vous dire «\u{202F}partials/need\u{202F}»\u{202F}?")
        let mismatched = try #require(diagnostics.first { $0.file.hasSuffix("/partials/need.mustache") })
        #expect(mismatched.line == 1 && mismatched.column == 11 && mismatched.text.fr.contains("{{/b}}"))
        #expect(diagnostics.contains { $0.code == "missing-template" && $0.file.hasSuffix("page.mustache") })
    }

    @Test func theShippedTemplatesLoad() {
        let (renderer, diagnostics) = SiteRenderer.load(templatesDirectory: Fixture.templatesDirectory)
        #expect(renderer != nil)
        #expect(diagnostics.isEmpty)
    }
}
