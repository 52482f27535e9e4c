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
/// When no source changed at all, nothing is rendered: the site is checked to be exactly as the
/// previous build wrote it (each file's length and time, each folder's time), and stands.
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

    /// The build's report, or nil when the whole pipeline must run.
    func run() -> BuildReport? {
        var clock = PhaseClock()
        guard let plan = clock.measure("compare", { compare() }) else { return nil }
        if plan.files.isEmpty {
            // Nothing changed: the site stands as it is if it is exactly as the previous build
            // wrote it (else the whole pipeline puts back what was edited, added or removed by hand).
            guard clock.measure("check", { plan.manifest.describesExactly(folder: plan.output) }) else { return nil }
            return report(diagnostics: plan.cache.diagnostics, pagesRewritten: 0, plan: plan, clock: clock)
        }
        guard let rendered = clock.measure("bodies", { render(plan) }) else { return nil }
        guard let written = clock.measure("write", { write(rendered, plan) }) else { return nil }
        if !options.freesMemoryWhenDone {
            // The process ends here: what was read is left to its end (see `BuildOptions`).
            _ = Unmanaged.passRetained(LeftUntilExit(plan))
        }
        return report(diagnostics: written.diagnostics, pagesRewritten: written.pages, plan: plan, clock: clock)
    }

    private func report(diagnostics: [Diagnostic], pagesRewritten: Int, plan: Plan, clock: PhaseClock) -> BuildReport {
        var sources: [String: String] = [:]
        for file in Set(diagnostics.map(\.file)) {
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                sources[file] = text.replacingOccurrences(of: "\r\n", with: "\n")
            }
        }
        return BuildReport(diagnostics: diagnostics, sources: sources, phases: clock.phases,
                           filesWritten: plan.cache.fileCount, filesRewritten: pagesRewritten,
                           pages: plan.cache.pageCount, pagesRendered: pagesRewritten)
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
        // Every place of an edited body must be known (`BodyEdits` checks the rest).
        let edited = Set(files)
        guard !cache.bodies.contains(where: { edited.contains($0.contentFile) && $0.offset == nil }), let (lines, hash, published) = manifest.value ?? nil,
              hash == cache.manifestHash else { return nil }
        return Plan(output: output, manifest: lines, published: published, cache: cache, snapshot: snapshot,
                    files: files.sorted())
    }

    // MARK: - Render

    private func render(_ plan: Plan) -> BodyEdits? {
        // Links are looked up in the previous build's cache, a path at a time.
        var links = ContentLinks()
        links.allowsRawHTML = plan.cache.allowsRawHTML
        links.lookup = plan.cache.linkSection
        let section = plan.cache.linkSection
        return BodyEdits(files: plan.files,
                         records: plan.cache.bodies.map { BodyEdits.Record(contentFile: $0.contentFile, page: $0.page, headingIDs: $0.headingIDs) },
                         frontMatterKeys: plan.cache.frontMatterKeys, contentDirectory: options.contentDirectory, links: links,
                         anchors: section.anchors(of:), isAnchorTarget: section.isAnchorTarget)
    }

    // MARK: - Write

    private func write(_ rendered: BodyEdits, _ plan: Plan) -> (diagnostics: [Diagnostic], pages: Int)? {
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
                    let html = Array((edit.rendered.html ?? "").utf8)
                    bytes += html
                    cache.bodies[index].length = html.count
                    cache.bodies[index].htmlHash = ContentHash.hash(html)
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
        let linkCheck = TemplateLinkCheck(published: published, expectedPages: 0,
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
        let diagnostics = rendered.diagnostics(replacing: cache.diagnostics)
        cache.linkSection = cache.linkSection.adding(anchorTargets: rendered.anchorTargets)
        for (page, ids) in rendered.pageAnchors { cache.linkSection = cache.linkSection.replacingAnchors(of: page, with: ids) }
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
