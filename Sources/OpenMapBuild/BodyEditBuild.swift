import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// `openmap build` when the only sources that changed since the previous build are Markdown
/// bodies (of roadmaps, Matinales, free pages, testimonials), their front matter untouched: the
/// commonest edit, prose. Nothing else of the site can depend on a body (bodies are only shown
/// as they are rendered, `SiteBuilder.renderBody`), so only those bodies are rendered again and
/// put in place of the old ones in the pages they are on, which are checked like any page;
/// the rest of the content is not even read, nor the rest of the site: a file of the site
/// edited or added by hand is put right by the next whole build.
///
/// Whenever anything is in doubt — another file changed, a body became empty, an error, a
/// heading another page links to is gone, a page is not as the previous build wrote it — it
/// gives up before writing anything and the whole pipeline runs, so the result is always the
/// clean build's.
struct BodyEditBuild {
    let options: BuildOptions

    /// What changed, from the previous build's caches.
    private struct Plan {
        var output: String
        var manifest: ManifestLines
        /// The `ContentHash` of every path the manifest lists (see `ManifestLines.pathHashes`).
        var published: Set<UInt64>
        var cache: BodyCache
        var snapshot: [String: FileStamp]
        /// Content files (relative to content/) whose body changed.
        var files: [String]
    }

    /// A value made on another thread, waited for when asked.
    private final class Later<Value>: @unchecked Sendable {
        private var made: Value?
        private let done = DispatchSemaphore(value: 0)
        init(_ make: @escaping @Sendable () -> Value) {
            DispatchQueue.global().async {
                self.made = make()
                self.done.signal()
            }
        }
        var value: Value? {
            done.wait()
            done.signal()
            return made
        }
    }

    /// A body rendered again.
    private struct Edit {
        var record: Int
        var html: [UInt8]
        var rendered: RenderedMarkdown
    }

    private struct Rendered {
        var edits: [Edit]
        /// Per content file, where its body starts (its diagnostics there are its body's).
        var bodyStarts: [String: SourceLocation]
        /// Per page whose headings changed, its ids now.
        var pageAnchors: [String: Set<String>] = [:]
    }

    /// The build's report, or nil when the whole pipeline must run.
    func run() -> BuildReport? {
        var clock = PhaseClock()
        guard let plan = clock.measure("compare", { compare() }) else { return nil }
        guard let rendered = clock.measure("bodies", { render(plan) }) else { return nil }
        guard let written = clock.measure("write", { write(rendered, plan) }) else { return nil }
        if !options.freesMemoryWhenDone {
            // The process ends here: what was read is left to its end (see `BuildOptions`).
            _ = Unmanaged.passRetained(LeftUntilExit(plan))
        }
        var sources: [String: String] = [:]
        for file in Set(written.diagnostics.map(\.file)) {
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                sources[file] = text.replacingOccurrences(of: "\r\n", with: "\n")
            }
        }
        return BuildReport(diagnostics: written.diagnostics, sources: sources, phases: clock.phases,
                           filesWritten: plan.cache.fileCount, filesRewritten: written.pages,
                           pages: plan.cache.pageCount, pagesRendered: written.pages)
    }

    // MARK: - Compare

    private func compare() -> Plan? {
        let output = OutputWriter(outputDirectory: options.outputDirectory).outputDirectory.path
        // The manifest (megabytes) is read and hashed on the second core meanwhile.
        let manifest = Later { ManifestLines.read(from: output).map { ($0, ContentHash.hash($0.bytes), $0.pathHashes()) } }
        let folders = [options.contentDirectory, options.templatesDirectory]
        let stamps = Later { SourceSnapshot.take(folders) }
        guard let cache = BodyCache.load(from: output), cache.optionsKey == BodyCache.optionsKey(options),
              let snapshot = stamps.value else { return nil }
        guard snapshot.count == cache.sources.count else { return nil }
        let contentPrefix = options.contentDirectory + "/"
        var files: [String] = []
        for (path, stamp) in snapshot where cache.sources[path] != stamp {
            // A file added, or any change but a content file's: the whole pipeline.
            guard cache.sources[path] != nil, path.hasPrefix(contentPrefix) else { return nil }
            files.append(String(path.dropFirst(contentPrefix.count)))
        }
        // (Nothing changed: the whole pipeline checks every file of the site, as it checks
        // those it keeps, and puts back any edited or added by hand.)
        guard !files.isEmpty else { return nil }
        let edited = Set(files)
        let records = cache.bodies.filter { edited.contains($0.contentFile) }
        for file in edited where cache.frontMatterKeys[file] == nil || !records.contains(where: { $0.contentFile == file }) {
            return nil
        }
        // Every place of an edited body must be known.
        guard records.allSatisfy({ $0.offset != nil }), let (lines, hash, published) = manifest.value ?? nil,
              hash == cache.manifestHash else { return nil }
        return Plan(output: output, manifest: lines, published: published, cache: cache, snapshot: snapshot,
                    files: files.sorted())
    }

    // MARK: - Render

    private func render(_ plan: Plan) -> Rendered? {
        let loader = ContentLoader(contentDirectory: options.contentDirectory)
        // Links are looked up in the previous build's cache, a path at a time.
        var links = ContentLinks()
        links.allowsRawHTML = plan.cache.allowsRawHTML
        links.lookup = plan.cache.linkSection
        let markdown = links.markdownRenderer
        var result = Rendered(edits: [], bodyStarts: [:])
        for file in plan.files {
            guard let read = loader.markdownBody(ofFile: file), read.frontMatterKey == plan.cache.frontMatterKeys[file],
                  !read.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
            result.bodyStarts[file] = read.body.location
            for (index, record) in plan.cache.bodies.enumerated() where record.contentFile == file {
                let rendered = links.render(read.body, contentFile: file, page: record.page, with: markdown)
                guard let html = rendered.html, !rendered.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
                result.edits.append(Edit(record: index, html: Array(html.utf8), rendered: rendered))
            }
        }
        // Headings are anchors: one that went away must not be linked to, and links to anchors
        // must find them, on the pages as they now are.
        var removed: [String: Set<String>] = [:]
        var added: [String: Set<String>] = [:]
        for edit in result.edits {
            let page = plan.cache.bodies[edit.record].page
            let now = Set(edit.rendered.headingIDs)
            let before = Set(plan.cache.bodies[edit.record].headingIDs)
            if before != now {
                removed[page, default: []].formUnion(before.subtracting(now))
                added[page, default: []].formUnion(now)
            }
        }
        let section = plan.cache.linkSection
        for (page, ids) in removed where ids.contains(where: { section.isAnchorTarget(page + "#" + $0) }) {
            return nil
        }
        // (An id that went away may be another's too, a need's say: dropping it can only send a
        // later link to it through the whole pipeline.)
        for page in Set(removed.keys).union(added.keys) {
            result.pageAnchors[page] = section.anchors(of: page).subtracting(removed[page] ?? []).union(added[page] ?? [])
        }
        for link in result.edits.flatMap(\.rendered.anchorLinks) {
            guard (result.pageAnchors[link.page] ?? section.anchors(of: link.page)).contains(link.anchor) else { return nil }
        }
        return result
    }

    // MARK: - Write

    private func write(_ rendered: Rendered, _ plan: Plan) -> (diagnostics: [Diagnostic], pages: Int)? {
        var cache = plan.cache
        let manifest = plan.manifest
        let editsByRecord = Dictionary(rendered.edits.map { ($0.record, $0) }, uniquingKeysWith: { first, _ in first })
        let pages = Set(rendered.edits.map { cache.bodies[$0.record].outputPath }).sorted()

        // Each page: the previous build's bytes, checked, with the edited bodies put in place.
        var made: [(path: String, bytes: [UInt8], previousAnchors: [UInt64])] = []
        for page in pages {
            let file = plan.output + "/" + page
            guard let entry = manifest.entry(of: page), let previousAnchors = entry.anchors,
                  BuildCache.isIntact(file, key: entry.key, writtenAt: manifest.writtenAt),
                  let data = FileManager.default.contents(atPath: file) else { return nil }
            let old = [UInt8](data)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(old.count + 4096)
            var copied = 0
            let onPage = cache.bodies.indices.filter { cache.bodies[$0].outputPath == page }
                .sorted { (cache.bodies[$0].offset ?? -1) < (cache.bodies[$1].offset ?? -1) }
            for index in onPage {
                let record = cache.bodies[index]
                guard let offset = record.offset else { continue }
                guard offset >= copied, offset + record.length <= old.count else { return nil }
                bytes += old[copied..<offset]
                cache.bodies[index].offset = bytes.count
                if let edit = editsByRecord[index] {
                    guard ContentHash.hash(Array(old[offset..<offset + record.length])) == record.htmlHash else { return nil }
                    bytes += edit.html
                    cache.bodies[index].length = edit.html.count
                    cache.bodies[index].htmlHash = ContentHash.hash(edit.html)
                    cache.bodies[index].headingIDs = edit.rendered.headingIDs
                } else {
                    bytes += old[offset..<offset + record.length]
                }
                copied = offset + record.length
            }
            bytes += old[copied...]
            made.append((page, bytes, previousAnchors))
        }

        // The pages' links, as a whole build checks them; their ids, kept for the next build.
        let published = plan.published
        let linkCheck = TemplateLinkCheck(isPublished: { published.contains(ContentHash.hash($0)) }, count: 0,
                                          templatesDirectory: options.templatesDirectory, sitePathPrefix: cache.sitePathPrefix)
        var entries: [(path: String, key: String, viewKey: String?, anchors: [UInt64]?)] = []
        for page in made {
            let anchors = linkCheck.scan(page: page.path, html: page.bytes)
            // An id another page may link to is gone: the whole pipeline checks every page.
            guard Set(anchors).isSuperset(of: page.previousAnchors), let key = BuildCache.key(for: .bytes(page.bytes)) else { return nil }
            // Made otherwise than from its view: the next whole build renders it again.
            entries.append((page.path, key, BuildCache.unknownViewKey, anchors))
        }
        // The ids of the other pages those links point to, from the manifest.
        for target in linkCheck.anchorTargetPages() where !pages.contains(target) {
            if let anchors = manifest.entry(of: target)?.anchors { linkCheck.add(anchors: anchors) }
        }
        guard linkCheck.diagnostics().isEmpty, let manifestBytes = manifest.replacing(entries) else { return nil }

        // The diagnostics: the previous build's, but those of the edited bodies, found again.
        var diagnostics = cache.diagnostics.filter { diagnostic in
            !rendered.bodyStarts.values.contains { diagnostic.file == $0.file && diagnostic.line >= $0.line }
        }
        var seen = Set(diagnostics)
        for edit in rendered.edits {
            for diagnostic in edit.rendered.diagnostics where seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
            cache.linkSection = cache.linkSection.adding(anchorTargets: Set(edit.rendered.anchorLinks.map { $0.page + "#" + $0.anchor }))
        }
        for (page, ids) in rendered.pageAnchors { cache.linkSection = cache.linkSection.replacingAnchors(of: page, with: ids) }
        diagnostics = DiagnosticBag(diagnostics).sorted
        cache.diagnostics = diagnostics
        cache.sources = plan.snapshot
        cache.manifestHash = ContentHash.hash(manifestBytes)

        // Staged beside the site, then renamed over its pages; the manifest last.
        let outputURL = URL(fileURLWithPath: plan.output)
        let staging = outputURL.deletingLastPathComponent().appendingPathComponent(".\(outputURL.lastPathComponent).openmap-new").path
        do {
            try? FileManager.default.removeItem(atPath: staging)
            try FastFile.makeFolder(staging)
            defer { try? FileManager.default.removeItem(atPath: staging) }
            var staged: [(from: String, to: String)] = []
            for (index, page) in made.enumerated() {
                try FastFile.save(page.bytes, to: staging + "/" + String(index))
                staged.append((staging + "/" + String(index), page.path))
            }
            try OutputWriter.replaceInPlace(in: plan.output, staged: staged, staging: staging, manifest: manifestBytes,
                                            bodyCache: cache.serialized(links: nil))
        } catch {
            return nil
        }
        return (diagnostics, made.count)
    }
}
