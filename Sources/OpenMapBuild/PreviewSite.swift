import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// A prepared site whose files are made when they are asked for: what `openmap serve` serves.
/// A save then costs loading, validating and preparing the views; the page on screen is
/// rendered when the browser reloads it (or comes from the render memo, when its view did not
/// change), and the links the templates write are checked over every page afterwards
/// (`checkTemplateLinks`), without holding the reload.
public final class PreviewSite: @unchecked Sendable {
    private let pages: PageMaker
    private let indexByPath: [String: Int]
    /// The front-matter keys of the content the views were made from.
    private let frontMatterKeys: [String: UInt64]
    /// Bodies edited since the views were made (`withEditedBodies`), by index in
    /// `prepared.bodies`: each page is made from its view, then their HTML put in place of the
    /// view's.
    private let editedBodies: [Int: RenderedMarkdown]
    private let editedBodiesByFile: [String: [Int]]
    /// What those edits changed of the pages' ids, and the anchors their links point to.
    private let editedAnchors: [String: Set<String>]
    private let editedAnchorTargets: Set<String>
    private let lock = NSLock()
    private var isCancelled = false

    init(pages: PageMaker, frontMatterKeys: [String: UInt64], editedBodies: [Int: RenderedMarkdown] = [:],
         editedAnchors: [String: Set<String>] = [:], editedAnchorTargets: Set<String> = []) {
        self.pages = pages
        var indexByPath: [String: Int] = [:]
        for (index, path) in pages.prepared.paths.enumerated() { indexByPath[path] = index }
        self.indexByPath = indexByPath
        self.frontMatterKeys = frontMatterKeys
        self.editedBodies = editedBodies
        var byFile: [String: [Int]] = [:]
        for index in editedBodies.keys.sorted() {
            byFile[BodyCache.outputPath(ofPage: pages.prepared.bodies[index].page), default: []].append(index)
        }
        self.editedBodiesByFile = byFile
        self.editedAnchors = editedAnchors
        self.editedAnchorTargets = editedAnchorTargets
    }

    /// The site with the bodies of `files` (relative to the content folder) as they now are,
    /// without loading or preparing anything else, and what was rendered; nil when the change is
    /// not to bodies alone, or anything is in doubt (see `BodyEdits`): the whole pipeline runs.
    public func withEditedBodies(_ files: [String], contentDirectory: String) -> (site: PreviewSite, diagnostics: (_ previous: [Diagnostic]) -> [Diagnostic])? {
        let prepared = pages.prepared
        let records = prepared.bodies.indices.map { index in
            BodyEdits.Record(contentFile: prepared.bodies[index].contentFile, page: prepared.bodies[index].page,
                             headingIDs: (editedBodies[index] ?? prepared.bodies[index].rendered).headingIDs)
        }
        let pageAnchors = prepared.pageAnchors
        let anchorTargets = prepared.anchorTargets.union(editedAnchorTargets)
        guard let edits = BodyEdits(files: files, records: records, frontMatterKeys: frontMatterKeys, contentDirectory: contentDirectory,
                                    links: prepared.links, anchors: { self.editedAnchors[$0] ?? pageAnchors[$0] ?? [] },
                                    isAnchorTarget: anchorTargets.contains),
              !edits.headingRemoved else { return nil }
        var bodies = editedBodies
        for edit in edits.edits { bodies[edit.record] = edit.rendered }
        let site = PreviewSite(pages: pages, frontMatterKeys: frontMatterKeys, editedBodies: bodies,
                               editedAnchors: editedAnchors.merging(edits.pageAnchors) { _, new in new },
                               editedAnchorTargets: editedAnchorTargets.union(edits.anchorTargets))
        return (site, edits.diagnostics(replacing:))
    }

    /// Files in the site, and pages among them.
    public var fileCount: Int { indexByPath.count }
    public var pageCount: Int { pages.pageCount }
    /// Pages that went through their templates so far (the others came from the render memo).
    public var pagesRendered: Int { pages.pagesRendered }

    public func contains(_ path: String) -> Bool { indexByPath[path] != nil }

    /// The file at `path` (`matinales/x/index.html`), made now; nil when the site has none.
    public func contents(at path: String) -> OutputFile.Contents? {
        guard let index = indexByPath[path] else { return nil }
        let contents = pages.contents(index)
        guard let edited = editedBodiesByFile[path], case .bytes(var bytes) = contents else { return contents }
        for body in edited {
            guard let old = pages.prepared.bodies[body].rendered.html, let new = editedBodies[body]?.html,
                  let offset = Bytes.find(Array(old.utf8), in: bytes) else { continue }
            bytes.replaceSubrange(offset..<(offset + old.utf8.count), with: Array(new.utf8))
        }
        return .bytes(bytes)
    }

    /// Makes every HTML page and returns the broken links the templates write (as `openmap check`
    /// reports them); nil when `cancel` was called meanwhile (a newer save replaced the site).
    public func checkTemplateLinks(workers: Int? = nil) -> [Diagnostic]? {
        guard pages.checksLinks else { return [] }
        let paths = pages.prepared.paths
        _ = parallelMap(count: paths.count, workers: workers) { index in
            // Only HTML is read by the check: the open data, feeds and sitemap are not made for it.
            if !self.cancelled, paths[index].hasSuffix(".html") { _ = self.pages.make(index) }
        }
        return cancelled ? nil : pages.linkProblems()
    }

    /// Stops `checkTemplateLinks` after the pages it is making.
    public func cancel() {
        lock.withLock { isCancelled = true }
    }

    private var cancelled: Bool { lock.withLock { isCancelled } }
}
