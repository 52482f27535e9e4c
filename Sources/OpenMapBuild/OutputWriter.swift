import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// Writes a site into its folder so that a build that fails, or is killed, leaves the previous
/// site as it was: the first time (or with `--clean`) into a new folder beside the site folder,
/// swapped in at the end; over a site the build record describes, only the files that changed
/// are written beside it, then renamed into place once every file is made and checked.
public struct OutputWriter: Sendable {
    /// What an earlier openmap left in the site folder to say it wrote it (now: the generator
    /// line of its pages, `isOpenmapSite`); removed by the next build.
    static let legacyFiles: Set<String> = [".openmap-site", ".openmap-cache", ".openmap-bodies", ".openmap-markdown"]

    public let outputDirectory: URL

    public init(outputDirectory: String) {
        self.outputDirectory = URL(fileURLWithPath: outputDirectory).standardizedFileURL
    }

    var staging: String { sibling("openmap-new") }
    var retired: String { sibling("openmap-old") }

    /// `.<site>.<suffix>` beside the site folder.
    private func sibling(_ suffix: String) -> String {
        outputDirectory.deletingLastPathComponent().appendingPathComponent(".\(outputDirectory.lastPathComponent).\(suffix)").path
    }

    /// Problems with the output folder itself: the filesystem root, the content or templates
    /// folder (or a folder containing or inside them), or a non-empty folder openmap did not write
    /// (`recorded`: the build record describes it).
    public func checkDestination(protecting protected: [String], recorded: Bool = false) -> [Diagnostic] {
        let output = resolved(outputDirectory)
        let location = SourceLocation(file: outputDirectory.path)
        if output.path == "/" {
            return [.error(.outputIsRoot(), at: location)]
        }
        for folder in protected {
            let other = resolved(URL(fileURLWithPath: folder).standardizedFileURL)
            if output.path == other.path || isAncestor(output, of: other) || isAncestor(other, of: output) {
                return [.error(.outputOverlaps(outputDirectory.path, folder), at: location)]
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                return [.error(.outputNotAFolder(outputDirectory.path), at: location)]
            }
            if !recorded, !Self.isOpenmapSite(output.path) {
                return [.error(.outputNotOurs(outputDirectory.path), at: location)]
            }
        }
        return []
    }

    /// Whether a folder is empty or holds a site openmap wrote: its home page or its 404 page
    /// says so (`<meta name="generator" content="openmap">`), or an earlier openmap's marker.
    static func isOpenmapSite(_ folder: String) -> Bool {
        guard let entries = FolderListing.entries(of: folder) else { return false }
        if entries.isEmpty || entries.contains(where: { legacyFiles.contains($0.name) }) { return true }
        let generator = Array(#"<meta name="generator" content="openmap">"#.utf8)
        return ["index.html", "404.html"].contains { page in
            guard let bytes = Bytes.contents(of: folder + "/" + page) else { return false }
            return Bytes.find(generator, in: Array(bytes.prefix(4096))) != nil
        }
    }

    /// One file as a build made it: its bytes (or source), a digest of them, and for a page what
    /// it was made from and its anchors.
    public struct Made: Sendable {
        public var contents: OutputFile.Contents
        public var digest: UInt64
        /// What a page (or a copied file) was made from (`PageInput.fingerprint`).
        public var fingerprint: UInt64?
        public var anchors: [UInt64]?
    }

    /// What `write` did.
    public struct Summary: Sendable {
        /// Files in the site, and how many of them were written (the others were kept).
        public var files: Int
        public var rewritten: Int
        /// False when `commit` said no: nothing of the previous site changed.
        public var committed: Bool
        /// The site's files as they now are in the folder (for the record), when committed.
        public var records: [String: OutputRecord]
        /// Every folder of the site with its time, when committed.
        public var folders: [String: Int64]
    }

    /// Writes `files` as a whole new site, swapped in at the end. Returns the number of files.
    @discardableResult
    public func write(_ files: [OutputFile]) throws -> Int {
        try write(paths: files.map(\.path), previous: nil, kept: { _ in nil },
                  make: { Made(contents: files[$0].contents, digest: 0, fingerprint: nil, anchors: nil) },
                  commit: { _ in true }).files
    }

    /// Writes the site: `paths` (relative, sorted) and, for each, either what the previous build
    /// made (`kept`, when the record says the file is made from the same inputs) or what `make`
    /// makes now. `previous` is the record's description of the folder (nil: a whole new site is
    /// written and swapped in). A kept file is checked to be as the record says (size, time);
    /// a file made again whose bytes are those of the previous file is not written. `commit`
    /// runs once every file is made, before anything of the previous site changes (false
    /// abandons the build); it is told whether every file the previous site had is still
    /// there with every anchor it had, so that the links of kept pages still hold.
    public func write(paths: [String], previous: (outputs: [String: OutputRecord], folders: [String: Int64])?,
                      workers: Int? = nil, kept: (Int) -> OutputRecord?, make: (Int) -> Made,
                      reused: (Int, OutputRecord) -> Void = { _, _ in },
                      commit: (_ previousTargetsIntact: Bool) -> Bool) throws -> Summary {
        let fileManager = FileManager.default
        let root = outputDirectory.path
        try fileManager.createDirectory(at: outputDirectory.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A build killed between the two renames of a swap left the previous site under its
        // retired name: put it back before anything else.
        if !fileManager.fileExists(atPath: root), fileManager.fileExists(atPath: retired) {
            try fileManager.moveItem(atPath: retired, toPath: root)
        }
        // Leftovers of an interrupted build are ours (their names say so): clear them.
        try? fileManager.removeItem(atPath: staging)
        try? fileManager.removeItem(atPath: retired)
        try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        defer { try? fileManager.removeItem(atPath: staging) }

        var relativePaths: [String] = []
        relativePaths.reserveCapacity(paths.count)
        for path in paths {
            guard let relative = Self.safeRelativePath(path), !Self.legacyFiles.contains(relative) else {
                throw OutputError.unsafePath(path)
            }
            relativePaths.append(relative)
        }
        let inPlace = previous != nil && fileManager.fileExists(atPath: root)
        let before = inPlace ? previous?.outputs ?? [:] : [:]

        enum Outcome { case kept(OutputRecord), unchanged(OutputRecord), written(OutputRecord) }
        let outcomes: [Result<Outcome, Error>] = parallelMap(count: paths.count, workers: workers) { index in
            let relative = relativePaths[index]
            let current = root + "/" + relative
            if inPlace, let record = kept(index), Self.isIntact(current, as: record) {
                reused(index, record)
                return .success(.kept(record))
            }
            let made = make(index)
            var record = OutputRecord(fingerprint: made.fingerprint, digest: made.digest, anchors: made.anchors)
            if let old = before[relative], old.digest == made.digest, Self.isIntact(current, as: old) {
                (record.size, record.modified) = (old.size, old.modified)
                return .success(.unchanged(record))
            }
            do {
                let destination = inPlace ? staging + "/" + String(index) : staging + "/" + relative
                if !inPlace { try FastFile.makeParentFolders(of: destination, below: staging) }
                switch made.contents {
                case .bytes(let bytes): try FastFile.save(bytes, to: destination)
                case .copy(let source): try fileManager.copyItem(atPath: source, toPath: destination)
                }
                return .success(.written(record))
            } catch {
                return .failure(error)
            }
        }
        var records: [String: OutputRecord] = [:]
        var written: [Int] = []
        var anchorsKept = true
        for (index, outcome) in outcomes.enumerated() {
            let relative = relativePaths[index]
            switch try outcome.get() {
            case .kept(let record), .unchanged(let record):
                records[relative] = record
            case .written(let record):
                records[relative] = record
                written.append(index)
            }
            // A page made again may have lost an anchor another page points to.
            if let old = before[relative]?.anchors, !Set(records[relative]?.anchors ?? []).isSuperset(of: old) {
                anchorsKept = false
            }
        }
        let filesKept = before.keys.allSatisfy { records[$0] != nil }
        guard commit(filesKept && anchorsKept) else {
            return Summary(files: paths.count, rewritten: written.count, committed: false, records: [:], folders: [:])
        }

        // Folders whose time may differ from the record's: all of them for a new site.
        var changedFolders: Set<String>?
        if inPlace, let previous {
            changedFolders = try replaceInPlace(written.map { (staging + "/" + String($0), relativePaths[$0]) },
                               removing: Set(before.keys).subtracting(records.keys), previousFolders: previous.folders,
                               files: Set(relativePaths), folders: Self.folders(of: relativePaths))
        } else {
            if fileManager.fileExists(atPath: root) {
                try fileManager.moveItem(atPath: root, toPath: retired)
                try fileManager.moveItem(atPath: staging, toPath: root)
                try? fileManager.removeItem(atPath: retired)
            } else {
                try fileManager.moveItem(atPath: staging, toPath: root)
            }
        }
        // The written files' times, as they now are in the site (a rename keeps them).
        let stamps = parallelMap(count: written.count, workers: workers) { FileStamp(path: root + "/" + relativePaths[written[$0]]) }
        for (position, index) in written.enumerated() {
            guard let stamp = stamps[position] else { continue }
            records[relativePaths[index]]?.size = stamp.size
            records[relativePaths[index]]?.modified = stamp.modified
        }
        let folders = Array(Self.folders(of: relativePaths))
        let times = parallelMap(count: folders.count, workers: workers) { index -> Int64 in
            let folder = folders[index]
            if let changedFolders, !changedFolders.contains(folder), let time = previous?.folders[folder] { return time }
            return FileStamp(path: folder.isEmpty ? root : root + "/" + folder)?.modified ?? 0
        }
        return Summary(files: paths.count, rewritten: written.count, committed: true, records: records,
                       folders: Dictionary(uniqueKeysWithValues: zip(folders, times)))
    }

    /// Renames the staged files over the site's and removes the files and folders it no longer
    /// has; then, in the folders whose time changed since the previous build (someone added or
    /// removed something there), whatever the site does not have. Returns the folders whose time
    /// this may have changed.
    private func replaceInPlace(_ staged: [(from: String, to: String)], removing gone: Set<String>,
                                previousFolders: [String: Int64], files: Set<String>, folders: Set<String>) throws -> Set<String> {
        let root = outputDirectory.path
        // Found before this build changes any folder's time.
        let known = Array(previousFolders)
        let touched = parallelMap(count: known.count) { index -> String? in
            let folder = known[index].key
            let time = FileStamp(path: folder.isEmpty ? root : root + "/" + folder)?.modified
            return time == known[index].value ? nil : folder
        }.compactMap { $0 }
        for file in staged {
            let destination = root + "/" + file.to
            try FastFile.makeParentFolders(of: destination, below: root)
            if rename(file.from, destination) != 0 {
                // Something else stands there (a folder where a file now goes): replace it.
                try? FileManager.default.removeItem(atPath: destination)
                if rename(file.from, destination) != 0 {
                    throw OutputError.systemCall("rename", destination, errno)
                }
            }
        }
        for path in gone where unlink(root + "/" + path) != 0 && errno != ENOENT && errno != EISDIR {
            throw OutputError.systemCall("unlink", root + "/" + path, errno)
        }
        // Folders the site no longer has, deepest first (with whatever is left in them).
        for folder in previousFolders.keys.filter({ !folders.contains($0) }).sorted(by: { $0.count > $1.count }) {
            try? FileManager.default.removeItem(atPath: root + "/" + folder)
        }
        for folder in touched where folders.contains(folder) {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            for entry in FolderListing.entries(of: absolute) ?? [] {
                let relative = folder.isEmpty ? entry.name : folder + "/" + entry.name
                let belongs = entry.kind == .folder ? folders.contains(relative) : files.contains(relative)
                if !belongs { try FileManager.default.removeItem(atPath: root + "/" + relative) }
            }
        }
        // A folder's time changes when an entry in it is added, renamed over or removed.
        var changed = Set(touched)
        for path in staged.map(\.to) + Array(gone) + previousFolders.keys.filter({ !folders.contains($0) }) {
            changed.insert(FastFile.parentFolder(of: path))
        }
        for folder in folders where previousFolders[folder] == nil {
            changed.insert(folder)
            changed.insert(FastFile.parentFolder(of: folder))
        }
        return changed
    }

    /// True when the file at `path` has the size and time the record gives it.
    static func isIntact(_ path: String, as record: OutputRecord) -> Bool {
        guard let stamp = FileStamp(path: path) else { return false }
        return stamp.size == record.size && stamp.modified == record.modified
    }

    /// Every folder holding one of `paths` (relative), with their parents; "" is the root.
    static func folders(of paths: [String]) -> Set<String> {
        var folders: Set<String> = [""]
        for path in paths {
            var folder = FastFile.parentFolder(of: path)
            while folders.insert(folder).inserted {
                folder = FastFile.parentFolder(of: folder)
            }
        }
        return folders
    }

    /// A relative path that stays inside the output folder, or nil.
    static func safeRelativePath(_ path: String) -> String? {
        let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        guard !path.hasPrefix("/"), !parts.isEmpty,
              !parts.contains(where: { $0.elementsEqual("..".utf8) || $0.elementsEqual(".".utf8) }),
              !path.utf8.contains(0) else { return nil }
        // Usually the path as given: rebuilt only when it had doubled slashes.
        if parts.count == 1 + path.utf8.reduce(0, { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }) { return path }
        return parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
    }

    private func resolved(_ url: URL) -> URL {
        url.resolvingSymlinksInPath().standardizedFileURL
    }

    private func isAncestor(_ folder: URL, of other: URL) -> Bool {
        let prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        return other.path.hasPrefix(prefix)
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case unsafePath(String)
    case systemCall(String, String, Int32)

    public var description: String {
        switch self {
        case .unsafePath(let path): "refusing to write « \(path) »: it would land outside the output folder"
        case .systemCall(let call, let path, let code): "\(call) failed on « \(path) »: \(String(cString: strerror(code)))"
        }
    }
}
