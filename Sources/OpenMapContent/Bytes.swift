import Foundation
import OpenMapText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte strings: searched, cut into lines and fields, read from files (the caches are tens of
/// thousands of lines, read by a build that has a tenth of a second; rendered fragments are cut
/// at their markers).
public enum Bytes {
    /// The first place of `needle` in `haystack` at or after `start` (see `ByteSearch`).
    public static func find(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        ByteSearch.firstIndex(of: needle, in: haystack, from: start)
    }

    /// The same over arrays.
    public static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        ByteSearch.firstIndex(of: needle, in: haystack, from: start)
    }

    /// The line of `bytes` whose first fields are `head` (tab-separated; followed by a tab, a
    /// line feed or the end), its line feed left out; nil when there is none.
    public static func line(startingWith head: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        func isLine(at start: Int) -> Bool {
            let after = start + head.count
            return after == bytes.count || bytes[after] == 9 || bytes[after] == 10
        }
        var start: Int?
        if bytes.starts(with: head), isLine(at: 0) { start = 0 }
        var from = 0
        while start == nil, let found = find([10] + head, in: bytes, from: from) {
            if isLine(at: found + 1) { start = found + 1 }
            from = found + 1
        }
        guard let start else { return nil }
        return start..<(bytes[start...].firstIndex(of: 10) ?? bytes.count)
    }

    /// The ranges of the lines of `bytes[range]` (line feeds left out), empty lines skipped.
    public static func lines(of bytes: [UInt8], in range: Range<Int>? = nil) -> [Range<Int>] {
        let range = range ?? bytes.indices
        var lines: [Range<Int>] = []
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var start = range.lowerBound
            while start < range.upperBound {
                let end = memchr(base + start, 10, range.upperBound - start).map { base.distance(to: UnsafeRawPointer($0)) }
                    ?? range.upperBound
                if end > start { lines.append(start..<end) }
                start = end + 1
            }
        }
        return lines
    }

    /// The tab-separated fields of a line of `bytes`, as text.
    public static func fields(of bytes: [UInt8], in line: Range<Int>) -> [String] {
        var fields: [String] = []
        var start = line.lowerBound
        for index in line where bytes[index] == 9 {
            fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index + 1
        }
        fields.append(String(decoding: bytes[start..<line.upperBound], as: UTF8.self))
        return fields
    }

    /// A whole file's bytes (without Foundation's Data in between); nil when it cannot be read.
    public static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var complete = true
        // Not zeroed first: megabytes, read once.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while let base = buffer.baseAddress, offset < size {
                let count = read(descriptor, base + offset, size - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { complete = false; break }
                offset += count
            }
            initialized = offset
        }
        return complete ? bytes : nil
    }
}
