/// Edits of cmark's HTML output that cmark cannot do itself.
enum HTMLPostProcessing {
    /// Replaces each heading's opening tag, found by its exact `data-sourcepos`, with one carrying its id.
    /// Headings come in document order, as cmark writes them, so the search only moves forward.
    static func injectHeadingIDs(_ html: String, headings: [(sourcepos: String, level: Int, id: String)]) -> String {
        var bytes = Array(html.utf8)
        var searchFrom = 0
        for heading in headings {
            let tag = Array("<h\(heading.level) data-sourcepos=\"\(heading.sourcepos)\">".utf8)
            guard let start = firstIndex(of: tag, in: bytes, from: searchFrom) else { continue }
            let replacement = Array("<h\(heading.level) id=\"\(heading.id)\">".utf8)
            bytes.replaceSubrange(start..<(start + tag.count), with: replacement)
            searchFrom = start + replacement.count
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Removes every ` data-sourcepos="…"` attribute. Text and attribute values are escaped by cmark
    /// (a `"` never appears raw in them), so the pattern can only be one of cmark's own attributes,
    /// or raw HTML when the site allows it.
    static func removeSourcepos(_ html: String) -> String {
        let marker = Array(" data-sourcepos=\"".utf8)
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let found = firstIndex(of: marker, in: bytes, from: index) {
                output.append(contentsOf: bytes[index..<found])
                var end = found + marker.count
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                index = min(bytes.count, end + 1)
            } else {
                output.append(contentsOf: bytes[index...])
                break
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
