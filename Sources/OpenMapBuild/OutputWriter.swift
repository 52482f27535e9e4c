import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// Writes a rendered site into a temporary folder beside the output folder, then swaps it in (or,
/// over a previous build, renames the files that changed into place). A build that fails before
/// that leaves the previous site as it was.
public struct OutputWriter: Sendable {
    /// A file that marks a folder as written by openmap, so that a mistyped `--output` never
    /// replaces a folder of someone else's.
    public static let markerName = ".openmap-site"
    /// Files of openmap's own in the output folder, which no page may be named.
    static let ownFiles: Set<String> = [markerName, BuildCache.fileName, BodyCache.fileName, MarkdownMemo.fileName]

    public let outputDirectory: URL

    public init(outputDirectory: String) {
        self.outputDirectory = URL(fileURLWithPath: outputDirectory).standardizedFileURL
    }

    /// Problems with the output folder itself: the filesystem root, the content or templates
    /// folder (or a folder containing or inside them), or a non-empty folder openmap did not write.
    public func checkDestination(protecting protected: [String]) -> [Diagnostic] {
        let output = resolved(outputDirectory)
        let location = SourceLocation(file: outputDirectory.path)
        if output.path == "/" {
            return [.error("unsafe-output", "refusing to write the site to the filesystem root", at: location,
                           hint: "choose a dedicated folder, e.g. --output site")]
        }
        for folder in protected {
            let other = resolved(URL(fileURLWithPath: folder).standardizedFileURL)
            if output.path == other.path || isAncestor(output, of: other) || isAncestor(other, of: output) {
                return [.error("unsafe-output", "refusing to write the site to « \(outputDirectory.path) »: it overlaps « \(folder) »",
                               at: location, hint: "the output folder must be separate from the content and templates folders")]
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                return [.error("unsafe-output", "« \(outputDirectory.path) » exists and is not a folder", at: location)]
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
            if !entries.isEmpty && !entries.contains(Self.markerName) {
                return [.error("unsafe-output", "« \(outputDirectory.path) » is not empty and was not written by openmap",
                               at: location, hint: "remove it or choose another --output folder")]
            }
        }
        return []
    }

    /// Writes every file into a fresh temporary folder, then replaces the output folder with it.
    /// Returns the number of files written.
    public func write(_ files: [OutputFile]) throws -> Int {
        try write(files, reusingUnchanged: true).files
    }

    /// What `write` did: files in the site, and how many of them had to be written (the others
    /// were unchanged since the previous build and hard-linked from it).
    public struct Summary: Sendable, Equatable {
        public var files: Int
        public var rewritten: Int
        /// False when `commit` said no: the staging folder was removed, the previous site kept.
        public var committed: Bool = true
    }

    /// Writes the site: the first time (or with `reusingUnchanged` false) into a fresh staging
    /// folder beside the output folder, then swapped in; over a previous build, only the files
    /// whose content changed are staged, then renamed over the previous ones. Either way nothing of
    /// the previous site changes before every file is made and `commit` agreed, and the result is
    /// the same as a clean build.
    public func write(_ files: [OutputFile], reusingUnchanged: Bool, workers: Int? = nil) throws -> Summary {
        try write(paths: files.map(\.path), reusingUnchanged: reusingUnchanged, workers: workers,
                  fingerprint: { _ in nil }, reused: { _, _, _ in nil },
                  made: { (files[$0].contents, nil, nil) }, commit: { _ in true })
    }

    /// The same, for a site whose files are made on demand, on any thread, once per file: each
    /// file is made, written and dropped, so the whole site never sits in memory at once.
    ///
    /// - `fingerprint` says what a page is made from (see `PreparedSite.fingerprint(at:)`): when
    ///   the previous build made the same path from the same fingerprint and its file is intact,
    ///   the file is kept without calling `made` at all (no rendering), and `reused` is told the
    ///   index, the file's path and the page's anchors the manifest recorded (nil: not recorded);
    ///   it returns the page's anchors to record.
    /// - `made` makes a file, with its fingerprint and, for a page, the hashes of its anchors
    ///   (`TemplateLinkCheck`), which the manifest keeps for the next build.
    /// - `commit` runs once every file is made, before anything of the previous site changes:
    ///   false abandons the build (a broken link, say), leaving the previous site as it was. It is
    ///   told whether everything the previous site's pages could link to is still there (no file
    ///   gone, no anchor gone from a page made again), in which case the kept pages' links, checked
    ///   by the previous build, still hold.
    /// - `bodyCache`, once the build is committed, gives the `BodyCache` to keep with the site,
    ///   told the hash of the manifest it goes with (nil: none is kept).
    public func write(paths: [String], reusingUnchanged: Bool, workers: Int? = nil,
                      fingerprint: (Int) -> UInt64?, reused: (Int, String, [UInt64]?) -> [UInt64]?,
                      made makeFile: (Int) -> (contents: OutputFile.Contents, fingerprint: UInt64?, anchors: [UInt64]?),
                      commit: (_ previousTargetsIntact: Bool) -> Bool,
                      bodyCache: (_ manifestHash: UInt64) -> [UInt8]? = { _ in nil }) throws -> Summary {
        let fileManager = FileManager.default
        let parent = outputDirectory.deletingLastPathComponent()
        let name = outputDirectory.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).openmap-new")
        let retired = parent.appendingPathComponent(".\(name).openmap-old")
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        // A build killed between the two renames of a swap left the previous site under its
        // retired name: put it back before anything else.
        if !fileManager.fileExists(atPath: outputDirectory.path), fileManager.fileExists(atPath: retired.path) {
            try fileManager.moveItem(at: retired, to: outputDirectory)
        }
        // Leftovers of an interrupted build are ours (their names say so): clear them.
        try? fileManager.removeItem(at: staging)
        try? fileManager.removeItem(at: retired)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)

        var relativePaths: [String] = []
        relativePaths.reserveCapacity(paths.count)
        for path in paths {
            guard let relative = Self.safeRelativePath(path), !Self.ownFiles.contains(relative) else {
                try? fileManager.removeItem(at: staging)
                throw OutputError.unsafePath(path)
            }
            relativePaths.append(relative)
        }

        let previous = reusingUnchanged ? BuildCache.load(from: outputDirectory) : BuildCache()
        // With a previous site and its manifest, the site is updated in place: only the files that
        // changed are staged (flat, by index), then renamed over the previous ones once every file
        // is made and checked. Without (first build, `--clean`), a whole new site is staged and
        // swapped in: creating thousands of folders and links again is what an update avoids.
        let inPlace = previous.isPresent
        let previousRoot = outputDirectory.path
        let stagingRoot = staging.path
        // Each file is independent: hash, reuse or write, then stamp, over every core.
        typealias Outcome = (key: String?, viewKey: String?, anchors: [UInt64]?, rewritten: Bool, anchorsKept: Bool)
        let outcomes: [Result<Outcome, Error>] = parallelMap(count: paths.count, workers: workers) { index in
            let relative = relativePaths[index]
            let current = previousRoot + "/" + relative
            let destination = inPlace ? stagingRoot + "/" + String(index) : stagingRoot + "/" + relative
            // Only when the previous site has fingerprints is it worth asking before rendering.
            // (Without a previous site nothing is reusable: `previous` is empty.)
            if previous.hasViewKeys, let viewKey = fingerprint(index).map(Self.viewKey),
               let key = previous.reusableKey(relative, viewKey: viewKey, at: current)
            {
                let anchors = reused(index, current, previous.anchors[relative])
                return .success((key, viewKey, anchors, false, true))
            }
            let (made, madeFingerprint, anchors) = makeFile(index)
            let viewKey = madeFingerprint.map(Self.viewKey)
            let key = BuildCache.key(for: made)
            // A page made again may have lost an anchor another page points to.
            let anchorsKept = previous.anchors[relative].map { Set(anchors ?? []).isSuperset(of: $0) } ?? true
            do {
                var rewritten = true
                if let key, previous.canReuse(relative, key: key, at: current) {
                    rewritten = false
                } else {
                    // Folders are made by the threads that write into them, as needed (made
                    // up front, one after another, they held the second core idle).
                    if !inPlace { try FastFile.makeParentFolders(of: destination, below: stagingRoot) }
                    switch made {
                    case .bytes(let bytes):
                        try FastFile.save(bytes, to: destination)
                    case .copy(let source):
                        try FileManager.default.copyItem(atPath: source, toPath: destination)
                    }
                }
                return .success((key, viewKey, anchors, rewritten, anchorsKept))
            } catch {
                return .failure(error)
            }
        }
        var cache = BuildCache()
        var rewrittenIndices: [Int] = []
        var anchorsKept = true
        do {
            for (index, outcome) in outcomes.enumerated() {
                let made = try outcome.get()
                if made.rewritten { rewrittenIndices.append(index) }
                anchorsKept = anchorsKept && made.anchorsKept
                // (Bytes, not `contains("\t")`: Foundation's substring search, 30 000 times, was slow.)
                if let key = made.key, !relativePaths[index].utf8.contains(where: { $0 == 9 || $0 == 10 }) {
                    cache.entries[relativePaths[index]] = key
                    cache.viewKeys[relativePaths[index]] = made.viewKey
                    cache.anchors[relativePaths[index]] = made.anchors
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        let filesKept = previous.entries.keys.allSatisfy(cache.entries.keys.contains)
        guard commit(filesKept && anchorsKept) else {
            try? fileManager.removeItem(at: staging)
            return Summary(files: paths.count, rewritten: rewrittenIndices.count, committed: false)
        }

        let manifest = cache.serialized()
        let bodies = bodyCache(ContentHash.hash(manifest))
        if inPlace {
            try applyInPlace(rewrittenIndices, of: relativePaths, from: stagingRoot, manifest: manifest, bodyCache: bodies)
            try? fileManager.removeItem(at: staging)
            return Summary(files: paths.count, rewritten: rewrittenIndices.count)
        }
        if let bodies { try FastFile.save(bodies, to: staging.appendingPathComponent(BodyCache.fileName).path) }
        try FastFile.save(manifest, to: staging.appendingPathComponent(BuildCache.fileName).path)
        try Data("openmap\n".utf8).write(to: staging.appendingPathComponent(Self.markerName))
        if fileManager.fileExists(atPath: outputDirectory.path) {
            try fileManager.moveItem(at: outputDirectory, to: retired)
            try fileManager.moveItem(at: staging, to: outputDirectory)
            try? fileManager.removeItem(at: retired)
        } else {
            try fileManager.moveItem(at: staging, to: outputDirectory)
        }
        return Summary(files: paths.count, rewritten: rewrittenIndices.count)
    }

    /// Renames the staged files (named by index) over the previous site's, removes what the new
    /// site no longer has, then writes the manifest. The manifest goes first: from the first
    /// rename until the new one is written, the site has none, so a build killed in between is
    /// never trusted and the next build writes every file again.
    private func applyInPlace(_ indices: [Int], of relativePaths: [String], from staging: String,
                              manifest: [UInt8], bodyCache: [UInt8]?) throws {
        let root = outputDirectory.path
        try Self.replaceInPlace(in: root, staged: indices.map { (staging + "/" + String($0), relativePaths[$0]) },
                                staging: staging, manifest: manifest, bodyCache: bodyCache) {
            var kept = Set(relativePaths)
            kept.formUnion([Self.markerName, BodyCache.fileName, MarkdownMemo.fileName])
            try FastFile.removeEverything(in: root, except: kept, keepingFolders: Self.folders(of: relativePaths))
            try FastFile.save(Array("openmap\n".utf8), to: root + "/" + Self.markerName)
        }
    }

    /// Renames staged files over a site's (`staged`: staged path, path relative to `root`), runs
    /// `tidy`, then puts the body cache and the manifest in place, the manifest last.
    static func replaceInPlace(in root: String, staged: [(from: String, to: String)], staging: String,
                               manifest: [UInt8], bodyCache: [UInt8]?, tidy: () throws -> Void = {}) throws {
        let manifestPath = root + "/" + BuildCache.fileName
        if unlink(manifestPath) != 0, errno != ENOENT { throw OutputError.systemCall("unlink", manifestPath, errno) }
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
        try tidy()
        let bodyCachePath = root + "/" + BodyCache.fileName
        if let bodyCache {
            try FastFile.save(bodyCache, to: staging + "/" + BodyCache.fileName)
            if rename(staging + "/" + BodyCache.fileName, bodyCachePath) != 0 { throw OutputError.systemCall("rename", bodyCachePath, errno) }
        } else if unlink(bodyCachePath) != 0, errno != ENOENT {
            throw OutputError.systemCall("unlink", bodyCachePath, errno)
        }
        try FastFile.save(manifest, to: staging + "/" + BuildCache.fileName)
        if rename(staging + "/" + BuildCache.fileName, manifestPath) != 0 { throw OutputError.systemCall("rename", manifestPath, errno) }
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

    /// How the manifest writes a page's fingerprint.
    static func viewKey(_ fingerprint: UInt64) -> String { "v" + String(fingerprint, radix: 16) }

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
