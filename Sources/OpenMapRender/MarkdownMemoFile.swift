import Diagnostics
import Foundation
import OpenMapContent
import OpenMapMarkdown

/// The memo as a file, so that `openmap build`, a new process each time, takes the Markdown
/// texts of the previous build as `openmap serve` takes those of its previous site: after an
/// edit to a front matter, the thousands of unchanged bodies and summaries are not rendered
/// again. Each entry is found by a stable digest of its key and used only while its links lead
/// where they led (as in memory), so the file needs nothing else to be trusted: it is read
/// whatever the state of the site beside it, and a file from another openmap is ignored.
///
/// Binary, little-endian: a header (format, program, link tables), then the entries sorted by
/// digest. Any inconsistency makes the whole file unreadable (`read` returns nil).
extension MarkdownMemo {
    public static let fileName = ".openmap-markdown"
    static let formatTag = "openmap-markdown 2"

    /// Whether the file the memo was read from (or no file) needs writing again.
    public var needsSaving: Bool { lock.withLock { !matchesFile } }

    /// Lets every text go (a build, once the memo is written): the memo is then empty.
    public func forgetTexts() {
        lock.withLock {
            entries = [:]
            matchesFile = false
        }
    }

    /// The memo read from a file's bytes; nil for a file of another format or openmap, or a
    /// damaged one.
    public static func read(_ bytes: [UInt8]) -> MarkdownMemo? {
        let read = bytes.withUnsafeBytes { raw -> (entries: [Key: Entry], linksFingerprint: UInt64)? in
            var reader = MemoReader(bytes: raw)
            guard reader.string() == formatTag, reader.string() == SourceSnapshot.programStamp,
                  let linksFingerprint = reader.integer(), let count = reader.count()
            else { return nil }
            var entries: [Key: Entry] = [:]
            // An entry takes at least 57 bytes: a damaged count reserves no more than the file can hold.
            entries.reserveCapacity(min(count, raw.count / 57))
            for _ in 0..<count {
                guard let digest = reader.integer(), let length = reader.count(),
                      let entry = reader.entry(linksFingerprint: linksFingerprint)
                else { return nil }
                entry.site = -1  // not used by a site yet
                entries[Key(digest: digest, length: length)] = entry
            }
            return reader.isAtEnd ? (entries, linksFingerprint) : nil
        }
        guard let (entries, linksFingerprint) = read else { return nil }
        let memo = MarkdownMemo()
        memo.lock.withLock {
            memo.entries = entries
            memo.linksFingerprint = linksFingerprint
            memo.matchesFile = true
        }
        return memo
    }

    /// The bytes of the file, handed to `write` a megabyte or so at a time (a large site's
    /// texts weigh a hundred megabytes). Entries are sorted: the same texts give the same file.
    public func serialize(_ write: ([UInt8]) throws -> Void) rethrows {
        let (entries, linksFingerprint) = lock.withLock { (self.entries, self.linksFingerprint) }
        var writer = MemoWriter()
        writer.string(Self.formatTag)
        writer.string(SourceSnapshot.programStamp)
        writer.integer(linksFingerprint)
        writer.integer(UInt64(entries.count))
        let sorted = entries.sorted { ($0.key.digest, $0.key.length) < ($1.key.digest, $1.key.length) }
        for (key, entry) in sorted {
            writer.integer(key.digest)
            writer.integer(UInt64(key.length))
            writer.entry(entry)
            if writer.bytes.count >= 1 << 20 {
                try write(writer.bytes)
                writer.bytes.removeAll(keepingCapacity: true)
            }
        }
        if !writer.bytes.isEmpty { try write(writer.bytes) }
    }
}

// MARK: - Encoding

private enum OutcomeTag: UInt8 {
    case keep, rewrite, rewriteToAnchor, anchorOnly, broken, brokenWithHint, externalImage
}

private struct MemoWriter {
    var bytes: [UInt8] = []

    mutating func integer(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func integer(_ value: Int) { integer(UInt64(bitPattern: Int64(value))) }

    mutating func string(_ text: String) {
        integer(UInt64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    mutating func optional(_ text: String?) {
        bytes.append(text == nil ? 0 : 1)
        if let text { string(text) }
    }

    /// A code with its message and hint in both languages.
    mutating func message(_ code: String, _ text: LocalizedText, _ hint: LocalizedText?) {
        string(code)
        string(text.fr)
        string(text.en)
        optional(hint?.fr)
        optional(hint?.en)
    }

    mutating func location(_ location: SourceLocation) {
        string(location.file)
        integer(location.line)
        integer(location.column)
    }

    mutating func entry(_ entry: MarkdownMemo.Entry) {
        integer(UInt64(entry.links.count))
        for (link, outcome) in zip(entry.links, entry.outcomes) {
            string(link.destination)
            bytes.append(link.isImage ? 1 : 0)
            integer(link.line)
            integer(link.column)
            switch outcome {
            case .keep: bytes.append(OutcomeTag.keep.rawValue)
            case .rewrite(let url, nil): bytes.append(OutcomeTag.rewrite.rawValue); string(url)
            case .rewrite(let url, let anchor?):
                bytes.append(OutcomeTag.rewriteToAnchor.rawValue); string(url); string(anchor.page); string(anchor.anchor)
            case .anchorOnly(let anchor): bytes.append(OutcomeTag.anchorOnly.rawValue); string(anchor)
            case .broken(let message): bytes.append(OutcomeTag.broken.rawValue); self.message(message.code, message.text, message.hint)
            case .externalImage: bytes.append(OutcomeTag.externalImage.rawValue)
            }
        }
        let rendered = entry.rendered
        optional(rendered.html)
        integer(rendered.linkCount)
        integer(UInt64(rendered.headingIDs.count))
        for id in rendered.headingIDs { string(id) }
        integer(UInt64(rendered.anchorLinks.count))
        for link in rendered.anchorLinks {
            string(link.page)
            string(link.anchor)
            string(link.destination)
            location(link.location)
        }
        integer(UInt64(rendered.diagnostics.count))
        for diagnostic in rendered.diagnostics {
            bytes.append(diagnostic.severity == .error ? 1 : 0)
            location(diagnostic.location)
            integer(diagnostic.length)
            message(diagnostic.code, diagnostic.text, diagnostic.hintText)
        }
    }
}

/// Reads what `MemoWriter` wrote; every read is checked against the end of the bytes.
private struct MemoReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer() -> UInt64? {
        guard bytes.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func signed() -> Int? { integer().map { Int(Int64(bitPattern: $0)) } }

    /// A count or length: at most what is left of the file.
    mutating func count() -> Int? {
        guard let value = integer(), value <= UInt64(bytes.count - offset) else { return nil }
        return Int(value)
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
    }

    mutating func optional() -> String?? {
        switch byte() {
        case 0: .some(nil)
        case 1: string().map { .some($0) }
        default: nil
        }
    }

    /// What `MemoWriter.message` wrote.
    mutating func message() -> Message? {
        guard let code = string(), let fr = string(), let en = string(), let hintFR = optional(), let hintEN = optional(),
              (hintFR == nil) == (hintEN == nil)
        else { return nil }
        let hint = hintFR.flatMap { fr in hintEN.map { LocalizedText(fr: French(verbatim: fr), en: English(verbatim: $0)) } }
        return Message(code, text: LocalizedText(fr: French(verbatim: fr), en: English(verbatim: en)), hint: hint)
    }

    mutating func location() -> SourceLocation? {
        guard let file = string(), let line = signed(), let column = signed() else { return nil }
        return SourceLocation(file: file, line: line, column: column)
    }

    mutating func entry(linksFingerprint: UInt64) -> MarkdownMemo.Entry? {
        guard let linkCount = count() else { return nil }
        var links: [MarkdownLink] = []
        var outcomes: [ContentLinks.LinkOutcome] = []
        for _ in 0..<linkCount {
            guard let destination = string(), let isImage = byte(), let line = signed(), let column = signed(),
                  let tag = byte().flatMap(OutcomeTag.init(rawValue:))
            else { return nil }
            links.append(MarkdownLink(destination: destination, isImage: isImage == 1, line: line, column: column))
            let outcome: ContentLinks.LinkOutcome
            switch tag {
            case .keep: outcome = .keep
            case .rewrite:
                guard let url = string() else { return nil }
                outcome = .rewrite(url, anchor: nil)
            case .rewriteToAnchor:
                guard let url = string(), let page = string(), let anchor = string() else { return nil }
                outcome = .rewrite(url, anchor: ContentLinks.AnchorTarget(page: page, anchor: anchor))
            case .anchorOnly:
                guard let anchor = string() else { return nil }
                outcome = .anchorOnly(anchor)
            case .broken:
                guard let message = message() else { return nil }
                outcome = .broken(message)
            case .brokenWithHint:
                return nil
            case .externalImage: outcome = .externalImage
            }
            outcomes.append(outcome)
        }
        guard let html = optional(), let renderedLinkCount = signed(), let idCount = count() else { return nil }
        var rendered = RenderedMarkdown(html: html, linkCount: renderedLinkCount)
        for _ in 0..<idCount {
            guard let id = string() else { return nil }
            rendered.headingIDs.append(id)
        }
        guard let anchorLinkCount = count() else { return nil }
        for _ in 0..<anchorLinkCount {
            guard let page = string(), let anchor = string(), let destination = string(), let location = location() else { return nil }
            rendered.anchorLinks.append(AnchorLink(page: page, anchor: anchor, destination: destination, location: location))
        }
        guard let diagnosticCount = count() else { return nil }
        for _ in 0..<diagnosticCount {
            guard let severity = byte(), severity <= 1, let location = location(), let length = signed(),
                  let message = message()
            else { return nil }
            rendered.diagnostics.append(Diagnostic(severity == 1 ? .error : .warning, message, at: location, length: length))
        }
        return MarkdownMemo.Entry(links: links, outcomes: outcomes, rendered: rendered, linksFingerprint: linksFingerprint)
    }
}
