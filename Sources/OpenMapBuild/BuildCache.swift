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
/// nothing else (no time or inode of the content; the program's own stamp is part of every view
/// fingerprint), so two builds of the same content by the same openmap write the same manifest.
/// A file of the previous site is reused only if it still has the recorded length and was not
/// modified after the manifest was written: a file edited by hand since is written again.
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
        read(from: folder.path)?.cache ?? BuildCache()
    }

    /// The manifest of `folder` and its bytes; nil when it is missing or unreadable.
    static func read(from folder: String) -> (cache: BuildCache, bytes: [UInt8])? {
        let path = folder + "/" + fileName
        guard let stamp = FileStamp(path: path), let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        var cache = BuildCache()
        cache.writtenAt = stamp.modified
        for line in bytes.split(separator: 10) {
            guard let entry = Self.entry(line) else { continue }
            cache.entries[entry.path] = entry.key
            cache.viewKeys[entry.path] = entry.viewKey
            cache.anchors[entry.path] = entry.anchors
        }
        return (cache, bytes)
    }

    func serialized() -> [UInt8] {
        // Written as bytes: tens of thousands of lines, most with a dozen hashes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 160)
        for path in entries.keys.sorted() {
            guard let key = entries[path] else { continue }
            Self.appendLine(path: path, key: key, viewKey: viewKeys[path], anchors: anchors[path], to: &bytes)
        }
        return bytes
    }

    /// One line of the manifest: `path \t key [\t viewKey [\t a<anchors>]]`.
    static func appendLine(path: String, key: String, viewKey: String?, anchors: [UInt64]?, to bytes: inout [UInt8]) {
        bytes += path.utf8
        bytes.append(UInt8(ascii: "\t"))
        bytes += key.utf8
        if let anchors {
            bytes.append(UInt8(ascii: "\t"))
            bytes += (viewKey ?? "").utf8
            bytes += "\ta".utf8
            for (position, anchor) in anchors.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                appendHex(anchor, to: &bytes)
            }
        } else if let viewKey {
            bytes.append(UInt8(ascii: "\t"))
            bytes += viewKey.utf8
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// What one line of the manifest says; nil for a line that is not an entry.
    static func entry(_ line: ArraySlice<UInt8>) -> (path: String, key: String, viewKey: String?, anchors: [UInt64]?)? {
        let fields = line.split(separator: 9, omittingEmptySubsequences: false)
        guard fields.count >= 2 && fields.count <= 4 else { return nil }
        let viewKey = fields.count >= 3 && !fields[2].isEmpty ? String(decoding: fields[2], as: UTF8.self) : nil
        var anchors: [UInt64]?
        if fields.count == 4, fields[3].first == UInt8(ascii: "a") {
            anchors = fields[3].dropFirst().split(separator: UInt8(ascii: ",")).compactMap { hex in
                UInt64(String(decoding: hex, as: UTF8.self), radix: 16)
            }
        }
        return (String(decoding: fields[0], as: UTF8.self), String(decoding: fields[1], as: UTF8.self), viewKey, anchors)
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
        entries[relative] == key && Self.isIntact(path, key: key, writtenAt: writtenAt)
    }

    /// True when the file at `path` has the length `key` records and was not modified after the
    /// manifest was written at `writtenAt`.
    static func isIntact(_ path: String, key: String, writtenAt: Int64) -> Bool {
        guard let stamp = FileStamp(path: path) else { return false }
        return stamp.modified <= writtenAt && key.hasSuffix(":" + String(stamp.size))
    }

    var hasViewKeys: Bool { !viewKeys.isEmpty }

    /// The view key of a page that was not made from a view (`BodyEditBuild`): no view has it, so
    /// the next build that makes views renders the page again.
    static let unknownViewKey = "v-"

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

/// The manifest as its bytes, for a build that changes a few of its lines (`BodyEditBuild`):
/// tens of thousands of lines, most of them never read.
struct ManifestLines {
    let bytes: [UInt8]
    /// When it was written (see `BuildCache.writtenAt`).
    let writtenAt: Int64

    static func read(from folder: String) -> ManifestLines? {
        let path = folder + "/" + BuildCache.fileName
        guard let stamp = FileStamp(path: path), let bytes = Bytes.contents(of: path) else { return nil }
        return ManifestLines(bytes: bytes, writtenAt: stamp.modified)
    }

    /// Where the line of `path` is, its line feed left out.
    func lineRange(of path: String) -> Range<Int>? {
        Bytes.line(startingWith: Array(path.utf8), in: bytes)
    }

    /// The entry of `path`.
    func entry(of path: String) -> (key: String, viewKey: String?, anchors: [UInt64]?)? {
        guard let range = lineRange(of: path), let entry = BuildCache.entry(bytes[range]) else { return nil }
        return (entry.key, entry.viewKey, entry.anchors)
    }

    /// The `ContentHash` of every path it lists: enough to tell whether a link leads to a
    /// published file, without making tens of thousands of strings.
    func pathHashes() -> Set<UInt64> {
        var hashes: Set<UInt64> = []
        bytes.withUnsafeBytes { raw in
            for line in Bytes.lines(of: bytes) {
                let end = bytes[line].firstIndex(of: 9) ?? line.upperBound
                var hasher = StableHasher()
                hasher.combine(UnsafeRawBufferPointer(rebasing: raw[line.lowerBound..<end]))
                hashes.insert(hasher.finalize())
            }
        }
        return hashes
    }

    /// True when the site in `folder` is exactly what it lists, as the build wrote it: every file
    /// intact (`BuildCache.isIntact`), no file added or removed by hand. A stat per file and per
    /// folder, over both cores, and one listing: a folder whose entries changed after the
    /// manifest was written is newer than it; the site's own folder, where the manifest itself
    /// was just renamed, is listed instead.
    func describesExactly(folder: String) -> Bool {
        var paths: [String] = []
        var keys: [String] = []
        for line in Bytes.lines(of: bytes) {
            // `path \t key [\t …]`: the anchors that may follow are not needed.
            guard let pathEnd = bytes[line].firstIndex(of: 9) else { return false }
            let keyEnd = bytes[(pathEnd + 1)..<line.upperBound].firstIndex(of: 9) ?? line.upperBound
            paths.append(String(decoding: bytes[line.lowerBound..<pathEnd], as: UTF8.self))
            keys.append(String(decoding: bytes[(pathEnd + 1)..<keyEnd], as: UTF8.self))
        }
        var topLevel = OutputWriter.ownFiles
        var folders: Set<Substring> = []
        for path in paths {
            var slash = path.firstIndex(of: "/")
            topLevel.insert(String(path[..<(slash ?? path.endIndex)]))
            while let end = slash {
                folders.insert(path[..<end])
                slash = path[path.index(after: end)...].firstIndex(of: "/")
            }
        }
        guard !paths.isEmpty, let listed = FolderListing.entries(of: folder),
              Set(listed.map(\.name)).subtracting([".", ".."]) == topLevel else { return false }
        let subfolders = Array(folders)
        let chunks = 16
        let intact = parallelMap(count: chunks, workers: nil, minimumPerChunk: 1) { chunk in
            let files = (paths.count * chunk / chunks)..<(paths.count * (chunk + 1) / chunks)
            let others = (subfolders.count * chunk / chunks)..<(subfolders.count * (chunk + 1) / chunks)
            return files.allSatisfy { BuildCache.isIntact(folder + "/" + paths[$0], key: keys[$0], writtenAt: writtenAt) }
                && others.allSatisfy { (FileStamp(path: folder + "/" + subfolders[$0])?.modified ?? .max) <= writtenAt }
        }
        return !intact.contains(false)
    }

    /// The manifest's bytes with some lines written anew (`BuildCache.appendLine`).
    func replacing(_ entries: [(path: String, key: String, viewKey: String?, anchors: [UInt64]?)]) -> [UInt8]? {
        var ranges: [(range: Range<Int>, entry: Int)] = []
        for (index, entry) in entries.enumerated() {
            guard let range = lineRange(of: entry.path) else { return nil }
            ranges.append((range, index))
        }
        ranges.sort { $0.range.lowerBound < $1.range.lowerBound }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 4096)
        var copied = 0
        for (range, index) in ranges {
            result += bytes[copied..<range.lowerBound]
            let entry = entries[index]
            BuildCache.appendLine(path: entry.path, key: entry.key, viewKey: entry.viewKey, anchors: entry.anchors, to: &result)
            copied = min(range.upperBound + 1, bytes.count)  // its line feed was written anew
        }
        result += bytes[copied...]
        return result
    }
}

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
