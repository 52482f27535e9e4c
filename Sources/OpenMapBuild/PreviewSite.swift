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
    private let lock = NSLock()
    private var isCancelled = false

    init(pages: PageMaker) {
        self.pages = pages
        var indexByPath: [String: Int] = [:]
        for (index, path) in pages.prepared.paths.enumerated() { indexByPath[path] = index }
        self.indexByPath = indexByPath
    }

    /// Files in the site, and pages among them.
    public var fileCount: Int { indexByPath.count }
    public var pageCount: Int { pages.pageCount }
    /// Pages that went through their templates so far (the others came from the render memo).
    public var pagesRendered: Int { pages.pagesRendered }

    public func contains(_ path: String) -> Bool { indexByPath[path] != nil }

    /// The file at `path` (`matinales/x/index.html`), made now; nil when the site has none.
    public func contents(at path: String) -> OutputFile.Contents? {
        indexByPath[path].map(pages.contents)
    }

    /// Makes every page and returns the broken links the templates write (as `openmap check`
    /// reports them); nil when `cancel` was called meanwhile (a newer save replaced the site).
    public func checkTemplateLinks(workers: Int? = nil) -> [Diagnostic]? {
        guard pages.checksLinks else { return [] }
        _ = parallelMap(count: pages.prepared.paths.count, workers: workers) { index in
            if !self.cancelled { _ = self.pages.make(index) }
        }
        return cancelled ? nil : pages.linkProblems()
    }

    /// Stops `checkTemplateLinks` after the pages it is making.
    public func cancel() {
        lock.withLock { isCancelled = true }
    }

    private var cancelled: Bool { lock.withLock { isCancelled } }
}
