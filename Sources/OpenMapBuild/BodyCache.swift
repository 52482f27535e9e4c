import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// What a build keeps, beside the manifest, so that the next one can take in an edit to a
/// Markdown body alone (the commonest edit: prose) without loading the whole content: which
/// sources it read, the key of each Markdown file's front matter, where each body ended up in the
/// pages, what the bodies' links were resolved against, and the build's warnings.
///
/// Kept in the output folder (`.openmap-bodies`) and tied to the manifest by its hash: written
/// just before it, it is trusted only with the manifest it was written with.
struct BodyCache {
    static let fileName = ".openmap-bodies"
    static let formatLine = "openmap-bodies 1"

    /// `ContentHash` of the manifest's bytes.
    var manifestHash: UInt64 = 0
    /// What else a build depends on (folders, base URL, today, the program): `BodyCache.optionsKey`.
    var optionsKey: String = ""
    /// The base URL's path, which root-relative links of the templates start with.
    var sitePathPrefix: String = ""
    /// site.yaml's `unsafe_html`.
    var allowsRawHTML = false
    /// Files in the site, and pages among them.
    var fileCount = 0
    var pageCount = 0
    /// Every visible file of the content and templates folders, as `SourceSnapshot` names them,
    /// stamped before the build read them.
    var sources: [String: FileStamp] = [:]
    /// Content file (relative to content/) → key of what precedes its body.
    var frontMatterKeys: [String: UInt64] = [:]
    var bodies: [Body] = []
    /// The build's diagnostics (warnings: it succeeded).
    var diagnostics: [Diagnostic] = []
    /// The links section as it was read, looked up only where an edited body needs it.
    var linkSection = LinkSection(bytes: [])

    /// A body as rendered on one page.
    struct Body {
        var contentFile: String
        var page: String
        /// The page's file, relative to the output folder.
        var outputPath: String
        /// Where the rendered body is in the page's bytes; nil when it is not there exactly once.
        var offset: Int?
        var length: Int
        var htmlHash: UInt64
        var headingIDs: [String]
    }

    /// What the bodies' links were resolved against, and the anchors they could point to.
    struct Links {
        var links = ContentLinks()
        /// Page → its ids, as the build registered them (pages with only the layout's ids are left out).
        var pageAnchors: [String: Set<String>] = [:]
        /// « page#anchor » for every anchor a Markdown link points to.
        var anchorTargets: Set<String> = []

    }

    /// The bytes of the cache a whole build keeps with the site it wrote: `sources` stamped
    /// before it read them, the front-matter keys the loader found, where `bodies` found each
    /// body, and the build's diagnostics.
    static func kept(with prepared: PreparedSite, bodies: BodyLocator, pageCount: Int, sources: [String: FileStamp],
                     frontMatterKeys: [String: UInt64], diagnostics: [Diagnostic], sitePathPrefix: String,
                     options: BuildOptions, manifestHash: UInt64) -> [UInt8]? {
        var cache = BodyCache()
        (cache.manifestHash, cache.optionsKey, cache.sitePathPrefix) = (manifestHash, optionsKey(options), sitePathPrefix)
        (cache.allowsRawHTML, cache.fileCount, cache.pageCount) = (prepared.links.allowsRawHTML, prepared.paths.count, pageCount)
        cache.sources = sources
        cache.bodies = bodies.records()
        for file in Set(cache.bodies.map(\.contentFile)) { cache.frontMatterKeys[file] = frontMatterKeys[file] }
        cache.diagnostics = diagnostics
        return cache.serialized(links: Links(links: prepared.links, pageAnchors: prepared.pageAnchors, anchorTargets: prepared.anchorTargets))
    }

    static func optionsKey(_ options: BuildOptions) -> String {
        [options.contentDirectory, options.templatesDirectory, options.baseURL ?? "-", options.today?.description ?? "-",
         SourceSnapshot.programStamp].joined(separator: "\u{1F}")
    }

    /// The output path of the page at a site path (pages with bodies are `x/index.html`).
    static func outputPath(ofPage page: String) -> String { page + "index.html" }

    // MARK: - Writing

    /// The file's bytes; nil when a name cannot be written on a line (a tab or a line feed).
    /// Without `links`, the links section read is written back (`linkSection`).
    func serialized(links: Links?) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        var writable = true
        func line(_ tag: String, _ fields: [String]) {
            out += tag.utf8
            for field in fields {
                out.append(9)
                let start = out.count
                out += field.utf8
                if out[start...].contains(where: { $0 == 9 || $0 == 10 }) { writable = false }
            }
            out.append(10)
        }
        out += (Self.formatLine + "\n").utf8
        line("M", [String(manifestHash, radix: 16)])
        line("O", [optionsKey])
        line("X", [sitePathPrefix])
        line("R", [allowsRawHTML ? "1" : "0"])
        line("Z", [String(fileCount), String(pageCount)])
        for path in sources.keys.sorted() {
            guard let stamp = sources[path] else { continue }
            line("S", [String(stamp.size), String(stamp.modified), path])
        }
        for file in frontMatterKeys.keys.sorted() {
            line("K", [String(frontMatterKeys[file] ?? 0, radix: 16), file])
        }
        for body in bodies {
            line("B", [body.offset.map { String($0) } ?? "-", String(body.length), String(body.htmlHash, radix: 16),
                       body.contentFile, body.page] + body.headingIDs)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for diagnostic in diagnostics {
            guard let json = try? encoder.encode(diagnostic) else { return nil }
            line("W", [String(decoding: json, as: UTF8.self)])
        }
        // Read only when needed: everything below.
        guard let links else {
            out += "--- links".utf8
            out += linkSection.bytes
            return writable ? out : nil
        }
        out += "--- links\n".utf8
        for path in links.links.pagePaths.sorted() { line("P", [path]) }
        for path in links.links.filePaths.sorted() { line("F", [path]) }
        for file in links.links.contentFiles.keys.sorted() { line("C", [file, links.links.contentFiles[file] ?? ""]) }
        for file in links.links.unpublishedFiles.sorted() { line("U", [file]) }
        for asset in links.links.assets.sorted() { line("A", [asset]) }
        for page in links.pageAnchors.keys.sorted() {
            guard let ids = links.pageAnchors[page], ids != ContentLinks.layoutAnchors else { continue }
            line("N", [page] + ids.sorted())
        }
        for target in links.anchorTargets.sorted() { line("T", [target]) }
        return writable ? out : nil
    }

    // MARK: - Reading

    /// The cache in `folder`, or nil when there is none or it is not of this format.
    static func load(from folder: String) -> BodyCache? {
        Bytes.contents(of: folder + "/" + fileName).flatMap(parse)
    }

    static func parse(_ bytes: [UInt8]) -> BodyCache? {
        var cache = BodyCache()
        let lines = Bytes.lines(of: bytes)
        guard let first = lines.first, bytes[first].elementsEqual(formatLine.utf8) else { return nil }
        cache.sources.reserveCapacity(lines.count / 3)
        let decoder = JSONDecoder()
        for line in lines.dropFirst() {
            if bytes[line].elementsEqual("--- links".utf8) {
                cache.linkSection = LinkSection(bytes: Array(bytes[line.upperBound...]))
                return cache
            }
            let fields = Bytes.fields(of: bytes, in: line)
            switch fields[0] {
            case "M":
                guard fields.count == 2, let hash = UInt64(fields[1], radix: 16) else { return nil }
                cache.manifestHash = hash
            case "O":
                guard fields.count == 2 else { return nil }
                cache.optionsKey = fields[1]
            case "X":
                guard fields.count == 2 else { return nil }
                cache.sitePathPrefix = fields[1]
            case "R":
                guard fields.count == 2 else { return nil }
                cache.allowsRawHTML = fields[1] == "1"
            case "Z":
                guard fields.count == 3, let files = Int(fields[1]), let pages = Int(fields[2]) else { return nil }
                (cache.fileCount, cache.pageCount) = (files, pages)
            case "S":
                guard fields.count == 4, let size = Int64(fields[1]), let modified = Int64(fields[2]) else { return nil }
                cache.sources[fields[3]] = FileStamp(size: size, modified: modified)
            case "K":
                guard fields.count == 3, let key = UInt64(fields[1], radix: 16) else { return nil }
                cache.frontMatterKeys[fields[2]] = key
            case "B":
                guard fields.count >= 6, let length = Int(fields[2]), let hash = UInt64(fields[3], radix: 16) else { return nil }
                cache.bodies.append(Body(contentFile: fields[4], page: fields[5], outputPath: outputPath(ofPage: fields[5]),
                                         offset: Int(fields[1]), length: length, htmlHash: hash,
                                         headingIDs: Array(fields.dropFirst(6))))
            case "W":
                guard fields.count == 2, let diagnostic = try? decoder.decode(Diagnostic.self, from: Data(fields[1].utf8)) else { return nil }
                cache.diagnostics.append(diagnostic)
            default:
                return nil
            }
        }
        return nil  // no links section: cut short
    }

    /// Where the links section of a cache's bytes starts; nil when it has none.
    static func linksSectionStart(in bytes: [UInt8]) -> Int? {
        Bytes.find(Array("\n--- links\n".utf8), in: bytes).map { $0 + "\n--- links".utf8.count }
    }
}

/// The links section of a body cache, as its bytes (a line feed, then lines that each end with
/// one): what an edited body's links need is looked up there, a path at a time, rather than
/// tens of thousands of lines read into sets.
struct LinkSection: ContentLinkLookup {
    let bytes: [UInt8]

    func isPage(_ path: String) -> Bool { has("P", path) }
    func isFile(_ path: String) -> Bool { has("F", path) }
    func isAsset(_ file: String) -> Bool { has("A", file) }
    func isUnpublished(_ file: String) -> Bool { has("U", file) }
    /// Whether a Markdown link points to « page#anchor ».
    func isAnchorTarget(_ target: String) -> Bool { has("T", target) }

    func publishedPath(ofContentFile file: String) -> String? {
        values("C", file)?.first
    }

    /// The ids a page had.
    func anchors(of page: String) -> Set<String> {
        if let ids = values("N", page) { return Set(ids) }
        return isPage(page) ? ContentLinks.layoutAnchors : []
    }

    /// The section with these anchor targets too.
    func adding(anchorTargets: Set<String>) -> LinkSection {
        var bytes = self.bytes
        for target in anchorTargets.sorted() where !isAnchorTarget(target) {
            bytes += Array("T\t\(target)\n".utf8)
        }
        return LinkSection(bytes: bytes)
    }

    /// The section with the ids of `page` set to `ids`.
    func replacingAnchors(of page: String, with ids: Set<String>) -> LinkSection {
        var bytes = self.bytes
        if let range = Bytes.line(startingWith: Array("N\t\(page)".utf8), in: bytes) {
            bytes.removeSubrange(range.lowerBound..<min(range.upperBound + 1, bytes.count))  // with its line feed
        }
        bytes += Array((["N", page] + ids.sorted()).joined(separator: "\t").utf8) + [10]
        return LinkSection(bytes: bytes)
    }

    private func has(_ tag: Character, _ value: String) -> Bool {
        Bytes.find(Array("\n\(tag)\t\(value)\n".utf8), in: bytes) != nil
    }

    /// The other fields of the line « tag \t key … »; nil without such a line.
    private func values(_ tag: Character, _ key: String) -> [String]? {
        let head = Array("\(tag)\t\(key)".utf8)
        guard let range = Bytes.line(startingWith: head, in: bytes) else { return nil }
        let keyEnd = range.lowerBound + head.count
        return keyEnd >= range.upperBound ? [] : Bytes.fields(of: bytes, in: (keyEnd + 1)..<range.upperBound)
    }
}
