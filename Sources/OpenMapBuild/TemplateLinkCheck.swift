import Diagnostics
import Foundation
import OpenMapRender

/// Checks the internal links of the rendered pages: every `href` and `src` that is not an
/// external URL must name a published file, and its `#anchor` an id on that page. Links from
/// Markdown bodies are already checked (with their source position) while rendering, so what
/// is left to find here are the links the templates build.
enum TemplateLinkCheck {
    static func check(_ files: [OutputFile], templatesDirectory: String, sitePathPrefix: String = "") -> [Diagnostic] {
        let published = Set(files.map(\.path))
        var pages: [(path: String, html: String)] = []
        for file in files where file.path.hasSuffix(".html") {
            if case .bytes(let bytes) = file.contents { pages.append((file.path, String(decoding: bytes, as: UTF8.self))) }
        }
        var idsByPage: [String: Set<String>] = [:]
        var linksByPage: [String: [String]] = [:]
        for page in pages {
            let found = attributeValues(["id", "href", "src"], in: page.html)
            idsByPage[page.path] = Set(found[0])
            linksByPage[page.path] = found[1] + found[2]
        }

        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for page in pages {
            for link in linksByPage[page.path] ?? [] {
                guard let problem = problem(with: link, on: page.path, published: published, ids: idsByPage,
                                            sitePathPrefix: sitePathPrefix) else { continue }
                // A link in the layout breaks on every page (written « ../x/ », « ../../x/ »…):
                // say it once per target.
                guard reported.insert(problem).inserted else { continue }
                diagnostics.append(.error(
                    "broken-template-link", "the link « \(link) » on the page « /\(page.path) » \(problem)",
                    at: SourceLocation(file: templatesDirectory),
                    hint: "this link is built by a template (or a value it shows); check the template of that page and its partials"))
            }
        }
        return diagnostics
    }

    /// Why the link is broken, or nil when it resolves (or is not internal).
    static func problem(with link: String, on page: String, published: Set<String>, ids: [String: Set<String>],
                        sitePathPrefix: String) -> String? {
        let decodedLink = link.replacingOccurrences(of: "&amp;", with: "&")
        if decodedLink.isEmpty { return "is empty" }
        if decodedLink.hasPrefix("//") || decodedLink.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil {
            return nil
        }
        var pathPart = decodedLink
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            pathPart = String(pathPart[..<hash])
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = String(pathPart[..<query]) }
        pathPart = pathPart.removingPercentEncoding ?? pathPart

        let target: String
        if pathPart.isEmpty {
            target = page
        } else {
            let base: [Substring]
            var relative = pathPart
            if pathPart.hasPrefix("/") {
                base = []
                relative = String(pathPart.dropFirst())
                let prefix = sitePathPrefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                if !prefix.isEmpty, relative.hasPrefix(prefix + "/") { relative = String(relative.dropFirst(prefix.count + 1)) }
            } else {
                base = page.split(separator: "/").dropLast()
            }
            var parts = Array(base)
            for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
                if part == "." { continue }
                if part == ".." {
                    if parts.isEmpty { return "leads above the site's root" }
                    parts.removeLast()
                } else {
                    parts.append(part)
                }
            }
            var joined = parts.joined(separator: "/")
            if relative.hasSuffix("/") || joined.isEmpty { joined += joined.isEmpty ? "index.html" : "/index.html" }
            target = joined
        }
        guard published.contains(target) else { return "leads to « /\(target) », which is not published" }
        if let fragment, !fragment.isEmpty, let known = ids[target], !known.contains(fragment) {
            return "points to the anchor « #\(fragment) », which is not on « /\(target) »"
        }
        return nil
    }

    /// The values of each named attribute, double- or single-quoted, in document order, found in
    /// one pass over the page (this runs over every page of the site: no copy per candidate).
    static func attributeValues(_ names: [String], in html: String) -> [[String]] {
        let needles = names.map { Array(" \($0)=".utf8) }
        var values = Array(repeating: [String](), count: names.count)
        let bytes = Array(html.utf8)
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
            values[which].append(String(decoding: bytes[start..<cursor], as: UTF8.self))
            index = cursor
        }
        return values
    }
}
