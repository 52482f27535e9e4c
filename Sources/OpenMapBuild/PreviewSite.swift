import BinaryCoding
import Diagnostics
import Foundation
import Synchronization
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
    /// Each page's `PageInput.fingerprint`, found when the page is first asked for (the reload
    /// does not wait for those of fifteen thousand pages).
    private let fingerprints: Fingerprints
    private let outputs: OutputRecords
    /// Whether every file the previous site had is still there (its pages' links, checked then,
    /// hold unless one they lead to is gone or lost an anchor).
    private let previousFilesKept: Bool
    private let cancelled = Cancellation()

    init(pages: PageMaker, outputs: OutputRecords, previousFilesKept: Bool) {
        self.pages = pages
        var indexByPath: [String: Int] = [:]
        for (index, path) in pages.prepared.paths.enumerated() { indexByPath[path] = index }
        self.indexByPath = indexByPath
        self.fingerprints = Fingerprints(prepared: pages.prepared)
        self.outputs = outputs
        self.previousFilesKept = previousFilesKept
    }

    /// Files in the site, and pages among them.
    public var fileCount: Int { indexByPath.count }
    public var pageCount: Int { pages.pageCount }
    /// Pages that went through their templates so far (the others came from the record).
    public var pagesRendered: Int { pages.pagesRendered }

    public func contains(_ path: String) -> Bool { indexByPath[path] != nil }

    /// The prepared site behind it, for bench/templates (its pages through two template engines).
    @_spi(Bench) public var preparedSite: PreparedSite { pages.prepared }

    /// The file at `path` (`matinales/x/index.html`); nil when the site has none.
    public func contents(at path: String) -> OutputFile.Contents? {
        guard let index = indexByPath[path] else { return nil }
        return contents(index)
    }

    /// A page from the record when it was made from the same inputs, else made now and kept
    /// there; another file, made now.
    private func contents(_ index: Int) -> OutputFile.Contents {
        page(index)?.bytes.map { .bytes($0) } ?? pages.contents(index)
    }

    /// The record of the page at `index` with its bytes, made now if the record's were made
    /// from other inputs; nil for other files.
    private func page(_ index: Int) -> OutputRecord? {
        let path = pages.prepared.paths[index]
        guard pages.prepared.isPage(at: index), let fingerprint = fingerprints[index] else { return nil }
        if let kept = outputs[path], kept.fingerprint == fingerprint, kept.bytes != nil { return kept }
        guard case .bytes(let bytes) = pages.contents(index) else { return nil }
        let made = OutputRecord(fingerprint: fingerprint, digest: StableDigest.of(bytes), anchors: nil, bytes: bytes)
        outputs.update(path) { current in
            // The anchors of the previous making stay until the link check finds the new ones.
            var record = made
            record.anchors = current?.fingerprint == fingerprint ? current?.anchors : nil
            record.previousAnchors = current?.previousAnchors ?? current?.anchors
            current = record
        }
        return outputs[path]
    }

    /// Every file, made now (or taken from the record).
    public func allFiles() -> [OutputFile] {
        let paths = pages.prepared.paths
        return parallelMap(count: paths.count) { OutputFile(path: paths[$0], contents: contents($0)) }
    }

    /// Checks the links the templates write over every HTML page, as `openmap check` reports
    /// them: a page already checked with the same inputs is not read again (its anchors are the
    /// record's), unless a page it could link to is gone or lost an anchor. Nil when `cancel`
    /// was called meanwhile (a newer save replaced the site).
    public func checkTemplateLinks(workers: Int? = nil) -> [Diagnostic]? {
        guard pages.checksLinks else { return [] }
        let paths = pages.prepared.paths
        let anchorsKept = parallelMap(count: paths.count, workers: workers) { index -> Bool in
            guard !cancelled.isSet, paths[index].hasSuffix(".html"), let record = page(index), let bytes = record.bytes else { return true }
            if let anchors = record.anchors {
                pages.kept(index, anchors: anchors)
                return true
            }
            let anchors = pages.scan(bytes, at: index)
            outputs.update(paths[index]) { current in
                current?.anchors = anchors
                current?.previousAnchors = nil
            }
            return record.previousAnchors.map { Set(anchors).isSuperset(of: $0) } ?? true
        }
        guard !cancelled.isSet else { return nil }
        return pages.linkProblems(previousTargetsIntact: previousFilesKept && !anchorsKept.contains(false)) { index in
            self.outputs[paths[index]]?.bytes
        }
    }

    /// Stops `checkTemplateLinks` after the pages it is making.
    public func cancel() {
        cancelled.set()
    }
}

/// Pages' fingerprints, each computed the first time it is asked for, from any thread.
final class Fingerprints: Sendable {
    private let prepared: PreparedSite
    private let known = Mutex<[Int: UInt64]>([:])

    init(prepared: PreparedSite) { self.prepared = prepared }

    subscript(index: Int) -> UInt64? {
        if let fingerprint = known.withLock({ $0[index] }) { return fingerprint }
        guard let inputs = prepared.inputs(at: index) else { return nil }
        let fingerprint = PageInput.fingerprint(inputs)
        known.withLock { $0[index] = fingerprint }
        return fingerprint
    }
}

/// A flag set once, read from any thread.
final class Cancellation: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
