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

        /// The key as one stable value (the memo's file keeps this, not the text).
        var digest: UInt64 {
            var hasher = StableHasher()
            hasher.combine(text.source)
            hasher.combine(text.location.file)
            hasher.combine(UInt64(bitPattern: Int64(text.location.line)))
            hasher.combine(UInt64(bitPattern: Int64(text.location.column)))
            hasher.combine(contentFile)
            hasher.combine(page)
            hasher.combine(allowsRawHTML ? 1 : 2)
            return hasher.finalize()
        }

        private static func sameBytes(_ left: String, _ right: String) -> Bool {
            var left = left, right = right
            return left.withUTF8 { leftBytes in
                right.withUTF8 { rightBytes in
                    guard leftBytes.count == rightBytes.count else { return false }
                    guard let leftStart = leftBytes.baseAddress, let rightStart = rightBytes.baseAddress else { return true }
                    return memcmp(leftStart, rightStart, leftBytes.count) == 0
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

    let lock = NSLock()
    /// One table, each entry stamped with the latest site that used it: a text is hashed once
    /// per site (they weigh megabytes together).
    var entries: [Key: Entry] = [:]
    private var site = 0
    private var rendered = 0

    public init() {}

    /// Entries read from a previous build's file (`MarkdownMemo.read`), by key digest and the
    /// text's length in bytes, until a text asks for them.
    var stored: [StoredKey: Entry] = [:]
    struct StoredKey: Hashable {
        var digest: UInt64
        var length: Int
    }
    /// Whether the memo holds what its file held when read (nothing rendered, nothing dropped,
    /// the same link tables): then the file need not be written again.
    var matchesFile = false
    /// The link tables of the latest site (`ContentLinks.fingerprint`).
    var linksFingerprint: UInt64 = 0

    /// The entry for `key`, and the link tables it was last checked against.
    func entry(for key: Key) -> (entry: Entry, linksFingerprint: UInt64)? {
        if let found = lock.withLock({ () -> Entry? in
            guard let entry = entries[key] else { return nil }
            entry.site = site
            return entry
        }) {
            return (found, found.linksFingerprint)
        }
        guard lock.withLock({ !stored.isEmpty }) else { return nil }
        // Hashed outside the lock: texts of every thread look here.
        let storedKey = StoredKey(digest: key.digest, length: key.text.source.utf8.count)
        return lock.withLock {
            guard let entry = stored.removeValue(forKey: storedKey) else { return nil }
            entry.site = site
            entries[key] = entry
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
            if !unused.isEmpty || !stored.isEmpty || linksFingerprint != self.linksFingerprint { matchesFile = false }
            stored = [:]
            self.linksFingerprint = linksFingerprint
            site += 1
        }
    }

    /// Texts held, for tests.
    var count: Int { lock.withLock { entries.count } }
}
