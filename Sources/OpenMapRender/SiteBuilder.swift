import Diagnostics
import Foundation
import Mustache
import OpenMapContent
import OpenMapMarkdown
import OpenMapText

/// A view model: plain values (strings, booleans, arrays, nested dictionaries) for Mustache.
/// Absent values are left out rather than set to "", because swift-mustache treats any
/// present value, even an empty string, as true in a section.
typealias View = [String: Any]

func makeView(_ pairs: KeyValuePairs<String, Any?>) -> View {
    var view: View = [:]
    for (key, value) in pairs {
        if let value { view[key] = value }
    }
    return view
}

func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
    return text
}

/// A `tel:` URI (RFC 3966, no spaces): "01 53 85 62 27" → "tel:+33153856227"; nil without digits.
func telephoneURI(_ phone: String?) -> String? {
    guard let phone else { return nil }
    let digits = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
    guard !digits.isEmpty else { return nil }
    if phone.trimmingCharacters(in: .whitespaces).hasPrefix("+") { return "tel:+" + digits }
    if digits.hasPrefix("00") { return "tel:+" + digits.dropFirst(2) }
    if digits.count == 10, digits.hasPrefix("0") { return "tel:+33" + digits.dropFirst() }
    return "tel:" + digits
}

/// French typography for a plain-text field; Mustache escapes it afterwards.
func typo(_ text: String) -> String { frenchTypography(text) }
func typoIfAny(_ text: String?) -> String? { nonEmpty(text).map(frenchTypography) }

/// One page ready for its template and the layout.
struct BuiltPage {
    /// The page's site path without leading slash, with trailing slash ("" for home).
    var path: String
    var outputPath: String
    var template: String
    var view: View
    /// A need page whose view is built only when the page is rendered (`SiteBuilder.needPageView`),
    /// so that tens of thousands of views never sit in memory together: the need's index in the
    /// catalogue and its summary, rendered (and checked) while the site was prepared.
    var deferredNeed: (index: Int, summaryHTML: String?)?
    /// What the layout's values are made from when the page is rendered (`SiteBuilder.layoutView`).
    var layout: LayoutRequest?
    var inSitemap: Bool
    var lastModified: LocalDate?
}

/// The page-specific inputs of the layout.
struct LayoutRequest {
    var title: String
    var description: String?
    var crumbs: [Crumb]
    var usesScript: Bool
    var root: String
}

struct Crumb {
    var title: String
    var path: String
}

/// Builds every page's view model, renders Markdown, and checks links; one per render call.
struct SiteBuilder {
    let content: SiteContent
    let options: RenderOptions
    /// Absolute, without trailing slash.
    let baseURL: String
    let markdown: MarkdownRenderer

    let buyers: [String: Buyer]
    let suppliers: [String: Supplier]
    let themes: [String: Theme]
    let cpvByDigits: [String: CPVEntry]
    let matinales: [Matinale]
    let matinalesBySlug: [String: Matinale]
    let pages: [Page]
    /// Supplier side (Catalogue.swift): the needs with their facets, and each need's summary
    /// rendered once on its page, for the feeds.
    let catalogue: NeedCatalogue
    var needSummaryHTML: [String: String] = [:]
    /// Compiled templates, for the fragments pages share; nil when only views are wanted.
    let library: MustacheLibrary?
    /// Fragments made so far: each is rendered once.
    let fragments = FragmentCache()
    /// The site's texts every page's layout shows, set in French typography once.
    let siteText: SiteText

    struct SiteText {
        var title: String
        var description: String
        var navigationTitles: [String]
    }

    /// Published page paths ("feuilles-de-route/2015/x/"), for site-path links.
    var pagePaths: Set<String> = []
    /// Other published files (assets, static files, sitemap.xml…).
    var filePaths: Set<String> = []
    /// `roadmaps/2015/x.md` → `feuilles-de-route/2015/x/`.
    var contentFiles: [String: String] = [:]
    /// Content files that exist but are not published (drafts), for a better message.
    var unpublishedFiles: Set<String> = []

    /// Ids present on each page, filled while pages are built.
    var anchors: [String: Set<String>] = [:]
    var pendingAnchors: [(page: String, anchor: String, destination: String, location: SourceLocation)] = []

    private(set) var diagnostics: [Diagnostic] = []
    private var seenDiagnostics: Set<Diagnostic> = []

    static let reservedTopLevel: Set<String> = [
        "feuilles-de-route", "acheteurs", "prestataires", "matinales", "pitchs", "temoignages",
        "besoins", "flux", "donnees", "assets", "static",
    ]

    /// Meeting timetables by Matinale slug, computed by the pipeline.
    let timetables: [String: MatinaleTimetable]

    init(content: SiteContent, options: RenderOptions, staticFiles: [String], timetables: [String: MatinaleTimetable] = [:],
         library: MustacheLibrary? = nil) {
        self.content = content
        self.library = library
        self.timetables = timetables
        self.options = options
        var base = options.baseURL ?? content.site.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.markdown = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: content.site.unsafeHTML))
        self.buyers = Dictionary(content.buyers.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.suppliers = Dictionary(content.suppliers.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.themes = Dictionary(content.themes.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.cpvByDigits = Dictionary(content.cpv.map { ($0.digits, $0) }, uniquingKeysWith: { first, _ in first })
        self.matinales = content.matinales.filter { !$0.draft }.sorted { ($0.date, $0.number) < ($1.date, $1.number) }
        self.matinalesBySlug = Dictionary(matinales.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.catalogue = NeedCatalogue(content: content, buyers: buyers, themes: themes)
        self.siteText = SiteText(title: typo(content.site.title), description: typo(content.site.description),
                                 navigationTitles: content.site.navigation.map { typo($0.title) })

        var publishedPages: [Page] = []
        var diagnostics: [Diagnostic] = []
        for page in content.pages where !page.draft {
            if Self.reservedTopLevel.contains(page.slug) || publishedPages.contains(where: { $0.slug == page.slug }) {
                diagnostics.append(.error("page-path-conflict",
                                          "the page « \(page.slug) » would be published at /\(page.slug)/, a path the site already uses",
                                          at: page.location, hint: "rename the file"))
                continue
            }
            publishedPages.append(page)
        }
        self.pages = publishedPages
        for diagnostic in diagnostics { report(diagnostic) }
        indexPublishedPaths(staticFiles: staticFiles)
    }

    // MARK: - Paths

    static func roadmapPath(_ r: Roadmap) -> String { "feuilles-de-route/\(r.year)/\(r.buyer)/" }
    static func buyerPath(_ slug: String) -> String { "acheteurs/\(slug)/" }
    static func supplierPath(_ slug: String) -> String { "prestataires/\(slug)/" }
    static func matinalePath(_ slug: String) -> String { "matinales/\(slug)/" }
    static func pitchPath(_ slug: String) -> String { "pitchs/\(slug)/" }
    static let testimonialsPath = "temoignages/"

    /// "../../" for "a/b/", "./" for home: internal links are relative so that the site works
    /// under any base path.
    static func root(for path: String) -> String {
        let depth = path.split(separator: "/").count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    func absoluteURL(_ path: String) -> String { baseURL + "/" + path }

    /// The path of the base URL with a trailing slash ("/" or "/openmap/"): the 404 page is
    /// served at any depth, so its links are root-relative, and work on any host.
    static func sitePathPrefix(of baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...].drop { $0 != "/" }
        let path = afterHost.hasSuffix("/") ? String(afterHost) : afterHost + "/"
        return path.hasPrefix("/") ? path : "/" + path
    }

    /// A URL for a file under content/ (assets), percent-encoded, relative to the page.
    static func assetURL(_ relative: String, root: String) -> String {
        root + (relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative)
    }

    mutating func indexPublishedPaths(staticFiles: [String]) {
        var paths: [String] = ["", "feuilles-de-route/", "acheteurs/", "prestataires/", "matinales/", "pitchs/",
                               Self.testimonialsPath]
        for roadmap in content.roadmaps where buyers[roadmap.buyer] != nil {
            paths.append(Self.roadmapPath(roadmap))
            contentFiles["roadmaps/\(roadmap.year)/\(roadmap.buyer).md"] = Self.roadmapPath(roadmap)
        }
        for buyer in content.buyers {
            paths.append(Self.buyerPath(buyer.slug))
            contentFiles["buyers/\(buyer.slug).yaml"] = Self.buyerPath(buyer.slug)
        }
        for supplier in content.suppliers {
            paths.append(Self.supplierPath(supplier.slug))
            contentFiles["suppliers/\(supplier.slug).yaml"] = Self.supplierPath(supplier.slug)
        }
        for matinale in content.matinales {
            if matinale.draft {
                unpublishedFiles.insert("matinales/\(matinale.slug)/index.md")
            } else {
                paths.append(Self.matinalePath(matinale.slug))
                contentFiles["matinales/\(matinale.slug)/index.md"] = Self.matinalePath(matinale.slug)
            }
        }
        for pitch in content.pitches {
            paths.append(Self.pitchPath(pitch.slug))
            contentFiles["pitches/\(pitch.slug).md"] = Self.pitchPath(pitch.slug)
        }
        for testimonial in content.testimonials {
            contentFiles["testimonials/\(testimonial.slug).md"] = Self.testimonialsPath + "#" + testimonial.slug
        }
        for page in content.pages where !pages.contains(page) {
            unpublishedFiles.insert("pages/\(page.slug).md")
        }
        for page in pages {
            paths.append("\(page.slug)/")
            contentFiles["pages/\(page.slug).md"] = "\(page.slug)/"
        }
        paths += timetablePagePaths()
        paths += cataloguePaths() + [Self.openDataPath]  // supplier side
        pagePaths = Set(paths)
        filePaths = Set(content.assets + staticFiles.map { "static/" + $0 } + ["sitemap.xml", "robots.txt", "404.html"])
        filePaths.formUnion(supplierSideFilePaths())
        // Ids every page has (the layout's skip-link target).
        for path in pagePaths { anchors[path] = ["contenu"] }
    }

    // MARK: - Diagnostics

    mutating func report(_ diagnostic: Diagnostic) {
        if seenDiagnostics.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Builds `count` pages over every core. Each chunk of items works on a copy of the builder
    /// whose findings (diagnostics, anchors, anchor checks, need summaries) start empty; they are
    /// merged back in item order, so the result is the same as a loop over the items. Anchor
    /// checks wait for `checkPendingAnchors`, so no item depends on another's findings.
    mutating func buildInParallel(_ count: Int, _ make: (inout SiteBuilder, Int) -> BuiltPage) -> [BuiltPage] {
        var blank = self
        blank.diagnostics = []
        blank.seenDiagnostics = []
        blank.anchors = [:]
        blank.pendingAnchors = []
        blank.needSummaryHTML = [:]
        let chunkSize = 32
        let chunks = parallelMap(count: (count + chunkSize - 1) / chunkSize, workers: options.workers, minimumPerChunk: 1) {
            chunk -> (pages: [BuiltPage], findings: SiteBuilder) in
            var local = blank
            let pages = (chunk * chunkSize..<min(count, (chunk + 1) * chunkSize)).map { make(&local, $0) }
            return (pages, local)
        }
        var built: [BuiltPage] = []
        built.reserveCapacity(count)
        for chunk in chunks {
            built += chunk.pages
            for diagnostic in chunk.findings.diagnostics { report(diagnostic) }
            for (page, ids) in chunk.findings.anchors { anchors[page, default: []].formUnion(ids) }
            pendingAnchors += chunk.findings.pendingAnchors
            needSummaryHTML.merge(chunk.findings.needSummaryHTML) { first, _ in first }
        }
        return built
    }

    mutating func addAnchors(_ ids: [String], on page: String) {
        anchors[page, default: []].formUnion(ids)
    }

    mutating func checkPendingAnchors() {
        for pending in pendingAnchors where !(anchors[pending.page]?.contains(pending.anchor) ?? false) {
            let target = pending.page.isEmpty ? "the home page" : "/\(pending.page)"
            report(.error("broken-anchor", "the anchor « #\(pending.anchor) » does not exist on \(target)",
                          at: pending.location, length: pending.destination.count,
                          hint: "anchors are the ids of the target page's headings and needs"))
        }
        pendingAnchors = []
    }

    // MARK: - Markdown

    /// Renders a Markdown text shown on the page at `page` (whose links are relative to `root`),
    /// written in the content file `contentFile` (relative to content/): relative `.md` links
    /// become published URLs, site paths and anchors are checked, problems are reported.
    mutating func renderMarkdown(_ text: MarkdownText?, contentFile: String, page: String) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let root = Self.root(for: page)
        var found: [(link: MarkdownLink, outcome: LinkOutcome)] = []
        let rendered = markdown.render(text.source, headingLevelOffset: 1, rewriteLink: { link in
            let outcome = self.resolve(link, contentFile: contentFile, page: page)
            found.append((link, outcome))
            if case .rewrite(let url, _) = outcome { return root + url }
            return nil
        }, transformText: frenchTypography)

        addAnchors(rendered.headings.map(\.id), on: page)
        for (link, outcome) in found {
            let location = Self.location(line: link.line, column: link.column, in: text)
            switch outcome {
            case .keep:
                break
            case .rewrite(_, let anchorCheck):
                if let anchorCheck {
                    pendingAnchors.append((anchorCheck.page, anchorCheck.anchor, link.destination, location))
                }
            case .anchorOnly(let anchor):
                pendingAnchors.append((page, anchor, link.destination, location))
            case .broken(let message, let hint):
                report(.error("broken-link", message, at: location, length: link.destination.count, hint: hint))
            case .externalImage:
                report(.error("external-image", "the image « \(link.destination) » is on another site; it would load from there for every visitor",
                              at: location, length: link.destination.count,
                              hint: "copy the image under content/assets/ and link to it"))
            }
        }
        for problem in rendered.problems {
            let location = Self.location(line: problem.line, column: problem.column, in: text)
            let severity: Severity = problem.code == "raw-html" ? .warning : .error
            report(Diagnostic(severity, problem.code, problem.message, at: location))
        }
        return rendered.html
    }

    /// Checks a Markdown text that is not published (a draft), for its diagnostics only.
    mutating func checkUnpublishedMarkdown(_ text: MarkdownText, contentFile: String, page: String) {
        _ = renderMarkdown(text, contentFile: contentFile, page: page)
    }

    /// Where a link found at `line:column` of a Markdown text is in its file.
    static func location(line: Int, column: Int, in text: MarkdownText) -> SourceLocation {
        let base = text.location
        guard base.line > 0 else { return SourceLocation(file: base.file) }
        let fileLine = base.line + max(line, 1) - 1
        let fileColumn = line <= 1 ? column + max(base.column, 1) - 1 : column
        return SourceLocation(file: base.file, line: fileLine, column: fileColumn)
    }

    enum LinkOutcome {
        /// An external or otherwise untouched link.
        case keep
        /// A site URL relative to the site root; an anchor to check on a page, maybe.
        case rewrite(String, anchor: (page: String, anchor: String)?)
        /// `#x` on the same page.
        case anchorOnly(String)
        case broken(String, hint: String?)
        case externalImage
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
            if !pagePaths.contains(sitePath), !filePaths.contains(sitePath), pagePaths.contains(sitePath + "/") {
                sitePath += "/"
            }
            if sitePath.hasSuffix("index.html"), pagePaths.contains(String(sitePath.dropLast("index.html".count))) {
                sitePath = String(sitePath.dropLast("index.html".count))
            }
            guard pagePaths.contains(sitePath) || filePaths.contains(sitePath) else {
                return .broken("the link « \(destination) » points to a page the site does not publish",
                               hint: "site paths look like /feuilles-de-route/2015/plaine-commune/; or link to the .md file")
            }
            target = sitePath
        } else {
            let folder = contentFile.split(separator: "/").dropLast().joined(separator: "/")
            guard let resolved = Self.normalize(folder.isEmpty ? pathPart : folder + "/" + pathPart) else {
                return .broken("the link « \(destination) » goes outside content/", hint: nil)
            }
            if let published = contentFiles[resolved] ?? contentFiles[resolved + "/index.md"]
                ?? contentFiles[resolved.hasSuffix("/") ? resolved + "index.md" : resolved]
            {
                target = published
            } else if content.assets.contains(resolved) {
                return .rewrite(resolved.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? resolved, anchor: nil)
            } else if unpublishedFiles.contains(resolved) {
                return .broken("the link « \(destination) » points to a draft, which is not published", hint: nil)
            } else {
                return .broken("the link « \(destination) » points to content/\(resolved), which does not exist",
                               hint: "relative links name a content file, e.g. ../2015/plaine-commune.md")
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
        if let targetFragment, !targetFragment.isEmpty, pagePaths.contains(targetPage) {
            return .rewrite(url, anchor: (targetPage, targetFragment))
        }
        return .rewrite(url, anchor: nil)
    }

    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":"), colon != destination.startIndex else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
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
