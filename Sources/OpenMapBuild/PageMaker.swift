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

    init(prepared: PreparedSite, templatesDirectory: String, sitePathPrefix: String, memo: RenderMemo?) {
        self.prepared = prepared
        self.linkCheck = TemplateLinkCheck(published: Set(prepared.paths), templatesDirectory: templatesDirectory,
                                           sitePathPrefix: sitePathPrefix)
        self.checksLinks = !prepared.diagnostics.contains { $0.severity == .error }
        self.memo = memo
        memo?.keepOnly(prepared.paths)
    }

    /// Pages in the site (files made or copied as they are aside).
    var pageCount: Int { prepared.paths.indices.reduce(0) { $0 + (prepared.isPage(at: $1) ? 1 : 0) } }
    /// Pages that went through their templates so far.
    var pagesRendered: Int { rendered.value }

    /// The file at `index`, with its fingerprint when it is a page.
    func make(_ index: Int) -> (file: OutputFile, fingerprint: UInt64?) {
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
        return (checked(OutputFile(path: path, contents: made.contents), index), made.fingerprint)
    }

    /// A page the writer reused from the previous site (same fingerprint) was not rendered: the
    /// link check reads the previous copy.
    func reused(_ index: Int, previousCopy: String) {
        guard checksLinks, let data = FileManager.default.contents(atPath: previousCopy) else { return }
        _ = checked(OutputFile(path: prepared.paths[index], contents: .bytes([UInt8](data))), index)
    }

    /// The broken links found in the pages made so far.
    func linkProblems() -> [Diagnostic] {
        checksLinks ? linkCheck.diagnostics() : []
    }

    private func checked(_ file: OutputFile, _ index: Int) -> OutputFile {
        if checksLinks { linkCheck.scan(file, template: prepared.template(at: index)) }
        return file
    }
}
