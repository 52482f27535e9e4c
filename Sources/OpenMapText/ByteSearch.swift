#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over bytes: memchr for the first byte, then memcmp (glibc's memmem is not in
/// Swift's Glibc module). Foundation's `String.contains(_:)` goes through NSString: 2 % of a clean
/// build's samples at 10 000 needs, asked of every roadmap's HTML. One search for the Markdown
/// post-processing and the content's byte strings (`Bytes`).
public enum ByteSearch {
    /// The first place of `needle` in `haystack` at or after `start`.
    public static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        needle.withUnsafeBytes { needle in haystack.withUnsafeBytes { firstIndex(of: needle, in: $0, from: start) } }
    }

    public static func contains(_ needle: String, in text: String) -> Bool {
        let needle = Array(needle.utf8)
        return needle.withUnsafeBytes { needle in
            text.utf8.withContiguousStorageIfAvailable { firstIndex(of: needle, in: UnsafeRawBufferPointer($0), from: 0) != nil }
                ?? Array(text.utf8).withUnsafeBytes { firstIndex(of: needle, in: $0, from: 0) != nil }
        }
    }

    public static func firstIndex(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let needleBase = needle.baseAddress, let base = haystack.baseAddress, needle.count > 0 else { return nil }
        let firstByte = Int32(needle[0])
        var position = max(0, start)
        while position + needle.count <= haystack.count {
            guard let hit = memchr(base + position, firstByte, haystack.count - needle.count + 1 - position) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needleBase, needle.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }
}
