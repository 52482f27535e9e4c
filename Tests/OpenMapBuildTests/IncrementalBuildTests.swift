import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender
import Testing
@testable import OpenMapBuild

/// Incremental builds reuse unchanged files, yet give exactly the site a clean build gives;
/// parallel builds give exactly the sequential build's bytes.
@Suite struct IncrementalBuildTests {
    /// A copy of the sample content and templates to edit, and three output folders.
    struct Workspace {
        let root: URL
        var content: String { root.appendingPathComponent("content").path }
        var templates: String { root.appendingPathComponent("templates").path }
        var incremental: String { root.appendingPathComponent("site").path }
        var clean: String { root.appendingPathComponent("clean").path }

        init() throws {
            root = try makeTemporaryFolder()
            try FileManager.default.copyItem(atPath: Repository.content, toPath: content)
            try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
            // Files written within a clock tick of a build's look at them count as changed at the
            // next build (`SourceStamps.changes`): let the copy settle.
            Thread.sleep(forTimeInterval: 0.05)
        }

        /// The clean build keeps its record apart, so that the incremental one finds its own.
        func build(_ output: String, reuse: Bool, workers: Int? = nil) -> BuildReport {
            BuildPipeline(options: BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: output,
                                                usesRecord: reuse, cacheDirectory: reuse ? nil : root.path + "/.openmap-clean",
                                                workers: workers)).build()
        }

        /// Builds incrementally and cleanly, expects the same files, returns how many were rewritten.
        func rebuildAndCompare() throws -> (rewritten: Int, total: Int, rendered: Int, pages: Int, texts: Int?, textsClean: Int?) {
            let incremental = build(incremental, reuse: true)
            #expect(!incremental.hasErrors, "\(incremental.diagnostics)")
            let clean = build(clean, reuse: false)
            #expect(!clean.hasErrors)
            // The whole folders: the site and nothing else (the record is kept outside).
            let incrementalFiles = try snapshot(of: URL(fileURLWithPath: self.incremental))
            let cleanFiles = try snapshot(of: URL(fileURLWithPath: self.clean))
            #expect(!incrementalFiles.keys.contains { $0.split(separator: "/").contains { $0.hasPrefix(".") } })
            #expect(incrementalFiles.keys.sorted() == cleanFiles.keys.sorted())
            let differing = cleanFiles.keys.filter { incrementalFiles[$0] != cleanFiles[$0] }.sorted()
            #expect(differing.isEmpty, "differs from a clean build: \(differing.prefix(5))")
            return (incremental.filesRewritten ?? -1, incremental.filesWritten ?? -1,
                    incremental.pagesRendered ?? -1, incremental.pages ?? -1,
                    incremental.textsRendered, clean.textsRendered)
        }

        func edit(_ relative: String, in folder: String, _ change: (String) -> String) throws {
            let path = folder + "/" + relative
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(relative) changed nothing")
            try changed.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    @Test func everyKindOfEditGivesTheCleanBuild() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }

        let first = try workspace.rebuildAndCompare()
        #expect(first.rewritten == first.total)  // nothing to reuse yet

        // Nothing changed: nothing is made or written again.
        let unchanged = try workspace.rebuildAndCompare()
        #expect(unchanged.rewritten == 0)
        #expect(unchanged.rendered == 0)

        // A need's title: its roadmap page and the pages that list it, not the whole site.
        try workspace.edit("roadmaps/2015/plaine-commune.md", in: workspace.content) {
            $0.replacingOccurrences(of: "title: Portail de données ouvertes du territoire", with: "title: Portail des données ouvertes")
        }
        let needTitle = try workspace.rebuildAndCompare()
        #expect(needTitle.rewritten > 0 && needTitle.rewritten < needTitle.total / 2)
        #expect(needTitle.rendered > 0 && needTitle.rendered < needTitle.pages / 2)
        // No Markdown text changed: every one is taken from the previous build's (`--clean`
        // renders them all).
        #expect(needTitle.texts == 0)
        #expect((needTitle.textsClean ?? 0) > 20)

        // A buyer's name, shown on many pages.
        try workspace.edit("buyers/plaine-commune.yaml", in: workspace.content) {
            $0.replacingOccurrences(of: "name: Plaine Commune", with: "name: Établissement public territorial Plaine Commune")
        }
        let buyerName = try workspace.rebuildAndCompare()
        #expect(buyerName.rewritten > needTitle.rewritten)

        // The layout: every page changes.
        try workspace.edit("layout.mustache", in: workspace.templates) {
            $0.replacingOccurrences(of: "<a class=\"skip-link\"", with: "<a data-v=\"2\" class=\"skip-link\"")
        }
        let layout = try workspace.rebuildAndCompare()
        #expect(layout.texts == 0)
        let pages = try snapshot(of: URL(fileURLWithPath: workspace.clean)).keys.filter { $0.hasSuffix(".html") }.count
        #expect(layout.rewritten >= pages)
        #expect(layout.rendered == layout.pages)

        // A deleted pitch disappears from the incremental site too.
        try FileManager.default.removeItem(atPath: workspace.content + "/pitches/vigie-cyber-securite-collectivites.md")
        _ = try workspace.rebuildAndCompare()
        #expect(!FileManager.default.fileExists(atPath: workspace.incremental + "/pitchs/vigie-cyber-securite-collectivites/index.html"))
    }

    /// `openmap serve` keeps its record in memory: an edit parses one file and makes the pages
    /// it affects, and the files are those a fresh build makes.
    @Test func previewRebuildsOnlyWhatAnEditAffects() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let options = BuildOptions(contentDirectory: workspace.content, templatesDirectory: workspace.templates, includeDrafts: true)
        var record = BuildRecord()
        /// What serve does on a save: prepare, then make every page for the template link check.
        func preview() throws -> (report: BuildReport, site: PreviewSite, problems: [Diagnostic]) {
            let (report, site) = BuildPipeline(options: options).preview(record: &record)
            let prepared = try #require(site)
            #expect(prepared.pagesRendered == 0)  // nothing is rendered before it is asked for
            let problems = try #require(prepared.checkTemplateLinks())
            return (report, prepared, problems)
        }
        let first = try preview()
        #expect(first.report.contentFilesParsed == first.report.contentFiles)
        #expect(first.site.pagesRendered == first.site.pageCount)
        #expect(first.problems.isEmpty)

        let textsRendered = try #require(first.report.textsRendered)
        #expect(textsRendered > 20)

        let again = try preview()
        #expect(again.report.contentFilesParsed == 0 && again.site.pagesRendered == 0)
        #expect(again.report.textsRendered == 0)

        try workspace.edit("roadmaps/2015/plaine-commune.md", in: workspace.content) {
            $0.replacingOccurrences(of: "title: Portail de données ouvertes du territoire", with: "title: Portail des données ouvertes")
        }
        let edited = try preview()
        #expect(edited.report.contentFilesParsed == 1)
        #expect(edited.report.textsRendered == 0)  // a title: no Markdown text changed
        #expect(edited.site.pagesRendered > 0 && edited.site.pagesRendered < edited.site.pageCount / 2)

        // The link check read only the pages made again; the others' anchors are the record's.
        let fresh = BuildPipeline(options: options).renderInMemory()
        #expect(edited.report.diagnostics == fresh.report.diagnostics)
        #expect(edited.site.fileCount == fresh.files.count)
        let differing = fresh.files.filter { edited.site.contents(at: $0.path) != $0.contents }.map(\.path)
        #expect(differing.isEmpty, "\(differing.prefix(5))")

        // A page a Matinale's body links to is gone: that body, unchanged, is rendered again
        // and its broken link reported, as a fresh build reports it.
        try FileManager.default.removeItem(atPath: workspace.content + "/pitches/guichet-malin-demarches-en-ligne.md")
        let (afterRemoval, _) = BuildPipeline(options: options).preview(record: &record)
        let freshAfterRemoval = BuildPipeline(options: options).renderInMemory().report
        #expect(afterRemoval.diagnostics == freshAfterRemoval.diagnostics)
        #expect(afterRemoval.diagnostics.contains { $0.code == "broken-link" && $0.file.hasSuffix("2015-06-25-deuxieme-matinale/index.md") })
        #expect((afterRemoval.textsRendered ?? 0) > 0 && (afterRemoval.textsRendered ?? 0) < 5)
    }

    /// `openmap serve` does not read again the pages it checked, unless a file they could link
    /// to is gone: then they are, from its record, and the broken link is found.
    @Test func previewChecksKeptPagesWhenAFileTheyLinkToIsGone() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let options = BuildOptions(contentDirectory: workspace.content, templatesDirectory: workspace.templates, includeDrafts: true)
        var record = BuildRecord()
        let first = try #require(BuildPipeline(options: options).preview(record: &record).site)
        #expect(try #require(first.checkTemplateLinks()).isEmpty)
        let again = try #require(BuildPipeline(options: options).preview(record: &record).site)
        #expect(try #require(again.checkTemplateLinks()).isEmpty)
        #expect(again.pagesRendered == 0)

        try FileManager.default.removeItem(atPath: workspace.templates + "/static/listes.js")
        let (report, site) = BuildPipeline(options: options).preview(record: &record)
        #expect(!report.hasErrors)
        let checked = try #require(site)
        let problems = try #require(checked.checkTemplateLinks())
        #expect(problems.contains { $0.code == "broken-template-link" && $0.message(in: .en).contains("static/listes.js") },
                "\(problems.map { $0.message(in: .en) })")
        #expect(checked.pagesRendered == 0)
    }

    @Test func aFileEditedInTheOutputIsWrittenAgain() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = workspace.build(workspace.incremental, reuse: true)
        let page = workspace.incremental + "/index.html"
        try "tampered".write(toFile: page, atomically: false, encoding: .utf8)
        let report = workspace.build(workspace.incremental, reuse: true)
        #expect(report.filesRewritten == 1)
        #expect(try String(contentsOfFile: page, encoding: .utf8) != "tampered")
    }

    /// Kept pages are not read again: their links passed the previous build's check. When
    /// something they link to is gone, they are read and the broken link is still reported.
    @Test func aLinkFromAKeptPageToAFileThatIsGoneIsReported() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(!workspace.build(workspace.incremental, reuse: true).hasErrors)
        let before = try snapshot(of: URL(fileURLWithPath: workspace.incremental))
        // The catalogue links the script; no view changes, so every page is kept unrendered.
        try FileManager.default.removeItem(atPath: workspace.templates + "/static/listes.js")
        let report = workspace.build(workspace.incremental, reuse: true)
        #expect(report.pagesRendered == 0)
        let broken = report.diagnostics.filter { $0.code == "broken-template-link" }
        #expect(broken.contains { $0.message.contains("static/listes.js") }, "\(report.diagnostics)")
        #expect(try snapshot(of: URL(fileURLWithPath: workspace.incremental)) == before)
        // Nothing left beside the site either but the record's folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix(".") } == [".openmap"])
    }

    /// An update in place leaves exactly what a clean build writes: a file added by hand in the
    /// output folder, or a folder, goes; no staging folder is left beside it.
    @Test func anUpdateInPlaceRemovesWhatACleanBuildWouldNotWrite() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = workspace.build(workspace.incremental, reuse: true)
        try "x".write(toFile: workspace.incremental + "/besoins/stray.html", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: workspace.incremental + "/old/deep", withIntermediateDirectories: true)
        try "y".write(toFile: workspace.incremental + "/old/deep/index.html", atomically: false, encoding: .utf8)
        let result = try workspace.rebuildAndCompare()
        #expect(result.rewritten == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix(".") }
        #expect(Set(leftovers) == [".openmap", ".openmap-clean"])
    }

    @Test func aFailedBuildLeavesThePreviousSiteAndItsCache() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        _ = workspace.build(workspace.incremental, reuse: true)
        let before = try snapshot(of: URL(fileURLWithPath: workspace.incremental))
        try workspace.edit("buyers/plaine-commune.yaml", in: workspace.content) { $0.replacingOccurrences(of: "kind: intercommunalite", with: "kind: galaxie") }
        let failed = workspace.build(workspace.incremental, reuse: true)
        #expect(failed.hasErrors)
        #expect(try snapshot(of: URL(fileURLWithPath: workspace.incremental)) == before)
    }

    @Test func parallelOutputIsByteIdenticalToSequential() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let sequential = workspace.build(workspace.clean, reuse: false, workers: 1)
        let parallel = workspace.build(workspace.incremental, reuse: false, workers: 4)
        #expect(!sequential.hasErrors && !parallel.hasErrors)
        #expect(sequential.diagnostics == parallel.diagnostics)
        #expect(try snapshot(of: URL(fileURLWithPath: workspace.clean)) == snapshot(of: URL(fileURLWithPath: workspace.incremental)))
    }

    @Test func contentHashIsStableAndSensitive() {
        let bytes = Array("Feuille de route — Plaine Commune".utf8)
        #expect(ContentHash.hash(bytes) == ContentHash.hash(bytes))
        var changed = bytes
        changed[changed.count - 1] ^= 1
        #expect(ContentHash.hash(bytes) != ContentHash.hash(changed))
        #expect(ContentHash.hash([]) != ContentHash.hash([0]))
    }
}
