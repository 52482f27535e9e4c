/// French typographic spacing for running text.
public enum FrenchTypography {
    static let noBreakSpace: Unicode.Scalar = "\u{A0}"
    static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"

    /// Non-breaking space U+00A0 before « : »; narrow no-break space U+202F before « ; ! ? » and
    /// inside guillemets « … ». Replaces an existing ordinary space; adds one inside guillemets if missing.
    /// Must not touch URLs (https://x), times (10:30), or ratios without a space before (only " :" becomes "\u{A0}:").
    ///
    /// Idempotent: applying it to its own output changes nothing.
    public static func apply(_ text: String) -> String {
        let input = Array(text.unicodeScalars)
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(input.count + 8)

        var index = 0
        while index < input.count {
            let scalar = input[index]
            switch scalar {
            case ":":
                replaceTrailingSpaces(in: &output, with: noBreakSpace, alsoReplacing: [])
                output.append(scalar)
            case ";", "!", "?":
                // A no-break space already there is upgraded to the narrow one.
                replaceTrailingSpaces(in: &output, with: narrowNoBreakSpace, alsoReplacing: [noBreakSpace])
                output.append(scalar)
            case "»":
                if let last = output.last, isSpaceLike(last) {
                    replaceTrailingSpaces(in: &output, with: narrowNoBreakSpace, alsoReplacing: [noBreakSpace])
                } else if output.last.map(isLineBreak) != true {
                    // Also at the very start: in Markdown, "«*mot*»" reaches us as "«", "mot", "»".
                    output.append(narrowNoBreakSpace)
                }
                output.append(scalar)
            case "«":
                output.append(scalar)
                var next = index + 1
                while next < input.count, isSpaceLike(input[next]) { next += 1 }
                let nextIsLineBreak = next < input.count && isLineBreak(input[next])
                if !nextIsLineBreak {
                    output.append(narrowNoBreakSpace)
                    index = next
                    continue
                }
            default:
                output.append(scalar)
            }
            index += 1
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: output)
        return String(result)
    }

    private static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == noBreakSpace || scalar == narrowNoBreakSpace
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r"
    }

    /// Replaces the run of ordinary spaces (and `alsoReplacing`) at the end of `output` by one `space`.
    /// Does nothing when there is no such run, so "10:30" and "https://x" stay as they are.
    private static func replaceTrailingSpaces(in output: inout [Unicode.Scalar],
                                              with space: Unicode.Scalar,
                                              alsoReplacing others: [Unicode.Scalar]) {
        var start = output.count
        while start > 0, output[start - 1] == " " || output[start - 1] == space || others.contains(output[start - 1]) {
            start -= 1
        }
        guard start < output.count else { return }
        // A punctuation mark opening a line keeps its indentation. At the very start of the text the
        // space is replaced: in Markdown, "*Attention* !" reaches us as the text " !".
        if start > 0, isLineBreak(output[start - 1]) { return }
        output.removeSubrange(start...)
        output.append(space)
    }
}
