import Diagnostics
import Foundation
import OpenMapContent
import OpenMapMarkdown
import OpenMapTemplates
import OpenMapText

/// A view model: plain values (strings, booleans, arrays, nested dictionaries) for the templates.
/// Absent values are left out rather than set to "", because Mustache (as swift-mustache did)
/// treats any present value, even an empty string, as true in a section.
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
    /// What the view is made from when the page is rendered (`SiteBuilder.deferredPage`), for
    /// the pages there are thousands of: their views never sit in memory together, and
    /// `openmap serve` makes only those of the pages it shows or checks.
    var deferred: DeferredView?
    /// What the layout's values are made from when the page is rendered (`SiteBuilder.layoutView`).
    var layout: LayoutRequest?
    var inSitemap: Bool
    var lastModified: LocalDate?
}

/// A page's view, left to be made when the page is rendered: what it is made from, once what
/// must be known before any page is rendered (its Markdown's problems and anchors) was found.
enum DeferredView {
    /// A need (its index in the catalogue) and its summary, rendered.
    case need(index: Int, summaryHTML: String?)
    /// A roadmap (its index in the content), its body and its needs' summaries, rendered.
    case roadmap(index: Int, bodyHTML: String?, summariesHTML: [String?])
    /// A page of a list of needs (the catalogue, a facet value's).
    case list(members: [Int], base: String, facet: FacetValue?, page: Int)
    /// A page of the list of a cell of the launch calendar (its index in `calendar.crossings`).
    case crossing(index: Int, page: Int)
    /// A page that lists the whole site's roadmaps or sections: its layout is made with the
    /// site, its view (`SiteBuilder.view(of:)`) when it is rendered or planned, which `openmap
    /// serve` does only when the page is asked for.
    case view(SiteWideView)
}

enum SiteWideView {
    case roadmapsIndex
    case siteMap
}

/// The page-specific inputs of the layout.
struct LayoutRequest {
    var title: String
    /// What tells the page apart from others of the same title, in its <title> (`qualifySharedTitles`).
    var qualifier: String?
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
    /// The catalogue's needs by quarter of launch and theme or department (ChartsCalendar.swift).
    let calendar: LaunchCalendar
    var needSummaryHTML: [String: String] = [:]
    /// The directory of suppliers (SupplierDirectory.swift), and needs and suppliers that match.
    let directory: SupplierDirectory
    let matching: Matching
    /// Each supplier's description, rendered once on its page, for the feeds.
    var supplierDescriptionHTML: [String: String] = [:]
    /// Compiled templates, for the fragments pages share; nil when only views are wanted.
    let library: TemplateLibrary?
    /// Fragments made so far: each is rendered once.
    let fragments = FragmentCache()
    /// The site's texts every page's layout shows, set in French typography once.
    let siteText: SiteText

    struct SiteText {
        var title: String
        var description: String
        var navigationTitles: [String]
    }

    /// What links in Markdown texts may lead to (filled by `indexPublishedPaths`).
    var links = ContentLinks()
    var pagePaths: Set<String> { links.pagePaths }
    var filePaths: Set<String> { links.filePaths }
    var contentFiles: [String: String] { links.contentFiles }

    /// The qualifiers of pages whose views are made when they are rendered and whose titles
    /// other pages share (`qualifySharedTitles`), by page path.
    var deferredTitleQualifiers: [String: String] = [:]

    /// Images without a text alternative in the texts rendered so far, with the page they are on
    /// (a text shown on several pages gives one per page).
    var imagesWithoutText: [(page: String, image: ImageWithoutText)] = []
    /// What the accessibility statement and every page's status are made from, once every text
    /// was rendered (`buildPages`).
    var accessibility: AccessibilitySummary?

    /// Ids present on each page, filled while pages are built.
    var anchors: [String: Set<String>] = [:]
    var pendingAnchors: [AnchorLink] = []
    /// « page#anchor » for every anchor a link was checked to, once `checkPendingAnchors` ran.
    var checkedAnchorTargets: Set<String> = []

    private(set) var diagnostics: [Diagnostic] = []
    private var seenDiagnostics: Set<Diagnostic> = []

    static let reservedTopLevel: Set<String> = [
        "feuilles-de-route", "acheteurs", "prestataires", "matinales", "pitchs", "temoignages",
        "besoins", "flux", "donnees", "assets", "static", "plan-du-site", "recherche",
    ]

    /// Meeting timetables by Matinale slug, computed by the pipeline.
    let timetables: [String: MatinaleTimetable]

    init(content: SiteContent, options: RenderOptions, staticFiles: [String], timetables: [String: MatinaleTimetable] = [:],
         library: TemplateLibrary? = nil) {
        self.content = content
        self.library = library
        self.timetables = timetables
        self.options = options
        var base = options.baseURL ?? content.site.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.links.allowsRawHTML = content.site.unsafeHTML
        self.links.assets = Set(content.assets)
        self.markdown = links.markdownRenderer
        self.buyers = Dictionary(content.buyers.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.suppliers = Dictionary(content.suppliers.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.themes = Dictionary(content.themes.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.cpvByDigits = Dictionary(content.cpv.map { ($0.digits, $0) }, uniquingKeysWith: { first, _ in first })
        self.matinales = content.matinales.filter { !$0.draft }.sorted { ($0.date, $0.number) < ($1.date, $1.number) }
        self.matinalesBySlug = Dictionary(matinales.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.catalogue = NeedCatalogue(content: content, buyers: buyers, themes: themes)
        self.calendar = LaunchCalendar(catalogue: catalogue)
        self.directory = SupplierDirectory(content: content, themes: themes, matinales: matinales, timetables: timetables)
        self.matching = Matching(catalogue: catalogue, directory: directory)
        self.siteText = SiteText(title: typo(content.site.title), description: typo(content.site.description),
                                 navigationTitles: content.site.navigation.map { typo($0.title) })

        var publishedPages: [Page] = []
        var diagnostics: [Diagnostic] = []
        for page in content.pages where !page.draft {
            // The statement made from the audit grid takes its place (the validator says so).
            if content.audit != nil, "\(page.slug)/" == Self.statementPath { continue }
            if Self.reservedTopLevel.contains(page.slug) || publishedPages.contains(where: { $0.slug == page.slug }) {
                diagnostics.append(.error(.pagePathConflict(page.slug), at: page.location))
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
        var paths: [String] = ["", "feuilles-de-route/", "acheteurs/", "matinales/", "pitchs/",
                               Self.testimonialsPath]
        for roadmap in content.roadmaps where buyers[roadmap.buyer] != nil {
            paths.append(Self.roadmapPath(roadmap))
            links.contentFiles["roadmaps/\(roadmap.year)/\(roadmap.buyer).md"] = Self.roadmapPath(roadmap)
        }
        for buyer in content.buyers {
            paths.append(Self.buyerPath(buyer.slug))
            links.contentFiles["buyers/\(buyer.slug).yaml"] = Self.buyerPath(buyer.slug)
        }
        for supplier in content.suppliers {
            paths.append(Self.supplierPath(supplier.slug))
            links.contentFiles["suppliers/\(supplier.slug).yaml"] = Self.supplierPath(supplier.slug)
        }
        paths += directoryPaths()
        for matinale in content.matinales {
            if matinale.draft {
                links.unpublishedFiles.insert("matinales/\(matinale.slug)/index.md")
            } else {
                paths.append(Self.matinalePath(matinale.slug))
                links.contentFiles["matinales/\(matinale.slug)/index.md"] = Self.matinalePath(matinale.slug)
            }
        }
        for pitch in content.pitches {
            paths.append(Self.pitchPath(pitch.slug))
            links.contentFiles["pitches/\(pitch.slug).md"] = Self.pitchPath(pitch.slug)
        }
        for testimonial in content.testimonials {
            links.contentFiles["testimonials/\(testimonial.slug).md"] = Self.testimonialsPath + "#" + testimonial.slug
        }
        for page in content.pages where !pages.contains(page) {
            links.unpublishedFiles.insert("pages/\(page.slug).md")
        }
        for page in pages {
            paths.append("\(page.slug)/")
            links.contentFiles["pages/\(page.slug).md"] = "\(page.slug)/"
        }
        if publishesStatement { paths.append(Self.statementPath) }
        paths.append(Self.siteMapPath)
        paths += timetablePagePaths()
        paths += cataloguePaths() + [Self.openDataPath, Self.searchPath]  // supplier side
        links.pagePaths = Set(paths)
        links.filePaths = Set(content.assets + staticFiles.map { "static/" + $0 } + ["sitemap.xml", "robots.txt", "404.html"])
        links.filePaths.formUnion(supplierSideFilePaths())
        // Ids every page has (the layout's skip-link target).
        for path in pagePaths { anchors[path] = ContentLinks.layoutAnchors }
        if options.texts != nil { links.fingerprintTables() }
    }

    // MARK: - Diagnostics

    mutating func report(_ diagnostic: Diagnostic) {
        if seenDiagnostics.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Builds `count` pages over every core. Each chunk of items works on a copy of the builder
    /// whose findings (diagnostics, anchors, anchor checks, need summaries, supplier descriptions)
    /// start empty; they are merged back in item order, so the result is the same as a loop over
    /// the items. Anchor checks wait for `checkPendingAnchors`, so no item depends on another's
    /// findings.
    mutating func buildInParallel(_ count: Int, _ make: (inout SiteBuilder, Int) -> BuiltPage) -> [BuiltPage] {
        var blank = self
        blank.diagnostics = []
        blank.seenDiagnostics = []
        blank.anchors = [:]
        blank.pendingAnchors = []
        blank.needSummaryHTML = [:]
        blank.supplierDescriptionHTML = [:]
        blank.imagesWithoutText = []
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
            supplierDescriptionHTML.merge(chunk.findings.supplierDescriptionHTML) { first, _ in first }
            imagesWithoutText += chunk.findings.imagesWithoutText
        }
        return built
    }

    mutating func addAnchors(_ ids: [String], on page: String) {
        anchors[page, default: []].formUnion(ids)
    }

    mutating func checkPendingAnchors() {
        // A page whose file could not be read (already reported) has unknown headings: its
        // anchors are not checked, so that one mistake gives one error.
        let directory = content.sourceMap.contentDirectory
        let folder = directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
        let unreadPages = content.incompleteFiles.isEmpty ? [] : Set(contentFiles.compactMap { file, page in
            content.incompleteFiles.contains(folder + file) ? page : nil
        })
        for pending in pendingAnchors where !(anchors[pending.page]?.contains(pending.anchor) ?? false)
            && !unreadPages.contains(pending.page) {
            report(.error(.brokenAnchor(pending.anchor, page: pending.page), at: pending.location, length: pending.destination.count))
        }
        checkedAnchorTargets.formUnion(pendingAnchors.map { $0.page + "#" + $0.anchor })
        pendingAnchors = []
    }

    // MARK: - Markdown

    /// The id of every page's <h1> in the templates.
    static let pageHeadingID = "titre-page"

    /// Renders a Markdown text shown on the page at `page`, written in the content file
    /// `contentFile` (relative to content/): its headings become anchors of the page, its links
    /// to anchors wait for `checkPendingAnchors`, its problems are reported. Its headings start
    /// at `headingLevel`, one below the page heading the text sits under, whose id is `under`
    /// (the page's <h1> by default): it names a table that comes before any heading of the text.
    mutating func renderMarkdown(_ text: MarkdownText?, contentFile: String, page: String,
                                 headingLevel: Int = 2, under heading: String? = Self.pageHeadingID) -> String? {
        let placement = TextPlacement(headingLevel: headingLevel, enclosingHeadingID: heading)
        let rendered = links.render(text, contentFile: contentFile, page: page, with: markdown, placement: placement,
                                    texts: options.texts)
        take(rendered, on: page)
        return rendered.html
    }

    private mutating func take(_ rendered: RenderedMarkdown, on page: String) {
        guard rendered.html != nil || !rendered.diagnostics.isEmpty else { return }
        for image in rendered.imagesWithoutText { imagesWithoutText.append((page, image)) }
        addAnchors(rendered.headingIDs, on: page)
        pendingAnchors += rendered.anchorLinks
        for diagnostic in rendered.diagnostics { report(diagnostic) }
    }

    /// Checks a Markdown text that is not published (a draft), for its diagnostics only.
    mutating func checkUnpublishedMarkdown(_ text: MarkdownText, contentFile: String, page: String) {
        _ = renderMarkdown(text, contentFile: contentFile, page: page)
    }
}
