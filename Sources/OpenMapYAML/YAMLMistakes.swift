/// The editor's mistake behind a YAML syntax error, located where the editor must act.
///
/// libyaml stops where it can no longer read, which is often lines after the mistake (an
/// unclosed quote is reported at the end of the file) and says it in parser words (« mapping
/// values are not allowed in this context »). `YAMLMistakes.find` looks at the lines up to that
/// point for the shapes editors get wrong, and keeps a guess only when correcting it lets libyaml
/// read further: the guess is checked by libyaml itself, this is not a second YAML parser.
public struct YAMLMistake: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A tab in the indentation.
        case tab
        /// `: ` (or a final `:`) inside a value without quotes: `title: Marché : maintenance`.
        case colonInValue(key: String)
        /// A quote opened and not closed on its line.
        case unclosedQuote(quote: Character)
        /// An apostrophe inside a text between single quotes ends it: `'Les achats d'innovation'`.
        case apostropheInSingleQuotes
        /// Text after the closing quote: `"Marché" public`.
        case textAfterQuote
        /// A value starting with a character YAML reserves (`@`, `` ` ``, `*`, `%`).
        case reservedCharacter(Character)
        /// `kind:commune`.
        case missingSpaceAfterColon(key: String)
        /// `kind commune`, a key without its colon.
        case missingColon(key: String)
        /// `-id: x`.
        case missingSpaceAfterDash
        /// A key not aligned with its neighbours; `expectedColumn` is where it belongs, beside
        /// `sibling` (a key of the same block, on `siblingLine`), when there is one.
        case misindentedKey(key: String, expectedColumn: Int, sibling: String?, siblingLine: Int?)
        /// A key at the level of a list's dashes (`- id: a` then `title: b` under the dash).
        case keyAmongListItems(key: String, expectedColumn: Int?, sibling: String?, siblingLine: Int?)
        /// A list item (`- …`) among the keys of a mapping.
        case listItemAmongKeys(previousKey: String?)
        /// `[` or `{` not closed.
        case unclosedBracket(Character)
        /// None of the above: libyaml's own explanation.
        case unexplained(YAMLError)
    }

    public var kind: Kind
    /// Where the editor must act (lines of the parsed text plus the line offset; columns count
    /// Unicode scalars, from 1).
    public var line: Int
    public var column: Int
    /// Columns to underline.
    public var length: Int
    /// The line as it should be written, when there is one obvious correction.
    public var correctedLine: String?

    public init(_ kind: Kind, line: Int, column: Int, length: Int = 1, correctedLine: String? = nil) {
        self.kind = kind
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.correctedLine = correctedLine
    }
}

public enum YAMLMistakes {
    /// The mistakes of a text libyaml refused, first to last, each corrected in turn to find the
    /// next one (at most `limit`); `error` is the parser's error for `text` (with `lineOffset`).
    public static func find(in text: String, error: YAMLError, lineOffset: Int = 0, limit: Int = 5,
                            parser: YAMLParser = YAMLParser()) -> [YAMLMistake] {
        guard case .syntax = error.reason else {
            return [YAMLMistake(.unexplained(error), line: error.line, column: error.column)]
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        var current = shifted(error, by: -lineOffset)
        var mistakes: [YAMLMistake] = []
        while mistakes.count < limit {
            guard let (found, corrected) = explain(lines, current, parser) else {
                mistakes.append(fallback(lines, current))
                break
            }
            mistakes.append(found)
            guard let corrected, let next = firstError(corrected, parser) else { break }
            guard case .syntax = next.reason else { break }
            lines = corrected
            current = next
        }
        return mistakes.map { mistake in
            var mistake = mistake
            mistake.line += lineOffset
            if case .unexplained(let inner) = mistake.kind { mistake.kind = .unexplained(shifted(inner, by: lineOffset)) }
            if case .misindentedKey(let key, let column, let sibling, let line?) = mistake.kind {
                mistake.kind = .misindentedKey(key: key, expectedColumn: column, sibling: sibling, siblingLine: line + lineOffset)
            }
            if case .keyAmongListItems(let key, let column, let sibling, let line?) = mistake.kind {
                mistake.kind = .keyAmongListItems(key: key, expectedColumn: column, sibling: sibling, siblingLine: line + lineOffset)
            }
            return mistake
        }
    }

    typealias Lines = [[Unicode.Scalar]]

    static func shifted(_ error: YAMLError, by offset: Int) -> YAMLError {
        var error = error
        error.line += offset
        if case .syntax(let problem, let context, let line?, let column) = error.reason {
            error.reason = .syntax(problem: problem, context: context, contextLine: line + offset, contextColumn: column)
        }
        return error
    }

    static func text(_ lines: Lines) -> String {
        lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    static func firstError(_ lines: Lines, _ parser: YAMLParser) -> YAMLError? {
        do {
            _ = try parser.parse(text(lines))
            return nil
        } catch {
            return error
        }
    }

    /// A correction helps when libyaml then reads the text, or stops later than before.
    static func helps(_ corrected: Lines, after error: YAMLError, _ parser: YAMLParser) -> Bool {
        guard let next = firstError(corrected, parser) else { return true }
        guard case .syntax = next.reason else { return true }
        return (next.line, next.column) > (error.line, error.column)
    }

    /// The first mistake (in line order) whose correction helps, with the corrected lines. Among
    /// the guesses for one line, a correction after which libyaml reads the whole text wins.
    static func explain(_ lines: Lines, _ error: YAMLError, _ parser: YAMLParser) -> (YAMLMistake, Lines?)? {
        let shapes = LineShapes(lines)
        let lastLine = min(error.line, lines.count)
        var best: (mistake: YAMLMistake, corrected: Lines?, complete: Bool)?
        for candidate in shapes.candidates(through: lastLine) {
            if let best, candidate.mistake.line > best.mistake.line { break }
            if candidate.corrections.isEmpty {
                // Nothing to try: only believed where libyaml stopped.
                if best == nil, candidate.mistake.line == error.line { best = (candidate.mistake, nil, false) }
                continue
            }
            for corrected in candidate.corrections where helps(corrected, after: error, parser) {
                let complete = firstError(corrected, parser) == nil
                if best == nil || (complete && best?.complete == false) { best = (candidate.mistake, corrected, complete) }
                if complete { break }
            }
            // A tab in the indentation is always wrong, whatever else is.
            if best == nil, case .tab = candidate.mistake.kind { best = (candidate.mistake, candidate.corrections.first, false) }
        }
        return best.map { ($0.mistake, $0.corrected) }
    }

    /// libyaml's own words, at the most useful of its two positions.
    static func fallback(_ lines: Lines, _ error: YAMLError) -> YAMLMistake {
        if case .syntax(_, let context?, let line?, let column?) = error.reason, context.contains("quoted scalar"),
           line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count {
            let quote = Character(lines[line - 1][column - 1])
            return YAMLMistake(.unclosedQuote(quote: quote), line: line, column: column)
        }
        if case .syntax(_, let context?, let line?, let column?) = error.reason,
           context.contains("flow sequence") || context.contains("flow mapping") {
            return YAMLMistake(.unclosedBracket(context.contains("sequence") ? "[" : "{"), line: line, column: column)
        }
        return YAMLMistake(.unexplained(error), line: error.line, column: error.column)
    }
}

/// A guess at a mistake and the corrections that would confirm it.
struct Candidate {
    var mistake: YAMLMistake
    var corrections: [YAMLMistakes.Lines]
}

/// The shape of each line, as far as editors' mistakes go: its indentation, its list dash, its
/// key and where its value starts.
private let space: Unicode.Scalar = " "
private let tab: Unicode.Scalar = "\t"

struct LineShapes {
    struct Shape {
        var indent = 0
        /// The column (0-based) of the first tab in the indentation.
        var tabInIndent: Int?
        var isBlank = true
        /// Column of a `- ` starting the line's content.
        var dash: Int?
        /// Where the content starts (after the dash).
        var content = 0
        var key: (name: String, start: Int, colon: Int)?
        /// First column of the value after `key:`, nil when the key opens a block.
        var value: Int?
    }

    let lines: YAMLMistakes.Lines
    let shapes: [Shape]

    init(_ lines: YAMLMistakes.Lines) {
        self.lines = lines
        shapes = lines.map(Self.shape)
    }


    static func shape(_ line: [Unicode.Scalar]) -> Shape {
        var shape = Shape()
        var index = 0
        while index < line.count, line[index] == space || line[index] == tab {
            if line[index] == tab, shape.tabInIndent == nil { shape.tabInIndent = index }
            index += 1
        }
        shape.indent = index
        guard index < line.count, line[index] != "#" else { return shape }
        shape.isBlank = false
        if line[index] == "-", index + 1 == line.count || line[index + 1] == space {
            shape.dash = index
            index += 1
            while index < line.count, line[index] == space { index += 1 }
        }
        shape.content = index
        guard index < line.count, !"\"'[{|>#&*!%@`".unicodeScalars.contains(line[index]) else { return shape }
        var cursor = index
        while cursor < line.count {
            if line[cursor] == "#", cursor > index, line[cursor - 1] == space { return shape }
            if line[cursor] == ":", cursor + 1 == line.count || line[cursor + 1] == space || line[cursor + 1] == tab {
                let name = String(String.UnicodeScalarView(line[index..<cursor]))
                shape.key = (name.trimmingSpaces, index, cursor)
                var valueStart = cursor + 1
                while valueStart < line.count, line[valueStart] == space || line[valueStart] == tab { valueStart += 1 }
                if valueStart < line.count, line[valueStart] != "#" { shape.value = valueStart }
                return shape
            }
            cursor += 1
        }
        return shape
    }

    /// Candidates line by line, up to `lastLine` (1-based), in the order they should be believed.
    func candidates(through lastLine: Int) -> [Candidate] {
        var result: [Candidate] = []
        var levels: [Level] = []
        var opener: (indent: Int, isKey: Bool)?
        var blockScalarParent: Int?
        var continuationParent: Int?
        for index in 0..<min(lastLine, lines.count) {
            let shape = shapes[index]
            let line = lines[index]
            let number = index + 1
            if shape.isBlank && shape.tabInIndent == nil { continue }
            if let parent = blockScalarParent {
                if shape.indent > parent || shape.isBlank { continue }
                blockScalarParent = nil
            }
            if let tab = shape.tabInIndent {
                result.append(Candidate(mistake: YAMLMistake(.tab, line: number, column: tab + 1),
                                        corrections: tabCorrections(index, levels: levels)))
                continue
            }
            if let parent = continuationParent, shape.indent > parent, shape.key == nil, shape.dash == nil {
                continue  // the next line of a value written over several lines
            }
            continuationParent = nil
            result += valueCandidates(index)
            result += structureCandidates(index, levels: &levels, opener: &opener)
            // What the line opens for the next ones.
            let keyColumn = shape.key?.start ?? shape.content
            if shape.key != nil, let value = shape.value, line[value] == "|" || line[value] == ">" {
                blockScalarParent = shape.dash == nil ? shape.indent : keyColumn
                opener = nil
            } else if shape.key != nil, shape.value == nil {
                opener = (keyColumn, true)
            } else if shape.dash != nil, shape.content >= line.count {
                opener = (shape.dash ?? 0, false)
            } else {
                opener = nil
                if shape.key != nil { continuationParent = keyColumn }
                else if shape.dash != nil { continuationParent = shape.dash }
            }
        }
        return result
    }

    // MARK: Values

    func corrected(_ index: Int, _ newLine: [Unicode.Scalar]) -> YAMLMistakes.Lines {
        var copy = lines
        copy[index] = newLine
        return copy
    }

    static func string(_ scalars: some Collection<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    /// The value's text without a trailing comment and spaces (for a plain value).
    static func plainEnd(_ line: [Unicode.Scalar], from start: Int) -> Int {
        var end = line.count
        var cursor = start
        while cursor < line.count {
            if line[cursor] == "#", cursor > start, line[cursor - 1] == space || line[cursor - 1] == tab { end = cursor; break }
            cursor += 1
        }
        while end > start, line[end - 1] == space || line[end - 1] == tab { end -= 1 }
        return end
    }

    static func doubleQuoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }

    func valueCandidates(_ index: Int) -> [Candidate] {
        let shape = shapes[index]
        let line = lines[index]
        let number = index + 1
        var result: [Candidate] = []
        // `-id: x`: a dash glued to the text.
        if shape.dash == nil, shape.indent < line.count, line[shape.indent] == "-", shape.indent + 1 < line.count,
           line[shape.indent + 1] != "-", line[shape.indent + 1] != space, !line[shape.indent + 1].properties.numericType.isSome {
            var fixed = line
            fixed.insert(space, at: shape.indent + 1)
            result.append(Candidate(mistake: YAMLMistake(.missingSpaceAfterDash, line: number, column: shape.indent + 1,
                                                         correctedLine: Self.string(fixed)),
                                    corrections: [corrected(index, fixed)]))
        }
        guard let key = shape.key else {
            // `kind:commune` or `kind commune`: a line of plain text where a key was meant.
            let start = shape.content
            guard start < line.count, !"\"'[{|>#&*!%@`-".unicodeScalars.contains(line[start]) else { return result }
            var cursor = start
            while cursor < line.count, line[cursor].properties.isAlphabetic || line[cursor] == "_" || line[cursor].properties.numericType.isSome {
                cursor += 1
            }
            let word = Self.string(line[start..<cursor])
            guard !word.isEmpty, cursor < line.count else { return result }
            if line[cursor] == ":" {
                var fixed = line
                fixed.insert(space, at: cursor + 1)
                result.append(Candidate(mistake: YAMLMistake(.missingSpaceAfterColon(key: word), line: number, column: cursor + 1,
                                                             correctedLine: Self.string(fixed)),
                                        corrections: [corrected(index, fixed)]))
            } else if line[cursor] == space, !line[cursor...].contains(":") {
                var fixed = line
                fixed.insert(":", at: cursor)
                result.append(Candidate(mistake: YAMLMistake(.missingColon(key: word), line: number, column: cursor + 1,
                                                             correctedLine: Self.string(fixed)),
                                        corrections: [corrected(index, fixed)]))
            }
            return result
        }
        guard let start = shape.value else { return result }
        let first = line[start]
        let prefix = Array(line[..<start])
        func replacingValue(_ value: String) -> [Unicode.Scalar] { prefix + Array(value.unicodeScalars) }
        switch first {
        case "\"", "'":
            let quote = first
            var cursor = start + 1
            var closing: Int?
            while cursor < line.count {
                if quote == "\"", line[cursor] == "\\" { cursor += 2; continue }
                if line[cursor] == quote {
                    if quote == "'", cursor + 1 < line.count, line[cursor + 1] == "'" { cursor += 2; continue }
                    closing = cursor
                    break
                }
                cursor += 1
            }
            guard let closing else {
                let end = Self.plainEnd(line, from: start)
                let fixed = Array(line[..<end]) + [quote]
                result.append(Candidate(mistake: YAMLMistake(.unclosedQuote(quote: Character(quote)), line: number, column: start + 1,
                                                             correctedLine: Self.string(fixed)),
                                        corrections: [corrected(index, fixed)]))
                return result
            }
            var after = closing + 1
            while after < line.count, line[after] == space || line[after] == tab { after += 1 }
            guard after < line.count, line[after] != "#" else { return result }
            var end = line.count
            while end > start, line[end - 1] == space { end -= 1 }
            if quote == "'" {
                // The text meant: from after the opening quote to before a final quote.
                var inner = Array(line[(start + 1)..<end])
                if inner.last == "'" { inner.removeLast() }
                let text = Self.string(inner).replacingAll("''", with: "'")
                let fixed = replacingValue(Self.doubleQuoted(text))
                result.append(Candidate(mistake: YAMLMistake(.apostropheInSingleQuotes, line: number, column: closing + 1,
                                                             correctedLine: Self.string(fixed)),
                                        corrections: [corrected(index, fixed)]))
            } else {
                let fixed = replacingValue(Self.singleQuoted(Self.string(line[start..<end])))
                result.append(Candidate(mistake: YAMLMistake(.textAfterQuote, line: number, column: after + 1,
                                                             length: end - after, correctedLine: Self.string(fixed)),
                                        corrections: [corrected(index, fixed)]))
            }
        case "@", "`", "*", "%":
            let end = Self.plainEnd(line, from: start)
            let fixed = replacingValue(Self.doubleQuoted(Self.string(line[start..<end])))
            result.append(Candidate(mistake: YAMLMistake(.reservedCharacter(Character(first)), line: number, column: start + 1,
                                                         correctedLine: Self.string(fixed)),
                                    corrections: [corrected(index, fixed)]))
        case "[", "{":
            let closingBracket: Unicode.Scalar = first == "[" ? "]" : "}"
            var depth = 0
            var quote: Unicode.Scalar?
            for scalar in line[start...] {
                if let open = quote { if scalar == open { quote = nil }; continue }
                if scalar == "\"" || scalar == "'" { quote = scalar; continue }
                if scalar == "[" || scalar == "{" { depth += 1 }
                if scalar == "]" || scalar == "}" { depth -= 1 }
            }
            if depth > 0 {
                let end = Self.plainEnd(line, from: start)
                let fixed = Array(line[..<end]) + Array(repeating: closingBracket, count: depth)
                result.append(Candidate(mistake: YAMLMistake(.unclosedBracket(Character(first)), line: number, column: start + 1,
                                                             correctedLine: Self.string(fixed)),
                                        corrections: [corrected(index, fixed)]))
            }
        case "|", ">", "&", "!", "#":
            break
        default:
            // `: ` or a final `:` inside a plain value.
            let end = Self.plainEnd(line, from: start)
            var cursor = start
            while cursor < end {
                if line[cursor] == ":", cursor + 1 == end || line[cursor + 1] == space || line[cursor + 1] == tab {
                    let fixed = replacingValue(Self.doubleQuoted(Self.string(line[start..<end])))
                    result.append(Candidate(mistake: YAMLMistake(.colonInValue(key: key.name), line: number, column: cursor + 1,
                                                                 correctedLine: Self.string(fixed)),
                                            corrections: [corrected(index, fixed)]))
                    break
                }
                cursor += 1
            }
        }
        return result
    }

    // MARK: Tabs

    func tabCorrections(_ index: Int, levels: [Level]) -> [YAMLMistakes.Lines] {
        let line = lines[index]
        let shape = shapes[index]
        let rest = Array(line[shape.indent...])
        let tabs = line[..<shape.indent].filter { $0 == tab }.count
        let spaces = shape.indent - tabs
        var widths: [Int] = []
        if let previous = (0..<index).reversed().first(where: { !shapes[$0].isBlank }) {
            let p = shapes[previous]
            widths += [p.indent, p.indent + 2, (p.key?.start ?? p.content), (p.key?.start ?? p.content) + 2]
        }
        widths += levels.map(\.indent) + [spaces + 2 * tabs, spaces + 4 * tabs, spaces + 8 * tabs]
        var seen = Set<Int>()
        return widths.filter { seen.insert($0).inserted }.map { width in
            corrected(index, Array(repeating: space, count: width) + rest)
        }
    }

    // MARK: Indentation

    struct Level {
        enum Kind { case mapping, sequence }
        var indent: Int
        var kind: Kind
        /// The last key seen at this level (mappings), and its line.
        var key: String?
        var keyLine: Int?
    }

    /// Moves a line, and the lines below it that are deeper (its block), by `delta` columns.
    func reindented(_ index: Int, to column: Int) -> YAMLMistakes.Lines {
        var copy = lines
        let original = shapes[index].indent
        let delta = column - original
        func shift(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
            delta >= 0 ? Array(repeating: space, count: delta) + line : Array(line.dropFirst(min(-delta, line.count)))
        }
        copy[index] = shift(lines[index])
        // Only a key that opens a block (no value on its line) carries the deeper lines with it.
        guard shapes[index].key != nil, shapes[index].value == nil else { return copy }
        var next = index + 1
        while next < lines.count, shapes[next].isBlank || shapes[next].indent > original {
            if !shapes[next].isBlank { copy[next] = shift(lines[next]) }
            next += 1
        }
        return copy
    }

    func structureCandidates(_ index: Int, levels: inout [Level], opener: inout (indent: Int, isKey: Bool)?) -> [Candidate] {
        let shape = shapes[index]
        let number = index + 1
        let column = shape.dash ?? shape.content
        let isItem = shape.dash != nil
        var result: [Candidate] = []
        func enter() {
            if isItem {
                levels.append(Level(indent: column, kind: .sequence))
                if let key = shape.key { levels.append(Level(indent: key.start, kind: .mapping, key: key.name, keyLine: number)) }
            } else if let key = shape.key {
                levels.append(Level(indent: column, kind: .mapping, key: key.name, keyLine: number))
            }
        }
        if levels.isEmpty || (opener.map { column > $0.indent } ?? false)
            || (opener.map { $0.isKey && isItem && column == $0.indent } ?? false) {
            enter()
            return result
        }
        var popped: Level?
        // The mapping just above the line's column, left by the line: the likeliest home of a key.
        while let top = levels.last, top.indent > column {
            let removed = levels.removeLast()
            if removed.kind == .mapping { popped = removed }
        }
        guard let top = levels.last else {
            enter()
            return result
        }
        if top.indent == column {
            switch (top.kind, isItem) {
            case (.mapping, false), (.sequence, true):
                if isItem { levels.removeLast(); enter() } else {
                    levels[levels.count - 1].key = shape.key?.name ?? top.key
                    levels[levels.count - 1].keyLine = number
                }
            case (.sequence, false):
                if levels.count >= 2, levels[levels.count - 2].indent == column, levels[levels.count - 2].kind == .mapping {
                    levels.removeLast()
                    levels[levels.count - 1].key = shape.key?.name
                    levels[levels.count - 1].keyLine = number
                    break
                }
                let inner = popped?.kind == .mapping ? popped : nil
                let name = shape.key?.name ?? Self.string(lines[index][column...])
                let mistake = YAMLMistake(.keyAmongListItems(key: name, expectedColumn: inner.map { $0.indent + 1 },
                                                             sibling: inner?.key, siblingLine: inner?.keyLine),
                                          line: number, column: column + 1, length: name.unicodeScalars.count)
                result.append(Candidate(mistake: mistake, corrections: inner.map { [reindented(index, to: $0.indent)] } ?? []))
            case (.mapping, true):
                result.append(Candidate(mistake: YAMLMistake(.listItemAmongKeys(previousKey: top.key), line: number,
                                                             column: column + 1),
                                        corrections: []))
            }
            return result
        }
        // Between two levels, or deeper than a key that has its value on its line.
        guard let name = shape.key?.name else { return result }
        var targets: [Level] = []
        if let popped { targets.append(popped) }
        if top.kind == .mapping { targets.append(top) } else if let mapping = levels.last(where: { $0.kind == .mapping }) {
            targets.append(mapping)
        }
        for target in targets where !isItem {
            let mistake = YAMLMistake(.misindentedKey(key: name, expectedColumn: target.indent + 1, sibling: target.key,
                                                      siblingLine: target.keyLine),
                                      line: number, column: column + 1, length: name.unicodeScalars.count)
            result.append(Candidate(mistake: mistake, corrections: [reindented(index, to: target.indent)]))
        }
        return result
    }
}

extension Optional where Wrapped == Unicode.NumericType {
    var isSome: Bool { self != nil }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Foundation-free replacement of every occurrence.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
