import Diagnostics
import Foundation
import OpenMapContent
import OpenMapMarkdown
import OpenMapText

/// What a link in a Markdown text may lead to, and the rendering of such texts against it. Made
/// from the content by `SiteBuilder`.
public struct ContentLinks: Sendable {
    /// Published page paths ("feuilles-de-route/2015/x/"), for site-path links.
    public var pagePaths: Set<String> = []
    /// Other published files (assets, static files, sitemap.xml…).
    public var filePaths: Set<String> = []
    /// `roadmaps/2015/x.md` → `feuilles-de-route/2015/x/`.
    public var contentFiles: [String: String] = [:]
    /// Content files that exist but are not published (drafts), for a better message.
    public var unpublishedFiles: Set<String> = []
    /// The files under content/assets/, relative to content/.
    public var assets: Set<String> = []
    /// site.yaml's `unsafe_html`: raw HTML in Markdown is kept rather than escaped.
    public var allowsRawHTML = false
    /// The tables above as one value (`fingerprintTables`), 0 until then: texts rendered against
    /// tables with the same fingerprint link the same way.
    public private(set) var fingerprint: UInt64 = 0

    public init() {}

    /// Sets `fingerprint` from the tables as they are now (each set hashed in any order).
    public mutating func fingerprintTables() {
        var sum: UInt64 = allowsRawHTML ? 1 : 2
        func add(_ text: String, table: UInt64) {
            var hasher = StableHasher()
            hasher.combine(table)
            hasher.combine(text)
            sum &+= hasher.finalize()
        }
        for path in pagePaths { add(path, table: 1) }
        for path in filePaths { add(path, table: 2) }
        for (file, path) in contentFiles { add(file + "\u{0}" + path, table: 3) }
        for file in unpublishedFiles { add(file, table: 4) }
        for file in assets { add(file, table: 5) }
        var hasher = StableHasher()
        hasher.combine(sum)
        fingerprint = hasher.finalize() | 1
    }

    /// The ids every page has (the layout's skip-link target).
    public static let layoutAnchors: Set<String> = ["contenu"]

    /// The Markdown renderer these texts go through.
    public var markdownRenderer: MarkdownRenderer {
        MarkdownRenderer(options: MarkdownOptions(allowRawHTML: allowsRawHTML))
    }
}

extension ContentLinks {
    func isPage(_ path: String) -> Bool { pagePaths.contains(path) }
    func isFile(_ path: String) -> Bool { filePaths.contains(path) }
    func publishedPath(ofContentFile file: String) -> String? { contentFiles[file] }
    func isAsset(_ file: String) -> Bool { assets.contains(file) }
    func isUnpublished(_ file: String) -> Bool { unpublishedFiles.contains(file) }
}

/// A link to an anchor of a page, checked once every page's ids are known.
public struct AnchorLink: Sendable, Hashable, Codable {
    public var page: String
    public var anchor: String
    /// The link as written, and where.
    public var destination: String
    public var location: SourceLocation

    public init(page: String, anchor: String, destination: String, location: SourceLocation) {
        self.page = page; self.anchor = anchor; self.destination = destination; self.location = location
    }
}

/// A Markdown text rendered for one page: its HTML (nil for an empty text), the ids of its
/// headings, the anchors it links to, and the problems found.
public struct RenderedMarkdown: Sendable, Codable {
    public var html: String?
    /// Links and images found (each was resolved against the `ContentLinks`).
    public var linkCount = 0
    public var headingIDs: [String] = []
    public var anchorLinks: [AnchorLink] = []
    public var diagnostics: [Diagnostic] = []
}

extension ContentLinks {
    /// Renders a Markdown text shown on the page at `page` (its links are made relative to the
    /// page), written in the content file `contentFile` (relative to content/): relative `.md`
    /// links become published URLs, site paths are checked, anchors to check and problems are
    /// returned with their place in the file.
    public func render(_ text: MarkdownText?, contentFile: String, page: String, with markdown: MarkdownRenderer) -> RenderedMarkdown {
        render(text, contentFile: contentFile, page: page, with: markdown, texts: nil)
    }

    /// The same, taken from `texts` when they hold the same text rendered for the same page and
    /// file, and each of its links still leads where it led then (what else the site publishes
    /// does not change the rendering).
    func render(_ text: MarkdownText?, contentFile: String, page: String, with markdown: MarkdownRenderer,
                texts: RenderedTexts?) -> RenderedMarkdown {
        guard let text, !text.isEmpty else { return RenderedMarkdown(html: nil) }
        guard let texts else { return renderFindingLinks(text, contentFile: contentFile, page: page, with: markdown).rendered }
        let key = RenderedTexts.Key(text: text, contentFile: contentFile, page: page, allowsRawHTML: allowsRawHTML)
        if let checkedAgainst = texts.linksFingerprint(for: key) {
            if fingerprint != 0, checkedAgainst == fingerprint, let kept = texts.rendered(for: key) { return kept }
            if let kept = texts.links(for: key),
               kept.links.elementsEqual(kept.outcomes, by: { resolve($0, contentFile: contentFile, page: page) == $1 }),
               let rendered = texts.rendered(for: key) {
                texts.confirm(key, linksFingerprint: fingerprint)
                return rendered
            }
        }
        let (rendered, found) = renderFindingLinks(text, contentFile: contentFile, page: page, with: markdown)
        texts.store(rendered, links: RenderedTexts.Links(links: found.map(\.link), outcomes: found.map(\.outcome)),
                    for: key, linksFingerprint: fingerprint)
        return rendered
    }

    /// The text rendered, and each link it has with where it led.
    private func renderFindingLinks(_ text: MarkdownText, contentFile: String, page: String, with markdown: MarkdownRenderer)
        -> (rendered: RenderedMarkdown, found: [(link: MarkdownLink, outcome: LinkOutcome)])
    {
        let root = SiteBuilder.root(for: page)
        var found: [(link: MarkdownLink, outcome: LinkOutcome)] = []
        let rendered = markdown.render(text.source, headingLevelOffset: 1, rewriteLink: { link in
            let outcome = self.resolve(link, contentFile: contentFile, page: page)
            found.append((link, outcome))
            if case .rewrite(let url, _) = outcome { return root + url }
            return nil
        }, transformText: frenchTypography)

        var result = RenderedMarkdown(html: rendered.html, linkCount: found.count, headingIDs: rendered.headings.map(\.id))
        for (link, outcome) in found {
            let location = Self.location(line: link.line, column: link.column, in: text)
            switch outcome {
            case .keep:
                break
            case .rewrite(_, let anchorCheck):
                if let anchorCheck {
                    result.anchorLinks.append(AnchorLink(page: anchorCheck.page, anchor: anchorCheck.anchor,
                                                         destination: link.destination, location: location))
                }
            case .anchorOnly(let anchor):
                result.anchorLinks.append(AnchorLink(page: page, anchor: anchor, destination: link.destination, location: location))
            case .broken(let message):
                result.diagnostics.append(.error(message, at: location, length: link.destination.count))
            case .externalImage:
                result.diagnostics.append(.error(.externalImage(link.destination), at: location, length: link.destination.count))
            }
        }
        for problem in rendered.problems {
            let location = Self.location(line: problem.line, column: problem.column, in: text)
            let (severity, message): (Severity, Message) = switch problem.code {
            case "raw-html": (.warning, .rawHTML(problem.excerpt))
            case "image-without-text": (.warning, .imageWithoutText(problem.excerpt))
            default: (.error, .unsafeLink(problem.excerpt, isImage: problem.isImage))
            }
            result.diagnostics.append(Diagnostic(severity, message, at: location))
        }
        return (result, found)
    }

    /// Where a link found at `line:column` of a Markdown text is in its file.
    static func location(line: Int, column: Int, in text: MarkdownText) -> SourceLocation {
        let base = text.location
        guard base.line > 0 else { return SourceLocation(file: base.file) }
        let fileLine = base.line + max(line, 1) - 1
        let fileColumn = line <= 1 ? column + max(base.column, 1) - 1 : column
        return SourceLocation(file: base.file, line: fileLine, column: fileColumn)
    }

    enum LinkOutcome: Equatable, Codable {
        /// An external or otherwise untouched link.
        case keep
        /// A site URL relative to the site root; an anchor to check on a page, maybe.
        case rewrite(String, anchor: AnchorTarget?)
        /// `#x` on the same page.
        case anchorOnly(String)
        case broken(Message)
        case externalImage
    }

    struct AnchorTarget: Equatable, Codable {
        var page: String
        var anchor: String
    }

    func resolve(_ link: MarkdownLink, contentFile: String, page: String) -> LinkOutcome {
        let destination = link.destination
        if destination.isEmpty { return .keep }
        if Self.hasScheme(destination) || destination.hasPrefix("//") {
            let lower = destination.lowercased()
            if link.isImage, lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//") {
                return .externalImage
            }
            return .keep
        }
        var pathPart = destination
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            pathPart = String(pathPart[..<hash])
        }
        if let question = pathPart.firstIndex(of: "?") { pathPart = String(pathPart[..<question]) }
        pathPart = pathPart.removingPercentEncoding ?? pathPart
        if pathPart.isEmpty {
            guard let fragment, !fragment.isEmpty else { return .keep }
            return .anchorOnly(fragment)
        }

        let target: String
        if pathPart.hasPrefix("/") {
            var sitePath = String(pathPart.dropFirst())
            if !isPage(sitePath), !isFile(sitePath), isPage(sitePath + "/") {
                sitePath += "/"
            }
            if sitePath.hasSuffix("index.html"), isPage(String(sitePath.dropLast("index.html".count))) {
                sitePath = String(sitePath.dropLast("index.html".count))
            }
            guard isPage(sitePath) || isFile(sitePath) else {
                return .broken(.linkToUnpublishedPath(destination))
            }
            target = sitePath
        } else {
            let folder = contentFile.split(separator: "/").dropLast().joined(separator: "/")
            guard let resolved = Self.normalize(folder.isEmpty ? pathPart : folder + "/" + pathPart) else {
                return .broken(.linkOutsideContent(destination))
            }
            if let published = publishedPath(ofContentFile: resolved) ?? publishedPath(ofContentFile: resolved + "/index.md")
                ?? publishedPath(ofContentFile: resolved.hasSuffix("/") ? resolved + "index.md" : resolved)
            {
                target = published
            } else if isAsset(resolved) {
                return .rewrite(resolved.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? resolved, anchor: nil)
            } else if isUnpublished(resolved) {
                return .broken(.linkToDraft(destination))
            } else {
                return .broken(.linkToMissingFile(destination, resolved: resolved))
            }
        }
        // A target that is itself an anchor on a page (a testimonial on /temoignages/).
        var targetPage = target
        var targetFragment = fragment
        if let hash = target.firstIndex(of: "#") {
            targetPage = String(target[..<hash])
            if targetFragment == nil { targetFragment = String(target[target.index(after: hash)...]) }
        }
        let url = targetPage + (targetFragment.map { "#" + $0 } ?? "")
        if let targetFragment, !targetFragment.isEmpty, isPage(targetPage) {
            return .rewrite(url, anchor: AnchorTarget(page: targetPage, anchor: targetFragment))
        }
        return .rewrite(url, anchor: nil)
    }

    /// « https: », « mailto: »…: a letter, then letters, digits, « + », « - » or « . », then « : »
    /// (over bytes: every link of every page is asked).
    public static func hasScheme(_ destination: String) -> Bool {
        var first = true
        for byte in destination.utf8 {
            if byte == UInt8(ascii: ":") { return !first }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let allowed = first ? isLetter : isLetter || isDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            if !allowed { return false }
            first = false
        }
        return false
    }

    /// Resolves `.` and `..`; nil when the path climbs above content/. Keeps a trailing slash.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }
}
