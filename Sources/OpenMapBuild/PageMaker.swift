import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// Makes the pages of a prepared site, one at a time and on any thread, for the write phase (or
/// for `check` and `serve`): each goes through its templates unless `serve`'s memo already has it
/// for the same fingerprint, then the template link check reads it. Counts what was rendered.
final class PageMaker: @unchecked Sendable {
    let prepared: PreparedSite
    private let linkCheck: TemplateLinkCheck
    /// Links are checked only when the views were made without error.
    let checksLinks: Bool
    private let memo: RenderMemo?
    private let rendered = SharedCounter()
    /// Pages kept from the previous build and not read: (index, file), scanned only if something
    /// they could link to is gone.
    private var unread: [(index: Int, file: String)] = []
    private let unreadLock = NSLock()

    init(prepared: PreparedSite, templatesDirectory: String, sitePathPrefix: String, memo: RenderMemo?) {
        self.prepared = prepared
        self.linkCheck = TemplateLinkCheck(published: prepared.paths, templatesDirectory: templatesDirectory,
                                           sitePathPrefix: sitePathPrefix)
        self.checksLinks = !prepared.diagnostics.contains { $0.severity == .error }
        self.memo = memo
        memo?.keepOnly(prepared.paths)
    }

    /// Pages in the site (files made or copied as they are aside).
    var pageCount: Int { prepared.paths.indices.reduce(0) { $0 + (prepared.isPage(at: $1) ? 1 : 0) } }
    /// Pages that went through their templates so far.
    var pagesRendered: Int { rendered.value }

    /// The file at `index`, with its fingerprint and anchors when it is a page.
    func make(_ index: Int) -> (file: OutputFile, fingerprint: UInt64?, anchors: [UInt64]?) {
        let made = contentsAndFingerprint(index)
        let file = OutputFile(path: prepared.paths[index], contents: made.contents)
        return (file, made.fingerprint, check(file, index))
    }

    /// The contents of the file at `index`, without the link check: what the preview serves.
    func contents(_ index: Int) -> OutputFile.Contents {
        contentsAndFingerprint(index).contents
    }

    private func contentsAndFingerprint(_ index: Int) -> (contents: OutputFile.Contents, fingerprint: UInt64?) {
        let path = prepared.paths[index]
        let made = prepared.contentsAndFingerprint(at: index) { fingerprint in
            memo?.bytes(for: path, fingerprint: fingerprint)
        }
        if made.rendered {
            if rendered.increment() % 4096 == 0 {
                // Pages are made and dropped on two threads: give their memory back now and then.
                _ = PhaseClock.releaseFreedMemory?(0)
            }
            if let memo, let fingerprint = made.fingerprint, case .bytes(let bytes) = made.contents {
                memo.store(bytes, for: path, fingerprint: fingerprint)
            }
        }
        return (made.contents, made.fingerprint)
    }

    /// A page the writer kept from the previous site (same fingerprint) was not rendered. With
    /// the anchors the previous build recorded, it is not read either: its links passed that
    /// build's check, and hold unless something they lead to is gone (`linkProblems`). Else the
    /// link check reads it. Returns its anchors.
    func reused(_ index: Int, previousCopy: String, anchors: [UInt64]?) -> [UInt64]? {
        guard checksLinks else { return anchors }
        if let anchors {
            linkCheck.add(anchors: anchors)
            unreadLock.withLock { unread.append((index, previousCopy)) }
            return anchors
        }
        guard let data = FileManager.default.contents(atPath: previousCopy) else { return nil }
        return check(OutputFile(path: prepared.paths[index], contents: .bytes([UInt8](data))), index)
    }

    /// The broken links found in the pages made so far. Unless everything the kept pages could
    /// link to is still there, they are read and checked now.
    func linkProblems(previousTargetsIntact: Bool = true) -> [Diagnostic] {
        guard checksLinks else { return [] }
        if !previousTargetsIntact {
            let pages = unreadLock.withLock { () -> [(index: Int, file: String)] in
                defer { unread = [] }
                return unread
            }
            _ = parallelMap(count: pages.count, workers: nil) { position in
                guard let data = FileManager.default.contents(atPath: pages[position].file) else { return }
                _ = self.check(OutputFile(path: self.prepared.paths[pages[position].index], contents: .bytes([UInt8](data))),
                               pages[position].index)
            }
        }
        return linkCheck.diagnostics()
    }

    /// Scans a file's links; returns its anchors when it is a page.
    private func check(_ file: OutputFile, _ index: Int) -> [UInt64]? {
        checksLinks ? linkCheck.scan(file, template: prepared.template(at: index)) : nil
    }
}
