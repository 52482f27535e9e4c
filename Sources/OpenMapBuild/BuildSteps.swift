import BinaryCoding
import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// The steps of `BuildPipeline`, with what each takes and gives. One run per command invocation
/// (or per save, for `openmap serve`).
struct BuildRun {
    enum End { case check, write, preview }

    let options: BuildOptions
    let end: End
    /// The previous build's record (empty without one), updated as the steps go.
    private(set) var record = BuildRecord()
    /// `serve`'s site, once prepared.
    private(set) var site: PreviewSite?

    // compare
    private var usesRecord = false
    private var stamps = SourceStamps()
    private var changed: [String] = []
    private var reusesOutputs = false
    private var nothingChanged = false
    // load, validate, schedule
    private var diagnostics = DiagnosticBag()
    private var loaded: LoadResult?
    /// The record's parsed files, being written beside the next steps (`write` only).
    private var parsedSection: ParsedSectionWriter?
    private var published: SiteContent?
    private var held: [Publication.HeldItem] = []
    private var timetables: [String: MatinaleTimetable] = [:]
    // prepare, plan
    private var textsRendered: Int?
    private var prepared: PreparedSite?
    private var pages: PageMaker?
    private var inputs = InputTable()
    private var fingerprints: [UInt64?] = []
    // write
    private var filesWritten: Int?
    private var filesRewritten: Int?

    init(options: BuildOptions, end: End) {
        self.options = options
        self.end = end
    }

    private var contentRoot: String { BuildOptions.trimmed(options.contentDirectory) }
    private var outputFolder: String {
        end == .preview ? "(preview)" : URL(fileURLWithPath: options.outputDirectory).standardizedFileURL.path
    }

    // MARK: - compare: the record against the sources

    /// Takes the record (`serve`'s, or the file's unless `--clean`), stamps the sources (unless
    /// `serve` just did) and finds what changed since. True when nothing did and the outcome is
    /// the record's: the warnings of the build that saw these very sources, for `check`; for
    /// `build`, a site exactly as that build left it.
    mutating func compare(with given: BuildRecord?, stamps: SourceStamps? = nil) -> Bool {
        if let given {
            record = given
            usesRecord = true
        } else if options.usesRecord, let read = RecordFile.read(options.recordPath, contentDirectory: options.contentDirectory) {
            switch read {
            case .success(let previous):
                record = previous
                usesRecord = true
            case .failure(let unusable):
                options.notes?(unusable.note)
            }
        }
        // Stamped before anything is read: a file saved during the build differs next time.
        self.stamps = stamps ?? SourceStamps.take(options.sourceFolders)
        changed = usesRecord ? self.stamps.changes(since: record.sources) : self.stamps.files.keys.sorted()
        reusesOutputs = usesRecord && record.outputsKey == options.outputsKey
            && (end == .check || record.outputFolder == outputFolder)
        if !reusesOutputs {
            record.outputs.replaceAll([:])
            record.folders = [:]
        }
        if usesRecord, changed.isEmpty, reusesOutputs, record.outputs.count > 0 {
            switch end {
            case .check: nothingChanged = true
            case .write: nothingChanged = siteIsAsRecorded()
            case .preview: break
            }
        }
        if !nothingChanged, !RecordFile.loadSections(of: &record) {
            options.notes?(RecordFile.Unusable.damaged.note)
        }
        let prefix = contentRoot + "/"
        record.parsed.forget(changed.compactMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil })
        return nothingChanged
    }

    /// Whether every file and folder of the site is as the record gives it (size and time): no
    /// file changed, added or removed by someone else.
    private func siteIsAsRecorded() -> Bool {
        let root = outputFolder
        let files = Array(record.outputs.all)
        let folders = Array(record.folders)
        let chunks = 16
        let intact = parallelMap(count: chunks, workers: options.workers, minimumPerChunk: 1) { chunk in
            let ownFiles = (files.count * chunk / chunks)..<(files.count * (chunk + 1) / chunks)
            let ownFolders = (folders.count * chunk / chunks)..<(folders.count * (chunk + 1) / chunks)
            return ownFiles.allSatisfy { OutputWriter.isIntact(root + "/" + files[$0].key, as: files[$0].value) }
                && ownFolders.allSatisfy {
                    FileStamp(path: folders[$0].key.isEmpty ? root : root + "/" + folders[$0].key)?.modified == folders[$0].value
                }
        }
        return !intact.contains(false)
    }

    // MARK: - load, validate, schedule

    /// Parses the content files the record does not have (`ParsedFiles`).
    mutating func load() {
        let loaded = ContentLoader(contentDirectory: options.contentDirectory, parsed: record.parsed).load()
        diagnostics.append(contentsOf: loaded.diagnostics)
        self.loaded = loaded
        if end == .write, !diagnostics.hasErrors {
            parsedSection = ParsedSectionWriter(record.parsed, kept: record.parsedFile, beside: options.recordPath)
        }
    }

    /// Cross-file rules, over the whole content.
    mutating func validate() {
        guard let content = loaded?.content else { return }
        diagnostics.append(contentsOf: ContentValidator.validate(content))
    }

    /// Leaves drafts and future items out (validation saw them), then computes the timetables.
    mutating func schedule() {
        guard let content = loaded?.content else { return }
        let (published, held) = Publication.apply(to: content, today: options.today, includeDrafts: options.includeDrafts)
        self.published = published
        self.held = held
        timetables = MatinaleScheduling.timetables(for: published)
    }

    // MARK: - prepare, plan

    /// Everything but the page templates: views (Markdown rendered, or taken from the record's
    /// texts; content links checked), feeds, calendars, open data, files to copy.
    mutating func prepare() {
        guard let published else { return }
        let (renderer, templateProblems) = SiteRenderer.load(templatesDirectory: options.templatesDirectory)
        diagnostics.append(contentsOf: templateProblems)
        guard let renderer else { return }
        let textsRenderedBefore = record.texts.textsRendered
        var renderOptions = RenderOptions(baseURL: options.baseURL, today: options.today, workers: options.workers,
                                          texts: record.texts)
        // A preview serves a file again when asked: the files beside the pages stay once made.
        renderOptions.keepsFilesBesidePages = end == .preview
        renderOptions.makesSiteSearchEarly = end == .write
        let prepared = renderer.prepare(published, contentDirectory: options.contentDirectory, timetables: timetables,
                                        options: renderOptions)
        diagnostics.append(contentsOf: prepared.diagnostics)
        let sitePathPrefix = URL(string: options.baseURL ?? published.site.baseURL)?.path ?? ""
        pages = PageMaker(prepared: prepared, templatesDirectory: options.templatesDirectory, sitePathPrefix: sitePathPrefix)
        self.prepared = prepared
        // Every content problem is known now: only the texts of files that have one are kept (to
        // quote their lines), not the whole content's text through the write step.
        textsRendered = record.texts.textsRendered - textsRenderedBefore
        let quoted = Set(diagnostics.diagnostics.map(\.file))
        if let sources = loaded?.sources { loaded?.sources = sources.filter { quoted.contains($0.key) } }
        // The texts are as the record will keep them: written now, and let go before the pages
        // are made (the memory's peak).
        if end == .write, !diagnostics.hasErrors { RecordFile.setAsideTexts(of: &record, beside: options.recordPath) }
    }

    /// What each file is made from: a page's inputs (`PreparedSite.inputs`), a copied file's
    /// source stamp. A file whose inputs the record has, unchanged, is kept as it is.
    mutating func plan() {
        guard let prepared else { return }
        let stamps = stamps.files
        let made = parallelMap(count: prepared.paths.count, workers: options.workers) { index -> [PageInput]? in
            if let source = prepared.copiedSource(at: index) {
                guard let stamp = stamps[source] else { return nil }
                var hasher = StableHasher()
                hasher.combine(UInt64(bitPattern: stamp.size))
                hasher.combine(UInt64(bitPattern: stamp.modified))
                return [PageInput("source", hasher.finalize())]
            }
            return prepared.inputs(at: index)
        }
        fingerprints = made.map { $0.map(PageInput.fingerprint) }
        inputs = InputTable(made)
    }

    /// The record of the file at `index` when its inputs are those it was made from.
    private func kept(_ index: Int) -> OutputRecord? {
        guard let fingerprint = fingerprints[index], let prepared, let recorded = record.outputs[prepared.paths[index]],
              recorded.fingerprint == fingerprint else { return nil }
        return recorded
    }

    // MARK: - ends

    /// `check`: the pages made again are read for their links, the others' links stand.
    mutating func checkPages() {
        guard let prepared, let pages, pages.checksLinks else { return }
        let previous = record.outputs.all
        let anchorsKept = parallelMap(count: prepared.paths.count, workers: options.workers) { index -> Bool in
            guard prepared.isPage(at: index) else { return true }
            if let kept = kept(index) {
                pages.kept(index, anchors: kept.anchors)
                return true
            }
            let made = pages.make(index)
            guard let before = previous[prepared.paths[index]]?.anchors else { return true }
            return Set(made.anchors ?? []).isSuperset(of: before)
        }
        let filesKept = Set(prepared.paths).isSuperset(of: previous.keys)
        diagnostics.append(contentsOf: pages.linkProblems(previousTargetsIntact: filesKept && !anchorsKept.contains(false)))
    }

    /// `build`: writes what changed, then keeps the record of what the site now is.
    mutating func write() {
        // Not left writing when the process ends, whatever the outcome.
        defer { _ = parsedSection?.fileName() }
        guard let prepared, let pages, !diagnostics.hasErrors else {
            // The pages are still made, so that one run reports every broken link.
            checkPages()
            return
        }
        let writer = OutputWriter(outputDirectory: options.outputDirectory)
        diagnostics.append(contentsOf: writer.checkDestination(protecting: [options.contentDirectory, options.templatesDirectory],
                                                               recorded: reusesOutputs))
        guard !diagnostics.hasErrors else { return }
        let fingerprints = fingerprints
        var linkProblems: [Diagnostic] = []
        let previous = reusesOutputs ? (outputs: record.outputs.all, folders: record.folders) : nil
        do {
            let summary = try writer.write(
                paths: prepared.paths, previous: previous, workers: options.workers,
                kept: kept,
                make: { index in
                    let made = pages.make(index)
                    let digest: UInt64
                    switch made.file.contents {
                    case .bytes(let bytes): digest = StableDigest.of(bytes)
                    case .copy: digest = fingerprints[index] ?? 0
                    }
                    return OutputWriter.Made(contents: made.file.contents, digest: digest, fingerprint: fingerprints[index],
                                             anchors: made.anchors)
                },
                reused: { index, kept in pages.kept(index, anchors: kept.anchors) },
                commit: { previousTargetsIntact in
                    // Kept pages are in the site as the record gives them: read there, not made.
                    let root = writer.outputDirectory.path
                    linkProblems = pages.linkProblems(previousTargetsIntact: previousTargetsIntact) { index in
                        Bytes.contents(of: root + "/" + prepared.paths[index])
                    }
                    return linkProblems.isEmpty
                })
            diagnostics.append(contentsOf: linkProblems)
            guard summary.committed else { return }
            filesWritten = summary.files
            filesRewritten = summary.rewritten
            record.outputs.replaceAll(summary.records)
            record.folders = summary.folders
            record.recordInputs(paths: prepared.paths, table: inputs)
            keepRecord()
        } catch {
            diagnostics.append(.error(.writeFailed("\(error)"), at: SourceLocation(file: options.outputDirectory)))
        }
    }

    /// Writes the record of the site now in place: a cache, so a failure costs the next build
    /// time, not correctness (said in a line).
    private mutating func keepRecord() {
        record.sources = stamps
        record.outputsKey = options.outputsKey
        record.outputFolder = outputFolder
        record.diagnostics = diagnostics.sorted
        do {
            try RecordFile.write(record, to: options.recordPath, contentDirectory: options.contentDirectory,
                                 parsedFile: parsedSection?.fileName())
        } catch {
            let reason = String(describing: error)
            options.notes?(LocalizedText(fr: "l'enregistrement de la construction n'a pas pu être écrit (\(reason)) : la prochaine refera tout",
                                         en: "the build record could not be written (\(reason)): the next build will make everything again")[.current])
        }
    }

    /// `serve`: the site whose pages are made when asked for, from the record's outputs when
    /// their inputs are unchanged.
    mutating func preview() {
        record.sources = stamps
        guard let prepared, let pages else { return }
        // The record's outputs name every file of the site (pages with what serve made of them):
        // links checked earlier hold while every file they could lead to is still there.
        let paths = Set(prepared.paths)
        let previousFilesKept = record.outputs.all.keys.allSatisfy(paths.contains)
        site = PreviewSite(pages: pages, outputs: record.outputs, previousFilesKept: previousFilesKept)
        guard !diagnostics.hasErrors else { return }
        record.outputsKey = options.outputsKey
        record.outputFolder = outputFolder
        record.outputs.keepOnly(paths)
        for path in prepared.paths where record.outputs[path] == nil {
            record.outputs[path] = OutputRecord(fingerprint: nil, digest: 0, anchors: nil)
        }
    }

    // MARK: - report

    func report(_ steps: [PhaseTiming]) -> BuildReport {
        var report = BuildReport()
        report.phases = steps
        report.sourcesChanged = usesRecord ? changed.count : nil
        let prefix = contentRoot + "/"
        report.textFilesRead = stamps.files.keys.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(prefix + "assets/") }.count
        if nothingChanged {
            report.diagnostics = record.diagnostics
            report.pages = record.outputs.all.values.reduce(0) { $0 + ($1.anchors != nil ? 1 : 0) }
            report.pagesRendered = 0
            if end == .write {
                report.filesWritten = record.outputs.count
                report.filesRewritten = 0
            }
            return report
        }
        report.diagnostics = diagnostics.sorted
        report.sources = loaded?.sources ?? [:]
        report.held = held
        report.filesWritten = filesWritten
        report.filesRewritten = filesRewritten
        report.pages = pages?.pageCount
        report.pagesRendered = pages?.pagesRendered
        report.contentFiles = loaded?.filesRead
        report.contentFilesParsed = loaded?.filesParsed
        report.textsRendered = textsRendered
        if !options.freesMemoryWhenDone { MemoryPolicy.leaveUntilExit(loaded as Any, prepared as Any, record) }
        return report
    }
}
