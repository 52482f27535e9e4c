import BinaryCoding
import Foundation
import OpenMapContent
import OpenMapMarkdown

/// The Markdown texts of the site as last rendered: the build record's texts (`BuildRecord`),
/// kept from one build to the next in its file and by `openmap serve` in memory. A site holds
/// thousands of texts (bodies, need summaries) and an edit changes a few: the others are taken
/// from here instead of going through cmark-gfm again, as long as each of their links still
/// leads where it led (`ContentLinks.render(_:contentFile:page:with:texts:)`).
///
/// Texts a site did not use are dropped once it is prepared (`finishSite`), so this holds one
/// site's texts.
public final class RenderedTexts: @unchecked Sendable {
    /// A text, its file, its page and the raw-HTML setting, as a stable 64-bit digest of their
    /// UTF-8 bytes and the text's length (String's own hashing goes through Unicode
    /// normalization, slow for French text, and changes from one process to the next).
    public struct Key: Hashable, Codable, Sendable {
        public let digest: UInt64
        public let length: Int

        public init(digest: UInt64, length: Int) {
            self.digest = digest
            self.length = length
        }

        init(text: MarkdownText, contentFile: String, page: String, placement: TextPlacement, allowsRawHTML: Bool) {
            var hasher = StableHasher()
            hasher.combine(text.source)
            hasher.combine(text.location.file)
            hasher.combine(UInt64(bitPattern: Int64(text.location.line)))
            hasher.combine(UInt64(bitPattern: Int64(text.location.column)))
            hasher.combine(contentFile)
            hasher.combine(page)
            hasher.combine(UInt64(bitPattern: Int64(placement.headingLevel)))
            hasher.combine(placement.enclosingHeadingID ?? "\u{0}")
            hasher.combine(allowsRawHTML ? 1 : 2)
            self.init(digest: hasher.finalize(), length: text.source.utf8.count)
        }
    }

    /// A text's links, and where each led when it was rendered.
    public struct Links: Codable, Sendable {
        let links: [MarkdownLink]
        let outcomes: [ContentLinks.LinkOutcome]
    }

    /// A value, or its encoded form as the record's file held it: decoded when first asked for,
    /// written back as it is when it was not (without encoding it again).
    public struct Part<Value: Codable & Sendable>: Sendable {
        public var value: Value?
        public var encoded: ArraySlice<UInt8>?

        public init(value: Value?, encoded: ArraySlice<UInt8>? = nil) {
            self.value = value
            self.encoded = encoded
        }

        /// The value; nil when the encoded form does not decode.
        func decoded() -> Value? {
            if let value { return value }
            return encoded.flatMap { try? BinaryCoding.decode(Value.self, from: $0) }
        }
    }

    /// A text and what is known of it. Its links are decoded only when the link tables changed
    /// (most builds need the rendering alone).
    public struct Entry: Sendable {
        public var rendered: Part<RenderedMarkdown>
        public var links: Part<Links>
        /// The link tables it was last rendered or checked against (`ContentLinks.fingerprint`):
        /// while they are the same, its links need not be resolved again.
        public var linksFingerprint: UInt64
        /// The latest site that used it.
        var site = 0

        public init(rendered: Part<RenderedMarkdown>, links: Part<Links>, linksFingerprint: UInt64) {
            self.rendered = rendered
            self.links = links
            self.linksFingerprint = linksFingerprint
        }
    }

    private let lock = NSLock()
    private var entries: [Key: Entry]
    private var site = 0
    private var rendered = 0
    private var changed = false

    /// Whether a text was stored, confirmed against other link tables or forgotten since it
    /// was made (its record need not be written again otherwise).
    public var modified: Bool { lock.withLock { changed } }

    /// Texts of an earlier site (the record's file): each is kept if the next site uses it.
    public init(_ entries: [Key: Entry] = [:]) {
        self.entries = entries.mapValues { entry in
            var unused = entry
            unused.site = -1
            return unused
        }
    }

    /// Every text the latest site used.
    public var all: [Key: Entry] { lock.withLock { entries } }

    /// The link tables the text for `key` was last checked against; nil when there is no text.
    /// The text counts as used by the site being prepared.
    func linksFingerprint(for key: Key) -> UInt64? {
        lock.withLock {
            entries[key]?.site = site
            return entries[key]?.linksFingerprint
        }
    }

    /// The rendering of the text for `key`; nil when its encoded form does not decode.
    func rendered(for key: Key) -> RenderedMarkdown? {
        guard let part = lock.withLock({ entries[key]?.rendered }) else { return nil }
        if let value = part.value { return value }
        let value = part.decoded()
        lock.withLock { entries[key]?.rendered.value = value }
        return value
    }

    /// The links of the text for `key`, and where each led.
    func links(for key: Key) -> Links? {
        lock.withLock { entries[key]?.links }?.decoded()
    }

    /// The text's links were found to lead where they did, with the tables of `linksFingerprint`.
    func confirm(_ key: Key, linksFingerprint: UInt64) {
        lock.withLock {
            guard entries[key]?.linksFingerprint != linksFingerprint else { return }
            entries[key]?.linksFingerprint = linksFingerprint
            changed = true
        }
    }

    func store(_ rendering: RenderedMarkdown, links: Links, for key: Key, linksFingerprint: UInt64) {
        lock.withLock {
            var entry = Entry(rendered: Part(value: rendering), links: Part(value: links), linksFingerprint: linksFingerprint)
            entry.site = site
            entries[key] = entry
            rendered += 1
            changed = true
        }
    }

    /// Texts rendered (not taken from here) since it was made.
    public var textsRendered: Int { lock.withLock { rendered } }

    /// A site was prepared: what it did not use is forgotten.
    func finishSite() {
        lock.withLock {
            let count = entries.count
            entries = entries.filter { $0.value.site == site }
            if entries.count != count { changed = true }
            site += 1
        }
    }

    /// Texts held.
    public var count: Int { lock.withLock { entries.count } }
}
