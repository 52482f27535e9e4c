import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import BinaryCoding
import OpenMapYAML

/// Reads `content/` into a `SiteContent`, reporting every per-file problem (syntax, types,
/// field rules). Cross-file rules (references…) are `ContentValidator`'s.
public struct ContentLoader: Sendable {
    public let contentDirectory: String

    /// `contentDirectory` as the user gave it ("content" or "/abs/path"); diagnostic file paths are
    /// that string joined with the relative path: "content/roadmaps/2015/plaine-commune.md".
    /// Files parsed by an earlier build and unchanged since: taken as they are, not parsed again.
    public let parsed: ParsedFiles?

    public init(contentDirectory: String, parsed: ParsedFiles? = nil) {
        self.contentDirectory = contentDirectory
        self.parsed = parsed
    }

    public func load() -> LoadResult {
        let session = LoadSession(contentDirectory: contentDirectory, parsed: parsed)
        return session.run()
    }
}

/// What each entity file of the content (buyers, suppliers, roadmaps, pitches, testimonials,
/// pages: all but a handful of files) gave when it was parsed: its entity and its problems. The
/// build record keeps it from one build to the next, and `openmap serve` between saves. Loading a
/// file depends on that file alone (cross-file rules are the validator's), so an entry stands
/// for parsing the file again as long as the file is unchanged: whoever holds it forgets the
/// entries of changed files (`forget`) before loading.
public final class ParsedFiles: @unchecked Sendable {
    /// One file's outcome. Its values' positions are not kept: the validator asks for them only
    /// to point at a cross-file problem, and the file is then parsed again for them (`SourceMap`).
    public struct File: Codable, Sendable {
        public var entity: ParsedEntity?
        public var diagnostics: [Diagnostic]
        /// The file itself when it could not be read or parsed (see `SiteContent.incompleteFiles`).
        public var incomplete: Bool

        public init(entity: ParsedEntity?, diagnostics: [Diagnostic], incomplete: Bool) {
            self.entity = entity
            self.diagnostics = diagnostics
            self.incomplete = incomplete
        }
    }

    /// A file's outcome, or its encoded form as the record's file held it (decoded when first
    /// asked for, on the loader's threads; written back as it is when it was not).
    public struct Entry: Sendable {
        public var file: File?
        public var encoded: ArraySlice<UInt8>?

        public init(file: File?, encoded: ArraySlice<UInt8>?) {
            self.file = file
            self.encoded = encoded
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry]
    private var changed = false

    /// Relative path (`roadmaps/2015/x.md`) → outcome.
    public init(_ entries: [String: Entry] = [:]) { self.entries = entries }

    /// Whether a file was stored or forgotten since it was made (its record need not be written
    /// again otherwise).
    public var modified: Bool { lock.withLock { changed } }

    public var all: [String: Entry] { lock.withLock { entries } }

    /// The outcome of `path`; nil when there is none or its encoded form does not decode.
    func file(_ path: String) -> File? {
        guard let entry = lock.withLock({ entries[path] }) else { return nil }
        if let file = entry.file { return file }
        guard let encoded = entry.encoded, let file = try? BinaryCoding.decode(File.self, from: encoded) else { return nil }
        lock.withLock { entries[path]?.file = file }
        return file
    }

    func store(_ file: File, for path: String) {
        lock.withLock {
            entries[path] = Entry(file: file, encoded: nil)
            changed = true
        }
    }

    /// Forgets files that changed or were removed.
    public func forget(_ paths: some Sequence<String>) {
        lock.withLock {
            for path in paths where entries.removeValue(forKey: path) != nil { changed = true }
        }
    }
}

/// The entity of a file, whatever its kind.
public enum ParsedEntity: Codable, Sendable {
    case buyer(Buyer)
    case supplier(Supplier)
    case roadmap(Roadmap)
    case pitch(Pitch)
    case testimonial(Testimonial)
    case page(Page)
}

/// The entities `ParsedFiles` keeps.
protocol ParsedEntityConvertible {
    init?(_ parsed: ParsedEntity)
    var parsed: ParsedEntity { get }
}

extension Buyer: ParsedEntityConvertible {
    init?(_ parsed: ParsedEntity) { guard case .buyer(let value) = parsed else { return nil }; self = value }
    var parsed: ParsedEntity { .buyer(self) }
}

extension Supplier: ParsedEntityConvertible {
    init?(_ parsed: ParsedEntity) { guard case .supplier(let value) = parsed else { return nil }; self = value }
    var parsed: ParsedEntity { .supplier(self) }
}

extension Roadmap: ParsedEntityConvertible {
    init?(_ parsed: ParsedEntity) { guard case .roadmap(let value) = parsed else { return nil }; self = value }
    var parsed: ParsedEntity { .roadmap(self) }
}

extension Pitch: ParsedEntityConvertible {
    init?(_ parsed: ParsedEntity) { guard case .pitch(let value) = parsed else { return nil }; self = value }
    var parsed: ParsedEntity { .pitch(self) }
}

extension Testimonial: ParsedEntityConvertible {
    init?(_ parsed: ParsedEntity) { guard case .testimonial(let value) = parsed else { return nil }; self = value }
    var parsed: ParsedEntity { .testimonial(self) }
}

extension Page: ParsedEntityConvertible {
    init?(_ parsed: ParsedEntity) { guard case .page(let value) = parsed else { return nil }; self = value }
    var parsed: ParsedEntity { .page(self) }
}

/// Files whose spans are found when first asked for (see `SourceMap.parseLater`).
final class SpansLater: @unchecked Sendable {
    private let lock = NSLock()
    private var parsers: [String: () -> [String: SourceSpan]] = [:]
    private var parsed: [String: [String: SourceSpan]] = [:]

    func register(_ file: String, _ parse: @escaping () -> [String: SourceSpan]) {
        lock.withLock { parsers[file] = parse }
    }

    func take(_ other: SpansLater) {
        guard other !== self else { return }
        let theirs = other.lock.withLock { other.parsers }
        lock.withLock { parsers.merge(theirs) { kept, _ in kept } }
    }

    func span(_ file: String, _ path: String) -> SourceSpan? {
        let parse: (() -> [String: SourceSpan])? = lock.withLock {
            parsed[file] == nil ? parsers[file] : nil
        }
        if let parse {
            let spans = parse()
            lock.withLock { parsed[file] = spans }
        }
        return lock.withLock { parsed[file]?[path] }
    }
}

/// Size and modification time (nanoseconds) of a file, from stat(2): what caches compare to
/// tell whether a file changed.
public struct FileStamp: Equatable, Sendable, Codable {
    public var size: Int64
    public var modified: Int64

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }
}

public struct LoadResult: Sendable {
    /// Always present: best effort even with errors.
    public var content: SiteContent
    /// Per-file problems, in file order.
    public var diagnostics: [Diagnostic]
    /// File path (as in diagnostics) → text, for quoting lines.
    public var sources: [String: String]
    /// Entity files read (buyers, suppliers, roadmaps, pitches, testimonials, pages), and how
    /// many of them were parsed rather than taken from `ParsedFiles`.
    public var filesRead: Int = 0
    public var filesParsed: Int = 0
}

/// The text of a content file, normalised (no BOM, LF line ends).
struct SourceText {
    let relativePath: String
    let text: String
    let report: FileReport
}

/// One run of the loader: file system access and the accumulated results.
final class LoadSession {
    let contentDirectory: String
    /// The content folder with every link resolved.
    private let resolvedRoot: String
    private let fileManager = FileManager.default
    var diagnostics: [Diagnostic] = []
    var sources: [String: String] = [:]
    var sourceMap: SourceMap
    var incompleteFiles: Set<String> = []
    let parsed: ParsedFiles?
    var filesRead = 0
    var filesParsed = 0

    init(contentDirectory: String, parsed: ParsedFiles? = nil) {
        self.contentDirectory = contentDirectory
        self.parsed = parsed
        self.resolvedRoot = Self.resolved(contentDirectory.isEmpty ? "." : contentDirectory)
        self.sourceMap = SourceMap(contentDirectory: contentDirectory)
    }

    /// A session for one file of this one's folder (see `loadFiles`).
    private init(fileOf parent: LoadSession) {
        contentDirectory = parent.contentDirectory
        parsed = nil
        resolvedRoot = parent.resolvedRoot
        sourceMap = SourceMap(contentDirectory: parent.contentDirectory)
    }

    /// The path with every symbolic link resolved: realpath(3) (one call; Foundation's
    /// resolution took a dozen), else Foundation's for a path that does not exist.
    static func resolved(_ path: String) -> String {
        #if canImport(Glibc)
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        #endif
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The path shown in diagnostics.
    func display(_ relativePath: String) -> String {
        if contentDirectory.isEmpty { return relativePath }
        return contentDirectory.hasSuffix("/") ? contentDirectory + relativePath : contentDirectory + "/" + relativePath
    }

    func fileError(_ message: Message, _ relativePath: String) {
        diagnostics.append(.error(message, at: SourceLocation(file: display(relativePath))))
    }

    func fileWarning(_ message: Message, _ relativePath: String) {
        diagnostics.append(.warning(message, at: SourceLocation(file: display(relativePath))))
    }

    /// Where a file is read: the path diagnostics show (a string, not a URL per file, which cost
    /// a tenth of loading), « . » for the content folder when it is the working folder.
    func path(_ relativePath: String) -> String {
        if relativePath.isEmpty { return contentDirectory.isEmpty ? "." : contentDirectory }
        return display(relativePath)
    }

    /// False (with a diagnostic) for a symbolic link leading outside the content folder.
    func isInsideContent(_ relativePath: String) -> Bool {
        let resolved = Self.resolved(path(relativePath))
        if resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/") {
            return true
        }
        fileError(.unsafeSymlink(), relativePath)
        return false
    }

    enum EntryKind { case file, directory, missing }

    func kind(_ relativePath: String) -> EntryKind {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path(relativePath), isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .directory : .file
    }

    /// Visible entries of a folder, sorted by name.
    func list(_ relativePath: String) -> [String] {
        guard kind(relativePath) == .directory, isInsideContent(relativePath),
              let names = try? fileManager.contentsOfDirectory(atPath: path(relativePath))
        else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    func join(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

    /// Content files are hand-written text: anything bigger is a mistake or an attack.
    static let maxFileSize: Int64 = 5 * 1_048_576

    /// Reads a text file; nil (with a diagnostic) when it cannot be read or is not UTF-8.
    func read(_ relativePath: String) -> SourceText? {
        guard isInsideContent(relativePath) else { return nil }
        // Whatever this file defines is unknown if it cannot be read: see SiteContent.incompleteFiles.
        incompleteFiles.insert(display(relativePath))
        // Checked before reading: a huge file is refused without being loaded into memory.
        if let size = FileStamp(path: path(relativePath))?.size, size > Self.maxFileSize {
            fileError(.fileTooLarge(megabytes: Int(Self.maxFileSize / 1_048_576)), relativePath)
            return nil
        }
        guard let data = fileManager.contents(atPath: path(relativePath)) else {
            fileError(.unreadableFile(), relativePath)
            return nil
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            diagnostics.append(.error(.utf16File(), at: SourceLocation(file: display(relativePath), line: 1, column: 1)))
            return nil
        }
        // Over raw bytes: Data's own iteration is slow, and this runs over every file.
        if let nul = data.withUnsafeBytes({ $0.firstIndex(of: 0) }).map({ data.startIndex + $0 }) {
            let before = data[data.startIndex..<nul]
            let line = before.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? data.startIndex
            let column = (String(data: data[lineStart..<nul], encoding: .utf8)?.unicodeScalars.count ?? (nul - lineStart)) + 1
            diagnostics.append(.error(.nulByte(), at: SourceLocation(file: display(relativePath), line: line, column: column)))
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            let (line, column) = Self.firstInvalidUTF8(in: data)
            diagnostics.append(.error(.invalidUTF8(), at: SourceLocation(file: display(relativePath), line: line, column: column)))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Foundation's replacement is slow on Linux: only files with a carriage return need it.
        if data.withUnsafeBytes({ $0.contains(13) }) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        let file = display(relativePath)
        sources[file] = text
        incompleteFiles.remove(file)
        return SourceText(relativePath: relativePath, text: text, report: FileReport(file: file, text: text))
    }

    /// Line and column (in scalars) of the first byte that is not UTF-8.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, column: Int) {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                if Unicode.UTF8.decode(encoded) == "\n" { line += 1; column = 1 } else { column += 1 }
            case .error, .emptyInput:
                return (line, column)
            }
        }
    }

    /// Keeps a finished file's diagnostics and recorded positions.
    func collect(_ report: FileReport) {
        diagnostics.append(contentsOf: report.diagnostics)
        for (path, span) in report.spans { sourceMap[report.file, path] = span }
    }

    /// Parses YAML; on a syntax error reports it and returns nil.
    func parseYAML(_ text: String, lineOffset: Int, _ report: FileReport) -> YAMLNode? {
        do {
            let document = try YAMLParser().parse(text, lineOffset: lineOffset)
            for duplicate in document.duplicateKeys {
                report.error(.duplicateKey(duplicate.key, firstLine: duplicate.first.line, line: duplicate.duplicate.line),
                             at: duplicate.duplicate)
            }
            return document.root
        } catch {
            incompleteFiles.insert(report.file)
            for mistake in YAMLMistakes.find(in: text, error: error, lineOffset: lineOffset) {
                report.error(Self.message(for: mistake), line: mistake.line, column: mistake.column, length: mistake.length)
            }
            return nil
        }
    }

    /// The catalogue's words for a YAML mistake.
    static func message(for mistake: YAMLMistake) -> Message {
        let corrected = mistake.correctedLine.map { $0.trimmingCharacters(in: .whitespaces) }
        switch mistake.kind {
        case .tab: return .yamlTab()
        case .colonInValue(let key): return .yamlColonInValue(key: key, corrected: corrected)
        case .unclosedQuote(let quote): return .yamlUnclosedQuote(quote, corrected: corrected)
        case .apostropheInSingleQuotes: return .yamlApostropheInSingleQuotes(corrected: corrected)
        case .textAfterQuote: return .yamlTextAfterQuote(corrected: corrected)
        case .reservedCharacter(let character): return .yamlReservedCharacter(character, corrected: corrected)
        case .missingSpaceAfterColon(let key): return .yamlMissingSpaceAfterColon(key: key, corrected: corrected)
        case .missingColon(let key): return .yamlMissingColon(key: key, corrected: corrected)
        case .missingSpaceAfterDash: return .yamlMissingSpaceAfterDash(corrected: corrected)
        case .misindentedKey(let key, let column, let sibling, let line):
            return .yamlMisindentedKey(key: key, expectedColumn: column, sibling: sibling, siblingLine: line)
        case .keyAmongListItems(let key, let column, let sibling, let line):
            return .yamlKeyAmongListItems(key: key, expectedColumn: column, sibling: sibling, siblingLine: line)
        case .listItemAmongKeys(let previous): return .yamlListItemAmongKeys(previousKey: previous)
        case .unclosedBracket(let bracket): return .yamlUnclosedBracket(bracket, corrected: corrected)
        case .unexplained(let error):
            switch error.reason {
            case .syntax(let problem, _, _, _): return .yamlOther(problem: problem)
            case .unreadable(let problem): return .yamlUnreadable(problem)
            case .multipleDocuments: return .yamlMultipleDocuments()
            case .unknownAlias(let name): return .yamlUnknownAlias(name)
            case .tooManyNodes(let limit): return .yamlTooLarge(nodes: limit)
            case .tooDeep(let limit): return .yamlTooDeep(levels: limit)
            case .parserUnavailable: return .yamlOther(problem: error.message)
            }
        }
    }

    /// A YAML file's root mapping. A file that could not be parsed gives an empty mapping with
    /// missing fields silenced, so that the entity still exists and nothing cascades.
    func yamlRoot(_ source: SourceText, what: LocalizedText) -> Fields {
        let root = parseYAML(source.text, lineOffset: 0, source.report)
        return rootFields(root, source.report, what: what)
    }

    func rootFields(_ root: YAMLNode?, _ report: FileReport, what: LocalizedText) -> Fields {
        if let root, root.mapping != nil, let fields = Fields.of(root, report, what: what) { return fields }
        if let root {
            Fields.reportNotMapping(root, report, what: what, field: nil)
        } else if report.diagnostics.isEmpty {
            report.error(.emptyFile(expected: what), line: 1, column: 1)
        }
        report.silenceMissingFields = true
        return Fields.empty(report)
    }

    struct MarkdownFile {
        let fields: Fields
        let body: MarkdownText
    }

    /// The lines of a text (line feeds only: carriage returns were removed when it was read),
    /// cut over its bytes, which is much faster than over its characters.
    static func lines(of text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// Splits `---` front matter from the Markdown body and parses the front matter.
    func markdownFile(_ source: SourceText, what: LocalizedText) -> MarkdownFile {
        let report = source.report
        let lines = Self.lines(of: source.text)
        func isFence(_ line: Substring) -> Bool {
            // Foundation's trimming, once per line of every file, was a fifth of loading: it is
            // left to lines made of dashes, blanks and non-ASCII characters (which may be blanks).
            var bytes = line.utf8[...]
            var hasNonASCII = false
            for byte in bytes {
                switch byte {
                case 0x20, 0x09, UInt8(ascii: "-"): continue
                case 0x80...: hasNonASCII = true
                default: return false
                }
            }
            if hasNonASCII { return line.trimmingCharacters(in: .whitespaces) == "---" }
            while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
            while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
            return bytes.elementsEqual("---".utf8)
        }
        guard let first = lines.first, isFence(first) else {
            report.error(.missingFrontMatter(), line: 1, column: 1)
            incompleteFiles.insert(report.file)
            let fields = rootFields(nil, report, what: what)
            return MarkdownFile(fields: fields, body: MarkdownText(source.text, at: SourceLocation(file: report.file, line: 1, column: 1)))
        }
        guard let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            report.error(.unclosedFrontMatter(), line: 1, column: 1)
            incompleteFiles.insert(report.file)
            let fields = rootFields(nil, report, what: what)
            return MarkdownFile(fields: fields, body: MarkdownText("", at: SourceLocation(file: report.file, line: lines.count, column: 1)))
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let root = parseYAML(yaml, lineOffset: 1, report)
        let fields: Fields
        if root == nil, !report.diagnostics.isEmpty {
            fields = rootFields(nil, report, what: what)
        } else if let root {
            fields = rootFields(root, report, what: what)
        } else {
            // Empty front matter: every required field is missing, say so.
            fields = Fields.empty(report)
        }
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return MarkdownFile(fields: fields, body: MarkdownText(body, at: SourceLocation(file: report.file, line: closing + 2, column: 1)))
    }

    // MARK: The whole folder

    static let topLevel = ["site.yaml", "themes.yaml", "cpv.yaml", "buyers", "suppliers", "roadmaps", "matinales",
                           "pitches", "testimonials", "pages", "assets", AccessibilityAudit.file, AutomatedChecks.file]

    func run() -> LoadResult {
        if kind("") != .directory {
            diagnostics.append(.error(.missingContentFolder(), at: SourceLocation(file: contentDirectory)))
        }
        for name in list("") where !Self.topLevel.contains(name) && !(name.hasSuffix(".md") && kind(name) == .file) {
            // README.md files and the like are common at the top; anything else is probably misplaced.
            fileWarning(.unexpectedTopLevelFile(name, suggestion: Formats.suggestion(for: name, among: Self.topLevel)), name)
        }
        let site = loadSite()
        let themes = loadThemes()
        let cpv = loadCPV()
        let assets = listAssets("assets")
        var content = SiteContent(
            site: site, themes: themes, cpv: cpv,
            buyers: loadYAMLFolder("buyers", LoadSession.loadBuyer).sorted { $0.slug < $1.slug },
            suppliers: loadYAMLFolder("suppliers", LoadSession.loadSupplier).sorted { $0.slug < $1.slug },
            roadmaps: loadRoadmaps().sorted { ($0.year, $0.buyer) < ($1.year, $1.buyer) },
            matinales: loadMatinales().sorted { ($0.number, $0.slug) < ($1.number, $1.slug) },
            pitches: loadMarkdownFolder("pitches", LoadSession.loadPitch).sorted { $0.slug < $1.slug },
            testimonials: loadMarkdownFolder("testimonials", LoadSession.loadTestimonial).sorted { $0.slug < $1.slug },
            pages: loadMarkdownFolder("pages", LoadSession.loadPage).sorted { $0.slug < $1.slug },
            assets: assets)
        content.audit = loadAccessibilityAudit()
        content.automatedChecks = loadAutomatedChecks()
        content.sourceMap = sourceMap
        content.incompleteFiles = incompleteFiles
        return LoadResult(content: content, diagnostics: DiagnosticBag(diagnostics).sorted, sources: sources,
                          filesRead: filesRead, filesParsed: filesParsed)
    }

    /// Every file under `assets/`, relative to the content folder.
    func listAssets(_ folder: String) -> [String] {
        var result: [String] = []
        for name in list(folder) {
            let path = join(folder, name)
            switch kind(path) {
            case .directory: result += listAssets(path)
            case .file: if isInsideContent(path) { result.append(path) }
            case .missing: break
            }
        }
        return result.sorted()
    }

    /// The slug-named files of a folder with the given extension; others are reported.
    func entityFiles(_ folder: String, extension ext: String) -> [(slug: String, path: String)] {
        var result: [(String, String)] = []
        for name in list(folder) {
            let path = join(folder, name)
            guard kind(path) == .file, name.hasSuffix("." + ext) else {
                fileWarning(.unexpectedFileInFolder(extension: ext, folder: folder), path)
                continue
            }
            let slug = String(name.dropLast(ext.count + 1))
            if !Formats.isSlug(slug) {
                fileError(.invalidFileName(slug, suggestion: Formats.slugCorrection(slug).map { "\($0).\(ext)" }), path)
            }
            result.append((slug, path))
        }
        return result
    }

    func loadYAMLFolder<T: ParsedEntityConvertible>(_ folder: String, _ load: @escaping (LoadSession) -> (String, SourceText) -> T) -> [T] {
        let files = entityFiles(folder, extension: "yaml")
        return loadFiles(files.map(\.path)) { session, index, source in load(session)(files[index].slug, source) }
    }

    func loadMarkdownFolder<T: ParsedEntityConvertible>(_ folder: String, _ load: @escaping (LoadSession) -> (String, SourceText) -> T) -> [T] {
        let files = entityFiles(folder, extension: "md")
        return loadFiles(files.map(\.path)) { session, index, source in load(session)(files[index].slug, source) }
    }

    /// Reads and loads independent files over every core, or takes them from `parsed` when it
    /// has them. Each file gets a session of its own (its diagnostics, text and positions), merged
    /// into this one in file order afterwards: the result is the same as a loop, whatever the
    /// number of cores. A file taken from `parsed` is parsed again for its values' positions only
    /// if the validator asks for one.
    func loadFiles<T: ParsedEntityConvertible>(_ paths: [String], _ load: @escaping (LoadSession, Int, SourceText) -> T) -> [T] {
        let loaded = parallelMap(count: paths.count, minimumPerChunk: 8) { index -> (T?, LoadSession, parsed: Bool) in
            let session = LoadSession(fileOf: self)
            if let file = parsed?.file(paths[index]) {
                session.diagnostics = file.diagnostics
                if file.incomplete { session.incompleteFiles.insert(display(paths[index])) }
                let contentDirectory = contentDirectory
                session.sourceMap.parseLater(display(paths[index])) {
                    let again = LoadSession(contentDirectory: contentDirectory)
                    guard let source = again.read(paths[index]) else { return [:] }
                    _ = load(again, index, source)
                    return Dictionary(source.report.spans.map { ($0.path, $0.span) }, uniquingKeysWith: { _, last in last })
                }
                return (file.entity.flatMap(T.init), session, false)
            }
            var entity: T?
            if let source = session.read(paths[index]) {
                entity = load(session, index, source)
                session.collect(source.report)
            }
            parsed?.store(ParsedFiles.File(entity: entity?.parsed, diagnostics: session.diagnostics,
                                           incomplete: session.incompleteFiles.contains(display(paths[index]))),
                          for: paths[index])
            return (entity, session, true)
        }
        var entities: [T] = []
        entities.reserveCapacity(loaded.count)
        for (entity, session, parsed) in loaded {
            absorb(session)
            filesRead += 1
            if parsed { filesParsed += 1 }
            if let entity { entities.append(entity) }
        }
        return entities
    }

    /// Takes in what another session found.
    func absorb(_ other: LoadSession) {
        diagnostics += other.diagnostics
        sources.merge(other.sources) { first, _ in first }
        sourceMap.merge(other.sourceMap)
        incompleteFiles.formUnion(other.incompleteFiles)
    }
}
