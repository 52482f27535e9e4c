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
