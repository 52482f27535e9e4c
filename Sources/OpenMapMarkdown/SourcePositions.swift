import OpenMapText

/// Turns cmark's positions (byte columns, sometimes off for inline nodes) into editor positions
/// (line and Unicode-scalar column, as `Diagnostics.SourceLocation` counts them).
///
/// cmark-gfm misplaces some inline nodes: the autolink extension is one column early, and `<…>`
/// autolinks after the first line of a paragraph carry the previous lines' length in their column.
/// The claimed line is right, so each node is looked for on that line, by the text it starts with.
struct SourcePositions {
    private let lines: [[UInt8]]
    /// Where the last node handed out starts plus what it matched (0-based bytes): nodes come in
    /// document order, so searches start there.
    private var lastLine = 0
    private var lastByteColumn = 0

    init(_ source: String) {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in source.utf8 {
            if byte == UInt8(ascii: "\n") {
                if current.last == UInt8(ascii: "\r") { current.removeLast() }
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// The position of a node cmark placed at (`line`, `byteColumn`) and whose source starts with one
    /// of `markers`, looked for up to `lastLine` (the end of its block). Without markers, or when none
    /// is found, cmark's position is trusted.
    mutating func locate(line: Int, byteColumn: Int, lastLine blockEnd: Int, markers: [String]) -> (line: Int, column: Int) {
        guard line >= 1, line <= lines.count else { return (max(1, line), max(1, byteColumn)) }
        let markerBytes = markers.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var found = (line: line, byteColumn: byteColumn)
        // The next search starts after what this node starts with: an autolink's text is not another node.
        var matchedLength = markerBytes.first { Self.matches($0, in: lines[line - 1], at: byteColumn - 1) }?.count
        if !markerBytes.isEmpty, matchedLength == nil {
            // Never before the previous node: document order.
            let start = (lastLine, lastByteColumn) >= (line, 0) ? (lastLine, lastByteColumn) : (line, 0)
            var searchLine = start.0
            var searchFrom = start.1
            while searchLine <= min(max(blockEnd, line), lines.count) {
                let text = lines[searchLine - 1]
                let candidates = markerBytes.compactMap { marker in
                    ByteSearch.firstIndex(of: marker, in: text, from: searchFrom).map { (offset: $0, length: marker.count) }
                }
                if let earliest = candidates.min(by: { $0.offset < $1.offset }) {
                    found = (searchLine, earliest.offset + 1)
                    matchedLength = earliest.length
                    break
                }
                searchLine += 1
                searchFrom = 0
            }
        }
        lastLine = found.line
        lastByteColumn = found.byteColumn - 1 + (matchedLength ?? 1)
        return (found.line, scalarColumn(in: lines[found.line - 1], byteColumn: found.byteColumn))
    }

    private func scalarColumn(in text: [UInt8], byteColumn: Int) -> Int {
        let prefixLength = min(max(0, byteColumn - 1), text.count)
        return String(decoding: text[..<prefixLength], as: UTF8.self).unicodeScalars.count + 1
    }

    private static func matches(_ marker: [UInt8], in text: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + marker.count <= text.count else { return false }
        return text[offset..<(offset + marker.count)].elementsEqual(marker)
    }
}
