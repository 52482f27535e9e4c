/// Reads a Mustache template into its tree, over UTF-8 bytes.
///
/// Which whitespace and line ends a template writes follows swift-mustache's parser, rule for
/// rule, so that the site's pages stay byte for byte what they were: a text node ends at each
/// line end; a standalone tag (alone on its line but for spaces and tabs) writes neither its
/// line's whitespace nor its line end; whether a tag is standalone depends on whether the tag
/// before it left the parser at a line start (after a section, whether its opening tag was
/// standalone); the whitespace before a tag that is not standalone is written before it.
struct TemplateParser {
    private let text: [UInt8]
    private var position = 0
    private let template: String
    /// Leaves out the spaces and tabs that start each line (see `TemplateLibrary.compile`).
    private let trimsIndentation: Bool

    init(text: [UInt8], template: String, trimsIndentation: Bool = false) {
        self.text = text
        self.template = template
        self.trimsIndentation = trimsIndentation
    }

    /// The template's tree, or its first problem.
    mutating func parse() throws(TemplateSyntaxError) -> [Node] {
        try parseNodes(State())
    }

    // MARK: - State

    private struct OpenTag {
        var name: String
        var functions: [String]
        var offset: Int
    }

    private struct State {
        /// The section, block or parent being read (nil at the top of the template).
        var open: OpenTag?
        /// At the start of a line: its spaces and tabs are read first, and a tag may be standalone.
        var newLine = true
        /// Inside `{{<parent}}…{{/parent}}` (`parentTopLevel`: not inside one of its blocks).
        var inParent = false
        var parentTopLevel = false
        /// The indentation of an override's first line, taken off every line of it.
        var definitionIndent: Int?
        var openDelimiter: [UInt8] = Array("{{".utf8)
        var closeDelimiter: [UInt8] = Array("}}".utf8)
        /// Sections, blocks and parents open around this point.
        var depth = 0

        func opening(_ tag: OpenTag, newLine: Bool) -> State {
            var state = self
            state.open = tag
            state.parentTopLevel = false
            state.depth += 1
            if !newLine { state.newLine = false }
            return state
        }
    }

    // MARK: - Nodes

    /// Deeper nesting is surely a mistake (the site's templates nest 6 deep), and would use up
    /// the stack of a recursive reader.
    static let nestingLimit = 100

    private mutating func parseNodes(_ initial: State) throws(TemplateSyntaxError) -> [Node] {
        var state = initial
        if state.depth > Self.nestingLimit, let open = state.open {
            throw error(.nestingTooDeep(limit: Self.nestingLimit), at: open.offset)
        }
        var nodes: [Node] = []
        var whitespaceBefore: ArraySlice<UInt8> = []
        while position < text.count {
            if state.newLine {
                let whitespace = readSpacesAndTabs()
                if state.inParent, !state.parentTopLevel {
                    if let indent = state.definitionIndent {
                        whitespaceBefore = whitespace.dropFirst(indent)
                    } else {
                        state.definitionIndent = whitespace.count
                    }
                } else {
                    whitespaceBefore = trimsIndentation ? [] : whitespace
                }
            } else if trimsIndentation, position == 0 || text[position - 1] == UInt8(ascii: "\n") {
                // A line start the parser does not treat as one (after a section whose opening
                // tag was not alone on its line): its indentation goes too.
                _ = readSpacesAndTabs()
            }
            let tagStart: Int?
            let textStart = position
            (tagStart, position) = findTagOrLineEnd(from: position, open: state.openDelimiter)
            let plain = text[textStart..<(tagStart ?? position)]
            if tagStart == nil {
                let lineEnd = lineEndLength(at: position)
                if lineEnd > 0 {
                    nodes.append(.text(Array(whitespaceBefore) + Array(plain) + Array(text[position..<position + lineEnd])))
                    state.newLine = true
                    position += lineEnd
                    continue
                }
            }
            if !plain.isEmpty {
                nodes.append(.text(Array(whitespaceBefore) + Array(plain)))
                whitespaceBefore = []
                state.newLine = false
            }
            guard let tagStart else { break }  // the end of the template
            let tagEnd = try closingDelimiterEnd(from: tagStart, state: state)
            var standalone = false
            func flushWhitespace() {
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Array(whitespaceBefore)))
                    whitespaceBefore = []
                }
            }
            switch current {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = current == UInt8(ascii: "^")
                position += 1
                let (name, functions) = try parseName(state: state, tagStart: tagStart, tagEnd: tagEnd)
                if isStandalone(state) {
                    standalone = true
                } else {
                    flushWhitespace()
                }
                let path = try valuePath(name: name, functions: functions, tagStart: tagStart)
                let tag = OpenTag(name: name, functions: functions, offset: tagStart)
                let body = try parseNodes(state.opening(tag, newLine: standalone))
                nodes.append(.section(path, body: body, inverted: inverted))

            case UInt8(ascii: "/"):
                position += 1
                let (name, functions) = try parseName(state: state, tagStart: tagStart, tagEnd: tagEnd, allowingSlash: true)
                guard let open = state.open else {
                    throw error(.unexpectedClose(display(name, functions)), at: tagStart)
                }
                guard name == open.name, functions == open.functions else {
                    throw error(.mismatchedClose(found: display(name, functions), open: display(open.name, open.functions),
                                                 openLine: location(of: open.offset).line), at: tagStart)
                }
                if !isStandalone(state) { flushWhitespace() }
                return nodes

            case UInt8(ascii: "!"):
                position = tagEnd
                standalone = isStandalone(state)

            case UInt8(ascii: "{"):
                flushWhitespace()
                position += 1
                let (name, functions) = try parseName(state: state, tagStart: tagStart, tagEnd: tagEnd, triple: true)
                nodes.append(.variable(try valuePath(name: name, functions: functions, tagStart: tagStart), escaped: false))

            case UInt8(ascii: "&"):
                flushWhitespace()
                position += 1
                let (name, functions) = try parseName(state: state, tagStart: tagStart, tagEnd: tagEnd)
                nodes.append(.variable(try valuePath(name: name, functions: functions, tagStart: tagStart), escaped: false))

            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                let dynamic = current == UInt8(ascii: "*")
                if dynamic { position += 1 }
                let name = try parsePartialName(state: state, tagStart: tagStart, tagEnd: tagEnd)
                if !whitespaceBefore.isEmpty { nodes.append(.text(Array(whitespaceBefore))) }
                standalone = isStandalone(state)
                nodes.append(.partial(Partial(name: name, dynamic: dynamic ? try valuePath(name: name, functions: [], tagStart: tagStart) : nil,
                                              indentation: standalone ? Array(whitespaceBefore) : nil, overrides: nil, offset: tagStart)))
                whitespaceBefore = []

            case UInt8(ascii: "<"):
                position += 1
                skipWhitespace()
                let tagName = try parsePartialName(state: state, tagStart: tagStart, tagEnd: tagEnd)
                let dynamic = tagName.hasPrefix("*")
                let name = dynamic ? String(tagName.dropFirst()) : tagName
                if !whitespaceBefore.isEmpty { nodes.append(.text(Array(whitespaceBefore))) }
                standalone = isStandalone(state)
                var parentState = state
                parentState.open = OpenTag(name: tagName, functions: [], offset: tagStart)
                parentState.newLine = true
                parentState.inParent = true
                parentState.parentTopLevel = true
                parentState.depth += 1
                let body = try parseNodes(parentState)
                var overrides: [String: [Node]] = [:]
                for node in body {
                    switch node {
                    case .block(let block): overrides[block.name] = block.body
                    case .text: break
                    default: throw error(.tagInsideParent(tagName), at: tagStart)
                    }
                }
                nodes.append(.partial(Partial(name: name, dynamic: dynamic ? try valuePath(name: name, functions: [], tagStart: tagStart) : nil,
                                              indentation: Array(whitespaceBefore), overrides: overrides, offset: tagStart)))
                whitespaceBefore = []

            case UInt8(ascii: "$"):
                position += 1
                let (name, functions) = try parseName(state: state, tagStart: tagStart, tagEnd: tagEnd)
                guard functions.isEmpty else { throw error(.functionOnBlock(display(name, functions)), at: tagStart) }
                let tag = OpenTag(name: name, functions: [], offset: tagStart)
                if state.parentTopLevel {
                    standalone = isStandalone(state)
                    let body = try parseNodes(state.opening(tag, newLine: standalone))
                    nodes.append(.block(Block(name: name, body: body, indentation: [], intrinsic: nil)))
                } else {
                    if !whitespaceBefore.isEmpty { nodes.append(.text(Array(whitespaceBefore))) }
                    standalone = isStandalone(state)
                    let body = try parseNodes(state.opening(tag, newLine: standalone))
                    let indentation = Array(whitespaceBefore)
                    nodes.append(.block(Block(name: name, body: body, indentation: indentation,
                                              intrinsic: standalone ? Self.intrinsicIndentation(of: body, beyond: indentation) : nil)))
                    whitespaceBefore = []
                }

            case UInt8(ascii: "="):
                position += 1
                state = try parseDelimiters(state: state, tagStart: tagStart)
                standalone = isStandalone(state)

            case UInt8(ascii: "%"):
                position += 1
                nodes.append(try parseSetting(state: state, tagStart: tagStart, tagEnd: tagEnd))
                standalone = isStandalone(state)

            default:
                flushWhitespace()
                let (name, functions) = try parseName(state: state, tagStart: tagStart, tagEnd: tagEnd)
                nodes.append(.variable(try valuePath(name: name, functions: functions, tagStart: tagStart), escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.open {
            throw error(.unclosedSection(display(open.name, open.functions)), at: open.offset)
        }
        return nodes
    }

    /// The whitespace at the start of a block's default content beyond the block tag's own.
    private static func intrinsicIndentation(of body: [Node], beyond indentation: [UInt8]) -> [UInt8]? {
        guard case .text(let first) = body.first else { return nil }
        let leading = first.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard leading.count > indentation.count, leading.starts(with: indentation) else { return nil }
        return Array(leading.dropFirst(indentation.count))
    }

    // MARK: - Tags

    private static let nameBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*".utf8 { table[Int(byte)] = true }
        return table
    }()

    private func isNameByte(_ byte: UInt8, brackets: Bool = false, slash: Bool = false) -> Bool {
        Self.nameBytes[Int(byte)] || (brackets && (byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")))
            || (slash && byte == UInt8(ascii: "/"))
    }

    /// A tag's name and functions (`empty(list)` → `list`, `[empty]`; `first()` → ``, `[first]`),
    /// up to and including the closing delimiter (and for `{{{name}}}`, its third brace).
    private mutating func parseName(state: State, tagStart: Int, tagEnd: Int, allowingSlash: Bool = false,
                                    triple: Bool = false) throws(TemplateSyntaxError) -> (String, [String]) {
        skipWhitespace()
        let start = position
        while position < text.count, isNameByte(text[position], brackets: true, slash: allowingSlash) { position += 1 }
        let raw = Array(text[start..<position])
        skipWhitespace()
        var closes = matches(state.closeDelimiter, at: position)
        if triple, closes {
            closes = position + state.closeDelimiter.count < text.count && text[position + state.closeDelimiter.count] == UInt8(ascii: "}")
        }
        guard closes else { throw error(.invalidName(tagContent(tagStart: tagStart, tagEnd: tagEnd, state: state)), at: tagStart) }
        position += state.closeDelimiter.count + (triple ? 1 : 0)
        guard let (name, functions) = Self.splitFunctions(raw) else {
            throw error(.invalidName(tagContent(tagStart: tagStart, tagEnd: tagEnd, state: state)), at: tagStart)
        }
        return (name, functions)
    }

    /// `a(b(c))` → `c`, `[a, b]`; nil for unbalanced brackets.
    static func splitFunctions(_ raw: [UInt8]) -> (String, [String])? {
        guard let open = raw.firstIndex(of: UInt8(ascii: "(")) else {
            guard !raw.contains(UInt8(ascii: ")")) else { return nil }
            return (String(decoding: raw, as: UTF8.self), [])
        }
        var functions = [String(decoding: raw[..<open], as: UTF8.self)]
        var index = open + 1
        while true {
            let start = index
            while index < raw.count, raw[index] != UInt8(ascii: "("), raw[index] != UInt8(ascii: ")") { index += 1 }
            guard index < raw.count else { return nil }
            let part = String(decoding: raw[start..<index], as: UTF8.self)
            if raw[index] == UInt8(ascii: "(") {
                functions.append(part)
                index += 1
                continue
            }
            let closing = raw[index...]
            guard closing.count == functions.count, closing.allSatisfy({ $0 == UInt8(ascii: ")") }) else { return nil }
            return (part, functions)
        }
    }

    private mutating func parsePartialName(state: State, tagStart: Int, tagEnd: Int) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = position
        while position < text.count, isNameByte(text[position], brackets: true, slash: true) { position += 1 }
        let name = String(decoding: text[start..<position], as: UTF8.self)
        skipWhitespace()
        guard matches(state.closeDelimiter, at: position) else {
            throw error(.invalidName(tagContent(tagStart: tagStart, tagEnd: tagEnd, state: state)), at: tagStart)
        }
        position += state.closeDelimiter.count
        return name
    }

    /// `{{=<% %>=}}`: the new delimiters, for the rest of this section.
    private mutating func parseDelimiters(state: State, tagStart: Int) throws(TemplateSyntaxError) -> State {
        skipWhitespace()
        let openStart = position
        while position < text.count, !Self.isWhitespace(text[position]) { position += 1 }
        let open = Array(text[openStart..<position])
        skipWhitespace()
        let closeStart = position
        while position < text.count, !Self.isWhitespace(text[position]), text[position] != UInt8(ascii: "=") { position += 1 }
        let close = Array(text[closeStart..<position])
        skipWhitespace()
        guard !open.isEmpty, !close.isEmpty, position < text.count, text[position] == UInt8(ascii: "="),
              matches(state.closeDelimiter, at: position + 1) else {
            throw error(.invalidDelimiters, at: tagStart)
        }
        position += 1 + state.closeDelimiter.count
        var changed = state
        changed.openDelimiter = open
        changed.closeDelimiter = close
        changed.parentTopLevel = false
        return changed
    }

    /// `{{% CONTENT_TYPE: TEXT }}`, swift-mustache's only setting (HTML or TEXT here).
    private mutating func parseSetting(state: State, tagStart: Int, tagEnd: Int) throws(TemplateSyntaxError) -> Node {
        let content = String(decoding: text[position..<max(position, tagEnd - state.closeDelimiter.count)], as: UTF8.self)
        let parts = content.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces }
        position = tagEnd
        guard parts.count == 2, parts[0] == "CONTENT_TYPE" else { throw error(.unknownSetting(content.trimmingSpaces), at: tagStart) }
        switch parts[1] {
        case "HTML": return .escaping(true)
        case "TEXT": return .escaping(false)
        default: throw error(.unknownSetting(content.trimmingSpaces), at: tagStart)
        }
    }

    /// The path of a value from a tag's name, its functions checked.
    private func valuePath(name: String, functions: [String], tagStart: Int) throws(TemplateSyntaxError) -> ValuePath {
        var known: [TemplateFunction] = []
        for function in functions.reversed() {
            guard let found = TemplateFunction(rawValue: function) else { throw error(.unknownFunction(function), at: tagStart) }
            known.append(found)
        }
        let parts = name.split(separator: ".").map(String.init)
        let start: ValuePath.Start
        var rest: [String] = []
        if name == "." {
            start = .current
        } else if name.isEmpty, !functions.isEmpty {
            start = .sequencePosition
        } else if name.hasPrefix("."), let first = parts.first {
            start = .currentOnly(first)
            rest = Array(parts.dropFirst())
        } else if let first = parts.first {
            start = .enclosing(first)
            rest = Array(parts.dropFirst())
        } else {
            start = .current
        }
        return ValuePath(start: start, rest: rest, functions: known)
    }

    // MARK: - Reading

    private var current: UInt8? { position < text.count ? text[position] : nil }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    private mutating func skipWhitespace() {
        while position < text.count, Self.isWhitespace(text[position]) { position += 1 }
    }

    private mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = position
        while position < text.count, text[position] == UInt8(ascii: " ") || text[position] == UInt8(ascii: "\t") { position += 1 }
        return text[start..<position]
    }

    /// At a line start, a tag followed by spaces and tabs up to the line's end (or by the end of
    /// the template) stands alone: the parser moves past its line end.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= text.count { return true }
        var index = position
        while index < text.count, text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") { index += 1 }
        let lineEnd = lineEndLength(at: index)
        guard lineEnd > 0 else { return false }
        position = index + lineEnd
        return true
    }

    /// 1 for « \n », 2 for « \r\n », 0 otherwise.
    private func lineEndLength(at index: Int) -> Int {
        guard index < text.count else { return 0 }
        if text[index] == UInt8(ascii: "\n") { return 1 }
        if text[index] == UInt8(ascii: "\r"), index + 1 < text.count, text[index + 1] == UInt8(ascii: "\n") { return 2 }
        return 0
    }

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        guard index + delimiter.count <= text.count else { return false }
        for offset in 0..<delimiter.count where text[index + offset] != delimiter[offset] { return false }
        return true
    }

    /// From `start`: the opening delimiter's position and the position after it, or nil and
    /// the position of the line end (or of the template's end).
    private func findTagOrLineEnd(from start: Int, open: [UInt8]) -> (tag: Int?, next: Int) {
        var index = start
        let first = open[0]
        while index < text.count {
            let byte = text[index]
            if byte == first, matches(open, at: index) { return (index, index + open.count) }
            if lineEndLength(at: index) > 0 { return (nil, index) }
            index += 1
        }
        return (nil, index)
    }

    /// The position after the closing delimiter of the tag opened at `tagStart`.
    private func closingDelimiterEnd(from tagStart: Int, state: State) throws(TemplateSyntaxError) -> Int {
        var index = tagStart + state.openDelimiter.count
        while index < text.count {
            if matches(state.closeDelimiter, at: index) { return index + state.closeDelimiter.count }
            index += 1
        }
        if position < text.count, text[position] == UInt8(ascii: "!") {
            throw error(.unclosedComment(close: String(decoding: state.closeDelimiter, as: UTF8.self)), at: tagStart)
        }
        throw error(.unclosedTag(open: String(decoding: state.openDelimiter, as: UTF8.self),
                                 close: String(decoding: state.closeDelimiter, as: UTF8.self)), at: tagStart)
    }

    /// A tag as written, delimiters included, for messages.
    private func tagContent(tagStart: Int, tagEnd: Int, state: State) -> String {
        String(decoding: text[tagStart..<min(tagEnd, text.count)], as: UTF8.self)
    }

    /// `{{/name}}` as a message shows it.
    private func display(_ name: String, _ functions: [String]) -> String {
        functions.reversed().reduce(name) { "\($1)(\($0))" }
    }

    // MARK: - Errors

    /// Line and column (from 1; the column in characters) of a byte of the template.
    func location(of offset: Int) -> (line: Int, column: Int) {
        Self.location(of: offset, in: text)
    }

    static func location(of offset: Int, in text: [UInt8]) -> (line: Int, column: Int) {
        let end = min(offset, text.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where text[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: text[lineStart..<end], as: UTF8.self).count + 1
        return (line, column)
    }

    private func error(_ problem: TemplateSyntaxError.Problem, at offset: Int) -> TemplateSyntaxError {
        let (line, column) = location(of: offset)
        return TemplateSyntaxError(template: template, line: line, column: column, problem: problem)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
