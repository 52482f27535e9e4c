#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a folder holds, read with readdir(3): one system call for many entries, and each entry's
/// kind without a stat of its own (where the file system says it). For the build's writer and
/// the preview's watcher, which go over thousands of files.
public enum FolderListing {
    public enum Kind: Sendable { case file, folder, symbolicLink, other }

    public struct Entry: Sendable {
        public var name: String
        public var kind: Kind
    }

    /// The entries of `path` but « . » and « .. », in the file system's order; nil when it cannot
    /// be opened.
    public static func entries(of path: String) -> [Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name == "." || name == ".." { continue }
            var kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_REG): kind = .file
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_UNKNOWN):
                // Some file systems do not say: ask.
                var info = stat()
                guard lstat(path + "/" + name, &info) == 0 else { kind = .other; break }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: kind = .folder
                case S_IFREG: kind = .file
                case S_IFLNK: kind = .symbolicLink
                default: kind = .other
                }
            default: kind = .other
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return entries
    }
}

/// Every visible file under some folders with its size and modification time: what the preview
/// compares to notice a save, and what a build keeps to tell, next time, which files changed.
/// Hidden files and folders (editors' swap files, `.git`) are left out, as the loader and the
/// templates leave them out.
public enum SourceSnapshot {
    /// The running program's own file, its length and time: what a site was built with is one
    /// of its sources too (another build of openmap may render otherwise).
    public static let programStamp: String = {
        guard let stamp = FileStamp(path: "/proc/self/exe") ?? CommandLine.arguments.first.flatMap(FileStamp.init(path:))
        else { return "?" }
        return "\(stamp.size)-\(stamp.modified)"
    }()

    /// Path (each folder's path joined with the file's relative path) → stamp.
    public static func take(_ folders: [String]) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for folder in folders {
            walk(folder) { path, isFolder in
                if !isFolder, let stamp = FileStamp(path: path) { stamps[path] = stamp }
            }
        }
        return stamps
    }

    /// The files that differ between two snapshots, sorted.
    public static func changes(from old: [String: FileStamp], to new: [String: FileStamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }

    /// Calls `visit` with every visible file and folder under `root` (a symbolic link counts as
    /// what it leads to; links to folders are not followed, so a loop cannot trap the walk).
    public static func walk(_ root: String, _ visit: (String, _ isFolder: Bool) -> Void) {
        var pending = [root]
        while let folder = pending.popLast() {
            for entry in FolderListing.entries(of: folder) ?? [] where !entry.name.hasPrefix(".") {
                let path = folder + "/" + entry.name
                switch entry.kind {
                case .folder:
                    visit(path, true)
                    pending.append(path)
                case .file:
                    visit(path, false)
                case .symbolicLink:
                    var info = stat()
                    if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { visit(path, false) }
                case .other:
                    continue
                }
            }
        }
    }
}

/// Every visible file of the sources (content and templates) with its size and time, as a build
/// found them before reading any: what the next build, or the preview's next look, compares with.
public struct SourceStamps: Codable, Sendable, Equatable {
    /// Path (each folder's path joined with the file's relative path) → stamp.
    public var files: [String: FileStamp]
    /// When the stamps were taken, on the clock file times are read from (ns since 1970).
    public var takenAt: Int64

    public init(files: [String: FileStamp] = [:], takenAt: Int64 = 0) {
        self.files = files
        self.takenAt = takenAt
    }

    private enum CodingKeys: String, CodingKey { case files, takenAt }
    private struct Entry: Codable {
        var path: String
        var stamp: FileStamp
    }

    // Sorted by path: the same stamps give the same bytes.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files.sorted { $0.key < $1.key }.map { Entry(path: $0.key, stamp: $0.value) }, forKey: .files)
        try container.encode(takenAt, forKey: .takenAt)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let entries = try container.decode([Entry].self, forKey: .files)
        files = Dictionary(entries.map { ($0.path, $0.stamp) }, uniquingKeysWith: { first, _ in first })
        takenAt = try container.decode(Int64.self, forKey: .takenAt)
    }

    /// The clock's coarseness: file times advance by ticks (4 ms at most on Linux), so a file
    /// written within a tick of being read may change again without its time changing.
    static let tick: Int64 = 20_000_000

    public static func take(_ folders: [String]) -> SourceStamps {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let takenAt = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        return SourceStamps(files: SourceSnapshot.take(folders), takenAt: takenAt)
    }

    /// The files added, removed or changed since `earlier`, sorted. A file that looks unchanged
    /// but was written within a tick of `earlier` being taken counts as changed: what was read
    /// then may not be what is there now (git's « racy clean » files).
    public func changes(since earlier: SourceStamps) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files {
            guard let before = earlier.files[path], before == stamp, stamp.modified < earlier.takenAt - Self.tick else {
                changed.append(path)
                continue
            }
        }
        for path in earlier.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
