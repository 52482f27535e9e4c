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
    /// What else a build depends on (folders, base URL, today): `BodyCache.optionsKey`.
    var optionsKey: String = ""
    /// The base URL's path, which root-relative links of the templates start with.
    var sitePathPrefix: String = ""
    /// site.yaml's `unsafe_html`.
    var allowsRawHTML = false
    /// Every visible file of the content and templates folders, as `SourceSnapshot` names them,
    /// stamped before the build read them.
    var sources: [String: FileStamp] = [:]
    /// Content file (relative to content/) → key of what precedes its body.
    var frontMatterKeys: [String: UInt64] = [:]
    var bodies: [Body] = []
    /// The build's diagnostics (warnings: it succeeded).
    var diagnostics: [Diagnostic] = []
    /// The links section, read only when an edited body needs it (`links()`).
    private var linksSection: ArraySlice<UInt8> = []

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

        /// The ids a page had.
        func anchors(of page: String) -> Set<String> {
            pageAnchors[page] ?? (links.pagePaths.contains(page) ? ContentLinks.layoutAnchors : [])
        }
    }

    static func optionsKey(_ options: BuildOptions) -> String {
        [options.contentDirectory, options.templatesDirectory, options.baseURL ?? "-", options.today?.description ?? "-"]
            .joined(separator: "\u{1F}")
    }

    /// The output path of the page at a site path (pages with bodies are `x/index.html`).
    static func outputPath(ofPage page: String) -> String { page + "index.html" }

    // MARK: - Writing

    /// The file's bytes; nil when a name cannot be written on a line (a tab or a line feed).
    /// Without `links`, the links section read is written back as it was.
    func serialized(links: Links?) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        var writable = true
        func line(_ tag: String, _ fields: [String]) {
            for field in fields where field.utf8.contains(where: { $0 == 9 || $0 == 10 }) { writable = false }
            out += tag.utf8
            for field in fields {
                out.append(9)
                out += field.utf8
            }
            out.append(10)
        }
        out += (Self.formatLine + "\n").utf8
        line("M", [String(manifestHash, radix: 16)])
        line("O", [optionsKey])
        line("X", [sitePathPrefix])
        line("R", [allowsRawHTML ? "1" : "0"])
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
            out += linksSection
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
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        return parse([UInt8](data))
    }

    static func parse(_ bytes: [UInt8]) -> BodyCache? {
        var cache = BodyCache()
        var lines = bytes[...].split(separator: 10, maxSplits: .max, omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), first.elementsEqual(formatLine.utf8) else { return nil }
        let decoder = JSONDecoder()
        var position = bytes.startIndex
        for line in lines {
            if line.elementsEqual("--- links".utf8) {
                position = line.endIndex
                break
            }
            let fields = line.split(separator: 9, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard let tag = fields.first else { return nil }
            switch tag {
            case "M":
                guard fields.count == 2, let hash = UInt64(fields[1], radix: 16) else { return nil }
                cache.manifestHash = hash
            case "O":
                guard fields.count == 2 else { return nil }
                cache.optionsKey = fields[1]
            case "R":
                guard fields.count == 2 else { return nil }
                cache.allowsRawHTML = fields[1] == "1"
            case "X":
                guard fields.count == 2 else { return nil }
                cache.sitePathPrefix = fields[1]
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
        guard position > bytes.startIndex else { return nil }
        cache.linksSection = bytes[position...]
        return cache
    }

    /// The links section, read now.
    func links() -> Links? {
        var links = Links()
        links.links.allowsRawHTML = allowsRawHTML
        for line in linksSection.split(separator: 10) {
            let fields = line.split(separator: 9, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count >= 2 else { return nil }
            switch fields[0] {
            case "P": links.links.pagePaths.insert(fields[1])
            case "F": links.links.filePaths.insert(fields[1])
            case "C":
                guard fields.count == 3 else { return nil }
                links.links.contentFiles[fields[1]] = fields[2]
            case "U": links.links.unpublishedFiles.insert(fields[1])
            case "A": links.links.assets.insert(fields[1])
            case "N": links.pageAnchors[fields[1]] = Set(fields.dropFirst(2))
            case "T": links.anchorTargets.insert(fields[1])
            default: return nil
            }
        }
        return links
    }
}
