/// The bytes a template writes, UTF-8, appended to one buffer for a whole page: no string is
/// made per section, partial or value, as swift-mustache did (the text it returned for each was
/// copied into its caller's).
public struct TemplateOutput: Sendable {
    public var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func append(_ text: String) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) { return done }
        bytes.append(contentsOf: Array(text.utf8))
    }

    public mutating func append(_ text: Substring) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) { return done }
        bytes.append(contentsOf: Array(text.utf8))
    }

    public mutating func append(contentsOf other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    public mutating func append(contentsOf other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// `text` with the five characters HTML gives a meaning to (< > & " ') escaped, as
    /// swift-mustache escapes them; runs without any are copied at once.
    public mutating func appendEscaped(_ text: String) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ appendEscaped(bytes: $0) }) { return done }
        Array(text.utf8).withUnsafeBufferPointer { appendEscaped(bytes: $0) }
    }

    mutating func appendEscaped(bytes text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<text.count {
            let replacement: StaticString
            switch text[index] {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            runStart = index + 1
        }
        if runStart < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...])) }
    }

    /// The text written, as a string (invalid UTF-8 cannot occur: only strings are written).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A value that writes its own text (HTML made elsewhere, a fragment rendered once and kept):
/// `{{{name}}}` writes it as it is, `{{name}}` escapes it, as swift-mustache's
/// `MustacheCustomRenderable`.
public protocol TemplateRenderable {
    /// Appends its text to `output`.
    func write(to output: inout TemplateOutput)
    /// True when a section over it renders nothing (and an inverted section renders).
    var isNull: Bool { get }
}

extension TemplateRenderable {
    public var isNull: Bool { false }
}

/// Where an item is in the sequence a section goes over: `{{#first()}}`, `{{^last()}}`,
/// `{{index()}}`, `{{#even()}}`, `{{#odd()}}`, in that section only (not in a nested object's
/// section or a partial), as in swift-mustache.
struct SequencePosition {
    var index: Int
    var isLast: Bool
}
