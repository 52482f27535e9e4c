import Foundation

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

    /// What cmark writes, made accessible: a task's box becomes its state in words (a disabled
    /// check box without a label is a form field nobody can name), a table scrolls in a named,
    /// focusable box of its own, a code block too, and `align` (obsolete) becomes a class.
    /// Text and attribute values are escaped by cmark, so these tags can only be its own.
    static func accessibleMarkup(_ html: String) -> String {
        var html = html
        if html.contains("<input type=\"checkbox\"") {
            html = html.replacingOccurrences(of: "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> ",
                                             with: "<li class=\"task-list-item\">" + taskState(done: true))
            html = html.replacingOccurrences(of: "<li><input type=\"checkbox\" disabled=\"\" /> ",
                                             with: "<li class=\"task-list-item\">" + taskState(done: false))
        }
        if html.contains(" align=\"") {
            for side in ["left", "center", "right"] {
                html = html.replacingOccurrences(of: " align=\"\(side)\"", with: " class=\"align-\(side)\"")
            }
        }
        if html.contains("<pre>") { html = html.replacingOccurrences(of: "<pre>", with: "<pre tabindex=\"0\">") }
        if html.contains("<table>") { html = wrapTables(html) }
        return html
    }

    static func taskState(done: Bool) -> String {
        "<span class=\"task-list-item__state\"><span aria-hidden=\"true\">\(done ? "☑" : "☐")</span>"
            + "<span class=\"visually-hidden\">\(done ? "Fait" : "À faire")\u{A0}: </span></span> "
    }

    /// Each table in a box that scrolls sideways on a narrow screen: focusable, so that a keyboard
    /// scrolls it too, and named after its columns.
    static func wrapTables(_ html: String) -> String {
        var result = ""
        var rest = Substring(html)
        while let open = rest.range(of: "<table>") {
            result += rest[..<open.lowerBound]
            guard let close = rest.range(of: "</table>", range: open.upperBound..<rest.endIndex) else {
                rest = rest[open.lowerBound...]
                break
            }
            let table = rest[open.lowerBound..<close.upperBound]
            var columns: [String] = []
            if let head = table.range(of: "<thead>"), let headEnd = table.range(of: "</thead>") {
                var cells = table[head.upperBound..<headEnd.lowerBound]
                while let start = cells.range(of: "<th"), let startEnd = cells.range(of: ">", range: start.upperBound..<cells.endIndex),
                      let end = cells.range(of: "</th>", range: startEnd.upperBound..<cells.endIndex) {
                    let text = stripTags(String(cells[startEnd.upperBound..<end.lowerBound])).trimmingWhitespace()
                    if !text.isEmpty { columns.append(text) }
                    cells = cells[end.upperBound...]
                }
            }
            let label = columns.isEmpty ? "Tableau" : "Tableau\u{A0}: " + columns.joined(separator: ", ")
            result += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(label)\">\n" + table + "\n</div>"
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The text of an HTML fragment (cmark's output: no `>` inside a tag's attributes but escaped).
    static func stripTags(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text.replacingOccurrences(of: "\"", with: "&quot;")
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
