import Foundation
import CCmarkGFM
import OpenMapText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders GitHub Flavored Markdown (tables, strikethrough, autolinks, task lists) to safe HTML.
///
/// Each call creates and frees its own cmark parser, so one renderer may be used from many threads.
public struct MarkdownRenderer: Sendable {
    let options: MarkdownOptions

    public init(options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
    }

    /// `rewriteLink` may return a new destination (e.g. a `.md` path → its published URL); nil keeps it.
    /// It is called once per accepted link or image, in document order, with the destination as written.
    /// `transformText` is applied to literal text nodes only (not code, not URLs) — used for French typography.
    /// `headingLevelOffset` shifts heading levels (e.g. 1 to render `#` as <h2> inside a page that has its own <h1>);
    /// levels are kept within 1…6. A `placement` replaces it: the text's outline then goes on from
    /// the page's without a gap (`TextPlacement`), its tables are named, and a heading level
    /// skipped, an image without alternative text and a table without title are problems.
    public func render(_ source: String,
                       headingLevelOffset: Int = 0,
                       placement: TextPlacement? = nil,
                       rewriteLink: (MarkdownLink) -> String? = { _ in nil },
                       transformText: (String) -> String = { $0 }) -> RenderedMarkdown {
        guard let document = ParsedDocument(source) else {
            return RenderedMarkdown(html: "", headings: [], links: [], problems: [])
        }
        var problems: [MarkdownProblem] = []
        var links: [MarkdownLink] = []
        var acceptedLinkNodes: [(node: OpaquePointer, link: MarkdownLink)] = []
        var refusedHTMLNodes: [OpaquePointer] = []
        var refusedLinkNodes: [OpaquePointer] = []
        var positions = SourcePositions(source)

        // Pass 1, on the tree as parsed: decide what is refused, in document order.
        for node in document.nodes() {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                guard !options.allowRawHTML else { continue }
                refusedHTMLNodes.append(node)
                let literal = Node.literal(node)
                // Comments are the editor's own notes: dropped, but nothing to report.
                if isComment(literal) { continue }
                let firstLine = literal.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                let position = positions.locate(node, markers: type == CMARK_NODE_HTML_INLINE ? [firstLine] : [])
                problems.append(MarkdownProblem(
                    code: "raw-html",
                    message: "raw HTML is not allowed and was left out: \(excerpt(literal))",
                    excerpt: excerpt(literal), line: position.line, column: position.column))
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let destination = Node.url(node)
                let isImage = type == CMARK_NODE_IMAGE
                let markers = if isImage { ["!["] }
                    else if let text = Node.autolinkText(node) { ["<" + text, text] }
                    else { ["["] }
                let position = positions.locate(node, markers: markers)
                if URLSafety.isAllowed(destination) {
                    let link = MarkdownLink(destination: destination, isImage: isImage,
                                            line: position.line, column: position.column)
                    links.append(link)
                    acceptedLinkNodes.append((node, link))
                    // An image says what it shows (RGAA 1.1): `![une carte des sites](…)`.
                    if isImage, placement != nil, Node.plainText(of: node).trimmingWhitespace().isEmpty {
                        problems.append(MarkdownProblem(
                            code: "image-without-alt",
                            message: "the image « \(excerpt(destination)) » has no text alternative",
                            excerpt: excerpt(destination), isImage: true, line: position.line, column: position.column))
                    }
                } else {
                    refusedLinkNodes.append(node)
                    problems.append(MarkdownProblem(
                        code: "unsafe-link",
                        message: "\(isImage ? "image" : "link") destination « \(excerpt(destination)) » is refused: "
                            + "only http, https, mailto and tel links, relative paths and #anchors are allowed",
                        excerpt: excerpt(destination), isImage: isImage, line: position.line, column: position.column))
                }
            }
        }

        // Refused HTML disappears; a refused link or image is replaced by its text.
        for node in refusedHTMLNodes {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for node in refusedLinkNodes {
            Node.replaceWithChildren(node)
        }
        // Unwrapping leaves adjacent text nodes; merging them gives `transformText` whole phrases.
        cmark_consolidate_text_nodes(document.root)

        // Pass 2: text transform and headings, before destinations are rewritten (autolinks are
        // recognised by their text being their destination).
        var outlineNodes: [(node: OpaquePointer, isTable: Bool)] = []
        for node in document.nodes() {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT, !Node.isAutolinkText(node) {
                let literal = Node.literal(node)
                let transformed = transformText(literal)
                if transformed != literal { cmark_node_set_literal(node, transformed) }
            } else if type == CMARK_NODE_HEADING {
                outlineNodes.append((node, false))
            } else if Node.typeString(node) == "table" {
                outlineNodes.append((node, true))
            }
        }

        for (node, link) in acceptedLinkNodes {
            if let rewritten = rewriteLink(link) { cmark_node_set_url(node, rewritten) }
        }

        var headings: [MarkdownHeading] = []
        var usedIDs: Set<String> = []
        var headingTags: [(sourcepos: String, level: Int, id: String)] = []
        var tableTags: [HTMLPostProcessing.TableName] = []
        var outline = Outline()
        var blockPositions = SourcePositions(source)
        for (node, isTable) in outlineNodes {
            let start = Node.cmarkPosition(node)
            if isTable {
                if let id = headingTags.last?.id ?? placement?.enclosingHeadingID {
                    tableTags.append(.init(sourcepos: Node.sourcepos(node), labelledBy: id))
                } else if placement != nil {
                    tableTags.append(.init(sourcepos: Node.sourcepos(node)))
                    let position = blockPositions.locate(line: start.line, byteColumn: start.byteColumn, lastLine: start.line, markers: [])
                    problems.append(MarkdownProblem(code: "table-without-title", message: "the table has no title",
                                                    line: position.line, column: position.column))
                } else {
                    tableTags.append(.init(sourcepos: Node.sourcepos(node)))
                }
                continue
            }
            let written = Int(cmark_node_get_heading_level(node))
            let text = Node.plainText(of: node)
            let level: Int
            if let placement {
                if let previous = outline.previous, written > previous + 1 {
                    let position = blockPositions.locate(line: start.line, byteColumn: start.byteColumn, lastLine: start.line, markers: [])
                    problems.append(MarkdownProblem(
                        code: "heading-skip", message: "the heading « \(excerpt(text)) » skips a level",
                        excerpt: excerpt(text), line: position.line, column: position.column,
                        previousLevel: previous, level: written))
                }
                level = min(6, placement.headingLevel + outline.depth(of: written))
            } else {
                level = min(6, max(1, written + headingLevelOffset))
            }
            cmark_node_set_heading_level(node, Int32(level))
            let id = Self.uniqueID(for: text, used: &usedIDs)
            headings.append(MarkdownHeading(level: level, id: id, text: text))
            headingTags.append((Node.sourcepos(node), level, id))
        }
        // In document order, whichever pass found them.
        problems = problems.enumerated().sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
            .map(\.element)

        var html = document.renderHTML(allowRawHTML: options.allowRawHTML)
        html = HTMLPostProcessing.injectHeadingIDs(html, headings: headingTags)
        if !tableTags.isEmpty {
            html = HTMLPostProcessing.nameTables(html, tables: tableTags, wrapperClass: options.tableWrapperClass)
        }
        html = HTMLPostProcessing.removeSourcepos(html)
        html = HTMLPostProcessing.accessibleMarkup(html)
        return RenderedMarkdown(html: html, headings: headings, links: links, problems: problems)
    }

    /// The headings met so far, as written: a heading's depth is the number of written levels
    /// still open above it, so `##` then `####` is a section and its subsection, one level apart.
    struct Outline {
        private var open: [Int] = []
        /// The written level of the heading before.
        private(set) var previous: Int?

        /// 0 for a top heading of the text, 1 for one below it…
        mutating func depth(of written: Int) -> Int {
            while let last = open.last, last >= written { open.removeLast() }
            open.append(written)
            previous = written
            return open.count - 1
        }
    }

    /// Plain text of the document (for descriptions, search, feeds): blocks separated by a blank line,
    /// soft line breaks as spaces, raw HTML and link destinations left out, images by their alt text.
    public func plainText(_ source: String) -> String {
        guard let document = ParsedDocument(source) else { return "" }
        var blocks: [String] = []
        var current = ""
        func endBlock() {
            let trimmed = current.trimmingWhitespace()
            if !trimmed.isEmpty { blocks.append(trimmed) }
            current = ""
        }
        document.walk { node, entering in
            let type = cmark_node_get_type(node)
            let typeName = Node.typeString(node)
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if entering { current += Node.literal(node) }
            case CMARK_NODE_SOFTBREAK:
                if entering { current += " " }
            case CMARK_NODE_LINEBREAK:
                if entering { current += "\n" }
            case CMARK_NODE_CODE_BLOCK:
                if entering { endBlock(); current = Node.literal(node); endBlock() }
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                endBlock()
            default:
                if typeName == "table_row" {
                    endBlock()
                } else if typeName == "table_cell", !entering {
                    current += " "
                }
            }
        }
        endBlock()
        return blocks.joined(separator: "\n\n")
    }

    /// The heading's slug (the same rule as `FrenchFormat.slug`), made unique with "-2", "-3"…
    static func uniqueID(for text: String, used: inout Set<String>) -> String {
        let slug = FrenchFormat.slug(text)
        let base = slug.isEmpty ? "section" : slug
        var candidate = base
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }

    private func isComment(_ html: String) -> Bool {
        let trimmed = html.trimmingWhitespace()
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return false }
        // A single comment: no other comment end before the last one.
        return !String(trimmed.dropFirst(4).dropLast(3)).contains("-->")
    }

    private func excerpt(_ text: String) -> String {
        let oneLine = text.trimmingWhitespace().split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count > 60 ? String(oneLine.prefix(60)) + "…" : oneLine
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

/// One parsed document; owns the cmark parser and tree and frees them.
private final class ParsedDocument {
    let parser: OpaquePointer
    let root: OpaquePointer

    init?(_ source: String) {
        CmarkExtensions.ensureRegistered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        for name in CmarkExtensions.names {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        let length = source.utf8.count
        source.withCString { cmark_parser_feed(parser, $0, length) }
        guard let root = CmarkExtensions.inlineParsing.withLock({ cmark_parser_finish(parser) }) else {
            cmark_parser_free(parser)
            return nil
        }
        self.parser = parser
        self.root = root
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Every node, in document order (entering events only). Collected first so that callers may
    /// change the tree afterwards; an iterator forbids that while it runs.
    func nodes() -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        walk { node, entering in if entering { result.append(node) } }
        return result
    }

    /// Iterative, so deeply nested input cannot exhaust the stack.
    func walk(_ visit: (OpaquePointer, Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }

    /// Sourcepos is on so that headings can be found in the output; the attributes are removed after.
    func renderHTML(allowRawHTML: Bool) -> String {
        var renderOptions = CMARK_OPT_SOURCEPOS
        if allowRawHTML { renderOptions |= CMARK_OPT_UNSAFE }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let rendered = cmark_render_html(root, renderOptions, extensions) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

private enum CmarkExtensions {
    static let names = ["table", "strikethrough", "autolink", "tasklist"]

    /// Swift runs a global's initialiser exactly once, even with concurrent first uses.
    private static let registration: Void = cmark_gfm_core_extensions_ensure_registered()

    static func ensureRegistered() { registration }

    /// cmark-gfm keeps the extensions' special inline characters (`~` for strikethrough…) in a
    /// process-wide table that `cmark_parser_finish` fills and then clears: two documents
    /// finished at once can lose each other's strikethrough. Inline parsing is therefore done one
    /// document at a time; block parsing and HTML rendering stay concurrent.
    static let inlineParsing = NSLock()
}

extension SourcePositions {
    mutating func locate(_ node: OpaquePointer, markers: [String]) -> (line: Int, column: Int) {
        let claimed = Node.cmarkPosition(node)
        return locate(line: claimed.line, byteColumn: claimed.byteColumn,
                      lastLine: Node.enclosingBlockEndLine(node), markers: markers)
    }
}

/// Read access to cmark nodes.
enum Node {
    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    static func typeString(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    /// 1-based, column in bytes, as cmark has it. Inline nodes cmark does not place report the position
    /// of their nearest placed ancestor.
    static func cmarkPosition(_ node: OpaquePointer) -> (line: Int, byteColumn: Int) {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            let column = Int(cmark_node_get_start_column(candidate))
            if line > 0, column > 0 { return (line, byteColumn: column) }
            current = cmark_node_parent(candidate)
        }
        return (1, 1)
    }

    /// The last source line of the block holding this node (itself, if it is a block).
    static func enclosingBlockEndLine(_ node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let type = cmark_node_get_type(candidate).rawValue
            if type & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK) {
                return Int(cmark_node_get_end_line(candidate))
            }
            current = cmark_node_parent(candidate)
        }
        return 0
    }

    /// The `data-sourcepos` value cmark writes for this node.
    static func sourcepos(_ node: OpaquePointer) -> String {
        "\(cmark_node_get_start_line(node)):\(cmark_node_get_start_column(node))-"
            + "\(cmark_node_get_end_line(node)):\(cmark_node_get_end_column(node))"
    }

    /// Text whose parent link points to that very text: `<https://x>`, `https://x`, `www.x.fr`, `a@b.fr`.
    static func isAutolinkText(_ node: OpaquePointer) -> Bool {
        guard let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_LINK else { return false }
        return autolinkText(parent) == literal(node)
    }

    /// The text of a link whose only content is its own destination (an autolink), else nil.
    static func autolinkText(_ link: OpaquePointer) -> String? {
        guard let child = cmark_node_first_child(link), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT else { return nil }
        let text = literal(child)
        let destination = url(link)
        guard !text.isEmpty else { return nil }
        let isAutolink = destination == text || destination == "mailto:" + text
            || destination == "http://" + text || destination == "https://" + text
        return isAutolink ? text : nil
    }

    /// Plain text of an inline container: text and code literals, breaks as spaces.
    static func plainText(of container: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(container) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += literal(node)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text.trimmingWhitespace()
    }

    /// Moves the node's children to its place, then frees it.
    static func replaceWithChildren(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
