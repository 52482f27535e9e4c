import Foundation
import OpenMapContent
import OpenMapMarkdown

/// The Markdown texts `openmap serve` rendered for its previous site, kept for the next one (and
/// by `openmap build` in a file, `MarkdownMemo.read`): a save changes one file, and the thousands of other texts (bodies, need summaries) are taken
/// from here instead of going through cmark-gfm again, as long as each of their links still
/// leads where it led (`ContentLinks.render(_:contentFile:page:with:memo:)`).
///
/// Entries a site did not use are dropped once it is prepared (`finishSite`), so the memo
/// holds about one site's texts.
public final class MarkdownMemo: @unchecked Sendable {
    /// A text, its file, its page and the raw-HTML setting, as a stable 64-bit digest of their
    /// UTF-8 bytes and the text's length: the same in memory and in the memo's file, hashed once
    /// per lookup (String's own hashing goes through Unicode normalization for French text).
    struct Key: Hashable {
        let digest: UInt64
        let length: Int

        init(digest: UInt64, length: Int) {
            self.digest = digest
            self.length = length
        }

        init(text: MarkdownText, contentFile: String, page: String, allowsRawHTML: Bool) {
            var hasher = StableHasher()
            hasher.combine(text.source)
            hasher.combine(text.location.file)
            hasher.combine(UInt64(bitPattern: Int64(text.location.line)))
            hasher.combine(UInt64(bitPattern: Int64(text.location.column)))
            hasher.combine(contentFile)
            hasher.combine(page)
            hasher.combine(allowsRawHTML ? 1 : 2)
            self.init(digest: hasher.finalize(), length: text.source.utf8.count)
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
        /// The latest site that used it (-1: read from a file, not used yet).
        var site = 0

        init(links: [MarkdownLink], outcomes: [ContentLinks.LinkOutcome], rendered: RenderedMarkdown, linksFingerprint: UInt64) {
            self.links = links
            self.outcomes = outcomes
            self.rendered = rendered
            self.linksFingerprint = linksFingerprint
        }
    }

    let lock = NSLock()
    /// One table, each entry stamped with the latest site that used it.
    var entries: [Key: Entry] = [:]
    private var site = 0
    private var rendered = 0

    public init() {}

    /// Whether the memo holds what its file held when read (nothing rendered, nothing dropped,
    /// the same link tables): then the file need not be written again.
    var matchesFile = false
    /// The link tables of the latest site (`ContentLinks.fingerprint`).
    var linksFingerprint: UInt64 = 0

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
            matchesFile = false
        }
    }

    /// Texts rendered (not taken from the memo) since it was made.
    public var textsRendered: Int { lock.withLock { rendered } }

    /// A site was prepared, its links against tables of `linksFingerprint`: what it did not use
    /// is forgotten.
    func finishSite(linksFingerprint: UInt64) {
        lock.withLock {
            var unused: [Key] = []
            for (key, entry) in entries where entry.site != site { unused.append(key) }
            for key in unused { entries.removeValue(forKey: key) }
            if !unused.isEmpty || linksFingerprint != self.linksFingerprint { matchesFile = false }
            self.linksFingerprint = linksFingerprint
            site += 1
        }
    }

    /// Texts held, for tests.
    var count: Int { lock.withLock { entries.count } }
}
