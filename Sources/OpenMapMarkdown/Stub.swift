// STUB: the real OpenMapMarkdown is written in parallel; this file is dropped on merge.
// Minimal behaviour so that the renderer can be built and exercised: paragraphs, `#` headings,
// inline links `[text](dest)`; no real Markdown parsing.

public struct MarkdownOptions: Sendable, Hashable {
    public var allowRawHTML: Bool
    public init(allowRawHTML: Bool = false) { self.allowRawHTML = allowRawHTML }
}

public struct MarkdownLink: Sendable, Hashable {
    public var destination: String
    public var isImage: Bool
    public var line: Int
    public var column: Int
    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination; self.isImage = isImage; self.line = line; self.column = column
    }
}

public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    public var id: String
    public var text: String
    public init(level: Int, id: String, text: String) { self.level = level; self.id = id; self.text = text }
}

public struct MarkdownProblem: Sendable, Hashable {
    public var code: String
    public var message: String
    public var line: Int
    public var column: Int
    public init(code: String, message: String, line: Int, column: Int) {
        self.code = code; self.message = message; self.line = line; self.column = column
    }
}

public struct RenderedMarkdown: Sendable, Hashable {
    public var html: String
    public var headings: [MarkdownHeading]
    public var links: [MarkdownLink]
    public var problems: [MarkdownProblem]
    public init(html: String, headings: [MarkdownHeading], links: [MarkdownLink], problems: [MarkdownProblem]) {
        self.html = html; self.headings = headings; self.links = links; self.problems = problems
    }
}

public struct MarkdownRenderer: Sendable {
    private let options: MarkdownOptions
    public init(options: MarkdownOptions = MarkdownOptions()) { self.options = options }

    public func render(_ source: String, headingLevelOffset: Int = 0,
                       rewriteLink: (MarkdownLink) -> String? = { _ in nil },
                       transformText: (String) -> String = { $0 }) -> RenderedMarkdown {
        var html = ""
        var headings: [MarkdownHeading] = []
        var links: [MarkdownLink] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { html += "<p>" + paragraph.joined(separator: "\n") + "</p>\n"; paragraph = [] }
        }
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { flush(); continue }
            let hashes = line.prefix { $0 == "#" }.count
            let inline = Self.inline(hashes > 0 ? String(line.dropFirst(hashes)).trimmingCharacters(in: .whitespaces) : line,
                                     lineNumber: index + 1, columnOffset: hashes, links: &links,
                                     rewriteLink: rewriteLink, transformText: transformText)
            if hashes > 0 && hashes <= 6 {
                flush()
                let level = min(6, hashes + headingLevelOffset)
                let text = String(line.dropFirst(hashes)).trimmingCharacters(in: .whitespaces)
                let id = Self.slug(text)
                headings.append(MarkdownHeading(level: level, id: id, text: text))
                html += "<h\(level) id=\"\(id)\">\(inline)</h\(level)>\n"
            } else {
                paragraph.append(inline)
            }
        }
        flush()
        return RenderedMarkdown(html: html, headings: headings, links: links, problems: [])
    }

    public func plainText(_ source: String) -> String { source }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func slug(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.hasSuffix("-") { out.append("-") }
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    static func inline(_ text: String, lineNumber: Int, columnOffset: Int, links: inout [MarkdownLink],
                       rewriteLink: (MarkdownLink) -> String?, transformText: (String) -> String) -> String {
        var out = ""
        var rest = Substring(text)
        var consumed = 0
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]"),
                  rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
                  let end = rest[close...].firstIndex(of: ")") else { break }
            let isImage = open > rest.startIndex && rest[rest.index(before: open)] == "!"
            let before = rest[rest.startIndex..<(isImage ? rest.index(before: open) : open)]
            out += escape(transformText(String(before)))
            let label = String(rest[rest.index(after: open)..<close])
            let destination = String(rest[rest.index(close, offsetBy: 2)..<end])
            let column = consumed + rest.distance(from: rest.startIndex, to: isImage ? rest.index(before: open) : open) + 1 + columnOffset
            let link = MarkdownLink(destination: destination, isImage: isImage, line: lineNumber, column: column)
            links.append(link)
            let href = escape(rewriteLink(link) ?? destination)
            out += isImage ? "<img src=\"\(href)\" alt=\"\(escape(label))\">"
                           : "<a href=\"\(href)\">\(escape(transformText(label)))</a>"
            consumed += rest.distance(from: rest.startIndex, to: rest.index(after: end))
            rest = rest[rest.index(after: end)...]
        }
        return out + escape(transformText(String(rest)))
    }
}

import Foundation
