import Foundation
import OpenMapText

/// Edits of cmark's HTML output that cmark cannot do itself.
enum HTMLPostProcessing {
    /// Replaces each heading's opening tag, found by its exact `data-sourcepos`, with one carrying its id.
    /// Headings come in document order, as cmark writes them, so the search only moves forward.
    static func injectHeadingIDs(_ html: String, headings: [(sourcepos: String, level: Int, id: String)]) -> String {
        var bytes = Array(html.utf8)
        var searchFrom = 0
        for heading in headings {
            let tag = Array("<h\(heading.level) data-sourcepos=\"\(heading.sourcepos)\">".utf8)
            guard let start = ByteSearch.firstIndex(of: tag, in: bytes, from: searchFrom) else { continue }
            let replacement = Array("<h\(heading.level) id=\"\(heading.id)\">".utf8)
            bytes.replaceSubrange(start..<(start + tag.count), with: replacement)
            searchFrom = start + replacement.count
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A table of the document and the id of the heading that names it.
    struct TableName {
        var sourcepos: String
        var labelledBy: String?
    }

    /// Gives each table its name (`aria-labelledby`) and, with a wrapper
    /// class, puts it in a region of that class that the keyboard can scroll, named the same.
    /// Tables come in document order, as cmark writes them; a table is found by its exact
    /// `data-sourcepos` when cmark wrote one, else as the next `<table>`.
    static func nameTables(_ html: String, tables: [TableName], wrapperClass: String?) -> String {
        var bytes = Array(html.utf8)
        var searchFrom = 0
        for table in tables {
            let withPosition = Array("<table data-sourcepos=\"\(table.sourcepos)\">".utf8)
            let plain = Array("<table>".utf8)
            guard let (start, tag) = ByteSearch.firstIndex(of: withPosition, in: bytes, from: searchFrom).map({ ($0, withPosition) })
                    ?? ByteSearch.firstIndex(of: plain, in: bytes, from: searchFrom).map({ ($0, plain) })
            else { continue }
            // Ids are headings' slugs or the templates' own ids, the class the renderer's: nothing to escape.
            let name = table.labelledBy.map { " aria-labelledby=\"\($0)\"" } ?? ""
            var opening = "<table\(name)>"
            if let wrapperClass {
                opening = "<div class=\"\(wrapperClass)\" role=\"region\" tabindex=\"0\"\(name)>" + opening
            }
            let replacement = Array(opening.utf8)
            bytes.replaceSubrange(start..<(start + tag.count), with: replacement)
            searchFrom = start + replacement.count
            if wrapperClass != nil, let end = ByteSearch.firstIndex(of: Array("</table>".utf8), in: bytes, from: searchFrom) {
                let closing = Array("</table></div>".utf8)
                bytes.replaceSubrange(end..<(end + "</table>".utf8.count), with: closing)
                searchFrom = end + closing.count
            }
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
            if let found = ByteSearch.firstIndex(of: marker, in: bytes, from: index) {
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
    /// check box without a label is a form field nobody can name), a code block scrolls in a
    /// focusable box (tables are named and wrapped by `nameTables`), and `align` (obsolete) becomes a class.
    /// Text and attribute values are escaped by cmark, so these tags can only be its own.
    static func accessibleMarkup(_ html: String) -> String {
        var html = html
        if ByteSearch.contains("<input type=\"checkbox\"", in: html) {
            html = html.replacingOccurrences(of: "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> ",
                                             with: "<li class=\"task-list-item\">" + taskState(done: true))
            html = html.replacingOccurrences(of: "<li><input type=\"checkbox\" disabled=\"\" /> ",
                                             with: "<li class=\"task-list-item\">" + taskState(done: false))
        }
        if ByteSearch.contains(" align=\"", in: html) {
            for side in ["left", "center", "right"] {
                html = html.replacingOccurrences(of: " align=\"\(side)\"", with: " class=\"align-\(side)\"")
            }
        }
        if ByteSearch.contains("<pre>", in: html) { html = html.replacingOccurrences(of: "<pre>", with: "<pre tabindex=\"0\">") }
        return html
    }

    static func taskState(done: Bool) -> String {
        "<span class=\"task-list-item__state\"><span aria-hidden=\"true\">\(done ? "☑" : "☐")</span>"
            + "<span class=\"visually-hidden\">\(done ? "Fait" : "À faire")\u{A0}: </span></span> "
    }
}
