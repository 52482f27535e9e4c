import Foundation
import OpenMapFormats

/// JSON for the site's files and inline scripts: sorted keys (deterministic), and the characters
/// that matter to HTML (`<`, `>`, `&`, `'`, `"` inside strings) written as `\u` escapes, so that
/// no content text can close a `<script>` element or read as markup wherever the JSON lands.
///
/// Written directly to bytes rather than through JSONSerialization, which sorted keys by
/// insertion sort and bridged every value: the open-data files of a large site took seconds.
enum SafeJSON {
    /// The JSON of strings, integers, booleans, NSNull, arrays and string-keyed dictionaries of
    /// them; nil for anything else.
    static func encode(_ object: Any, pretty: Bool = false) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        guard write(object, into: &out, pretty: pretty, depth: 0) else { return nil }
        return fitted(out)
    }

    /// The bytes in storage of their size: an array grown by doubling can hold twice its
    /// bytes, and the site search's index (4.7 MB at 10 000 needs) is kept until it is written.
    static func fitted(_ bytes: [UInt8]) -> [UInt8] {
        bytes.capacity > bytes.count + bytes.count / 8 ? bytes.withUnsafeBufferPointer { [UInt8]($0) } : bytes
    }

    /// A document of string members and one list of `count` objects with the same `fields`,
    /// each object's values made one at a time by `values` (in the order of `fields`): a large
    /// export never holds every record as an object at once, and the fields are sorted, their
    /// keys escaped, once for every record rather than per record. With `linePerRecord`, the
    /// members and each record are on a line of their own, a record written compact: as easy to
    /// read and compare line by line as indented JSON, at two thirds of its size (besoins.json
    /// at 10 000 needs: 11.3 → 9.3 MB).
    static func encodeDocument(members: [String: String], listKey: String, fields: [String], count: Int, linePerRecord: Bool = false,
                               values: (Int) -> [Any]) -> [UInt8]? {
        let order = fields.indices.sorted { fields[$0] < fields[$1] }
        let keys = order.map { index -> [UInt8] in
            var key: [UInt8] = []
            writeString(fields[index], into: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        out.append(UInt8(ascii: "{"))
        for (index, key) in (Array(members.keys) + [listKey]).sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            newline(into: &out, pretty: linePerRecord, depth: 0)
            writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            if let text = members[key], key != listKey {
                writeString(text, into: &out)
                continue
            }
            if count == 0 { out.append(contentsOf: "[]".utf8); continue }
            out.append(UInt8(ascii: "["))
            let listStart = out.count
            for element in 0..<count {
                if element > 0 { out.append(UInt8(ascii: ",")) }
                if element == ExportBuffer.measuredRecords { ExportBuffer.reserveRest(of: &out, recordsSince: listStart, total: count) }
                newline(into: &out, pretty: linePerRecord, depth: 0)
                let record = values(element)
                guard record.count == fields.count else { return nil }
                if fields.isEmpty { out.append(contentsOf: "{}".utf8); continue }
                out.append(UInt8(ascii: "{"))
                for (position, field) in order.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: keys[position])
                    guard write(record[field], into: &out, pretty: false, depth: 0) else { return nil }
                }
                out.append(UInt8(ascii: "}"))
            }
            newline(into: &out, pretty: linePerRecord, depth: 0)
            out.append(UInt8(ascii: "]"))
        }
        newline(into: &out, pretty: linePerRecord, depth: 0)
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func write(_ value: Any, into out: inout [UInt8], pretty: Bool, depth: Int) -> Bool {
        switch value {
        case let text as String:
            writeString(text, into: &out)
        case let flag as Bool:
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case let number as Int:
            out.append(contentsOf: String(number).utf8)
        case let list as [Any]:
            if list.isEmpty { out.append(contentsOf: "[]".utf8); return true }
            out.append(UInt8(ascii: "["))
            for (index, element) in list.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, pretty: pretty, depth: depth + 1)
                guard write(element, into: &out, pretty: pretty, depth: depth + 1) else { return false }
            }
            newline(into: &out, pretty: pretty, depth: depth)
            out.append(UInt8(ascii: "]"))
        case let object as [String: Any]:
            if object.isEmpty { out.append(contentsOf: "{}".utf8); return true }
            out.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, pretty: pretty, depth: depth + 1)
                writeString(key, into: &out)
                out.append(contentsOf: (pretty ? ": " : ":").utf8)
                guard let element = object[key], write(element, into: &out, pretty: pretty, depth: depth + 1) else { return false }
            }
            newline(into: &out, pretty: pretty, depth: depth)
            out.append(UInt8(ascii: "}"))
        // Last: asked of a Swift array or dictionary, « is NSNull » first bridges it to
        // Foundation's (an NSArray, an NSDictionary), which cost the open data a third of its time.
        case is NSNull:
            out.append(contentsOf: "null".utf8)
        default:
            return false
        }
        return true
    }

    private static func newline(into out: inout [UInt8], pretty: Bool, depth: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape (nearly all of them) are copied at once.
            var start = 0
            for (index, byte) in bytes.enumerated() where needsEscape(byte) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
                default:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                }
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always) private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "'")
    }
}
