import Foundation
import OpenMapContent
import OpenMapRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the previous build wrote, kept inside the output folder (`.openmap-cache`) so that it is
/// swapped in with the site it describes and never disagrees with it.
///
/// One line per file, sorted: `path \t key`, where the key says what the file was made from (a
/// hash and length of its bytes, or of the copied source's bytes). It holds nothing else (no
/// time, no inode), so two builds of the same content write the same manifest. A file of the
/// previous site is reused only if it still has the recorded length and was not modified after
/// the manifest was written: a file edited by hand since is written again.
struct BuildCache {
    static let fileName = ".openmap-cache"

    /// Path → key.
    var entries: [String: String] = [:]
    /// Path → what the page was rendered from (`v` and its fingerprint), for pages.
    var viewKeys: [String: String] = [:]
    /// When the manifest was written: files modified later were touched by someone else.
    var writtenAt: Int64 = .min

    /// The manifest of `folder`, or an empty cache when it is missing or unreadable.
    static func load(from folder: URL) -> BuildCache {
        var cache = BuildCache()
        let path = folder.appendingPathComponent(fileName).path
        guard let stamp = FileStamp(path: path), let data = FileManager.default.contents(atPath: path) else { return cache }
        cache.writtenAt = stamp.modified
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 || fields.count == 3 else { continue }
            cache.entries[String(fields[0])] = String(fields[1])
            if fields.count == 3 { cache.viewKeys[String(fields[0])] = String(fields[2]) }
        }
        return cache
    }

    func serialized() -> [UInt8] {
        var text = ""
        for path in entries.keys.sorted() {
            guard let key = entries[path] else { continue }
            text += path + "\t" + key + (viewKeys[path].map { "\t" + $0 } ?? "") + "\n"
        }
        return Array(text.utf8)
    }

    /// True when the previous site's file at `path` (absolute) can stand for a file with `key`.
    func canReuse(_ relative: String, key: String, at path: String) -> Bool {
        guard entries[relative] == key, let stamp = FileStamp(path: path) else { return false }
        return stamp.modified <= writtenAt && key.hasSuffix(":" + String(stamp.size))
    }

    var hasViewKeys: Bool { !viewKeys.isEmpty }

    /// The key of the previous site's page at `path` (absolute) when it was rendered from the
    /// same view (`viewKey`) and is intact: it can be reused without rendering.
    func reusableKey(_ relative: String, viewKey: String, at path: String) -> String? {
        guard viewKeys[relative] == viewKey, let key = entries[relative], canReuse(relative, key: key, at: path) else { return nil }
        return key
    }

    /// The key of an output file: what it is made from.
    static func key(for contents: OutputFile.Contents) -> String? {
        switch contents {
        case .bytes(let bytes):
            return "h" + String(ContentHash.hash(bytes), radix: 16) + ":" + String(bytes.count)
        case .copy(let source):
            guard let data = FileManager.default.contents(atPath: source) else { return nil }
            let bytes = [UInt8](data)
            return "c" + String(ContentHash.hash(bytes), radix: 16) + ":" + String(bytes.count)
        }
    }
}

/// Low-level file operations for the writer: fewer system calls than FileManager's.
enum FastFile {
    static func save(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.systemCall("open", path, errno) }
        defer { close(descriptor) }
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

    /// Creates `path`; an existing folder is fine.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw OutputError.systemCall("mkdir", path, errno) }
    }

    /// A second name for an existing file; false when the file system refuses.
    static func hardLink(_ existing: String, _ new: String) -> Bool {
        link(existing, new) == 0
    }
}
