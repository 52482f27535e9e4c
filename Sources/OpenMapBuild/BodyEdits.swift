import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// Markdown bodies edited since a site was made, rendered again for the pages they are on: what
/// both `openmap build` (`BodyEditBuild`) and `openmap serve` (`PreviewSite.withEditedBodies`)
/// do when only bodies changed. Nil whenever the change is not that, or anything is in doubt (a
/// front matter changed, a body emptied, an error, a heading another page links to gone, a link
/// to an anchor that is not there): the whole pipeline then runs, and says why.
struct BodyEdits {
    /// A body as the site has it: which file, on which page, with which headings.
    struct Record {
        var contentFile: String
        var page: String
        var headingIDs: [String]
    }

    /// A body rendered again: the index of its record.
    struct Edit {
        var record: Int
        var rendered: RenderedMarkdown
    }

    var edits: [Edit] = []
    /// Per content file, where its body starts (its diagnostics there are its body's).
    var bodyStarts: [String: SourceLocation] = [:]
    /// Per page whose headings changed, its ids now.
    var pageAnchors: [String: Set<String>] = [:]
    /// Whether a heading went away (or was renamed): any page could link to its id.
    var headingRemoved = false

    /// - `files`: content files (relative to content/) that changed; each must have records.
    /// - `anchors`: the ids a page had; `isAnchorTarget`: whether a Markdown link points to
    ///   « page#anchor ».
    init?(files: [String], records: [Record], frontMatterKeys: [String: UInt64], contentDirectory: String,
          links: ContentLinks, anchors: (String) -> Set<String>, isAnchorTarget: (String) -> Bool) {
        let loader = ContentLoader(contentDirectory: contentDirectory)
        let markdown = links.markdownRenderer
        for file in files {
            guard let key = frontMatterKeys[file], let read = loader.markdownBody(ofFile: file), read.frontMatterKey == key,
                  !read.diagnostics.contains(where: { $0.severity == .error }),
                  records.contains(where: { $0.contentFile == file }) else { return nil }
            bodyStarts[file] = read.body.location
            for (index, record) in records.enumerated() where record.contentFile == file {
                let rendered = links.render(read.body, contentFile: file, page: record.page, with: markdown)
                guard rendered.html != nil, !rendered.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
                edits.append(Edit(record: index, rendered: rendered))
            }
        }
        // Headings are anchors: one that went away must not be linked to, and links to anchors
        // must find them, on the pages as they now are.
        var removed: [String: Set<String>] = [:]
        var added: [String: Set<String>] = [:]
        for edit in edits {
            let page = records[edit.record].page
            let now = Set(edit.rendered.headingIDs)
            let before = Set(records[edit.record].headingIDs)
            if before != now {
                removed[page, default: []].formUnion(before.subtracting(now))
                added[page, default: []].formUnion(now)
            }
        }
        for (page, ids) in removed where ids.contains(where: { isAnchorTarget(page + "#" + $0) }) {
            return nil
        }
        headingRemoved = removed.values.contains { !$0.isEmpty }
        // (An id that went away may be another's too, a need's say: dropping it can only send a
        // later link to it through the whole pipeline.)
        for page in Set(removed.keys).union(added.keys) {
            pageAnchors[page] = anchors(page).subtracting(removed[page] ?? []).union(added[page] ?? [])
        }
        for link in edits.flatMap(\.rendered.anchorLinks) {
            guard (pageAnchors[link.page] ?? anchors(link.page)).contains(link.anchor) else { return nil }
        }
    }

    /// The previous diagnostics but those of the edited bodies, and the edited bodies' own,
    /// sorted as the pipeline sorts them.
    func diagnostics(replacing previous: [Diagnostic]) -> [Diagnostic] {
        var diagnostics = previous.filter { diagnostic in
            !bodyStarts.values.contains { diagnostic.file == $0.file && diagnostic.line >= $0.line }
        }
        var seen = Set(diagnostics)
        for edit in edits {
            for diagnostic in edit.rendered.diagnostics where seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
        }
        return DiagnosticBag(diagnostics).sorted
    }

    /// « page#anchor » for every anchor the edited bodies link to.
    var anchorTargets: Set<String> {
        Set(edits.flatMap(\.rendered.anchorLinks).map { $0.page + "#" + $0.anchor })
    }
}
