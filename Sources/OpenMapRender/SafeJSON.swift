import Foundation

/// JSON for the site's files and inline scripts: sorted keys (deterministic), and the characters
/// that matter to HTML (`<`, `>`, `&`, `'`, `"` inside strings) written as `\u` escapes, so that
/// no content text can close a `<script>` element or read as markup wherever the JSON lands.
enum SafeJSON {
    static func encode(_ object: Any, pretty: Bool = false) -> [UInt8]? {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: options)
        else { return nil }
        return harden(Array(data))
    }

    /// Rewrites escapes byte by byte; a backslash always takes the byte after it along, so an
    /// escaped backslash before a closing quote is never mistaken for an escaped quote.
    static func harden(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count + json.count / 16)
        var index = 0
        func unicodeEscape(_ byte: UInt8) -> [UInt8] {
            Array(String(format: "\\u%04x", byte).utf8)
        }
        while index < json.count {
            let byte = json[index]
            switch byte {
            case UInt8(ascii: "\\") where index + 1 < json.count:
                let next = json[index + 1]
                if next == UInt8(ascii: "\"") { out += unicodeEscape(next) } else { out += [byte, next] }
                index += 2
                continue
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "'"):
                out += unicodeEscape(byte)
            default:
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}
