import Foundation
import OpenMapContent
import OpenMapMarkdown

/// The Markdown texts `openmap serve` rendered for its previous site, kept for the next one: a
/// save changes one file, and the thousands of other texts (bodies, need summaries) are taken
/// from here instead of going through cmark-gfm again, as long as each of their links still
/// leads where it led (`ContentLinks.render(_:contentFile:page:with:memo:)`).
///
/// Entries a site did not use are dropped once it is prepared (`finishSite`), so the memo
/// holds about one site's texts.
public final class MarkdownMemo: @unchecked Sendable {
    struct Key: Hashable {
        var text: MarkdownText
        var contentFile: String
        var page: String
        var allowsRawHTML: Bool

        // Over the text's UTF-8 bytes, as cmark-gfm reads it: String's own hashing and equality
        // go through Unicode normalization for non-ASCII text (French text, megabytes of it),
        // which cost `openmap serve` a tenth of its work after a save.
        static func == (left: Key, right: Key) -> Bool {
            left.allowsRawHTML == right.allowsRawHTML && left.text.location == right.text.location
                && left.page == right.page && left.contentFile == right.contentFile
                && sameBytes(left.text.source, right.text.source)
        }

        func hash(into hasher: inout Hasher) {
            var source = text.source
            source.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(text.location)
            hasher.combine(contentFile)
            hasher.combine(page)
            hasher.combine(allowsRawHTML)
        }

        private static func sameBytes(_ left: String, _ right: String) -> Bool {
            var left = left, right = right
            return left.withUTF8 { leftBytes in
                right.withUTF8 { rightBytes in
                    leftBytes.count == rightBytes.count
                        && (leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
                }
            }
        }
    }

    final class Entry {
        /// The text's links, and where each led when it was rendered.
        let links: [MarkdownLink]
        let outcomes: [ContentLinks.LinkOutcome]
        let rendered: RenderedMarkdown
        /// The link tables it was last rendered or checked against (`ContentLinks.fingerprint`):
        /// while they are the same, its links need not be resolved again.
        fileprivate(set) var linksFingerprint: UInt64
        /// The latest site that used it.
        fileprivate var site = 0

        init(links: [MarkdownLink], outcomes: [ContentLinks.LinkOutcome], rendered: RenderedMarkdown, linksFingerprint: UInt64) {
            self.links = links
            self.outcomes = outcomes
            self.rendered = rendered
            self.linksFingerprint = linksFingerprint
        }
    }

    private let lock = NSLock()
    /// One table, each entry stamped with the latest site that used it: a text is hashed once
    /// per site (they weigh megabytes together).
    private var entries: [Key: Entry] = [:]
    private var site = 0
    private var rendered = 0

    public init() {}

    /// The entry for `key`, and the link tables it was last checked against.
    func entry(for key: Key) -> (entry: Entry, linksFingerprint: UInt64)? {
        lock.withLock {
            guard let entry = entries[key] else { return nil }
            entry.site = site
            return (entry, entry.linksFingerprint)
        }
    }

    /// The entry's links were found to lead where they did, with the tables of `linksFingerprint`.
    func confirm(_ entry: Entry, linksFingerprint: UInt64) {
        lock.withLock { entry.linksFingerprint = linksFingerprint }
    }

    func store(_ entry: Entry, for key: Key) {
        lock.withLock {
            entry.site = site
            entries[key] = entry
            rendered += 1
        }
    }

    /// Texts rendered (not taken from the memo) since it was made.
    public var textsRendered: Int { lock.withLock { rendered } }

    /// A site was prepared: what it did not use is forgotten.
    func finishSite() {
        lock.withLock {
            var unused: [Key] = []
            for (key, entry) in entries where entry.site != site { unused.append(key) }
            for key in unused { entries.removeValue(forKey: key) }
            site += 1
        }
    }

    /// Texts held, for tests.
    var count: Int { lock.withLock { entries.count } }
}
