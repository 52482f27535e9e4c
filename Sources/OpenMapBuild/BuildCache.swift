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
/// hash and length of its bytes, or of the copied source's bytes); for a page, then, what its
/// view was (`v` and its fingerprint) and its anchors (`a`, then the hashes of its ids, which
/// the link check of the next build needs for the pages it keeps without reading them). It holds
/// nothing else (no time, no inode), so two builds of the same content write the same manifest. A file of the
/// previous site is reused only if it still has the recorded length and was not modified after
/// the manifest was written: a file edited by hand since is written again.
struct BuildCache {
    static let fileName = ".openmap-cache"

    /// Path → key.
    var entries: [String: String] = [:]
    /// Path → what the page was rendered from (`v` and its fingerprint), for pages.
    var viewKeys: [String: String] = [:]
    /// Path → the `ContentHash` of « page#id » for each id of the page, sorted, for pages.
    var anchors: [String: [UInt64]] = [:]
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
            guard fields.count >= 2 && fields.count <= 4 else { continue }
            let path = String(fields[0])
            cache.entries[path] = String(fields[1])
            if fields.count >= 3, !fields[2].isEmpty { cache.viewKeys[path] = String(fields[2]) }
            if fields.count == 4, fields[3].first == "a" {
                let hashes = fields[3].dropFirst().split(separator: ",").compactMap { UInt64($0, radix: 16) }
                cache.anchors[path] = hashes
            }
        }
        return cache
    }

    func serialized() -> [UInt8] {
        // Written as bytes: tens of thousands of lines, most with a dozen hashes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 160)
        for path in entries.keys.sorted() {
            guard let key = entries[path] else { continue }
            bytes += path.utf8
            bytes.append(UInt8(ascii: "\t"))
            bytes += key.utf8
            if let anchors = anchors[path] {
                bytes.append(UInt8(ascii: "\t"))
                bytes += (viewKeys[path] ?? "").utf8
                bytes += "\ta".utf8
                for (position, anchor) in anchors.enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    Self.appendHex(anchor, to: &bytes)
                }
            } else if let viewKey = viewKeys[path] {
                bytes.append(UInt8(ascii: "\t"))
                bytes += viewKey.utf8
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Lowercase hexadecimal without leading zeros, as `String(value, radix: 16)` writes it.
    static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        var shift = max(0, (64 - value.leadingZeroBitCount + 3) / 4 * 4 - 4)
        while shift >= 0 {
            bytes.append(digits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }

    /// True when the previous site's file at `path` (absolute) can stand for a file with `key`.
    func canReuse(_ relative: String, key: String, at path: String) -> Bool {
        guard entries[relative] == key, let stamp = FileStamp(path: path) else { return false }
        return stamp.modified <= writtenAt && key.hasSuffix(":" + String(stamp.size))
    }

    var hasViewKeys: Bool { !viewKeys.isEmpty }

    /// True when a manifest was read: the folder is a site this describes.
    var isPresent: Bool { writtenAt != .min }

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

    /// Creates the missing folders above `path`, up to `root` (which exists). Several threads
    /// may make the same folder: one that exists is fine.
    static func makeParentFolders(of path: String, below root: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard parent.count > root.count else { return }
        if mkdir(parent, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw OutputError.systemCall("mkdir", parent, errno) }
        try makeParentFolders(of: parent, below: root)
        try makeFolder(parent)
    }

    /// Creates `path`; an existing folder is fine.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw OutputError.systemCall("mkdir", path, errno) }
    }

    /// Removes from `root` every file whose relative path is not in `kept`, and every folder not
    /// in `folders` with what it holds: what a clean build would not have written.
    static func removeEverything(in root: String, except kept: Set<String>, keepingFolders folders: Set<String>) throws {
        var pending = [""]
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let entries = FolderListing.entries(of: absolute) else { throw OutputError.systemCall("opendir", absolute, errno) }
            for entry in entries {
                let relative = folder.isEmpty ? entry.name : folder + "/" + entry.name
                if entry.kind == .folder {
                    if folders.contains(relative) {
                        pending.append(relative)
                    } else {
                        try FileManager.default.removeItem(atPath: root + "/" + relative)
                    }
                } else if !kept.contains(relative), unlink(root + "/" + relative) != 0, errno != ENOENT {
                    throw OutputError.systemCall("unlink", root + "/" + relative, errno)
                }
            }
        }
    }
}
