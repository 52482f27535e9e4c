/// How a scalar was written. Plain scalars may be numbers or booleans; quoted and block
/// scalars are always strings, so `"12"` and `12` can be told apart.
public enum YAMLScalarStyle: Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    /// `|` block.
    case literal
    /// `>` block.
    case folded

    public var isPlain: Bool { self == .plain }
    public var isQuoted: Bool { self == .singleQuoted || self == .doubleQuoted }
    public var isBlock: Bool { self == .literal || self == .folded }
}

/// A scalar's text, how it was written and its explicit tag (`!!str`, resolved to
/// `tag:yaml.org,2002:str`) when there is one.
public struct YAMLScalar: Sendable, Hashable {
    public var value: String
    public var style: YAMLScalarStyle
    public var tag: String?

    public init(_ value: String, style: YAMLScalarStyle = .plain, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    /// A plain, untagged `~`, `null`, `Null`, `NULL` or empty scalar: YAML's null.
    public var isNull: Bool {
        guard style == .plain, tag == nil else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(value)
    }
}

/// One entry of a mapping, in document order.
public struct YAMLPair: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode
    public init(key: YAMLNode, value: YAMLNode) { self.key = key; self.value = value }
}

/// A node of a YAML document with the position where it starts.
/// Lines and columns start at 1; columns count Unicode scalars.
public struct YAMLNode: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Pairs in document order; duplicate keys are kept (and reported by the parser).
        case mapping([YAMLPair])
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
    /// Where the node's text ends (exclusive column).
    public var endLine: Int
    public var endColumn: Int

    public init(_ kind: Kind, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
        self.kind = kind
        self.line = line
        self.column = column
        self.endLine = endLine ?? line
        self.endColumn = endColumn ?? column + 1
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The scalar's text, for any scalar.
    public var string: String? { scalar?.value }

    public var isNull: Bool { scalar?.isNull ?? false }

    /// Columns the node's text spans when it fits on one line, else 1.
    public var length: Int {
        endLine == line && endColumn > column ? endColumn - column : 1
    }

    /// The value of the first pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.string == key }?.value
    }

    /// A short description of the node's type for messages: "a mapping", "a list", "« text »".
    public var kindDescription: String {
        switch kind {
        case .scalar(let scalar): scalar.isNull ? "nothing" : "« \(scalar.value) »"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// A key that appears twice in one mapping.
public struct YAMLDuplicateKey: Sendable, Hashable {
    public var key: String
    /// The first occurrence's key node.
    public var first: YAMLNode
    /// The repeated key node.
    public var duplicate: YAMLNode
}

/// A parsed document: the root node (nil for an empty document) and the duplicate keys seen.
public struct YAMLDocument: Sendable, Hashable {
    public var root: YAMLNode?
    public var duplicateKeys: [YAMLDuplicateKey]
}

/// A document that could not be parsed: why, and where the reading stopped. `message` is
/// libyaml's own English explanation; `reason` lets a caller explain it in its own words.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// libyaml's problem (`mapping values are not allowed in this context`), with the
        /// construct it was reading and where that construct started (`while scanning a quoted
        /// scalar`, line and column of the opening quote), when it says so.
        case syntax(problem: String, context: String?, contextLine: Int?, contextColumn: Int?)
        /// The file is not UTF-8 text libyaml can read.
        case unreadable(problem: String)
        case multipleDocuments
        case unknownAlias(String)
        case tooManyNodes(limit: Int)
        case tooDeep(limit: Int)
        case parserUnavailable
    }

    public var reason: Reason
    public var message: String
    public var line: Int
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.init(.syntax(problem: message, context: nil, contextLine: nil, contextColumn: nil),
                  message: message, line: line, column: column)
    }

    public init(_ reason: Reason, message: String, line: Int, column: Int) {
        self.reason = reason
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column): \(message)" }
}
