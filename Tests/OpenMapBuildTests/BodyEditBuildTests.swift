import Diagnostics
import Foundation
import OpenMapContent
import Testing
@testable import OpenMapBuild

/// After edits to Markdown bodies alone, `openmap build` renders only those bodies into the
/// pages they are on (`BodyEditBuild`), and the site is the clean build's; anything else, or
/// anything in doubt, runs the whole pipeline.
@Suite struct BodyEditBuildTests {
    typealias Workspace = IncrementalBuildTests.Workspace

    /// The phases of the fast path, which the whole pipeline does not have.
    static let fastPhases = ["compare", "bodies", "write"]

    func append(_ text: String, to relative: String, in workspace: Workspace) throws {
        try workspace.edit(relative, in: workspace.content) { $0 + text }
    }

    @Test func aRoadmapBodyEditRewritesItsPageOnlyAndGivesTheCleanBuild() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()

        // A paragraph with a link to another roadmap's heading, and one to a heading of its own.
        try append("\nVoir aussi [le calendrier de Plaine Commune](plaine-commune.md#calendrier) et [le nôtre](#calendrier).\n",
                   to: "roadmaps/2015/departement-essonne.md", in: workspace)
        let edit = workspace.build(workspace.incremental, reuse: true)
        #expect(edit.phases.map(\.name) == Self.fastPhases)
        #expect(edit.filesRewritten == 1)
        let compared = try workspace.rebuildAndCompare()  // the same build again, then a clean one
        #expect(compared.rewritten == 0)

        // The page holds the new paragraph, its links made relative to the page.
        let page = try String(contentsOfFile: workspace.incremental + "/feuilles-de-route/2015/departement-essonne/index.html", encoding: .utf8)
        #expect(page.contains("href=\"../../../feuilles-de-route/2015/plaine-commune/#calendrier\""))
    }

    @Test func aPageEditedByHandIsNotTakenForThePreviousBuilds() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()

        // The page a body is on, edited by hand: the whole pipeline makes it again.
        let page = workspace.incremental + "/feuilles-de-route/2015/departement-essonne/index.html"
        try "<p>modifié</p>".write(toFile: page, atomically: false, encoding: .utf8)
        try append("\nUne ligne de plus.\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        #expect(workspace.build(workspace.incremental, reuse: true).phases.first?.name == "load")
        _ = try workspace.rebuildAndCompare()
    }

    @Test func aBuildWithNothingChangedLeavesTheSiteIfItIsIntact() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()

        let again = workspace.build(workspace.incremental, reuse: true)
        #expect(again.phases.map(\.name) == ["compare", "check"])
        #expect(again.filesRewritten == 0)
        #expect(again.filesWritten == workspace.build(workspace.clean, reuse: false).filesWritten)

        // A page edited by hand, then one deleted: the whole pipeline puts each back.
        let page = workspace.incremental + "/feuilles-de-route/2015/departement-essonne/index.html"
        try "<p>modifié</p>".write(toFile: page, atomically: false, encoding: .utf8)
        let repaired = workspace.build(workspace.incremental, reuse: true)
        #expect(repaired.phases.first?.name == "load")
        #expect(repaired.filesRewritten == 1)
        try FileManager.default.removeItem(atPath: workspace.incremental + "/besoins/index.html")
        #expect(workspace.build(workspace.incremental, reuse: true).filesRewritten == 1)
        // Files added by hand, in a folder of the site and beside it: the whole pipeline removes them.
        for stray in ["besoins/theme/vieux.html", "ancien/index.html"] {
            try FileManager.default.createDirectory(atPath: workspace.incremental + "/" + (stray as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try "<p>ancien</p>".write(toFile: workspace.incremental + "/" + stray, atomically: false, encoding: .utf8)
            #expect(workspace.build(workspace.incremental, reuse: true).phases.first?.name == "load")
            #expect(!FileManager.default.fileExists(atPath: workspace.incremental + "/" + stray))
        }
        _ = try workspace.rebuildAndCompare()
        // After a clean build, swapped in whole, as after an update in place.
        #expect(workspace.build(workspace.clean, reuse: false).filesRewritten != 0)
        #expect(workspace.build(workspace.clean, reuse: true).phases.map(\.name) == ["compare", "check"])
    }

    @Test func aTestimonialIsRewrittenOnEveryPageThatQuotesIt() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()

        // The first testimonial is on the home page, the testimonials page and its Matinale's buyer pages.
        try workspace.edit("testimonials/amina-saidi.md", in: workspace.content) {
            $0.replacingOccurrences(of: "Trois mois plus tard", with: "Quatre mois plus tard")
        }
        let edit = workspace.build(workspace.incremental, reuse: true)
        #expect(edit.phases.map(\.name) == Self.fastPhases)
        #expect((edit.filesRewritten ?? 0) >= 2)
        _ = try workspace.rebuildAndCompare()
        let home = try String(contentsOfFile: workspace.incremental + "/index.html", encoding: .utf8)
        #expect(home.contains("Quatre mois plus tard"))
    }

    @Test func freePagesAndMatinalesToo() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()

        try append("\n## Nous écrire\n\nUne adresse : **contact**.\n", to: "pages/a-propos.md", in: workspace)
        try append("\nUn mot de plus sur cette matinale.\n", to: "matinales/2015-04-17-premiere-matinale/index.md", in: workspace)
        let edit = workspace.build(workspace.incremental, reuse: true)
        #expect(edit.phases.map(\.name) == Self.fastPhases)
        #expect(edit.filesRewritten == 2)
        _ = try workspace.rebuildAndCompare()
    }

    @Test func anythingButABodyRunsTheWholePipeline() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()

        // A body edit and a front-matter edit of another file.
        try append("\nUne ligne de plus.\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        try workspace.edit("roadmaps/2015/plaine-commune.md", in: workspace.content) {
            $0.replacingOccurrences(of: "title: Portail de données ouvertes du territoire", with: "title: Portail des données ouvertes")
        }
        #expect(workspace.build(workspace.incremental, reuse: true).phases.first?.name == "load")
        _ = try workspace.rebuildAndCompare()

        // A pitch's body (its transcript is split from it), a body emptied, a template.
        try append("\nUn mot.\n", to: "pitches/vigie-cyber-securite-collectivites.md", in: workspace)
        #expect(workspace.build(workspace.incremental, reuse: true).phases.first?.name == "load")
        try workspace.edit("testimonials/omer-laurin.md", in: workspace.content) { text in
            guard let fence = text.range(of: "---\n", range: text.index(after: text.startIndex)..<text.endIndex) else { return text }
            return String(text[..<fence.upperBound])
        }
        #expect(workspace.build(workspace.incremental, reuse: true).phases.first?.name == "load")
        try workspace.edit("page.mustache", in: workspace.templates) { $0 + "\n" }
        #expect(workspace.build(workspace.incremental, reuse: true).phases.first?.name == "load")
        _ = try workspace.rebuildAndCompare()

        // A body edited after a fast build, then its front matter: the page made by the fast build
        // is rendered again from its view (its fingerprint was forgotten), as a clean build makes it.
        try append("\nEncore une ligne.\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        #expect(workspace.build(workspace.incremental, reuse: true).phases.map(\.name) == Self.fastPhases)
        try workspace.edit("roadmaps/2015/departement-essonne.md", in: workspace.content) {
            $0.replacingOccurrences(of: "\nEncore une ligne.\n", with: "")
        }
        #expect(workspace.build(workspace.incremental, reuse: true).phases.map(\.name) == Self.fastPhases)
        _ = try workspace.rebuildAndCompare()
    }

    @Test func aTemplateThatShowsABodyEscapedKeepsItFromTheShortPath() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        try workspace.edit("roadmap.mustache", in: workspace.templates) {
            $0.replacingOccurrences(of: "{{#bodyHtml}}<div class=\"prose\">{{{.}}}</div>{{/bodyHtml}}",
                                    with: "{{#bodyHtml}}<div class=\"prose\">{{{.}}}</div><template>{{.}}</template>{{/bodyHtml}}")
        }
        _ = try workspace.rebuildAndCompare()

        try append("\nUne ligne de plus.\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        #expect(workspace.build(workspace.incremental, reuse: true).phases.first?.name == "load")
        _ = try workspace.rebuildAndCompare()
    }

    @Test func aHeadingAnotherPageLinksToCannotGoQuietly() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()
        let before = try snapshot(of: URL(fileURLWithPath: workspace.incremental))

        // The Matinale of 2015-10-15 links to « plaine-commune.md#calendrier ».
        try workspace.edit("roadmaps/2015/plaine-commune.md", in: workspace.content) {
            $0.replacingOccurrences(of: "## Calendrier", with: "## Échéances")
        }
        let report = workspace.build(workspace.incremental, reuse: true)
        #expect(report.phases.first?.name == "load")
        #expect(report.diagnostics.contains { $0.code == "broken-anchor" && $0.file.hasSuffix("troisieme-matinale/index.md") })
        #expect(try snapshot(of: URL(fileURLWithPath: workspace.incremental)) == before)
    }

    @Test func headingsAddedByABodyEditAreThoseTheNextOneChecksAgainst() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()

        try append("\n## Nouvelle section\n\nDu texte.\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        #expect(workspace.build(workspace.incremental, reuse: true).phases.map(\.name) == Self.fastPhases)

        // A link to it from another body: known, so quick.
        try append("\n[La nouvelle section](departement-essonne.md#nouvelle-section).\n", to: "roadmaps/2015/plaine-commune.md", in: workspace)
        #expect(workspace.build(workspace.incremental, reuse: true).phases.map(\.name) == Self.fastPhases)
        _ = try workspace.rebuildAndCompare()
        let before = try snapshot(of: URL(fileURLWithPath: workspace.incremental))

        // A heading removed or renamed: its id may be linked to from any page (templates
        // included), which only the whole pipeline knows.
        try workspace.edit("roadmaps/2015/departement-essonne.md", in: workspace.content) {
            $0.replacingOccurrences(of: "## Nouvelle section", with: "## Autre section")
        }
        let broken = workspace.build(workspace.incremental, reuse: true)
        #expect(broken.phases.first?.name == "load")
        #expect(broken.diagnostics.map(\.code) == ["broken-anchor"])
        #expect(try snapshot(of: URL(fileURLWithPath: workspace.incremental)) == before)
    }

    @Test func aBrokenLinkInABodyIsReportedAndTheSiteKept() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = try workspace.rebuildAndCompare()
        let before = try snapshot(of: URL(fileURLWithPath: workspace.incremental))

        try append("\n[Un lien](nulle-part.md) et [une ancre](#nulle-part).\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        let report = workspace.build(workspace.incremental, reuse: true)
        let check = BuildPipeline(options: BuildOptions(contentDirectory: workspace.content, templatesDirectory: workspace.templates)).check()
        #expect(report.diagnostics == check.diagnostics)
        #expect(Set(report.diagnostics.map(\.code)) == ["broken-link", "broken-anchor"])
        #expect(try snapshot(of: URL(fileURLWithPath: workspace.incremental)) == before)
    }

    @Test func warningsAreThoseOfTheWholePipeline() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        // A warning elsewhere, kept from the previous build.
        try append("\n<b>gras</b>\n", to: "pages/a-propos.md", in: workspace)
        _ = try workspace.rebuildAndCompare()

        try append("\n<i>penché</i>\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        let report = workspace.build(workspace.incremental, reuse: true)
        #expect(report.phases.map(\.name) == Self.fastPhases)
        let check = BuildPipeline(options: BuildOptions(contentDirectory: workspace.content, templatesDirectory: workspace.templates)).check()
        // An opening and a closing tag in each file.
        #expect(report.diagnostics.map(\.code) == Array(repeating: "raw-html", count: 4))
        #expect(Set(report.diagnostics.map(\.file)).count == 2)
        #expect(report.diagnostics == check.diagnostics)
        #expect(report.sources.keys.sorted() == Set(check.diagnostics.map(\.file)).sorted())
        // Nothing changed since: the same warnings, the same files quoted.
        let unchanged = workspace.build(workspace.incremental, reuse: true)
        #expect(unchanged.phases.map(\.name) == ["compare", "check"])
        #expect(unchanged.diagnostics == check.diagnostics)
        #expect(unchanged.sources.keys.sorted() == report.sources.keys.sorted())
        _ = try workspace.rebuildAndCompare()
    }

    /// `openmap serve` does the same from the site it serves: the bodies are rendered again and
    /// put in the pages as they are made; the files are those a fresh build makes.
    @Test func thePreviewTakesInBodyEditsAsABuildDoes() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let options = BuildOptions(contentDirectory: workspace.content, templatesDirectory: workspace.templates, includeDrafts: true)
        let (first, prepared) = BuildPipeline(options: options).prepareForPreview()
        var site = try #require(prepared)

        // Two edits in a row, the second linking to a heading the first added, and a warning.
        try append("\n## Nouvelle section\n\nDu <b>texte</b>.\n", to: "roadmaps/2015/departement-essonne.md", in: workspace)
        let edited = try #require(site.withEditedBodies(["roadmaps/2015/departement-essonne.md"], contentDirectory: workspace.content))
        site = edited.site
        try append("\n[Voir](departement-essonne.md#nouvelle-section).\n", to: "roadmaps/2015/plaine-commune.md", in: workspace)
        try workspace.edit("testimonials/amina-saidi.md", in: workspace.content) {
            $0.replacingOccurrences(of: "Trois mois plus tard", with: "Quatre mois plus tard")
        }
        let again = try #require(site.withEditedBodies(["roadmaps/2015/plaine-commune.md", "testimonials/amina-saidi.md"],
                                                        contentDirectory: workspace.content))
        site = again.site

        let fresh = BuildPipeline(options: options).renderInMemory()
        #expect(again.diagnostics(edited.diagnostics(first.diagnostics)) == fresh.report.diagnostics)
        #expect(fresh.report.diagnostics.map(\.code) == ["raw-html", "raw-html"])
        let differing = fresh.files.filter { site.contents(at: $0.path) != $0.contents }.map(\.path)
        #expect(differing.isEmpty, "\(differing.prefix(5))")

        // Not a body: the whole pipeline.
        try workspace.edit("roadmaps/2015/plaine-commune.md", in: workspace.content) {
            $0.replacingOccurrences(of: "title: Portail de données ouvertes du territoire", with: "title: Portail des données ouvertes")
        }
        #expect(site.withEditedBodies(["roadmaps/2015/plaine-commune.md"], contentDirectory: workspace.content) == nil)
    }

    @Test func theCacheReadsBackWhatItWrites() throws {
        var cache = BodyCache()
        cache.manifestHash = 0xABCDEF
        cache.optionsKey = "content\u{1F}templates\u{1F}-\u{1F}2026-11-30"
        cache.sitePathPrefix = "/openmap"
        cache.allowsRawHTML = true
        cache.sources = ["content/site.yaml": FileStamp(size: 12, modified: 1_700_000_000_123_456_789)]
        cache.frontMatterKeys = ["roadmaps/2015/x.md": 42]
        cache.bodies = [BodyCache.Body(contentFile: "roadmaps/2015/x.md", page: "feuilles-de-route/2015/x/",
                                       outputPath: "feuilles-de-route/2015/x/index.html", offset: 120, length: 40,
                                       htmlHash: 7, headingIDs: ["contexte", "calendrier"]),
                        BodyCache.Body(contentFile: "testimonials/t.md", page: "", outputPath: "index.html", offset: nil,
                                       length: 0, htmlHash: 0, headingIDs: [])]
        cache.diagnostics = [.warning("raw-html", "raw « HTML »\tkept", at: SourceLocation(file: "content/pages/a.md", line: 3, column: 2))]
        var links = BodyCache.Links()
        links.links.pagePaths = ["", "feuilles-de-route/2015/x/"]
        links.links.filePaths = ["sitemap.xml"]
        links.links.contentFiles = ["roadmaps/2015/x.md": "feuilles-de-route/2015/x/"]
        links.links.unpublishedFiles = ["pages/brouillon.md"]
        links.links.assets = ["assets/a.png"]
        links.pageAnchors = ["feuilles-de-route/2015/x/": ["contenu", "calendrier"]]
        links.anchorTargets = ["feuilles-de-route/2015/x/#calendrier"]

        let bytes = try #require(cache.serialized(links: links))
        let read = try #require(BodyCache.parse(bytes))
        #expect(read.manifestHash == cache.manifestHash && read.optionsKey == cache.optionsKey)
        #expect(read.sitePathPrefix == "/openmap" && read.sources == cache.sources && read.frontMatterKeys == cache.frontMatterKeys)
        #expect(read.bodies.map(\.offset) == [120, nil] && read.bodies.map(\.headingIDs) == [["contexte", "calendrier"], []])
        #expect(read.bodies.map(\.outputPath) == ["feuilles-de-route/2015/x/index.html", "index.html"])
        #expect(read.diagnostics == cache.diagnostics)
        // The links section is looked up, not read whole.
        let section = read.linkSection
        #expect(section.isPage("feuilles-de-route/2015/x/") && section.isPage("") && !section.isPage("feuilles-de-route/2015/"))
        #expect(section.isFile("sitemap.xml") && !section.isFile("sitemap"))
        #expect(section.publishedPath(ofContentFile: "roadmaps/2015/x.md") == "feuilles-de-route/2015/x/")
        #expect(section.publishedPath(ofContentFile: "roadmaps/2015/x") == nil)
        #expect(section.isUnpublished("pages/brouillon.md") && section.isAsset("assets/a.png") && !section.isAsset("assets/b.png"))
        #expect(section.anchors(of: "feuilles-de-route/2015/x/") == ["contenu", "calendrier"])
        #expect(section.anchors(of: "") == ["contenu"])
        #expect(section.anchors(of: "ailleurs/").isEmpty)
        #expect(section.isAnchorTarget("feuilles-de-route/2015/x/#calendrier") && !section.isAnchorTarget("feuilles-de-route/2015/x/#contexte"))
        let more = section.adding(anchorTargets: ["feuilles-de-route/2015/x/#contexte", "feuilles-de-route/2015/x/#calendrier"])
        #expect(more.isAnchorTarget("feuilles-de-route/2015/x/#contexte"))
        #expect(more.bytes.count == section.bytes.count + "T\tfeuilles-de-route/2015/x/#contexte\n".utf8.count)
        #expect(read.serialized(links: nil) == bytes)
        let renamed = section.replacingAnchors(of: "feuilles-de-route/2015/x/", with: ["contenu", "contexte"])
            .replacingAnchors(of: "", with: ["contenu", "temoignage"])
        #expect(renamed.anchors(of: "feuilles-de-route/2015/x/") == ["contenu", "contexte"])
        #expect(renamed.anchors(of: "") == ["contenu", "temoignage"])
        #expect(renamed.isPage("feuilles-de-route/2015/x/") && renamed.isAnchorTarget("feuilles-de-route/2015/x/#calendrier"))

        // A name that cannot be written on a line: no cache at all.
        cache.bodies[0].page = "a\tb/"
        #expect(cache.serialized(links: links) == nil)
        #expect(BodyCache.parse(Array("openmap-bodies 0\n".utf8)) == nil)
    }
}
