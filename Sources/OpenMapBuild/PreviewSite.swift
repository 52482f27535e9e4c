import BinaryCoding
import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// A prepared site whose files are made when they are asked for: what `openmap serve` serves.
/// A save then costs loading what changed, validating and preparing the views; the page on
/// screen is made when the browser reloads it — or taken from the record's outputs, where the
/// pages made earlier are kept with their inputs, when its inputs are unchanged — and the links
/// the templates write are checked over every page afterwards (`checkTemplateLinks`), without
/// holding the reload.
public final class PreviewSite: Sendable {
    private let pages: PageMaker
    private let indexByPath: [String: Int]
    private let fingerprints: [UInt64?]
    private let outputs: OutputRecords
    private let cancelled = Cancellation()

    init(pages: PageMaker, fingerprints: [UInt64?], outputs: OutputRecords) {
        self.pages = pages
        var indexByPath: [String: Int] = [:]
        for (index, path) in pages.prepared.paths.enumerated() { indexByPath[path] = index }
        self.indexByPath = indexByPath
        self.fingerprints = fingerprints
        self.outputs = outputs
    }

    /// Files in the site, and pages among them.
    public var fileCount: Int { indexByPath.count }
    public var pageCount: Int { pages.pageCount }
    /// Pages that went through their templates so far (the others came from the record).
    public var pagesRendered: Int { pages.pagesRendered }

    public func contains(_ path: String) -> Bool { indexByPath[path] != nil }

    /// The file at `path` (`matinales/x/index.html`); nil when the site has none.
    public func contents(at path: String) -> OutputFile.Contents? {
        guard let index = indexByPath[path] else { return nil }
        return contents(index)
    }

    /// A page from the record when it was made from the same inputs, else made now and kept
    /// there; another file, made now.
    private func contents(_ index: Int) -> OutputFile.Contents {
        let path = pages.prepared.paths[index]
        guard pages.prepared.isPage(at: index), let fingerprint = fingerprints[index] else { return pages.contents(index) }
        if let kept = outputs[path], kept.fingerprint == fingerprint, let bytes = kept.bytes { return .bytes(bytes) }
        let made = pages.contents(index)
        if case .bytes(let bytes) = made {
            outputs[path] = OutputRecord(fingerprint: fingerprint, digest: StableDigest.of(bytes), anchors: nil, bytes: bytes)
        }
        return made
    }

    /// Every file, made now (or taken from the record).
    public func allFiles() -> [OutputFile] {
        let paths = pages.prepared.paths
        return parallelMap(count: paths.count) { OutputFile(path: paths[$0], contents: contents($0)) }
    }

    /// Makes every HTML page (or takes it from the record) and returns the broken links the
    /// templates write (as `openmap check` reports them); nil when `cancel` was called meanwhile
    /// (a newer save replaced the site).
    public func checkTemplateLinks(workers: Int? = nil) -> [Diagnostic]? {
        guard pages.checksLinks else { return [] }
        let paths = pages.prepared.paths
        _ = parallelMap(count: paths.count, workers: workers) { index in
            // Only HTML is read by the check: the open data, feeds and sitemap are not made for it.
            guard !cancelled.isSet, paths[index].hasSuffix(".html"), case .bytes(let bytes) = contents(index) else { return }
            pages.scan(bytes, at: index)
        }
        return cancelled.isSet ? nil : pages.linkProblems()
    }

    /// Stops `checkTemplateLinks` after the pages it is making.
    public func cancel() {
        cancelled.set()
    }
}

/// A flag set once, read from any thread.
final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
