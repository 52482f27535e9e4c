/// How Markdown bodies are rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// False by default: raw HTML (blocks and inline) is dropped and reported as `raw-html`.
    /// When true it is passed through as written; only trusted editors should get this.
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }
}

/// A link or image destination as written in the Markdown source.
public struct MarkdownLink: Sendable, Hashable, Codable {
    /// The destination as the editor wrote it (entities and backslash escapes resolved), before any rewrite.
    public var destination: String
    public var isImage: Bool
    /// 1-based, in the Markdown source.
    public var line: Int
    /// 1-based, in the Markdown source.
    public var column: Int

    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}

/// A heading of the rendered document, with the `id` attribute it carries in the HTML.
public struct MarkdownHeading: Sendable, Hashable {
    /// The rendered level (after `headingLevelOffset`), 1…6.
    public var level: Int
    /// Stable slug, unique within the document; the HTML heading carries exactly this `id`.
    public var id: String
    /// Plain text of the heading (after `transformText`).
    public var text: String

    public init(level: Int, id: String, text: String) {
        self.level = level
        self.id = id
        self.text = text
    }
}

/// Something in the source the renderer refused. Callers turn these into diagnostics.
public struct MarkdownProblem: Sendable, Hashable {
    /// Stable code: "raw-html", "unsafe-link" or "image-without-text".
    public var code: String
    public var message: String
    /// What was refused, shortened: the HTML, or the link's destination.
    public var excerpt: String
    /// For `unsafe-link`: an image rather than a link.
    public var isImage: Bool
    /// 1-based, in the Markdown source.
    public var line: Int
    /// 1-based, in the Markdown source.
    public var column: Int

    public init(code: String, message: String, excerpt: String = "", isImage: Bool = false, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.excerpt = excerpt
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}

/// The outcome of rendering one Markdown body.
public struct RenderedMarkdown: Sendable, Hashable {
    public var html: String
    public var headings: [MarkdownHeading]
    /// Every accepted link and image destination, in document order. Refused (unsafe) destinations
    /// are not listed here: they are in `problems`.
    public var links: [MarkdownLink]
    /// In document order.
    public var problems: [MarkdownProblem]

    public init(html: String, headings: [MarkdownHeading], links: [MarkdownLink], problems: [MarkdownProblem]) {
        self.html = html
        self.headings = headings
        self.links = links
        self.problems = problems
    }
}
