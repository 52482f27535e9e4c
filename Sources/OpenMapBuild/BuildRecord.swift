import Diagnostics
import Foundation
import Synchronization
import OpenMapContent
import OpenMapRender

/// What a build knows, kept for the next: the one record behind every incremental step.
///
/// - `sources`: every file of the content and templates folders as the build found them (size,
///   time), which tells the next build what changed;
/// - `parsed`: each content file's parsed form (`ParsedFiles`), so that an unchanged file is not
///   parsed again;
/// - `texts`: each Markdown text as rendered (`RenderedTexts`), taken again while its links lead
///   where they led;
/// - `outputs`: each file of the site with what it was made from (a page's inputs and their
///   digests, `PageInput`), a digest of its bytes, its size and time in the site folder, and a
///   page's anchors (for the link check of pages that are kept without being read).
///
/// `openmap build` keeps it in a file outside the published folder (`RecordFile`, under
/// `.openmap/`), `openmap check` reads that file, `openmap serve` keeps one in memory (where the
/// outputs also hold the bytes of the pages it made). Nothing else carries a build's knowledge
/// to the next.
public struct BuildRecord: Sendable {
    /// The program and the options outputs depend on (`BuildOptions.outputsKey`): outputs
    /// recorded under another key are not reused.
    public var outputsKey: String = ""
    /// The site folder the outputs are in (absolute), « (preview) » for `serve`'s.
    public var outputFolder: String = ""
    public var sources = SourceStamps()
    public var parsed = ParsedFiles()
    public var texts = RenderedTexts()
    public var outputs = OutputRecords()
    /// Every folder of the site with its time once the build was in place: a folder whose time
    /// changed since holds something someone else added or removed.
    public var folders: [String: Int64] = [:]
    /// Every input of the outputs' pages, once (`OutputRecord.inputs` point here).
    public var inputs: [PageInput] = []
    /// Where the parsed files and the texts are (`RecordFile`), until a build that needs them
    /// reads them (`RecordFile.loadSections`); then, where they came from, kept as they are
    /// when the build changed none.
    var pendingSections: (parsed: String, texts: String)?
    var parsedFile: String?
    var textsFile: String?
    /// The build's warnings (it succeeded: no errors), reported again when nothing changed.
    public var diagnostics: [Diagnostic] = []

    public init() {}

    /// The record a build with `options` keeps, when there is one that can be used, whole.
    public static func read(for options: BuildOptions) -> BuildRecord? {
        guard case .success(var record) = RecordFile.read(options.recordPath, contentDirectory: options.contentDirectory),
              RecordFile.loadSections(of: &record) else { return nil }
        return record
    }
}

/// One file of the site.
public struct OutputRecord: Sendable {
    /// For a page (or a copied file), the digest of what it was made from (`PageInput.fingerprint`);
    /// nil for other files, whose bytes are compared instead.
    public var fingerprint: UInt64?
    /// Those inputs, as positions in the record's table (`BuildRecord.inputs`): what a build tells
    /// when it says why a page was made again.
    public var inputs: [Int32]?
    /// A digest of the bytes (or, for a copied file, its fingerprint).
    public var digest: UInt64
    /// The file's size and time in the site folder once the build was in place: a file with
    /// another size or time was changed by someone else since and is written again.
    public var size: Int64
    public var modified: Int64
    /// A page's ids, hashed with its path (`TemplateLinkCheck`), for the links of other pages.
    public var anchors: [UInt64]?
    /// `openmap serve`'s copy of the page it made (never written to the record's file), and
    /// the anchors the page had before it was made again, until its new ones are known.
    public var bytes: [UInt8]?
    var previousAnchors: [UInt64]?

    public init(fingerprint: UInt64?, digest: UInt64, size: Int64 = -1, modified: Int64 = 0, anchors: [UInt64]?,
                bytes: [UInt8]? = nil) {
        self.fingerprint = fingerprint
        self.digest = digest
        self.size = size
        self.modified = modified
        self.anchors = anchors
        self.bytes = bytes
    }
}

/// The record's outputs, by path relative to the site folder. A class shared by the threads that
/// make pages (a lock): `openmap serve` stores a page as it is asked for.
public final class OutputRecords: Sendable {
    private let records: Mutex<[String: OutputRecord]>

    public init(_ records: [String: OutputRecord] = [:]) { self.records = Mutex(records) }

    public var all: [String: OutputRecord] { records.withLock { $0 } }
    public var count: Int { records.withLock { $0.count } }

    public subscript(path: String) -> OutputRecord? {
        get { records.withLock { $0[path] } }
        set { records.withLock { $0[path] = newValue } }
    }

    /// Changes the record of `path` in place (under the lock: no other thread's change is lost).
    func update(_ path: String, _ change: (inout OutputRecord?) -> Void) {
        records.withLock { change(&$0[path]) }
    }

    /// Forgets every output but those of `paths` (the site's current files).
    func keepOnly(_ paths: Set<String>) {
        records.withLock { $0 = $0.filter { paths.contains($0.key) } }
    }

    func replaceAll(_ new: [String: OutputRecord]) {
        records.withLock { $0 = new }
    }
}

extension BuildRecord {
   /// Sets the outputs' inputs: `table` gives them for the files of `paths`, in their order.
    mutating func recordInputs(paths: [String], table: InputTable) {
        var all = outputs.all
        for (path, positions) in zip(paths, table.positions) where all[path] != nil {
            all[path]?.inputs = positions
        }
        outputs.replaceAll(all)
        self.inputs = table.inputs
    }
}

/// The inputs of a site's files, each distinct one once, and each file's as positions in that
/// table: the form the record keeps (hundreds of thousands of inputs, mostly shared), made as
/// soon as the plan is, so that the inputs themselves are not kept through the write.
struct InputTable {
    private(set) var inputs: [PageInput] = []
    private(set) var positions: [[Int32]?] = []

    init() {}

    /// `made`: each file's inputs, nil for a file without.
    init(_ made: [[PageInput]?]) {
        // By a digest of name and digest (String hashing, for hundreds of thousands of inputs,
        // was the larger cost): a collision would only misname an input in an explanation.
        var known: [UInt64: Int32] = [:]
        var table: [PageInput] = []
        positions = made.map { inputs in
            inputs?.map { input in
                var hasher = StableHasher()
                hasher.combine(input.name)
                hasher.combine(input.digest)
                let key = hasher.finalize()
                if let position = known[key] { return position }
                let position = Int32(table.count)
                table.append(input)
                known[key] = position
                return position
            }
        }
        inputs = table
    }
}
