/// French typographic spacing for running text.
public enum FrenchTypography {
    // The spaces and marks it reads and writes, as UTF-8. Their lead bytes (0x20, 0xC2, 0xE2)
    // are never continuation bytes, so a match at any position is the character itself.
    private static let noBreakSpace: [UInt8] = [0xC2, 0xA0]        // U+00A0
    private static let narrowNoBreakSpace: [UInt8] = [0xE2, 0x80, 0xAF]  // U+202F
    private static let openingGuillemet: UInt8 = 0xAB  // « is C2 AB
    private static let closingGuillemet: UInt8 = 0xBB  // » is C2 BB

    /// Non-breaking space U+00A0 before « : »; narrow no-break space U+202F before « ; ! ? » and
    /// inside guillemets « … ». Replaces an existing ordinary space; adds one inside guillemets if missing.
    /// Must not touch URLs (https://x), times (10:30), or ratios without a space before (only " :" becomes "\u{A0}:").
    ///
    /// Idempotent: applying it to its own output changes nothing. Works over UTF-8 bytes: every
    /// title and name of every page goes through it.
    public static func apply(_ text: String) -> String {
        var text = text
        let output = text.withUTF8 { input -> [UInt8] in
            var output: [UInt8] = []
            output.reserveCapacity(input.count + 16)
            var index = 0
            while index < input.count {
                let byte = input[index]
                switch byte {
                case UInt8(ascii: ":"):
                    replaceTrailingSpaces(in: &output, with: noBreakSpace, includingNarrow: false)
                    output.append(byte)
                case UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"):
                    // A no-break space already there is upgraded to the narrow one.
                    replaceTrailingSpaces(in: &output, with: narrowNoBreakSpace, includingNarrow: true)
                    output.append(byte)
                case 0xC2 where index + 1 < input.count && input[index + 1] == closingGuillemet:
                    if spaceWidth(endingAt: output.count, in: output, includingNarrow: true) > 0 {
                        replaceTrailingSpaces(in: &output, with: narrowNoBreakSpace, includingNarrow: true)
                    } else if output.last.map(isLineBreak) != true {
                        // Also at the very start: in Markdown, "«*mot*»" reaches us as "«", "mot", "»".
                        output.append(contentsOf: narrowNoBreakSpace)
                    }
                    output.append(contentsOf: [0xC2, closingGuillemet])
                    index += 2
                    continue
                case 0xC2 where index + 1 < input.count && input[index + 1] == openingGuillemet:
                    output.append(contentsOf: [0xC2, openingGuillemet])
                    var next = index + 2
                    while case let width = spaceWidth(startingAt: next, in: input), width > 0 { next += width }
                    let nextIsLineBreak = next < input.count && isLineBreak(input[next])
                    if !nextIsLineBreak {
                        output.append(contentsOf: narrowNoBreakSpace)
                        index = next
                    } else {
                        index += 2
                    }
                    continue
                default:
                    output.append(byte)
                }
                index += 1
            }
            return output
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// The length of the space (ordinary, no-break, or narrow no-break when `includingNarrow`)
    /// that ends just before `end`, or 0.
    private static func spaceWidth(endingAt end: Int, in bytes: [UInt8], includingNarrow: Bool) -> Int {
        if end >= 1, bytes[end - 1] == 0x20 { return 1 }
        if end >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 { return 2 }
        if includingNarrow, end >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, bytes[end - 1] == 0xAF { return 3 }
        return 0
    }

    /// The length of the space (of any of the three kinds) that starts at `start`, or 0.
    private static func spaceWidth(startingAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard start < bytes.count else { return 0 }
        if bytes[start] == 0x20 { return 1 }
        if bytes[start] == 0xC2, start + 1 < bytes.count, bytes[start + 1] == 0xA0 { return 2 }
        if bytes[start] == 0xE2, start + 2 < bytes.count, bytes[start + 1] == 0x80, bytes[start + 2] == 0xAF { return 3 }
        return 0
    }

    /// Replaces the run of ordinary and no-break spaces (and narrow ones when `includingNarrow`)
    /// at the end of `output` by one `space`. Does nothing when there is no such run, so "10:30"
    /// and "https://x" stay as they are.
    private static func replaceTrailingSpaces(in output: inout [UInt8], with space: [UInt8], includingNarrow: Bool) {
        var start = output.count
        while case let width = spaceWidth(endingAt: start, in: output, includingNarrow: includingNarrow), width > 0 {
            start -= width
        }
        guard start < output.count else { return }
        // A punctuation mark opening a line keeps its indentation. At the very start of the text the
        // space is replaced: in Markdown, "*Attention* !" reaches us as the text " !".
        if start > 0, isLineBreak(output[start - 1]) { return }
        output.removeSubrange(start...)
        output.append(contentsOf: space)
    }
}
