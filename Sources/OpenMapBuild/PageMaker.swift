import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// Makes the files of a prepared site, one at a time and on any thread, for the write step (or
/// for `check` and `serve`): a page goes through its templates, then the template link check
/// reads it. Counts what was rendered.
final class PageMaker: @unchecked Sendable {
    let prepared: PreparedSite
    private let linkCheck: TemplateLinkCheck
    /// Links are checked only when the views were made without error.
    let checksLinks: Bool
    private let rendered = SharedCounter()
    /// Pages kept from the previous build and not read, made and scanned only if something they
    /// could link to is gone.
    private var unread: [Int] = []
    private let unreadLock = NSLock()

    init(prepared: PreparedSite, templatesDirectory: String, sitePathPrefix: String) {
        self.prepared = prepared
        self.linkCheck = TemplateLinkCheck(published: prepared.paths, templatesDirectory: templatesDirectory,
                                           sitePathPrefix: sitePathPrefix)
        self.checksLinks = !prepared.diagnostics.contains { $0.severity == .error }
    }

    /// Pages in the site (files made or copied as they are aside).
    var pageCount: Int { prepared.paths.indices.reduce(0) { $0 + (prepared.isPage(at: $1) ? 1 : 0) } }
    /// Pages that went through their templates so far.
    var pagesRendered: Int { rendered.value }

    /// The file at `index`, with its anchors when it is a page (`TemplateLinkCheck`).
    func make(_ index: Int) -> (file: OutputFile, anchors: [UInt64]?) {
        let file = OutputFile(path: prepared.paths[index], contents: contents(index))
        return (file, check(file, index))
    }

    /// The contents of the file at `index`, without the link check: what the preview serves.
    func contents(_ index: Int) -> OutputFile.Contents {
        let contents = prepared.contents(at: index)
        if prepared.isPage(at: index), rendered.increment() % 4096 == 0 {
            // Pages are made and dropped on two threads: give their memory back now and then.
            MemoryPolicy.releaseFreedMemory()
        }
        return contents
    }

    /// A page kept from the previous build, unrendered and unread: its links passed that build's
    /// check and hold unless something they lead to is gone (`linkProblems`); its anchors are
    /// those the record gives.
    func kept(_ index: Int, anchors: [UInt64]?) {
        guard checksLinks else { return }
        guard let anchors else {
            _ = make(index)
            return
        }
        linkCheck.add(anchors: anchors)
        unreadLock.withLock { unread.append(index) }
    }

    /// The broken links found in the pages made so far. Unless everything the kept pages could
    /// link to is still there, they are checked now: read with `read` (from the site they are
    /// in), else made.
    func linkProblems(previousTargetsIntact: Bool = true, read: (Int) -> [UInt8]? = { _ in nil }) -> [Diagnostic] {
        guard checksLinks else { return [] }
        if !previousTargetsIntact {
            let pages = unreadLock.withLock { () -> [Int] in
                defer { unread = [] }
                return unread
            }
            _ = parallelMap(count: pages.count, workers: nil) { position in
                let index = pages[position]
                if let bytes = read(index) { scan(bytes, at: index) } else { _ = make(index) }
            }
        }
        return linkCheck.diagnostics()
    }

    /// Scans a page's links (made elsewhere: `openmap serve` keeps the pages it made); returns
    /// its anchors.
    @discardableResult
    func scan(_ bytes: [UInt8], at index: Int) -> [UInt64] {
        check(OutputFile(path: prepared.paths[index], contents: .bytes(bytes)), index) ?? []
    }

    /// Scans a file's links; returns its anchors when it is a page.
    private func check(_ file: OutputFile, _ index: Int) -> [UInt64]? {
        checksLinks ? linkCheck.scan(file, template: prepared.template(at: index)) : nil
    }
}
