import CYAML

/// Parses YAML text into `YAMLNode` trees with libyaml's event API.
///
/// Aliases are resolved by copying the anchored node; `maxNodes` (nodes after expansion) and
/// `maxDepth` (nesting) defeat alias bombs and runaway nesting.
public struct YAMLParser: Sendable {
    public var maxNodes: Int
    public var maxDepth: Int

    public init(maxNodes: Int = 100_000, maxDepth: Int = 200) {
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    /// Parses a single-document YAML text. `lineOffset` is added to every line, so that a
    /// front matter starting on line 2 of its file reports file lines.
    public func parse(_ text: String, lineOffset: Int = 0) throws(YAMLError) -> YAMLDocument {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return YAMLDocument(root: nil, duplicateKeys: []) }
        // libyaml wants a pointer that outlives the parser; keep it in this scope.
        let result: Result<YAMLDocument, YAMLError> = bytes.withUnsafeMutableBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) != 0 else {
                return .failure(YAMLError(.parserUnavailable, message: "could not start the YAML parser",
                                          line: 1 + lineOffset, column: 1))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder(maxNodes: maxNodes, maxDepth: maxDepth, lineOffset: lineOffset)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    return .failure(Self.error(from: parser, text: text, lineOffset: lineOffset))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                if let failure = builder.handle(event) { return .failure(failure) }
            }
            return .success(YAMLDocument(root: builder.root, duplicateKeys: builder.duplicateKeys))
        }
        return try result.get()
    }

    private static func error(from parser: yaml_parser_t, text: String, lineOffset: Int) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        var context: String?
        var contextLine: Int?
        var contextColumn: Int?
        if let text = parser.context.map({ String(cString: $0) }) {
            context = text
            contextLine = Int(parser.context_mark.line) + 1 + lineOffset
            contextColumn = Int(parser.context_mark.column) + 1
            message += " (\(text) started on line \(contextLine ?? 0))"
        }
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark: turn it into a line and column.
            let (line, column) = position(ofByte: Int(parser.problem_offset), in: text)
            return YAMLError(.unreadable(problem: problem), message: message, line: line + lineOffset, column: column)
        }
        return YAMLError(.syntax(problem: problem, context: context, contextLine: contextLine, contextColumn: contextColumn),
                         message: message,
                         line: Int(parser.problem_mark.line) + 1 + lineOffset,
                         column: Int(parser.problem_mark.column) + 1)
    }

    /// 1-based line and column (in Unicode scalars) of a UTF-8 byte offset.
    private static func position(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1, consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += UTF8.width(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// Turns the event stream into nodes with an explicit stack (no recursion on input depth).
private struct TreeBuilder {
    struct Built {
        var node: YAMLNode
        /// Nodes in the subtree, aliases expanded.
        var count: Int
        /// Height of the subtree (a scalar is 1).
        var height: Int
    }

    enum Container {
        case sequence([YAMLNode])
        case mapping(pairs: [YAMLPair], pendingKey: YAMLNode?, firstKeys: [String: YAMLNode])
    }

    struct Frame {
        var container: Container
        var line: Int
        var column: Int
        var anchor: String?
        var count = 1
        var childHeight = 0
    }

    let maxNodes: Int
    let maxDepth: Int
    let lineOffset: Int
    var stack: [Frame] = []
    var anchors: [String: Built] = [:]
    var totalNodes = 0
    var root: YAMLNode?
    var documents = 0
    var duplicateKeys: [YAMLDuplicateKey] = []

    init(maxNodes: Int, maxDepth: Int, lineOffset: Int) {
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
        self.lineOffset = lineOffset
    }

    func position(_ mark: yaml_mark_t) -> (line: Int, column: Int) {
        (Int(mark.line) + 1 + lineOffset, Int(mark.column) + 1)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafePointer(pointer))
    }

    mutating func handle(_ event: yaml_event_t) -> YAMLError? {
        let (line, column) = position(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return YAMLError(.multipleDocuments, message: "expected a single YAML document, found another one",
                                 line: line, column: column)
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = data.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self)
            } ?? ""
            let style: YAMLScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let end = position(event.end_mark)
            let node = YAMLNode(.scalar(YAMLScalar(value, style: style, tag: Self.string(data.tag))),
                                line: line, column: column, endLine: end.line, endColumn: end.column)
            return add(Built(node: node, count: 1, height: 1), anchor: Self.string(data.anchor), line: line, column: column)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard var built = anchors[name] else {
                return YAMLError(.unknownAlias(name), message: "unknown alias « \(name) »", line: line, column: column)
            }
            built.node.line = line
            built.node.column = column
            let end = position(event.end_mark)
            built.node.endLine = end.line
            built.node.endColumn = end.column
            return add(built, anchor: nil, line: line, column: column)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if stack.count + 1 > maxDepth {
                return YAMLError(.tooDeep(limit: maxDepth), message: "the document nests deeper than \(maxDepth) levels",
                                 line: line, column: column)
            }
            let anchor = event.type == YAML_SEQUENCE_START_EVENT
                ? Self.string(event.data.sequence_start.anchor) : Self.string(event.data.mapping_start.anchor)
            let container: Container = event.type == YAML_SEQUENCE_START_EVENT
                ? .sequence([]) : .mapping(pairs: [], pendingKey: nil, firstKeys: [:])
            stack.append(Frame(container: container, line: line, column: column, anchor: anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return nil }
            let end = position(event.end_mark)
            let kind: YAMLNode.Kind
            switch frame.container {
            case .sequence(let items): kind = .sequence(items)
            case .mapping(let pairs, _, _): kind = .mapping(pairs)
            }
            let node = YAMLNode(kind, line: frame.line, column: frame.column, endLine: end.line, endColumn: end.column)
            // Its children are already counted; `add` counts the whole subtree again.
            totalNodes -= frame.count - 1
            return add(Built(node: node, count: frame.count, height: frame.childHeight + 1),
                       anchor: frame.anchor, line: frame.line, column: frame.column)
        default:
            break
        }
        return nil
    }

    /// Attaches a finished node to its parent (or makes it the root), enforcing the limits.
    mutating func add(_ built: Built, anchor: String?, line: Int, column: Int) -> YAMLError? {
        totalNodes += built.count
        if totalNodes > maxNodes {
            return YAMLError(.tooManyNodes(limit: maxNodes), message: "the document expands to more than \(maxNodes) nodes (aliases)",
                             line: line, column: column)
        }
        if stack.count + built.height > maxDepth {
            return YAMLError(.tooDeep(limit: maxDepth), message: "the document nests deeper than \(maxDepth) levels",
                                 line: line, column: column)
        }
        if let anchor { anchors[anchor] = built }
        guard var parent = stack.popLast() else {
            root = built.node
            return nil
        }
        parent.count += built.count
        parent.childHeight = max(parent.childHeight, built.height)
        switch parent.container {
        case .sequence(var items):
            items.append(built.node)
            parent.container = .sequence(items)
        case .mapping(var pairs, let pendingKey, var firstKeys):
            if let key = pendingKey {
                if let name = key.string {
                    if let first = firstKeys[name] {
                        duplicateKeys.append(YAMLDuplicateKey(key: name, first: first, duplicate: key))
                    } else {
                        firstKeys[name] = key
                    }
                }
                pairs.append(YAMLPair(key: key, value: built.node))
                parent.container = .mapping(pairs: pairs, pendingKey: nil, firstKeys: firstKeys)
            } else {
                parent.container = .mapping(pairs: pairs, pendingKey: built.node, firstKeys: firstKeys)
            }
        }
        stack.append(parent)
        return nil
    }
}
