import Diagnostics
import Foundation
import Synchronization
import OpenMapContent
import OpenMapRender

/// Checks the internal links of the rendered pages: every `href` and `src` that is not an
/// external URL must name a published file, and its `#anchor` an id on that page. Links from
/// Markdown bodies are already checked (with their source position) while rendering, so what
/// is left to find here are the links the templates build.
///
/// Pages are scanned one at a time, as they are rendered and written, on any thread: what is
/// kept of a page is the hashes of its ids and the anchors it points to elsewhere, never its text,
/// so that the site does not have to sit in memory for the check.
final class TemplateLinkCheck: Sendable {
    /// The `ContentHash` of every published file's path (relative to the output folder): links
    /// are checked on the page's bytes, without making a string of each.
    private let published: Set<UInt64>
    private let templatesDirectory: String
    /// The base URL's path without slashes ("" or "openmap"): root-relative links start with it.
    private let sitePrefix: String

    /// What the pages scanned so far found, shared by the threads that scan them.
    private struct Found {
        /// `ContentHash` of "page#id" for every id of every scanned page.
        var ids: Set<UInt64> = []
        /// "target#anchor" → the page and link pointing to it, checked once every page is in.
        var anchorLinks: [String: Origin] = [:]
        /// Links to files that are not published, by problem (one report per problem).
        var problems: [LocalizedText: (problem: LocalizedText, origin: Origin)] = [:]
    }
    private let found = Mutex(Found())

    /// Where a link was found: the page, the link as written, the page's template. Of several,
    /// the first in path order is kept, so that the report is the same whatever order pages
    /// were scanned in.
    struct Origin {
        var page: String
        var link: String
        var template: String?

        func comesBefore(_ other: Origin) -> Bool {
            (page, link) < (other.page, other.link)
        }
    }

    convenience init(published paths: [String], templatesDirectory: String, sitePathPrefix: String) {
        self.init(published: Set(paths.map { ContentHash.hash($0) }), expectedPages: paths.count,
                  templatesDirectory: templatesDirectory, sitePathPrefix: sitePathPrefix)
    }

    /// `published`: the `ContentHash` of every published path; `expectedPages`: about how many.
    init(published: Set<UInt64>, expectedPages: Int, templatesDirectory: String, sitePathPrefix: String) {
        self.published = published
        self.templatesDirectory = templatesDirectory
        self.sitePrefix = sitePathPrefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        // About twenty ids a page: reserved once rather than grown (and copied) step by step.
        found.withLock { $0.ids.reserveCapacity(expectedPages * 20) }
    }

    /// Records the ids and checks the links of one file (only HTML pages are looked at). Returns
    /// the page's anchors: the hashes of its ids, sorted (nil for other files).
    @discardableResult
    func scan(_ file: OutputFile, template: String? = nil) -> [UInt64]? {
        guard file.path.hasSuffix(".html"), case .bytes(let bytes) = file.contents else { return nil }
        return scan(page: file.path, html: bytes, template: template)
    }

    /// The anchors of a page that is not scanned (kept from the previous build, whose check its
    /// links passed), so that links to them resolve.
    func add(anchors: [UInt64]) {
        found.withLock { $0.ids.formUnion(anchors) }
    }

    /// The pages that links to anchors found so far point to.
    func anchorTargetPages() -> Set<String> {
        found.withLock { found in Set(found.anchorLinks.keys.map { String($0[..<($0.lastIndex(of: "#") ?? $0.endIndex)]) }) }
    }

    private static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        var hasher = StableHasher()
        bytes.withUnsafeBytes { hasher.combine(UnsafeRawBufferPointer(rebasing: $0[range])) }
        return hasher.finalize()
    }

    private func isPublished(_ path: String) -> Bool {
        published.contains(ContentHash.hash(path))
    }

    @discardableResult
    func scan(page: String, html: [UInt8], template: String? = nil) -> [UInt64] {
        let ranges = Self.attributeValueRanges(in: html)
        let depth = page.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        // « page#id », hashed as a whole: the same hash `diagnostics()` looks for.
        var idKey = Array(page.utf8)
        idKey.append(UInt8(ascii: "#"))
        let idStart = idKey.count
        var pageIDs: [UInt64] = []
        pageIDs.reserveCapacity(ranges.ids.count)
        for range in ranges.ids {
            idKey.removeSubrange(idStart...)
            idKey += html[range]
            pageIDs.append(ContentHash.hash(idKey))
        }

        var anchors: [(key: String, link: String)] = []
        var broken: [(problem: LocalizedText, link: String)] = []
        var seen: Set<UInt64> = []
        var target: [UInt8] = []
        lazy var folder = page.split(separator: "/").dropLast()
        for range in ranges.links where seen.insert(Self.hash(html, range)).inserted {
            // Most links templates write: « ../../besoins/x/ », checked as bytes.
            if Self.plainRelativeTarget(html[range], depth: depth, into: &target), published.contains(ContentHash.hash(target)) {
                continue
            }
            let link = String(decoding: html[range], as: UTF8.self)
            switch Self.resolve(link, folder: folder, page: page, sitePrefix: sitePrefix) {
            case .external:
                continue
            case .broken(let problem):
                broken.append((problem, link))
            case .target(let target, let fragment):
                if !isPublished(target) {
                    broken.append((LinkProblem.notPublished(target), link))
                } else if let fragment, !fragment.isEmpty {
                    anchors.append((target + "#" + fragment, link))
                }
            }
        }
        pageIDs.sort()
        found.withLock { found in
            found.ids.formUnion(pageIDs)
            for anchor in anchors {
                let origin = Origin(page: page, link: anchor.link, template: template)
                if let kept = found.anchorLinks[anchor.key], !origin.comesBefore(kept) { continue }
                found.anchorLinks[anchor.key] = origin
            }
            for problem in broken {
                let origin = Origin(page: page, link: problem.link, template: template)
                if let kept = found.problems[problem.problem], !origin.comesBefore(kept.origin) { continue }
                found.problems[problem.problem] = (problem.problem, origin)
            }
        }
        return pageIDs
    }

    /// Every broken link found, once every page has been scanned; sorted, so the same for any
    /// order of scanning.
    func diagnostics() -> [Diagnostic] {
        let (problems, anchorLinks, ids) = self.found.withLock { ($0.problems, $0.anchorLinks, $0.ids) }
        var found = problems
        for (key, origin) in anchorLinks where !ids.contains(ContentHash.hash(Array(key.utf8))) {
            guard let hash = key.lastIndex(of: "#") else { continue }
            let problem = LinkProblem.missingAnchor(String(key[hash...]), page: String(key[..<hash]))
            if found[problem] == nil { found[problem] = (problem, origin) }
        }
        // A link in the layout breaks on every page (written « ../x/ », « ../../x/ »…): say it
        // once per target.
        guard !found.isEmpty else { return [] }
        let templates = TemplateSources(directory: templatesDirectory)
        return found.values.sorted { $0.problem.en < $1.problem.en }.map { problem, origin in
            .error(.brokenTemplateLink(origin.link, page: origin.page, problem: problem),
                   at: templates.location(of: origin.link, preferring: origin.template, sitePrefix: sitePrefix))
        }
    }

    enum Resolution: Equatable {
        case external
        case broken(LocalizedText)
        /// An output path (`besoins/index.html`) and the anchor, if any.
        case target(String, fragment: String?)
    }

    /// Where a link of the page in `folder` leads. Template links are mostly `root + path`
    /// (« ../../besoins/ »), so this works on the string's parts without regular expressions.
    static func resolve(_ link: String, folder: ArraySlice<Substring>, page: String, sitePrefix: String) -> Resolution {
        let decoded = link.utf8.contains(UInt8(ascii: "&")) ? link.replacingOccurrences(of: "&amp;", with: "&") : link
        if decoded.isEmpty { return .broken(LinkProblem.empty) }
        if decoded.hasPrefix("//") || ContentLinks.hasScheme(decoded) { return .external }
        if let target = plainRelativeTarget(decoded, folder: folder) { return .target(target, fragment: nil) }
        var pathPart = Substring(decoded)
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            pathPart = pathPart[..<hash]
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }
        var path = String(pathPart)
        if path.utf8.contains(UInt8(ascii: "%")) { path = path.removingPercentEncoding ?? path }
        if path.isEmpty { return .target(page, fragment: fragment) }

        var parts: [Substring]
        var relative = Substring(path)
        if relative.hasPrefix("/") {
            parts = []
            relative = relative.dropFirst()
            if !sitePrefix.isEmpty, relative.hasPrefix(sitePrefix + "/") { relative = relative.dropFirst(sitePrefix.count + 1) }
        } else {
            parts = Array(folder)
        }
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return .broken(LinkProblem.aboveRoot) }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        var joined = parts.joined(separator: "/")
        if relative.hasSuffix("/") || joined.isEmpty { joined += joined.isEmpty ? "index.html" : "/index.html" }
        return .target(joined, fragment: fragment)
    }

    /// The fast path for what templates write most: « ../../besoins/theme/x/ », climbing to the
    /// root, then going down plain segments (no « . », « % », « # », « ? », « & »); nil otherwise.
    static func plainRelativeTarget(_ link: String, folder: ArraySlice<Substring>) -> String? {
        var target: [UInt8] = []
        guard plainRelativeTarget(Array(link.utf8)[...], depth: folder.count, into: &target) else { return nil }
        return String(decoding: target, as: UTF8.self)
    }

    /// The same over a link's bytes, for a page `depth` folders down (what the scan runs on):
    /// the target's bytes are left in `target`; false when the link is not that plain.
    static func plainRelativeTarget(_ link: ArraySlice<UInt8>, depth: Int, into target: inout [UInt8]) -> Bool {
        var rest = link[...]
        var climbs = 0
        while rest.starts(with: parentStep) {
            rest = rest.dropFirst(3)
            climbs += 1
        }
        guard climbs == depth else { return false }
        // Segments must be plain: not empty (« // »), « . » or « .. ».
        var segmentLength = 0
        var segmentDots = 0
        for byte in rest {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: ":"):
                return false
            case UInt8(ascii: "/"):
                if segmentLength == 0 || segmentDots == segmentLength { return false }
                segmentLength = 0
                segmentDots = 0
            default:
                segmentLength += 1
                if byte == UInt8(ascii: ".") { segmentDots += 1 }
            }
        }
        if segmentLength > 0 && segmentDots == segmentLength { return false }
        target.removeAll(keepingCapacity: true)
        target += rest
        if rest.isEmpty || rest.last == UInt8(ascii: "/") { target += indexFile }
        return true
    }
    private static let parentStep = Array("../".utf8)
    private static let indexFile = Array("index.html".utf8)

    /// Where the values of the `id`, `href` and `src` attributes are in a page, double- or
    /// single-quoted: the ids, then the links (every `href`, then every `src`), each in document
    /// order. One pass over the page from « = » to « = » (memchr), no copy.
    static func attributeValueRanges(in html: [UInt8]) -> (ids: [Range<Int>], links: [Range<Int>]) {
        var ids: [Range<Int>] = []
        var hrefs: [Range<Int>] = []
        var sources: [Range<Int>] = []
        html.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let count = raw.count
            func endsWith(_ name: StaticString, at equals: Int) -> Bool {
                let length = name.utf8CodeUnitCount
                guard equals >= length + 1, raw[equals - length - 1] == UInt8(ascii: " ") else { return false }
                return memcmp(base + equals - length, name.utf8Start, length) == 0
            }
            var index = 0
            while index < count, let hit = memchr(base + index, Int32(UInt8(ascii: "=")), count - index) {
                let equals = base.distance(to: UnsafeRawPointer(hit))
                index = equals + 1
                guard equals + 1 < count else { break }
                let quote = raw[equals + 1]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
                let which: Int
                if endsWith("href", at: equals) { which = 1 } else if endsWith("id", at: equals) { which = 0 } else if endsWith("src", at: equals) { which = 2 } else { continue }
                let start = equals + 2
                let end = memchr(base + start, Int32(quote), count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? count
                switch which {
                case 0: ids.append(start..<end)
                case 1: hrefs.append(start..<end)
                default: sources.append(start..<end)
                }
                index = end
            }
        }
        return (ids, hrefs + sources)
    }
}

/// The templates' texts, to point a broken link at the line that writes it.
struct TemplateSources {
    let directory: String
    /// Name (`layout`, `partials/need-card`) → lines.
    private var lines: [String: [Substring]] = [:]
    private var names: [String] = []

    init(directory: String) {
        self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let enumerator = FileManager.default.enumerator(atPath: self.directory)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".mustache"),
                  let data = FileManager.default.contents(atPath: self.directory + "/" + relative) else { continue }
            let name = String(relative.dropLast(".mustache".count))
            lines[name] = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            names.append(name)
        }
        names.sort()
    }

    /// Where the templates write `link`: its fixed part (without the « ../ » a template's
    /// `{{root}}` adds) closing an attribute, looked for in the page's own template first, then
    /// the layout, then the others. Without a match, the page's template file, else the folder.
    func location(of link: String, preferring template: String?, sitePrefix: String) -> SourceLocation {
        var tail = Substring(link)
        while tail.hasPrefix("../") { tail = tail.dropFirst(3) }
        if tail.hasPrefix("./") { tail = tail.dropFirst(2) }
        // Root-relative (the 404 page): « /n-existe-pas/ » or « /<base path>/n-existe-pas/ ».
        if tail.hasPrefix("/") {
            tail = tail.dropFirst()
            if !sitePrefix.isEmpty, tail.hasPrefix(sitePrefix + "/") { tail = tail.dropFirst(sitePrefix.count + 1) }
        }
        let order = [template, "layout"].compactMap { $0 } + names.filter { $0 != template && $0 != "layout" }
        if !tail.isEmpty {
            for name in order {
                guard let lines = lines[name] else { continue }
                for (index, line) in lines.enumerated() {
                    for quote in ["\"", "'"] {
                        guard let range = line.range(of: tail + quote) else { continue }
                        let column = line[..<range.lowerBound].count + 1
                        return SourceLocation(file: directory + "/" + name + ".mustache", line: index + 1, column: column)
                    }
                }
            }
        }
        if let template, lines[template] != nil { return SourceLocation(file: directory + "/" + template + ".mustache") }
        return SourceLocation(file: directory)
    }
}
