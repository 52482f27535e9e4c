import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Low-level file operations for the writer: fewer system calls than FileManager's.
enum FastFile {
    static func save(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.systemCall("open", path, errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// Writes all of `bytes` at the descriptor's position (`path` names it in errors).
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputError.systemCall("write", path, errno)
                }
                offset += written
            }
        }
    }

    /// The folder holding `path` (« a/b/c » → « a/b », « /a » → « / », « a » → « »), for the
    /// paths a build makes (no trailing or doubled slash): found over bytes, where NSString's
    /// bridge cost microseconds for each of tens of thousands of files.
    static func parentFolder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Creates the missing folders above `path`, up to `root` (which exists). Several threads
    /// may make the same folder: one that exists is fine.
    static func makeParentFolders(of path: String, below root: String) throws {
        let parent = parentFolder(of: path)
        guard parent.utf8.count > root.utf8.count else { return }
        if mkdir(parent, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw OutputError.systemCall("mkdir", parent, errno) }
        try makeParentFolders(of: parent, below: root)
        try makeFolder(parent)
    }

    /// Creates `path`; an existing folder is fine.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw OutputError.systemCall("mkdir", path, errno) }
    }
}

/// A count shared by the worker threads.
final class SharedCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds one; returns the new count.
    @discardableResult
    func increment() -> Int {
        count.add(1, ordering: .relaxed).newValue
    }

    var value: Int { count.load(ordering: .relaxed) }
}
