import Diagnostics
import Foundation
import OpenMapContent
import OpenMapRender

/// Writes a rendered site into a temporary folder beside the output folder, then swaps it in.
/// A build that fails before the swap leaves the previous site as it was.
public struct OutputWriter: Sendable {
    /// A file that marks a folder as written by openmap, so that a mistyped `--output` never
    /// replaces a folder of someone else's.
    public static let markerName = ".openmap-site"

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

    /// Writes the site into a fresh staging folder beside the output folder, then swaps it in.
    /// With `reusingUnchanged`, a file whose content (or copied source) is the same as in the
    /// previous build, and which nobody touched since, is hard-linked from the previous site
    /// instead of written: the previous site's files are never modified, so a failed build still
    /// leaves it as it was, and the result is the same as a clean build.
    public func write(_ files: [OutputFile], reusingUnchanged: Bool, workers: Int? = nil) throws -> Summary {
        try write(paths: files.map(\.path), reusingUnchanged: reusingUnchanged, workers: workers) { files[$0].contents }
    }

    /// The same, for a site whose files are produced on demand (`contents` runs on any thread,
    /// once per file): each file is made, written and dropped, so the whole site never sits in
    /// memory at once.
    ///
    /// `commit` runs once every file is staged, before the swap: false abandons the build (a
    /// problem found while writing, such as a broken link), leaving the previous site as it was.
    ///
    /// `fingerprint` says what a page is made from (see `PreparedSite.fingerprint(at:)`): when
    /// the previous build made the same path from the same fingerprint and its file is intact,
    /// the file is reused without calling `contents` at all (no rendering), and `reused` is told
    /// the index and the previous file's path.
    public func write(paths: [String], reusingUnchanged: Bool, workers: Int? = nil,
                      fingerprint: (Int) -> UInt64? = { _ in nil }, reused: (Int, String) -> Void = { _, _ in },
                      contents: (Int) -> OutputFile.Contents, commit: () -> Bool = { true }) throws -> Summary {
        try write(paths: paths, reusingUnchanged: reusingUnchanged, workers: workers, fingerprint: fingerprint, reused: reused,
                  made: { (contents($0), fingerprint($0)) }, commit: commit)
    }

    /// The same, with each file made together with its fingerprint (`made`), so that a page
    /// that must be rendered is not prepared twice.
    public func write(paths: [String], reusingUnchanged: Bool, workers: Int? = nil,
                      fingerprint: (Int) -> UInt64?, reused: (Int, String) -> Void,
                      made makeFile: (Int) -> (contents: OutputFile.Contents, fingerprint: UInt64?),
                      commit: () -> Bool) throws -> Summary {
        let fileManager = FileManager.default
        let parent = outputDirectory.deletingLastPathComponent()
        let name = outputDirectory.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).openmap-new")
        let retired = parent.appendingPathComponent(".\(name).openmap-old")
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        // A build killed between the two renames below left the previous site under its retired
        // name: put it back before anything else.
        if !fileManager.fileExists(atPath: outputDirectory.path), fileManager.fileExists(atPath: retired.path) {
            try fileManager.moveItem(at: retired, to: outputDirectory)
        }
        // Leftovers of an interrupted build are ours (their names say so): clear them.
        try? fileManager.removeItem(at: staging)
        try? fileManager.removeItem(at: retired)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)

        var relativePaths: [String] = []
        relativePaths.reserveCapacity(paths.count)
        var createdFolders: Set<String> = [""]
        for path in paths {
            guard let relative = Self.safeRelativePath(path), relative != BuildCache.fileName else {
                throw OutputError.unsafePath(path)
            }
            relativePaths.append(relative)
            var folders: [String] = []
            var folder = (relative as NSString).deletingLastPathComponent
            while createdFolders.insert(folder).inserted {
                folders.append(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
            for folder in folders.reversed() {
                try FastFile.makeFolder(staging.appendingPathComponent(folder).path)
            }
        }

        let previous = reusingUnchanged ? BuildCache.load(from: outputDirectory) : BuildCache()
        let previousRoot = outputDirectory.path
        let stagingRoot = staging.path
        // Each file is independent: hash, reuse or write, then stamp, over every core.
        let outcomes: [Result<(key: String?, viewKey: String?, rewritten: Bool), Error>] = parallelMap(count: paths.count, workers: workers) { index in
            let relative = relativePaths[index]
            let destination = stagingRoot + "/" + relative
            // Only when the previous site has fingerprints is it worth asking before rendering.
            if previous.hasViewKeys, let viewKey = fingerprint(index).map(Self.viewKey),
               let key = previous.reusableKey(relative, viewKey: viewKey, at: previousRoot + "/" + relative),
               FastFile.hardLink(previousRoot + "/" + relative, destination)
            {
                reused(index, previousRoot + "/" + relative)
                return .success((key, viewKey, false))
            }
            let (made, madeFingerprint) = makeFile(index)
            let viewKey = madeFingerprint.map(Self.viewKey)
            let key = BuildCache.key(for: made)
            do {
                var rewritten = true
                if let key, previous.canReuse(relative, key: key, at: previousRoot + "/" + relative),
                   FastFile.hardLink(previousRoot + "/" + relative, destination)
                {
                    rewritten = false
                } else {
                    switch made {
                    case .bytes(let bytes):
                        try FastFile.save(bytes, to: destination)
                    case .copy(let source):
                        try FileManager.default.copyItem(atPath: source, toPath: destination)
                    }
                }
                return .success((key, viewKey, rewritten))
            } catch {
                return .failure(error)
            }
        }
        var cache = BuildCache()
        var rewritten = 0
        for (index, outcome) in outcomes.enumerated() {
            let (key, viewKey, wasRewritten) = try outcome.get()
            if wasRewritten { rewritten += 1 }
            if let key, !relativePaths[index].contains("\t"), !relativePaths[index].contains("\n") {
                cache.entries[relativePaths[index]] = key
                cache.viewKeys[relativePaths[index]] = viewKey
            }
        }
        guard commit() else {
            try? fileManager.removeItem(at: staging)
            return Summary(files: paths.count, rewritten: rewritten, committed: false)
        }
        try FastFile.save(cache.serialized(), to: staging.appendingPathComponent(BuildCache.fileName).path)
        try Data("openmap\n".utf8).write(to: staging.appendingPathComponent(Self.markerName))

        if fileManager.fileExists(atPath: outputDirectory.path) {
            try fileManager.moveItem(at: outputDirectory, to: retired)
            try fileManager.moveItem(at: staging, to: outputDirectory)
            try? fileManager.removeItem(at: retired)
        } else {
            try fileManager.moveItem(at: staging, to: outputDirectory)
        }
        return Summary(files: paths.count, rewritten: rewritten)
    }

    /// How the manifest writes a page's fingerprint.
    static func viewKey(_ fingerprint: UInt64) -> String { "v" + String(fingerprint, radix: 16) }

    /// A relative path that stays inside the output folder, or nil.
    static func safeRelativePath(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !path.hasPrefix("/"), !parts.isEmpty,
              !parts.contains(where: { $0 == ".." || $0 == "." }),
              !path.contains("\0") else { return nil }
        return parts.joined(separator: "/")
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
