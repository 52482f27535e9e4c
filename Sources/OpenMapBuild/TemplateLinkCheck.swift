import Diagnostics
import Foundation
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
final class TemplateLinkCheck: @unchecked Sendable {
    /// Whether a file is published (its path relative to the output folder).
    private let isPublished: (String) -> Bool
    private let templatesDirectory: String
    /// The base URL's path without slashes ("" or "openmap"): root-relative links start with it.
    private let sitePrefix: String

    private let lock = NSLock()
    /// `ContentHash` of "page#id" for every id of every scanned page.
    private var ids: Set<UInt64> = []
    /// "target#anchor" → the first page and link pointing to it, checked once every page is in.
    private var anchorLinks: [String: Origin] = [:]
    /// Links to files that are not published, by problem (one report per problem).
    private var problems: [String: Origin] = [:]

    /// Where a link was found: the page, the link as written, the page's template.
    struct Origin {
        var page: String
        var link: String
        var template: String?
    }

    convenience init(published: Set<String>, templatesDirectory: String, sitePathPrefix: String) {
        self.init(isPublished: published.contains, count: published.count, templatesDirectory: templatesDirectory,
                  sitePathPrefix: sitePathPrefix)
    }

    /// `count`: about how many files there are.
    init(isPublished: @escaping (String) -> Bool, count: Int, templatesDirectory: String, sitePathPrefix: String) {
        self.isPublished = isPublished
        self.templatesDirectory = templatesDirectory
        self.sitePrefix = sitePathPrefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        // About twenty ids a page: reserved once rather than grown (and copied) step by step.
        ids.reserveCapacity(count * 20)
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
        lock.lock()
        defer { lock.unlock() }
        ids.formUnion(anchors)
    }

    /// The pages that links to anchors found so far point to.
    func anchorTargetPages() -> Set<String> {
        lock.withLock { Set(anchorLinks.keys.map { String($0[..<($0.lastIndex(of: "#") ?? $0.endIndex)]) }) }
    }

    @discardableResult
    func scan(page: String, html: [UInt8], template: String? = nil) -> [UInt64] {
        let found = Self.attributeValues(["id", "href", "src"], in: html)
        let folder = page.split(separator: "/").dropLast()
        var pageIDs: [UInt64] = []
        pageIDs.reserveCapacity(found[0].count)
        for id in found[0] { pageIDs.append(ContentHash.hash(Array((page + "#" + id).utf8))) }
        var anchors: [(key: String, link: String)] = []
        var broken: [(problem: String, link: String)] = []
        var seen: Set<String> = []
        for link in found[1] + found[2] where seen.insert(link).inserted {
            switch Self.resolve(link, folder: folder, page: page, sitePrefix: sitePrefix) {
            case .external:
                continue
            case .broken(let problem):
                broken.append((problem, link))
            case .target(let target, let fragment):
                if !isPublished(target) {
                    broken.append(("leads to « /\(target) », which is not published", link))
                } else if let fragment, !fragment.isEmpty {
                    anchors.append((target + "#" + fragment, link))
                }
            }
        }
        pageIDs.sort()
        lock.lock()
        defer { lock.unlock() }
        ids.formUnion(pageIDs)
        for anchor in anchors where anchorLinks[anchor.key] == nil {
            anchorLinks[anchor.key] = Origin(page: page, link: anchor.link, template: template)
        }
        for problem in broken where problems[problem.problem] == nil {
            problems[problem.problem] = Origin(page: page, link: problem.link, template: template)
        }
        return pageIDs
    }

    /// Every broken link found, once every page has been scanned; sorted, so the same for any
    /// order of scanning.
    func diagnostics() -> [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        var found = problems
        for (key, origin) in anchorLinks where !ids.contains(ContentHash.hash(Array(key.utf8))) {
            guard let hash = key.lastIndex(of: "#") else { continue }
            let problem = "points to the anchor « \(key[hash...]) », which is not on « /\(key[..<hash]) »"
            if found[problem] == nil { found[problem] = origin }
        }
        // A link in the layout breaks on every page (written « ../x/ », « ../../x/ »…): say it
        // once per target.
        guard !found.isEmpty else { return [] }
        let templates = TemplateSources(directory: templatesDirectory)
        return found.sorted { $0.key < $1.key }.map { problem, origin in
            .error("broken-template-link", "the link « \(origin.link) » on the page « /\(origin.page) » \(problem)",
                   at: templates.location(of: origin.link, preferring: origin.template, sitePrefix: sitePrefix),
                   hint: "this link is built by a template (or a value it shows); check the template of that page and its partials")
        }
    }

    enum Resolution: Equatable {
        case external
        case broken(String)
        /// An output path (`besoins/index.html`) and the anchor, if any.
        case target(String, fragment: String?)
    }

    /// Where a link of the page in `folder` leads. Template links are mostly `root + path`
    /// (« ../../besoins/ »), so this works on the string's parts without regular expressions.
    static func resolve(_ link: String, folder: ArraySlice<Substring>, page: String, sitePrefix: String) -> Resolution {
        let decoded = link.utf8.contains(UInt8(ascii: "&")) ? link.replacingOccurrences(of: "&amp;", with: "&") : link
        if decoded.isEmpty { return .broken("is empty") }
        if decoded.hasPrefix("//") || hasScheme(decoded) { return .external }
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
                if parts.isEmpty { return .broken("leads above the site's root") }
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
        var rest = Substring(link)
        var climbs = 0
        while rest.hasPrefix("../") {
            rest = rest.dropFirst(3)
            climbs += 1
        }
        guard climbs == folder.count else { return nil }
        // Segments must be plain: not empty (« // »), « . » or « .. ».
        var segmentLength = 0
        var segmentDots = 0
        for byte in rest.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: ":"):
                return nil
            case UInt8(ascii: "/"):
                if segmentLength == 0 || segmentDots == segmentLength { return nil }
                segmentLength = 0
                segmentDots = 0
            default:
                segmentLength += 1
                if byte == UInt8(ascii: ".") { segmentDots += 1 }
            }
        }
        if segmentLength > 0 && segmentDots == segmentLength { return nil }
        if rest.isEmpty { return "index.html" }
        return rest.hasSuffix("/") ? rest + "index.html" : String(rest)
    }

    /// « https: », « mailto: »…: a letter, then letters, digits, « + », « - » or « . », then « : ».
    static func hasScheme(_ link: String) -> Bool {
        var first = true
        for byte in link.utf8 {
            if byte == UInt8(ascii: ":") { return !first }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let allowed = first ? isLetter : isLetter || isDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            if !allowed { return false }
            first = false
        }
        return false
    }

    /// The values of each named attribute, double- or single-quoted, in document order, found in
    /// one pass over the page (this runs over every page of the site: no copy per candidate).
    static func attributeValues(_ names: [String], in html: [UInt8]) -> [[String]] {
        let needles = names.map { Array(" \($0)=".utf8) }
        var values = Array(repeating: [String](), count: names.count)
        html.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: " "),
                      let which = needles.firstIndex(where: { needle in
                          index + needle.count < bytes.count && bytes[index..<index + needle.count].elementsEqual(needle)
                      })
                else {
                    index += 1
                    continue
                }
                var cursor = index + needles[which].count
                let quote = bytes[cursor]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { index = cursor; continue }
                cursor += 1
                let start = cursor
                while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                values[which].append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self))
                index = cursor
            }
        }
        return values
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
